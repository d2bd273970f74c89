//! What the judge costs while a file is worked on, counted at a scripted
//! OpenAI-compatible endpoint (`crate::llm::ScriptedLlm`) with the default
//! `llm.idle_ms` (1,500 ms): opening a 30-function file, typing 20 keystrokes 50 ms apart
//! in one function, saving after an edit, and reopening with a warm cache. The static
//! diagnostics of every version arrive without waiting for any of it. And the CLI and
//! the server agree: `bluecode scan --llm` and the server send the same prompts for the
//! same file, so each answers the other from the disk cache.

use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::client::{TestClient, file_uri};
use crate::llm::{ScriptedLlm, llm_review_done, safe, safe_script};
use crate::workspace;

/// The default idle wait, as documented.
const IDLE: Duration = Duration::from_millis(1_500);

/// How long the endpoint takes over a unit marked `SLOW`.
const SLOW: Duration = Duration::from_secs(6);

/// Safe at once, but slow for a unit whose code says `SLOW`.
fn slow_marked(code: &str) -> (Duration, String) {
    if code.contains("SLOW") {
        (SLOW, safe())
    } else {
        (Duration::ZERO, safe())
    }
}

fn thirty_functions() -> String {
    let mut text = String::from("import os\n\nLIMIT = 10\n");
    for i in 0..30 {
        text.push_str(&format!(
            "\n\ndef f{i}(x):\n    return os.path.join(str(x), \"{i}\")\n"
        ));
    }
    text
}

fn start(root: &std::path::Path, cache: &std::path::Path, options: Value) -> TestClient {
    let mut client = TestClient::spawn_with_env(root, &[("XDG_CACHE_HOME", cache)]);
    client.initialize(options, json!({"window": {"workDoneProgress": true}}));
    client
}

/// An insertion at `line`, `character` (UTF-16; the text here is ASCII).
fn insert(line: u64, character: u64, text: &str) -> Value {
    let at = json!({"line": line, "character": character});
    json!([{"range": {"start": at, "end": at}, "text": text}])
}

/// Waits for the publish of `version`; returns how long it took.
fn published_within(client: &mut TestClient, uri: &str, version: i64) -> Duration {
    let sent = Instant::now();
    client.published(uri, version);
    sent.elapsed()
}

#[test]
fn the_judge_waits_for_a_pause_and_static_diagnostics_never_wait() {
    let llm = ScriptedLlm::start(slow_marked);
    let cache = tempfile::tempdir().expect("cache dir");
    let (_dir, root) = workspace(&[]);
    let options = json!({
        "debounceMs": 0,
        "sandbox": {"enabled": false},
        "llm": {"baseUrl": llm.base_url(), "model": "scripted", "timeoutSecs": 20},
    });
    let mut client = start(&root, cache.path(), options.clone());
    let uri = file_uri(&root.join("many.py"));
    let mut text = thirty_functions();

    // Open: every unit once (the module and 30 functions), the static report first.
    client.open(&uri, "python", 1, &text);
    // The first report of the file (queries compile on first use: slow in a debug build).
    let open_static = published_within(&mut client, &uri, 1);
    let mut slowest_static = Duration::ZERO;
    llm_review_done(&mut client);
    let on_open = llm.requests();
    assert!(on_open <= 31, "open: {on_open} requests");
    assert!(on_open >= 31, "every unit judged once: {on_open}");

    // 20 keystrokes 50 ms apart in f5, through states that do not parse ("y = x *").
    let typed = "\n    y = x * 123 + 1";
    assert_eq!(typed.chars().count(), 20);
    let f5 = text.lines().position(|l| l == "def f5(x):").expect("f5") as u64;
    let mut version = 1;
    let mut column = "def f5(x):".len() as u64;
    let mut line = f5;
    for ch in typed.chars() {
        version += 1;
        let piece = ch.to_string();
        client.change(&uri, version, insert(line, column, &piece));
        if ch == '\n' {
            line += 1;
            column = 0;
        } else {
            column += 1;
        }
        let took = published_within(&mut client, &uri, version);
        slowest_static = slowest_static.max(took);
        std::thread::sleep(Duration::from_millis(50).saturating_sub(took));
    }
    text = text.replacen("def f5(x):", &format!("def f5(x):{typed}"), 1);
    let typed_at = Instant::now();
    llm_review_done(&mut client);
    let waited = typed_at.elapsed();
    let while_typing = llm.requests() - on_open;
    assert!(while_typing <= 1, "typing: {while_typing} requests");
    assert_eq!(while_typing, 1, "the edited function once, after the pause");
    assert!(
        llm.asked()
            .last()
            .is_some_and(|c| c.contains("y = x * 123 + 1")),
        "the finished text: {:?}",
        llm.asked().last()
    );
    assert!(
        waited + Duration::from_millis(100) >= IDLE,
        "sent after the pause, not before: {waited:?}"
    );

    // An edit then a save: sent at once, without the pause. The endpoint takes SLOW over
    // it; an edit elsewhere meanwhile is published without waiting for the answer.
    let f7 = text.lines().position(|l| l == "def f7(x):").expect("f7") as u64;
    version += 1;
    client.change(&uri, version, insert(f7 + 1, 4, "x = x  # SLOW\n    "));
    slowest_static = slowest_static.max(published_within(&mut client, &uri, version));
    let saved_at = Instant::now();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let deadline = saved_at + Duration::from_secs(30);
    while llm.requests() == on_open + while_typing {
        assert!(Instant::now() < deadline, "the save sends the edited unit");
        std::thread::sleep(Duration::from_millis(10));
    }
    let after_save = saved_at.elapsed();
    // Only the saved unit so far (the next edit is after this count).
    let on_save = llm.requests() - on_open - while_typing;
    let asked_at = Instant::now();
    let f9 = text.lines().position(|l| l == "def f9(x):").expect("f9") as u64 + 1; // the line f7 gained
    version += 1;
    client.change(&uri, version, insert(f9 + 1, 4, "x = x\n    "));
    let while_judged = published_within(&mut client, &uri, version);
    let answered_after = asked_at.elapsed();
    llm_review_done(&mut client);
    text = text
        .replacen("def f7(x):\n    ", "def f7(x):\n    x = x  # SLOW\n    ", 1)
        .replacen("def f9(x):\n    ", "def f9(x):\n    x = x\n    ", 1);
    // The f9 edit is judged after its pause.
    llm_review_done(&mut client);
    let after_f9 = llm.requests() - on_open - while_typing - on_save;

    // Close and reopen the same text: the disk cache answers every unit.
    let before_reopen = llm.requests();
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    client.open(&uri, "python", 100, &text);
    slowest_static = slowest_static.max(published_within(&mut client, &uri, 100));
    llm_review_done(&mut client);
    let on_reopen = llm.requests() - before_reopen;
    if on_reopen > 0 {
        eprintln!(
            "asked again on reopen: {:#?}",
            &llm.asked()[before_reopen..]
        );
    }

    eprintln!(
        "request economy: open {on_open}, 20 keystrokes {while_typing} (sent {waited:?} after the last), \
         save {on_save} (sent {after_save:?} after it), edit while judged {after_f9}, warm reopen {on_reopen}; \
         static publish: first {open_static:?}, slowest after an edit or reopen {slowest_static:?}, \
         while a request was in flight {while_judged:?}"
    );
    assert!(on_open <= 31, "open: {on_open} requests");
    assert!(while_typing <= 1, "typing: {while_typing} requests");
    assert_eq!(on_save, 1, "the saved edit once");
    assert!(
        after_save < IDLE,
        "a save does not wait for a pause: {after_save:?}"
    );
    assert_eq!(after_f9, 1, "the other edit once, after its pause");
    assert_eq!(on_reopen, 0, "a warm reopen sends nothing");
    assert!(
        answered_after < SLOW,
        "the static report of an edit did not wait for the judge's answer: {answered_after:?}"
    );
    assert!(client.shutdown().success());
}

