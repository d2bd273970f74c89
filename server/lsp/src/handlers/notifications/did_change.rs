//! `textDocument/didChange`: applies the edits at once, before any `.await`, so that
//! edits are applied in the order they were sent even when tower-lsp runs handlers
//! concurrently; a change that overtook its predecessor waits in the document until the
//! gap fills, or until [`GAP_WAIT`] has passed (a client that skips version numbers).

use std::sync::Arc;
use std::time::Duration;

use tower_lsp_server::lsp_types::{DidChangeTextDocumentParams, Uri};

use crate::document::{ChangeOutcome, Event};
use crate::session::Session;

/// How long a change waits for the versions before it. Reordering inside the server
/// takes microseconds; anything longer means the client skipped a version, which the
/// protocol allows (Neovim's versions are its change ticks).
const GAP_WAIT: Duration = Duration::from_millis(30);

pub async fn handle(session: &Arc<Session>, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let version = params.text_document.version;
    let encoding = session.encoding();
    let max_file_size = session.settings().analysis.max_file_size;
    let (outcome, note) = match session.documents.get_mut(&uri) {
        Some(mut doc) => {
            let outcome = doc.change(version, params.content_changes, encoding);
            let note = match outcome {
                ChangeOutcome::Applied => {
                    let note = doc.refresh_skip(max_file_size);
                    doc.notify(Event::Changed);
                    note
                }
                ChangeOutcome::Buffered | ChangeOutcome::Stale => None,
            };
            (outcome, note)
        }
        None => {
            tracing::warn!(
                uri = uri.as_str(),
                version,
                "change to a document that is not open"
            );
            return;
        }
    };
    match outcome {
        ChangeOutcome::Applied => {}
        ChangeOutcome::Buffered => {
            tokio::spawn(flush_after_wait(session.clone(), uri.clone()));
        }
        ChangeOutcome::Stale => {
            tracing::warn!(
                uri = uri.as_str(),
                version,
                "change not newer than the document: ignored"
            );
        }
    }
    if let Some(note) = note {
        session.log(format!("{}: {note}", uri.as_str())).await;
    }
}

async fn flush_after_wait(session: Arc<Session>, uri: Uri) {
    tokio::time::sleep(GAP_WAIT).await;
    let encoding = session.encoding();
    let max_file_size = session.settings().analysis.max_file_size;
    let flushed = match session.documents.get_mut(&uri) {
        Some(mut doc) if doc.has_gap() => {
            doc.flush_gap(encoding);
            let note = doc.refresh_skip(max_file_size);
            doc.notify(Event::Changed);
            Some(note)
        }
        _ => None,
    };
    let Some(note) = flushed else { return };
    tracing::warn!(
        uri = uri.as_str(),
        "versions missing from the client's changes; applied what arrived in order"
    );
    if let Some(note) = note {
        session.log(format!("{}: {note}", uri.as_str())).await;
    }
}
