//! Shared fixtures for the integration tests: a scripted OpenAI-compatible server (wiremock
//! on 127.0.0.1), settings that point at it, sample units and constitutions.

#![allow(dead_code)] // each test binary uses a different subset

use std::sync::Arc;
use std::time::Duration;

use bluecode_llm::{
    ConstitutionDoc, Judge, LlmSettings, ProviderKind, RetryPolicy, Severity, StaticFinding,
    UnitInput, VerdictCache, build_provider_with_key,
};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

pub const MODEL: &str = "scripted-model";

/// Retries that keep the tests fast but still exercise every path.
pub fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_rate_limit_retries: 2,
        max_retry_after: Duration::from_secs(5),
        default_rate_limit_wait: Duration::from_millis(50),
        server_error_retries: 1,
        server_error_backoff: Duration::from_millis(50),
        max_body_bytes: 1024 * 1024,
    }
}

pub fn settings(base_url: &str) -> LlmSettings {
    LlmSettings {
        provider: ProviderKind::Openai,
        base_url: Some(base_url.to_string()),
        model: Some(MODEL.to_string()),
        timeout_secs: 10,
        max_concurrency: 4,
        ..LlmSettings::default()
    }
}

pub fn judge_with(settings: &LlmSettings, cache: VerdictCache, key: Option<&str>) -> Judge {
    let provider = build_provider_with_key(settings, fast_retry(), key.map(str::to_string))
        .expect("valid test settings");
    Judge::with_provider(provider, settings, constitutions(), cache).expect("valid judge")
}

pub fn judge(server: &MockServer) -> Judge {
    judge_with(
        &settings(&format!("{}/v1", server.uri())),
        VerdictCache::disabled(),
        None,
    )
}

pub fn constitutions() -> Vec<ConstitutionDoc> {
    vec![
        ConstitutionDoc {
            id: "py-command-injection".into(),
            title: "OS command injection".into(),
            category: "vulnerability".into(),
            cwe: vec!["CWE-78".into()],
            languages: vec!["python".into()],
            principle: "Never build a shell command from user input; pass an argument list.".into(),
            unsafe_example: "os.system('ping ' + host)".into(),
            safe_example: "subprocess.run(['ping', host])".into(),
            api_hints: vec!["os.system".into(), "subprocess.call".into()],
        },
        ConstitutionDoc {
            id: "py-sql-injection".into(),
            title: "SQL injection".into(),
            category: "vulnerability".into(),
            cwe: vec!["CWE-89".into()],
            languages: vec!["python".into()],
            principle: "Use parameterized queries; never format user input into SQL text.".into(),
            unsafe_example: "cursor.execute(\"SELECT * FROM t WHERE id = \" + uid)".into(),
            safe_example: "cursor.execute(\"SELECT * FROM t WHERE id = %s\", (uid,))".into(),
            api_hints: vec![],
        },
    ]
}

/// A Python unit named `name` at `start_line`, with `body` lines after its signature.
pub fn unit(name: &str, start_line: u32, body: &str) -> UnitInput {
    UnitInput {
        unit_id: format!("app.py::{name}"),
        path: "app.py".into(),
        language: "python".into(),
        code: format!("def {name}(host):\n{body}"),
        start_line,
        imports: vec!["import os".into()],
        enclosing_class: None,
        callee_signatures: vec![],
        caller_signatures: vec![],
    }
}

pub fn static_finding(line: u32) -> StaticFinding {
    StaticFinding {
        id: "s1".into(),
        constitution_id: "py-command-injection".into(),
        cwe: Some("CWE-78".into()),
        category: "vulnerability".into(),
        line,
        severity: Severity::Error,
        message: "user input reaches os.system".into(),
    }
}

/// An OpenAI chat-completion envelope around `content`.
pub fn chat_body(content: &str, finish_reason: &str) -> Value {
    json!({
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "model": MODEL,
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": content},
            "finish_reason": finish_reason
        }],
        "usage": {"prompt_tokens": 321, "completion_tokens": 45, "total_tokens": 366}
    })
}

pub fn ok_chat(content: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(chat_body(content, "stop"))
}

/// A verdict that confirms a CWE-78 finding on `line`.
pub fn vulnerable_answer(line: u32) -> String {
    json!({
        "verdict": "vulnerable",
        "findings": [{
            "line": line, "cwe": "CWE-78", "category": "vulnerability", "confidence": 0.9,
            "rationale": "host flows into a shell", "cited_constitutions": ["py-command-injection"]
        }],
        "disputes": []
    })
    .to_string()
}

/// Mounts a chat-completions endpoint answering with `responder`.
pub async fn mount_chat<R: wiremock::Respond + 'static>(server: &MockServer, responder: R) {
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(responder)
        .mount(server)
        .await;
}

/// The JSON bodies of the chat requests the server received.
pub async fn chat_requests(server: &MockServer) -> Vec<Value> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.url.path().ends_with("/chat/completions"))
        .map(|r: &Request| serde_json::from_slice(&r.body).unwrap_or(Value::Null))
        .collect()
}

/// Every message text of a chat request, joined.
pub fn all_text(request: &Value) -> String {
    request["messages"]
        .as_array()
        .map(|ms| {
            ms.iter()
                .filter_map(|m| m["content"].as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

pub fn shared(judge: Judge) -> Arc<Judge> {
    Arc::new(judge)
}

pub fn request(
    unit: bluecode_llm::UnitInput,
    findings: Vec<bluecode_llm::StaticFinding>,
) -> bluecode_llm::JudgeRequest {
    bluecode_llm::JudgeRequest {
        unit,
        static_findings: findings,
        cancel: None,
    }
}

/// The static finding is in the merged output whatever happened to the LLM request.
pub fn assert_static_survives(outcome: &bluecode_llm::JudgeOutcome) {
    let statics = vec![static_finding(11)];
    let merged = bluecode_llm::merge(&statics, outcome.verdict(), &constitutions());
    let kept: Vec<_> = merged
        .iter()
        .filter(|m| m.source == bluecode_llm::FindingSource::Static && m.id == "s1")
        .collect();
    assert_eq!(kept.len(), 1, "static finding lost: {merged:?}");
    assert!(
        kept[0].severity <= bluecode_llm::Severity::Warning
            || kept[0].severity == bluecode_llm::Severity::Error
    );
}

pub fn shell_unit() -> bluecode_llm::UnitInput {
    unit("ping", 10, "    os.system('ping ' + host)\n")
}
