//! Keystroke → diagnostics latency of `bluecode lsp`, measured through the real server
//! over stdio (the e2e test client, real `Content-Length` frames). Run it with
//!
//! ```text
//! cargo bench --bench lsp_latency
//! ```
//!
//! It writes a generated 2,000-line Python module (many functions, some vulnerable),
//! opens it, then types 300 single characters inside one function, one at a time, with
//! the server's debounce set to 0 (`debounceMs` in `initializationOptions`), and times
//! each `didChange` until the `publishDiagnostics` of that version arrives. It prints
//! p50/p95/p99/max and the server's peak RSS (`VmHWM`), against the targets p95 ≤ 10 ms
//! and peak RSS ≤ 150 MB.

// The e2e tests' client; the bench uses only part of it.
#[allow(dead_code)]
#[path = "../e2e/client.rs"]
mod client;
#[path = "latency_stats.rs"]
mod latency_stats;

use std::fmt::Write;
use std::time::{Duration, Instant};

use serde_json::json;

use client::{TestClient, file_uri};
use latency_stats::{ms, percentile};

const LINES: usize = 2_000;
const KEYSTROKES: usize = 300;
const WARM_UP: usize = 20;

/// A function of the generated module; `i` varies names and picks the shape.
fn function(out: &mut String, i: usize) {
    match i % 6 {
        0 => {
            let _ = write!(
                out,
                "@app.route(\"/ping{i}\")\ndef ping_{i}():\n    host = request.args.get(\"host\")\n    label = \"\"\n    count = int(request.args.get(\"n\", \"1\"))\n    os.system(\"ping -c \" + str(count) + \" \" + host)\n    return label\n\n\n"
            );
        }
        1 => {
            let _ = write!(
                out,
                "def find_user_{i}(db, name):\n    query = \"SELECT * FROM users WHERE name = '\" + name + \"'\"\n    rows = db.execute(query).fetchall()\n    result = [dict(r) for r in rows]\n    return result\n\n\n"
            );
        }
        2 => {
            let _ = write!(
                out,
                "def load_settings_{i}():\n    with open(\"settings_{i}.yaml\") as f:\n        data = yaml.load(f)\n    return data.get(\"section_{i}\", {{}})\n\n\n"
            );
        }
        _ => {
            let _ = write!(
                out,
                "def total_{i}(items):\n    total = 0\n    for item in items:\n        if item.price > {i}:\n            total += item.price * item.quantity\n        else:\n            total += item.price\n    return round(total, 2)\n\n\n"
            );
        }
    }
}

fn generate_module() -> String {
    let mut out = String::from(
        "import os\nimport sqlite3\n\nimport yaml\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n\n",
    );
    let mut i = 0;
    while out.lines().count() < LINES {
        function(&mut out, i);
        i += 1;
    }
    out
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = std::fs::canonicalize(dir.path()).expect("canonical temp dir");
    let text = generate_module();
    let path = root.join("service.py");
    std::fs::write(&path, &text).expect("module written");
    let uri = file_uri(&path);

    let mut server = TestClient::start(&root, json!({"debounceMs": 0}));
    let opened = Instant::now();
    server.open(&uri, "python", 1, &text);
    let findings = server.published(&uri, 1).len();
    let first_analysis = opened.elapsed();

    // Type into the `label = ""` string of a vulnerable function in the middle.
    let target = format!("def ping_{}():", (LINES / 10 / 6 / 2) * 6);
    let function_line = text
        .lines()
        .position(|l| l == target)
        .expect("the target function");
    let line = function_line + 2;
    assert_eq!(text.lines().nth(line), Some("    label = \"\""));
    let first_column = "    label = \"".len();

    let mut latencies = Vec::with_capacity(KEYSTROKES);
    for keystroke in 0..WARM_UP + KEYSTROKES {
        let version = 2 + keystroke as i64;
        let ch = (b'a' + (keystroke % 26) as u8) as char;
        // Each keystroke types after the previous one.
        let at = json!({"line": line, "character": first_column + keystroke});
        let started = Instant::now();
        server.change(
            &uri,
            version,
            json!([{"range": {"start": at, "end": at}, "text": ch.to_string()}]),
        );
        let published = server.published(&uri, version);
        let latency = started.elapsed();
        assert_eq!(
            published.len(),
            findings,
            "typing in a string changes nothing"
        );
        if keystroke >= WARM_UP {
            latencies.push(latency);
        }
    }
    let peak_rss = server.peak_rss_kib();
    assert!(server.shutdown().success());

    latencies.sort();
    let p95 = percentile(&latencies, 0.95);
    println!(
        "lsp_latency: {} lines, {findings} findings, first analysis {:.1} ms",
        text.lines().count(),
        ms(first_analysis)
    );
    println!(
        "keystroke → publishDiagnostics over {KEYSTROKES} edits (debounce 0): p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms (target p95 ≤ 10 ms: {})",
        ms(percentile(&latencies, 0.50)),
        ms(p95),
        ms(percentile(&latencies, 0.99)),
        ms(percentile(&latencies, 1.0)),
        if p95 <= Duration::from_millis(10) {
            "met"
        } else {
            "MISSED"
        }
    );
    match peak_rss {
        Some(kib) => println!(
            "server peak RSS (VmHWM): {:.1} MB (target ≤ 150 MB: {})",
            kib as f64 / 1024.0,
            if kib <= 150 * 1024 { "met" } else { "MISSED" }
        ),
        None => println!("server peak RSS: unavailable (no /proc)"),
    }
}
