//! Server-wide state: the client handle, the open documents (a `DashMap` so handlers of
//! different documents never wait on each other), and what analysis runs with — the
//! negotiated position encoding, the engine (built-in plus workspace constitutions) and
//! the merged settings, swapped whole on a change and never edited in place.
//!
//! It also holds the optional layers built from the settings — the LLM judge (one per
//! workspace: its concurrency limit and disk cache are shared by every document) and the
//! sandbox — and the cancel tokens of cancellable `$/progress`. What analysis runs with is
//! the review core's [`Workspace`], rebuilt whole with the settings.
//!
//! It tells documents what happened (settings changed, the judge replaced) through their
//! event channels; it never calls the scheduler. Locks here are never held across an
//! `.await`.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

use bluecode_analysis::Engine;
use bluecode_syntax::PositionEncoding;
use bluecode_workspace::llm::{Judge, LlmError, LlmSettings, VerdictCache};
use bluecode_workspace::sandbox::{CancellationToken, Sandbox, SandboxSettings};
use bluecode_workspace::{IndexState, SettingsFile, Workspace, WorkspaceSettings};
use dashmap::DashMap;
use serde_json::Value;
use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::lsp_types::{MessageType, Uri};

use crate::document::{Analysed, DocState, Event};
use crate::settings;

/// How long a request waits for the analysis of the current version before answering
/// that the content changed.
const ANALYSIS_WAIT: Duration = Duration::from_secs(10);

/// What the client said it can do, as far as this server cares.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientSupport {
    /// `workspace/configuration` requests.
    pub configuration: bool,
    /// The client pulls diagnostics (`textDocument/diagnostic`); pushing as well would
    /// show every finding twice in clients that keep the two apart.
    pub pull_diagnostics: bool,
    /// `workspace/diagnostic/refresh`, to make a pulling client ask again.
    pub diagnostic_refresh: bool,
    /// `window/workDoneProgress/create` and `$/progress`.
    pub work_done_progress: bool,
}

/// The sandbox with the settings it was built from.
pub struct SandboxLayer {
    pub settings: SandboxSettings,
    pub sandbox: Arc<Sandbox>,
}

/// The workspace's judge, with the settings it was built from.
pub struct LlmLayer {
    pub judge: Judge,
    settings: LlmSettings,
}

impl LlmLayer {
    /// The judge the workspace's `[llm]` describes, or `None` when it is not configured.
    fn build(workspace: &Workspace) -> Result<Option<LlmLayer>, LlmError> {
        let cache = VerdictCache::open_default();
        let settings = workspace.settings().llm.clone();
        if settings.is_enabled() {
            tracing::info!(
                model = settings.model_name(),
                cache = ?cache.path(),
                "LLM judge on"
            );
        }
        Ok(workspace
            .judge(cache)?
            .map(|judge| LlmLayer { judge, settings }))
    }

    /// Whether the judge was built from these settings (how long the editor waits before
    /// asking does not change the judge).
    fn matches(&self, settings: &LlmSettings) -> bool {
        let same_wait = LlmSettings {
            idle_ms: self.settings.idle_ms,
            ..settings.clone()
        };
        self.settings == same_wait
    }
}

/// Everything but the documents; replaced field by field under a write lock.
#[derive(Default)]
pub struct ServerState {
    pub root: Option<PathBuf>,
    pub encoding: PositionEncoding,
    /// `None` until `initialize` has loaded the constitutions.
    pub engine: Option<Engine>,
    /// The workspace's `bluecode.toml`.
    pub file: SettingsFile,
    /// The editor's latest settings layer (`initializationOptions`, later
    /// `workspace/configuration`).
    pub client_layer: Value,
    pub settings: Arc<WorkspaceSettings>,
    /// The review core on the current root, engine and settings; `None` until
    /// `initialize` has loaded the constitutions.
    pub workspace: Option<Workspace>,
    pub support: ClientSupport,
    /// Problems found by `initialize`, shown once the client is ready (`initialized`).
    pub startup_problems: Vec<String>,
    /// The LLM judge, when `[llm]` is configured.
    pub llm: Option<Arc<LlmLayer>>,
    /// The sandbox, unless its settings are invalid.
    pub sandbox: Option<Arc<SandboxLayer>>,
}

