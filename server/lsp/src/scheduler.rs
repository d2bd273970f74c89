//! Per-document scheduling: one task per open document owns its review state
//! (`bluecode_workspace::DocumentReview`) and is told what happened on a channel —
//! edits and settings changes, saves, the judge's answers, sandbox verdicts. Nothing
//! calls back into it.
//!
//! A change is reviewed after the debounce, on a blocking thread (handlers never wait for
//! it), with everything that arrived meanwhile; the result is published only if the
//! document is still at that version. One review per document at a time, so results are
//! published in order. A review merges what the slower layers recorded for units whose
//! hash is unchanged — the judge's verdicts before the suppressions and filters, the
//! sandbox's after — without waiting for either.
//!
//! After a publish, the judge requests that are due go out ([`crate::llm`]): a unit is
//! sent once it has been unchanged for `llm.idle_ms` and parses without errors; the
//! scheduler wakes when the next unit falls due. Opening and saving the file send at
//! once (the text is what is on disk). A unit that changes aborts its request in flight.
//! A recorded verdict schedules a review, which republishes the same version with it.
//!
//! With the workspace index on, a review consults what the index says about the
//! document (callers' sources, callees' summaries) and records the document's entry
//! afterwards; other open documents whose facts that changes are told
//! (`Event::IndexChanged`) and review again.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bluecode_analysis::index::{DocumentFacts, FileEntry, indexes};
use bluecode_workspace::{DocumentKind, DocumentReview, JudgeDue, JudgeWhen, Review, Workspace};
use tokio::sync::mpsc::{self, UnboundedReceiver, WeakUnboundedSender};
use tower_lsp_server::lsp_types::Uri;

use crate::convert;
use crate::document::{Analysed, Event};
use crate::index;
use crate::llm::{self, JudgeTasks};
use crate::new_only::NewOnly;
use crate::session::Session;

/// Starts the scheduler of a document just opened (generation `generation`).
pub fn start(
    session: &Arc<Session>,
    uri: Uri,
    generation: u64,
    events: UnboundedReceiver<Event>,
    mailbox: WeakUnboundedSender<Event>,
) {
    let (path, kind) = match session.documents.get(&uri) {
        Some(doc) if doc.generation == generation => (doc.path.clone(), doc.review_kind()),
        _ => return,
    };
    let index_path = path.as_deref().map(index::index_path);
    let scheduler = Scheduler {
        session: session.clone(),
        uri,
        generation,
        events,
        mailbox,
        review: Some(new_review(&path, &index_path, kind)),
        path,
        index_path,
        index_rounds: 0,
        kind,
        tasks: JudgeTasks::default(),
        dirty: true,
        // The text as opened is what is on disk: the judge need not wait for a pause.
        flush: true,
        next_due: None,
        new_only: NewOnly::default(),
    };
    tokio::spawn(scheduler.run());
}

struct Scheduler {
    session: Arc<Session>,
    uri: Uri,
    generation: u64,
    events: UnboundedReceiver<Event>,
    /// Given to the judge's tasks: they report here, and do not keep the channel open.
    mailbox: WeakUnboundedSender<Event>,
    /// `None` only while a review runs on a blocking thread.
    review: Option<DocumentReview>,
    path: Option<PathBuf>,
    /// The path the workspace index knows the document by.
    index_path: Option<PathBuf>,
    /// Reviews in a row, since the last edit, that the index asked for and whose entry
    /// changed the index again: past [`MAX_INDEX_ROUNDS`] the entry is not recorded, so
    /// facts that keep changing cannot make documents review each other forever.
    index_rounds: usize,
    kind: DocumentKind,
    /// Judge requests in flight (aborted when the scheduler ends).
    tasks: JudgeTasks,
    /// Something changed since the last review.
    dirty: bool,
    /// The next judge requests go out without waiting for a pause.
    flush: bool,
    /// When the next unit falls due for the judge, if nothing changes.
    next_due: Option<Instant>,
    /// The findings at the `bluecode.newSince` commit, for `bluecode.show = "new"`.
    new_only: NewOnly,
}

/// See `Scheduler::index_rounds`.
const MAX_INDEX_ROUNDS: usize = 3;

fn new_review(
    path: &Option<PathBuf>,
    index_path: &Option<PathBuf>,
    kind: DocumentKind,
) -> DocumentReview {
    let mut review = DocumentReview::new(path.clone(), kind);
    if let Some(p) = index_path {
        review.index_as(p.clone());
    }
    review
}

/// What one review works on: a copy of the document at one version.
struct Snapshot {
    version: i32,
    doc: bluecode_syntax::Document,
    workspace: Option<Workspace>,
    encoding: bluecode_syntax::PositionEncoding,
    /// With the index on for this document: what it says about it.
    index: Option<Option<Arc<DocumentFacts>>>,
}

