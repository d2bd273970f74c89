//! `bluecode.show = "new"` over real frames: in a git repository made here, a file with a
//! committed flaw is opened with the function moved, a call reformatted and a new flaw
//! added. The committed flaw comes as a hint (with why on hover), the new one as an
//! error; with `show = "all"` both are errors; against a branch (`newSince`) the same.

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

use crate::client::{TestClient, file_uri};
use crate::workspace;

const COMMITTED: &str = "import os\n\n\ndef ping(host):\n    os.system(\"ping -c 1 \" + host)\n\n\ndef total(items):\n    return sum(items)\n";

/// `ping` moved below `total` and reformatted, and a new flaw in `remove`.
const EDITED: &str = "import os\n\n\ndef total(items):\n    return sum(items)\n\n\ndef ping(host):\n    os.system(\n        'ping -c 1 ' + host,\n    )\n\n\ndef remove(path):\n    os.system(\"rm -rf \" + path)\n";

fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {:?}", output);
}

fn repository() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, root) = workspace(&[("app.py", COMMITTED)]);
    git(&root, &["init", "-q", "-b", "main"]);
    git(&root, &["config", "user.email", "test@example.invalid"]);
    git(&root, &["config", "user.name", "test"]);
    git(&root, &["add", "."]);
    git(&root, &["commit", "-q", "-m", "committed"]);
    (dir, root)
}

/// (line, severity) of the command-injection diagnostics, by line.
fn injections(diagnostics: &[Value]) -> Vec<(u64, u64)> {
    let mut out: Vec<(u64, u64)> = diagnostics
        .iter()
        .filter(|d| d["code"] == "py.command-injection")
        .map(|d| {
            (
                d["range"]["start"]["line"].as_u64().unwrap_or_default(),
                d["severity"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    out.sort();
    out
}

/// The diagnostics of the edited file, and the hover on the moved flaw.
fn open_edited_with_hover(root: &Path, options: Value) -> (Vec<Value>, String) {
    let mut client = TestClient::spawn(root);
    client.initialize(options, json!({}));
    let uri = file_uri(&root.join("app.py"));
    client.open(&uri, "python", 1, EDITED);
    let diagnostics = client.published(&uri, 1);
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 8, "character": 6}}),
        )
        .expect("hover");
    client.shutdown();
    let hover = hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    (diagnostics, hover)
}

fn open_edited(root: &Path, options: Value) -> Vec<Value> {
    open_edited_with_hover(root, options).0
}

#[test]
fn show_new_lowers_what_was_committed_to_hints() {
    let (_dir, root) = repository();
    let (new_only, hover) = open_edited_with_hover(&root, json!({"debounceMs": 0, "show": "new"}));
    assert_eq!(
        injections(&new_only),
        [(8, 4), (14, 1)],
        "the committed flaw (moved, reformatted) is a hint, the new one an error: {new_only:#?}"
    );
    assert!(hover.contains("Unchanged since HEAD"), "{hover}");

    let all = open_edited(&root, json!({"debounceMs": 0}));
    assert_eq!(injections(&all), [(8, 1), (14, 1)], "{all:#?}");
}

#[test]
fn show_new_against_a_branch_and_outside_git() {
    let (_dir, root) = repository();
    git(&root, &["checkout", "-q", "-b", "feature"]);
    std::fs::write(root.join("app.py"), EDITED).expect("write");
    git(&root, &["commit", "-q", "-am", "on the branch"]);
    let options = json!({"debounceMs": 0, "show": "new", "newSince": "main"});
    assert_eq!(injections(&open_edited(&root, options)), [(8, 4), (14, 1)]);

    // Not a repository: every finding shows, nothing breaks.
    let (_plain, plain) = workspace(&[("app.py", EDITED)]);
    let shown = open_edited(&plain, json!({"debounceMs": 0, "show": "new"}));
    assert_eq!(injections(&shown), [(8, 1), (14, 1)]);
}