pub struct Session {
    pub client: Client,
    pub documents: DashMap<Uri, DocState>,
    state: RwLock<ServerState>,
    generations: AtomicU64,
    /// Cancel tokens of running cancellable work, by progress token.
    pub cancels: DashMap<String, CancellationToken>,
    progress_tokens: AtomicU64,
    /// The workspace index (function summaries and the facts propagated from them);
    /// `crate::index` builds it and keeps it current.
    index: Mutex<IndexState>,
}

impl Session {
    pub fn new(client: Client) -> Session {
        Session {
            client,
            documents: DashMap::new(),
            state: RwLock::new(ServerState::default()),
            generations: AtomicU64::new(0),
            cancels: DashMap::new(),
            progress_tokens: AtomicU64::new(0),
            index: Mutex::new(IndexState::new()),
        }
    }

    /// A fresh `$/progress` token.
    pub fn next_progress_token(&self) -> String {
        let n = self.progress_tokens.fetch_add(1, Ordering::Relaxed) + 1;
        format!("bluecode/{n}")
    }

    pub fn llm(&self) -> Option<Arc<LlmLayer>> {
        self.state().llm.clone()
    }

    pub fn sandbox(&self) -> Option<Arc<SandboxLayer>> {
        self.state().sandbox.clone()
    }

    /// The review core as it is now.
    pub fn workspace(&self) -> Option<Workspace> {
        self.state().workspace.clone()
    }

    /// Rebuilds the review core after the engine or the settings changed.
    pub fn rebuild_workspace(&self) {
        let mut state = self.state_mut();
        state.workspace = state.engine.clone().map(|engine| {
            Workspace::open(state.root.clone(), state.settings.as_ref().clone(), engine)
        });
    }

    /// Rebuilds the LLM judge and the sandbox when their settings changed. Returns
    /// problems for the user (an `[llm]` that cannot be used, say).
    pub fn refresh_layers(&self) -> Vec<String> {
        let mut problems = Vec::new();
        self.rebuild_workspace();
        let (settings, workspace, llm, sandbox) = {
            let state = self.state();
            (
                state.settings.clone(),
                state.workspace.clone(),
                state.llm.clone(),
                state.sandbox.clone(),
            )
        };
        let llm_changed = match &llm {
            Some(layer) => !layer.matches(&settings.llm),
            None => settings.llm.is_enabled(),
        };
        if llm_changed {
            // The old judge holds the disk cache open: let it go before opening it again.
            self.state_mut().llm = None;
            drop(llm);
            let built = match workspace.as_ref() {
                Some(workspace) => LlmLayer::build(workspace),
                None => Ok(None),
            };
            match built {
                Ok(layer) => self.state_mut().llm = layer.map(Arc::new),
                Err(e) => problems.push(format!("the LLM judge is off: {e}")),
            }
            // Verdicts of another model (or endpoint) no longer apply; each document's
            // scheduler forgets them and aborts the tasks in flight for the old judge.
            for doc in self.documents.iter() {
                doc.notify(Event::JudgeReplaced);
            }
        }
        let sandbox_changed = sandbox
            .as_ref()
            .is_none_or(|layer| layer.settings != settings.sandbox);
        if sandbox_changed {
            let built = match Sandbox::new(settings.sandbox.clone()) {
                Ok(sandbox) => Some(Arc::new(SandboxLayer {
                    settings: settings.sandbox.clone(),
                    sandbox: Arc::new(sandbox),
                })),
                Err(e) => {
                    problems.push(format!("the sandbox is off: {e}"));
                    None
                }
            };
            self.state_mut().sandbox = built;
        }
        problems
    }

    /// Makes a pulling client ask for diagnostics again (pushing clients get them with
    /// every publish).
    pub async fn refresh_diagnostics(&self) {
        let support = self.state().support;
        if support.pull_diagnostics
            && support.diagnostic_refresh
            && let Err(e) = self.client.workspace_diagnostic_refresh().await
        {
            tracing::debug!("diagnostic refresh refused: {e}");
        }
    }

    /// The workspace index; never held across an `.await`.
    pub fn index(&self) -> MutexGuard<'_, IndexState> {
        self.index
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The state for reading; a panic elsewhere never makes it unreadable.
    pub fn state(&self) -> RwLockReadGuard<'_, ServerState> {
        self.state
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn state_mut(&self) -> RwLockWriteGuard<'_, ServerState> {
        self.state
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn encoding(&self) -> PositionEncoding {
        self.state().encoding
    }

