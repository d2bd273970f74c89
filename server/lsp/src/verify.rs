//! "Verify in sandbox": `bluecode.verify {uri, line}` runs the function unit holding the
//! line in the sandbox (`bluecode_sandbox`, settings from the merged `[sandbox]`), with
//! cancellable `$/progress` while it runs. Confirmed and not-reproduced verdicts are
//! recorded under the unit's hash — a re-verify of an unchanged unit answers from there,
//! an edit of the unit drops the verdict — and the document is analysed again so the
//! verdict shows (`apply_verification`: confirmed → error with the evidence, not
//! reproduced → hint). An inconclusive run (Docker not running, say) changes nothing and
//! says why in a message.
//!
//! Cancelling (`window/workDoneProgress/cancel`, or `$/cancelRequest` of the command,
//! which drops this future) stops the run; the sandbox removes its container either way.

use std::sync::Arc;

use bluecode_analysis::Finding;
use bluecode_syntax::{Document, Unit, UnitKind, extract_units};
use bluecode_workspace::sandbox::{
    CancellationToken, InconclusiveCause, Progress, Verdict, VerifyReport,
};
use bluecode_workspace::{apply_verification, verify_request};
use serde_json::{Value, json};
use tokio::sync::mpsc;
use tower_lsp_server::UriExt;
use tower_lsp_server::lsp_types::{MessageType, Uri};

use crate::progress::WorkDone;
use crate::scheduler;
use crate::session::{SandboxVerdict, Session};

/// Folds the recorded verdicts into the findings of units that did not change.
pub fn apply_verdicts(units: &[Unit], findings: &mut [Finding], verdicts: &[SandboxVerdict]) {
    for verdict in verdicts {
        let Some(unit) = units
            .iter()
            .find(|u| u.id == verdict.unit_id && u.hash == verdict.hash)
        else {
            continue;
        };
        for finding in findings
            .iter_mut()
            .filter(|f| unit.range.contains(&f.range.start))
        {
            apply_verification(finding, &verdict.report);
        }
    }
}

/// The function unit the sandbox calls for `line` (0-based): the innermost one holding
/// the line's first character of code, as `verify_request` picks it.
fn unit_at_line(doc: &Document, line: u32) -> Option<Unit> {
    let index = doc.line_index();
    let start = index.line_start(line);
    let end = index.line_start(line + 1).min(doc.text().len());
    let first_code = doc
        .text()
        .get(start..end)
        .and_then(|l| l.find(|c: char| !c.is_whitespace()))
        .map_or(start, |i| start + i);
    extract_units(doc)
        .into_iter()
        .filter(|u| u.kind == UnitKind::Function && u.range.contains(&first_code))
        .min_by_key(|u| u.range.len())
}

fn summary(report: &VerifyReport) -> String {
    match &report.verdict {
        Verdict::Confirmed {
            sink,
            parameter,
            payload,
            ..
        } => format!("confirmed: the payload `{payload}` in `{parameter}` reached `{sink}`"),
        Verdict::NotReproduced { tried } => format!(
            "not reproduced: {} payload famil{} tried, none reached a sink unescaped",
            tried.len(),
            if tried.len() == 1 { "y" } else { "ies" }
        ),
        Verdict::Inconclusive { reason, .. } => format!("inconclusive: {reason}"),
    }
}

