//! Anthropic's Messages API (`POST {base}/v1/messages`, `GET {base}/v1/models`). Depends on
//! the shared HTTP layer. Anthropic has no JSON mode; the prompt asks for JSON and the
//! parser tolerates prose around it.

use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::check::CheckReport;
use super::http::Transport;
use super::{ApiKey, BoxFuture, ChatProvider, ChatRequest, ChatResponse, Role, TokenUsage};
use crate::error::LlmError;

const API_VERSION: &str = "2023-06-01";

/// An Anthropic endpoint. `base_url` is `https://api.anthropic.com` (a trailing `/v1` is
/// accepted too).
#[derive(Debug)]
pub struct AnthropicProvider {
    transport: Transport,
    /// The base with `/v1` appended exactly once.
    api_root: String,
    base_url: String,
    model: String,
    api_key: Option<ApiKey>,
}

#[derive(Serialize)]
struct WireRequest<'a> {
    model: &'a str,
    max_tokens: u32,
    system: &'a str,
    messages: Vec<WireMessage<'a>>,
    temperature: f32,
}

#[derive(Serialize)]
struct WireMessage<'a> {
    role: &'static str,
    content: &'a str,
}

#[derive(Deserialize)]
struct WireResponse {
    #[serde(default)]
    content: Vec<WireBlock>,
    stop_reason: Option<String>,
    usage: Option<WireUsage>,
}

#[derive(Deserialize)]
struct WireBlock {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    text: String,
}

#[derive(Deserialize)]
struct WireUsage {
    #[serde(default)]
    input_tokens: u64,
    #[serde(default)]
    output_tokens: u64,
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

impl AnthropicProvider {
    pub(crate) fn new(
        transport: Transport,
        base_url: String,
        model: String,
        api_key: Option<String>,
    ) -> Self {
        let api_root = if base_url.ends_with("/v1") {
            base_url.clone()
        } else {
            format!("{base_url}/v1")
        };
        AnthropicProvider {
            transport,
            api_root,
            base_url,
            model,
            api_key: api_key.map(ApiKey),
        }
    }

    fn headers(&self, builder: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        let builder = builder.header("anthropic-version", API_VERSION);
        match &self.api_key {
            Some(key) => builder.header("x-api-key", &key.0),
            None => builder,
        }
    }

    async fn complete_inner(&self, request: &ChatRequest) -> Result<ChatResponse, LlmError> {
        let url = format!("{}/messages", self.api_root);
        let wire = WireRequest {
            model: &self.model,
            max_tokens: request.max_tokens,
            system: &request.system,
            messages: request
                .messages
                .iter()
                .map(|m| WireMessage {
                    role: match m.role {
                        Role::User => "user",
                        Role::Assistant => "assistant",
                    },
                    content: &m.content,
                })
                .collect(),
            temperature: 0.0,
        };
        let body = serde_json::to_vec(&wire).map_err(|e| LlmError::Protocol {
            url: url.clone(),
            reason: e.to_string(),
        })?;
        let fetched = self
            .transport
            .fetch(&url, || {
                self.headers(self.transport.client().post(&url))
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(body.clone())
            })
            .await?;
        let parsed: WireResponse =
            serde_json::from_slice(&fetched.body).map_err(|e| LlmError::Protocol {
                url: url.clone(),
                reason: format!("not a Messages API answer: {e}"),
            })?;
        let text: String = parsed
            .content
            .into_iter()
            .filter(|b| b.kind == "text")
            .map(|b| b.text)
            .collect::<Vec<_>>()
            .join("\n");
        Ok(ChatResponse {
            text,
            truncated: parsed.stop_reason.as_deref() == Some("max_tokens"),
            usage: parsed.usage.map(|u| TokenUsage {
                prompt_tokens: u.input_tokens,
                completion_tokens: u.output_tokens,
            }),
            attempts: fetched.attempts,
        })
    }

    async fn check_inner(&self) -> CheckReport {
        let url = format!("{}/models", self.api_root);
        let started = Instant::now();
        let result = self
            .transport
            .fetch(&url, || self.headers(self.transport.client().get(&url)))
            .await;
        let mut report =
            CheckReport::new("anthropic", &self.base_url, &self.model, started.elapsed());
        match result {
            Err(e) => report.problem = Some(e.to_string()),
            Ok(fetched) => {
                report.endpoint_reachable = true;
                match serde_json::from_slice::<ModelList>(&fetched.body) {
                    Ok(list) => report.set_models(list.data.into_iter().map(|m| m.id).collect()),
                    Err(e) => report.problem = Some(format!("{url} did not list models: {e}")),
                }
            }
        }
        report
    }
}

impl ChatProvider for AnthropicProvider {
    fn name(&self) -> &'static str {
        "anthropic"
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
