//! `bluecode --version` and `bluecode doctor`: the real binary, a scripted HTTP server as the
//! LLM endpoint, closed ports for components that are not there, and the exit codes a
//! script reads.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use serde_json::Value;

use crate::support::{Project, bluecode};

/// A port nothing listens on (bound, then released).
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").port()
}

/// Answers every request with an OpenAI-style model list holding `model`.
fn models_server(model: &'static str) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                if line == "\r\n" {
                    break;
                }
                line.clear();
            }
            let body = format!(r#"{{"object":"list","data":[{{"id":"{model}"}}]}}"#);
            let mut stream = &stream;
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    port
}

fn check<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["checks"]
        .as_array()
        .and_then(|checks| checks.iter().find(|c| c["name"] == name))
        .unwrap_or_else(|| panic!("no `{name}` check in {report}"))
}

fn doctor_json(p: &Project) -> (i32, Value) {
    let run = bluecode(&["doctor", "--json"], p.path());
    let report: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", run.stdout, run.stderr));
    assert_eq!(report["exit_code"], run.code, "{report}");
    (run.code, report)
}

#[test]
fn version_names_the_commit_and_the_constitution_set() {
    let p = Project::new();
    let run = bluecode(&["--version"], p.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = run.stdout.trim();
    assert!(line.starts_with(&format!("bluecode {} (commit ", env!("CARGO_PKG_VERSION"))));
    let commit = line
        .split("commit ")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .expect("commit field");
    assert!(
        commit == "unknown"
            || (commit.len() == 12 && commit.chars().all(|c| c.is_ascii_hexdigit())),
        "{line}"
    );
    // The count is the one `constitutions list` shows.
    let listed = bluecode(&["constitutions", "list"], p.path());
    let count: usize = line
        .split("constitutions: ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("constitution count");
    assert!(count > 50, "{line}");
    assert!(line.contains(" built-in, set "), "{line}");
    assert!(listed.stdout.lines().count() >= count, "{}", listed.stdout);
    assert_eq!(bluecode(&["-V"], p.path()).stdout, run.stdout);
}

#[test]
fn doctor_is_clean_when_optional_parts_are_off() {
    let p = Project::new();
    p.file("bluecode.toml", "[sandbox]\nenabled = false\n");
    let (code, report) = doctor_json(&p);
    assert_eq!(code, 0, "{report}");
    assert_eq!(check(&report, "config")["status"], "ok");
    assert_eq!(check(&report, "constitutions")["status"], "ok");
    assert_eq!(check(&report, "llm")["status"], "off");
    assert_eq!(check(&report, "sandbox")["status"], "off");
    let binary = check(&report, "binary")["summary"]
        .as_str()
        .unwrap_or_default();
    assert!(binary.ends_with("bluecode"), "{binary}");

    let text = bluecode(&["doctor"], p.path());
    assert_eq!(text.code, 0);
    assert!(
        text.stdout.contains("[  ok] constitutions:"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout
            .contains("nothing configured is broken (exit 0)")
    );
}

#[test]
fn doctor_reports_a_missing_docker_engine_as_a_warning_not_a_failure() {
    let p = Project::new();
    let port = closed_port();
    p.file(
        "bluecode.toml",
        format!("[sandbox]\ndocker_host = \"tcp://127.0.0.1:{port}\"\nconnect_timeout_secs = 2\n"),
    );
    let (code, report) = doctor_json(&p);
    assert_eq!(code, 0, "{report}");
    let sandbox = check(&report, "sandbox");
    assert_eq!(sandbox["status"], "warn", "{report}");
    assert!(
        sandbox["summary"]
            .as_str()
            .unwrap_or_default()
            .contains("not reachable")
    );
}

#[test]
fn doctor_fails_when_the_configured_llm_does_not_answer() {
    let p = Project::new();
    let port = closed_port();
    p.file(
        "bluecode.toml",
        format!(
            "[llm]\nbase_url = \"http://127.0.0.1:{port}/v1\"\nmodel = \"judge\"\n\n[sandbox]\nenabled = false\n"
        ),
    );
    let (code, report) = doctor_json(&p);
    assert_eq!(code, 1, "{report}");
    let llm = check(&report, "llm");
    assert_eq!(llm["status"], "fail", "{report}");
    assert!(
        llm["summary"]
            .as_str()
            .unwrap_or_default()
            .contains("does not answer")
    );
}

#[test]
fn doctor_passes_when_the_configured_llm_lists_the_model() {
    let p = Project::new();
    let port = models_server("judge");
    p.file(
        "bluecode.toml",
        format!(
            "[llm]\nbase_url = \"http://127.0.0.1:{port}/v1\"\nmodel = \"judge\"\n\n[sandbox]\nenabled = false\n"
        ),
    );
    let (code, report) = doctor_json(&p);
    assert_eq!(code, 0, "{report}");
    let llm = check(&report, "llm");
    assert_eq!(llm["status"], "ok", "{report}");
    assert!(
        llm["summary"]
            .as_str()
            .unwrap_or_default()
            .contains("model found")
    );
}

#[test]
fn doctor_fails_on_a_broken_config_and_a_broken_workspace_constitution() {
    let p = Project::new();
    p.file("bluecode.toml", "[sandbox\nenabled = false\n");
    let (code, report) = doctor_json(&p);
    assert_eq!(code, 1, "{report}");
    assert_eq!(check(&report, "config")["status"], "fail");

    let p = Project::new();
    p.file("bluecode.toml", "[sandbox]\nenabled = false\n");
    p.file(
        ".bluecode/constitutions/broken.toml",
        "id = \"acme.broken\"\ntitle = 3\n",
    );
    let (code, report) = doctor_json(&p);
    assert_eq!(code, 1, "{report}");
    let constitutions = check(&report, "constitutions");
    assert_eq!(constitutions["status"], "fail");
    assert!(
        constitutions["details"].to_string().contains("broken.toml"),
        "{report}"
    );
}

#[test]
fn doctor_on_a_missing_folder_is_a_usage_error() {
    let p = Project::new();
    let run = bluecode(&["doctor", "no/such/folder"], p.path());
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
}