impl Scheduler {
    async fn run(mut self) {
        loop {
            if self.dirty {
                let debounce = self.session.settings().debounce;
                if !debounce.is_zero() {
                    tokio::time::sleep(debounce).await;
                }
                // Everything that arrived during the debounce is in this review.
                loop {
                    match self.events.try_recv() {
                        Ok(event) => self.absorb(event),
                        Err(mpsc::error::TryRecvError::Empty) => break,
                        Err(mpsc::error::TryRecvError::Disconnected) => return,
                    }
                }
                if !self.review_now().await {
                    return;
                }
                continue;
            }
            let event = match self.next_due {
                Some(at) => tokio::select! {
                    event = self.events.recv() => event,
                    () = tokio::time::sleep_until(at.into()) => {
                        self.next_due = None;
                        self.send_due(false);
                        continue;
                    }
                },
                None => self.events.recv().await,
            };
            match event {
                Some(event) => self.absorb(event),
                // The document was closed (or opened again: that opening has its own).
                None => return,
            }
        }
    }

    fn review_state(&mut self) -> &mut DocumentReview {
        self.review
            .get_or_insert_with(|| new_review(&self.path, &self.index_path, self.kind))
    }

    fn absorb(&mut self, event: Event) {
        match event {
            Event::Changed => {
                self.dirty = true;
                self.index_rounds = 0;
            }
            Event::IndexChanged => self.dirty = true,
            Event::Saved => {
                self.flush = true;
                self.new_only.invalidate();
                if !self.dirty {
                    self.send_due(true);
                }
            }
            Event::Judged { ticket, outcome } => {
                self.tasks.finish(&ticket);
                if self.review_state().record_outcome(&ticket, &outcome) {
                    self.dirty = true;
                } else {
                    tracing::debug!(unit = %ticket.unit, "no LLM verdict to merge (stale, or none)");
                }
            }
            Event::Verified { ticket, report } => {
                if self.review_state().record_sandbox(&ticket, report) {
                    self.dirty = true;
                }
            }
            Event::ReviewOutOfScope => {
                self.review_state().review_out_of_scope();
                self.dirty = true;
            }
            Event::JudgeReplaced => {
                self.review_state().reset_llm();
                self.tasks = JudgeTasks::default();
                self.dirty = true;
            }
        }
    }

    fn snapshot(&self) -> Option<Snapshot> {
        let (workspace, encoding) = {
            let state = self.session.state();
            (state.workspace.clone(), state.encoding)
        };
        let indexed = self.kind == DocumentKind::Code
            && workspace.as_ref().is_some_and(Workspace::index_enabled);
        let doc = self.session.documents.get(&self.uri)?;
        if doc.generation != self.generation {
            return None;
        }
        let index = match &self.index_path {
            Some(path) if indexed && doc.doc.language().is_some_and(indexes) => {
                Some(self.session.index().facts(path))
            }
            _ => None,
        };
        Some(Snapshot {
            version: doc.version,
            doc: doc.doc.clone(),
            workspace,
            encoding,
            index,
        })
    }

    /// How the judge is asked now, if it is on.
    fn judge_when(&self, workspace: &Workspace, flush: bool) -> JudgeWhen {
        if self.session.llm().is_none() {
            return JudgeWhen::Never;
        }
        JudgeWhen::Settled {
            idle: Duration::from_millis(workspace.settings().llm.idle_ms),
            now: Instant::now(),
            flush,
        }
    }

    /// Reviews the current version, publishes it and sends what is due to the judge.
    /// `false` when the document is gone.
    async fn review_now(&mut self) -> bool {
        self.dirty = false;
        let flush = std::mem::take(&mut self.flush);
        let Some(snapshot) = self.snapshot() else {
            return false;
        };
        let version = snapshot.version;
        let when = snapshot
            .workspace
            .as_ref()
            .map_or(JudgeWhen::Never, |w| self.judge_when(w, flush));
        let mut review = self
            .review
            .take()
            .unwrap_or_else(|| new_review(&self.path, &self.index_path, self.kind));
        let uri = self.uri.clone();
        let mut new_only = std::mem::take(&mut self.new_only);
        let ran = tokio::task::spawn_blocking(move || {
            let result = run_review(&uri, snapshot, &mut review, &mut new_only, when);
            (review, new_only, result)
        })
        .await;
        let (analysed, due) = match ran {
            Ok((review, new_only, result)) => {
                self.review = Some(review);
                self.new_only = new_only;
                result
            }
            Err(e) => {
                // A review that panicked may have left the cache half-updated: start over.
                tracing::error!(uri = self.uri.as_str(), version, "analysis failed: {e}");
                self.review = None;
                return true;
            }
        };
        if let Some(units) = &analysed.units {
            self.tasks
                .retain(|id, hash| units.iter().any(|(u, h)| u == id && *h == hash));
        }
        self.publish(analysed.published).await;
        self.dispatch(due);
        if let Some(entry) = analysed.entry {
            self.record_entry(entry).await;
        }
        true
    }

