//! `textDocument/didSave`: the text is already current through incremental changes. A
//! save sends the file's units that are due to the LLM judge at once (no waiting for a
//! pause); the workspace's `bluecode.toml` is re-read.

use std::sync::Arc;

use tower_lsp_server::UriExt;
use tower_lsp_server::lsp_types::{DidSaveTextDocumentParams, Uri};

use crate::document::Event;
use crate::session::Session;

pub async fn handle(session: &Arc<Session>, params: DidSaveTextDocumentParams) {
    if let Some(doc) = session.documents.get(&params.text_document.uri) {
        doc.notify(Event::Saved);
    }
    if is_workspace_config(session, &params.text_document.uri) {
        session.reload_workspace_file().await;
    }
}

/// Whether `uri` is `<root>/bluecode.toml`.
pub fn is_workspace_config(session: &Session, uri: &Uri) -> bool {
    let Some(root) = session.state().root.clone() else {
        return false;
    };
    uri.to_file_path()
        .is_some_and(|path| path.as_ref() == root.join("bluecode.toml"))
}
