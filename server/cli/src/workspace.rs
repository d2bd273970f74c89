//! Finding the workspace of a command (the folder with `bluecode.toml`, else the first
//! path) and opening the review core on it: its settings and its constitution set.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use bluecode_analysis::Engine;
use bluecode_analysis::constitutions::ConstitutionSet;
use bluecode_workspace::{SettingsFile, Workspace, WorkspaceSettings};

/// The nearest folder at or above `start` holding `bluecode.toml`.
fn find_root(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok()?;
    let dir = if start.is_dir() {
        start
    } else {
        start.parent()?.to_owned()
    };
    dir.ancestors()
        .find(|d| d.join("bluecode.toml").is_file())
        .map(Path::to_owned)
}

/// The workspace holding `first_path` (or the one `config` names), opened on the review
/// core. Its root is always set (and absolute).
pub fn open(first_path: &Path, config: Option<&Path>) -> anyhow::Result<Workspace> {
    let (root, file) = match config {
        Some(config) => {
            let text = std::fs::read_to_string(config)
                .with_context(|| format!("cannot read {}", config.display()))?;
            let file = SettingsFile::parse(&text, &config.display().to_string())?;
            let root = config
                .parent()
                .map(Path::to_owned)
                .unwrap_or_else(|| PathBuf::from("."));
            (root, file)
        }
        None => {
            let root = find_root(first_path).unwrap_or_else(|| {
                if first_path.is_dir() {
                    first_path.to_owned()
                } else {
                    first_path
                        .parent()
                        .map(Path::to_owned)
                        .unwrap_or_else(|| PathBuf::from("."))
                }
            });
            let file = SettingsFile::read(&root.join("bluecode.toml"))?;
            (root, file)
        }
    };
    let settings = WorkspaceSettings::from_file(&file)?;
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    for warning in &settings.warnings {
        tracing::warn!("{warning}");
        eprintln!("bluecode: warning: {warning}");
    }
    let engine = Engine::new(Arc::new(load_constitutions(Some(&root))));
    Ok(Workspace::open(Some(root), settings, engine))
}

/// The root of a workspace [`open`] returned.
pub fn root(workspace: &Workspace) -> &Path {
    workspace.root().unwrap_or(Path::new("."))
}

/// The built-ins plus `<root>/.bluecode/constitutions`; problems are printed, not fatal.
pub fn load_constitutions(root: Option<&Path>) -> ConstitutionSet {
    let (set, errors) = Workspace::load_constitutions(root);
    for e in errors {
        eprintln!("bluecode: warning: constitution not loaded: {e}");
    }
    set
}
