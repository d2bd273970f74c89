//! The malicious and bias behaviour classes of the development corpus, each held to the
//! issue's bar on its own: recall at least 0.8 on its positives, a false-positive rate of
//! at most 0.05 on its benign look-alikes. One `bluecode eval` run scores them all; the
//! class of a labelled line is the folder its file sits in.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::support::bluecode;

/// Folders under `tests/corpus` whose files form one behaviour class each.
const CLASSES: &[&str] = &[
    "malicious/secret-read",
    "malicious/secret-collect",
    "malicious/process-memory",
    "malicious/system-files",
    "malicious/process-kill",
    "malicious/fork-bomb",
    "malicious/memory-exhaustion",
    "malicious/predictable-keys",
    "malicious/obfuscated-shell",
    "malicious/remote-command",
    "malicious/startup-persistence",
    "malicious/log-wiping",
    "malicious/keychain-dump",
    "bias/proxy-tables",
    "bias/derived-age",
    "bias/policing",
];

const MIN_RECALL: f64 = 0.8;
const MAX_FPR: f64 = 0.05;

#[derive(Default, Debug)]
struct ClassCounts {
    positives: u32,
    negatives: u32,
    missed: u32,
    false_alarms: u32,
}

/// Counts the `expect:` and `expect-not:` lines of every file in `dir`.
fn count_labels(dir: &Path, counts: &mut ClassCounts) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for line in text.lines() {
            let line = line.trim_start();
            let Some(rest) = line
                .strip_prefix("#")
                .or_else(|| line.strip_prefix("//"))
                .map(str::trim_start)
            else {
                continue;
            };
            if rest.starts_with("expect-not:") {
                counts.negatives += 1;
            } else if rest.starts_with("expect:") {
                counts.positives += 1;
            }
        }
    }
}

#[test]
fn every_behaviour_class_holds_its_recall_and_false_positive_floors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut args = vec!["eval".to_owned(), "--format".to_owned(), "json".to_owned()];
    args.extend(CLASSES.iter().map(|c| format!("tests/corpus/{c}")));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = bluecode(&args, root);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let scores: Value = serde_json::from_str(&run.stdout).expect("eval prints JSON");

    let mut classes: BTreeMap<&str, ClassCounts> = BTreeMap::new();
    for class in CLASSES {
        let counts = classes.entry(class).or_default();
        count_labels(&root.join("tests/corpus").join(class), counts);
    }
    for m in scores["mismatches"].as_array().expect("mismatches") {
        let path = m["path"].as_str().expect("path");
        let Some((class, counts)) = classes
            .iter_mut()
            .find(|(c, _)| path.contains(&format!("tests/corpus/{c}/")))
        else {
            continue;
        };
        match m["kind"].as_str() {
            Some("missed") => counts.missed += 1,
            Some("false_alarm") => counts.false_alarms += 1,
            other => panic!("{class}: unexpected mismatch kind {other:?}"),
        }
    }

    let mut failures = Vec::new();
    for (class, c) in &classes {
        assert!(c.positives >= 5, "{class}: only {} positives", c.positives);
        assert!(
            c.negatives >= 3,
            "{class}: only {} look-alikes",
            c.negatives
        );
        let recall = f64::from(c.positives - c.missed) / f64::from(c.positives);
        let fpr = f64::from(c.false_alarms) / f64::from(c.negatives);
        if recall < MIN_RECALL || fpr > MAX_FPR {
            failures.push(format!("{class}: recall {recall:.2}, FPR {fpr:.2} ({c:?})"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
