//! The HTTP layer shared by every provider: one overall deadline per call, bounded retries
//! (429 with `Retry-After`, one retry after a 5xx), and a cap on how much of a response body
//! is ever buffered. Depends on reqwest and [`crate::error`] only.

use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Client, RequestBuilder, Response, StatusCode};
use tokio::time::Instant;

use crate::error::LlmError;

/// How hard the transport tries before it gives up. The defaults suit a real endpoint;
/// tests shorten the waits.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// How many times a 429 is retried.
    pub max_rate_limit_retries: u32,
    /// A `Retry-After` longer than this is not waited for: the call fails at once.
    pub max_retry_after: Duration,
    /// Wait used when a 429 carries no (parsable) `Retry-After`.
    pub default_rate_limit_wait: Duration,
    /// How many times a 5xx is retried.
    pub server_error_retries: u32,
    /// Wait before retrying a 5xx (doubled for each further retry).
    pub server_error_backoff: Duration,
    /// Bodies larger than this are rejected without being buffered further.
    pub max_body_bytes: usize,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_rate_limit_retries: 2,
            max_retry_after: Duration::from_secs(30),
            default_rate_limit_wait: Duration::from_secs(2),
            server_error_retries: 1,
            server_error_backoff: Duration::from_millis(500),
            max_body_bytes: 1024 * 1024,
        }
    }
}

/// A reqwest client plus the policy above.
#[derive(Debug, Clone)]
pub(crate) struct Transport {
    client: Client,
    timeout: Duration,
    retry: RetryPolicy,
}

/// A successful body and how many attempts it took.
pub(crate) struct Fetched {
    pub body: Vec<u8>,
    pub attempts: u32,
}

impl Transport {
    pub(crate) fn new(timeout: Duration, retry: RetryPolicy) -> Result<Self, LlmError> {
        let client = Client::builder()
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .timeout(timeout)
            .user_agent(concat!("bluecode-llm/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| LlmError::Client(e.to_string()))?;
        Ok(Transport {
            client,
            timeout,
            retry,
        })
    }

    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    /// Sends the request `build` makes (called again for each retry) under one deadline.
    pub(crate) async fn fetch(
        &self,
        url: &str,
        build: impl Fn() -> RequestBuilder,
    ) -> Result<Fetched, LlmError> {
        let deadline = Instant::now() + self.timeout;
        match tokio::time::timeout_at(deadline, self.fetch_with_retries(url, deadline, build)).await
        {
            Ok(result) => result,
            Err(_) => Err(LlmError::Timeout {
                url: url.to_string(),
                after: self.timeout,
            }),
        }
    }

    async fn fetch_with_retries(
        &self,
        url: &str,
        deadline: Instant,
        build: impl Fn() -> RequestBuilder,
    ) -> Result<Fetched, LlmError> {
        let mut attempts = 0u32;
        let mut rate_limit_retries = 0u32;
        let mut server_error_retries = 0u32;
        loop {
            attempts += 1;
            let response = build()
                .send()
                .await
                .map_err(|e| self.transport_error(url, e))?;
            let status = response.status();
            if status.is_success() {
                let body = self.read_capped(url, response).await?;
                return Ok(Fetched { body, attempts });
            }
            if status == StatusCode::TOO_MANY_REQUESTS {
                let asked = retry_after(response.headers());
                let wait = asked.unwrap_or(self.retry.default_rate_limit_wait);
                let fits_deadline = Instant::now() + wait < deadline;
                if rate_limit_retries < self.retry.max_rate_limit_retries
                    && wait <= self.retry.max_retry_after
                    && fits_deadline
                {
                    rate_limit_retries += 1;
                    tracing::debug!(url, ?wait, "rate limited; waiting before retrying");
                    tokio::time::sleep(wait).await;
                    continue;
                }
                return Err(LlmError::RateLimited {
                    url: url.to_string(),
                    retry_after: asked,
                });
            }
            if status.is_server_error() && server_error_retries < self.retry.server_error_retries {
                let wait = self.retry.server_error_backoff * 2u32.pow(server_error_retries);
                server_error_retries += 1;
                tracing::debug!(url, %status, ?wait, "server error; retrying once");
                tokio::time::sleep(wait).await;
                continue;
            }
            let body_excerpt = self.excerpt(response).await;
            return Err(LlmError::Status {
                url: url.to_string(),
                status: status.as_u16(),
                body_excerpt,
            });
        }
    }

    /// Reads the body chunk by chunk and stops as soon as it passes the cap.
    async fn read_capped(&self, url: &str, mut response: Response) -> Result<Vec<u8>, LlmError> {
        let limit = self.retry.max_body_bytes;
        let too_large = || LlmError::ResponseTooLarge {
            url: url.to_string(),
            limit,
        };
        if response.content_length().is_some_and(|n| n > limit as u64) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| self.transport_error(url, e))?
        {
            if body.len() + chunk.len() > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    /// The start of an error body, for the error message (never more than 300 bytes kept).
    async fn excerpt(&self, mut response: Response) -> String {
        const KEEP: usize = 300;
        let mut kept = Vec::new();
        while kept.len() < KEEP {
            match response.chunk().await {
                Ok(Some(chunk)) => kept.extend_from_slice(&chunk),
                _ => break,
            }
        }
        kept.truncate(KEEP);
        String::from_utf8_lossy(&kept).trim().to_string()
    }

    fn transport_error(&self, url: &str, error: reqwest::Error) -> LlmError {
        if error.is_timeout() {
            LlmError::Timeout {
                url: url.to_string(),
                after: self.timeout,
            }
        } else {
            // Walk the source chain: reqwest's top-level message alone is often just
            // "error sending request".
            let mut reason = error.to_string();
            let mut source = std::error::Error::source(&error);
            while let Some(inner) = source {
                reason.push_str(": ");
                reason.push_str(&inner.to_string());
                source = inner.source();
            }
            LlmError::Transport {
                url: url.to_string(),
                reason,
            }
        }
    }
}

/// `Retry-After` in seconds (the HTTP-date form is rare for APIs and treated as absent).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    value
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s >= 0.0 && *s < 86_400.0)
        .map(Duration::from_secs_f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn retry_after_accepts_seconds_and_ignores_garbage() {
        let mut h = HeaderMap::new();
        assert_eq!(retry_after(&h), None);
        h.insert(RETRY_AFTER, HeaderValue::from_static("3"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(3)));
        h.insert(RETRY_AFTER, HeaderValue::from_static("0.5"));
        assert_eq!(retry_after(&h), Some(Duration::from_millis(500)));
        h.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&h), None);
        h.insert(RETRY_AFTER, HeaderValue::from_static("-4"));
        assert_eq!(retry_after(&h), None);
    }
}
