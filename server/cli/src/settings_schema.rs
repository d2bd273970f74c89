//! The list of every setting the server and CLI read, printed by `bluecode config
//! schema`. Editors' settings (VS Code's `contributes.configuration`) are checked against
//! this list by a test, and a test here checks it against the analysis settings struct,
//! so the names cannot drift.

use std::process::ExitCode;

use serde::Serialize;
use serde_json::{Value, json};

#[derive(Serialize)]
pub struct SettingDoc {
    /// camelCase, as editors send it; `bluecode.toml` uses the snake_case form.
    pub key: &'static str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none", rename = "enum")]
    pub options: Option<&'static [&'static str]>,
    pub default: Value,
    pub description: &'static str,
}

pub fn settings() -> Vec<SettingDoc> {
    vec![
        SettingDoc {
            key: "minSeverity",
            kind: "string",
            options: Some(&["hint", "info", "warning", "error"]),
            default: json!("info"),
            description: "Findings below this severity are not reported.",
        },
        SettingDoc {
            key: "minConfidence",
            kind: "string",
            options: Some(&["low", "medium", "high"]),
            default: json!("medium"),
            description: "Findings below this confidence are not reported.",
        },
        SettingDoc {
            key: "exclude",
            kind: "array",
            options: None,
            default: json!([]),
            description: "Glob patterns (relative to the workspace root) of files never analysed.",
        },
        SettingDoc {
            key: "disabled",
            kind: "array",
            options: None,
            default: json!([]),
            description: "Constitution ids, `prefix*` or `CWE-N` selectors to switch off.",
        },
        SettingDoc {
            key: "maxFileSize",
            kind: "number",
            options: None,
            default: json!(2_000_000),
            description: "Files larger than this many bytes are skipped with a note.",
        },
        SettingDoc {
            key: "show",
            kind: "string",
            options: Some(&["all", "new"]),
            default: json!("all"),
            description: "Which findings the editor shows: `all`, or `new` — findings absent from the file at the merge base of `newSince` and HEAD (read with git); the others are shown as hints, out of the Problems panel and still on hover.",
        },
        SettingDoc {
            key: "newSince",
            kind: "string",
            options: None,
            default: json!("HEAD"),
            description: "The git ref `show = \"new\"` compares with (a branch such as `main`, a tag, a commit).",
        },
        SettingDoc {
            key: "analysis.profile",
            kind: "string",
            options: Some(&["auto", "application", "library", "snippet"]),
            default: json!("auto"),
            description: "Threat model: which values count as attacker-controlled. `auto` detects it from the project manifest (a web framework → application; another package → library; none → snippet).",
        },
        SettingDoc {
            key: "analysis.index",
            kind: "boolean",
            options: None,
            default: json!(false),
            description: "Follow untrusted data through calls into other functions and files (the workspace index; Python, JavaScript, TypeScript). Off by default until it stops adding false alarms on real code.",
        },
        SettingDoc {
            key: "scope.tests",
            kind: "boolean",
            options: None,
            default: json!(false),
            description: "Review test code (tests/, test_*.py, *_test.go, *.spec.ts, src/test/) with vulnerability and bias rules.",
        },
        SettingDoc {
            key: "scope.vendored",
            kind: "boolean",
            options: None,
            default: json!(false),
            description: "Review vendored code (vendor/, third_party/, node_modules/) with vulnerability and bias rules.",
        },
        SettingDoc {
            key: "scope.generated",
            kind: "boolean",
            options: None,
            default: json!(false),
            description: "Review minified and generated files with vulnerability and bias rules.",
        },
        SettingDoc {
            key: "scope.testPaths",
            kind: "array",
            options: None,
            default: json!([]),
            description: "More globs (relative to the project root) of test files.",
        },
        SettingDoc {
            key: "scope.vendoredPaths",
            kind: "array",
            options: None,
            default: json!([]),
            description: "More globs (relative to the project root) of vendored files.",
        },
        SettingDoc {
            key: "scope.include",
            kind: "array",
            options: None,
            default: json!([]),
            description: "Globs of files always reviewed with every rule, whatever their role.",
        },
        SettingDoc {
            key: "llm.provider",
            kind: "string",
            options: Some(&["openai", "anthropic"]),
            default: json!("openai"),
            description: "LLM API: `openai` for every OpenAI-compatible endpoint (Ollama, llama.cpp, vLLM, LM Studio, OpenAI, Azure) or `anthropic`.",
        },
        SettingDoc {
            key: "llm.baseUrl",
            kind: "string",
            options: None,
            default: Value::Null,
            description: "Base URL of the LLM endpoint, e.g. http://127.0.0.1:11434/v1. Unset: the LLM judge is off.",
        },
        SettingDoc {
            key: "llm.model",
            kind: "string",
            options: None,
            default: Value::Null,
            description: "Model name. Unset: the LLM judge is off.",
        },
        SettingDoc {
            key: "llm.apiKeyEnv",
            kind: "string",
            options: None,
            default: Value::Null,
            description: "Name of the environment variable that holds the API key (never the key itself).",
        },
        SettingDoc {
            key: "llm.timeoutSecs",
            kind: "number",
            options: None,
            default: json!(60),
            description: "Upper bound of one judgement (all its HTTP attempts), in seconds.",
        },
        SettingDoc {
            key: "llm.maxConcurrency",
            kind: "number",
            options: None,
            default: json!(2),
            description: "LLM requests in flight at once per workspace.",
        },
        SettingDoc {
            key: "llm.maxTokens",
            kind: "number",
            options: None,
            default: json!(1024),
            description: "Maximum tokens of one LLM answer.",
        },
        SettingDoc {
            key: "llm.promptBudgetTokens",
            kind: "number",
            options: None,
            default: json!(6000),
            description: "Maximum prompt size (estimated at ~4 characters per token); larger units are trimmed.",
        },
        SettingDoc {
            key: "llm.exclude",
            kind: "array",
            options: None,
            default: json!([]),
            description: "Glob patterns of files never sent to the LLM.",
        },
        SettingDoc {
            key: "llm.idleMs",
            kind: "number",
            options: None,
            default: json!(1500),
            description: "In the editor, a function is sent to the LLM once it has been unchanged this many milliseconds and parses without errors; saving sends at once.",
        },
        SettingDoc {
            key: "sandbox.enabled",
            kind: "boolean",
            options: None,
            default: json!(true),
            description: "Offer 'Verify in sandbox': run the function in a local Docker container when you ask.",
        },
        SettingDoc {
            key: "sandbox.image",
            kind: "string",
            options: None,
            default: json!("bluecode-sandbox:latest"),
            description: "Docker image for sandbox runs (build it offline with `bluecode sandbox build-image`).",
        },
        SettingDoc {
            key: "sandbox.dockerHost",
            kind: "string",
            options: None,
            default: Value::Null,
            description: "Docker engine address (unix://, tcp://, https://); unset: DOCKER_HOST or the local socket.",
        },
        SettingDoc {
            key: "sandbox.timeoutSecs",
            kind: "number",
            options: None,
            default: json!(20),
            description: "Wall-clock limit of one sandbox run, in seconds.",
        },
        SettingDoc {
            key: "sandbox.connectTimeoutSecs",
            kind: "number",
            options: None,
            default: json!(5),
            description: "How long to wait for the Docker engine before reporting it as not running.",
        },
        SettingDoc {
            key: "sandbox.memoryMb",
            kind: "number",
            options: None,
            default: json!(256),
            description: "Memory limit of one sandbox run, in MiB.",
        },
        SettingDoc {
            key: "sandbox.pidsLimit",
            kind: "number",
            options: None,
            default: json!(64),
            description: "Maximum number of processes in a sandbox run.",
        },
        SettingDoc {
            key: "sandbox.cpus",
            kind: "number",
            options: None,
            default: json!(1.0),
            description: "CPU share of a sandbox run, in CPUs.",
        },
        SettingDoc {
            key: "sandbox.tmpfsMb",
            kind: "number",
            options: None,
            default: json!(16),
            description: "Size of the writable work directory of a sandbox run, in MiB.",
        },
    ]
}

