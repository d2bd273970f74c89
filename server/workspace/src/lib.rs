//! The workspace layer — the review core every front end shares (the CLI, the language
//! server, the MCP server). It holds no protocol: plain data in, plain data out.
//!
//! - [`Workspace`]: a root, its [`WorkspaceSettings`] (the one typed settings module:
//!   `bluecode.toml` with the editor's layer merged over it), the constitutions' engine
//!   and the skip rules ([`Skip`]).
//! - [`DocumentReview`]: one document's state — its path, the per-unit analysis cache,
//!   the LLM verdicts and sandbox verdicts recorded by unit hash.
//! - [`Workspace::review`]: findings plus the judge requests due ([`JudgeWhen`] says
//!   when: at once for the CLI, after a pause for the editor); answers come back through
//!   [`DocumentReview::record_llm`] and [`DocumentReview::record_sandbox`].
//! - [`unit_at_line`] and [`Workspace::sandbox_job`]: the unit "verify" runs.
//! - [`IndexState`]: the workspace index (function summaries, resolved calls, the
//!   facts each document's taint walk consults) and which documents a change affects.
//!
//! The bridges turn findings into judge and sandbox requests and fold answers back.
//! [`baseline`]: fingerprints of findings and which of them are new against a baseline.
//!
//! May depend on: syntax, constitutions, analysis, llm, sandbox. Must not know LSP or
//! JSON-RPC.

pub mod baseline;
mod document_review;
mod index;
mod index_cache;
mod judge_view;
mod knowledge;
mod llm_bridge;
mod review;
mod sandbox_bridge;
pub mod settings;
mod skip;
mod units;

pub use document_review::{DocumentKind, DocumentReview, SandboxRecord};
pub use index::IndexState;
pub use index_cache::IndexCache;
pub use judge_view::LlmRecord;
pub use llm_bridge::{
    apply_llm_outcome, constitution_docs, judge_request, static_findings, unit_source_lines,
};
pub use review::{
    JudgeDue, JudgeJob, JudgeTicket, JudgeWhen, Review, SandboxJob, SandboxTicket, Workspace,
};
pub use sandbox_bridge::{
    apply_verification, behaviour_request, is_behaviour_finding, verify_request,
};
pub use settings::{SettingsFile, WorkspaceSettings, WorkspaceSettingsError};
pub use skip::Skip;
pub use units::{has_parse_errors, unit_at_line};

pub use bluecode_analysis::syntax::UnitId;
pub use bluecode_llm as llm;
pub use bluecode_sandbox as sandbox;
