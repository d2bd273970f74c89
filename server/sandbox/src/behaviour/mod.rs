//! Behaviour evidence for malicious-category findings: run the module (a script) or one of
//! its functions under a recorder that logs what the code *tried* — files opened, processes
//! spawned, sockets connected, names resolved, URLs fetched, signals sent, environment read,
//! files deleted, code executed — then judge the events against the constitution's profile.
//!
//! The recorders (`recorder.py`: `sys.addaudithook` plus patched `open`/`socket`/`urllib`/
//! `os.dup2`/`pty.spawn`/`os.environ`; `recorder.js`: `fs`, `child_process`, `net`,
//! `http(s)`, `dns`, `process.kill`, a `process.env` Proxy, patched before the code loads)
//! run in the same hardened container as the canary harnesses: no network (connections go to
//! a local listener), a throw-away home full of decoy secrets, spawns and signals refused
//! after being recorded. The recorders also play what the container lacks: a user (decoy
//! keys typed into keyboard hooks, a decoy wallet address copied on a fake page for browser
//! scripts) and missing libraries (`pynput`, a `cryptography.fernet` stand-in), so keyloggers,
//! clipboard hijackers and ransomware get as far as they would. [`profiles`] maps
//! constitution ids to the events that count.
//! Depends on [`crate::harness`] (file names, nonces), [`crate::run`], [`crate::verdict`].

use serde::{Deserialize, Serialize};

use crate::error::SandboxError;
use crate::harness::{Language, fresh_nonce, safe_file_name};
use crate::output::truncate_text;
use crate::run::RunSpec;
use crate::verdict::{Attempt, InconclusiveCause, SinkKind, Verdict, verdict_marker};

pub mod profiles;

pub use profiles::{Profile, profiles_for};

const PYTHON_RECORDER: &str = include_str!("recorder.py");
const JAVASCRIPT_RECORDER: &str = include_str!("recorder.js");
const CONFIG_PLACEHOLDER: &str = "\"__BLUECODE_CONFIG__\"";
const MAX_OUTPUT_BYTES: usize = 256 * 1024;
/// Events listed in a verdict's evidence.
const MAX_EVENTS_SHOWN: usize = 40;
/// The function reference that means "run the whole module" (a script).
pub const WHOLE_MODULE: &str = "<module>";

/// One thing the code tried, as a recorder reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BehaviourEvent {
    /// `open`, `spawn`, `connect`, `listen`, `resolve`, `fetch`, `signal`, `env`, `delete`,
    /// `chmod`, `exec`, `dup2` (see `profiles.toml`).
    pub kind: String,
    pub target: String,
    #[serde(default)]
    pub extra: String,
}

impl BehaviourEvent {
    /// `open /work/home/.ssh/id_rsa (r)`.
    pub fn describe(&self) -> String {
        if self.extra.is_empty() {
            format!("{} {}", self.kind, self.target)
        } else {
            format!("{} {} ({})", self.kind, self.target, self.extra)
        }
    }
}

#[derive(Serialize)]
struct RecorderConfig<'a> {
    nonce: &'a str,
    module_file: &'a str,
    module_source: &'a str,
    /// `None` runs the module only.
    function: Option<&'a str>,
    budget_secs: u64,
    /// The container's memory limit: buffers held beyond it count as exhaustion even when
    /// the pages were never touched (and so never killed the run).
    memory_mb: u64,
}

/// The recorder's report line.
#[derive(Debug, Deserialize)]
pub(crate) struct RecorderLine {
    pub events: Vec<BehaviourEvent>,
    /// `module` or the function called.
    #[serde(default)]
    pub ran: String,
    /// What the code raised, if anything (a refused spawn, a missing file).
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub stubbed: Vec<String>,
}

impl RecorderLine {
    /// What is known when the run was killed at the memory limit before it could report.
    pub(crate) fn killed_at_memory_limit(how: &str) -> RecorderLine {
        RecorderLine {
            events: vec![BehaviourEvent {
                kind: "limit".to_owned(),
                target: "memory".to_owned(),
                extra: how.to_owned(),
            }],
            ran: String::new(),
            error: None,
            notes: Vec::new(),
            stubbed: Vec::new(),
        }
    }
}

