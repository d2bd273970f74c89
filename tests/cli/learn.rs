//! `bluecode learn`: offline synthesis from a folder of examples and from a CSV, and the
//! LLM loop against a scripted OpenAI-compatible endpoint on 127.0.0.1 whose first draft
//! fails validation and whose second, sent with the failed checks, passes.

use std::process::Command;

use serde_json::json;

use crate::support::{Project, bluecode, scripted_endpoint};

const UNSAFE_A: &str = "import os\n\ndef ping(host):\n    os.system(\"ping -c 1 \" + host)\n";
const UNSAFE_B: &str = "import os\n\ndef lookup(name):\n    os.system(f\"nslookup {name}\")\n";
const SAFE: &str =
    "import os, shlex\n\ndef ping(host):\n    os.system(\"ping -c 1 \" + shlex.quote(host))\n";

fn examples(p: &Project) {
    p.file("ex/unsafe/ping.py", UNSAFE_A);
    p.file("ex/unsafe/lookup.py", UNSAFE_B);
    p.file("ex/safe/ping.py", SAFE);
}

#[test]
fn offline_learning_writes_a_constitution_that_its_own_test_accepts() {
    let p = Project::new();
    examples(&p);
    let run = bluecode(
        &["learn", "ex", "--id", "team.os-system", "--cwe", "78"],
        p.path(),
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("synthesised offline"), "{}", run.stdout);
    assert!(
        run.stdout.contains("pass  every unsafe example matches"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("pass  survives the mutations"),
        "{}",
        run.stdout
    );
    let written = p.path().join(".bluecode/constitutions/team.os-system.toml");
    let toml = std::fs::read_to_string(&written).expect("the constitution is written");
    assert!(toml.contains("taint = \"shell\""), "{toml}");
    let test = bluecode(
        &["constitutions", "test", ".bluecode/constitutions"],
        p.path(),
    );
    assert_eq!(test.code, 0, "{}", test.stdout);
    assert!(
        test.stdout.contains("3 passed, 0 failed"),
        "{}",
        test.stdout
    );
}

#[test]
fn a_csv_of_labelled_files_is_an_input_and_bad_labels_are_named() {
    let p = Project::new();
    examples(&p);
    p.file(
        "labels.csv",
        "file,label,note\nex/unsafe/ping.py,unsafe,\"ping, from the incident\"\nex/unsafe/lookup.py,vulnerable,\nex/safe/ping.py,fixed,\n",
    );
    let run = bluecode(
        &["learn", "labels.csv", "--id", "team.csv", "--out", "out"],
        p.path(),
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let toml = std::fs::read_to_string(p.path().join("out/team.csv.toml")).expect("written");
    assert!(
        toml.contains("ping, from the incident"),
        "the note reaches the template: {toml}"
    );
    p.file("bad.csv", "ex/unsafe/ping.py,maybe\n");
    let bad = bluecode(&["learn", "bad.csv"], p.path());
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("bad.csv:1: label `maybe`"),
        "{}",
        bad.stderr
    );
}

fn draft(query: &str) -> String {
    let toml = format!(
        "id = \"team.llm\"\ntitle = \"Shell command from a parameter\"\ncategory = \"vulnerability\"\ncwe = 78\n\
severity = \"error\"\nlanguages = [\"python\"]\nprinciple = \"Never build a shell command from input.\"\n\n\
[[pattern]]\nquery = '''{query}'''\ntaint = \"shell\"\n\n\
[[example]]\nkind = \"unsafe\"\ncode = '''{UNSAFE_A}'''\n\n[[example]]\nkind = \"safe\"\ncode = '''{SAFE}'''\n"
    );
    json!({ "toml": toml }).to_string()
}

#[test]
fn the_llm_draft_that_fails_validation_is_repaired_with_the_failed_checks() {
    // First draft: a query on `popen` only, which misses the examples' `os.system`.
    let broken = draft(
        "((call function: (attribute object: (identifier) @_m attribute: (identifier) @_f) arguments: (argument_list . (_) @input)) @sink (#eq? @_m \"os\") (#eq? @_f \"popen\"))",
    );
    let repaired = draft(
        "((call function: (attribute object: (identifier) @_m attribute: (identifier) @_f) arguments: (argument_list . (_) @input)) @sink (#eq? @_m \"os\") (#eq? @_f \"system\"))",
    );
    let (port, seen) = scripted_endpoint(vec![broken, repaired]);
    let p = Project::new();
    examples(&p);
    p.file(
        "bluecode.toml",
        format!("[llm]\nbase_url = \"http://127.0.0.1:{port}/v1\"\nmodel = \"scripted\"\ntimeout_secs = 5\n"),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_bluecode"))
        .args([
            "learn", "ex", "--id", "team.llm", "--cwe", "78", "--rounds", "3",
        ])
        .current_dir(p.path())
        .env("BLUECODE_LOG", "warn")
        .output()
        .expect("run bluecode");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("drafted by the LLM, 2 round(s)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("pass  every unsafe example matches"),
        "{stdout}"
    );

    let requests = seen.lock().expect("record lock").clone();
    assert_eq!(requests.len(), 2, "one draft and one repair");
    let first = requests[0]["messages"].to_string();
    assert!(first.contains("ping -c 1"), "the examples are sent");
    assert!(
        first.contains("py.command-injection"),
        "the nearest constitution is retrieved: {first}"
    );
    let repair = requests[1]["messages"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let feedback = repair
        .last()
        .and_then(|m| m["content"].as_str())
        .unwrap_or_default();
    assert!(
        feedback.contains("every unsafe example matches: not matched"),
        "the failed check goes back to the model: {feedback}"
    );
    let written = std::fs::read_to_string(p.path().join(".bluecode/constitutions/team.llm.toml"))
        .expect("the repaired draft is written");
    assert!(written.contains("\"system\""), "{written}");
}

/// Opt-in (CI starts the server; `.ci/llm-server.sh start` prints the variables): `learn`
/// over the wire against a REAL local model (Gemma 3 270M under llama-cpp-python). The
/// model's drafts are noise; this checks the wire path only — a draft comes back and is
/// validated (written or reported with its failed checks), or the command ends with a
/// clear error naming the model's answer, never a crash or a hang.
#[test]
fn learn_against_a_real_local_model_ends_in_a_validated_report_or_a_clear_error() {
    let (Ok(url), Ok(model)) = (
        std::env::var("BLUECODE_REAL_LLM_URL"),
        std::env::var("BLUECODE_REAL_LLM_MODEL"),
    ) else {
        eprintln!("skipped: set BLUECODE_REAL_LLM_URL and BLUECODE_REAL_LLM_MODEL to run");
        return;
    };
    let p = Project::new();
    examples(&p);
    p.file(
        "bluecode.toml",
        format!(
            "[llm]\nbase_url = \"{url}\"\nmodel = \"{model}\"\ntimeout_secs = 180\nmax_tokens = 600\n"
        ),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_bluecode"))
        .args([
            "learn",
            "ex",
            "--id",
            "team.real",
            "--cwe",
            "78",
            "--rounds",
            "2",
        ])
        .current_dir(p.path())
        .env("BLUECODE_LOG", "warn")
        .output()
        .expect("run bluecode");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let written = p.path().join(".bluecode/constitutions/team.real.toml");
    match out.status.code() {
        Some(0) => {
            assert!(stdout.contains("drafted by the LLM"), "{stdout}");
            assert!(written.is_file(), "{stdout}");
        }
        Some(1) => {
            assert!(stdout.contains("drafted by the LLM"), "{stdout}");
            assert!(
                stdout.contains("FAIL"),
                "the failed checks are named: {stdout}"
            );
            assert!(!written.exists());
        }
        Some(2) => assert!(
            stderr.to_ascii_lowercase().contains("llm") || stderr.contains("model"),
            "a clear error: {stderr}"
        ),
        other => panic!("learn ended with {other:?}: {stdout}{stderr}"),
    }
}