/// A file with nested units (a class, a closure) and module code, so the elided view
/// of the module and the class is part of what must agree.
const NESTED: &str = r#"import os
import subprocess

from flask import request

ROOT = os.environ.get("ROOT", "/srv")


class Reports:
    def path(self, name):
        return os.path.join(ROOT, name)

    def run(self):
        host = request.args.get("host")
        subprocess.call("ping " + host, shell=True)


def outer(items):
    def inner(item):
        return item * 2

    return [inner(i) for i in items]
"#;

/// A prompt with its per-request delimiter (`DATA-<random hex>`) made constant.
fn without_nonce(prompt: &str) -> String {
    let mut text = prompt.to_owned();
    // The data and the examples blocks share the prompt's random fence.
    for marker in ["DATA-", "EXAMPLES-"] {
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(at) = rest.find(marker) {
            out.push_str(&rest[..at + marker.len()]);
            rest = rest[at + marker.len()..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
            out.push('*');
        }
        out.push_str(rest);
        text = out;
    }
    text
}

#[test]
fn the_cli_and_the_server_send_the_same_prompts_and_share_the_cache() {
    let llm = ScriptedLlm::start(safe_script);
    let (_dir, root) = workspace(&[
        ("app.py", NESTED),
        (
            "bluecode.toml",
            &format!(
                "[llm]\nbase_url = \"{}\"\nmodel = \"scripted\"\ntimeout_secs = 5\n\n[sandbox]\nenabled = false\n",
                llm.base_url()
            ),
        ),
    ]);
    let cli_cache = tempfile::tempdir().expect("cache dir");
    let scan = Command::new(env!("CARGO_BIN_EXE_bluecode"))
        .args(["scan", "--llm", "--exit-zero", "app.py"])
        .current_dir(&root)
        .env("XDG_CACHE_HOME", cli_cache.path())
        .output()
        .expect("bluecode scan runs");
    assert!(
        scan.status.success(),
        "{}",
        String::from_utf8_lossy(&scan.stderr)
    );
    let mut from_cli: Vec<String> = llm.prompts().iter().map(|p| without_nonce(p)).collect();
    assert_eq!(
        from_cli.len(),
        5,
        "the module, Reports.path, Reports.run, outer, outer.inner"
    );

    // The server, with a cache of its own, sends the same prompts.
    let server_cache = tempfile::tempdir().expect("cache dir");
    let options = json!({"debounceMs": 0});
    let mut client = start(&root, server_cache.path(), options.clone());
    let uri = file_uri(&root.join("app.py"));
    client.open(&uri, "python", 1, NESTED);
    client.published(&uri, 1);
    llm_review_done(&mut client);
    let mut from_server: Vec<String> = llm.prompts()[from_cli.len()..]
        .iter()
        .map(|p| without_nonce(p))
        .collect();
    assert!(client.shutdown().success());
    from_cli.sort();
    from_server.sort();
    assert_eq!(from_cli.len(), from_server.len());
    for (cli, server) in from_cli.iter().zip(&from_server) {
        assert_eq!(cli, server, "one prompt per unit, whoever asks");
    }

    // And the same cache keys: a server on the CLI's cache sends nothing.
    let before = llm.requests();
    let mut client = start(&root, cli_cache.path(), options);
    client.open(&uri, "python", 1, NESTED);
    client.published(&uri, 1);
    llm_review_done(&mut client);
    assert_eq!(llm.requests(), before, "answered from the CLI's cache");
    assert!(client.shutdown().success());
}
