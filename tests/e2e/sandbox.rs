//! "Verify in sandbox" through the server: without a Docker engine the command answers at
//! once with a clear message and the diagnostic stays as it was; with one
//! (`BLUECODE_DOCKER_TESTS=1`, after `.ci/docker-up.sh`) the command injection is confirmed
//! (an error with the evidence on hover), its filtered twin is not reproduced (a
//! hint), a re-verify answers from the verdict cache, an edit drops the verdict, a
//! cancelled run ends at once, and no container is left behind.

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::client::{TestClient, file_uri};
use crate::{fixture, workspace};

fn verify(client: &mut TestClient, uri: &str, line: u32) -> Result<Value, Value> {
    client.request(
        "workspace/executeCommand",
        json!({"command": "bluecode.verify", "arguments": [{"uri": uri, "line": line}]}),
    )
}

fn hover(client: &mut TestClient, uri: &str, line: u32, character: u32) -> String {
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
        .expect("hover");
    hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn injection(diagnostics: &[Value]) -> Option<&Value> {
    diagnostics
        .iter()
        .find(|d| d["code"] == "py.command-injection")
}

/// Waits for the next publish of `version` whose command-injection diagnostic has
/// `severity`.
fn published_with_severity(
    client: &mut TestClient,
    uri: &str,
    version: i64,
    severity: i64,
) -> Value {
    let params = client.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri
            && p["version"] == version
            && p["diagnostics"]
                .as_array()
                .and_then(|d| injection(d))
                .is_some_and(|d| d["severity"] == severity)
    });
    let diagnostics = params["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    injection(&diagnostics).cloned().expect("the diagnostic")
}

#[test]
fn verify_without_docker_says_so_promptly_and_changes_nothing() {
    let (_dir, root) = workspace(&[]);
    let mut client = TestClient::spawn(&root);
    client.initialize(
        json!({
            "debounceMs": 0,
            "sandbox": {"dockerHost": "tcp://127.0.0.1:1", "connectTimeoutSecs": 2},
        }),
        json!({"window": {"workDoneProgress": true}}),
    );
    let uri = file_uri(&root.join("ping.py"));
    client.open(&uri, "python", 1, &fixture("ping.py"));
    let before = client.published(&uri, 1);
    let finding = injection(&before).expect("flagged").clone();

    let started = Instant::now();
    let answer = verify(&mut client, &uri, 7).expect("an answer, not an error");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "prompt: {:?}",
        started.elapsed()
    );
    assert_eq!(answer["verdict"], "inconclusive", "{answer:#}");
    assert_eq!(answer["cause"], "docker_unavailable", "{answer:#}");
    let shown = client.notification("window/showMessage", |p| {
        p["message"]
            .as_str()
            .is_some_and(|m| m.contains("Docker is not running"))
    });
    assert_eq!(shown["type"], 1, "an error message: {shown}");
    let begin = client.notification("$/progress", |p| p["value"]["kind"] == "begin");
    assert_eq!(begin["value"]["title"], "bluecode: verify in sandbox");
    assert_eq!(begin["value"]["cancellable"], true);
    let token = begin["token"].clone();
    client.notification("$/progress", |p| {
        p["token"] == token && p["value"]["kind"] == "end"
    });

    let republished = client.saw_notification(
        "textDocument/publishDiagnostics",
        Duration::from_millis(500),
        |p| p["uri"] == uri.as_str(),
    );
    assert!(!republished, "nothing to republish");
    assert_eq!(
        client.pulled(&uri)["items"][0]["severity"],
        finding["severity"]
    );
    let shown = hover(&mut client, &uri, 7, 8);
    assert!(
        !shown.contains("in the sandbox") && !shown.contains("Sandbox"),
        "{shown}"
    );
    assert!(client.shutdown().success());
}

