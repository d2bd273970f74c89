//! One hardened run: create the container, attach, start, feed the program on stdin,
//! collect stdout/stderr, enforce the wall-clock limit and cancellation, and remove the
//! container on every path.
//!
//! Why stdin: the tmpfs work directory only exists once the container runs (an archive
//! uploaded before start lands under the mount and is hidden), and the root is read-only,
//! so `upload_to_container` has nowhere to put files before start. The program (a harness
//! with the module source embedded) therefore goes in through the attached stdin —
//! `python3 -` and `node -` read their script from it — and the harness writes the module
//! into `/work` itself. Results come back on the attached stdout. No bind mounts, no
//! volumes. Depends on [`crate::engine`], `container`, `output`.

use std::time::{Duration, Instant};

use bollard::container::LogOutput;
use bollard::query_parameters::{
    AttachContainerOptionsBuilder, CreateContainerOptionsBuilder, WaitContainerOptionsBuilder,
};
use futures_util::StreamExt;
use serde::Serialize;
use tokio::io::AsyncWriteExt;
use tokio_util::sync::CancellationToken;

use crate::container::{ContainerGuard, hardened_config};
use crate::engine::Engine;
use crate::error::SandboxError;
use crate::output::CappedCapture;
use crate::owner::Owner;
use crate::settings::SandboxSettings;

/// What to run: an interpreter command line and the program it reads on stdin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSpec {
    /// Command line, e.g. `["python3", "-I", "-"]`.
    pub argv: Vec<String>,
    /// Bytes written to the program's stdin, which is then closed.
    pub stdin: Vec<u8>,
    /// Bytes kept of each of stdout and stderr (head and tail).
    pub max_output_bytes: usize,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RunEnd {
    /// The program exited by itself (any exit code).
    Exited,
    /// The wall-clock limit was reached and the container was killed.
    TimedOut,
}

/// The result of one run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunOutput {
    pub ended: RunEnd,
    /// Exit code when the program exited (137 after a kill by the OOM killer).
    pub exit_code: Option<i64>,
    /// The kernel's OOM killer ended a process of the run.
    pub oom_killed: bool,
    pub stdout: String,
    pub stderr: String,
    /// Some output was dropped to stay within `max_output_bytes`.
    pub output_truncated: bool,
    /// Container start to exit (or kill).
    pub run_time: Duration,
    /// Create to removal, everything included.
    pub total_time: Duration,
}

/// Runs `spec` in a fresh hardened container and removes it afterwards, whatever happens.
pub async fn run_hardened(
    engine: &Engine,
    settings: &SandboxSettings,
    spec: &RunSpec,
    cancel: &CancellationToken,
) -> Result<RunOutput, SandboxError> {
    settings.validate()?;
    if cancel.is_cancelled() {
        return Err(SandboxError::Cancelled);
    }
    let started = Instant::now();
    let docker = &engine.docker;
    let config = hardened_config(settings, spec.argv.clone(), &Owner::current());
    // Named up front and guarded before the create call: if this future is dropped while
    // the engine is still creating the container, the guard can remove it by name.
    let name = container_name();
    let guard = ContainerGuard::new(docker.clone(), name.clone());
    let options = CreateContainerOptionsBuilder::default().name(&name).build();
    docker
        .create_container(Some(options), config)
        .await
        .map_err(|e| create_error(settings, e))?;
    tracing::debug!(container = %guard.id(), "created sandbox container");

    let result = tokio::select! {
        result = attach_start_collect(engine, &guard, settings, spec) => result,
        () = cancel.cancelled() => Err(SandboxError::Cancelled),
    };
    let oom_killed = match &result {
        Ok(_) => docker
            .inspect_container(guard.id(), None)
            .await
            .ok()
            .and_then(|c| c.state)
            .and_then(|s| s.oom_killed)
            .unwrap_or(false),
        Err(_) => false,
    };
    guard.remove().await;
    let collected = result?;
    Ok(RunOutput {
        ended: collected.ended,
        exit_code: collected.exit_code,
        oom_killed,
        stdout: collected.stdout.text(),
        stderr: collected.stderr.text(),
        output_truncated: collected.stdout.truncated() || collected.stderr.truncated(),
        run_time: collected.run_time,
        total_time: started.elapsed(),
    })
}