    pub fn settings(&self) -> Arc<WorkspaceSettings> {
        self.state().settings.clone()
    }

    pub fn next_generation(&self) -> u64 {
        self.generations.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// A warning the user should see (`window/showMessage`), also logged.
    pub async fn warn(&self, message: impl Into<String>) {
        let message = message.into();
        tracing::warn!("{message}");
        self.client
            .show_message(MessageType::WARNING, format!("bluecode: {message}"))
            .await;
    }

    /// A note for the client's log (`window/logMessage`), also logged.
    pub async fn log(&self, message: impl Into<String>) {
        let message = message.into();
        tracing::info!("{message}");
        self.client.log_message(MessageType::INFO, message).await;
    }

    /// Merges a new editor layer (or, with `None`, the current one again over a
    /// re-read workspace file) and re-analyses every document. Invalid values are
    /// shown and the previous settings kept.
    pub async fn apply_settings(self: &Arc<Self>, client_layer: Option<Value>) {
        let outcome = {
            let state = self.state();
            let layer = client_layer.as_ref().unwrap_or(&state.client_layer);
            settings::resolve(&state.file, layer)
        };
        match outcome {
            Ok(resolved) => {
                {
                    let mut state = self.state_mut();
                    if let Some(layer) = client_layer {
                        state.client_layer = layer;
                    }
                    state.settings = Arc::new(resolved.clone());
                }
                for warning in resolved.warnings {
                    self.warn(warning).await;
                }
                for problem in self.refresh_layers() {
                    self.warn(problem).await;
                }
                self.reanalyse_all().await;
            }
            Err(problems) => {
                for problem in problems {
                    self.warn(format!("{problem}; the previous settings stay in effect"))
                        .await;
                }
            }
        }
    }

    /// Re-reads `<root>/bluecode.toml` and re-merges the editor layer over it.
    pub async fn reload_workspace_file(self: &Arc<Self>) {
        let root = self.state().root.clone();
        let (file, problems) = SettingsFile::load_lenient(root.as_deref());
        for problem in problems {
            self.warn(problem).await;
        }
        self.state_mut().file = file;
        self.apply_settings(None).await;
    }

    /// After a settings change: re-checks size limits and places and schedules every
    /// document.
    async fn reanalyse_all(self: &Arc<Self>) {
        let max = self.settings().analysis.max_file_size;
        let uris: Vec<Uri> = self.documents.iter().map(|d| d.key().clone()).collect();
        for uri in uris {
            let note = self.documents.get_mut(&uri).and_then(|mut d| {
                let note = d.refresh_skip(max);
                d.notify(Event::Changed);
                note
            });
            if let Some(note) = note {
                self.log(format!("{}: {note}", uri.as_str())).await;
            }
        }
        self.refresh_diagnostics().await;
    }

    /// The analysis of the document's current version, waiting for it if it is being
    /// computed. `Ok(None)` for a document that is not open; `ContentModified` when the
    /// document keeps changing.
    pub async fn current_analysis(&self, uri: &Uri) -> jsonrpc::Result<Option<Arc<Analysed>>> {
        let (mut results, version) = match self.documents.get(uri) {
            // A change buffered behind a version gap is applied shortly; the answer must
            // include it, or a pulling client keeps the old report.
            Some(d) => (d.results.subscribe(), d.latest_version()),
            None => return Ok(None),
        };
        let ready = tokio::time::timeout(
            ANALYSIS_WAIT,
            results.wait_for(|a| a.as_ref().is_some_and(|a| a.version >= version)),
        )
        .await;
        let analysed = match ready {
            Ok(Ok(guard)) => guard.clone(),
            // Closed (the document was closed) or too slow.
            Ok(Err(_)) | Err(_) => None,
        };
        match analysed {
            Some(a)
                if self
                    .documents
                    .get(uri)
                    .is_some_and(|d| d.version == a.version) =>
            {
                Ok(Some(a))
            }
            _ => Err(jsonrpc::Error {
                code: jsonrpc::ErrorCode::ContentModified,
                message: "the document changed while it was analysed".into(),
                data: None,
            }),
        }
    }
}
