//! The server's settings: the workspace's `bluecode.toml` with the editor's settings
//! (`initializationOptions`, then `workspace/configuration`) merged over it key by key.
//! Editors send camelCase (`maxFileSize`, `llm.baseUrl`); the file uses snake_case, so
//! keys are converted before the merge and the analysis layer types the result. The
//! editor's layer is checked on its own first, so that its problems name the editor as
//! their source; an invalid value rejects the whole new layer (the caller keeps the
//! previous settings), an unknown key is only a warning.
//!
//! Depends on the analysis layer's settings parser, serde_json and toml.

use std::path::{Path, PathBuf};
use std::time::Duration;

use bluecode_analysis::{AnalysisSettings, SettingsError, WorkspaceFile};
use bluecode_workspace::WorkspaceSettings;
use bluecode_workspace::llm::LlmSettings;
use bluecode_workspace::sandbox::SandboxSettings;
use globset::GlobSet;
use serde_json::Value;

/// The debounce of the static layer when no setting overrides it: short, because the
/// static layer costs microseconds per unit and a burst of keystrokes should still cost
/// one run.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(25);

/// The longest debounce accepted; beyond it diagnostics would look broken.
const MAX_DEBOUNCE_MS: u64 = 10_000;

/// How the editor's layer is named in messages.
const EDITOR_SOURCE: &str = "editor settings";

/// A server-only setting, not in `bluecode.toml` and not in the editors' schema: the
/// benchmark and tests set it to 0 through `initializationOptions`.
const DEBOUNCE_KEY: &str = "debounce_ms";

/// Everything analysis runs with, swapped whole when any layer changes.
#[derive(Debug, Clone)]
pub struct Settings {
    pub analysis: AnalysisSettings,
    /// `analysis.exclude`, compiled; matched against paths relative to the root.
    pub exclude: GlobSet,
    pub debounce: Duration,
    /// `[llm]`, typed and validated (off unless `base_url` and `model` are set).
    pub llm: LlmSettings,
    /// `[sandbox]`, typed and validated.
    pub sandbox: SandboxSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            analysis: AnalysisSettings::default(),
            exclude: GlobSet::empty(),
            debounce: DEFAULT_DEBOUNCE,
            llm: LlmSettings::default(),
            sandbox: SandboxSettings::default(),
        }
    }
}

/// The workspace's `bluecode.toml`, read once at start (and again when it is saved).
#[derive(Debug, Clone, Default)]
pub struct WorkspaceConfig {
    /// The file's path for messages (`bluecode.toml` when there is no root).
    name: String,
    text: String,
    table: toml::Table,
}

impl WorkspaceConfig {
    /// Reads `<root>/bluecode.toml`; a missing file is an empty table. A broken file is
    /// reported and read as empty, so the editor's settings still apply.
    pub fn load(root: Option<&Path>) -> (WorkspaceConfig, Vec<String>) {
        let Some(root) = root else {
            return (WorkspaceConfig::default(), Vec::new());
        };
        let path: PathBuf = root.join("bluecode.toml");
        let name = path.display().to_string();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => {
                let problem = format!("{name}: cannot read: {e}");
                return (
                    WorkspaceConfig {
                        name,
                        ..WorkspaceConfig::default()
                    },
                    vec![problem],
                );
            }
        };
        match AnalysisSettings::parse_file(&text, &name) {
            Ok(file) => {
                let table = toml::from_str(&text).unwrap_or_default();
                (WorkspaceConfig { name, text, table }, file.warnings)
            }
            Err(e) => (
                WorkspaceConfig {
                    name,
                    ..WorkspaceConfig::default()
                },
                vec![e.to_string()],
            ),
        }
    }
}

/// The outcome of merging a new editor layer.
#[derive(Debug)]
pub struct Resolved {
    pub settings: Settings,
    /// Unknown keys, named; the settings apply without them.
    pub warnings: Vec<String>,
}

