//! `bluecode scan --new-since GIT_REF` and `--baseline FILE` on real git repositories made
//! here: a commit with flaws, then a branch that moves a function, reformats a call,
//! edits another function and adds one new flaw — only that flaw is new, and only it
//! fails the scan. A report written earlier (JSON or SARIF) gives the same answer, and a
//! fixed flaw is listed as absent.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::support::{Project, bluecode};

const BEFORE: &str = r#"import os
import subprocess


def archive(name):
    subprocess.run(f"tar czf /tmp/{name}.tgz /srv/data", shell=True)


def total(items):
    return sum(items)


def ping(host):
    os.system("ping -c 1 " + host)
"#;

/// `ping` moved above `archive`, `archive`'s call reformatted, `total` edited, and a new
/// flaw in a new function.
const AFTER: &str = r#"import os
import subprocess


def ping(host):
    os.system('ping -c 1 ' + host)


def archive(name):
    subprocess.run(
        f"tar czf /tmp/{name}.tgz /srv/data",
        shell=True,
    )


def total(items):
    # Rounded for display.
    return round(sum(items), 2)


def remove(path):
    os.system("rm -rf " + path)
"#;

fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn repository() -> Project {
    let project = Project::new();
    let dir = project.path();
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["config", "user.email", "test@example.invalid"]);
    git(dir, &["config", "user.name", "test"]);
    project.file("tools/app.py", BEFORE);
    project.file(
        "tools/clean.py",
        "def clean(values):\n    return [v for v in values if v]\n",
    );
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "before"]);
    project
}

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// (rule, line, state) of every finding.
fn states(report: &Value) -> Vec<(String, u64, String)> {
    let mut out: Vec<(String, u64, String)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap_or_default().to_owned(),
                f["start"]["line"].as_u64().unwrap_or_default(),
                f["baseline_state"].as_str().unwrap_or("-").to_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

fn new_ones(report: &Value) -> Vec<(String, u64)> {
    states(report)
        .into_iter()
        .filter(|(_, _, state)| state == "new")
        .map(|(rule, line, _)| (rule, line))
        .collect()
}

#[test]
fn on_a_branch_only_the_new_flaw_is_new_and_fails_the_scan() {
    let project = repository();
    let dir = project.path();
    git(dir, &["checkout", "-q", "-b", "feature"]);
    project.file("tools/app.py", AFTER);
    git(dir, &["commit", "-q", "-am", "move, reformat, edit, add"]);

    let run = bluecode(
        &["scan", ".", "--new-since", "main", "--format", "json"],
        dir,
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = json(&run.stdout);
    assert_eq!(
        new_ones(&report),
        [("py.command-injection".to_owned(), 22)],
        "{:#?}",
        states(&report)
    );
    assert_eq!(report["baseline"]["unchanged"], 2, "{report:#}");
    assert!(
        report["baseline"]["source"]
            .as_str()
            .is_some_and(|s| s.starts_with("main (merge base ")),
        "{report:#}"
    );

    // Without the new flaw, the old ones do not fail the scan.
    project.file(
        "tools/app.py",
        AFTER.replace("\"rm -rf \" + path", "\"true\""),
    );
    let run = bluecode(&["scan", ".", "--new-since", "main"], dir);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("0 new, 2 unchanged, 0 updated, 0 absent"),
        "{}",
        run.stdout
    );
    // Without a baseline every finding counts.
    assert_eq!(bluecode(&["scan", "."], dir).code, 1);
}

#[test]
fn uncommitted_edits_against_head_and_a_report_baseline_agree() {
    let project = repository();
    let dir = project.path();
    let json_base = bluecode(&["scan", ".", "--format", "json", "-o", "base.json"], dir);
    assert_eq!(json_base.code, 1, "{}", json_base.stderr);
    let sarif_base = bluecode(&["scan", ".", "--format", "sarif", "-o", "base.sarif"], dir);
    assert_eq!(sarif_base.code, 1, "{}", sarif_base.stderr);
    project.file("tools/app.py", AFTER);

    let against_head = bluecode(
        &["scan", "tools", "--new-since", "HEAD", "--format", "json"],
        dir,
    );
    let against_json = bluecode(
        &[
            "scan",
            "tools",
            "--baseline",
            "base.json",
            "--format",
            "json",
        ],
        dir,
    );
    let against_sarif = bluecode(
        &[
            "scan",
            "tools",
            "--baseline",
            "base.sarif",
            "--format",
            "json",
        ],
        dir,
    );
    let head = json(&against_head.stdout);
    assert_eq!(new_ones(&head), [("py.command-injection".to_owned(), 22)]);
    assert_eq!(states(&head), states(&json(&against_json.stdout)));
    assert_eq!(states(&head), states(&json(&against_sarif.stdout)));

    // The ping flaw fixed: absent in SARIF, listed in JSON, not failing.
    let fixed = AFTER
        .replace(
            "os.system('ping -c 1 ' + host)",
            "subprocess.run([\"ping\", \"-c\", \"1\", host])",
        )
        .replace("\"rm -rf \" + path", "\"true\"");
    project.file("tools/app.py", fixed);
    let sarif = bluecode(
        &[
            "scan",
            "tools",
            "--baseline",
            "base.sarif",
            "--format",
            "sarif",
        ],
        dir,
    );
    assert_eq!(sarif.code, 0, "{}", sarif.stderr);
    let sarif = json(&sarif.stdout);
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let state_of = |state: &str| {
        results
            .iter()
            .filter(|r| r["baselineState"] == state)
            .count()
    };
    assert_eq!(
        (state_of("unchanged"), state_of("absent"), state_of("new")),
        (1, 1, 0)
    );
    let absent = results
        .iter()
        .find(|r| r["baselineState"] == "absent")
        .expect("absent result");
    assert_eq!(
        absent["locations"][0]["physicalLocation"]["region"]["startLine"],
        14
    );
    assert!(
        results
            .iter()
            .all(|r| r["partialFingerprints"]["bluecodeFinding/v1"].is_string())
    );
    let listed = json(
        &bluecode(
            &[
                "scan",
                "tools",
                "--baseline",
                "base.json",
                "--format",
                "json",
            ],
            dir,
        )
        .stdout,
    );
    assert_eq!(listed["baseline"]["absent"][0]["line"], 14, "{listed:#}");
}

#[test]
fn bad_baselines_and_refs_are_clear_errors() {
    let project = repository();
    let dir = project.path();
    project.file("junk.json", "{\"runs\": 3");
    project.file(
        "old.json",
        r#"{"version": 1, "findings": [{"path": "a.py", "rule_id": "x"}]}"#,
    );
    project.file("other.json", r#"{"hello": 1}"#);
    for (args, expected) in [
        (vec!["--baseline", "junk.json"], "not JSON"),
        (vec!["--baseline", "old.json"], "older bluecode"),
        (vec!["--baseline", "other.json"], "not a bluecode JSON"),
        (
            vec!["--baseline", "missing.json"],
            "cannot read the baseline",
        ),
        (vec!["--new-since", "no-such-branch"], "no merge base"),
        (vec!["--new-since=--upload-pack=x"], "not a git ref"),
    ] {
        let mut full = vec!["scan", "tools"];
        full.extend(args.iter().copied());
        let run = bluecode(&full, dir);
        assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
        assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
    }
    let outside = Project::new();
    outside.file("a.py", BEFORE);
    let run = bluecode(&["scan", ".", "--new-since", "HEAD"], outside.path());
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("needs a git repository"),
        "{}",
        run.stderr
    );
}
