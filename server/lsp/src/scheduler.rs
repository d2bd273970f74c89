//! Per-document analysis scheduling, biome-style: each document has a `running` flag
//! and a `rerun` flag; a request while a run is in flight only sets `rerun`. A run waits
//! out the debounce, snapshots the document (so the latest version wins), analyses it on
//! a blocking thread (handlers never wait for it), and publishes only if the document
//! is still at that version — a stale result is dropped. One run per document at a time,
//! so results are published in order.
//!
//! A run also merges what the slower layers recorded for units whose hash is unchanged —
//! the LLM judge's verdicts before the suppressions and filters, the sandbox's after —
//! without waiting for either. After a publish, changed units go to the LLM judge
//! ([`crate::llm::dispatch`]); a finished verdict schedules the document again, which
//! republishes the same version with it merged.
//!
//! Depends on the session (documents, settings, engine, layers) and the analysis layer.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use bluecode_analysis::{DocumentAnalysis, Engine, Finding, finalize, today};
use bluecode_syntax::{Document, PositionEncoding, Unit};
use bluecode_workspace::llm::ConstitutionDoc;
use tower_lsp_server::lsp_types::Uri;

use crate::convert;
use crate::document::{Analysed, DocKind};
use crate::llm::{self, UnitVerdict};
use crate::session::{SandboxVerdict, Session};
use crate::settings::Settings;
use crate::verify;

/// Starts a run for `uri`, or marks the running one to go again.
pub fn schedule(session: &Arc<Session>, uri: &Uri) {
    let generation = match session.documents.get_mut(uri) {
        Some(mut doc) if doc.running => {
            doc.rerun = true;
            return;
        }
        Some(mut doc) => {
            doc.running = true;
            doc.generation
        }
        None => return,
    };
    tokio::spawn(run(session.clone(), uri.clone(), generation));
}

/// What one analysis works on: a copy of the document at one version.
struct Job {
    uri: Uri,
    version: i32,
    doc: Document,
    work: Work,
    analysis: Arc<Mutex<DocumentAnalysis>>,
    settings: Arc<Settings>,
    encoding: PositionEncoding,
    /// The constitutions as the judge quotes them, when the LLM is on.
    llm_docs: Option<Arc<Vec<ConstitutionDoc>>>,
    llm_verdicts: Arc<HashMap<String, UnitVerdict>>,
    sandbox_verdicts: Arc<[SandboxVerdict]>,
}

enum Work {
    Code(Engine),
    Instruction(Engine, PathBuf),
    /// Skipped, excluded or not a language we analyse: publish nothing (clearing what
    /// an earlier version showed).
    Nothing,
}

async fn run(session: Arc<Session>, uri: Uri, generation: u64) {
    loop {
        let debounce = session.settings().debounce;
        if !debounce.is_zero() {
            tokio::time::sleep(debounce).await;
        }
        let Some(job) = snapshot(&session, &uri, generation) else {
            return;
        };
        let version = job.version;
        match tokio::task::spawn_blocking(move || job.run()).await {
            Ok(analysed) => publish(&session, &uri, generation, analysed).await,
            Err(e) => tracing::error!(uri = uri.as_str(), version, "analysis failed: {e}"),
        }
        let again = match session.documents.get_mut(&uri) {
            Some(mut doc) if doc.generation == generation => {
                if doc.rerun {
                    doc.rerun = false;
                    true
                } else {
                    doc.running = false;
                    false
                }
            }
            // Closed, or closed and opened again (that opening runs its own task).
            _ => false,
        };
        if !again {
            return;
        }
    }
}

