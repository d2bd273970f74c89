//! The MCP server for coding agents (`bluecode mcp`): the Model Context Protocol on stdio,
//! built on the official Rust SDK (`rmcp`), over the same review core as the CLI and the
//! language server — no second engine. An agent can check a snippet before it writes the
//! file, explain a finding with its constitution, and prove it in the sandbox:
//!
//! - tools: `review_code`, `review_file`, `explain_constitution`, `verify_finding`
//!   (with progress notifications), `list_constitutions`;
//! - resources: every constitution at `bluecode://constitution/{id}`;
//! - prompts: `secure_this_change`, with the constitutions that apply to the change.
//!
//! Paths are confined to the workspace root (`paths`), inputs are size-limited, and the
//! LLM judge runs only when `[llm]` is configured, as everywhere else.
//!
//! Module order, no cycles: `paths`, `params` ← `context` ← `review`, `constitutions`,
//! `verify` ← `server`.
//!
//! May depend on the syntax, constitutions and analysis layers, the workspace layer
//! (the review core), rmcp, schemars, tokio. No LSP types. Logs go to stderr; stdout
//! belongs to the protocol.

#![deny(clippy::print_stdout)]

mod constitutions;
mod context;
mod params;
mod paths;
mod review;
mod server;
mod verify;

use std::path::PathBuf;

use rmcp::ServiceExt;

pub use context::Context;
pub use server::BluecodeMcp;

/// Serves MCP on stdin/stdout for the workspace at `root` until the client closes the
/// connection.
pub async fn serve_stdio(root: PathBuf) -> anyhow::Result<()> {
    let context = Context::open(&root)?;
    tracing::info!(root = %context.root().display(), "MCP server ready");
    let service = BluecodeMcp::new(context)
        .serve(rmcp::transport::stdio())
        .await?;
    service.waiting().await?;
    Ok(())
}