/// Merges the editor's `client` settings over the workspace file. `Err` holds the
/// problems (each naming its key) when a value is invalid.
pub fn resolve(workspace: &WorkspaceConfig, client: &Value) -> Result<Resolved, Vec<String>> {
    let mut client = editor_table(client)?;
    let client_debounce = take_debounce(&mut client, EDITOR_SOURCE)?;
    let checked = AnalysisSettings::parse_table(client.clone(), "", EDITOR_SOURCE)
        .map_err(|e| vec![editor_problem(e)])?;
    let mut warnings = checked.warnings;

    let mut merged = workspace.table.clone();
    let file_debounce = take_debounce(&mut merged, &workspace.name)?;
    merge_tables(&mut merged, client);
    let WorkspaceFile {
        analysis, sections, ..
    } = AnalysisSettings::parse_table(merged, &workspace.text, &workspace.name)
        .map_err(|e| vec![e.to_string()])?;
    let exclude = analysis.exclude_set().map_err(|e| vec![e.to_string()])?;
    let layers = WorkspaceSettings::from_file(
        WorkspaceFile {
            analysis: analysis.clone(),
            sections,
            warnings: Vec::new(),
        },
        &workspace.name,
    )
    .map_err(|e| vec![e.to_string()])?;
    warnings.extend(layers.warnings);
    Ok(Resolved {
        settings: Settings {
            analysis,
            exclude,
            debounce: client_debounce
                .or(file_debounce)
                .unwrap_or(DEFAULT_DEBOUNCE),
            llm: layers.llm,
            sandbox: layers.sandbox,
        },
        warnings,
    })
}

fn editor_problem(error: SettingsError) -> String {
    match error {
        SettingsError::Invalid { message, .. } => format!("{EDITOR_SOURCE}: {message}"),
        other => format!("{EDITOR_SOURCE}: {other}"),
    }
}

/// The editor's settings as a snake_case TOML table. Accepts the settings object itself
/// or one wrapped in `{"bluecode": …}` (what some clients send with
/// `didChangeConfiguration`); `null` values mean "not set" and are dropped.
fn editor_table(client: &Value) -> Result<toml::Table, Vec<String>> {
    let object = match client {
        Value::Null => return Ok(toml::Table::new()),
        Value::Object(map) => match map.get("bluecode") {
            Some(Value::Object(inner)) if map.len() == 1 => inner,
            _ => map,
        },
        other => {
            return Err(vec![format!(
                "{EDITOR_SOURCE}: expected an object, got `{other}`"
            )]);
        }
    };
    let mut table = toml::Table::new();
    for (key, value) in object {
        if let Some(value) = to_toml(value) {
            table.insert(snake_case(key), value);
        }
    }
    Ok(table)
}

/// JSON → TOML, snake-casing object keys; `None` for `null` (TOML has no null).
fn to_toml(value: &Value) -> Option<toml::Value> {
    Some(match value {
        Value::Null => return None,
        Value::Bool(b) => toml::Value::Boolean(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            None => toml::Value::Float(n.as_f64()?),
        },
        Value::String(s) => toml::Value::String(s.clone()),
        Value::Array(items) => toml::Value::Array(items.iter().filter_map(to_toml).collect()),
        Value::Object(map) => toml::Value::Table(
            map.iter()
                .filter_map(|(k, v)| Some((snake_case(k), to_toml(v)?)))
                .collect(),
        ),
    })
}

