//! Built-in canary harnesses: turn a verification request into a program the sandbox runs.
//!
//! A harness is a fixed script (`python/*.py`, `javascript/*.js`: real source files, split
//! by concern and concatenated at build time; the selected kinds' files from `*/kinds/` are
//! appended before the main part — see [`kinds`]) plus a JSON configuration embedded as a
//! string literal: the module source and file name, the function's qualified name, the
//! optional finding hint, the kinds to try, the parameters to feed, a fresh nonce, and the
//! time budget. The script writes the module into the
//! tmpfs work directory, imports it (stubbing missing third-party modules), calls the
//! function with canary payloads, watches the sinks, and prints one verdict line. Depends on
//! [`crate::run`] and [`crate::verdict`].

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

use crate::error::SandboxError;
use crate::run::RunSpec;

pub mod kinds;

/// The Python harness's core, kept in parts by concern and joined in this order; the
/// selected kinds' files follow it, then [`PYTHON_MAIN`].
const PYTHON_CORE: &str = concat!(
    include_str!("python/prelude.py"),
    "\n\n",
    include_str!("python/stubs.py"),
    "\n\n",
    include_str!("python/fakes.py"),
    "\n\n",
    include_str!("python/importer.py"),
    "\n\n",
    include_str!("python/inputs.py"),
    "\n\n",
);
/// Calling, judging and main: last, so that every kind is registered when it runs.
const PYTHON_MAIN: &str = include_str!("python/run.py");
/// The JavaScript harness's core, kept in parts by concern and joined in this order; the
/// selected kinds' files follow it, then [`JAVASCRIPT_MAIN`].
const JAVASCRIPT_CORE: &str = concat!(
    include_str!("javascript/prelude.js"),
    "\n",
    include_str!("javascript/fakes.js"),
    "\n",
    include_str!("javascript/inputs.js"),
    "\n",
    include_str!("javascript/browser.js"),
    "\n",
);
/// Calling, judging and main.
const JAVASCRIPT_MAIN: &str = include_str!("javascript/run.js");
/// The placeholder in both scripts that the configuration literal replaces.
const CONFIG_PLACEHOLDER: &str = "\"__BLUECODE_CONFIG__\"";
/// Output kept per stream; the verdict line is at the end and survives a flood.
const MAX_OUTPUT_BYTES: usize = 256 * 1024;

/// A language with a built-in harness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    Python,
    JavaScript,
}

impl Language {
    /// The command line that runs a script read from stdin.
    pub fn interpreter(self) -> &'static [&'static str] {
        match self {
            Language::Python => &["python3", "-I", "-B", "-"],
            Language::JavaScript => &["node", "--max-old-space-size=128", "-"],
        }
    }

    /// Parses `python` / `javascript` (and the usual short forms).
    pub fn parse(name: &str) -> Option<Language> {
        match name.to_ascii_lowercase().as_str() {
            "python" | "py" | "python3" => Some(Language::Python),
            "javascript" | "js" | "node" | "nodejs" => Some(Language::JavaScript),
            _ => None,
        }
    }
}

/// What the harness needs to know, embedded into the script as JSON.
#[derive(Debug, Clone, Serialize)]
struct HarnessConfig<'a> {
    nonce: &'a str,
    module_file: &'a str,
    module_source: &'a str,
    function: &'a str,
    hint: Option<&'a str>,
    /// The kinds to try, in order (names from [`kinds::KINDS`]).
    kinds: Vec<&'static str>,
    /// When not empty, only these parameters get payloads (the ones the finding's trace
    /// names); the others get ordinary values.
    parameters: &'a [String],
    /// Parameters that are not attacker-controlled: never fed payloads.
    trusted_parameters: &'a [String],
    /// Why the inputs count as attacker-controlled (a threat-model profile), quoted in the
    /// evidence.
    source_label: Option<&'a str>,
    /// Seconds the harness may spend calling the function before it reports what it has.
    budget_secs: u64,
    /// Seconds one call may take before it is abandoned.
    call_timeout_secs: u64,
}

/// Inputs to [`harness_program`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct HarnessInput<'a> {
    pub language: Language,
    pub module_source: &'a str,
    pub module_file: &'a str,
    pub function: &'a str,
    pub hint: Option<&'a str>,
    pub kinds: &'a [&'static kinds::HarnessKind],
    pub parameters: &'a [String],
    pub trusted_parameters: &'a [String],
    pub source_label: Option<&'a str>,
    pub timeout_secs: u64,
}

