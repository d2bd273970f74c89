//! `[llm]` settings as a user writes them in `bluecode.toml` or in the editor, and their
//! validation. Plain serde data; depends only on [`crate::error`].
//!
//! The LLM is off unless both `base_url` and `model` are set. The API key is never stored
//! here: `api_key_env` names the environment variable that holds it.

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};

use crate::error::LlmError;

/// Which wire protocol the endpoint speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderKind {
    /// OpenAI-compatible chat completions: Ollama, llama.cpp, vLLM, LM Studio, OpenAI, Azure.
    #[default]
    Openai,
    /// Anthropic's Messages API.
    Anthropic,
}

/// The `[llm]` table. Keys are snake_case as in `bluecode.toml`; editors that send
/// camelCase (`baseUrl`) are accepted too. Unknown keys are rejected so that a typo is not
/// silently ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "snake_case", deny_unknown_fields)]
pub struct LlmSettings {
    pub provider: ProviderKind,
    /// e.g. `http://127.0.0.1:11434/v1` (Ollama) or `https://api.anthropic.com`.
    #[serde(alias = "baseUrl")]
    pub base_url: Option<String>,
    pub model: Option<String>,
    /// The NAME of the environment variable holding the API key; local servers need none.
    #[serde(alias = "apiKeyEnv")]
    pub api_key_env: Option<String>,
    /// Upper bound for one judgement (all HTTP attempts of it together).
    #[serde(alias = "timeoutSecs")]
    pub timeout_secs: u64,
    /// Requests in flight at once for one workspace.
    #[serde(alias = "maxConcurrency")]
    pub max_concurrency: usize,
    /// Upper bound for the model's answer.
    #[serde(alias = "maxTokens")]
    pub max_tokens: u32,
    /// Upper bound for the prompt (estimated at ~4 characters per token).
    #[serde(alias = "promptBudgetTokens")]
    pub prompt_budget_tokens: usize,
    /// Glob patterns (workspace-relative) of files that are never sent.
    pub exclude: Vec<String>,
    /// In the editor, a unit is sent only once it has been unchanged this long (and
    /// parses without errors); saving the file sends at once. The CLI does not wait.
    #[serde(alias = "idleMs")]
    pub idle_ms: u64,
}

/// The default of [`LlmSettings::idle_ms`]: a typist's pause.
pub const DEFAULT_IDLE_MS: u64 = 1_500;

impl Default for LlmSettings {
    fn default() -> Self {
        LlmSettings {
            provider: ProviderKind::Openai,
            base_url: None,
            model: None,
            api_key_env: None,
            timeout_secs: 60,
            max_concurrency: 2,
            max_tokens: 1024,
            prompt_budget_tokens: 6000,
            exclude: Vec::new(),
            idle_ms: DEFAULT_IDLE_MS,
        }
    }
}

impl LlmSettings {
    /// The LLM layer runs only when an endpoint and a model are configured.
    pub fn is_enabled(&self) -> bool {
        non_blank(&self.base_url) && non_blank(&self.model)
    }