/// Whether a run without a report line ended at the memory limit (the container's, or
/// Node's heap limit).
pub(crate) fn ran_out_of_memory(run: &crate::run::RunOutput) -> bool {
    run.oom_killed
        || run.exit_code == Some(137)
        || run.stderr.contains("heap out of memory")
        || run.stderr.contains("Reached heap limit")
}

/// Whether `function` names something the recorder can run: the whole module, a function,
/// a method, or `line:N` (run as the whole module).
fn is_runnable_reference(function: &str) -> bool {
    function.is_empty()
        || function == WHOLE_MODULE
        || function
            .strip_prefix("line:")
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
        || function.split('.').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c == '_' || c == '$' || c.is_alphanumeric())
        })
}

/// Builds the recorder program for one run, returning it with its nonce.
pub(crate) fn recorder_program(
    language: Language,
    module_source: &str,
    module_file: &str,
    function: &str,
    timeout_secs: u64,
    memory_mb: u64,
) -> Result<(RunSpec, String), SandboxError> {
    let file_name = safe_file_name(module_file, language)?;
    if !is_runnable_reference(function) {
        return Err(SandboxError::InvalidRequest(format!(
            "`{function}` is not a function reference (expected `func`, `Class.method` or `{WHOLE_MODULE}`)"
        )));
    }
    let nonce = fresh_nonce();
    let config = RecorderConfig {
        nonce: &nonce,
        module_file: &file_name,
        module_source,
        function: (!function.is_empty()
            && function != WHOLE_MODULE
            && !function.starts_with("line:"))
        .then_some(function),
        budget_secs: timeout_secs.saturating_sub(3).clamp(1, 8),
        memory_mb,
    };
    let encode = |e: serde_json::Error| {
        SandboxError::InvalidRequest(format!("cannot encode the request: {e}"))
    };
    let json = serde_json::to_string(&config).map_err(encode)?;
    // A JSON string literal is also a valid Python and JavaScript string literal.
    let literal = serde_json::to_string(&json).map_err(encode)?;
    let template = match language {
        Language::Python => PYTHON_RECORDER,
        Language::JavaScript => JAVASCRIPT_RECORDER,
    };
    Ok((
        RunSpec {
            argv: language
                .interpreter()
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            stdin: template
                .replacen(CONFIG_PLACEHOLDER, &literal, 1)
                .into_bytes(),
            max_output_bytes: MAX_OUTPUT_BYTES,
        },
        nonce,
    ))
}

/// Finds the recorder's last report line in `stdout`.
pub(crate) fn parse_recorder_output(
    stdout: &str,
    nonce: &str,
) -> Option<Result<RecorderLine, String>> {
    let marker = verdict_marker(nonce);
    let line = stdout
        .lines()
        .rev()
        .find_map(|line| line.split_once(&marker).map(|(_, json)| json))?;
    Some(serde_json::from_str(line).map_err(|e| format!("unreadable recorder line: {e}")))
}

fn listing(events: &[&BehaviourEvent]) -> String {
    let mut shown: Vec<String> = events
        .iter()
        .take(MAX_EVENTS_SHOWN)
        .map(|e| e.describe())
        .collect();
    if events.len() > MAX_EVENTS_SHOWN {
        shown.push(format!("… {} more", events.len() - MAX_EVENTS_SHOWN));
    }
    shown.join("; ")
}

