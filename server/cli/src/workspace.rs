//! Finding the workspace of a command (the folder with `bluecode.toml`, else the first
//! path), its settings, and its constitution set.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use bluecode_analysis::constitutions::ConstitutionSet;
use bluecode_analysis::{AnalysisSettings, ContextRules, Engine};
use bluecode_workspace::WorkspaceSettings;

pub struct Workspace {
    pub root: PathBuf,
    pub settings: WorkspaceSettings,
    pub engine: Engine,
    /// Places each file: its threat-model profile and its role (test, vendored, …).
    pub contexts: ContextRules,
}

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

impl Workspace {
    pub fn open(first_path: &Path, config: Option<&Path>) -> anyhow::Result<Workspace> {
        let (root, file, name) = match config {
            Some(config) => {
                let text = std::fs::read_to_string(config)
                    .with_context(|| format!("cannot read {}", config.display()))?;
                let file = AnalysisSettings::parse_file(&text, &config.display().to_string())?;
                let root = config
                    .parent()
                    .map(Path::to_owned)
                    .unwrap_or_else(|| PathBuf::from("."));
                (root, file, config.display().to_string())
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
                let file = AnalysisSettings::load(&root)?;
                let name = root.join("bluecode.toml").display().to_string();
                (root, file, name)
            }
        };
        let settings = WorkspaceSettings::from_file(file, &name)?;
        let root = std::fs::canonicalize(&root).unwrap_or(root);
        for warning in &settings.warnings {
            tracing::warn!("{warning}");
            eprintln!("bluecode: warning: {warning}");
        }
        let engine = Engine::new(Arc::new(load_constitutions(Some(&root))));
        let contexts = ContextRules::new(&settings.analysis)?;
        Ok(Workspace {
            root,
            settings,
            engine,
            contexts,
        })
    }
}

/// The built-ins plus `<root>/.bluecode/constitutions`; problems are printed, not fatal.
pub fn load_constitutions(root: Option<&Path>) -> ConstitutionSet {
    let dirs: Vec<PathBuf> = root
        .map(|r| vec![r.join(".bluecode").join("constitutions")])
        .unwrap_or_default();
    let (set, errors) = ConstitutionSet::load(&dirs);
    for e in errors {
        eprintln!("bluecode: warning: constitution not loaded: {e}");
    }
    set
}
