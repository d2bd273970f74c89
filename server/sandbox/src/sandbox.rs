//! The facade the server and the CLI use: `Sandbox::verify(request) -> VerifyReport`.
//!
//! Connects lazily (and again after a failure, so starting Docker later works), reaps
//! leftovers once per connection, builds the harness, runs it hardened, and turns the
//! outcome into a verdict. Every expected failure (Docker missing, image missing, timeout,
//! cancel) becomes an `inconclusive` verdict, never an error. Depends on every other module.

use std::time::Instant;

use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use crate::behaviour;
use crate::engine::Engine;
use crate::error::SandboxError;
use crate::harness::kinds::{self, Selection};
use crate::harness::{HarnessInput, Language, harness_program};
use crate::reap::reap_leftovers;
use crate::run::{RunEnd, RunOutput, RunSpec, run_hardened};
use crate::settings::SandboxSettings;
use crate::verdict::{
    InconclusiveCause, SinkKind, Timing, Verdict, VerifyReport, into_verdict, parse_harness_output,
};

/// Output kept per stream of a custom script.
const MAX_SCRIPT_OUTPUT_BYTES: usize = 256 * 1024;
/// Evidence kept in a verdict (sink call, captured output), per field.
const MAX_EVIDENCE_BYTES: usize = 4096;

/// What to verify: plain data, independent of the analysis engine's types.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyRequest {
    /// `python` or `javascript`.
    pub language: String,
    /// The whole module's source text.
    pub module_source: String,
    /// The module's file name (`app.py`); a path is reduced to its last component.
    pub module_file: String,
    /// `func`, `Class.method`, or `line:N`: the innermost module-level function or method
    /// (Python), or exported / framework-registered function (JavaScript, e.g. an anonymous
    /// route handler), whose source holds line N.
    pub function: String,
    /// Optional finding hint (`CWE-78`, `sql`, `os.system`…). When it names payload kinds,
    /// only those are tried: a finding is confirmed by its own kind of sink. A CWE no
    /// harness tests gives `inconclusive` (`no_harness`) at once. Without a hint, or with
    /// words that name no kind, every kind is tried.
    pub hint: Option<String>,
    /// The parameters the finding's trace names as sources: when not empty, only these get
    /// payloads (a payload elsewhere proves nothing about this finding).
    #[serde(default)]
    pub parameters: Vec<String>,
    /// Parameters that are not attacker-controlled in the caller's threat model: never fed
    /// payloads (they get ordinary values).
    #[serde(default)]
    pub trusted_parameters: Vec<String>,
    /// What made the input attacker-controlled (a threat-model profile and source, e.g.
    /// `application: request.args`); quoted in a confirmation's evidence.
    #[serde(default)]
    pub source_label: Option<String>,
    /// The finding's constitution id (`mal.reverse-shell`). When a behaviour profile speaks
    /// for it, the run records what the code tried instead of feeding canary payloads, and
    /// `function` may be [`crate::WHOLE_MODULE`] (a script runs as a whole).
    #[serde(default)]
    pub constitution: Option<String>,
}

/// Where a verification is, for `$/progress`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Connecting,
    PreparingHarness,
    Running,
    Done,
}

/// A progress report: the stage, a short message and a rough percentage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub stage: Stage,
    pub message: String,
    pub percentage: u32,
}

/// The sandbox: settings plus a lazily connected engine.
#[derive(Debug)]
pub struct Sandbox {
    settings: SandboxSettings,
    engine: Mutex<Option<Engine>>,
}

impl Sandbox {
    /// A sandbox with these settings; nothing is contacted until the first use.
    pub fn new(settings: SandboxSettings) -> Result<Sandbox, SandboxError> {
        settings.validate()?;
        Ok(Sandbox {
            settings,
            engine: Mutex::new(None),
        })
    }

    /// The settings in use.
    pub fn settings(&self) -> &SandboxSettings {
        &self.settings
    }