/// Builds the program for one verification, returning it with its nonce.
pub(crate) fn harness_program(input: HarnessInput<'_>) -> Result<(RunSpec, String), SandboxError> {
    let file_name = safe_file_name(input.module_file, input.language)?;
    if !is_function_reference(input.function) {
        return Err(SandboxError::InvalidRequest(format!(
            "`{}` is not a function reference (expected `func`, `Class.method` or `line:N`)",
            input.function
        )));
    }
    let nonce = fresh_nonce();
    // Leave the harness time to report before the container's wall clock runs out.
    let budget_secs = input.timeout_secs.saturating_sub(3).max(1);
    let config = HarnessConfig {
        nonce: &nonce,
        module_file: &file_name,
        module_source: input.module_source,
        function: input.function,
        hint: input.hint,
        kinds: input.kinds.iter().map(|k| k.name).collect(),
        parameters: input.parameters,
        trusted_parameters: input.trusted_parameters,
        source_label: input.source_label,
        budget_secs,
        call_timeout_secs: budget_secs.clamp(1, 3),
    };
    let json = serde_json::to_string(&config)
        .map_err(|e| SandboxError::InvalidRequest(format!("cannot encode the request: {e}")))?;
    // A JSON string literal is also a valid Python and JavaScript string literal (serde_json
    // escapes quotes, backslashes and control characters; it never emits `\/`).
    let literal = serde_json::to_string(&json)
        .map_err(|e| SandboxError::InvalidRequest(format!("cannot encode the request: {e}")))?;
    let (core, main) = match input.language {
        Language::Python => (PYTHON_CORE, PYTHON_MAIN),
        Language::JavaScript => (JAVASCRIPT_CORE, JAVASCRIPT_MAIN),
    };
    let mut template = String::from(core);
    for kind in input.kinds {
        if let kinds::Part::File(source) = kind.part(input.language) {
            template.push_str(source);
            template.push_str("\n\n");
        }
    }
    template.push_str(main);
    let argv = input.language.interpreter();
    let program = template.replacen(CONFIG_PLACEHOLDER, &literal, 1);
    Ok((
        RunSpec {
            argv: argv.iter().map(|s| (*s).to_owned()).collect(),
            stdin: program.into_bytes(),
            max_output_bytes: MAX_OUTPUT_BYTES,
        },
        nonce,
    ))
}

/// `func`, `Class.method`, or `line:N` (the innermost function holding line N: how an
/// anonymous route handler is named).
fn is_function_reference(reference: &str) -> bool {
    if let Some(line) = reference.strip_prefix("line:") {
        return !line.is_empty() && line.chars().all(|c| c.is_ascii_digit());
    }
    !reference.is_empty()
        && reference.split('.').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c == '_' || c == '$' || c.is_alphanumeric())
        })
}

/// The module's base name, checked so that it is a plain file name for the language.
pub(crate) fn safe_file_name(
    module_file: &str,
    language: Language,
) -> Result<String, SandboxError> {
    let base = module_file.rsplit(['/', '\\']).next().unwrap_or_default();
    let (stem, wanted) = match language {
        Language::Python => (base.strip_suffix(".py"), "a `.py` file name"),
        Language::JavaScript => (
            base.strip_suffix(".js")
                .or_else(|| base.strip_suffix(".cjs"))
                .or_else(|| base.strip_suffix(".mjs")),
            "a `.js` file name",
        ),
    };
    match stem {
        Some(stem)
            if !stem.is_empty()
                && stem
                    .chars()
                    .all(|c| c == '_' || c == '-' || c.is_alphanumeric()) =>
        {
            if language == Language::JavaScript {
                return Ok(base.to_owned());
            }
            // Python imports the file by its stem, so the stem must be an identifier.
            let mut identifier = stem.replace('-', "_");
            if identifier.starts_with(|c: char| c.is_ascii_digit()) {
                identifier.insert_str(0, "m_");
            }
            Ok(format!("{identifier}.py"))
        }
        _ => Err(SandboxError::InvalidRequest(format!(
            "module file `{module_file}` is not {wanted}"
        ))),
    }
}

/// A fresh lower-case alphanumeric token, unique per run in practice.
pub(crate) fn fresh_nonce() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u32(std::process::id());
    if let Ok(now) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        hasher.write_u128(now.as_nanos());
    }
    format!("{:016x}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(file: &'a str, function: &'a str) -> HarnessInput<'a> {
        HarnessInput {
            language: Language::Python,
            module_source: "def f(x):\n    return '\"\\u2028'\n",
            module_file: file,
            function,
            hint: Some("CWE-78"),
            kinds: &[],
            parameters: &[],
            trusted_parameters: &[],
            source_label: None,
            timeout_secs: 20,
        }
    }

    #[test]
    fn the_config_is_embedded_once_and_round_trips() {
        let (spec, nonce) =
            harness_program(input("src/app.py", "f")).unwrap_or_else(|e| panic!("{e}"));
        let program = String::from_utf8(spec.stdin).unwrap_or_default();
        assert!(!program.contains(CONFIG_PLACEHOLDER));
        assert!(program.contains(&nonce));
        assert!(program.contains("app.py"));
        assert_eq!(spec.argv[0], "python3");
    }

    #[test]
    fn bad_names_are_refused_and_odd_file_names_are_made_importable() {
        assert!(harness_program(input("app.py", "f; import os")).is_err());
        assert!(harness_program(input("app.py", "")).is_err());
        assert!(harness_program(input("app.py", "line:")).is_err());
        assert!(harness_program(input("app.py", "line:12")).is_ok());
        assert!(harness_program(input("../x/app.txt", "f")).is_err());
        assert_eq!(
            safe_file_name("a/my-app.py", Language::Python)
                .ok()
                .as_deref(),
            Some("my_app.py")
        );
        assert_eq!(
            safe_file_name("1st.py", Language::Python).ok().as_deref(),
            Some("m_1st.py")
        );
        assert_eq!(
            safe_file_name("x/index.js", Language::JavaScript)
                .ok()
                .as_deref(),
            Some("index.js")
        );
        assert!(Language::parse("Python").is_some() && Language::parse("ruby").is_none());
    }

    #[test]
    fn nonces_differ() {
        assert_ne!(fresh_nonce(), fresh_nonce());
    }
}
