//! End-to-end tests of `bluecode mcp` with the official MCP Python SDK (`mcp` on PyPI) as
//! the client: the real binary over stdio, driven by `tests/mcp/client.py`.
//!
//! The SDK comes from `BLUECODE_MCP_PYTHON` (a Python with `mcp` installed; `.ci/run`
//! sets it), else from a virtual environment this test makes under the target folder with
//! `pip install`. When that install fails (no network to PyPI) the tests are skipped
//! with a message — unless `BLUECODE_MCP_TESTS=1` (CI), where that is a failure.
//! `verify_finding` against a real Docker engine runs with `BLUECODE_DOCKER_TESTS=1`
//! (after `.ci/docker-up.sh`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The SDK versions this client script is written for.
const SDK_REQUIREMENT: &str = "mcp>=2.3,<3";

fn say(line: &str) {
    // Past the test harness's capture: a skip must be seen.
    match std::fs::OpenOptions::new().append(true).open("/dev/stderr") {
        Ok(mut stderr) => {
            let _ = writeln!(stderr, "{line}");
        }
        Err(_) => eprintln!("{line}"),
    }
}

fn has_sdk(python: &Path) -> bool {
    Command::new(python)
        .args(["-c", "import mcp.client.stdio"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A Python with the MCP SDK, or why there is none.
fn python() -> Result<PathBuf, String> {
    static PYTHON: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    PYTHON
        .get_or_init(|| {
            if let Some(given) = std::env::var_os("BLUECODE_MCP_PYTHON") {
                let given = PathBuf::from(given);
                return if has_sdk(&given) {
                    Ok(given)
                } else {
                    Err(format!(
                        "BLUECODE_MCP_PYTHON={} cannot import mcp",
                        given.display()
                    ))
                };
            }
            let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mcp-venv");
            let python = venv.join("bin/python");
            if has_sdk(&python) {
                return Ok(python);
            }
            let made = Command::new("python3")
                .args(["-m", "venv"])
                .arg(&venv)
                .output()
                .map_err(|e| format!("python3 -m venv: {e}"))?;
            if !made.status.success() {
                return Err(format!(
                    "python3 -m venv failed: {}",
                    String::from_utf8_lossy(&made.stderr)
                ));
            }
            let installed = Command::new(venv.join("bin/pip"))
                .args(["install", "--quiet", SDK_REQUIREMENT])
                .output()
                .map_err(|e| format!("pip: {e}"))?;
            if !installed.status.success() || !has_sdk(&python) {
                return Err(format!(
                    "pip install {SDK_REQUIREMENT} failed: {}",
                    String::from_utf8_lossy(&installed.stderr).trim()
                ));
            }
            Ok(python)
        })
        .clone()
}

/// The SDK's Python, or `None` (said on stderr) when the test is to be skipped.
fn sdk_or_skip(test: &str) -> Option<PathBuf> {
    match python() {
        Ok(python) => Some(python),
        Err(why) if std::env::var("BLUECODE_MCP_TESTS").as_deref() == Ok("1") => {
            panic!("BLUECODE_MCP_TESTS=1 but the MCP Python SDK is not available: {why}")
        }
        Err(why) => {
            say(&format!(
                "SKIPPED {test}: the MCP Python SDK cannot be installed ({why})"
            ));
            None
        }
    }
}

const PING: &str = "import os\n\nfrom flask import request\n\n\ndef ping():\n    host = request.args.get(\"host\")\n    os.system(\"ping -c 1 \" + host)\n";

/// A workspace: a Flask project under `webapp/`, a file outside the root and a link to
/// it from inside. `config` is the root's bluecode.toml.
fn workspace(config: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = std::fs::canonicalize(dir.path()).expect("canonical");
    let root = base.join("root");
    std::fs::create_dir_all(root.join("webapp")).expect("folders");
    std::fs::write(
        root.join("webapp/pyproject.toml"),
        "[project]\nname = \"webapp\"\nversion = \"0.1.0\"\ndependencies = [\"flask>=3\"]\n",
    )
    .expect("manifest");
    std::fs::write(root.join("webapp/ping.py"), PING).expect("ping.py");
    std::fs::write(root.join("bluecode.toml"), config).expect("config");
    std::fs::write(base.join("outside.py"), "import os\nos.system(input())\n").expect("outside");
    std::os::unix::fs::symlink(base.join("outside.py"), root.join("webapp/escape.py"))
        .expect("link");
    (dir, root)
}

/// Runs a scenario of the client script; returns its `ok:` lines.
fn run(python: &Path, root: &Path, scenario: &str) -> Vec<String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mcp/client.py");
    let output = Command::new(python)
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_bluecode"))
        .arg(root)
        .arg(scenario)
        .output()
        .expect("run the client");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{scenario} failed\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
    );
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix("ok: "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_tool_resource_and_prompt_through_the_python_sdk() {
    let Some(python) = sdk_or_skip("every_tool_resource_and_prompt_through_the_python_sdk") else {
        return;
    };
    // No Docker engine answers here: verify_finding must say so, quickly.
    let (_dir, root) =
        workspace("[sandbox]\ndocker_host = \"tcp://127.0.0.1:1\"\nconnect_timeout_secs = 2\n");
    let passed = run(&python, &root, "tools");
    for check in [
        "initialize",
        "list tools",
        "review_code finds the injection",
        "review_code passes the safe twin",
        "review_code places code in its project, or in the profile asked for",
        "review_code reads an AI instruction file",
        "review_file",
        "explain_constitution",
        "list_constitutions filters",
        "verify_finding without Docker says so",
        "bad tool arguments get error results naming the problem",
        "an unknown tool, bad prompt arguments and an unknown resource get protocol errors",
        "paths outside the root are refused",
        "constitution resources",
        "secure_this_change prompt",
    ] {
        assert!(passed.iter().any(|p| p == check), "{check}: {passed:?}");
    }
}

#[test]
fn malformed_frames_do_not_stop_the_server() {
    let Some(python) = sdk_or_skip("malformed_frames_do_not_stop_the_server") else {
        return;
    };
    let (_dir, root) = workspace("");
    assert_eq!(
        run(&python, &root, "malformed"),
        ["malformed frames survived"]
    );
}

#[test]
fn verify_finding_confirms_the_injection_in_docker() {
    if std::env::var("BLUECODE_DOCKER_TESTS").as_deref() != Ok("1") {
        say(
            "SKIPPED verify_finding_confirms_the_injection_in_docker: needs a Docker engine; run .ci/docker-up.sh and set BLUECODE_DOCKER_TESTS=1",
        );
        return;
    }
    let Some(python) = sdk_or_skip("verify_finding_confirms_the_injection_in_docker") else {
        return;
    };
    let (_dir, root) = workspace("");
    let passed = run(&python, &root, "docker");
    assert!(
        passed
            .iter()
            .any(|p| p.starts_with("verify_finding confirmed in Docker")),
        "{passed:?}"
    );
}
