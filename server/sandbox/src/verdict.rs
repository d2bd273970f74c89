//! Verdicts: what a verification concluded, and the report around it.
//!
//! Serialized with `"verdict": "confirmed" | "not_reproduced" | "inconclusive"` so that
//! `bluecode verify --json` and the server can pass it on unchanged. Also parses the
//! harness's machine-readable verdict line. Depends on `output` only.

use serde::{Deserialize, Serialize};

use crate::output::truncate_text;

/// The kind of dangerous sink a payload reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SinkKind {
    /// A shell ran a command built from the input (CWE-78).
    Command,
    /// The input became part of SQL text outside a literal (CWE-89).
    Sql,
    /// The input was executed as code (CWE-94/95).
    Code,
    /// A file path built from the input escaped its base directory (CWE-22).
    Path,
    /// Untrusted data was deserialized into objects that ran code (CWE-502).
    Deserialization,
    /// The input became template source (CWE-1336).
    Template,
    /// The input reached HTML output unescaped (CWE-79).
    Xss,
    /// The input chose the host of an outgoing request (CWE-918).
    Ssrf,
    /// A regular expression took super-linear time on input the attacker shapes, or the
    /// input became the regular expression (CWE-1333/730).
    Redos,
    /// An XML parser expanded nested entities or read an external entity (CWE-611/776).
    Xml,
    /// A CR/LF in the input forged a line in a log (CWE-117).
    Log,
    /// A CR/LF in the input forged a response header (CWE-113).
    Header,
    /// The input was used as a format string: its fields were looked up (CWE-134).
    Format,
    /// The input changed the structure of an XPath query (CWE-643).
    Xpath,
    /// The input changed the structure of an LDAP filter (CWE-90).
    Ldap,
    /// A secret came from a predictable generator (CWE-338/330).
    Random,
    /// A file or directory the code created is writable by every user (CWE-732).
    Permissions,
    /// Malicious behaviour the code tried when run under the behaviour recorder (a secret
    /// file read, a process killed, a shell connected back): see [`crate::behaviour`].
    Behaviour,
}

impl SinkKind {
    /// The kind's snake-case name (`sql`, `redos`), as in JSON.
    pub fn name(self) -> &'static str {
        if self == SinkKind::Behaviour {
            return "behaviour";
        }
        crate::harness::kinds::KINDS
            .iter()
            .find(|k| k.sink == self)
            .map_or("unknown", |k| k.name)
    }

    /// The CWEs this kind tests.
    pub fn cwes(self) -> &'static [u32] {
        crate::harness::kinds::by_sink(self).map_or(&[], |k| k.cwes)
    }
}

/// Why a verification could not conclude.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InconclusiveCause {
    /// The module failed to import (syntax error, relative import, …).
    ImportError,
    /// A dependency could not be provided, not even as a stub.
    MissingDependency,
    /// The named function does not exist in the module.
    FunctionNotFound,
    /// The function has no parameter or request input to put a payload in.
    NoInput,
    /// The run hit the wall-clock limit.
    Timeout,
    /// The run hit the memory limit.
    ResourceLimit,
    /// No Docker engine is reachable.
    DockerUnavailable,
    /// The sandbox image is missing.
    ImageMissing,
    /// The request names a language without a built-in harness.
    Unsupported,
    /// The caller cancelled.
    Cancelled,
    /// The sandbox is switched off in the settings.
    Disabled,
    /// The harness itself failed or printed no verdict.
    HarnessError,
    /// The calls never reached a sink of the finding's kind (a guard the sandbox cannot
    /// satisfy, a stubbed database, a missing file or network ended them first): the attack
    /// was not really tried, so nothing is refuted.
    SinkNotReached,
    /// No harness tests this kind of finding (yet): nothing was tried, so nothing is
    /// refuted and the finding keeps its severity.
    NoHarness,
}

/// What was tried on one input without reaching a sink unescaped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    /// The payload family (the sink kind it targets).
    pub kind: SinkKind,
    /// Parameter name, or `request` for web-request input.
    pub parameter: String,
    /// How many payloads of the family were tried.
    pub payloads: u32,
    /// Sinks that were reached at all (escaped or not).
    #[serde(default)]
    pub sinks: Vec<String>,
    /// What was tried and watched, in words, for the hover ("CR/LF payloads with a forged
    /// line; watched logging, stdout/stderr and files under /work").
    #[serde(default)]
    pub what: String,
}

impl Attempt {
    /// One line for a hover or a report: what was tried on which input, and what it reached.
    pub fn describe(&self) -> String {
        if self.kind == SinkKind::Behaviour {
            let seen = if self.sinks.is_empty() {
                "nothing".to_owned()
            } else {
                self.sinks.join("; ")
            };
            return format!("{}; observed: {seen}", self.what);
        }
        let mut text = format!(
            "{} {} payload{} in `{}`",
            self.payloads,
            self.kind.name(),
            if self.payloads == 1 { "" } else { "s" },
            self.parameter
        );
        if !self.what.is_empty() {
            text.push_str(&format!(" ({})", self.what));
        }
        if !self.sinks.is_empty() {
            text.push_str(&format!("; sinks reached: {}", self.sinks.join(", ")));
        }
        text
    }
}

