//! The one typed settings module: `bluecode.toml`, with the editor's layer merged over it
//! key by key, split into the sections each layer owns — the top level for the analysis
//! (typed by `bluecode_analysis::AnalysisSettings`), `[llm]` for the judge, `[sandbox]`
//! for the sandbox — plus the server-only `debounce_ms` and the editor's `show` /
//! `new_since` ([`ShowSettings`]). The CLI reads the file alone;
//! the language server passes the editor's settings as a snake_case TOML table (it does
//! the JSON and camelCase conversion). Invalid values are errors naming the key (and the
//! file's line where it can); unknown keys are warnings.

use std::path::{Path, PathBuf};
use std::time::Duration;

use bluecode_analysis::{AnalysisSettings, SettingsError, WorkspaceFile};
use bluecode_llm::LlmSettings;
use bluecode_sandbox::SandboxSettings;
use globset::GlobSet;

/// The debounce of the static layer when no setting overrides it: short, because the
/// static layer costs microseconds per unit and a burst of keystrokes should still cost
/// one run.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(25);

/// The longest debounce accepted; beyond it diagnostics would look broken.
const MAX_DEBOUNCE_MS: u64 = 10_000;

/// A server-only setting, not in the editors' schema: the benchmark and tests set it to 0.
const DEBOUNCE_KEY: &str = "debounce_ms";

/// The editor's "which findings" keys ([`ShowSettings`]).
const SHOW_KEYS: [&str; 2] = ["show", "new_since"];

/// The sections owned by the layers above the analysis.
const LLM_SECTION: &str = "llm";
const SANDBOX_SECTION: &str = "sandbox";

/// How the editor's layer is named in messages.
pub const EDITOR_SOURCE: &str = "editor settings";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkspaceSettingsError {
    #[error("{source_name}: invalid `[{section}]` settings: {message}")]
    Section {
        source_name: String,
        section: &'static str,
        message: String,
    },
    #[error(transparent)]
    Analysis(#[from] SettingsError),
    /// An invalid value in the editor's layer.
    #[error("{EDITOR_SOURCE}: {message}")]
    Editor { message: String },
    #[error("{source_name}: invalid `show` / `new_since`: {message}")]
    Show {
        source_name: String,
        message: String,
    },
    #[error("{source_name}: invalid value for `{DEBOUNCE_KEY}`: {message}")]
    Debounce {
        source_name: String,
        message: String,
    },
}

/// Everything every layer runs with, swapped whole when any source changes.
#[derive(Debug, Clone)]
pub struct WorkspaceSettings {
    pub analysis: AnalysisSettings,
    /// `exclude`, compiled; matched against paths relative to the workspace root.
    pub exclude: GlobSet,
    /// `[llm]`, typed and validated (off unless `base_url` and `model` are set).
    pub llm: LlmSettings,
    /// `[sandbox]`, typed and validated.
    pub sandbox: SandboxSettings,
    /// The static layer's debounce in the server (`debounce_ms`).
    pub debounce: Duration,
    /// Which findings the editor shows: all, or only those new since a git ref.
    pub show: ShowSettings,
    /// Unknown keys, named; the settings apply without them.
    pub warnings: Vec<String>,
}

/// Which findings the editor shows (`show`, `new_since`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ShowSettings {
    /// `all`, or `new`: findings absent from the file at the merge base of `new_since`
    /// and `HEAD`; the others are shown as hints.
    pub show: Show,
    /// The git ref `show = "new"` compares with.
    pub new_since: String,
}

