//! The editor integrations, tested in the real editors: runs `.ci/editors-test.sh` (VS Code
//! extension typecheck/lint/unit tests/packaging, the .vsix in code-server driven by
//! Chromium, Neovim headless unit and end-to-end tests, Emacs eglot/lsp-mode in batch mode)
//! against this build's `bluecode` binary.
//!
//! Needs the tools `.ci/editors-setup.sh` installs, so it runs only when
//! `BLUECODE_EDITOR_TESTS=1` (`.ci/run` sets it after the set-up); otherwise it says it
//! was skipped.

use std::path::Path;
use std::process::Command;

#[test]
fn editors_pass_their_tests_against_this_binary() {
    if std::env::var("BLUECODE_EDITOR_TESTS").as_deref() != Ok("1") {
        eprintln!(
            "skipped: set BLUECODE_EDITOR_TESTS=1 after .ci/editors-setup.sh to run the editor tests"
        );
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new("bash")
        .arg(root.join(".ci/editors-test.sh"))
        .env("BLUECODE_BIN", env!("CARGO_BIN_EXE_bluecode"))
        .current_dir(root)
        .output()
        .expect("bash runs .ci/editors-test.sh");
    let stdout = String::from_utf8_lossy(&output.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
    let summary = stdout
        .lines()
        .rev()
        .find(|l| l.ends_with(" failed"))
        .unwrap_or("no summary line");
    assert!(
        output.status.success(),
        "editor tests failed ({summary}); logs under target/editors-test"
    );
}
