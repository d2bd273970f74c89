//! Red team → constitutions. Mechanical red-teaming of rules (semantics-preserving
//! rewrites of their examples, and a report of what each rule misses or newly flags),
//! synthesis of a constitution from labelled unsafe/safe examples by anti-unification,
//! and the validation every learned rule must pass.
//!
//! May depend on: the syntax, constitutions and analysis layers. Knows no LSP and no LLM
//! provider: the LLM drafting loop lives with the CLI, which feeds drafts to
//! [`validate`] here.

pub mod error;
pub mod inputs;
pub mod mutate;
pub mod redteam;
pub mod synth;
pub mod validate;

pub use error::LearnError;
pub use inputs::{LabelledExample, read_inputs};
pub use synth::render::Meta;
pub use synth::{Learned, Request, synthesize};
pub use validate::{Check, Validation, WorkspaceCode, validate};
