//! Layer 2 — constitutions. The schema of constitution files (TOML), loading the built-ins
//! embedded from `constitutions/` at build time plus a workspace's own, validation errors
//! that name file, line and problem, the declared sink kinds, the per-language taint
//! models, and the compilation of a language's patterns into tree-sitter queries: one
//! query of every pattern without an anchor, and one per constitution for the anchored
//! ones (run only where an anchor occurs), with each pattern's `inside`/`not_inside`
//! queries beside them.
//!
//! May depend on: the syntax layer, tree-sitter, serde/toml. Must not know LSP or JSON.

mod anchors;
mod compile;
mod error;
mod kinds;
mod lazy_regex;
mod load;
mod regex_gate;
mod schema;
mod taint_model;

pub use anchors::Anchors;
pub use compile::{
    CombinedQuery, CompiledLanguage, ContextQuery, PatternContext, PatternRef, RulePattern,
};
pub use error::{LoadError, LoadErrors};
pub use kinds::{SinkKind, SinkKinds};
pub use lazy_regex::LazyRegex;
pub use load::{ConstitutionSet, Origin};
pub use regex_gate::RegexGate;
pub use schema::{
    CalleeRule, Category, Confidence, Constitution, Example, ExampleKind, FixTemplate, Pattern,
    PatternKind, Severity, Unresolved,
};
pub use taint_model::{SanitizerRule, SourceRule, TaintModel};
