//! Analysis settings: the analysis keys of `bluecode.toml` (its top level), which editors
//! send with the same names in camelCase. The layers above own their sections and take
//! them out of the table before it comes here (`bluecode_workspace::settings`), so this
//! crate knows nothing of them. Unknown keys are warnings (a typo must not stop a scan);
//! invalid values are errors that name the key and the line.

use std::path::Path;

use bluecode_constitutions::{Category, Confidence, Severity};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};

use crate::context::Profile;
use crate::finding::Finding;
use crate::scope::ScopeSettings;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalysisSettings {
    /// Findings below this severity are not reported.
    pub min_severity: Severity,
    /// Findings below this confidence are not reported.
    pub min_confidence: Confidence,
    /// Glob patterns (relative to the workspace root) of files never analysed.
    pub exclude: Vec<String>,
    /// Constitution ids, `prefix*` or `CWE-N` selectors that are switched off.
    pub disabled: Vec<String>,
    /// Files larger than this many bytes are skipped with a note.
    pub max_file_size: u64,
    /// `[analysis]`: the threat model.
    pub analysis: ThreatModelSettings,
    /// `[scope]`: which test, vendored and generated files are reviewed.
    pub scope: ScopeSettings,
}

/// `[analysis]` in `bluecode.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ThreatModelSettings {
    /// `auto` (detected from the project), `application`, `library` or `snippet`.
    pub profile: ProfileSetting,
    /// The workspace index: follow flows through calls into other functions and files
    /// (Python, JavaScript, TypeScript). Opt-in: on the real-code benchmark it added 14
    /// findings (74 → 88) and 45 % CPU, so by our rule it is not yet a default.
    pub index: bool,
}

/// The `[analysis] profile` setting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProfileSetting {
    /// Detected from the nearest project manifest.
    #[default]
    Auto,
    Application,
    Library,
    Snippet,
}

impl ProfileSetting {
    /// The configured profile; `None` for `auto`.
    pub fn fixed(self) -> Option<Profile> {
        match self {
            ProfileSetting::Auto => None,
            ProfileSetting::Application => Some(Profile::Application),
            ProfileSetting::Library => Some(Profile::Library),
            ProfileSetting::Snippet => Some(Profile::Snippet),
        }
    }
}

impl Default for AnalysisSettings {
    fn default() -> Self {
        AnalysisSettings {
            min_severity: Severity::Info,
            min_confidence: Confidence::Medium,
            exclude: Vec::new(),
            disabled: Vec::new(),
            max_file_size: 2_000_000,
            analysis: ThreatModelSettings::default(),
            scope: ScopeSettings::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("{file}:{line}: {message}")]
    Invalid {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{file}: cannot read: {message}")]
    Unreadable { file: String, message: String },
    #[error("invalid glob `{glob}` in `exclude`: {message}")]
    Glob { glob: String, message: String },
}

/// The analysis keys of `bluecode.toml`, parsed, and warnings about unknown keys.
#[derive(Debug, Clone, Default)]
pub struct WorkspaceFile {
    pub analysis: AnalysisSettings,
    pub warnings: Vec<String>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |t| t.matches('\n').count() + 1)
}

impl AnalysisSettings {
    /// Parses a whole `bluecode.toml`; `file` names it in messages.
    pub fn parse_file(text: &str, file: &str) -> Result<WorkspaceFile, SettingsError> {
        let table: toml::Table = toml::from_str(text).map_err(|e| SettingsError::Invalid {
            file: file.to_owned(),
            line: line_of(text, e.span().map_or(0, |s| s.start)),
            message: e.message().trim().to_owned(),
        })?;
        AnalysisSettings::parse_table(table, text, file)
    }

