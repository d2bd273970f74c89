//! How every failure mode of an OpenAI-compatible endpoint ends — rate limits, 5xx,
//! timeouts, malformed, truncated and oversized answers, refused request fields — never a
//! panic, a hang, or a lost static finding. Scripted server on 127.0.0.1.

mod common;

use std::time::{Duration, Instant};

use bluecode_llm::{JudgeOutcome, LlmSettings, VerdictCache};
use common::*;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_with_retry_after_is_waited_out() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    mount_chat(&server, ok_chat(&vulnerable_answer(11))).await;
    let judge = judge(&server);
    let started = Instant::now();
    let outcome = judge
        .judge(request(shell_unit(), vec![static_finding(11)]))
        .await;
    assert!(outcome.verdict().is_some(), "{outcome:?}");
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "Retry-After honoured"
    );
    assert_eq!(judge.stats().http_attempts, 2);
    assert_eq!(judge.stats().requests_sent, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreasonable_retry_after_fails_fast() {
    let server = MockServer::start().await;
    mount_chat(
        &server,
        ResponseTemplate::new(429).insert_header("Retry-After", "3600"),
    )
    .await;
    let started = Instant::now();
    let outcome = judge(&server)
        .judge(request(shell_unit(), vec![static_finding(11)]))
        .await;
    assert!(
        matches!(&outcome, JudgeOutcome::GaveUp { reason } if reason.contains("rate limited")),
        "{outcome:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(chat_requests(&server).await.len(), 1);
    assert_static_survives(&outcome);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_500_is_retried_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500).set_body_string("boom"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    mount_chat(&server, ok_chat(&vulnerable_answer(11))).await;
    let outcome = judge(&server).judge(request(shell_unit(), vec![])).await;
    assert!(outcome.verdict().is_some(), "{outcome:?}");
    assert_eq!(chat_requests(&server).await.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn persistent_500s_give_up_after_one_retry() {
    let server = MockServer::start().await;
    mount_chat(
        &server,
        ResponseTemplate::new(503).set_body_string("overloaded"),
    )
    .await;
    let outcome = judge(&server)
        .judge(request(shell_unit(), vec![static_finding(11)]))
        .await;
    assert!(
        matches!(&outcome, JudgeOutcome::GaveUp { reason } if reason.contains("503") && reason.contains("overloaded")),
        "{outcome:?}"
    );
    assert_eq!(chat_requests(&server).await.len(), 2);
    assert_static_survives(&outcome);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_answer_times_out() {
    let server = MockServer::start().await;
    mount_chat(
        &server,
        ok_chat(&vulnerable_answer(11)).set_delay(Duration::from_secs(8)),
    )
    .await;
    let settings = LlmSettings {
        timeout_secs: 1,
        ..settings(&format!("{}/v1", server.uri()))
    };
    let judge = judge_with(&settings, VerdictCache::disabled(), None);
    let started = Instant::now();
    let outcome = judge
        .judge(request(shell_unit(), vec![static_finding(11)]))
        .await;
    assert!(
        matches!(&outcome, JudgeOutcome::GaveUp { reason } if reason.contains("timed out")),
        "{outcome:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_static_survives(&outcome);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_json_is_retried_once_with_the_parse_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ok_chat("I cannot decide, the code looks fine to me."))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    mount_chat(
        &server,
        ok_chat(&format!(
            "Here you go:\n```json\n{}\n```",
            vulnerable_answer(11)
        )),
    )
    .await;
    let judge = judge(&server);
    let outcome = judge.judge(request(shell_unit(), vec![])).await;
    assert_eq!(outcome.verdict().unwrap().findings.len(), 1);
    let sent = chat_requests(&server).await;
    assert_eq!(sent.len(), 2);
    let retry = sent[1]["messages"].as_array().unwrap();
    assert_eq!(
        retry.len(),
        4,
        "system, user, the bad answer, the follow-up"
    );
    assert_eq!(retry[2]["role"], "assistant");
    assert!(
        retry[3]["content"]
            .as_str()
            .unwrap()
            .contains("no JSON object found")
    );
    assert_eq!(judge.stats().parse_retries, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_twice_gives_up_cleanly() {
    let server = MockServer::start().await;
    mount_chat(&server, ok_chat("{ this is not json at all }")).await;
    let judge = judge(&server);
    let outcome = judge
        .judge(request(shell_unit(), vec![static_finding(11)]))
        .await;
    assert!(
        matches!(&outcome, JudgeOutcome::GaveUp { reason } if reason.contains("after a retry")),
        "{outcome:?}"
    );
    assert_eq!(chat_requests(&server).await.len(), 2);
    assert_eq!(judge.stats().gave_up, 1);
    assert_static_survives(&outcome);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_non_json_envelope_gives_up() {
    let server = MockServer::start().await;
    mount_chat(
        &server,
        ResponseTemplate::new(200).set_body_string("<html>proxy error</html>"),
    )
    .await;
    let outcome = judge(&server)
        .judge(request(shell_unit(), vec![static_finding(11)]))
        .await;
    assert!(
        matches!(&outcome, JudgeOutcome::GaveUp { reason } if reason.contains("not a chat completion")),
        "{outcome:?}"
    );
    assert_static_survives(&outcome);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn truncated_json_keeps_what_parses() {
    let server = MockServer::start().await;
    // Written out by hand: the key order matters for where the cut falls.
    let full = r#"{"verdict":"vulnerable","findings":[{"line":11,"cwe":"CWE-78","confidence":"high","rationale":"shell","cited_constitutions":["py-command-injection"]},{"line":10,"cwe":"CWE-20","confidence":"low","rationale":"no validation of host at all"}],"disputes":[]}"#;
    let cut = &full[..full.len() - 25];
    mount_chat(
        &server,
        ResponseTemplate::new(200).set_body_json(chat_body(cut, "length")),
    )
    .await;
    let cache_dir = tempfile::tempdir().unwrap();
    let judge = judge_with(
        &settings(&format!("{}/v1", server.uri())),
        VerdictCache::open(cache_dir.path()),
        None,
    );
    let outcome = judge.judge(request(shell_unit(), vec![])).await;
    let verdict = outcome.verdict().expect("partial verdict");
    assert!(verdict.partial);
    assert_eq!(verdict.findings.len(), 1);
    assert_eq!(verdict.findings[0].line, 11);
    assert_eq!(
        chat_requests(&server).await.len(),
        1,
        "partial answers are not retried"
    );
    let again = judge.judge(request(shell_unit(), vec![])).await;
    assert!(
        matches!(
            again,
            JudgeOutcome::Judged {
                from_cache: false,
                ..
            }
        ),
        "partial answers are not cached"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ten_megabyte_answer_is_refused_without_buffering_it() {
    let server = MockServer::start().await;
    let huge = "x".repeat(10 * 1024 * 1024);
    mount_chat(
        &server,
        ResponseTemplate::new(200).set_body_json(chat_body(&huge, "stop")),
    )
    .await;
    let outcome = judge(&server)
        .judge(request(shell_unit(), vec![static_finding(11)]))
        .await;
    assert!(
        matches!(&outcome, JudgeOutcome::GaveUp { reason } if reason.contains("exceeded 1048576 bytes")),
        "{outcome:?}"
    );
    assert_static_survives(&outcome);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_request_fields_are_dropped_and_remembered() {
    let server = MockServer::start().await;
    // Like a newer hosted model: no `max_tokens`, no temperature but the default.
    mount_chat(&server, |req: &Request| {
        let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap_or_default();
        let refuse = |param: &str, message: &str| {
            ResponseTemplate::new(400).set_body_json(json!({
                "error": {"message": message, "type": "invalid_request_error", "param": param}
            }))
        };
        if body.get("max_tokens").is_some() {
            refuse("max_tokens", "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.")
        } else if body.get("temperature").is_some() {
            refuse("temperature", "Unsupported value: 'temperature' does not support 0 with this model.")
        } else {
            ok_chat(&vulnerable_answer(11))
        }
    })
    .await;
    let judge = judge(&server);
    assert!(
        judge
            .judge(request(shell_unit(), vec![]))
            .await
            .verdict()
            .is_some()
    );
    assert_eq!(
        chat_requests(&server).await.len(),
        3,
        "two refusals, then success"
    );
    let other = unit("other", 20, "    os.system(host)\n");
    assert!(
        judge
            .judge(request(other, vec![]))
            .await
            .verdict()
            .is_some()
    );
    let sent = chat_requests(&server).await;
    assert_eq!(sent.len(), 4, "the adjustment is remembered");
    assert!(sent[3]["max_completion_tokens"].as_u64().is_some());
    assert!(sent[3].get("temperature").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unrelated_400_is_not_resent() {
    let server = MockServer::start().await;
    mount_chat(
        &server,
        ResponseTemplate::new(400).set_body_string("model not loaded"),
    )
    .await;
    let outcome = judge(&server)
        .judge(request(shell_unit(), vec![static_finding(11)]))
        .await;
    assert!(
        matches!(&outcome, JudgeOutcome::GaveUp { reason } if reason.contains("400")),
        "{outcome:?}"
    );
    assert_eq!(chat_requests(&server).await.len(), 1);
    assert_static_survives(&outcome);
}
