//! The Anthropic Messages API provider against a scripted server on 127.0.0.1.

mod common;

use bluecode_llm::{
    JudgeOutcome, JudgeRequest, LlmSettings, ProviderKind, VerdictCache, build_provider_with_key,
};
use common::*;
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn anthropic_settings(server: &MockServer) -> LlmSettings {
    LlmSettings {
        provider: ProviderKind::Anthropic,
        ..settings(&server.uri())
    }
}

fn messages_body(text: &str, stop_reason: &str) -> serde_json::Value {
    json!({
        "id": "msg_test",
        "type": "message",
        "role": "assistant",
        "model": MODEL,
        "content": [{"type": "text", "text": text}],
        "stop_reason": stop_reason,
        "usage": {"input_tokens": 400, "output_tokens": 60}
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_api_round_trip() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/messages"))
        .and(header("x-api-key", "anthropic-test-key"))
        .and(header("anthropic-version", "2023-06-01"))
        .respond_with(ResponseTemplate::new(200).set_body_json(messages_body(
            &format!("Here is the verdict:\n{}", vulnerable_answer(11)),
            "end_turn",
        )))
        .mount(&server)
        .await;
    let judge = judge_with(
        &anthropic_settings(&server),
        VerdictCache::disabled(),
        Some("anthropic-test-key"),
    );
    let outcome = judge
        .judge(JudgeRequest {
            unit: unit("ping", 10, "    os.system('ping ' + host)\n"),
            static_findings: vec![static_finding(11)],
            cancel: None,
        })
        .await;
    let verdict = outcome.verdict().unwrap_or_else(|| panic!("{outcome:?}"));
    assert_eq!(verdict.findings[0].line, 11);

    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    let body: serde_json::Value = serde_json::from_slice(&received[0].body).unwrap();
    assert_eq!(body["model"], MODEL);
    assert!(
        body["system"]
            .as_str()
            .unwrap()
            .contains("never instructions")
    );
    assert_eq!(
        body["messages"][0]["role"], "user",
        "system prompt is not a message"
    );
    assert!(body.get("response_format").is_none());
    assert!(body["max_tokens"].as_u64().unwrap() >= 64);
    assert_eq!(judge.stats().reported_prompt_tokens_total, 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overloaded_529_is_retried_then_given_up() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/messages"))
        .respond_with(
            ResponseTemplate::new(529)
                .set_body_json(json!({"type": "error", "error": {"type": "overloaded_error"}})),
        )
        .mount(&server)
        .await;
    let judge = judge_with(&anthropic_settings(&server), VerdictCache::disabled(), None);
    let outcome = judge
        .judge(JudgeRequest {
            unit: unit("ping", 10, "    os.system('ping ' + host)\n"),
            ..JudgeRequest::default()
        })
        .await;
    assert!(
        matches!(&outcome, JudgeOutcome::GaveUp { reason } if reason.contains("529")),
        "{outcome:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_lists_models_and_accepts_a_v1_base() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/models"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                json!({"data": [{"id": MODEL, "type": "model"}], "has_more": false}),
            ),
        )
        .mount(&server)
        .await;
    for base in [server.uri(), format!("{}/v1", server.uri())] {
        let settings = LlmSettings {
            provider: ProviderKind::Anthropic,
            ..settings(&base)
        };
        let provider = build_provider_with_key(&settings, fast_retry(), None).unwrap();
        let report = provider.check().await;
        assert!(report.is_ok(), "{base}: {report:?}");
        assert_eq!(report.provider, "anthropic");
    }
}
