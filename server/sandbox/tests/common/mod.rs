//! Shared helpers of the integration tests: the opt-in switch for tests that need a real
//! Docker engine (`BLUECODE_DOCKER_TESTS=1`, set by CI after `.ci/docker-up.sh`), fixture
//! loading, and a one-call `verify`.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;

use bluecode_sandbox::{CancellationToken, Sandbox, SandboxSettings, VerifyReport, VerifyRequest};

/// Whether Docker-backed tests run; prints a clear skip line when they do not.
pub fn docker_enabled(test: &str) -> bool {
    if std::env::var("BLUECODE_DOCKER_TESTS").as_deref() == Ok("1") {
        return true;
    }
    let line = format!(
        "SKIPPED {test}: needs a Docker engine; run .ci/docker-up.sh and set BLUECODE_DOCKER_TESTS=1\n"
    );
    // Written to the process's stderr itself, past the test harness's capture, so the skip
    // is visible in a normal `cargo test` run.
    match std::fs::OpenOptions::new().append(true).open("/dev/stderr") {
        Ok(mut stderr) => {
            let _ = stderr.write_all(line.as_bytes());
        }
        Err(_) => eprint!("{line}"),
    }
    false
}

/// `${BLUECODE_TOOLS:-<workspace>/.tools}`, where `.ci/docker-up.sh` keeps its state.
pub fn tools_dir() -> PathBuf {
    std::env::var("BLUECODE_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.tools"))
}

pub fn fixture(path: &str) -> String {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("fixture {}: {e}", full.display()))
}

pub fn sandbox() -> Sandbox {
    Sandbox::new(SandboxSettings::default()).unwrap_or_else(|e| panic!("{e}"))
}

pub fn request(
    language: &str,
    fixture_path: &str,
    function: &str,
    hint: Option<&str>,
) -> VerifyRequest {
    VerifyRequest {
        language: language.to_owned(),
        module_source: fixture(fixture_path),
        module_file: fixture_path
            .rsplit('/')
            .next()
            .unwrap_or(fixture_path)
            .to_owned(),
        function: function.to_owned(),
        hint: hint.map(str::to_owned),
        ..Default::default()
    }
}

pub async fn verify(sandbox: &Sandbox, request: &VerifyRequest) -> VerifyReport {
    let report = sandbox
        .verify(request, &|_| {}, &CancellationToken::new())
        .await;
    eprintln!(
        "{}::{} -> {} ({} ms)",
        request.module_file,
        request.function,
        serde_json::to_string(&report).unwrap_or_default(),
        report.timing.total_ms
    );
    report
}

/// Labelled sandbox containers the engine still has, as the docker CLI lists them.
pub fn leftover_containers() -> Vec<String> {
    let output = std::process::Command::new("docker")
        .args(["ps", "-a", "-q", "--filter", "label=bluecode.sandbox"])
        .output()
        .unwrap_or_else(|e| panic!("docker ps: {e}"));
    assert!(
        output.status.success(),
        "docker ps failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}