/// Judges what the code tried against the constitution's profiles: `confirmed` with the
/// matching events when one profile's shape happened, otherwise `not_reproduced` listing
/// what was observed (or `inconclusive` when the code failed before trying anything).
pub(crate) fn judge(line: &RecorderLine, profiles: &[&Profile], max_evidence: usize) -> Verdict {
    let all: Vec<&BehaviourEvent> = line.events.iter().collect();
    let ran = if line.ran.is_empty() {
        WHOLE_MODULE.to_owned()
    } else {
        line.ran.clone()
    };
    for profile in profiles {
        if let Some(matched) = profile.confirmed_by(&line.events) {
            return Verdict::Confirmed {
                sink: profile.name.clone(),
                kind: SinkKind::Behaviour,
                parameter: ran,
                payload: "decoy secrets in a throw-away home, no network".to_owned(),
                call: truncate_text(&listing(&matched), max_evidence),
                evidence: truncate_text(&listing(&all), max_evidence),
                happened: truncate_text(
                    &format!("it {}: {}", profile.describes, listing(&matched)),
                    max_evidence,
                ),
                source: None,
            };
        }
    }
    if all.is_empty()
        && let Some(error) = &line.error
    {
        return Verdict::inconclusive(
            InconclusiveCause::SinkNotReached,
            truncate_text(
                &format!("`{ran}` tried nothing before it failed: {error}"),
                max_evidence,
            ),
        );
    }
    let mut what = format!(
        "ran `{ran}` with decoy secrets and no network, watching files, processes, sockets, signals and the environment; none of {} happened",
        profiles
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(error) = &line.error {
        what.push_str(&format!("; it raised {}", truncate_text(error, 200)));
    }
    Verdict::NotReproduced {
        tried: vec![Attempt {
            kind: SinkKind::Behaviour,
            parameter: ran,
            payloads: 1,
            sinks: all
                .iter()
                .take(MAX_EVENTS_SHOWN)
                .map(|e| e.describe())
                .collect(),
            what,
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_program_embeds_its_config_and_refuses_bad_references() {
        let (spec, nonce) = recorder_program(
            Language::Python,
            "print(1)\n",
            "x/agent.py",
            WHOLE_MODULE,
            20,
            256,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let program = String::from_utf8(spec.stdin).unwrap_or_default();
        assert!(program.contains(&nonce) && !program.contains(CONFIG_PLACEHOLDER));
        assert!(
            program.contains("\\\"function\\\":null"),
            "a script runs as a whole"
        );
        assert!(recorder_program(Language::JavaScript, "", "a.js", "f; x", 20, 256).is_err());
        assert!(recorder_program(Language::JavaScript, "", "a.txt", "f", 20, 256).is_err());
        assert!(recorder_program(Language::JavaScript, "", "a.js", "Agent.run", 20, 256).is_ok());
    }

    #[test]
    fn judging_confirms_with_the_matching_events_or_lists_what_was_seen() {
        let profiles = profiles_for("mal.reverse-shell");
        let event = |kind: &str, target: &str| BehaviourEvent {
            kind: kind.into(),
            target: target.into(),
            extra: String::new(),
        };
        let line = RecorderLine {
            events: vec![
                event("env", "HOME"),
                event("connect", "193.42.11.87:4444"),
                event("spawn", "/bin/bash"),
            ],
            ran: "start".into(),
            error: None,
            notes: vec![],
            stubbed: vec![],
        };
        let verdict = judge(&line, &profiles, 4096);
        let Verdict::Confirmed { sink, call, .. } = &verdict else {
            panic!("{verdict:?}")
        };
        assert_eq!(sink, "reverse-shell");
        assert_eq!(call, "connect 193.42.11.87:4444; spawn /bin/bash");
        let benign = RecorderLine {
            events: vec![event("connect", "127.0.0.2:80")],
            ..line
        };
        let verdict = judge(&benign, &profiles, 4096);
        let Verdict::NotReproduced { tried } = &verdict else {
            panic!("{verdict:?}")
        };
        assert_eq!(tried[0].sinks, ["connect 127.0.0.2:80"]);
        let failed = RecorderLine {
            events: vec![],
            error: Some("SyntaxError: x".into()),
            ..benign
        };
        assert!(matches!(
            judge(&failed, &profiles, 4096),
            Verdict::Inconclusive { .. }
        ));
    }
}
