//! `initialized`: shows what went wrong while loading the workspace (constitution files,
//! `bluecode.toml`), then asks a client that supports it for the `bluecode`
//! configuration section, which replaces `initializationOptions` as the editor layer,
//! and starts building the workspace index in the background.

use std::sync::Arc;

use tower_lsp_server::lsp_types::{ConfigurationItem, InitializedParams};

use crate::session::Session;

/// The configuration section editors hold bluecode's settings under.
pub const CONFIGURATION_SECTION: &str = "bluecode";

pub async fn handle(session: &Arc<Session>, _params: InitializedParams) {
    let problems = std::mem::take(&mut session.state_mut().startup_problems);
    for problem in problems {
        session.warn(problem).await;
    }
    if session.state().support.configuration {
        fetch_configuration(session).await;
    }
    // After the settings are known, and after the open documents' first reviews were
    // scheduled: they do not wait for the index.
    crate::index::start_build(session);
}

/// Requests `workspace/configuration` for the `bluecode` section and applies it. A
/// `null` answer (the client has no such section) keeps the current editor layer.
pub async fn fetch_configuration(session: &Arc<Session>) {
    let items = vec![ConfigurationItem {
        scope_uri: None,
        section: Some(CONFIGURATION_SECTION.to_owned()),
    }];
    match session.client.configuration(items).await {
        Ok(mut values) => match values.pop() {
            Some(value) if !value.is_null() => session.apply_settings(Some(value)).await,
            _ => {}
        },
        Err(e) => tracing::warn!("workspace/configuration failed: {e}"),
    }
}