    /// Types an already parsed table (a file's, or a file's with editor settings merged
    /// over it); `text` is the file's text for line numbers (may be empty).
    pub fn parse_table(
        table: toml::Table,
        text: &str,
        file: &str,
    ) -> Result<WorkspaceFile, SettingsError> {
        let invalid = |offset: usize, message: String| SettingsError::Invalid {
            file: file.to_owned(),
            line: line_of(text, offset),
            message,
        };
        let mut warnings = Vec::new();
        let analysis: AnalysisSettings =
            serde_ignored::deserialize(toml::Value::Table(table.clone()), |path| {
                warnings.push(format!("{file}: unknown key `{path}` (ignored)"))
            })
            .map_err(|e: toml::de::Error| {
                // The re-parse lost spans: find the offending key by trying keys one by one.
                let culprit = table.iter().find_map(|(k, v)| {
                    let mut single = toml::Table::new();
                    single.insert(k.clone(), v.clone());
                    toml::Value::Table(single)
                        .try_into::<AnalysisSettings>()
                        .err()
                        .map(|err| (k.clone(), err.message().trim().to_owned()))
                });
                match culprit {
                    Some((key, message)) => {
                        let offset = text
                            .match_indices(key.as_str())
                            .find(|(i, _)| text[..*i].ends_with('\n') || *i == 0)
                            .map_or(0, |(i, _)| i);
                        invalid(offset, format!("invalid value for `{key}`: {message}"))
                    }
                    None => invalid(0, e.message().trim().to_owned()),
                }
            })?;
        analysis.exclude_set()?;
        crate::scope::Scope::new(analysis.scope.clone())?;
        Ok(WorkspaceFile { analysis, warnings })
    }

    /// Reads `bluecode.toml` in `root`; a missing file gives the defaults.
    pub fn load(root: &Path) -> Result<WorkspaceFile, SettingsError> {
        let path = root.join("bluecode.toml");
        match std::fs::read_to_string(&path) {
            Ok(text) => AnalysisSettings::parse_file(&text, &path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(WorkspaceFile::default()),
            Err(e) => Err(SettingsError::Unreadable {
                file: path.display().to_string(),
                message: e.to_string(),
            }),
        }
    }

    pub fn exclude_set(&self) -> Result<GlobSet, SettingsError> {
        let mut builder = GlobSetBuilder::new();
        for pattern in &self.exclude {
            let glob = Glob::new(pattern).map_err(|e| SettingsError::Glob {
                glob: pattern.clone(),
                message: e.kind().to_string(),
            })?;
            builder.add(glob);
        }
        builder.build().map_err(|e| SettingsError::Glob {
            glob: self.exclude.join(", "),
            message: e.to_string(),
        })
    }

    /// Whether a finding passes the severity, confidence and disabled filters. Findings
    /// about suppressions always pass.
    pub fn keeps(&self, finding: &Finding) -> bool {
        if finding.category == Category::Suppression {
            return true;
        }
        finding.severity >= self.min_severity
            && finding.confidence >= self.min_confidence
            && !self.disabled.iter().any(|s| {
                s == &finding.rule_id
                    || s.strip_suffix('*')
                        .is_some_and(|p| finding.rule_id.starts_with(p))
                    || s.strip_prefix("CWE-")
                        .and_then(|n| n.parse::<u32>().ok())
                        .is_some_and(|n| finding.cwe.contains(&n))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_warn_and_invalid_values_name_key_and_line() {
        let ok = AnalysisSettings::parse_file(
            "min_severity = \"warning\"\ncolour = 3\n",
            "bluecode.toml",
        )
        .unwrap();
        assert_eq!(ok.analysis.min_severity, Severity::Warning);
        assert_eq!(
            ok.warnings,
            ["bluecode.toml: unknown key `colour` (ignored)"]
        );

        let err = AnalysisSettings::parse_file(
            "exclude = []\nmin_severity = \"loud\"\n",
            "bluecode.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("bluecode.toml:2:"), "{err}");
        assert!(err.contains("loud"), "{err}");

        let err = AnalysisSettings::parse_file("exclude = [\"a[\"]\n", "b.toml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("a["), "{err}");
    }
}
