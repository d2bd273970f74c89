//! "Verify in sandbox": `bluecode.verify {uri, line}` runs the function unit holding the
//! line (the review core's `sandbox_job`) in the sandbox (`bluecode_sandbox`, settings
//! from the merged `[sandbox]`), with cancellable `$/progress` while it runs. A confirmed
//! or not-reproduced verdict goes to the document's scheduler, which records it under the
//! unit's hash — a re-verify of an unchanged unit answers from there, an edit of the unit
//! drops the verdict — and reviews again so the verdict shows (confirmed → error with the
//! evidence, not reproduced → hint). An inconclusive run (Docker not running, say)
//! changes nothing and says why in a message.
//!
//! Cancelling (`window/workDoneProgress/cancel`, or `$/cancelRequest` of the command,
//! which drops this future) stops the run; the sandbox removes its container either way.

use std::sync::Arc;

use bluecode_analysis::Finding;
use bluecode_workspace::sandbox::{
    CancellationToken, InconclusiveCause, Progress, SinkKind, Verdict, VerifyReport,
};
use bluecode_workspace::{behaviour_request, is_behaviour_finding};
use serde_json::{Value, json};
use tokio::sync::mpsc;
use tower_lsp_server::UriExt;
use tower_lsp_server::lsp_types::{MessageType, Uri};

use crate::document::Event;
use crate::progress::WorkDone;
use crate::session::Session;

fn summary(report: &VerifyReport) -> String {
    match &report.verdict {
        Verdict::Confirmed { kind, .. } if *kind == SinkKind::Behaviour => {
            report.verdict.explanation()
        }
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
        let results = d.results.borrow().clone();
        let hint = results.as_ref().and_then(|a| {
            a.findings
                .iter()
                .filter(|f| d.doc.line_index().line_of(f.range.start) == line)
                .find_map(Finding::cwe_label)
        });
        // A malicious-category finding on the line is verified by its behaviour.
        let behaviour = results.as_ref().and_then(|a| {
            a.findings
                .iter()
                .filter(|f| d.doc.line_index().line_of(f.range.start) == line)
                .find(|f| is_behaviour_finding(f))
                .cloned()
        });
        (d.doc.clone(), d.path.clone(), hint, behaviour, results)
    });
    let Some((doc, path, hint, behaviour, results)) = snapshot else {
        session
            .warn(format!("not verified: {} is not open", uri.as_str()))
            .await;
        return None;
    };
    let workspace = session.workspace()?;
    let path = path
        .or_else(|| uri.to_file_path().map(|p| p.into_owned()))
        .unwrap_or_default();
    let where_ = format!("{}:{}", path.display(), line + 1);
    let job = match workspace.sandbox_job(&doc, &path, line, hint) {
        Ok(job) => job,
        Err(why) => {
            session.warn(format!("not verified: {why}")).await;
            return None;
        }
    };
    let (ticket, mut request) = (job.ticket, job.request);
    if let Some(finding) = &behaviour {
        match behaviour_request(&doc, &path, line, finding) {
            Ok(behaviour) => request = behaviour,
            Err(why) => tracing::debug!("verifying without behaviour recording: {why}"),
        }
    }
    let cached = results.and_then(|a| {
        a.sandbox
            .get(&ticket.unit)
            .filter(|r| r.hash == ticket.hash)
            .map(|r| r.report.clone())
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
            if !from_cache && let Some(doc) = session.documents.get(&uri) {
                doc.notify(Event::Verified {
                    ticket: ticket.clone(),
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
        }
    }
    let mut value = serde_json::to_value(&report).unwrap_or(Value::Null);
    if let Some(object) = value.as_object_mut() {
        object.insert("function".to_owned(), json!(ticket.unit.as_str()));
        object.insert("cached".to_owned(), json!(from_cache));
    }
    Some(value)
}
