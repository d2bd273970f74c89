//! `bluecode eval`: inline annotations scored per line, CSV labels per file, floors.

use std::path::Path;

use serde_json::Value;

use crate::support::{Project, bluecode};

const VULN: &str = "import os\nfrom flask import request\n\ndef run():\n    host = request.args.get(\"h\")\n    # expect: CWE-78\n    os.system(\"ping \" + host)\n";
const SAFE: &str = "import os, shlex\nfrom flask import request\n\ndef run():\n    host = request.args.get(\"h\")\n    # expect-not: CWE-78\n    os.system(\"ping \" + shlex.quote(host))\n";

#[test]
fn inline_annotations_are_scored_per_line() {
    let p = Project::new();
    p.file("a_vuln.py", VULN);
    p.file("a_safe.py", SAFE);
    // A missed case: the pickle label has no rule firing on an unrelated line.
    p.file(
        "b_vuln.py",
        "def f(x):\n    # expect: CWE-502\n    return x\n",
    );
    let run = bluecode(&["eval", ".", "--format", "json"], p.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let scores: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let overall = &scores["overall"];
    assert_eq!(
        (
            overall["tp"].as_u64(),
            overall["fp"].as_u64(),
            overall["fn"].as_u64(),
            overall["tn"].as_u64()
        ),
        (Some(1), Some(0), Some(1), Some(1))
    );
    assert_eq!(overall["precision"], 1.0);
    assert_eq!(overall["recall"], 0.5);
    assert_eq!(
        scores["mismatches"],
        serde_json::json!([{"path": "b_vuln.py", "line": 3, "label": "CWE-502", "kind": "missed"}])
    );

    let run = bluecode(&["eval", ".", "--min-recall", "0.9"], p.path());
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("CWE-502: recall 0.000 < 0.9"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("overall"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("1 wrong:\n  b_vuln.py:3: CWE-502 missed\n"),
        "{}",
        run.stdout
    );

    // A safe twin that is flagged names the rule that flagged it.
    p.file("c_safe.py", VULN.replace("expect:", "expect-not:"));
    let run = bluecode(&["eval", "."], p.path());
    assert!(
        run.stdout
            .contains("c_safe.py:7: CWE-78 false alarm by py.command-injection"),
        "{}",
        run.stdout
    );
}

#[test]
fn csv_labels_are_scored_per_file_and_lenient_counts_any_finding() {
    let p = Project::new();
    p.file("a_vuln.py", VULN);
    p.file("a_safe.py", SAFE);
    p.file(
        "labels.csv",
        "file,cwe,vulnerable\na_vuln.py,89,true\na_safe.py,CWE-78,false\n",
    );
    let strict = bluecode(
        &["eval", ".", "--labels", "labels.csv", "--format", "json"],
        p.path(),
    );
    let s: Value = serde_json::from_str(&strict.stdout).expect("JSON");
    assert_eq!(s["overall"]["fn"], 1, "{}", strict.stdout);
    let lenient = bluecode(
        &[
            "eval",
            ".",
            "--labels",
            "labels.csv",
            "--lenient",
            "--format",
            "json",
        ],
        p.path(),
    );
    let l: Value = serde_json::from_str(&lenient.stdout).expect("JSON");
    assert_eq!(l["overall"]["tp"], 1, "{}", lenient.stdout);

    p.file("labels.csv", "a_vuln.py,78,maybe\n");
    let bad = bluecode(&["eval", ".", "--labels", "labels.csv"], p.path());
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("labels.csv:1: `vulnerable` must be true or false"),
        "{}",
        bad.stderr
    );
}

#[test]
fn a_corpus_without_labels_is_an_error() {
    let p = Project::new();
    p.file("a.py", "x = 1\n");
    let run = bluecode(&["eval", "."], p.path());
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no labels found"), "{}", run.stderr);
}

/// The floors the development corpus must hold; raise them as detection improves, never
/// lower them to make a change pass.
/// Measured on 2026-11-23: F1 0.953, FPR 0.061, lowest recall 0.667 (CWE-90).
const CORPUS_MIN_F1: &str = "0.94";
const CORPUS_MAX_FPR: &str = "0.07";
/// The bar: no CWE class below this recall.
const CORPUS_MIN_RECALL: &str = "0.6";

#[test]
fn the_development_corpus_holds_its_floors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = bluecode(
        &[
            "eval",
            "tests/corpus",
            "--min-f1",
            CORPUS_MIN_F1,
            "--max-fpr",
            CORPUS_MAX_FPR,
            "--min-recall",
            CORPUS_MIN_RECALL,
        ],
        root,
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("overall"), "{}", run.stdout);
}