/// `maxFileSize` → `max_file_size`; snake_case input is left as it is.
fn snake_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for (i, ch) in key.chars().enumerate() {
        if ch.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(ch.to_ascii_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
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

fn take_debounce(table: &mut toml::Table, source: &str) -> Result<Option<Duration>, Vec<String>> {
    match table.remove(DEBOUNCE_KEY) {
        None => Ok(None),
        Some(toml::Value::Integer(ms)) if (0..=MAX_DEBOUNCE_MS as i64).contains(&ms) => {
            Ok(Some(Duration::from_millis(ms as u64)))
        }
        Some(other) => Err(vec![format!(
            "{source}: invalid value for `{DEBOUNCE_KEY}`: expected milliseconds from 0 to {MAX_DEBOUNCE_MS}, got `{other}`"
        )]),
    }
}

#[cfg(test)]
mod tests {
    use bluecode_analysis::constitutions::{Confidence, Severity};
    use serde_json::json;

    use super::*;

    fn workspace(text: &str) -> WorkspaceConfig {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bluecode.toml"), text).unwrap();
        let (config, problems) = WorkspaceConfig::load(Some(dir.path()));
        assert!(problems.is_empty(), "{problems:?}");
        config
    }

    #[test]
    fn editor_keys_override_the_file_key_by_key() {
        let file = workspace(
            "min_severity = \"warning\"\nmax_file_size = 1000\n[llm]\nmodel = \"m\"\nbase_url = \"http://x\"\n",
        );
        let resolved = resolve(
            &file,
            &json!({"maxFileSize": 5000, "minConfidence": "high", "llm": {"model": "n"}, "exclude": null}),
        )
        .unwrap();
        let s = resolved.settings;
        assert_eq!(s.analysis.min_severity, Severity::Warning, "from the file");
        assert_eq!(s.analysis.max_file_size, 5000, "the editor wins");
        assert_eq!(s.analysis.min_confidence, Confidence::High);
        assert_eq!(s.llm.model.as_deref(), Some("n"));
        assert_eq!(
            s.llm.base_url.as_deref(),
            Some("http://x"),
            "merged, not replaced"
        );
        assert_eq!(s.debounce, DEFAULT_DEBOUNCE);
        assert_eq!(
            s.llm.model.as_deref(),
            Some("n"),
            "typed from the merged table"
        );
        assert!(s.llm.is_enabled());
        assert!(s.sandbox.enabled);
        assert!(resolved.warnings.is_empty(), "{:?}", resolved.warnings);
    }

    #[test]
    fn a_wrapped_object_and_the_hidden_debounce_are_read() {
        let resolved = resolve(
            &WorkspaceConfig::default(),
            &json!({"bluecode": {"debounceMs": 0, "disabled": ["py.*"]}}),
        )
        .unwrap();
        assert_eq!(resolved.settings.debounce, Duration::ZERO);
        assert_eq!(resolved.settings.analysis.disabled, ["py.*"]);
    }

    #[test]
    fn unknown_keys_warn_and_invalid_values_are_rejected_naming_the_key() {
        let resolved = resolve(
            &WorkspaceConfig::default(),
            &json!({"colour": "blue", "minSeverity": "error"}),
        )
        .unwrap();
        assert_eq!(resolved.settings.analysis.min_severity, Severity::Error);
        assert_eq!(resolved.warnings.len(), 1);
        assert!(
            resolved.warnings[0].contains("colour"),
            "{:?}",
            resolved.warnings
        );

        let problems =
            resolve(&WorkspaceConfig::default(), &json!({"minSeverity": "loud"})).unwrap_err();
        assert!(
            problems[0].starts_with("editor settings:") && problems[0].contains("min_severity"),
            "{problems:?}"
        );
        let problems =
            resolve(&WorkspaceConfig::default(), &json!({"debounceMs": -3})).unwrap_err();
        assert!(problems[0].contains("debounce_ms"), "{problems:?}");
        let problems =
            resolve(&WorkspaceConfig::default(), &json!({"exclude": ["a["]})).unwrap_err();
        assert!(problems[0].contains("a["), "{problems:?}");
        assert!(resolve(&WorkspaceConfig::default(), &json!(3)).is_err());
    }

    #[test]
    fn a_broken_file_is_reported_and_read_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("bluecode.toml"),
            "min_severity = \"loud\"\n",
        )
        .unwrap();
        let (config, problems) = WorkspaceConfig::load(Some(dir.path()));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("min_severity"), "{problems:?}");
        let resolved = resolve(&config, &Value::Null).unwrap();
        assert_eq!(resolved.settings.analysis, AnalysisSettings::default());
    }

    #[test]
    fn camel_case_becomes_snake_case() {
        assert_eq!(snake_case("maxFileSize"), "max_file_size");
        assert_eq!(snake_case("exclude"), "exclude");
        assert_eq!(snake_case("base_url"), "base_url");
    }
}
