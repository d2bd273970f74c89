//! `verify_finding`: the function holding a line of a workspace file run in the Docker
//! sandbox through the review core's `sandbox_job` (the same run as `bluecode verify` and
//! the editor's "Verify in sandbox"), the finding's CWE as the hint and its trace's
//! parameters as the inputs. The sandbox's progress becomes MCP progress notifications
//! when the client sent a progress token; cancelling the request stops the run (the
//! sandbox removes its container either way). Docker unreachable is an error result that
//! says so, not a verdict.

use bluecode_analysis::syntax::{Document, Language};
use bluecode_workspace::sandbox::{
    self, CancellationToken, InconclusiveCause, Progress, Verdict, VerifyReport,
};
use bluecode_workspace::{DocumentKind, DocumentReview, JudgeWhen};
use rmcp::RoleServer;
use rmcp::model::{ProgressNotificationParam, ProgressToken};
use rmcp::service::RequestContext;
use tokio::sync::mpsc;

use crate::context::Context;
use crate::params::VerifyOut;

/// Why a verification could not run, for the tool's error result.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("{0}")]
    NotRunnable(String),
    #[error(
        "Docker is not available: {0}. Start the Docker engine (or set `[sandbox] docker_host` in bluecode.toml) and call verify_finding again."
    )]
    DockerUnavailable(String),
}

/// Runs the function holding `line` (1-based) of `path` (canonical, under the root).
pub async fn verify(
    context: &Context,
    path: &std::path::Path,
    line: u32,
    request_context: &RequestContext<RoleServer>,
) -> Result<VerifyOut, VerifyError> {
    let sandbox = context
        .sandbox()
        .map_err(|why| VerifyError::NotRunnable(why.to_owned()))?
        .clone();
    let language = Language::from_path(path)
        .filter(|l| matches!(l, Language::Python | Language::JavaScript))
        .ok_or_else(|| {
            VerifyError::NotRunnable(
                "the sandbox has harnesses for Python and JavaScript files only".to_owned(),
            )
        })?;
    if line == 0 {
        return Err(VerifyError::NotRunnable("lines count from 1".to_owned()));
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| VerifyError::NotRunnable(format!("cannot read {}: {e}", path.display())))?;
    let workspace = context.workspace().clone();
    let doc = Document::new(Some(language), text);
    let mut state =
        DocumentReview::new(Some(path.to_owned()), DocumentKind::Code).ignoring_exclude();
    let name = path.display().to_string();
    let findings = workspace
        .review(&mut state, &doc, &name, JudgeWhen::Never)
        .findings;
    let at_line = findings
        .iter()
        .find(|f| doc.line_index().line_of(f.range.start) + 1 == line);
    let hint = at_line.and_then(|f| f.cwe_label());
    let job = workspace
        .sandbox_job(&doc, path, line - 1, hint)
        .map_err(VerifyError::NotRunnable)?;
    let mut request = job.request;
    if let Some(f) = at_line {
        let inputs =
            sandbox::harness::kinds::trace_inputs(f.trace.iter().map(|s| s.label.as_str()));
        request.parameters = inputs.parameters;
        request.source_label = inputs.source_label;
    }

    let cancel = CancellationToken::new();
    let token = request_context.meta.get_progress_token();
    let peer = request_context.peer.clone();
    let (progress_tx, mut progress_rx) = mpsc::unbounded_channel::<Progress>();
    let forward = async move {
        while let Some(p) = progress_rx.recv().await {
            if let Some(token) = &token {
                send_progress(&peer, token, &p).await;
            }
        }
    };
    let run = {
        let cancel = cancel.clone();
        async move {
            let on_progress = move |p: Progress| {
                let _ = progress_tx.send(p);
            };
            // `on_progress` (and the sender) is dropped at the end, ending `forward`.
            sandbox.verify(&request, &on_progress, &cancel).await
        }
    };
    let cancelled = request_context.ct.clone();
    let stop_on_cancel = async {
        cancelled.cancelled().await;
        cancel.cancel();
    };
    let (report, ()) = tokio::select! {
        both = async { tokio::join!(run, forward) } => both,
        () = stop_on_cancel => return Err(VerifyError::NotRunnable("cancelled".to_owned())),
    };
    if let Verdict::Inconclusive {
        cause: InconclusiveCause::DockerUnavailable,
        reason,
    } = &report.verdict
    {
        return Err(VerifyError::DockerUnavailable(reason.clone()));
    }
    Ok(out(&report, job.ticket.unit.as_str()))
}

async fn send_progress(peer: &rmcp::Peer<RoleServer>, token: &ProgressToken, p: &Progress) {
    let param = ProgressNotificationParam::new(token.clone(), f64::from(p.percentage))
        .with_total(100.0)
        .with_message(p.message.clone());
    if let Err(e) = peer.notify_progress(param).await {
        tracing::debug!("progress not sent: {e}");
    }
}

fn out(report: &VerifyReport, function: &str) -> VerifyOut {
    VerifyOut {
        verdict: report.verdict.name().to_owned(),
        function: function.to_owned(),
        explanation: report.verdict.explanation(),
        report: serde_json::to_value(report).unwrap_or(serde_json::Value::Null),
    }
}
