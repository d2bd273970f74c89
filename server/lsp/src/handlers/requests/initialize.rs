//! `initialize`: picks the workspace root and the position encoding (UTF-8 when the
//! client offers it, else UTF-16), records what the client supports, loads the
//! constitutions (built-ins plus `<root>/.bluecode/constitutions`) and the settings
//! (`bluecode.toml` with `initializationOptions` over it), and declares the server's
//! capabilities. Problems are kept for `initialized` to show.

use std::path::PathBuf;
use std::sync::Arc;

use bluecode_analysis::Engine;
use bluecode_syntax::PositionEncoding;
use bluecode_workspace::{SettingsFile, Workspace};
use tower_lsp_server::UriExt;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, DiagnosticOptions,
    DiagnosticServerCapabilities, ExecuteCommandOptions, HoverProviderCapability, InitializeParams,
    InitializeResult, PositionEncodingKind, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};

use super::execute_command::COMMANDS;
use crate::convert;
use crate::session::{ClientSupport, Session};
use crate::settings;

pub async fn handle(session: &Arc<Session>, params: InitializeParams) -> Result<InitializeResult> {
    let root = workspace_root(&params);
    let encoding = negotiate_encoding(&params);
    let support = client_support(&params);

    let constitutions_root = root.clone();
    let (set, load_errors) = tokio::task::spawn_blocking(move || {
        Workspace::load_constitutions(constitutions_root.as_deref())
    })
    .await
    .map_err(|e| {
        tracing::error!("loading constitutions failed: {e}");
        Error::internal_error()
    })?;
    let mut problems: Vec<String> = load_errors
        .iter()
        .map(|e| format!("constitution not loaded: {e}"))
        .collect();

    let (file, file_problems) = SettingsFile::load_lenient(root.as_deref());
    problems.extend(file_problems);
    let client_layer = params.initialization_options.unwrap_or_default();
    let resolved = settings::resolve(&file, &client_layer);
    {
        let mut state = session.state_mut();
        match resolved {
            Ok(resolved) => {
                problems.extend(resolved.warnings.iter().cloned());
                state.settings = Arc::new(resolved);
                state.client_layer = client_layer;
            }
            Err(invalid) => {
                problems.extend(
                    invalid
                        .into_iter()
                        .map(|p| format!("{p}; initializationOptions ignored")),
                );
                // The workspace file alone still applies.
                match settings::resolve(&file, &serde_json::Value::Null) {
                    Ok(file_only) => state.settings = Arc::new(file_only),
                    Err(file_problems) => problems.extend(file_problems),
                }
            }
        }
        state.root = root;
        state.encoding = encoding;
        state.support = support;
        state.engine = Some(Engine::new(Arc::new(set)));
        state.file = file;
        state.startup_problems = problems;
    }
    let layer_problems = session.refresh_layers();
    session.state_mut().startup_problems.extend(layer_problems);

    Ok(InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "bluecode".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    })
}

fn workspace_root(params: &InitializeParams) -> Option<PathBuf> {
    #[allow(deprecated)] // `root_uri` is what clients without workspace folders send.
    let root_uri = params.root_uri.as_ref();
    params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .map(|folder| &folder.uri)
        .or(root_uri)
        .and_then(|uri| uri.to_file_path())
        .map(|path| path.into_owned())
}

fn negotiate_encoding(params: &InitializeParams) -> PositionEncoding {
    let offers_utf8 = params
        .capabilities
        .general
        .as_ref()
        .and_then(|general| general.position_encodings.as_ref())
        .is_some_and(|offered| offered.contains(&PositionEncodingKind::UTF8));
    if offers_utf8 {
        PositionEncoding::Utf8
    } else {
        PositionEncoding::Utf16
    }
}

fn client_support(params: &InitializeParams) -> ClientSupport {
    let workspace = params.capabilities.workspace.as_ref();
    ClientSupport {
        configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
        pull_diagnostics: params
            .capabilities
            .text_document
            .as_ref()
            .is_some_and(|t| t.diagnostic.is_some()),
        diagnostic_refresh: workspace
            .and_then(|w| w.diagnostic.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false),
        work_done_progress: params
            .capabilities
            .window
            .as_ref()
            .and_then(|w| w.work_done_progress)
            .unwrap_or(false),
    }
}

fn capabilities(encoding: PositionEncoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(convert::encoding_kind(encoding)),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: COMMANDS.iter().map(|c| (*c).to_owned()).collect(),
            ..ExecuteCommandOptions::default()
        }),
        diagnostic_provider: Some(DiagnosticServerCapabilities::Options(DiagnosticOptions {
            identifier: Some(convert::DIAGNOSTIC_SOURCE.to_owned()),
            inter_file_dependencies: false,
            workspace_diagnostics: false,
            ..DiagnosticOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}