fn snapshot(session: &Session, uri: &Uri, generation: u64) -> Option<Job> {
    let (engine, settings, encoding, root, llm_docs) = {
        let state = session.state();
        (
            state.engine.clone(),
            state.settings.clone(),
            state.encoding,
            state.root.clone(),
            state.llm.as_ref().map(|l| l.docs.clone()),
        )
    };
    let sandbox_verdicts = session.sandbox_verdicts(uri);
    let mut doc = session.documents.get_mut(uri)?;
    if doc.generation != generation {
        return None;
    }
    // Everything up to now is in this snapshot.
    doc.rerun = false;
    let excluded = doc
        .path
        .as_deref()
        .is_some_and(|p| is_excluded(&settings, root.as_deref(), p));
    let work = match (&doc.kind, engine) {
        _ if doc.skipped.is_some() || excluded => Work::Nothing,
        (DocKind::Code(_), Some(engine)) => Work::Code(engine),
        (DocKind::Instruction(path), Some(engine)) => Work::Instruction(engine, path.clone()),
        (DocKind::Other, _) | (_, None) => Work::Nothing,
    };
    Some(Job {
        uri: uri.clone(),
        version: doc.version,
        doc: doc.doc.clone(),
        work,
        analysis: doc.analysis.clone(),
        settings,
        encoding,
        llm_docs,
        llm_verdicts: doc.llm_verdicts.clone(),
        sandbox_verdicts,
    })
}

fn is_excluded(settings: &Settings, root: Option<&Path>, path: &Path) -> bool {
    let relative = root.and_then(|r| path.strip_prefix(r).ok()).unwrap_or(path);
    settings.exclude.is_match(relative)
}

/// The cache lock; a run that panicked left it poisoned and possibly half-updated, so
/// the cache starts over.
fn lock_fresh(analysis: &Mutex<DocumentAnalysis>) -> MutexGuard<'_, DocumentAnalysis> {
    match analysis.lock() {
        Ok(guard) => guard,
        Err(poisoned) => {
            analysis.clear_poison();
            let mut guard = poisoned.into_inner();
            *guard = DocumentAnalysis::new();
            guard
        }
    }
}

impl Job {
    /// Runs on a blocking thread.
    fn run(self) -> Analysed {
        let (raw, units, engine): (Vec<Finding>, Vec<Unit>, Option<&Engine>) = match &self.work {
            Work::Nothing => (Vec::new(), Vec::new(), None),
            Work::Code(engine) => {
                let mut analysis = lock_fresh(&self.analysis);
                analysis.update(engine, &self.doc);
                (analysis.findings(), analysis.units().to_vec(), Some(engine))
            }
            Work::Instruction(engine, path) => (
                engine.analyze_text_file(path, self.doc.text()),
                Vec::new(),
                Some(engine),
            ),
        };
        // The judge is sent the static findings; keep them only when it is on.
        let judged = self.llm_docs.is_some() && !units.is_empty();
        let (merged, raw) = match &self.llm_docs {
            Some(docs) if judged => (
                llm::merge_verdicts(&self.doc, &units, raw.clone(), &self.llm_verdicts, docs),
                raw,
            ),
            _ => (raw, Vec::new()),
        };
        let mut findings = finalize(&self.doc, merged, &self.settings.analysis, today());
        verify::apply_verdicts(&units, &mut findings, &self.sandbox_verdicts);
        let diagnostics = match engine {
            Some(engine) => findings
                .iter()
                .map(|f| {
                    convert::diagnostic(
                        f,
                        &self.doc,
                        &self.uri,
                        self.version,
                        engine.constitutions(),
                        self.encoding,
                    )
                })
                .collect(),
            None => Vec::new(),
        };
        Analysed {
            version: self.version,
            findings,
            diagnostics,
            raw,
            units,
            doc: judged.then_some(self.doc),
        }
    }
}

/// Stores and pushes a result if the document is still at its version, then sends the
/// units that changed to the LLM judge.
async fn publish(session: &Arc<Session>, uri: &Uri, generation: u64, analysed: Analysed) {
    let analysed = Arc::new(analysed);
    let (current, republished) = match session.documents.get(uri) {
        Some(doc) if doc.generation == generation && doc.version == analysed.version => {
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
    llm::dispatch(session, uri, generation, &analysed);
}
