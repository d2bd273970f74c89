//! OpenAI-compatible chat completions (`POST {base_url}/chat/completions`), which Ollama,
//! llama.cpp's server, vLLM, LM Studio, OpenAI and Azure OpenAI (v1 API via its base URL)
//! all speak. Depends on the shared HTTP layer.

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
}

#[derive(Serialize)]
struct WireRequest<'a> {
    model: &'a str,
    messages: Vec<WireMessage<'a>>,
    max_tokens: u32,
    temperature: f32,
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
        let wire = WireRequest {
            model: &self.model,
            messages,
            max_tokens: request.max_tokens,
            temperature: 0.0,
            response_format: request.json_mode.then_some(ResponseFormat {
                kind: "json_object",
            }),
        };
        let body = serde_json::to_vec(&wire).map_err(|e| LlmError::Protocol {
            url: url.clone(),
            reason: e.to_string(),
        })?;
        let fetched = self
            .transport
            .fetch(&url, || {
                self.authorize(self.transport.client().post(&url))
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(body.clone())
            })
            .await?;
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
