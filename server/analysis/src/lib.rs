//! Layer 3 — analysis, the core. Plain data in, plain data out: documents and byte
//! offsets in, findings with byte ranges and traces out. The static engine (the queries of
//! the constitutions whose anchors occur around a unit, plus intra-procedural taint),
//! per-unit caching so an edit re-checks only changed units, suppression comments, and the
//! settings that filter results. The review core (`server/workspace`) calls it for the CLI
//! and the language server alike.
//!
//! May depend on: the syntax and constitutions layers. Must not know LSP, JSON, LLMs or
//! Docker (no lsp-types, no serde_json::Value in its API).

mod aliases;
mod context;
mod engine;
mod examples;
mod finding;
mod incremental;
pub mod index;
mod instruction;
mod predicate_text;
mod profile;
mod report;
mod resolve;
mod scope;
mod settings;
mod suppression;
mod taint;
mod text_files;

pub use context::{AnalysisContext, ContextRules, FileRole, Profile};
pub use engine::{Engine, IndexHooks, UnitOutcome};
pub use examples::{ExampleFailure, ExampleReport, check_examples};
pub use finding::{Finding, FindingSource, Fix, StepLocation, StepPosition, TraceStep};
pub use incremental::{DocumentAnalysis, UpdateStats};
pub use profile::{Detected, ProfileDetector};
pub use report::{finalize, today};
pub use scope::{Scope, ScopeSettings, is_generated};
pub use settings::{
    AnalysisSettings, ProfileSetting, SettingsError, ThreatModelSettings, WorkspaceFile,
};
pub use suppression::{
    Date, SUPPRESSION_EXPIRED, SUPPRESSION_WITHOUT_REASON, accepted_suppressions,
    apply_suppressions, suppression_comment,
};
pub use text_files::is_instruction_file;

pub use bluecode_constitutions as constitutions;
pub use bluecode_syntax as syntax;
