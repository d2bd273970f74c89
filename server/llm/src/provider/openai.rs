//! OpenAI-compatible chat completions (`POST {base_url}/chat/completions`), which Ollama,
//! llama.cpp's server, vLLM, LM Studio, OpenAI and Azure OpenAI (v1 API via its base URL)
//! all speak. Depends on the shared HTTP layer.
//!
//! Endpoints differ in which request fields they accept (newer OpenAI models want
//! `max_completion_tokens` and only the default temperature; some local servers refuse
//! `response_format`). A 400 that names such a field is answered by resending without it,
//! and the provider remembers the adjustment for later requests.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::check::CheckReport;
use super::http::Transport;
use super::{ApiKey, BoxFuture, ChatProvider, ChatRequest, ChatResponse, Role, TokenUsage};
use crate::error::LlmError;

/// An OpenAI-compatible endpoint. `base_url` ends before `/chat/completions`, e.g.
/// `http://127.0.0.1:8765/v1`.
#[derive(Debug)]
pub struct OpenAiProvider {
    transport: Transport,
    base_url: String,
    model: String,
    api_key: Option<ApiKey>,
    compat: Compat,
}

/// Request fields this endpoint turned out not to accept.
#[derive(Debug, Default)]
struct Compat {
    use_max_completion_tokens: AtomicBool,
    omit_temperature: AtomicBool,
    omit_response_format: AtomicBool,
}

impl Compat {
    /// Learns from a 400's body; true when something new was learned (worth a resend).
    fn learn(&self, error_body: &str) -> bool {
        let body = error_body.to_ascii_lowercase();
        let mut learned = false;
        let mut set = |flag: &AtomicBool, applies: bool| {
            if applies && !flag.swap(true, Ordering::Relaxed) {
                learned = true;
            }
        };
        set(
            &self.use_max_completion_tokens,
            body.contains("max_completion_tokens"),
        );
        set(&self.omit_temperature, body.contains("temperature"));
        set(&self.omit_response_format, body.contains("response_format"));
        learned
    }
}

#[derive(Serialize)]
struct WireRequest<'a> {
    model: &'a str,
    messages: Vec<WireMessage<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_tokens: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_completion_tokens: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    temperature: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    response_format: Option<ResponseFormat>,
}

#[derive(Serialize)]
struct WireMessage<'a> {
    role: &'static str,
    content: &'a str,
}

#[derive(Serialize)]
struct ResponseFormat {
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Deserialize)]
struct WireResponse {
    #[serde(default)]
    choices: Vec<WireChoice>,
    usage: Option<WireUsage>,
}

#[derive(Deserialize)]
struct WireChoice {
    message: Option<WireChoiceMessage>,
    finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct WireChoiceMessage {
    content: Option<String>,
}

#[derive(Deserialize)]
struct WireUsage {
    #[serde(default)]
    prompt_tokens: u64,
    #[serde(default)]
    completion_tokens: u64,
}

#[derive(Deserialize)]
struct ModelList {
    #[serde(default)]
    data: Vec<ModelEntry>,
}

#[derive(Deserialize)]
struct ModelEntry {
    id: String,
}

impl OpenAiProvider {
    pub(crate) fn new(
        transport: Transport,
        base_url: String,
        model: String,
        api_key: Option<String>,
    ) -> Self {
        OpenAiProvider {
            transport,
            base_url,
            model,
            api_key: api_key.map(ApiKey),
            compat: Compat::default(),
        }
    }

    fn authorize(&self, builder: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.api_key {
            Some(key) => {
                let builder = builder.bearer_auth(&key.0);
                // Azure OpenAI authenticates with `api-key`; other hosts never see it.
                if self.base_url.contains(".azure.com") {
                    builder.header("api-key", &key.0)
                } else {
                    builder
                }
            }
            None => builder,
        }
    }

