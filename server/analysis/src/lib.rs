//! Layer 3 — analysis, the core. Plain data in, plain data out: documents and byte
//! offsets in, findings with byte ranges and traces out. The static engine (one combined
//! tree-sitter query pass per unit plus intra-procedural taint), per-unit caching so an
//! edit re-checks only changed units, suppression comments, and the settings that filter
//! results. The CLI and the language server both call it.
//!
//! May depend on: the syntax and constitutions layers. Must not know LSP, JSON, LLMs or
//! Docker (no lsp-types, no serde_json::Value in its API).

mod engine;
mod examples;
mod finding;
mod incremental;
mod instruction;
mod predicate_text;
mod report;
mod settings;
mod suppression;
mod taint;
mod text_files;

pub use engine::Engine;
pub use examples::{ExampleFailure, ExampleReport, check_examples};
pub use finding::{Finding, FindingSource, Fix, TraceStep};
pub use incremental::{DocumentAnalysis, UpdateStats};
pub use report::{finalize, today};
pub use settings::{AnalysisSettings, SettingsError, WorkspaceFile};
pub use suppression::{
    Date, SUPPRESSION_EXPIRED, SUPPRESSION_WITHOUT_REASON, apply_suppressions, suppression_comment,
};
pub use text_files::is_instruction_file;

pub use bluecode_constitutions as constitutions;
pub use bluecode_syntax as syntax;
