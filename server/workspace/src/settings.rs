//! Every layer's settings from one TOML table: top-level keys for the analysis, `[llm]`
//! and `[sandbox]` sections for those layers. Invalid values are errors naming the key;
//! unknown keys are warnings.

use bluecode_analysis::{AnalysisSettings, WorkspaceFile};
use bluecode_llm::LlmSettings;
use bluecode_sandbox::SandboxSettings;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkspaceSettingsError {
    #[error("{source_name}: invalid `[{section}]` settings: {message}")]
    Section {
        source_name: String,
        section: &'static str,
        message: String,
    },
}

#[derive(Debug, Clone, Default)]
pub struct WorkspaceSettings {
    pub analysis: AnalysisSettings,
    pub llm: LlmSettings,
    pub sandbox: SandboxSettings,
    pub warnings: Vec<String>,
}

fn section<T: serde::de::DeserializeOwned + Default>(
    file: &WorkspaceFile,
    name: &'static str,
    source_name: &str,
    warnings: &mut Vec<String>,
) -> Result<T, WorkspaceSettingsError> {
    let Some(value) = file.sections.get(name) else {
        return Ok(T::default());
    };
    let invalid = |message: String| WorkspaceSettingsError::Section {
        source_name: source_name.to_owned(),
        section: name,
        message,
    };
    let mut unknown = Vec::new();
    let parsed = serde_ignored::deserialize(value.clone(), |path| unknown.push(path.to_string()))
        .map_err(|e: toml::de::Error| invalid(e.message().trim().to_owned()))?;
    for key in unknown {
        warnings.push(format!(
            "{source_name}: unknown key `{name}.{key}` (ignored)"
        ));
    }
    Ok(parsed)
}

impl WorkspaceSettings {
    /// Types the sections of an already parsed `bluecode.toml`.
    pub fn from_file(
        file: WorkspaceFile,
        source_name: &str,
    ) -> Result<WorkspaceSettings, WorkspaceSettingsError> {
        let mut warnings = file.warnings.clone();
        let llm: LlmSettings = section(&file, "llm", source_name, &mut warnings)?;
        if llm.is_enabled() {
            llm.validate()
                .map_err(|e| WorkspaceSettingsError::Section {
                    source_name: source_name.to_owned(),
                    section: "llm",
                    message: e.to_string(),
                })?;
        }
        let sandbox: SandboxSettings = section(&file, "sandbox", source_name, &mut warnings)?;
        sandbox
            .validate()
            .map_err(|e| WorkspaceSettingsError::Section {
                source_name: source_name.to_owned(),
                section: "sandbox",
                message: e.to_string(),
            })?;
        Ok(WorkspaceSettings {
            analysis: file.analysis,
            llm,
            sandbox,
            warnings,
        })
    }
}
