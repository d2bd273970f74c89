//! `workspace/didChangeWatchedFiles`: editors that watch `bluecode.toml` (the VS Code
//! extension does) report edits made outside the editor; settings are re-read.

use std::sync::Arc;

use tower_lsp_server::lsp_types::DidChangeWatchedFilesParams;

use super::did_save::is_workspace_config;
use crate::session::Session;

pub async fn handle(session: &Arc<Session>, params: DidChangeWatchedFilesParams) {
    if params
        .changes
        .iter()
        .any(|change| is_workspace_config(session, &change.uri))
    {
        session.reload_workspace_file().await;
    }
}
