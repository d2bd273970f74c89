//! 100 verifications (four at a time) leave no container behind; prints the median and
//! p95 time per verification.

mod common;

use std::sync::Arc;

use bluecode_sandbox::{CancellationToken, Verdict, VerifyRequest};
use common::{docker_enabled, leftover_containers, sandbox};

const RUNS: usize = 100;
const CONCURRENCY: usize = 4;

/// The two measurements must not overlap, or each would time the other's load.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test(flavor = "multi_thread")]
async fn a_hundred_runs_leave_no_container() {
    if !docker_enabled("a_hundred_runs_leave_no_container") {
        return;
    }
    let _serial = SERIAL.lock().await;
    let sandbox = Arc::new(sandbox());
    let safe = VerifyRequest {
        language: "python".into(),
        module_source: "def greet(name: str) -> str:\n    return 'hello ' + name\n".into(),
        module_file: "greet.py".into(),
        function: "greet".into(),
        hint: None,
        ..Default::default()
    };
    let vulnerable = VerifyRequest {
        module_source: "import os\ndef greet(name):\n    os.system('echo hello ' + name)\n".into(),
        ..safe.clone()
    };
    let limit = Arc::new(tokio::sync::Semaphore::new(CONCURRENCY));
    let mut runs = tokio::task::JoinSet::new();
    for i in 0..RUNS {
        let sandbox = Arc::clone(&sandbox);
        let limit = Arc::clone(&limit);
        let request = if i % 2 == 0 {
            safe.clone()
        } else {
            vulnerable.clone()
        };
        runs.spawn(async move {
            let _permit = limit.acquire().await;
            let report = sandbox
                .verify(&request, &|_| {}, &CancellationToken::new())
                .await;
            (i, report)
        });
    }
    let mut times = Vec::with_capacity(RUNS);
    while let Some(joined) = runs.join_next().await {
        let (i, report) = joined.unwrap_or_else(|e| panic!("{e}"));
        match (i % 2, &report.verdict) {
            (0, Verdict::NotReproduced { .. }) | (1, Verdict::Confirmed { .. }) => {}
            _ => panic!("run {i}: unexpected {report:?}"),
        }
        times.push(report.timing.total_ms);
    }
    times.sort_unstable();
    let median = times[RUNS / 2];
    let p95 = times[(RUNS * 95).div_ceil(100) - 1];
    eprintln!(
        "MEASURED {RUNS} verifications, {CONCURRENCY} concurrent: median {median} ms, p95 {p95} ms, min {} ms, max {} ms",
        times[0],
        times[RUNS - 1]
    );
    assert!(
        leftover_containers().is_empty(),
        "left behind: {:?}",
        leftover_containers()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn sequential_verification_time() {
    if !docker_enabled("sequential_verification_time") {
        return;
    }
    let _serial = SERIAL.lock().await;
    let sandbox = sandbox();
    let request = VerifyRequest {
        language: "python".into(),
        module_source: common::fixture("python/command_vuln.py"),
        module_file: "command_vuln.py".into(),
        function: "ping".into(),
        hint: Some("CWE-78".into()),
        ..Default::default()
    };
    let mut times = Vec::new();
    for _ in 0..20 {
        let report = sandbox
            .verify(&request, &|_| {}, &CancellationToken::new())
            .await;
        assert!(
            matches!(report.verdict, Verdict::Confirmed { .. }),
            "{report:?}"
        );
        times.push(report.timing.total_ms);
    }
    times.sort_unstable();
    eprintln!(
        "MEASURED 20 sequential verifications: median {} ms, p95 {} ms",
        times[10], times[18]
    );
}