/// The conclusion of one verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// A canary reached a dangerous sink unescaped.
    Confirmed {
        /// The sink as observed (`os.system`, `sqlite3.Cursor.execute`, `child_process.exec`).
        sink: String,
        kind: SinkKind,
        /// The input that carried the payload.
        parameter: String,
        payload: String,
        /// What the sink received (command line, SQL text, path).
        call: String,
        /// Output captured from the run, truncated.
        evidence: String,
        /// What happened, in words ("a forged line `bc… INFO admin` appeared in the log",
        /// "matching time grew from 1 ms to 240 ms as the input grew 16 → 24 characters").
        #[serde(default)]
        happened: String,
        /// Why the input counts as attacker-controlled (the request's `source_label`).
        #[serde(default)]
        source: Option<String>,
    },
    /// Every payload was tried; none reached a sink unescaped.
    NotReproduced { tried: Vec<Attempt> },
    /// The run could not decide.
    Inconclusive {
        cause: InconclusiveCause,
        reason: String,
    },
}

impl Verdict {
    pub(crate) fn inconclusive(cause: InconclusiveCause, reason: impl Into<String>) -> Verdict {
        Verdict::Inconclusive {
            cause,
            reason: reason.into(),
        }
    }

    /// The evidence in words, for a hover or a report: payload, sink, what happened, and
    /// what made the input attacker-controlled; what was tried; or why nothing concluded.
    pub fn explanation(&self) -> String {
        match self {
            Verdict::Confirmed {
                sink,
                kind,
                parameter,
                payload,
                call,
                happened,
                source,
                ..
            } if *kind == SinkKind::Behaviour => {
                let mut text =
                    format!("behaviour confirmed ({sink}) running `{parameter}`: {happened}");
                if let Some(source) = source {
                    text.push_str(&format!(" (input source: {source})"));
                }
                text
            }
            Verdict::Confirmed {
                sink,
                kind,
                parameter,
                payload,
                call,
                happened,
                source,
                ..
            } => {
                let mut text = format!(
                    "{} confirmed: the payload `{}` in `{parameter}` reached `{sink}`",
                    kind.name(),
                    truncate_text(payload, 200)
                );
                if happened.is_empty() {
                    text.push_str(&format!(" as `{}`", truncate_text(call, 300)));
                } else {
                    text.push_str(&format!(": {happened}"));
                }
                if let Some(source) = source {
                    text.push_str(&format!(" (input source: {source})"));
                }
                text
            }
            Verdict::NotReproduced { tried } => format!(
                "not reproduced; tried {}",
                tried
                    .iter()
                    .map(Attempt::describe)
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            Verdict::Inconclusive { reason, .. } => format!("inconclusive: {reason}"),
        }
    }

    /// `confirmed`, `not_reproduced` or `inconclusive`.
    pub fn name(&self) -> &'static str {
        match self {
            Verdict::Confirmed { .. } => "confirmed",
            Verdict::NotReproduced { .. } => "not_reproduced",
            Verdict::Inconclusive { .. } => "inconclusive",
        }
    }
}

/// How long a verification took.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timing {
    /// Request to verdict, connection and container life cycle included.
    pub total_ms: u64,
    /// Container start to exit.
    pub run_ms: u64,
}

/// A verdict with its context: the result of [`crate::Sandbox::verify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyReport {
    #[serde(flatten)]
    pub verdict: Verdict,
    pub timing: Timing,
    /// Third-party modules the harness replaced with stubs so the import succeeded.
    #[serde(default)]
    pub stubbed_modules: Vec<String>,
    /// Function calls the harness made.
    #[serde(default)]
    pub calls: u32,
    /// Things worth knowing (exceptions the function raised, limits it hit).
    #[serde(default)]
    pub notes: Vec<String>,
    /// The kinds of attack the run tried (empty when nothing ran). A verdict speaks only
    /// for findings of these kinds: see [`VerifyReport::speaks_for`].
    #[serde(default)]
    pub kinds: Vec<SinkKind>,
}

impl VerifyReport {
    /// Whether this verdict speaks for a finding with these CWEs: a confirmation or a
    /// refutation by one kind of attack says nothing about another kind of finding in the
    /// same function. Reports without kinds (older ones, inconclusive runs) speak for any.
    pub fn speaks_for(&self, cwes: &[u32]) -> bool {
        if self.kinds.is_empty() || cwes.is_empty() {
            return true;
        }
        self.kinds
            .iter()
            .any(|kind| kind.cwes().iter().any(|c| cwes.contains(c)))
    }
}

/// The JSON object a harness prints after its verdict marker.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct HarnessLine {
    #[serde(flatten)]
    pub verdict: HarnessVerdict,
    #[serde(default)]
    pub stubbed: Vec<String>,
    #[serde(default)]
    pub calls: u32,
    #[serde(default)]
    pub notes: Vec<String>,
}