/// Runs `bluecode.verify`; answers with the report (plus `function` and `cached`), or
/// `null` when nothing ran.
pub async fn run(session: &Arc<Session>, uri: Uri, line: u32) -> Option<Value> {
    let snapshot = session.documents.get(&uri).map(|d| {
        let hint = d.results.borrow().as_ref().and_then(|a| {
            a.findings
                .iter()
                .filter(|f| d.doc.line_index().line_of(f.range.start) == line)
                .find_map(Finding::cwe_label)
        });
        (d.doc.clone(), d.path.clone(), hint)
    });
    let Some((doc, path, hint)) = snapshot else {
        session
            .warn(format!("not verified: {} is not open", uri.as_str()))
            .await;
        return None;
    };
    let path = path
        .or_else(|| uri.to_file_path().map(|p| p.into_owned()))
        .unwrap_or_default();
    let where_ = format!("{}:{}", path.display(), line + 1);
    let request = match verify_request(&doc, &path, line, hint) {
        Ok(request) => request,
        Err(why) => {
            session.warn(format!("not verified: {why}")).await;
            return None;
        }
    };
    let Some(unit) = unit_at_line(&doc, line) else {
        session
            .warn(format!("not verified: {where_} is not inside a function"))
            .await;
        return None;
    };
    let cached = session.verdicts.get(&uri).and_then(|v| {
        v.iter()
            .find(|v| v.unit_id == unit.id && v.hash == unit.hash)
            .map(|v| v.report.clone())
    });
    let from_cache = cached.is_some();
    let report = match cached {
        Some(report) => report,
        None => {
            let Some(layer) = session.sandbox() else {
                session
                    .warn("not verified: the sandbox settings are invalid (see the log)")
                    .await;
                return None;
            };
            if !layer.settings.enabled {
                session
                    .warn("not verified: the sandbox is not enabled (sandbox.enabled = false)")
                    .await;
                return None;
            }
            let cancel = CancellationToken::new();
            // Cancels the run if this request is dropped ($/cancelRequest).
            let _cancel_on_drop = cancel.clone().drop_guard();
            let work = WorkDone::begin(
                session,
                "bluecode: verify in sandbox",
                Some(format!("{} ({where_})", request.function)),
                Some(&cancel),
            )
            .await;
            let (tx, mut rx) = mpsc::unbounded_channel::<Progress>();
            let report_progress = async {
                while let Some(p) = rx.recv().await {
                    if let Some(work) = &work {
                        work.report(p.message, p.percentage).await;
                    }
                }
            };
            let sandbox = layer.sandbox.clone();
            let verify = async move {
                let on_progress = move |p: Progress| {
                    let _ = tx.send(p);
                };
                // `on_progress` (and the sender) is dropped at the end, which ends the
                // progress loop.
                sandbox.verify(&request, &on_progress, &cancel).await
            };
            let (report, ()) = tokio::join!(verify, report_progress);
            if let Some(work) = work {
                work.end(Some(summary(&report))).await;
            }
            report
        }
    };
    tracing::info!(
        verdict = report.verdict.name(),
        from_cache,
        total_ms = report.timing.total_ms,
        "sandbox verdict for {where_}"
    );
    match &report.verdict {
        Verdict::Inconclusive {
            cause: InconclusiveCause::DockerUnavailable,
            reason,
        } => {
            let message = format!(
                "bluecode: {reason} — {where_} was not verified; start Docker (or set sandbox.dockerHost) and try again."
            );
            tracing::warn!("{message}");
            session
                .client
                .show_message(MessageType::ERROR, message)
                .await;
        }
        Verdict::Inconclusive {
            cause: InconclusiveCause::Cancelled,
            ..
        } => {
            session
                .log(format!("verification of {where_} cancelled"))
                .await;
        }
        Verdict::Inconclusive { .. } => {
            session
                .warn(format!("sandbox {} ({where_})", summary(&report)))
                .await;
        }
        Verdict::Confirmed { .. } | Verdict::NotReproduced { .. } => {
            if !from_cache {
                let mut verdicts = session.verdicts.entry(uri.clone()).or_default();
                verdicts.retain(|v| v.unit_id != unit.id);
                verdicts.push(SandboxVerdict {
                    unit_id: unit.id.clone(),
                    hash: unit.hash,
                    report: report.clone(),
                });
            }
            session
                .client
                .show_message(
                    MessageType::INFO,
                    format!("bluecode: sandbox {} ({where_})", summary(&report)),
                )
                .await;
            scheduler::schedule(session, &uri);
        }
    }
    let mut value = serde_json::to_value(&report).unwrap_or(Value::Null);
    if let Some(object) = value.as_object_mut() {
        object.insert("function".to_owned(), json!(unit.id));
        object.insert("cached".to_owned(), json!(from_cache));
    }
    Some(value)
}