    async fn complete_inner(&self, request: &ChatRequest) -> Result<ChatResponse, LlmError> {
        let url = format!("{}/chat/completions", self.base_url);
        let mut messages = vec![WireMessage {
            role: "system",
            content: &request.system,
        }];
        messages.extend(request.messages.iter().map(|m| WireMessage {
            role: match m.role {
                Role::User => "user",
                Role::Assistant => "assistant",
            },
            content: &m.content,
        }));
        // Each resend drops at least one more field, so this ends after a few rounds.
        let mut rounds = 0;
        let fetched = loop {
            rounds += 1;
            let body = self.wire_body(&url, &messages, request)?;
            let result = self
                .transport
                .fetch(&url, || {
                    self.authorize(self.transport.client().post(&url))
                        .header(reqwest::header::CONTENT_TYPE, "application/json")
                        .body(body.clone())
                })
                .await;
            match result {
                Err(LlmError::Status {
                    status: 400,
                    ref body_excerpt,
                    ..
                }) if rounds <= 3 && self.compat.learn(body_excerpt) => {
                    tracing::info!(url, reason = %body_excerpt, "endpoint refused a request field; resending without it");
                }
                other => break other?,
            }
        };
        let parsed: WireResponse =
            serde_json::from_slice(&fetched.body).map_err(|e| LlmError::Protocol {
                url: url.clone(),
                reason: format!("not a chat completion: {e}"),
            })?;
        let choice = parsed
            .choices
            .into_iter()
            .next()
            .ok_or(LlmError::Protocol {
                url: url.clone(),
                reason: "no choices in the answer".into(),
            })?;
        Ok(ChatResponse {
            text: choice.message.and_then(|m| m.content).unwrap_or_default(),
            truncated: choice.finish_reason.as_deref() == Some("length"),
            usage: parsed.usage.map(|u| TokenUsage {
                prompt_tokens: u.prompt_tokens,
                completion_tokens: u.completion_tokens,
            }),
            attempts: fetched.attempts,
        })
    }

    fn wire_body(
        &self,
        url: &str,
        messages: &[WireMessage<'_>],
        request: &ChatRequest,
    ) -> Result<Vec<u8>, LlmError> {
        let completion_param = self
            .compat
            .use_max_completion_tokens
            .load(Ordering::Relaxed);
        let wire = WireRequest {
            model: &self.model,
            messages: messages
                .iter()
                .map(|m| WireMessage {
                    role: m.role,
                    content: m.content,
                })
                .collect(),
            max_tokens: (!completion_param).then_some(request.max_tokens),
            max_completion_tokens: completion_param.then_some(request.max_tokens),
            temperature: (!self.compat.omit_temperature.load(Ordering::Relaxed)).then_some(0.0),
            response_format: (request.json_mode
                && !self.compat.omit_response_format.load(Ordering::Relaxed))
            .then_some(ResponseFormat {
                kind: "json_object",
            }),
        };
        serde_json::to_vec(&wire).map_err(|e| LlmError::Protocol {
            url: url.to_string(),
            reason: e.to_string(),
        })
    }

    async fn check_inner(&self) -> CheckReport {
        let url = format!("{}/models", self.base_url);
        let started = Instant::now();
        let result = self
            .transport
            .fetch(&url, || self.authorize(self.transport.client().get(&url)))
            .await;
        let latency = started.elapsed();
        let mut report = CheckReport::new("openai", &self.base_url, &self.model, latency);
        match result {
            Err(e) => report.problem = Some(e.to_string()),
            Ok(fetched) => {
                report.endpoint_reachable = true;
                match serde_json::from_slice::<ModelList>(&fetched.body) {
                    Ok(list) => report.set_models(list.data.into_iter().map(|m| m.id).collect()),
                    Err(e) => {
                        report.problem = Some(format!("{url} did not list models: {e}"));
                    }
                }
            }
        }
        report
    }
}

impl ChatProvider for OpenAiProvider {
    fn name(&self) -> &'static str {
        "openai"
    }

    fn model(&self) -> &str {
        &self.model
    }

    fn complete<'a>(
        &'a self,
        request: &'a ChatRequest,
    ) -> BoxFuture<'a, Result<ChatResponse, LlmError>> {
        Box::pin(self.complete_inner(request))
    }

    fn check(&self) -> BoxFuture<'_, CheckReport> {
        Box::pin(self.check_inner())
    }
}