/// `bluecode-sandbox-<pid>-<sequence>-<random>`: unique, and readable in `docker ps`.
fn container_name() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static SEQUENCE: AtomicU64 = AtomicU64::new(0);
    let sequence = SEQUENCE.fetch_add(1, Ordering::Relaxed);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(sequence);
    format!(
        "bluecode-sandbox-{}-{sequence}-{:08x}",
        std::process::id(),
        hasher.finish() as u32
    )
}

fn create_error(settings: &SandboxSettings, e: bollard::errors::Error) -> SandboxError {
    match e {
        bollard::errors::Error::DockerResponseServerError {
            status_code: 404,
            message,
        } => SandboxError::ImageUnavailable {
            image: settings.image.clone(),
            reason: format!("{message} (run `bluecode sandbox build-image`)"),
        },
        other => SandboxError::engine("creating the sandbox container", other),
    }
}

struct Collected {
    ended: RunEnd,
    exit_code: Option<i64>,
    stdout: CappedCapture,
    stderr: CappedCapture,
    run_time: Duration,
}

async fn attach_start_collect(
    engine: &Engine,
    guard: &ContainerGuard,
    settings: &SandboxSettings,
    spec: &RunSpec,
) -> Result<Collected, SandboxError> {
    let docker = &engine.docker;
    let id = guard.id();
    // Attach before start so no output is missed and stdin is connected when the program
    // first reads it.
    let options = AttachContainerOptionsBuilder::default()
        .stdin(true)
        .stdout(true)
        .stderr(true)
        .stream(true)
        .build();
    let attached = docker
        .attach_container(id, Some(options))
        .await
        .map_err(|e| SandboxError::engine("attaching to the sandbox container", e))?;
    let mut input = attached.input;
    let mut output = attached.output;
    docker
        .start_container(id, None::<bollard::query_parameters::StartContainerOptions>)
        .await
        .map_err(|e| SandboxError::engine("starting the sandbox container", e))?;
    let run_started = Instant::now();

    let feed = async {
        // A program that exits without reading its stdin closes the pipe; that is its
        // business, not an error of the run.
        if let Err(e) = input.write_all(&spec.stdin).await {
            tracing::debug!(error = %e, "stdin closed early by the sandboxed program");
        }
        let _ = input.shutdown().await;
    };
    let mut stdout = CappedCapture::new(spec.max_output_bytes);
    let mut stderr = CappedCapture::new(spec.max_output_bytes);
    let drain = async {
        while let Some(frame) = output.next().await {
            match frame {
                Ok(LogOutput::StdOut { message }) | Ok(LogOutput::Console { message }) => {
                    stdout.push(&message)
                }
                Ok(LogOutput::StdErr { message }) => stderr.push(&message),
                Ok(LogOutput::StdIn { .. }) => {}
                Err(e) => {
                    tracing::debug!(error = %e, "attach stream ended with an error");
                    break;
                }
            }
        }
    };
    let limit = Duration::from_secs(settings.timeout_secs);
    let finished = tokio::time::timeout(limit, async {
        tokio::join!(feed, drain);
        wait_exit_code(engine, id).await
    })
    .await;
    let run_time = run_started.elapsed();
    let (ended, exit_code) = match finished {
        Ok(code) => (RunEnd::Exited, code?),
        Err(_) => (RunEnd::TimedOut, None),
    };
    Ok(Collected {
        ended,
        exit_code,
        stdout,
        stderr,
        run_time,
    })
}

/// Waits for the container to stop and returns its exit code.
async fn wait_exit_code(engine: &Engine, id: &str) -> Result<Option<i64>, SandboxError> {
    let options = WaitContainerOptionsBuilder::default()
        .condition("not-running")
        .build();
    let mut waits = engine.docker.wait_container(id, Some(options));
    match waits.next().await {
        Some(Ok(response)) => Ok(Some(response.status_code)),
        // bollard reports a non-zero exit as an error carrying the code.
        Some(Err(bollard::errors::Error::DockerContainerWaitError { code, .. })) => Ok(Some(code)),
        Some(Err(e)) => Err(SandboxError::engine("waiting for the sandbox container", e)),
        None => Ok(None),
    }
}
