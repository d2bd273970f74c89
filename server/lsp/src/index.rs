//! The workspace index in the server. Built in the background once the client is ready
//! (`$/progress` "Indexing the workspace"; open documents are reviewed first and do not
//! wait for it), then kept current: each review of an open document records its entry
//! (its function summaries, from the editor's text), a file changed outside the editor
//! (`workspace/didChangeWatchedFiles`) is summarised again from disk, and a deleted one
//! is forgotten. Entries of the first round are kept on disk (`IndexCache`): reopening
//! the workspace reuses those whose file, constitutions and context are unchanged.
//! Whenever the propagated facts of a document change, that document — if
//! open — is reviewed again and its diagnostics refreshed (its scheduler republishes:
//! pushed, or `workspace/diagnostic/refresh` for a pulling client). An entry whose summaries did not
//! change propagates nothing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bluecode_analysis::index::{DocumentFacts, FileEntry};
use bluecode_workspace::{IndexCache, Workspace};
use tower_lsp_server::UriExt;

use crate::document::Event;
use crate::progress::WorkDone;
use crate::session::Session;

/// Rounds of re-summarising closed files whose facts changed, as in the scan.
const BUILD_ROUNDS: usize = 3;
/// Files summarised per blocking task while building (progress is reported between).
const BATCH: usize = 32;

/// The path the index knows a file by.
pub fn index_path(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}

/// Paths of the open documents.
fn open_paths(session: &Session) -> HashSet<PathBuf> {
    session
        .documents
        .iter()
        .filter_map(|d| d.path.as_deref().map(index_path))
        .collect()
}

/// Tells the open documents among `changed` (but `except`) that their facts changed.
/// Each reviews again and republishes its version: pushed to the client, or — for a
/// pulling client — followed by `workspace/diagnostic/refresh` (the scheduler's publish).
pub fn notify(session: &Session, changed: &[Arc<Path>], except: Option<&Path>) {
    if changed.is_empty() {
        return;
    }
    let changed: HashSet<&Path> = changed.iter().map(|p| p.as_ref()).collect();
    for doc in session.documents.iter() {
        let Some(path) = doc.path.as_deref().map(index_path) else {
            continue;
        };
        if changed.contains(path.as_path()) && Some(path.as_path()) != except {
            doc.notify(Event::IndexChanged);
        }
    }
}

/// Records an open document's entry after a review: the documents whose facts changed.
pub fn record(session: &Session, entry: FileEntry) -> Vec<Arc<Path>> {
    session.index().update(entry)
}

/// Builds the index over the workspace's files that are not open, in the background.
pub fn start_build(session: &Arc<Session>) {
    let session = session.clone();
    tokio::spawn(async move { build(&session).await });
}

async fn build(session: &Arc<Session>) {
    let Some(workspace) = session.workspace() else {
        return;
    };
    let open = open_paths(session);
    let files: Vec<PathBuf> = workspace
        .indexed_files()
        .into_iter()
        .map(|(p, _)| index_path(&p))
        .filter(|p| !open.contains(p))
        .collect();
    if files.is_empty() {
        return;
    }
    let started = std::time::Instant::now();
    let progress = WorkDone::begin(
        session,
        "Indexing the workspace",
        Some(format!("0/{} files", files.len())),
        None,
    )
    .await;
    // Entries of the first round (made without facts) are read from and written to disk.
    let cache = {
        let root = workspace.root().map(Path::to_path_buf);
        tokio::task::spawn_blocking(move || root.map(|r| IndexCache::open_default(&r)))
            .await
            .ok()
            .flatten()
            .map(Arc::new)
    };
    let mut reused = 0;
    let mut due: Vec<PathBuf> = files.clone();
    let mut changed_all: Vec<Arc<Path>> = Vec::new();
    for round in 0..BUILD_ROUNDS {
        let mut entries = Vec::new();
        for (i, batch) in due.chunks(BATCH).enumerate() {
            let batch: Vec<(PathBuf, Option<Arc<DocumentFacts>>)> = batch
                .iter()
                .map(|p| {
                    (
                        p.clone(),
                        (round > 0).then(|| session.index().facts(p)).flatten(),
                    )
                })
                .collect();
            let workspace = workspace.clone();
            let cache = cache.clone().filter(|_| round == 0);
            let (summarised, hits) = tokio::task::spawn_blocking(move || {
                summarise_batch(&workspace, cache.as_deref(), batch)
            })
            .await
            .unwrap_or_default();
            reused += hits;
            entries.extend(summarised);
            if round == 0
                && let Some(p) = &progress
            {
                let done = ((i + 1) * BATCH).min(due.len());
                p.report(
                    format!("{done}/{} files", due.len()),
                    (done * 100 / due.len().max(1)) as u32,
                )
                .await;
            }
        }
        let changed = session.index().extend(entries);
        let open = open_paths(session);
        due = changed
            .iter()
            .filter(|p| !open.contains(p.as_ref()))
            .map(|p| p.to_path_buf())
            .collect();
        changed_all.extend(changed);
        if due.is_empty() {
            break;
        }
    }
    let (files, functions) = session.index().size();
    tracing::info!(
        files,
        functions,
        reused,
        ms = started.elapsed().as_millis() as u64,
        "workspace index built"
    );
    if let Some(p) = progress {
        p.end(Some(format!("{files} files, {functions} functions")))
            .await;
    }
    notify(session, &changed_all, None);
}

/// Summarises `batch` from disk; with `cache`, an entry stored under the same key is
/// reused and the others are stored. The entries and how many were reused.
fn summarise_batch(
    workspace: &Workspace,
    cache: Option<&IndexCache>,
    batch: Vec<(PathBuf, Option<Arc<DocumentFacts>>)>,
) -> (Vec<FileEntry>, usize) {
    let mut entries = Vec::with_capacity(batch.len());
    let mut fresh = Vec::new();
    let mut hits = 0;
    for (path, facts) in batch {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Some(cache) = cache.filter(|_| facts.is_none()) else {
            entries.extend(workspace.summarise_file(&path, text, facts));
            continue;
        };
        let key = workspace.summary_key(&path, &text);
        if let Some(entry) = cache.get(&path, key) {
            hits += 1;
            entries.push(entry);
            continue;
        }
        if let Some(entry) = workspace.summarise_file(&path, text, None) {
            fresh.push((path, key, entry.clone()));
            entries.push(entry);
        }
    }
    if let Some(cache) = cache {
        cache.put(&fresh);
    }
    (entries, hits)
}

/// `workspace/didChangeWatchedFiles` for a code file: summarised again from disk (or
/// forgotten when deleted), unless it is open — the editor's text wins.
pub async fn file_changed(
    session: &Arc<Session>,
    uri: &tower_lsp_server::lsp_types::Uri,
    deleted: bool,
) {
    let Some(path) = uri.to_file_path().map(|p| index_path(&p)) else {
        return;
    };
    if open_paths(session).contains(&path) {
        return;
    }
    let Some(workspace) = session.workspace().filter(|w| w.index_enabled()) else {
        return;
    };
    let changed = if deleted {
        session.index().remove(&path)
    } else {
        let facts = session.index().facts(&path);
        let target = path.clone();
        let entry = tokio::task::spawn_blocking(move || {
            let text = std::fs::read_to_string(&target).ok()?;
            workspace.summarise_file(&target, text, facts)
        })
        .await
        .ok()
        .flatten();
        match entry {
            Some(entry) => record(session, entry),
            None => session.index().remove(&path),
        }
    };
    notify(session, &changed, None);
}
