//! End-to-end tests of `bluecode lsp`: the real binary, spoken to over stdio with
//! `Content-Length` frames by a small test client. Each test reads as a story — open a
//! file, see what the editor would see, act on it — and files stay small.

mod bad_input;
mod client;
mod edits;
mod encoding;
mod index;
mod llm;
mod llm_economy;
mod new_only;
mod sandbox;
mod scope;
mod settings;
mod story;

use std::path::{Path, PathBuf};

/// A fixture from `tests/fixtures/lsp`.
pub fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lsp")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A fresh workspace folder; `files` are written into it.
pub fn workspace(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = std::fs::canonicalize(dir.path()).expect("canonical temp dir");
    for (name, text) in files {
        let path = root.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("fixture folder");
        }
        std::fs::write(path, text).expect("fixture written");
    }
    (dir, root)
}