/// The harness's own verdict shape (mirrors [`Verdict`], with the evidence added later).
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub(crate) enum HarnessVerdict {
    Confirmed {
        sink: String,
        kind: SinkKind,
        parameter: String,
        payload: String,
        call: String,
        #[serde(default)]
        output: String,
        #[serde(default)]
        happened: String,
    },
    NotReproduced {
        tried: Vec<Attempt>,
    },
    Inconclusive {
        cause: InconclusiveCause,
        reason: String,
    },
}

/// The marker that precedes the verdict JSON; `nonce` is fresh per run so that output of
/// the code under test cannot be mistaken for it by accident.
pub(crate) fn verdict_marker(nonce: &str) -> String {
    format!("@@bluecode-verdict-{nonce}@@ ")
}

/// Finds the last verdict line in `stdout`.
pub(crate) fn parse_harness_output(
    stdout: &str,
    nonce: &str,
) -> Option<Result<HarnessLine, String>> {
    let marker = verdict_marker(nonce);
    let line = stdout
        .lines()
        .rev()
        .find_map(|line| line.split_once(&marker).map(|(_, json)| json))?;
    Some(serde_json::from_str(line).map_err(|e| format!("unreadable verdict line: {e}")))
}

/// Converts a harness line into a verdict, truncating evidence to `max_evidence` bytes.
pub(crate) fn into_verdict(verdict: HarnessVerdict, max_evidence: usize) -> Verdict {
    match verdict {
        HarnessVerdict::Confirmed {
            sink,
            kind,
            parameter,
            payload,
            call,
            output,
            happened,
        } => Verdict::Confirmed {
            sink,
            kind,
            parameter,
            payload,
            call: truncate_text(&call, max_evidence),
            evidence: truncate_text(&output, max_evidence),
            happened: truncate_text(&happened, max_evidence),
            source: None,
        },
        HarnessVerdict::NotReproduced { tried } => Verdict::NotReproduced { tried },
        HarnessVerdict::Inconclusive { cause, reason } => Verdict::Inconclusive {
            cause,
            reason: truncate_text(&reason, max_evidence),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_serialize_with_their_snake_case_names() {
        let report = VerifyReport {
            verdict: Verdict::NotReproduced { tried: vec![] },
            timing: Timing::default(),
            stubbed_modules: vec![],
            calls: 0,
            notes: vec![],
            kinds: vec![],
        };
        let json = serde_json::to_value(&report).unwrap_or_default();
        assert_eq!(json["verdict"], "not_reproduced");
        let inconclusive = Verdict::inconclusive(InconclusiveCause::DockerUnavailable, "x");
        let json = serde_json::to_value(&inconclusive).unwrap_or_default();
        assert_eq!(json["verdict"], "inconclusive");
        assert_eq!(json["cause"], "docker_unavailable");
        assert_eq!(inconclusive.name(), "inconclusive");
    }

    #[test]
    fn a_verdict_speaks_only_for_findings_of_the_kinds_it_tried() {
        let report = VerifyReport {
            verdict: Verdict::NotReproduced { tried: vec![] },
            timing: Timing::default(),
            stubbed_modules: vec![],
            calls: 0,
            notes: vec![],
            kinds: vec![SinkKind::Sql],
        };
        assert!(report.speaks_for(&[89]));
        assert!(!report.speaks_for(&[117]));
        assert!(!report.speaks_for(&[78]));
        let attempt = Attempt {
            kind: SinkKind::Log,
            parameter: "user".into(),
            payloads: 3,
            sinks: vec!["logging.info".into()],
            what: "CR/LF payloads".into(),
        };
        assert_eq!(
            attempt.describe(),
            "3 log payloads in `user` (CR/LF payloads); sinks reached: logging.info"
        );
        for kind in [SinkKind::Redos, SinkKind::Permissions, SinkKind::Command] {
            let json = serde_json::to_value(kind).unwrap_or_default();
            assert_eq!(json, kind.name(), "the registry and the JSON names agree");
        }
    }

    #[test]
    fn the_last_marked_line_wins_and_unmarked_lines_are_ignored() {
        let nonce = "abc123";
        let stdout = format!(
            "noise\n{m}{{\"verdict\":\"not_reproduced\",\"tried\":[]}}\n{m}{{\"verdict\":\"confirmed\",\"sink\":\"os.system\",\"kind\":\"command\",\"parameter\":\"host\",\"payload\":\"p\",\"call\":\"c\",\"stubbed\":[\"flask\"],\"calls\":3}}\n",
            m = verdict_marker(nonce)
        );
        let line = parse_harness_output(&stdout, nonce).and_then(Result::ok);
        let Some(line) = line else {
            panic!("no verdict parsed from {stdout}");
        };
        assert_eq!(line.calls, 3);
        assert_eq!(line.stubbed, vec!["flask".to_owned()]);
        assert!(
            matches!(line.verdict, HarnessVerdict::Confirmed { ref sink, .. } if sink == "os.system")
        );
        assert!(parse_harness_output("@@bluecode-verdict-other@@ {}", nonce).is_none());
    }
}
