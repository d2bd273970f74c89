//! `workspace/executeCommand`: `bluecode.showConstitution [id]` answers with the
//! constitution as markdown; `bluecode.verify [{uri, line}]` runs the function holding
//! the finding in the sandbox (see [`crate::verify`]) and answers with the report;
//! `bluecode.status` answers with what is on (see [`super::status`]).

use std::fmt::Write;
use std::sync::Arc;

use bluecode_analysis::constitutions::{Constitution, ExampleKind};
use serde::Deserialize;
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::lsp_types::{ExecuteCommandParams, Uri};

use crate::document::Event;
use crate::session::Session;
use crate::verify;

pub const VERIFY: &str = "bluecode.verify";
pub const SHOW_CONSTITUTION: &str = "bluecode.showConstitution";
pub const STATUS: &str = "bluecode.status";
/// `[{"uri": …}]`: review a test, vendored or generated file with every rule.
pub const REVIEW_FILE: &str = "bluecode.reviewFile";
pub const COMMANDS: [&str; 4] = [VERIFY, SHOW_CONSTITUTION, STATUS, REVIEW_FILE];

/// The argument of `bluecode.verify`, as the code action builds it.
#[derive(Debug, Deserialize)]
pub struct VerifyTarget {
    pub uri: Uri,
    /// Zero-based line of the finding.
    pub line: u32,
}

pub async fn handle(session: &Arc<Session>, params: ExecuteCommandParams) -> Result<Option<Value>> {
    let mut arguments = params.arguments.into_iter();
    match params.command.as_str() {
        VERIFY => {
            let target: VerifyTarget = arguments
                .next()
                .and_then(|a| serde_json::from_value(a).ok())
                .ok_or_else(|| Error::invalid_params("expected [{\"uri\": …, \"line\": …}]"))?;
            Ok(verify::run(session, target.uri, target.line).await)
        }
        SHOW_CONSTITUTION => {
            let id = arguments
                .next()
                .and_then(|a| a.as_str().map(str::to_owned))
                .ok_or_else(|| Error::invalid_params("expected [\"<constitution id>\"]"))?;
            let engine = session.state().engine.clone();
            let constitution = engine
                .as_ref()
                .and_then(|e| e.constitutions().get(&id).map(constitution_markdown))
                .ok_or_else(|| Error::invalid_params(format!("no constitution `{id}`")))?;
            Ok(Some(Value::String(constitution)))
        }
        STATUS => Ok(Some(super::status::status(session).await)),
        REVIEW_FILE => {
            let uri: Uri = arguments
                .next()
                .and_then(|a| a.get("uri").cloned())
                .and_then(|u| serde_json::from_value(u).ok())
                .ok_or_else(|| Error::invalid_params("expected [{\"uri\": …}]"))?;
            let doc = session
                .documents
                .get(&uri)
                .ok_or_else(|| Error::invalid_params(format!("`{}` is not open", uri.as_str())))?;
            doc.notify(Event::ReviewOutOfScope);
            Ok(None)
        }
        other => Err(Error::invalid_params(format!("unknown command `{other}`"))),
    }
}

fn constitution_markdown(c: &Constitution) -> String {
    let mut out = format!("# {}\n\n`{}` · {}", c.title, c.id, c.category.name());
    if let Some(cwe) = c.cwe_label() {
        let _ = write!(out, " · {cwe}");
    }
    let _ = write!(
        out,
        " · severity {}\n\n## Principle\n\n{}\n",
        c.severity.name(),
        c.principle.trim()
    );
    if let Some(hint) = &c.fix_hint {
        let _ = write!(out, "\n## Fix\n\n{}\n", hint.trim());
    }
    for example in &c.examples {
        let label = match example.kind {
            ExampleKind::Unsafe => "Unsafe",
            ExampleKind::Safe => "Safe",
        };
        let _ = write!(
            out,
            "\n## {label} example\n\n```{}\n{}\n```\n",
            example.language.name(),
            example.code.trim_end()
        );
    }
    out
}
