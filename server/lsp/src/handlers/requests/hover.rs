//! `textDocument/hover` on a finding: what was found and why it matters — the title,
//! CWE, severity and confidence, the constitution's principle in its own words, the
//! taint trace line by line, the fix hint and any note (an expired suppression, a
//! lowered severity).

use std::fmt::Write;
use std::sync::Arc;

use bluecode_analysis::Finding;
use bluecode_analysis::constitutions::Constitution;
use bluecode_syntax::Document;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use crate::convert;
use crate::session::Session;

pub async fn handle(session: &Arc<Session>, params: HoverParams) -> Result<Option<Hover>> {
    let position = params.text_document_position_params.position;
    let uri = params.text_document_position_params.text_document.uri;
    let Some(analysed) = session.current_analysis(&uri).await? else {
        return Ok(None);
    };
    let (engine, encoding) = {
        let state = session.state();
        (state.engine.clone(), state.encoding)
    };
    let Some(doc) = session.documents.get(&uri) else {
        return Ok(None);
    };
    if doc.version != analysed.version {
        return Ok(None);
    }
    let offset = convert::offset(&doc.doc, position, encoding);
    let hits: Vec<(usize, &Finding)> = analysed
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.range.start <= offset && offset <= f.range.end)
        .collect();
    let Some(first) = hits.first().map(|(i, _)| *i) else {
        return Ok(None);
    };
    let sections: Vec<String> = hits
        .iter()
        .map(|(_, finding)| {
            let constitution = engine
                .as_ref()
                .and_then(|e| e.constitutions().get(&finding.rule_id));
            markdown(
                finding,
                constitution,
                &doc.doc,
                analysed.threat_model.as_deref(),
            )
        })
        .collect();
    Ok(Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range: analysed.diagnostics.get(first).map(|d| d.range),
    }))
}

fn markdown(
    finding: &Finding,
    constitution: Option<&Constitution>,
    doc: &Document,
    threat_model: Option<&str>,
) -> String {
    let mut out = format!("### {}\n\n`{}`", finding.title, finding.rule_id);
    if let Some(cwe) = finding.cwe_label() {
        let _ = write!(out, " · {cwe}");
    }
    let _ = write!(
        out,
        " · severity **{}** · confidence **{}**\n\n{}\n",
        finding.severity.name(),
        finding.confidence.name(),
        finding.message
    );
    if let Some(c) = constitution {
        let _ = write!(out, "\n**Principle.** {}\n", c.principle.trim());
    }
    if !finding.trace.is_empty() {
        out.push_str("\n**How the data gets there**\n\n");
        for step in &finding.trace {
            match &step.elsewhere {
                Some(at) => {
                    let file = at.path.file_name().unwrap_or_default().to_string_lossy();
                    let _ = writeln!(out, "- {file} line {}: {}", at.start.line + 1, step.label);
                }
                None => {
                    let line = doc.line_index().line_of(step.range.start) + 1;
                    let _ = writeln!(out, "- line {line}: {}", step.label);
                }
            }
        }
    }
    // Which data counted as attacker-controlled here, so a reader can judge the path.
    if let Some(model) = threat_model.filter(|_| !finding.trace.is_empty()) {
        let _ = write!(out, "\n**Threat model.** {model}\n");
    }
    if let Some(hint) = constitution.and_then(|c| c.fix_hint.as_deref()) {
        let _ = write!(out, "\n**Fix.** {}\n", hint.trim());
    }
    if let Some(note) = &finding.note {
        // Quoted line by line: a sandbox note may list the recorded behaviour.
        out.push('\n');
        for line in note.trim().lines() {
            let _ = writeln!(out, "> {line}");
        }
    }
    out
}