pub fn print() -> anyhow::Result<ExitCode> {
    let mut text = serde_json::to_string_pretty(&json!({ "settings": settings() }))?;
    text.push('\n');
    crate::constitutions_cmd::print_stdout(&text);
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use bluecode_analysis::AnalysisSettings;

    use super::*;

    fn camel(snake: &str) -> String {
        let mut out = String::new();
        let mut upper = false;
        for c in snake.chars() {
            if c == '_' {
                upper = true;
            } else if upper {
                out.extend(c.to_uppercase());
                upper = false;
            } else {
                out.push(c);
            }
        }
        out
    }

    /// Every field of every section's settings struct is in the schema with the same
    /// default, and every schema key is a field.
    #[test]
    fn schema_matches_the_settings_structs() {
        use bluecode_workspace::llm::LlmSettings;
        use bluecode_workspace::sandbox::SandboxSettings;
        let sections = [
            ("", {
                let mut top = serde_json::to_value(AnalysisSettings::default()).unwrap();
                // Sections of their own, below.
                if let Value::Object(fields) = &mut top {
                    fields.remove("analysis");
                    fields.remove("scope");
                }
                top
            }),
            (
                "",
                serde_json::to_value(bluecode_workspace::settings::ShowSettings::default())
                    .unwrap(),
            ),
            (
                "analysis.",
                serde_json::to_value(bluecode_analysis::ThreatModelSettings::default()).unwrap(),
            ),
            (
                "scope.",
                serde_json::to_value(bluecode_analysis::ScopeSettings::default()).unwrap(),
            ),
            (
                "llm.",
                serde_json::to_value(LlmSettings::default()).unwrap(),
            ),
            (
                "sandbox.",
                serde_json::to_value(SandboxSettings::default()).unwrap(),
            ),
        ];
        let docs = settings();
        let mut expected = Vec::new();
        for (prefix, defaults) in sections {
            let Value::Object(fields) = defaults else {
                panic!("settings serialize as a map")
            };
            for (name, default) in fields {
                let key = format!("{prefix}{}", camel(&name));
                let doc = docs
                    .iter()
                    .find(|d| d.key == key)
                    .unwrap_or_else(|| panic!("`{key}` is missing from the schema"));
                assert_eq!(doc.default, default, "default of `{key}`");
                expected.push(key);
            }
        }
        for d in &docs {
            assert!(
                expected.contains(&d.key.to_owned()),
                "`{}` is not a setting",
                d.key
            );
        }
    }
}
