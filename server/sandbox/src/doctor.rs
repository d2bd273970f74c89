//! `bluecode sandbox doctor`: a plain report on the engine, the image and a test run.
//!
//! Never fails: every problem is a line in `problems`. Depends on [`crate::engine`],
//! [`crate::image`], [`crate::run`].

use std::time::Instant;

use serde::Serialize;
use tokio_util::sync::CancellationToken;

use crate::engine::{Engine, EngineAddress, EngineInfo};
use crate::image::image_id;
use crate::run::{RunEnd, RunSpec, run_hardened};
use crate::settings::SandboxSettings;

/// The program of the test run: both interpreters answer, as the sandbox user.
const TEST_SCRIPT: &str = "import os, subprocess, sys\n\
print('python', sys.version.split()[0], 'uid', os.getuid())\n\
print('node', subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip())\n";

/// What `doctor` found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DoctorReport {
    /// The engine address in use (setting, `DOCKER_HOST` or the local socket).
    pub address: String,
    /// Engine details when it answered.
    pub engine: Option<EngineInfo>,
    pub image: String,
    /// Image id when present.
    pub image_id: Option<String>,
    pub image_size: Option<i64>,
    /// Output of the test run (interpreter versions, user id) when it ran.
    pub test_run_output: Option<String>,
    /// Create-to-removal time of the test run.
    pub test_run_ms: Option<u64>,
    /// Everything that is wrong, in words; empty when the sandbox is ready.
    pub problems: Vec<String>,
}

impl DoctorReport {
    /// Whether verifications can run.
    pub fn is_ready(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks the engine, the image and a hardened test run.
pub async fn doctor(settings: &SandboxSettings) -> DoctorReport {
    let mut report = DoctorReport {
        address: EngineAddress::resolve(settings)
            .map(|a| a.display().to_owned())
            .unwrap_or_else(|e| e.to_string()),
        engine: None,
        image: settings.image.clone(),
        image_id: None,
        image_size: None,
        test_run_output: None,
        test_run_ms: None,
        problems: Vec::new(),
    };
    let engine = match Engine::connect(settings).await {
        Ok(engine) => engine,
        Err(e) => {
            report.problems.push(e.to_string());
            return report;
        }
    };
    report.engine = Some(engine.info().clone());
    match image_id(&engine, &settings.image).await {
        Ok(Some((id, size))) => {
            report.image_id = Some(id);
            report.image_size = Some(size);
        }
        Ok(None) => {
            report.problems.push(format!(
                "image `{}` is missing: run `bluecode sandbox build-image`",
                settings.image
            ));
            return report;
        }
        Err(e) => {
            report.problems.push(e.to_string());
            return report;
        }
    }
    let spec = RunSpec {
        argv: vec!["python3".into(), "-I".into(), "-".into()],
        stdin: TEST_SCRIPT.as_bytes().to_vec(),
        max_output_bytes: 16 * 1024,
    };
    let started = Instant::now();
    match run_hardened(&engine, settings, &spec, &CancellationToken::new()).await {
        Ok(run) => {
            report.test_run_ms = Some(started.elapsed().as_millis() as u64);
            report.test_run_output = Some(run.stdout.trim().to_owned());
            if run.ended == RunEnd::TimedOut {
                report.problems.push("the test run timed out".to_owned());
            } else if run.exit_code != Some(0) || !run.stdout.contains("node v") {
                report.problems.push(format!(
                    "the test run failed (exit code {:?}); the image needs python3 and node: {}",
                    run.exit_code,
                    run.stderr.trim()
                ));
            }
        }
        Err(e) => report.problems.push(format!("the test run failed: {e}")),
    }
    report
}
