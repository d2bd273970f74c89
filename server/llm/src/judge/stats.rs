//! Plain counters the server and CLI report (requests made, cache hits, tokens per request).

use std::sync::atomic::{AtomicU64, Ordering};

/// A snapshot of the counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JudgeStats {
    /// Chat requests sent (a parse retry is a second request; HTTP retries are not).
    pub requests_sent: u64,
    /// HTTP attempts, including retries after 429 and 5xx.
    pub http_attempts: u64,
    pub cache_hits: u64,
    /// Units that got a verdict (from the model or the cache).
    pub units_judged: u64,
    pub gave_up: u64,
    pub cancelled: u64,
    pub excluded: u64,
    pub parse_retries: u64,
    pub secrets_redacted: u64,
    /// Our ~4-chars-per-token estimate, summed over requests sent.
    pub estimated_prompt_tokens_total: u64,
    pub estimated_prompt_tokens_max: u64,
    /// What providers reported, when they did.
    pub reported_prompt_tokens_total: u64,
    pub reported_completion_tokens_total: u64,
}

impl JudgeStats {
    /// Average estimated prompt tokens per request sent (0 when none was sent).
    pub fn average_prompt_tokens(&self) -> u64 {
        self.estimated_prompt_tokens_total
            .checked_div(self.requests_sent)
            .unwrap_or(0)
    }
}

#[derive(Debug, Default)]
pub(super) struct Counters {
    pub requests_sent: AtomicU64,
    pub http_attempts: AtomicU64,
    pub cache_hits: AtomicU64,
    pub units_judged: AtomicU64,
    pub gave_up: AtomicU64,
    pub cancelled: AtomicU64,
    pub excluded: AtomicU64,
    pub parse_retries: AtomicU64,
    pub secrets_redacted: AtomicU64,
    pub estimated_prompt_tokens_total: AtomicU64,
    pub estimated_prompt_tokens_max: AtomicU64,
    pub reported_prompt_tokens_total: AtomicU64,
    pub reported_completion_tokens_total: AtomicU64,
}

pub(super) fn add(counter: &AtomicU64, n: u64) {
    counter.fetch_add(n, Ordering::Relaxed);
}

impl Counters {
    pub(super) fn record_prompt(&self, estimated_tokens: u64) {
        add(&self.requests_sent, 1);
        add(&self.estimated_prompt_tokens_total, estimated_tokens);
        self.estimated_prompt_tokens_max
            .fetch_max(estimated_tokens, Ordering::Relaxed);
    }

    pub(super) fn snapshot(&self) -> JudgeStats {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        JudgeStats {
            requests_sent: get(&self.requests_sent),
            http_attempts: get(&self.http_attempts),
            cache_hits: get(&self.cache_hits),
            units_judged: get(&self.units_judged),
            gave_up: get(&self.gave_up),
            cancelled: get(&self.cancelled),
            excluded: get(&self.excluded),
            parse_retries: get(&self.parse_retries),
            secrets_redacted: get(&self.secrets_redacted),
            estimated_prompt_tokens_total: get(&self.estimated_prompt_tokens_total),
            estimated_prompt_tokens_max: get(&self.estimated_prompt_tokens_max),
            reported_prompt_tokens_total: get(&self.reported_prompt_tokens_total),
            reported_completion_tokens_total: get(&self.reported_completion_tokens_total),
        }
    }
}
