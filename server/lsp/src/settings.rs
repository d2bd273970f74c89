//! The editor's settings layer (`initializationOptions`, then `workspace/configuration`)
//! as the review core's settings module takes it: editors send camelCase JSON
//! (`maxFileSize`, `llm.baseUrl`); it becomes a snake_case TOML table that
//! `bluecode_workspace::settings` merges over the workspace's `bluecode.toml` key by key
//! and types. An invalid value rejects the whole new layer (the caller keeps the previous
//! settings), an unknown key is only a warning.
//!
//! Depends on the workspace layer's settings, serde_json and toml.

use bluecode_workspace::settings::EDITOR_SOURCE;
use bluecode_workspace::{SettingsFile, WorkspaceSettings};
use serde_json::Value;

/// Merges the editor's `client` settings over the workspace file. `Err` holds the
/// problems (each naming its key) when a value is invalid.
pub fn resolve(file: &SettingsFile, client: &Value) -> Result<WorkspaceSettings, Vec<String>> {
    let editor = editor_table(client)?;
    WorkspaceSettings::resolve(file, editor).map_err(|e| vec![e.to_string()])
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

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use bluecode_analysis::AnalysisSettings;
    use bluecode_analysis::constitutions::{Confidence, Severity};
    use bluecode_workspace::settings::DEFAULT_DEBOUNCE;
    use serde_json::json;

    use super::*;

    type WorkspaceConfig = SettingsFile;

    fn workspace(text: &str) -> WorkspaceConfig {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bluecode.toml"), text).unwrap();
        let (config, problems) = SettingsFile::load_lenient(Some(dir.path()));
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
        let s = resolved;
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
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    }

    #[test]
    fn a_wrapped_object_and_the_hidden_debounce_are_read() {
        let resolved = resolve(
            &WorkspaceConfig::default(),
            &json!({"bluecode": {"debounceMs": 0, "disabled": ["py.*"]}}),
        )
        .unwrap();
        assert_eq!(resolved.debounce, Duration::ZERO);
        assert_eq!(resolved.analysis.disabled, ["py.*"]);
    }

    #[test]
    fn unknown_keys_warn_and_invalid_values_are_rejected_naming_the_key() {
        let resolved = resolve(
            &WorkspaceConfig::default(),
            &json!({"colour": "blue", "minSeverity": "error"}),
        )
        .unwrap();
        assert_eq!(resolved.analysis.min_severity, Severity::Error);
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
        let (config, problems) = SettingsFile::load_lenient(Some(dir.path()));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("min_severity"), "{problems:?}");
        let resolved = resolve(&config, &Value::Null).unwrap();
        assert_eq!(resolved.analysis, AnalysisSettings::default());
    }

    #[test]
    fn camel_case_becomes_snake_case() {
        assert_eq!(snake_case("maxFileSize"), "max_file_size");
        assert_eq!(snake_case("exclude"), "exclude");
        assert_eq!(snake_case("base_url"), "base_url");
    }
}
