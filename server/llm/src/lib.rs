//! bluecode's LLM layer: an optional, constitution-guided second opinion on function units
//! and on whole AI instruction files (AGENTS.md, .cursorrules…).
//!
//! Plain data in, plain data out: no LSP types and no `serde_json::Value` in the public API,
//! and no dependency on other bluecode crates (an integration layer maps the engine's types
//! onto the input structs here). The layer is off unless [`LlmSettings::is_enabled`].
//!
//! Flow for one unit: [`Judge::judge`] → exclusion check → [`redact`] → [`retrieval`] of
//! constitutions and of labelled examples ([`Knowledge`]) → [`prompt`] within a token budget → [`cache`] lookup → a
//! [`provider::ChatProvider`] request (bounded retries, size cap, cancellation) →
//! [`verdict`] parsing (one retry with the parse error) → [`merge::merge`] with the static
//! findings, which can lower but never remove a static finding.

pub mod cache;
pub mod error;
pub mod judge;
pub mod merge;
pub mod prompt;
pub mod provider;
pub mod redact;
pub mod retrieval;
pub mod settings;
pub mod store;
pub mod types;
pub mod verdict;

pub use cache::{CacheKey, VerdictCache};
pub use error::LlmError;
pub use judge::{Judge, JudgeOutcome, JudgeRequest, JudgeStats};
pub use merge::{MergedFinding, merge};
pub use provider::{
    ChatProvider, CheckReport, RetryPolicy, build_provider, build_provider_with,
    build_provider_with_key,
};
pub use retrieval::Knowledge;
pub use settings::{DEFAULT_IDLE_MS, LlmSettings, ProviderKind};
pub use types::{
    ConstitutionDoc, FindingSource, INSTRUCTION_FILE, KnownExample, KnownKind, Severity,
    StaticFinding, UnitInput,
};
pub use verdict::{Confidence, LlmFinding, LlmVerdict, Verdict, VerdictDispute};
