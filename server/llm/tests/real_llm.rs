//! Opt-in: the wire path against a REAL local model server (llama-cpp-python with the tiny
//! Gemma 3 270M GGUF; `.ci/llm-server.sh start` prints the variables to set):
//!
//!   BLUECODE_REAL_LLM_URL=http://127.0.0.1:8765/v1 BLUECODE_REAL_LLM_MODEL=gemma-3-270m \
//!     cargo test -p bluecode-llm --test real_llm -- --nocapture
//!
//! The model's judgements are noise: this checks that a request is made and ends in either
//! a parsable verdict or a clean give-up, that the static finding survives the merge, and
//! that a second run is served from the cache. It never asserts a security verdict.

mod common;

use std::time::Instant;

use bluecode_llm::{FindingSource, JudgeOutcome, JudgeRequest, LlmSettings, VerdictCache, merge};
use common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_local_model_wire_path() {
    let (Ok(url), Ok(model)) = (
        std::env::var("BLUECODE_REAL_LLM_URL"),
        std::env::var("BLUECODE_REAL_LLM_MODEL"),
    ) else {
        eprintln!("skipped: set BLUECODE_REAL_LLM_URL and BLUECODE_REAL_LLM_MODEL to run");
        return;
    };
    let settings = LlmSettings {
        model: Some(model),
        timeout_secs: 120,
        max_tokens: 400,
        prompt_budget_tokens: 3000,
        ..settings(&url)
    };
    let provider = bluecode_llm::build_provider_with(&settings, fast_retry()).unwrap();
    let report = provider.check().await;
    assert!(report.is_ok(), "{}", report.summary());

    let cache_dir = tempfile::tempdir().unwrap();
    let judge = bluecode_llm::Judge::with_provider(
        provider,
        &settings,
        constitutions(),
        VerdictCache::open(cache_dir.path()),
    )
    .unwrap();
    let statics = vec![static_finding(12)];
    let request = JudgeRequest {
        unit: unit(
            "ping",
            10,
            "    cmd = 'ping -c 1 ' + host\n    os.system(cmd)\n    return True\n",
        ),
        static_findings: statics.clone(),
        cancel: None,
    };
    let started = Instant::now();
    let outcome = judge.judge(request.clone()).await;
    let latency = started.elapsed();
    let stats = judge.stats();
    eprintln!(
        "real model: {outcome:?}\nlatency {latency:?}, requests {}, estimated prompt tokens {} (max {}), reported prompt/completion tokens {}/{}",
        stats.requests_sent,
        stats.estimated_prompt_tokens_total,
        stats.estimated_prompt_tokens_max,
        stats.reported_prompt_tokens_total,
        stats.reported_completion_tokens_total
    );
    assert!(stats.requests_sent >= 1, "a request was made");
    assert!(
        matches!(
            outcome,
            JudgeOutcome::Judged {
                from_cache: false,
                ..
            } | JudgeOutcome::GaveUp { .. }
        ),
        "{outcome:?}"
    );
    let merged = merge(&statics, outcome.verdict(), &constitutions());
    assert!(
        merged
            .iter()
            .any(|m| m.source == FindingSource::Static && m.id == "s1")
    );

    if outcome.verdict().is_some() {
        let again = judge.judge(request).await;
        assert!(
            matches!(
                again,
                JudgeOutcome::Judged {
                    from_cache: true,
                    ..
                }
            ),
            "{again:?}"
        );
        assert_eq!(
            judge.stats().requests_sent,
            stats.requests_sent,
            "cache hit sends nothing"
        );
    }
}