    /// Records this document's entry in the index; the open documents whose facts that
    /// changes review again (this one too, within its rounds).
    async fn record_entry(&mut self, entry: FileEntry) {
        if self.index_rounds >= MAX_INDEX_ROUNDS {
            return;
        }
        let changed = index::record(&self.session, entry);
        if changed.is_empty() {
            self.index_rounds = 0;
            return;
        }
        self.index_rounds += 1;
        let own = self.index_path.as_deref();
        if own.is_some_and(|p| changed.iter().any(|c| c.as_ref() == p)) {
            self.dirty = true;
        }
        index::notify(&self.session, &changed, own);
    }

    /// Sends the requests due now (a unit fell due, or the file was saved).
    fn send_due(&mut self, flush: bool) {
        let Some(workspace) = self.session.workspace() else {
            return;
        };
        let when = self.judge_when(&workspace, flush);
        if flush {
            self.flush = false;
        }
        let name = self.uri.as_str().to_owned();
        let due = workspace.judge_due(self.review_state(), &name, when);
        self.dispatch(due);
    }

    fn dispatch(&mut self, due: JudgeDue) {
        self.next_due = due.next_due;
        if due.jobs.is_empty() {
            return;
        }
        let Some(layer) = self.session.llm() else {
            return;
        };
        llm::send(
            &self.session,
            &self.uri,
            &layer.judge,
            &self.mailbox,
            &mut self.tasks,
            due.jobs,
        );
    }

    /// Stores and pushes a result if the document is still at its version.
    async fn publish(&self, analysed: Analysed) {
        let session = &self.session;
        let uri = &self.uri;
        let analysed = Arc::new(analysed);
        let (current, republished) = match session.documents.get(uri) {
            Some(doc) if doc.generation == self.generation && doc.version == analysed.version => {
                let previous = doc.results.send_replace(Some(analysed.clone()));
                let again = previous.is_some_and(|p| p.version == analysed.version);
                (true, again)
            }
            _ => (false, false),
        };
        if !current {
            tracing::debug!(
                uri = uri.as_str(),
                version = analysed.version,
                "stale analysis dropped"
            );
            return;
        }
        if !session.state().support.pull_diagnostics {
            session
                .client
                .publish_diagnostics(
                    uri.clone(),
                    analysed.diagnostics.clone(),
                    Some(analysed.version),
                )
                .await;
        } else if republished {
            // The same version with a verdict merged: a pulling client must ask again.
            session.refresh_diagnostics().await;
        }
    }
}

/// What a review produced for publishing, the units it saw (id, hash), and the
/// document's index entry (with the index on).
struct Reviewed {
    published: Analysed,
    units: Option<Vec<(bluecode_syntax::UnitId, u64)>>,
    entry: Option<FileEntry>,
}

/// Runs on a blocking thread.
fn run_review(
    uri: &Uri,
    snapshot: Snapshot,
    review: &mut DocumentReview,
    new_only: &mut NewOnly,
    when: JudgeWhen,
) -> (Reviewed, JudgeDue) {
    let Snapshot {
        version,
        doc,
        workspace,
        encoding,
        index,
    } = snapshot;
    let Some(workspace) = workspace else {
        let published = Analysed {
            version,
            findings: Vec::new(),
            diagnostics: Vec::new(),
            sandbox: Arc::default(),
            threat_model: None,
        };
        return (
            Reviewed {
                published,
                units: None,
                entry: None,
            },
            JudgeDue::default(),
        );
    };
    if let Some(facts) = index {
        review.set_index(facts);
    }
    let Review {
        mut findings,
        units,
        judge,
        ..
    } = workspace.review(review, &doc, uri.as_str(), when);
    new_only.apply(
        &workspace,
        review.path(),
        review.kind(),
        &doc,
        &mut findings,
    );
    let entry = review.index_entry(&doc);
    let diagnostics = findings
        .iter()
        .map(|f| {
            convert::diagnostic(
                f,
                &doc,
                uri,
                version,
                workspace.engine().constitutions(),
                encoding,
            )
        })
        .collect();
    let published = Analysed {
        version,
        findings,
        diagnostics,
        sandbox: Arc::new(review.sandbox_verdicts().clone()),
        threat_model: (review.kind() == DocumentKind::Code).then(|| {
            let context = review.context();
            format!("{}: {}", context.profile.name(), context.profile_reason)
        }),
    };
    let units = units.into_iter().map(|u| (u.id, u.hash)).collect();
    (
        Reviewed {
            published,
            units: Some(units),
            entry,
        },
        judge,
    )
}
