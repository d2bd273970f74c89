//! The `LanguageServer` implementation, kept thin: each method opens a tracing span
//! (method, uri, version), runs its handler under a panic guard — a bug answers one
//! request with an internal error instead of taking the server down — and returns.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures::FutureExt;
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::lsp_types::{
    CodeActionParams, CodeActionResponse, DidChangeConfigurationParams,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, DocumentDiagnosticParams,
    DocumentDiagnosticReportResult, ExecuteCommandParams, Hover, HoverParams, InitializeParams,
    InitializeResult, InitializedParams, Uri, WorkDoneProgressCancelParams,
};
use tower_lsp_server::{Client, LanguageServer};
use tracing::{Instrument, Span};

use crate::handlers::notifications::{
    did_change, did_change_configuration, did_change_watched_files, did_close, did_open, did_save,
    initialized,
};
use crate::handlers::requests::document_text::{DocumentText, DocumentTextParams};
use crate::handlers::requests::{
    code_action, diagnostic, document_text, execute_command, hover, initialize,
};
use crate::progress;
use crate::session::Session;

pub struct Backend {
    session: Arc<Session>,
}

fn span(method: &'static str, uri: Option<&Uri>, version: Option<i32>) -> Span {
    tracing::info_span!("lsp", method, uri = uri.map(|u| u.as_str()), version)
}

/// Runs a handler; a panic becomes `None` and an error line.
async fn guarded<T>(method: &'static str, handler: impl Future<Output = T>) -> Option<T> {
    match AssertUnwindSafe(handler).catch_unwind().await {
        Ok(value) => Some(value),
        Err(_) => {
            tracing::error!(method, "handler panicked");
            None
        }
    }
}

async fn request<T>(
    method: &'static str,
    span: Span,
    handler: impl Future<Output = Result<T>>,
) -> Result<T> {
    guarded(method, handler)
        .instrument(span)
        .await
        .unwrap_or_else(|| Err(Error::internal_error()))
}

async fn notification(method: &'static str, span: Span, handler: impl Future<Output = ()>) {
    guarded(method, handler).instrument(span).await;
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        Backend {
            session: Arc::new(Session::new(client)),
        }
    }

    /// The custom test-only request (see `handlers::requests::document_text`).
    pub async fn document_text(&self, params: DocumentTextParams) -> Result<DocumentText> {
        let span = span(document_text::METHOD, Some(&params.uri), None);
        let session = &self.session;
        request(document_text::METHOD, span, async move {
            document_text::handle(session, params)
        })
        .await
    }
}

impl Backend {
    /// `window/workDoneProgress/cancel` (not in tower-lsp's trait).
    pub async fn work_done_progress_cancel(&self, params: WorkDoneProgressCancelParams) {
        let span = span("window/workDoneProgress/cancel", None, None);
        let session = &self.session;
        notification("window/workDoneProgress/cancel", span, async move {
            progress::cancel(session, params)
        })
        .await
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let span = span("initialize", None, None);
        request(
            "initialize",
            span,
            initialize::handle(&self.session, params),
        )
        .await
    }

    async fn initialized(&self, params: InitializedParams) {
        let span = span("initialized", None, None);
        notification(
            "initialized",
            span,
            initialized::handle(&self.session, params),
        )
        .await
    }

    async fn shutdown(&self) -> Result<()> {
        tracing::info!("shutdown requested");
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = &params.text_document;
        let span = span("textDocument/didOpen", Some(&doc.uri), Some(doc.version));
        let handler = did_open::handle(&self.session, params);
        notification("textDocument/didOpen", span, handler).await
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let doc = &params.text_document;
        let span = span("textDocument/didChange", Some(&doc.uri), Some(doc.version));
        let handler = did_change::handle(&self.session, params);
        notification("textDocument/didChange", span, handler).await
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let span = span(
            "textDocument/didSave",
            Some(&params.text_document.uri),
            None,
        );
        let handler = did_save::handle(&self.session, params);
        notification("textDocument/didSave", span, handler).await
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let span = span(
            "textDocument/didClose",
            Some(&params.text_document.uri),
            None,
        );
        let handler = did_close::handle(&self.session, params);
        notification("textDocument/didClose", span, handler).await
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let span = span("workspace/didChangeConfiguration", None, None);
        let handler = did_change_configuration::handle(&self.session, params);
        notification("workspace/didChangeConfiguration", span, handler).await
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let span = span("workspace/didChangeWatchedFiles", None, None);
        let handler = did_change_watched_files::handle(&self.session, params);
        notification("workspace/didChangeWatchedFiles", span, handler).await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let uri = &params.text_document_position_params.text_document.uri;
        let span = span("textDocument/hover", Some(uri), None);
        request(
            "textDocument/hover",
            span,
            hover::handle(&self.session, params),
        )
        .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let span = span(
            "textDocument/codeAction",
            Some(&params.text_document.uri),
            None,
        );
        let handler = code_action::handle(&self.session, params);
        request("textDocument/codeAction", span, handler).await
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let span = span(
            "textDocument/diagnostic",
            Some(&params.text_document.uri),
            None,
        );
        let handler = diagnostic::handle(&self.session, params);
        request("textDocument/diagnostic", span, handler).await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        let span = span("workspace/executeCommand", None, None);
        let handler = execute_command::handle(&self.session, params);
        request("workspace/executeCommand", span, handler).await
    }
}
