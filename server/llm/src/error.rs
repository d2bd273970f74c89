//! The crate's error type. Depends on nothing else in the crate, so every module can use it.
//!
//! Every variant is an *expected* failure (bad settings, an endpoint that is down, a model
//! that answers nonsense): callers turn them into a log line or a user-facing message.

use std::time::Duration;

/// Everything that can go wrong in the LLM layer.
#[derive(Debug, thiserror::Error)]
pub enum LlmError {
    /// A setting is missing or wrong; `key` is the settings key as the user writes it.
    #[error("invalid LLM setting `{key}`: {reason}")]
    InvalidSetting { key: &'static str, reason: String },

    /// `api_key_env` names a variable that is not set (the key itself is never printed).
    #[error("the environment variable `{name}` named by `api_key_env` is not set")]
    MissingApiKey { name: String },

    /// The HTTP client could not be built (TLS backend, proxy settings).
    #[error("could not build the HTTP client: {0}")]
    Client(String),

    /// Connecting, sending or reading failed before a complete answer arrived.
    #[error("request to {url} failed: {reason}")]
    Transport { url: String, reason: String },

    /// The whole request (all attempts) took longer than the configured timeout.
    #[error("request to {url} timed out after {after:?}")]
    Timeout { url: String, after: Duration },

    /// The endpoint kept answering 429 or asked us to wait longer than we are willing to.
    #[error("rate limited by {url}{}", retry_after.map(|d| format!(" (asked to wait {d:?})")).unwrap_or_default())]
    RateLimited {
        url: String,
        retry_after: Option<Duration>,
    },

    /// A non-success HTTP status that retries did not cure.
    #[error("{url} answered HTTP {status}: {body_excerpt}")]
    Status {
        url: String,
        status: u16,
        body_excerpt: String,
    },

    /// The response body exceeded the size cap; it was not buffered further.
    #[error("response from {url} exceeded {limit} bytes")]
    ResponseTooLarge { url: String, limit: usize },

    /// The provider's envelope (not the model's text) was not what its API documents.
    #[error("unexpected response shape from {url}: {reason}")]
    Protocol { url: String, reason: String },

    /// The model's text did not contain a usable verdict.
    #[error("could not parse the model's answer: {0}")]
    Parse(String),

    /// The request was cancelled (the unit changed, or the caller gave up).
    #[error("cancelled")]
    Cancelled,

    /// The on-disk verdict cache failed in a way that could not be repaired.
    #[error("verdict cache: {0}")]
    Cache(String),
}

impl LlmError {
    /// Whether retrying the same request later could succeed (used for logging tone only;
    /// the retry policy itself lives in the HTTP layer).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            LlmError::Transport { .. }
                | LlmError::Timeout { .. }
                | LlmError::RateLimited { .. }
                | LlmError::Status {
                    status: 500..=599,
                    ..
                }
        )
    }
}
