//! What the server runs with, opened once: the workspace root (canonical), the review
//! core on it (`bluecode.toml` settings, built-in and workspace constitutions), the LLM
//! judge when `[llm]` is configured, and the sandbox unless it is disabled or its
//! settings are invalid.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use bluecode_analysis::Engine;
use bluecode_workspace::llm::{Judge, VerdictCache};
use bluecode_workspace::sandbox::Sandbox;
use bluecode_workspace::{SettingsFile, Workspace, WorkspaceSettings};

/// Largest code text a tool or prompt takes.
pub const MAX_INPUT_BYTES: usize = 512 * 1024;

#[derive(Clone)]
pub struct Context {
    root: PathBuf,
    workspace: Workspace,
    judge: Option<Arc<Judge>>,
    /// The sandbox, or why there is none.
    sandbox: Result<Arc<Sandbox>, String>,
}

impl Context {
    /// The workspace at `root` with its `bluecode.toml`. A broken file is reported and
    /// read as empty (the defaults still review); an `[llm]` that cannot be used turns
    /// the judge off with a warning.
    pub fn open(root: &Path) -> anyhow::Result<Context> {
        let root = std::fs::canonicalize(root)
            .with_context(|| format!("the workspace root {} does not exist", root.display()))?;
        let (file, problems) = SettingsFile::load_lenient(Some(&root));
        for problem in problems {
            tracing::warn!("{problem}");
        }
        let settings = WorkspaceSettings::resolve(&file, toml::Table::new())?;
        for warning in &settings.warnings {
            tracing::warn!("{warning}");
        }
        let (set, errors) = Workspace::load_constitutions(Some(&root));
        for error in errors {
            tracing::warn!("constitution not loaded: {error}");
        }
        let workspace = Workspace::open(Some(root.clone()), settings, Engine::new(Arc::new(set)));
        let judge = match workspace.judge(VerdictCache::open_default()) {
            Ok(judge) => judge.map(Arc::new),
            Err(e) => {
                tracing::warn!("the LLM judge is off: {e}");
                None
            }
        };
        let sandbox_settings = &workspace.settings().sandbox;
        let sandbox = if !sandbox_settings.enabled {
            Err("the sandbox is disabled (`[sandbox] enabled = false`)".to_owned())
        } else {
            Sandbox::new(sandbox_settings.clone())
                .map(Arc::new)
                .map_err(|e| format!("the sandbox settings are invalid: {e}"))
        };
        Ok(Context {
            root,
            workspace,
            judge,
            sandbox,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    pub fn judge(&self) -> Option<&Arc<Judge>> {
        self.judge.as_ref()
    }

    pub fn sandbox(&self) -> Result<&Arc<Sandbox>, &str> {
        self.sandbox.as_ref().map_err(String::as_str)
    }
}
