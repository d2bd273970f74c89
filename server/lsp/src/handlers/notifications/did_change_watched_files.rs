//! `workspace/didChangeWatchedFiles`: editors that watch `bluecode.toml` (the VS Code
//! extension does) report edits made outside the editor; settings are re-read. Code files
//! created, changed or deleted outside the editor update the workspace index.

use std::sync::Arc;

use tower_lsp_server::lsp_types::{DidChangeWatchedFilesParams, FileChangeType};

use super::did_save::is_workspace_config;
use crate::index;
use crate::session::Session;

pub async fn handle(session: &Arc<Session>, params: DidChangeWatchedFilesParams) {
    if params
        .changes
        .iter()
        .any(|change| is_workspace_config(session, &change.uri))
    {
        session.reload_workspace_file().await;
    }
    for change in &params.changes {
        if is_workspace_config(session, &change.uri) {
            continue;
        }
        index::file_changed(session, &change.uri, change.typ == FileChangeType::DELETED).await;
    }
}
