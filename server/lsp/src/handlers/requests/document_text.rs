//! `bluecode/documentText`, a custom request for tests only: the server's copy of a
//! document and its version, so that a test can check that edits were applied exactly
//! as the client made them. No editor uses it.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::lsp_types::Uri;

use crate::session::Session;

pub const METHOD: &str = "bluecode/documentText";

#[derive(Debug, Deserialize)]
pub struct DocumentTextParams {
    pub uri: Uri,
}

#[derive(Debug, Serialize)]
pub struct DocumentText {
    pub version: i32,
    pub text: String,
}

pub fn handle(session: &Arc<Session>, params: DocumentTextParams) -> Result<DocumentText> {
    let doc = session
        .documents
        .get(&params.uri)
        .ok_or_else(|| Error::invalid_params(format!("{} is not open", params.uri.as_str())))?;
    Ok(DocumentText {
        version: doc.version,
        text: doc.doc.text().to_owned(),
    })
}
