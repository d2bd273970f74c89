//! `workspace/didChangeConfiguration`: clients that answer `workspace/configuration` are
//! asked for the `bluecode` section (the notification's payload is then only a
//! trigger); others send the settings in the notification itself.

use std::sync::Arc;

use tower_lsp_server::lsp_types::DidChangeConfigurationParams;

use super::initialized::fetch_configuration;
use crate::session::Session;

pub async fn handle(session: &Arc<Session>, params: DidChangeConfigurationParams) {
    if session.state().support.configuration {
        fetch_configuration(session).await;
    } else {
        session.apply_settings(Some(params.settings)).await;
    }
}
