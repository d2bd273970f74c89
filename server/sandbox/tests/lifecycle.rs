//! Container life cycle against a real engine: cancellation and dropped futures remove the
//! container, the reaper removes a dead owner's leftovers and keeps a live owner's, progress
//! is reported, and doctor describes a ready sandbox.

mod common;

use std::time::{Duration, Instant};

use bluecode_sandbox::{
    CancellationToken, Engine, InconclusiveCause, Progress, SandboxSettings, Stage, Verdict,
    VerifyRequest, doctor, owner::host_name, reap_leftovers,
};
use common::{docker_enabled, sandbox};

fn spinning_request() -> VerifyRequest {
    VerifyRequest {
        language: "python".into(),
        module_source: "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\ndef spin(x):\n    while True:\n        pass\n".into(),
        module_file: "spin.py".into(),
        function: "spin".into(),
        hint: None,
        ..Default::default()
    }
}

/// Containers labelled with this process's pid.
fn my_containers() -> Vec<String> {
    let output = std::process::Command::new("docker")
        .args([
            "ps",
            "-a",
            "-q",
            "--filter",
            &format!("label=bluecode.owner_pid={}", std::process::id()),
        ])
        .output()
        .unwrap_or_else(|e| panic!("docker ps: {e}"));
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

fn docker(args: &[&str]) -> String {
    let output = std::process::Command::new("docker")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("docker: {e}"));
    assert!(
        output.status.success(),
        "docker {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

/// The lifecycle tests share this process's pid label, so they run one after another.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test(flavor = "multi_thread")]
async fn cancelling_stops_the_run_and_removes_the_container() {
    if !docker_enabled("cancelling_stops_the_run_and_removes_the_container") {
        return;
    }
    let _serial = SERIAL.lock().await;
    let sandbox = sandbox();
    let cancel = CancellationToken::new();
    let trigger = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        trigger.cancel();
    });
    let started = Instant::now();
    let report = sandbox.verify(&spinning_request(), &|_| {}, &cancel).await;
    assert!(
        matches!(
            report.verdict,
            Verdict::Inconclusive {
                cause: InconclusiveCause::Cancelled,
                ..
            }
        ),
        "{report:?}"
    );
    // Cancelled at 1.5 s; removal is awaited before verify returns. Generous for loaded CI.
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "{:?}",
        started.elapsed()
    );
    assert!(
        my_containers().is_empty(),
        "left behind: {:?}",
        my_containers()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dropped_verification_removes_its_container() {
    if !docker_enabled("a_dropped_verification_removes_its_container") {
        return;
    }
    let _serial = SERIAL.lock().await;
    let sandbox = sandbox();
    let abandoned = tokio::time::timeout(
        Duration::from_millis(1500),
        sandbox.verify(&spinning_request(), &|_| {}, &CancellationToken::new()),
    )
    .await;
    assert!(abandoned.is_err(), "the run should still have been going");
    // The guard spawned the removal when the future was dropped; give the engine a moment.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !my_containers().is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(
        my_containers().is_empty(),
        "left behind: {:?}",
        my_containers()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_reaper_removes_dead_owners_containers_and_keeps_live_ones() {
    if !docker_enabled("the_reaper_removes_dead_owners_containers_and_keeps_live_ones") {
        return;
    }
    let _serial = SERIAL.lock().await;
    let host = host_name();
    let image = SandboxSettings::default().image;
    let host_label = format!("bluecode.owner_host={host}");
    // A pid above the kernel's pid_max cannot belong to a live process.
    let dead = docker(&[
        "create",
        "--label",
        "bluecode.sandbox=1",
        "--label",
        "bluecode.owner_pid=4194305",
        "--label",
        &host_label,
        &image,
        "true",
    ]);
    let me = bluecode_sandbox::owner::Owner::current();
    let live_pid = format!("bluecode.owner_pid={}", me.pid);
    let live_start = format!("bluecode.owner_start={}", me.start.unwrap_or_default());
    let live = docker(&[
        "create",
        "--label",
        "bluecode.sandbox=1",
        "--label",
        &live_pid,
        "--label",
        &live_start,
        "--label",
        &host_label,
        &image,
        "true",
    ]);
    let engine = Engine::connect(&SandboxSettings::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let report = reap_leftovers(&engine)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let still_there = docker(&[
        "ps",
        "-a",
        "-q",
        "--no-trunc",
        "--filter",
        "label=bluecode.sandbox=1",
    ]);
    docker(&["rm", "-f", &live]);
    assert!(report.removed.contains(&dead), "{report:?}");
    assert!(!still_there.contains(&dead), "{still_there}");
    assert!(still_there.contains(&live), "{still_there}");
}

#[tokio::test(flavor = "multi_thread")]
async fn progress_is_reported_in_order() {
    if !docker_enabled("progress_is_reported_in_order") {
        return;
    }
    let _serial = SERIAL.lock().await;
    let stages = std::sync::Mutex::new(Vec::new());
    let request = VerifyRequest {
        language: "python".into(),
        module_source: "def f(x):\n    return x\n".into(),
        module_file: "f.py".into(),
        function: "f".into(),
        hint: None,
        ..Default::default()
    };
    let report = sandbox()
        .verify(
            &request,
            &|p: Progress| {
                stages
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(p.stage)
            },
            &CancellationToken::new(),
        )
        .await;
    assert!(
        matches!(report.verdict, Verdict::NotReproduced { .. }),
        "{report:?}"
    );
    let stages = stages.into_inner().unwrap_or_else(|e| e.into_inner());
    assert_eq!(
        stages,
        vec![
            Stage::Connecting,
            Stage::PreparingHarness,
            Stage::Running,
            Stage::Done
        ]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn doctor_reports_a_ready_sandbox() {
    if !docker_enabled("doctor_reports_a_ready_sandbox") {
        return;
    }
    let _serial = SERIAL.lock().await;
    let report = doctor(&SandboxSettings::default()).await;
    eprintln!(
        "{}",
        serde_json::to_string_pretty(&report).unwrap_or_default()
    );
    assert!(report.is_ready(), "{report:?}");
    let engine = report
        .engine
        .as_ref()
        .map(|e| e.negotiated_api_version.clone())
        .unwrap_or_default();
    assert!(!engine.is_empty());
    let output = report.test_run_output.unwrap_or_default();
    assert!(
        output.contains("python 3") && output.contains("node v") && output.contains("uid 65534"),
        "{output}"
    );

    let missing = doctor(&SandboxSettings {
        image: "bluecode-sandbox:does-not-exist".into(),
        ..SandboxSettings::default()
    })
    .await;
    assert!(
        missing.problems.iter().any(|p| p.contains("build-image")),
        "{missing:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn custom_scripts_run_hardened_in_both_languages() {
    if !docker_enabled("custom_scripts_run_hardened_in_both_languages") {
        return;
    }
    let _serial = SERIAL.lock().await;
    let sandbox = sandbox();
    let cancel = CancellationToken::new();
    let python = sandbox
        .run_script(
            bluecode_sandbox::Language::Python,
            "import os\nprint('py', os.getuid())\n",
            &cancel,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(python.stdout.trim(), "py 65534", "{python:?}");
    let node = sandbox
        .run_script(
            bluecode_sandbox::Language::JavaScript,
            "console.log('js', process.getuid());",
            &cancel,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(node.stdout.trim(), "js 65534", "{node:?}");
    assert!(
        my_containers().is_empty(),
        "left behind: {:?}",
        my_containers()
    );
}
