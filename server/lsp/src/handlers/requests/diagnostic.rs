//! `textDocument/diagnostic` (pull): the full report of the current version, waiting
//! for its analysis if it is still running. `resultId` is the version analysed.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::lsp_types::{
    DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReportResult,
    FullDocumentDiagnosticReport, RelatedFullDocumentDiagnosticReport,
};

use crate::session::Session;

pub async fn handle(
    session: &Arc<Session>,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let report = match session.current_analysis(&params.text_document.uri).await? {
        Some(analysed) => FullDocumentDiagnosticReport {
            result_id: Some(analysed.version.to_string()),
            items: analysed.diagnostics.clone(),
        },
        // Not open: nothing is known about it.
        None => FullDocumentDiagnosticReport::default(),
    };
    Ok(DocumentDiagnosticReportResult::Report(
        DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: report,
        }),
    ))
}
