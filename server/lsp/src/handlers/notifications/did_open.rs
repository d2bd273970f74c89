//! `textDocument/didOpen`: stores the document (replacing an earlier opening of the same
//! URI) and schedules its first analysis. A file too large or binary is kept, so later
//! edits still apply, but not analysed; the client's log says why.

use std::sync::Arc;

use tower_lsp_server::lsp_types::DidOpenTextDocumentParams;

use crate::document::DocState;
use crate::scheduler;
use crate::session::Session;

pub async fn handle(session: &Arc<Session>, params: DidOpenTextDocumentParams) {
    let item = params.text_document;
    let max_file_size = session.settings().analysis.max_file_size;
    let generation = session.next_generation();
    let (state, events) = DocState::open(
        generation,
        &item.uri,
        &item.language_id,
        item.version,
        item.text,
        max_file_size,
    );
    let skipped = state.skipped;
    let mailbox = state.mailbox();
    session.documents.insert(item.uri.clone(), state);
    scheduler::start(session, item.uri.clone(), generation, events, mailbox);
    if let Some(reason) = skipped {
        session
            .log(format!("{}: not analysed: {reason}", item.uri.as_str()))
            .await;
    }
}