    /// Checks every key and says which one is wrong. Call it only when [`Self::is_enabled`].
    pub fn validate(&self) -> Result<(), LlmError> {
        let base_url = self.base_url.as_deref().map(str::trim).unwrap_or_default();
        if base_url.is_empty() {
            return Err(invalid("base_url", "is required when the LLM is enabled"));
        }
        let parsed = reqwest::Url::parse(base_url)
            .map_err(|e| invalid("base_url", format!("`{base_url}` is not a URL: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(invalid("base_url", "must start with http:// or https://"));
        }
        if !non_blank(&self.model) {
            return Err(invalid("model", "is required when the LLM is enabled"));
        }
        if let Some(name) = &self.api_key_env {
            let looks_like_name =
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !looks_like_name {
                return Err(invalid(
                    "api_key_env",
                    "must be the NAME of an environment variable (letters, digits, _), not the key itself",
                ));
            }
        }
        if self.timeout_secs == 0 || self.timeout_secs > 3600 {
            return Err(invalid("timeout_secs", "must be between 1 and 3600"));
        }
        if self.max_concurrency == 0 || self.max_concurrency > 64 {
            return Err(invalid("max_concurrency", "must be between 1 and 64"));
        }
        if self.max_tokens < 64 || self.max_tokens > 32_768 {
            return Err(invalid("max_tokens", "must be between 64 and 32768"));
        }
        if self.prompt_budget_tokens < 1024 || self.prompt_budget_tokens > 200_000 {
            return Err(invalid(
                "prompt_budget_tokens",
                "must be between 1024 and 200000",
            ));
        }
        if self.idle_ms > 60_000 {
            return Err(invalid("idle_ms", "must be between 0 and 60000"));
        }
        self.exclude_matcher()?;
        Ok(())
    }

    /// Compiles `exclude` into one matcher.
    pub fn exclude_matcher(&self) -> Result<ExcludeMatcher, LlmError> {
        let mut builder = GlobSetBuilder::new();
        for pattern in &self.exclude {
            let glob =
                Glob::new(pattern).map_err(|e| invalid("exclude", format!("`{pattern}`: {e}")))?;
            builder.add(glob);
        }
        let set = builder
            .build()
            .map_err(|e| invalid("exclude", e.to_string()))?;
        Ok(ExcludeMatcher { set })
    }

    /// The model name, or "" when unset (only meaningful when enabled).
    pub fn model_name(&self) -> &str {
        self.model.as_deref().map(str::trim).unwrap_or_default()
    }

    /// The base URL without a trailing slash, or "" when unset.
    pub fn base_url_trimmed(&self) -> &str {
        self.base_url
            .as_deref()
            .map(|u| u.trim().trim_end_matches('/'))
            .unwrap_or_default()
    }
}

/// Decides whether a workspace-relative path may be sent at all.
#[derive(Debug, Clone)]
pub struct ExcludeMatcher {
    set: GlobSet,
}

impl ExcludeMatcher {
    /// True when the path matches one of the `exclude` globs.
    pub fn is_excluded(&self, workspace_relative_path: &str) -> bool {
        let normalized = workspace_relative_path.replace('\\', "/");
        let trimmed = normalized.trim_start_matches("./");
        self.set.is_match(trimmed)
    }
}

fn non_blank(value: &Option<String>) -> bool {
    value.as_deref().is_some_and(|v| !v.trim().is_empty())
}

fn invalid(key: &'static str, reason: impl Into<String>) -> LlmError {
    LlmError::InvalidSetting {
        key,
        reason: reason.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enabled() -> LlmSettings {
        LlmSettings {
            base_url: Some("http://127.0.0.1:8765/v1".into()),
            model: Some("m".into()),
            ..LlmSettings::default()
        }
    }

    #[test]
    fn off_until_url_and_model_are_set() {
        assert!(!LlmSettings::default().is_enabled());
        let only_url = LlmSettings {
            base_url: Some("http://x".into()),
            ..LlmSettings::default()
        };
        assert!(!only_url.is_enabled());
        assert!(enabled().is_enabled());
    }

    #[test]
    fn parses_snake_case_toml_with_defaults() {
        let text = r#"
            provider = "anthropic"
            base_url = "https://api.anthropic.com"
            model = "claude-x"
            api_key_env = "ANTHROPIC_API_KEY"
            exclude = ["secrets/**", "*.pem"]
        "#;
        let s: LlmSettings = toml::from_str(text).unwrap();
        assert_eq!(s.provider, ProviderKind::Anthropic);
        assert_eq!(s.max_concurrency, 2);
        assert_eq!(s.api_key_env.as_deref(), Some("ANTHROPIC_API_KEY"));
        s.validate().unwrap();
        let m = s.exclude_matcher().unwrap();
        assert!(m.is_excluded("secrets/prod/db.py"));
        assert!(m.is_excluded("./keys/server.pem"));
        assert!(!m.is_excluded("src/app.py"));
    }

    #[test]
    fn camel_case_from_an_editor_is_accepted() {
        let s: LlmSettings = toml::from_str(
            "baseUrl = \"http://localhost:11434/v1\"\nmodel = \"m\"\nmaxConcurrency = 3\napiKeyEnv = \"K\"",
        )
        .unwrap();
        assert_eq!(s.base_url.as_deref(), Some("http://localhost:11434/v1"));
        assert_eq!(s.max_concurrency, 3);
        assert_eq!(s.api_key_env.as_deref(), Some("K"));
    }

    #[test]
    fn unknown_keys_are_rejected() {
        let err = toml::from_str::<LlmSettings>("modle = \"x\"").unwrap_err();
        assert!(err.to_string().contains("modle"), "{err}");
    }

    #[test]
    fn validation_names_the_key() {
        let cases: Vec<(LlmSettings, &str)> = vec![
            (
                LlmSettings {
                    base_url: Some("ftp://x".into()),
                    ..enabled()
                },
                "base_url",
            ),
            (
                LlmSettings {
                    model: Some(" ".into()),
                    ..enabled()
                },
                "model",
            ),
            (
                LlmSettings {
                    api_key_env: Some("sk-abc123-secret".into()),
                    ..enabled()
                },
                "api_key_env",
            ),
            (
                LlmSettings {
                    timeout_secs: 0,
                    ..enabled()
                },
                "timeout_secs",
            ),
            (
                LlmSettings {
                    max_concurrency: 0,
                    ..enabled()
                },
                "max_concurrency",
            ),
            (
                LlmSettings {
                    max_tokens: 1,
                    ..enabled()
                },
                "max_tokens",
            ),
            (
                LlmSettings {
                    exclude: vec!["a/[".into()],
                    ..enabled()
                },
                "exclude",
            ),
        ];
        for (settings, key) in cases {
            let err = settings.validate().unwrap_err();
            assert!(
                matches!(&err, LlmError::InvalidSetting { key: k, .. } if *k == key),
                "expected `{key}`, got {err}"
            );
            assert!(err.to_string().contains(key));
        }
    }
}
