//! Edit → diagnostics latency of `bluecode lsp` with the workspace index on, through the
//! real server over stdio (the e2e test client, real frames). Run it with
//!
//! ```text
//! cargo bench --bench index_latency
//! ```
//!
//! The workspace: a generated 2,000-line helper module whose `clean(value)` hands its
//! argument back, and 20 route modules, each passing request data through `clean` into
//! `os.system` — 20 dependents of one summary, all open in the editor. Two kinds of edit,
//! with the server's debounce at 0:
//!
//! - **summary unchanged**: one character typed into a string of another function of the
//!   helper module, timed until that module's diagnostics are published (target p95 ≤
//!   10 ms);
//! - **summary changed**: `return value` ↔ `return "ok"` in `clean`, timed until every
//!   route module has published its diagnostics again, with the command injection gone
//!   or back (target p95 ≤ 50 ms).

// The e2e tests' client; the bench uses only part of it.
#[allow(dead_code)]
#[path = "../e2e/client.rs"]
mod client;
#[path = "latency_stats.rs"]
mod latency_stats;

use std::fmt::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use client::{TestClient, file_uri};
use latency_stats::{ms, percentile};

const HELPER_LINES: usize = 2_000;
const DEPENDENTS: usize = 20;
const KEYSTROKES: usize = 200;
const TOGGLES: usize = 40;
const WARM_UP: usize = 10;

/// The helper module: `clean` first, then plain functions up to `HELPER_LINES`.
fn helper_module() -> String {
    let mut out = String::from(
        "import os\n\n\ndef clean(value):\n    return value\n\n\ndef describe(item):\n    label = \"\"\n    return label + str(item)\n\n\n",
    );
    let mut i = 0;
    while out.lines().count() < HELPER_LINES {
        let _ = write!(
            out,
            "def total_{i}(items):\n    total = 0\n    for item in items:\n        if item.price > {i}:\n            total += item.price * item.quantity\n        else:\n            total += item.price\n    return round(total, 2)\n\n\n"
        );
        i += 1;
    }
    out
}

fn route_module(k: usize) -> String {
    format!(
        "import os\n\nfrom flask import Flask, request\n\nfrom app.helpers import clean\n\napp = Flask(__name__)\n\n\n@app.route(\"/run{k}\")\ndef run_{k}():\n    os.system(\"echo \" + clean(request.args.get(\"q\", \"\")))\n    return \"ok\"\n"
    )
}

fn has_injection(params: &Value) -> bool {
    params["diagnostics"]
        .as_array()
        .is_some_and(|d| d.iter().any(|d| d["code"] == "py.command-injection"))
}

fn write(root: &Path, name: &str, text: &str) {
    let path = root.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("fixture folder");
    }
    std::fs::write(path, text).expect("fixture written");
}

fn report(what: &str, latencies: &mut [Duration], target: Duration) {
    latencies.sort();
    let p95 = percentile(latencies, 0.95);
    println!(
        "{what} over {} edits: p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms (target p95 ≤ {} ms: {})",
        latencies.len(),
        ms(percentile(latencies, 0.50)),
        ms(p95),
        ms(percentile(latencies, 0.99)),
        ms(percentile(latencies, 1.0)),
        target.as_millis(),
        if p95 <= target { "met" } else { "MISSED" }
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = std::fs::canonicalize(dir.path()).expect("canonical temp dir");
    let helper = helper_module();
    write(
        &root,
        "pyproject.toml",
        "[project]\nname = \"runner\"\ndependencies = [\"flask\"]\n",
    );
    write(&root, ".git/HEAD", "ref: refs/heads/main\n");
    write(&root, "app/__init__.py", "");
    write(&root, "app/helpers.py", &helper);
    let routes: Vec<(String, String)> = (0..DEPENDENTS)
        .map(|k| {
            let text = route_module(k);
            let name = format!("app/route_{k}.py");
            write(&root, &name, &text);
            (file_uri(&root.join(&name)), text)
        })
        .collect();
    let helper_uri = file_uri(&root.join("app/helpers.py"));

    let mut server = TestClient::spawn(&root);
    server.initialize(
        json!({"debounceMs": 0, "analysis": {"index": true}}),
        json!({"window": {"workDoneProgress": true}}),
    );
    let indexing = Instant::now();
    let begin = server.notification("$/progress", |p| {
        p["value"]["kind"] == "begin" && p["value"]["title"] == "Indexing the workspace"
    });
    let token = begin["token"].clone();
    server.notification("$/progress", |p| {
        p["token"] == token && p["value"]["kind"] == "end"
    });
    let index_built = indexing.elapsed();
    server.open(&helper_uri, "python", 1, &helper);
    server.published(&helper_uri, 1);
    for (uri, text) in &routes {
        server.open(uri, "python", 1, text);
        server.published(uri, 1);
    }

    // 1. Typing in a string of another function: the summary of `clean` is unchanged.
    let describe = helper
        .lines()
        .position(|l| l == "    label = \"\"")
        .expect("the label line");
    let first_column = "    label = \"".len();
    let mut version = 1;
    let mut unchanged = Vec::with_capacity(KEYSTROKES);
    for keystroke in 0..WARM_UP + KEYSTROKES {
        version += 1;
        let ch = (b'a' + (keystroke % 26) as u8) as char;
        let at = json!({"line": describe, "character": first_column + keystroke});
        let started = Instant::now();
        server.change(
            &helper_uri,
            version,
            json!([{"range": {"start": at, "end": at}, "text": ch.to_string()}]),
        );
        server.published(&helper_uri, version);
        if keystroke >= WARM_UP {
            unchanged.push(started.elapsed());
        }
    }

    // 2. `return value` ↔ `return "ok"` in `clean`: its summary changes, and each of the
    // 20 routes loses (or regains) its command injection.
    let clean_line = helper
        .lines()
        .position(|l| l == "    return value")
        .expect("clean's return");
    let start = "    return ".len();
    let mut changed = Vec::with_capacity(TOGGLES);
    let mut returns_value = true;
    for toggle in 0..WARM_UP + TOGGLES {
        version += 1;
        let (old, new) = if returns_value {
            ("value", "\"ok\"")
        } else {
            ("\"ok\"", "value")
        };
        returns_value = !returns_value;
        server.discard("textDocument/publishDiagnostics", |p| {
            p["uri"] != helper_uri
        });
        let started = Instant::now();
        server.change(
            &helper_uri,
            version,
            json!([{
                "range": {"start": {"line": clean_line, "character": start},
                          "end": {"line": clean_line, "character": start + old.len()}},
                "text": new,
            }]),
        );
        server.published(&helper_uri, version);
        for (uri, _) in &routes {
            server.notification("textDocument/publishDiagnostics", |p| {
                p["uri"] == uri.as_str() && has_injection(p) == returns_value
            });
        }
        if toggle >= WARM_UP {
            changed.push(started.elapsed());
        }
    }
    let peak_rss = server.peak_rss_kib();
    assert!(server.shutdown().success());

    println!(
        "index_latency: helper {} lines, {DEPENDENTS} dependent modules open, index built in {:.0} ms",
        helper.lines().count(),
        ms(index_built)
    );
    report(
        "summary unchanged: keystroke → publishDiagnostics of the edited file",
        &mut unchanged,
        Duration::from_millis(10),
    );
    report(
        "summary changed: edit → all 20 dependents republished",
        &mut changed,
        Duration::from_millis(50),
    );
    if let Some(kib) = peak_rss {
        println!("server peak RSS (VmHWM): {:.1} MB", kib as f64 / 1024.0);
    }
}