impl Default for ShowSettings {
    fn default() -> Self {
        ShowSettings {
            show: Show::All,
            new_since: "HEAD".to_owned(),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Show {
    #[default]
    All,
    New,
}

impl Default for WorkspaceSettings {
    fn default() -> Self {
        WorkspaceSettings {
            analysis: AnalysisSettings::default(),
            exclude: GlobSet::empty(),
            llm: LlmSettings::default(),
            sandbox: SandboxSettings::default(),
            debounce: DEFAULT_DEBOUNCE,
            show: ShowSettings::default(),
            warnings: Vec::new(),
        }
    }
}

/// A workspace's `bluecode.toml`: its name for messages, its text (for line numbers) and
/// its table.
#[derive(Debug, Clone, Default)]
pub struct SettingsFile {
    name: String,
    text: String,
    table: toml::Table,
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |t| t.matches('\n').count() + 1)
}

impl SettingsFile {
    /// Parses a file's text; `name` names it in messages. A file whose values are invalid
    /// is an error too (checked by typing it alone).
    pub fn parse(text: &str, name: &str) -> Result<SettingsFile, WorkspaceSettingsError> {
        let table: toml::Table = toml::from_str(text).map_err(|e| SettingsError::Invalid {
            file: name.to_owned(),
            line: line_of(text, e.span().map_or(0, |s| s.start)),
            message: e.message().trim().to_owned(),
        })?;
        let file = SettingsFile {
            name: name.to_owned(),
            text: text.to_owned(),
            table,
        };
        WorkspaceSettings::resolve(&file, toml::Table::new())?;
        Ok(file)
    }

    /// Reads a file; a missing one is an empty table.
    pub fn read(path: &Path) -> Result<SettingsFile, WorkspaceSettingsError> {
        let name = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(text) => SettingsFile::parse(&text, &name),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(SettingsFile {
                name,
                ..SettingsFile::default()
            }),
            Err(e) => Err(SettingsError::Unreadable {
                file: name,
                message: e.to_string(),
            }
            .into()),
        }
    }

    /// `<root>/bluecode.toml` for a server: a broken file is reported and read as empty,
    /// so the editor's settings still apply.
    pub fn load_lenient(root: Option<&Path>) -> (SettingsFile, Vec<String>) {
        let Some(root) = root else {
            return (SettingsFile::default(), Vec::new());
        };
        let path: PathBuf = root.join("bluecode.toml");
        match SettingsFile::read(&path) {
            Ok(file) => {
                // The file's unknown analysis keys, once (a merge does not repeat them).
                let warnings = AnalysisSettings::parse_table(
                    split(file.table.clone()).analysis,
                    &file.text,
                    &file.name,
                )
                .map(|parsed| parsed.warnings)
                .unwrap_or_default();
                (file, warnings)
            }
            Err(e) => (
                SettingsFile {
                    name: path.display().to_string(),
                    ..SettingsFile::default()
                },
                vec![e.to_string()],
            ),
        }
    }

    /// The file's name for messages (`bluecode.toml` when there is none).
    pub fn display_name(&self) -> &str {
        if self.name.is_empty() {
            "bluecode.toml"
        } else {
            &self.name
        }
    }
}

/// A table split into the sections each layer types.
struct Layers {
    analysis: toml::Table,
    llm: Option<toml::Value>,
    sandbox: Option<toml::Value>,
    debounce: Option<toml::Value>,
    /// The [`ShowSettings`] keys, as a table of their own.
    show: Option<toml::Value>,
}

fn split(mut table: toml::Table) -> Layers {
    let show: toml::Table = SHOW_KEYS
        .iter()
        .filter_map(|key| Some((key.to_string(), table.remove(*key)?)))
        .collect();
    Layers {
        show: (!show.is_empty()).then_some(toml::Value::Table(show)),
        llm: table.remove(LLM_SECTION),
        sandbox: table.remove(SANDBOX_SECTION),
        debounce: table.remove(DEBOUNCE_KEY),
        analysis: table,
    }
}

fn section<T: serde::de::DeserializeOwned + Default>(
    value: Option<toml::Value>,
    name: &'static str,
    source_name: &str,
    warnings: &mut Vec<String>,
) -> Result<T, WorkspaceSettingsError> {
    let Some(value) = value else {
        return Ok(T::default());
    };
    let invalid = |message: String| WorkspaceSettingsError::Section {
        source_name: source_name.to_owned(),
        section: name,
        message,
    };
    let mut unknown = Vec::new();
    let parsed = serde_ignored::deserialize(value, |path| unknown.push(path.to_string()))
        .map_err(|e: toml::de::Error| invalid(e.message().trim().to_owned()))?;
    for key in unknown {
        warnings.push(format!(
            "{source_name}: unknown key `{name}.{key}` (ignored)"
        ));
    }
    Ok(parsed)
}

fn debounce(
    value: Option<toml::Value>,
    source_name: &str,
) -> Result<Option<Duration>, WorkspaceSettingsError> {
    match value {
        None => Ok(None),
        Some(toml::Value::Integer(ms)) if (0..=MAX_DEBOUNCE_MS as i64).contains(&ms) => {
            Ok(Some(Duration::from_millis(ms as u64)))
        }
        Some(other) => Err(WorkspaceSettingsError::Debounce {
            source_name: source_name.to_owned(),
            message: format!("expected milliseconds from 0 to {MAX_DEBOUNCE_MS}, got `{other}`"),
        }),
    }
}

/// Overlays `over` on `base` key by key; tables (the `llm` and `sandbox` sections) are
/// merged one level down so that setting `llm.model` in the editor keeps the file's
/// `llm.base_url`.
fn merge_tables(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(existing)), toml::Value::Table(inner)) => {
                merge_tables(existing, inner)
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

impl WorkspaceSettings {
    /// The file's settings alone (the CLI), with every warning about the file.
    pub fn from_file(file: &SettingsFile) -> Result<WorkspaceSettings, WorkspaceSettingsError> {
        WorkspaceSettings::merge(file, toml::Table::new(), true)
    }

    /// The editor's layer (a snake_case table) merged over the file. The editor's analysis
    /// keys are typed on their own first, so that their problems name the editor. The
    /// file's own unknown analysis keys were reported when it was loaded and are not
    /// repeated.
    pub fn resolve(
        file: &SettingsFile,
        editor: toml::Table,
    ) -> Result<WorkspaceSettings, WorkspaceSettingsError> {
        WorkspaceSettings::merge(file, editor, false)
    }

    fn merge(
        file: &SettingsFile,
        editor: toml::Table,
        file_warnings: bool,
    ) -> Result<WorkspaceSettings, WorkspaceSettingsError> {
        let mut warnings = Vec::new();
        let editor_layers = split(editor.clone());
        let editor_debounce = debounce(editor_layers.debounce, EDITOR_SOURCE)?;
        if !editor_layers.analysis.is_empty() {
            let checked = AnalysisSettings::parse_table(editor_layers.analysis, "", EDITOR_SOURCE)
                .map_err(editor_problem)?;
            warnings.extend(checked.warnings);
        }
        let file_debounce = debounce(split(file.table.clone()).debounce, file.display_name())?;

        let mut merged = file.table.clone();
        merge_tables(&mut merged, editor);
        let layers = split(merged);
        let WorkspaceFile {
            analysis,
            warnings: analysis_warnings,
        } = AnalysisSettings::parse_table(layers.analysis, &file.text, file.display_name())?;
        if file_warnings {
            warnings.extend(analysis_warnings);
        }
        let exclude = analysis.exclude_set()?;
        let llm: LlmSettings =
            section(layers.llm, LLM_SECTION, file.display_name(), &mut warnings)?;
        if llm.is_enabled() {
            llm.validate()
                .map_err(|e| WorkspaceSettingsError::Section {
                    source_name: file.display_name().to_owned(),
                    section: LLM_SECTION,
                    message: e.to_string(),
                })?;
        }
        let sandbox: SandboxSettings = section(
            layers.sandbox,
            SANDBOX_SECTION,
            file.display_name(),
            &mut warnings,
        )?;
        sandbox
            .validate()
            .map_err(|e| WorkspaceSettingsError::Section {
                source_name: file.display_name().to_owned(),
                section: SANDBOX_SECTION,
                message: e.to_string(),
            })?;
        let show_problem = |message: String| WorkspaceSettingsError::Show {
            source_name: file.display_name().to_owned(),
            message,
        };
        let show: ShowSettings = section(layers.show, "show", file.display_name(), &mut warnings)
            .map_err(|e| match e {
            WorkspaceSettingsError::Section { message, .. } => show_problem(message),
            other => other,
        })?;
        if show.new_since.is_empty() || show.new_since.starts_with('-') {
            return Err(show_problem(format!(
                "`new_since` must name a git ref, got `{}`",
                show.new_since
            )));
        }
        Ok(WorkspaceSettings {
            analysis,
            exclude,
            llm,
            sandbox,
            show,
            debounce: editor_debounce
                .or(file_debounce)
                .unwrap_or(DEFAULT_DEBOUNCE),
            warnings,
        })
    }

    /// Whether a path (relative to the workspace root when it is under it) is excluded
    /// from analysis.
    pub fn is_excluded(&self, root: Option<&Path>, path: &Path) -> bool {
        let relative = root.and_then(|r| path.strip_prefix(r).ok()).unwrap_or(path);
        self.exclude.is_match(relative)
    }
}

fn editor_problem(error: SettingsError) -> WorkspaceSettingsError {
    match error {
        SettingsError::Invalid { message, .. } => WorkspaceSettingsError::Editor { message },
        other => other.into(),
    }
}
