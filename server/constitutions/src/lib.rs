//! Layer 2 — constitutions. The schema of constitution files (TOML), loading the built-ins
//! embedded from `constitutions/` at build time plus a workspace's own, validation errors
//! that name file, line and problem, the per-language taint models, and the compilation of
//! every pattern of a language into one combined tree-sitter query.
//!
//! May depend on: the syntax layer, tree-sitter, serde/toml. Must not know LSP or JSON.

mod anchors;
mod compile;
mod error;
mod load;
mod schema;
mod taint_model;

pub use anchors::Anchors;
pub use compile::{CombinedQuery, CompiledLanguage, PatternRef, RulePattern};
pub use error::{LoadError, LoadErrors};
pub use load::{ConstitutionSet, Origin};
pub use schema::{
    CalleeRule, Category, Confidence, Constitution, Example, ExampleKind, FixTemplate, Pattern,
    PatternKind, Severity, Unresolved,
};
pub use taint_model::{SanitizerRule, SourceRule, TaintModel};
