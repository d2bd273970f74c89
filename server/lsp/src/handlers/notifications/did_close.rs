//! `textDocument/didClose`: forgets the document (its analysis task stops at its next
//! check) and clears its diagnostics in clients that take them pushed.

use std::sync::Arc;

use tower_lsp_server::lsp_types::DidCloseTextDocumentParams;

use crate::session::Session;

pub async fn handle(session: &Arc<Session>, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    session.documents.remove(&uri);
    if !session.state().support.pull_diagnostics {
        session
            .client
            .publish_diagnostics(uri, Vec::new(), None)
            .await;
    }
}
