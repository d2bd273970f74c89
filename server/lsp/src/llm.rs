//! The LLM judge's requests in the server: one spawned task per unit due (the review core
//! decides which are due and builds their requests), bounded by the judge's semaphore and
//! answered from its disk cache for units it has seen. A finished task reports on its
//! document's scheduler channel ([`Event::Judged`]) — it never touches the document —
//! and `$/progress` shows each batch. A unit that changes aborts its task (the HTTP
//! request is dropped).
//!
//! Nothing here runs in the analysis path: a diagnostic never waits for the LLM.

use std::collections::HashMap;
use std::sync::Arc;

use bluecode_syntax::UnitId;
use bluecode_workspace::llm::{Judge, JudgeOutcome};
use bluecode_workspace::{JudgeJob, JudgeTicket};
use tokio::sync::mpsc::WeakUnboundedSender;
use tokio::task::AbortHandle;
use tower_lsp_server::lsp_types::Uri;
use tracing::Instrument;

use crate::document::Event;
use crate::progress::WorkDone;
use crate::session::Session;

/// The judge tasks of one document, by unit: the hash each was started for. Dropping it
/// (the scheduler ended) aborts them all.
#[derive(Default)]
pub struct JudgeTasks {
    tasks: HashMap<UnitId, (u64, AbortHandle)>,
}

impl JudgeTasks {
    fn start(&mut self, unit: UnitId, hash: u64, task: AbortHandle) {
        if let Some((_, older)) = self.tasks.insert(unit, (hash, task)) {
            older.abort();
        }
    }

    /// Aborts the tasks whose unit is gone or changed.
    pub fn retain(&mut self, keep: impl Fn(&UnitId, u64) -> bool) {
        self.tasks.retain(|id, (hash, task)| {
            let kept = keep(id, *hash);
            if !kept {
                task.abort();
            }
            kept
        });
    }

    /// Forgets a finished task, if it is still the unit's latest.
    pub fn finish(&mut self, ticket: &JudgeTicket) {
        if self
            .tasks
            .get(&ticket.unit)
            .is_some_and(|(hash, _)| *hash == ticket.hash)
        {
            self.tasks.remove(&ticket.unit);
        }
    }
}

impl Drop for JudgeTasks {
    fn drop(&mut self) {
        for (_, task) in self.tasks.values() {
            task.abort();
        }
    }
}

/// Sends `jobs` to the judge, one task each; answers go to `mailbox`.
pub fn send(
    session: &Arc<Session>,
    uri: &Uri,
    judge: &Judge,
    mailbox: &WeakUnboundedSender<Event>,
    tasks: &mut JudgeTasks,
    jobs: Vec<JudgeJob>,
) {
    let mut started = Vec::with_capacity(jobs.len());
    for job in jobs {
        let span = tracing::info_span!("llm_unit", uri = uri.as_str(), unit = %job.ticket.unit);
        let (unit, hash) = (job.ticket.unit.clone(), job.ticket.hash);
        let task = tokio::spawn(judge_unit(judge.clone(), mailbox.clone(), job).instrument(span));
        tasks.start(unit, hash, task.abort_handle());
        started.push(task);
    }
    tokio::spawn(show_progress(session.clone(), uri.clone(), started));
}

/// One unit's judgement, reported to the document's scheduler.
async fn judge_unit(judge: Judge, mailbox: WeakUnboundedSender<Event>, job: JudgeJob) {
    let outcome = judge.judge(job.request).await;
    match &outcome {
        JudgeOutcome::Judged {
            verdict,
            from_cache,
        } => tracing::info!(
            from_cache,
            findings = verdict.findings.len(),
            disputes = verdict.disputes.len(),
            "LLM verdict"
        ),
        JudgeOutcome::GaveUp { reason } => tracing::warn!(%reason, "LLM gave up on this unit"),
        JudgeOutcome::Excluded | JudgeOutcome::Cancelled => {}
    }
    // The document may have closed meanwhile: then nobody is listening.
    if let Some(mailbox) = mailbox.upgrade() {
        let _ = mailbox.send(Event::Judged {
            ticket: job.ticket,
            outcome,
        });
    }
}

/// `$/progress` while a batch of units is with the judge.
async fn show_progress(session: Arc<Session>, uri: Uri, tasks: Vec<tokio::task::JoinHandle<()>>) {
    let total = tasks.len();
    let name = uri
        .as_str()
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_owned();
    let work = WorkDone::begin(
        &session,
        "bluecode: LLM review",
        Some(format!("{name}: {total} unit(s)")),
        None,
    )
    .await;
    for (done, task) in tasks.into_iter().enumerate() {
        // An aborted task (its unit changed again) counts as done here.
        let _ = task.await;
        if let Some(work) = &work {
            let percentage = ((done + 1) * 100 / total) as u32;
            work.report(format!("{name}: {}/{total}", done + 1), percentage)
                .await;
        }
    }
    if let Some(work) = work {
        work.end(None).await;
    }
}
