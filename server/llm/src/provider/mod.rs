//! Providers behind one trait: the chat request/response data, the [`ChatProvider`] trait,
//! and [`build_provider`] which picks the implementation from [`LlmSettings`].
//!
//! May depend on `settings`, `error` and the HTTP layer in `http`; knows nothing about
//! prompts, verdicts or caching.

mod anthropic;
mod check;
pub(crate) mod http;
mod openai;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

pub use anthropic::AnthropicProvider;
pub use check::CheckReport;
pub use http::RetryPolicy;
pub use openai::OpenAiProvider;

use crate::error::LlmError;
use crate::settings::{LlmSettings, ProviderKind};

/// A boxed future, so that the trait stays object-safe (`Arc<dyn ChatProvider>`).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Who said a message in the conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    User,
    Assistant,
}

/// One turn of the conversation (the system prompt is separate: Anthropic wants it so).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatMessage {
    pub role: Role,
    pub content: String,
}

/// What we ask a provider for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatRequest {
    pub system: String,
    pub messages: Vec<ChatMessage>,
    pub max_tokens: u32,
    /// Ask for a JSON object where the provider supports it (OpenAI `response_format`).
    pub json_mode: bool,
}

/// Token counts as the provider reports them (absent on some local servers).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TokenUsage {
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
}

/// The model's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatResponse {
    pub text: String,
    /// The model stopped because it hit `max_tokens` (its JSON may be cut off).
    pub truncated: bool,
    pub usage: Option<TokenUsage>,
    /// HTTP attempts this answer took (1 unless retried after a 429 or 5xx).
    pub attempts: u32,
}

/// One LLM endpoint. Dropping a returned future drops its HTTP request.
pub trait ChatProvider: Send + Sync + std::fmt::Debug {
    /// `openai` or `anthropic`.
    fn name(&self) -> &'static str;
    /// The configured model.
    fn model(&self) -> &str;
    /// Sends one chat request (with the transport's retries) and returns the text.
    fn complete<'a>(
        &'a self,
        request: &'a ChatRequest,
    ) -> BoxFuture<'a, Result<ChatResponse, LlmError>>;
    /// Whether the endpoint answers and the model exists (for `bluecode llm check`).
    fn check(&self) -> BoxFuture<'_, CheckReport>;
}

/// [`ChatProvider::complete`] that also ends (and drops the request) when `cancel` fires.
pub async fn complete_cancellable(
    provider: &dyn ChatProvider,
    request: &ChatRequest,
    cancel: &CancellationToken,
) -> Result<ChatResponse, LlmError> {
    if cancel.is_cancelled() {
        return Err(LlmError::Cancelled);
    }
    tokio::select! {
        biased;
        _ = cancel.cancelled() => Err(LlmError::Cancelled),
        result = provider.complete(request) => result,
    }
}

/// Builds the provider the settings describe, reading the API key from the named variable.
pub fn build_provider(settings: &LlmSettings) -> Result<Arc<dyn ChatProvider>, LlmError> {
    build_provider_with(settings, RetryPolicy::default())
}

/// As [`build_provider`], with an explicit retry policy (tests shorten the back-offs).
pub fn build_provider_with(
    settings: &LlmSettings,
    retry: RetryPolicy,
) -> Result<Arc<dyn ChatProvider>, LlmError> {
    settings.validate()?;
    let api_key = match settings.api_key_env.as_deref() {
        Some(name) => Some(std::env::var(name).map_err(|_| LlmError::MissingApiKey {
            name: name.to_string(),
        })?),
        None => None,
    };
    build_provider_with_key(settings, retry, api_key)
}

/// As [`build_provider_with`], with the key given directly instead of read from
/// `api_key_env` (for a caller that resolved it itself).
pub fn build_provider_with_key(
    settings: &LlmSettings,
    retry: RetryPolicy,
    api_key: Option<String>,
) -> Result<Arc<dyn ChatProvider>, LlmError> {
    settings.validate()?;
    let transport = http::Transport::new(Duration::from_secs(settings.timeout_secs), retry)?;
    let base_url = settings.base_url_trimmed().to_string();
    let model = settings.model_name().to_string();
    Ok(match settings.provider {
        ProviderKind::Openai => Arc::new(OpenAiProvider::new(transport, base_url, model, api_key)),
        ProviderKind::Anthropic => {
            Arc::new(AnthropicProvider::new(transport, base_url, model, api_key))
        }
    })
}

/// Keeps a key out of `Debug` output and logs.
#[derive(Clone)]
pub(crate) struct ApiKey(pub(crate) String);

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKey(<hidden>)")
    }
}
