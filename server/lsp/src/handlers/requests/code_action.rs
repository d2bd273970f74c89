//! `textDocument/codeAction` for bluecode diagnostics: **Suppress <id> here (with
//! reason)** inserts a suppression comment, in the file's comment syntax and at the
//! finding line's indentation, on a new line above it; **Apply fix** applies the
//! constitution's mechanical fix when it has one (only for the version it was computed
//! for: an older range could land anywhere); **Verify in sandbox** runs
//! `bluecode.verify`; in a test, vendored or generated file (out of scope for vulnerability
//! and bias rules by default), **Review this file with every rule** runs
//! `bluecode.reviewFile`.

use std::collections::HashMap;
use std::sync::Arc;

use bluecode_analysis::suppression_comment;
use serde_json::json;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse, Command,
    Diagnostic, Position, Range, TextEdit, Uri, WorkspaceEdit,
};

use super::execute_command::{REVIEW_FILE, VERIFY};
use crate::convert::{self, DiagnosticData};
use crate::document::{DocKind, DocState};
use crate::session::Session;

/// The reason a new suppression starts with; the user is meant to replace it.
pub const SUPPRESSION_REASON: &str = "reviewed: explain why this is safe";

fn verify_kind() -> CodeActionKind {
    CodeActionKind::new("quickfix.bluecode.verify")
}

pub async fn handle(
    session: &Arc<Session>,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    let uri = params.text_document.uri;
    let encoding = session.encoding();
    let Some(doc) = session.documents.get(&uri) else {
        return Ok(None);
    };
    let wanted = |kind: &CodeActionKind| {
        params.context.only.as_ref().is_none_or(|only| {
            only.iter().any(|k| {
                kind.as_str() == k.as_str()
                    || kind.as_str().starts_with(&format!("{}.", k.as_str()))
            })
        })
    };
    let mut actions = Vec::new();
    for diagnostic in &params.context.diagnostics {
        let Some(data) = DiagnosticData::of(diagnostic) else {
            continue;
        };
        if wanted(&CodeActionKind::QUICKFIX) {
            if let Some(action) = suppress(&uri, &doc, diagnostic, &data.rule_id, encoding) {
                actions.push(action);
            }
            if let Some(fix) = data.fix.as_ref().filter(|_| data.version == doc.version) {
                actions.push(CodeAction {
                    title: format!("Apply fix: {}", fix.title),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(edit(&uri, fix.edit.clone())),
                    is_preferred: Some(true),
                    ..CodeAction::default()
                });
            }
        }
        if wanted(&verify_kind()) {
            let title = "Verify in sandbox".to_owned();
            actions.push(CodeAction {
                title: title.clone(),
                kind: Some(verify_kind()),
                diagnostics: Some(vec![diagnostic.clone()]),
                command: Some(Command {
                    title,
                    command: VERIFY.to_owned(),
                    arguments: Some(vec![json!({
                        "uri": uri.as_str(),
                        "line": diagnostic.range.start.line,
                    })]),
                }),
                ..CodeAction::default()
            });
        }
    }
    let review_kind = CodeActionKind::new("source.bluecode.reviewFile");
    if matches!(doc.kind, DocKind::Code(_))
        && wanted(&review_kind)
        && let Some(workspace) = session.workspace()
    {
        let context = workspace.context(doc.path.as_deref(), doc.doc.text());
        if !context.reviewed {
            let title = format!(
                "Review this {} file with every bluecode rule",
                context.role.name()
            );
            actions.push(CodeAction {
                title: title.clone(),
                kind: Some(review_kind),
                command: Some(Command {
                    title,
                    command: REVIEW_FILE.to_owned(),
                    arguments: Some(vec![json!({ "uri": uri.as_str() })]),
                }),
                ..CodeAction::default()
            });
        }
    }
    Ok(Some(
        actions
            .into_iter()
            .map(CodeActionOrCommand::CodeAction)
            .collect(),
    ))
}

fn edit(uri: &Uri, edit: TextEdit) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
        ..WorkspaceEdit::default()
    }
}

/// The comment that opens and closes a suppression in this kind of file.
fn comment_delimiters(kind: &DocKind) -> Option<(&'static str, &'static str)> {
    match kind {
        DocKind::Code(language) => Some((language.line_comment(), "")),
        // Instruction files are Markdown or plain text; an HTML comment stays invisible.
        DocKind::Instruction(_) => Some(("<!--", " -->")),
        DocKind::Other => None,
    }
}

fn suppress(
    uri: &Uri,
    doc: &DocState,
    diagnostic: &Diagnostic,
    rule_id: &str,
    encoding: bluecode_syntax::PositionEncoding,
) -> Option<CodeAction> {
    let (open, close) = comment_delimiters(&doc.kind)?;
    let line = diagnostic.range.start.line;
    let start = convert::offset(&doc.doc, Position::new(line, 0), encoding);
    let rest = doc.doc.text().get(start..).unwrap_or_default();
    let indent: String = rest
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let comment = suppression_comment(rule_id, SUPPRESSION_REASON);
    let at = Position::new(line, 0);
    Some(CodeAction {
        title: format!("Suppress {rule_id} here (with reason)"),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(edit(
            uri,
            TextEdit::new(
                Range::new(at, at),
                format!("{indent}{open} {comment}{close}\n"),
            ),
        )),
        ..CodeAction::default()
    })
}