    /// The connected engine, connecting (and reaping leftovers) on first use or after a
    /// failed attempt.
    pub async fn engine(&self) -> Result<Engine, SandboxError> {
        let mut slot = self.engine.lock().await;
        if let Some(engine) = slot.as_ref() {
            return Ok(engine.clone());
        }
        let engine = Engine::connect(&self.settings).await?;
        match reap_leftovers(&engine).await {
            Ok(report) if !report.removed.is_empty() => {
                tracing::info!(
                    removed = report.removed.len(),
                    "reaped leftover sandbox containers"
                )
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not reap leftover sandbox containers"),
        }
        *slot = Some(engine.clone());
        Ok(engine)
    }

    /// Runs a self-contained script (e.g. an LLM-written test) in a hardened container:
    /// `python3 -I -B -` or `node -` reads it on stdin, as the built-in harnesses are run.
    /// The caller interprets the output.
    pub async fn run_script(
        &self,
        language: Language,
        script: &str,
        cancel: &CancellationToken,
    ) -> Result<RunOutput, SandboxError> {
        let engine = tokio::select! {
            connected = self.engine() => connected?,
            () = cancel.cancelled() => return Err(SandboxError::Cancelled),
        };
        let spec = RunSpec {
            argv: language
                .interpreter()
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            stdin: script.as_bytes().to_vec(),
            max_output_bytes: MAX_SCRIPT_OUTPUT_BYTES,
        };
        run_hardened(&engine, &self.settings, &spec, cancel).await
    }

    /// Verifies one function: runs its built-in canary harness in a hardened container.
    /// Never fails: problems become an `inconclusive` verdict saying why.
    pub async fn verify(
        &self,
        request: &VerifyRequest,
        progress: &(dyn Fn(Progress) + Send + Sync),
        cancel: &CancellationToken,
    ) -> VerifyReport {
        let span = tracing::info_span!(
            "sandbox.verify",
            language = %request.language,
            file = %request.module_file,
            function = %request.function
        );
        let report = self
            .verify_inner(request, progress, cancel)
            .instrument(span)
            .await;
        tracing::debug!(
            verdict = report.verdict.name(),
            total_ms = report.timing.total_ms,
            "sandbox verdict"
        );
        report
    }

    async fn verify_inner(
        &self,
        request: &VerifyRequest,
        progress: &(dyn Fn(Progress) + Send + Sync),
        cancel: &CancellationToken,
    ) -> VerifyReport {
        let started = Instant::now();
        let report = |verdict: Verdict, run: Option<&RunOutput>| VerifyReport {
            verdict,
            timing: Timing {
                total_ms: started.elapsed().as_millis() as u64,
                run_ms: run.map(|r| r.run_time.as_millis() as u64).unwrap_or(0),
            },
            stubbed_modules: Vec::new(),
            calls: 0,
            notes: Vec::new(),
            kinds: Vec::new(),
        };
        let step = |stage, message: &str, percentage| {
            progress(Progress {
                stage,
                message: message.to_owned(),
                percentage,
            })
        };
        let Some(language) = Language::parse(&request.language) else {
            let reason = format!(
                "no built-in harness for `{}` (python and javascript have one)",
                request.language
            );
            return report(
                Verdict::inconclusive(InconclusiveCause::Unsupported, reason),
                None,
            );
        };
        let behaviour = request
            .constitution
            .as_deref()
            .map(behaviour::profiles_for)
            .unwrap_or_default();
        if !behaviour.is_empty() {
            return self
                .verify_behaviour(request, language, &behaviour, progress, cancel, started)
                .await;
        }
        let selected = match kinds::select(request.hint.as_deref(), language) {
            Selection::Kinds(selected) => selected,
            Selection::Uncovered(reason) => {
                return report(
                    Verdict::inconclusive(InconclusiveCause::NoHarness, reason),
                    None,
                );
            }
        };
        if !self.settings.enabled {
            let reason = "the sandbox is disabled ([sandbox] enabled = false)";
            return report(
                Verdict::inconclusive(InconclusiveCause::Disabled, reason),
                None,
            );
        }
        step(Stage::Connecting, "connecting to Docker", 5);
        let connected = tokio::select! {
            connected = self.engine() => connected,
            () = cancel.cancelled() => Err(SandboxError::Cancelled),
        };
        let engine = match connected {
            Ok(engine) => engine,
            Err(e) => return report(error_verdict(e), None),
        };
        step(Stage::PreparingHarness, "preparing the canary harness", 15);
        let (spec, nonce) = match harness_program(HarnessInput {
            language,
            module_source: &request.module_source,
            module_file: &request.module_file,
            function: &request.function,
            hint: request.hint.as_deref(),
            kinds: &selected,
            parameters: &request.parameters,
            trusted_parameters: &request.trusted_parameters,
            source_label: request.source_label.as_deref(),
            timeout_secs: self.settings.timeout_secs,
        }) {
            Ok(program) => program,
            Err(e) => return report(error_verdict(e), None),
        };
        step(
            Stage::Running,
            "running the function with canary payloads",
            25,
        );
        let run = match run_hardened(&engine, &self.settings, &spec, cancel).await {
            Ok(run) => run,
            Err(e) => {
                if matches!(
                    e,
                    SandboxError::EngineUnavailable(_) | SandboxError::Engine { .. }
                ) {
                    // The engine may have gone away; connect afresh next time.
                    *self.engine.lock().await = None;
                }
                return report(error_verdict(e), None);
            }
        };
        step(Stage::Done, "verdict ready", 100);
        let mut result = report(
            Verdict::inconclusive(InconclusiveCause::HarnessError, ""),
            Some(&run),
        );
        match parse_harness_output(&run.stdout, &nonce) {
            Some(Ok(line)) => {
                result.verdict = into_verdict(line.verdict, MAX_EVIDENCE_BYTES);
                if let Verdict::Confirmed { source, .. } = &mut result.verdict {
                    source.clone_from(&request.source_label);
                }
                result.kinds = selected.iter().map(|k| k.sink).collect();
                result.stubbed_modules = line.stubbed;
                result.calls = line.calls;
                result.notes = line.notes;
                if run.oom_killed {
                    result
                        .notes
                        .push("the memory limit was reached during the run".to_owned());
                }
            }
            Some(Err(reason)) => {
                result.verdict = Verdict::inconclusive(InconclusiveCause::HarnessError, reason)
            }
            None => result.verdict = verdict_without_line(&run, self.settings.timeout_secs),
        }
        result
    }
}

impl Sandbox {
    /// Runs the module (or function) under the behaviour recorder and judges the events
    /// against the constitution's profiles.
    async fn verify_behaviour(
        &self,
        request: &VerifyRequest,
        language: Language,
        profiles: &[&behaviour::Profile],
        progress: &(dyn Fn(Progress) + Send + Sync),
        cancel: &CancellationToken,
        started: Instant,
    ) -> VerifyReport {
        let mut result = VerifyReport {
            verdict: Verdict::inconclusive(InconclusiveCause::HarnessError, ""),
            timing: Timing::default(),
            stubbed_modules: Vec::new(),
            calls: 0,
            notes: Vec::new(),
            kinds: Vec::new(),
        };
        let finish = |mut result: VerifyReport, run_ms: u64| {
            result.timing = Timing {
                total_ms: started.elapsed().as_millis() as u64,
                run_ms,
            };
            result
        };
        if !self.settings.enabled {
            result.verdict = Verdict::inconclusive(
                InconclusiveCause::Disabled,
                "the sandbox is disabled ([sandbox] enabled = false)",
            );
            return finish(result, 0);
        }
        let step = |stage, message: &str, percentage| {
            progress(Progress {
                stage,
                message: message.to_owned(),
                percentage,
            })
        };
        step(Stage::Connecting, "connecting to Docker", 5);
        let connected = tokio::select! {
            connected = self.engine() => connected,
            () = cancel.cancelled() => Err(SandboxError::Cancelled),
        };
        let engine = match connected {
            Ok(engine) => engine,
            Err(e) => {
                result.verdict = error_verdict(e);
                return finish(result, 0);
            }
        };
        step(
            Stage::PreparingHarness,
            "preparing the behaviour recorder",
            15,
        );
        let (spec, nonce) = match behaviour::recorder_program(
            language,
            &request.module_source,
            &request.module_file,
            &request.function,
            self.settings.timeout_secs,
            self.settings.memory_mb,
        ) {
            Ok(program) => program,
            Err(e) => {
                result.verdict = error_verdict(e);
                return finish(result, 0);
            }
        };
        step(Stage::Running, "running the code with decoy secrets", 25);
        let run = match run_hardened(&engine, &self.settings, &spec, cancel).await {
            Ok(run) => run,
            Err(e) => {
                if matches!(
                    e,
                    SandboxError::EngineUnavailable(_) | SandboxError::Engine { .. }
                ) {
                    *self.engine.lock().await = None;
                }
                result.verdict = error_verdict(e);
                return finish(result, 0);
            }
        };
        step(Stage::Done, "verdict ready", 100);
        let run_ms = run.run_time.as_millis() as u64;
        match behaviour::parse_recorder_output(&run.stdout, &nonce) {
            Some(Ok(line)) => {
                result.verdict = behaviour::judge(&line, profiles, MAX_EVIDENCE_BYTES);
                if let Verdict::Confirmed { source, .. } = &mut result.verdict {
                    source.clone_from(&request.source_label);
                }
                result.kinds = vec![SinkKind::Behaviour];
                result.stubbed_modules = line.stubbed;
                result.calls = 1;
                result.notes = line.notes;
            }
            Some(Err(reason)) => {
                result.verdict = Verdict::inconclusive(InconclusiveCause::HarnessError, reason)
            }
            None if behaviour::ran_out_of_memory(&run) => {
                let line = behaviour::RecorderLine::killed_at_memory_limit(
                    "the run was killed at the sandbox's memory limit",
                );
                result.verdict = behaviour::judge(&line, profiles, MAX_EVIDENCE_BYTES);
                result.kinds = vec![SinkKind::Behaviour];
            }
            None => result.verdict = verdict_without_line(&run, self.settings.timeout_secs),
        }
        finish(result, run_ms)
    }
}

/// Why there is no verdict line: the limits, or the harness died.
fn verdict_without_line(run: &RunOutput, timeout_secs: u64) -> Verdict {
    if run.ended == RunEnd::TimedOut {
        return Verdict::inconclusive(
            InconclusiveCause::Timeout,
            format!("the run did not finish within {timeout_secs}s and was killed"),
        );
    }
    if run.oom_killed || run.exit_code == Some(137) {
        return Verdict::inconclusive(
            InconclusiveCause::ResourceLimit,
            "the run was killed (memory limit reached)",
        );
    }
    let tail: String = run
        .stderr
        .lines()
        .rev()
        .take(6)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
        .join("\n");
    Verdict::inconclusive(
        InconclusiveCause::HarnessError,
        format!(
            "the harness printed no verdict (exit code {:?}): {tail}",
            run.exit_code
        ),
    )
}

/// Maps an error of the layer onto the inconclusive verdict a user should see.
fn error_verdict(error: SandboxError) -> Verdict {
    let cause = match &error {
        // A settings error here is about reaching the engine (TLS certificates, address).
        SandboxError::EngineUnavailable(_) | SandboxError::Settings { .. } => {
            InconclusiveCause::DockerUnavailable
        }
        SandboxError::ImageUnavailable { .. } => InconclusiveCause::ImageMissing,
        SandboxError::Cancelled => InconclusiveCause::Cancelled,
        SandboxError::InvalidRequest(_) => InconclusiveCause::Unsupported,
        _ => InconclusiveCause::HarnessError,
    };
    Verdict::inconclusive(cause, error.to_string())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn run(ended: RunEnd, exit_code: Option<i64>, oom_killed: bool, stderr: &str) -> RunOutput {
        RunOutput {
            ended,
            exit_code,
            oom_killed,
            stdout: String::new(),
            stderr: stderr.to_owned(),
            output_truncated: false,
            run_time: Duration::from_millis(5),
            total_time: Duration::from_millis(9),
        }
    }

    fn cause(verdict: &Verdict) -> Option<InconclusiveCause> {
        match verdict {
            Verdict::Inconclusive { cause, .. } => Some(*cause),
            _ => None,
        }
    }

    #[test]
    fn a_missing_verdict_line_is_explained_by_how_the_run_ended() {
        let timed_out = verdict_without_line(&run(RunEnd::TimedOut, None, false, ""), 7);
        assert_eq!(cause(&timed_out), Some(InconclusiveCause::Timeout));
        let killed = verdict_without_line(&run(RunEnd::Exited, Some(137), true, ""), 7);
        assert_eq!(cause(&killed), Some(InconclusiveCause::ResourceLimit));
        let crashed = verdict_without_line(
            &run(RunEnd::Exited, Some(1), false, "a\nb\nTraceback: boom"),
            7,
        );
        assert_eq!(cause(&crashed), Some(InconclusiveCause::HarnessError));
        assert!(
            matches!(&crashed, Verdict::Inconclusive { reason, .. } if reason.contains("boom"))
        );
    }

    #[test]
    fn layer_errors_map_to_the_causes_a_user_can_act_on() {
        let unavailable =
            error_verdict(SandboxError::EngineUnavailable("unix:///x: refused".into()));
        assert_eq!(
            cause(&unavailable),
            Some(InconclusiveCause::DockerUnavailable)
        );
        let image = error_verdict(SandboxError::ImageUnavailable {
            image: "x".into(),
            reason: "absent".into(),
        });
        assert_eq!(cause(&image), Some(InconclusiveCause::ImageMissing));
        assert_eq!(
            cause(&error_verdict(SandboxError::Cancelled)),
            Some(InconclusiveCause::Cancelled)
        );
        let request = error_verdict(SandboxError::InvalidRequest("bad".into()));
        assert_eq!(cause(&request), Some(InconclusiveCause::Unsupported));
    }
}
