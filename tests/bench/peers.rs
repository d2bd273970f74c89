//! The peers the benchmarks compare against — ruff, Bandit and Semgrep from PyPI in a
//! venv under `$BLUECODE_TOOLS` (default `.tools/`) — installed on first use.

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn tools_dir() -> PathBuf {
    std::env::var_os("BLUECODE_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".tools"))
}

pub fn run_checked(cmd: &mut Command, what: &str) {
    match cmd.status() {
        Ok(s) if s.success() => {}
        Ok(s) => panic!("{what} failed with {s}"),
        Err(e) => panic!("{what} could not start: {e}"),
    }
}

pub fn ensure_peers(tools: &Path) -> PathBuf {
    let venv = tools.join("peers");
    let bin = venv.join("bin");
    // Bandit writes SARIF only with its `sarif` extra (sarif_om).
    let sarif_extra = venv
        .join("lib")
        .read_dir()
        .into_iter()
        .flatten()
        .flatten()
        .any(|d| d.path().join("site-packages/sarif_om").is_dir());
    if !bin.join("semgrep").exists()
        || !bin.join("bandit").exists()
        || !bin.join("ruff").exists()
        || !sarif_extra
    {
        eprintln!(
            "installing ruff, bandit and semgrep into {} …",
            venv.display()
        );
        run_checked(
            Command::new("python3").args(["-m", "venv"]).arg(&venv),
            "python3 -m venv",
        );
        run_checked(
            Command::new(bin.join("pip")).args([
                "install",
                "-q",
                "ruff",
                "bandit[sarif]",
                "semgrep",
            ]),
            "pip install peers",
        );
    }
    bin
}