/// Waits for the progress of a verification of `file` to reach the run itself.
fn running_report(client: &mut TestClient, file: &str) -> Value {
    let begin = client.notification("$/progress", |p| {
        p["value"]["kind"] == "begin"
            && p["value"]["message"]
                .as_str()
                .is_some_and(|m| m.contains(file))
    });
    let token = begin["token"].clone();
    client.notification("$/progress", |p| {
        p["token"] == token
            && p["value"]["kind"] == "report"
            && p["value"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("running"))
    })
}

/// Whether Docker-backed tests run; says so on stderr when they do not.
fn docker_enabled(test: &str) -> bool {
    if std::env::var("BLUECODE_DOCKER_TESTS").as_deref() == Ok("1") {
        return true;
    }
    let line = format!(
        "SKIPPED {test}: needs a Docker engine; run .ci/docker-up.sh and set BLUECODE_DOCKER_TESTS=1\n"
    );
    match std::fs::OpenOptions::new().append(true).open("/dev/stderr") {
        Ok(mut stderr) => {
            let _ = stderr.write_all(line.as_bytes());
        }
        Err(_) => eprint!("{line}"),
    }
    false
}

/// The server's sandbox containers still on the engine.
fn containers_of(pid: u32) -> Vec<String> {
    let output = Command::new("docker")
        .args([
            "ps",
            "-aq",
            "--filter",
            &format!("label=bluecode.owner_pid={pid}"),
        ])
        .output()
        .expect("the docker CLI runs");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

fn no_leftovers(pid: u32) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let left = containers_of(pid);
        if left.is_empty() {
            return;
        }
        assert!(Instant::now() < deadline, "leftover containers: {left:?}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn verify_confirms_the_injection_refutes_its_twin_and_cleans_up() {
    if !docker_enabled("verify_confirms_the_injection_refutes_its_twin_and_cleans_up") {
        return;
    }
    let (_dir, root) = workspace(&[]);
    let mut client = TestClient::spawn(&root);
    client.initialize(
        json!({"debounceMs": 0}),
        json!({"window": {"workDoneProgress": true}}),
    );
    let pid = client.pid();

    // The injection: confirmed, raised to an error, the evidence on hover.
    let uri = file_uri(&root.join("ping.py"));
    let text = fixture("ping.py");
    client.open(&uri, "python", 1, &text);
    assert!(injection(&client.published(&uri, 1)).is_some());
    let answer = verify(&mut client, &uri, 7).expect("a report");
    assert_eq!(answer["verdict"], "confirmed", "{answer:#}");
    assert_eq!(answer["cached"], false);
    let begin = client.notification("$/progress", |p| p["value"]["kind"] == "begin");
    let token = begin["token"].clone();
    client.notification("$/progress", |p| {
        p["token"] == token && p["value"]["kind"] == "end"
    });
    published_with_severity(&mut client, &uri, 1, 1);
    let shown = hover(&mut client, &uri, 7, 8);
    assert!(shown.contains("Confirmed in the sandbox"), "{shown}");
    assert!(shown.contains("os.system"), "the sink as evidence: {shown}");

    // Again: from the verdict cache, no run.
    let again = verify(&mut client, &uri, 7).expect("a report");
    assert_eq!(again["cached"], true, "{again:#}");
    assert_eq!(again["verdict"], "confirmed");

    // An edit of the function drops the verdict.
    let edited = text.replace("ping -c 1 ", "ping -c 2 ");
    client.change(&uri, 2, json!([{"text": edited}]));
    let after = injection(&client.published(&uri, 2))
        .cloned()
        .expect("flagged");
    let shown = hover(&mut client, &uri, 7, 8);
    assert!(
        !shown.contains("Confirmed in the sandbox"),
        "{after}\n{shown}"
    );

    // The filtered twin: not reproduced, lowered to a hint.
    let twin = file_uri(&root.join("ping_filtered.py"));
    client.open(&twin, "python", 1, &fixture("ping_filtered.py"));
    let published = client.published(&twin, 1);
    let flagged = injection(&published)
        .cloned()
        .unwrap_or_else(|| panic!("flagged: {published:#?}"));
    let line = flagged["range"]["start"]["line"].as_u64().unwrap_or(0) as u32;
    let answer = verify(&mut client, &twin, line).expect("a report");
    assert_eq!(answer["verdict"], "not_reproduced", "{answer:#}");
    published_with_severity(&mut client, &twin, 1, 4);
    let shown = hover(&mut client, &twin, line, 8);
    assert!(shown.contains("Not reproduced in the sandbox"), "{shown}");

    // A run cancelled from the progress's cancel button ends at once.
    let slow = file_uri(&root.join("ping_slow.py"));
    client.open(&slow, "python", 1, &fixture("ping_slow.py"));
    let flagged = injection(&client.published(&slow, 1))
        .cloned()
        .expect("flagged");
    let line = flagged["range"]["start"]["line"].as_u64().unwrap_or(0);
    let id = client.send_request(
        "workspace/executeCommand",
        json!({"command": "bluecode.verify", "arguments": [{"uri": slow, "line": line}]}),
    );
    let running = running_report(&mut client, "ping_slow.py");
    std::thread::sleep(Duration::from_millis(500));
    let started = Instant::now();
    client.notify(
        "window/workDoneProgress/cancel",
        json!({"token": running["token"]}),
    );
    let answer = client.response(&json!(id)).expect("a report");
    assert_eq!(
        answer["cause"],
        "cancelled",
        "{answer:#}\n{}",
        client.stderr()
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    no_leftovers(pid);

    // The same through `$/cancelRequest`: the request is dropped, the container removed.
    let id = client.send_request(
        "workspace/executeCommand",
        json!({"command": "bluecode.verify", "arguments": [{"uri": slow, "line": line}]}),
    );
    running_report(&mut client, "ping_slow.py");
    std::thread::sleep(Duration::from_millis(1500));
    client.notify("$/cancelRequest", json!({"id": id}));
    let cancelled = client.response(&json!(id));
    assert_eq!(
        cancelled.unwrap_err()["code"],
        -32800,
        "answered as cancelled"
    );
    no_leftovers(pid);
    assert!(client.shutdown().success());
    assert!(containers_of(pid).is_empty());
}

/// A malicious-category finding is verified by its behaviour: the recorded events are the
/// evidence, and the hover lists them.
#[test]
fn verify_shows_the_recorded_behaviour_of_a_reverse_shell_on_hover() {
    if !docker_enabled("verify_shows_the_recorded_behaviour_of_a_reverse_shell_on_hover") {
        return;
    }
    let (_dir, root) = workspace(&[]);
    let mut client = TestClient::spawn(&root);
    client.initialize(json!({"debounceMs": 0}), json!({}));
    let source = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/corpus/malicious/reverse-shell/support_agent_vuln.py"),
    )
    .expect("the corpus file");
    let uri = file_uri(&root.join("support_agent.py"));
    client.open(&uri, "python", 1, &source);
    let published = client.published(&uri, 1);
    let finding = published
        .iter()
        .find(|d| d["code"] == "mal.reverse-shell")
        .cloned()
        .unwrap_or_else(|| panic!("flagged: {published:#?}"));
    let line = finding["range"]["start"]["line"].as_u64().unwrap_or(0) as u32;
    let answer = verify(&mut client, &uri, line).expect("a report");
    assert_eq!(answer["verdict"], "confirmed", "{answer:#}");
    assert_eq!(answer["kind"], "behaviour", "{answer:#}");
    let character = finding["range"]["start"]["character"].as_u64().unwrap_or(0) as u32;
    // The verdict is folded in by the next review; the hover shows it once that ran.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut shown = hover(&mut client, &uri, line, character);
    while !shown.contains("Confirmed in the sandbox") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
        shown = hover(&mut client, &uri, line, character);
    }
    assert!(
        shown.contains("behaviour confirmed (reverse-shell)"),
        "{shown}"
    );
    assert!(
        shown.contains("> - connect 193.42.11.87:4444"),
        "the events as a list: {shown}"
    );
}
