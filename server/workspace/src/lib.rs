//! The workspace layer: what the CLI and the language server share above the engine.
//! Settings of every layer from one table (`bluecode.toml`, with editor settings merged
//! over it), and the bridges that turn analysis findings into LLM judge requests and
//! sandbox verification requests and fold their answers back into findings.
//!
//! May depend on: syntax, constitutions, analysis, llm, sandbox. Must not know LSP or
//! JSON-RPC (plain data in, plain data out).

mod llm_bridge;
mod sandbox_bridge;
mod settings;

pub use llm_bridge::{
    apply_llm_outcome, constitution_docs, judge_request, static_findings, unit_source_lines,
};
pub use sandbox_bridge::{apply_verification, verify_request};
pub use settings::{WorkspaceSettings, WorkspaceSettingsError};

pub use bluecode_llm as llm;
pub use bluecode_sandbox as sandbox;
