//! Measurement on the project's labelled development corpus (tests/corpus): for every
//! Python and JavaScript pair in a class the built-in harnesses cover, verify the function
//! that holds the `expect:` (vulnerable) or `expect-not:` (safe) line, and report how many
//! vulnerable files are confirmed and how many safe twins are refuted (not reproduced).
//! Opt-in (`BLUECODE_SANDBOX_CORPUS=1` on top of `BLUECODE_DOCKER_TESTS=1`): it takes about
//! a minute. The one hard assertion: no safe twin is ever confirmed.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bluecode_sandbox::{CancellationToken, Verdict, VerifyRequest};
use common::{docker_enabled, sandbox};

/// `cwe-117-log-injection` → `CWE-117`.
fn class_cwe(class: &str) -> Option<String> {
    let number: String = class
        .strip_prefix("cwe-")?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let number: u32 = number.parse().ok()?;
    Some(format!("CWE-{number}"))
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn identifier_after<'a>(line: &'a str, keyword: &str) -> Option<&'a str> {
    let rest = line.trim_start().strip_prefix(keyword)?;
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// `func` or `Class.method` enclosing line `index` of a Python file, by indentation.
fn python_function(lines: &[&str], index: usize) -> Option<String> {
    let mut limit = indentation(lines[index]);
    let mut function = None;
    for line in lines[..index].iter().rev() {
        if line.trim().is_empty() || indentation(line) >= limit {
            continue;
        }
        limit = indentation(line);
        let trimmed = line.trim_start();
        if function.is_none() {
            function = identifier_after(trimmed, "def ")
                .or_else(|| identifier_after(trimmed, "async def "))
                .map(str::to_owned);
        } else if let Some(class) = identifier_after(trimmed, "class ") {
            return function.map(|f| format!("{class}.{f}"));
        }
        if limit == 0 {
            break;
        }
    }
    function
}

/// The nearest named function declaration above line `index` of a JavaScript file.
fn javascript_function(lines: &[&str], index: usize) -> Option<String> {
    lines[..index].iter().rev().find_map(|line| {
        let trimmed = line
            .trim_start()
            .trim_start_matches("module.exports = ")
            .trim_start_matches("export ");
        let trimmed = trimmed.trim_start_matches("async ");
        identifier_after(trimmed, "function ")
            .map(str::to_owned)
            .or_else(|| {
                let name = identifier_after(trimmed, "const ")
                    .or_else(|| identifier_after(trimmed, "let "))?;
                (trimmed.contains("=>") || trimmed.contains("function")).then(|| name.to_owned())
            })
    })
}

/// The first indented line after `definition` that mentions the name it defines
/// (`EMAIL = re.compile(…)`, `const SLUG = /…/`).
fn first_user(lines: &[&str], definition: usize) -> Option<usize> {
    let line = lines[definition]
        .trim_start_matches("export ")
        .trim_start_matches("const ")
        .trim_start_matches("let ")
        .trim_start_matches("var ");
    let name: String = line
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
        .collect();
    if name.is_empty() || !line[name.len()..].trim_start().starts_with('=') {
        return None;
    }
    lines
        .iter()
        .enumerate()
        .skip(definition + 1)
        .find(|(_, l)| indentation(l) > 0 && l.contains(name.as_str()))
        .map(|(i, _)| i)
}

struct Case {
    file: PathBuf,
    class: String,
    vulnerable: bool,
    language: &'static str,
    cwe: String,
}

fn cases(root: &Path) -> Vec<Case> {
    let mut cases = Vec::new();
    for (language, extension) in [("python", "py"), ("javascript", "js")] {
        let Ok(classes) = std::fs::read_dir(root.join(language)) else {
            continue;
        };
        let mut classes: Vec<String> = classes
            .flatten()
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .collect();
        classes.sort();
        for class in classes {
            let Some(cwe) = class_cwe(&class) else {
                continue;
            };
            let Ok(entries) = std::fs::read_dir(root.join(language).join(&class)) else {
                continue;
            };
            let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
            files.sort();
            for file in files {
                let name = file
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default()
                    .to_owned();
                if !name.ends_with(&format!(".{extension}")) {
                    continue;
                }
                let vulnerable = name.contains("_vuln.");
                if vulnerable || name.contains("_safe.") {
                    cases.push(Case {
                        file,
                        class: class.clone(),
                        vulnerable,
                        language,
                        cwe: cwe.clone(),
                    });
                }
            }
        }
    }
    cases
}

#[tokio::test(flavor = "multi_thread")]
async fn corpus_confirmations_and_refutations() {
    if !docker_enabled("corpus_confirmations_and_refutations") {
        return;
    }
    if std::env::var("BLUECODE_SANDBOX_CORPUS").as_deref() != Ok("1") {
        eprintln!(
            "SKIPPED corpus_confirmations_and_refutations: set BLUECODE_SANDBOX_CORPUS=1 to measure on tests/corpus"
        );
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let sandbox = Arc::new(sandbox());
    let limit = Arc::new(tokio::sync::Semaphore::new(3));
    let mut runs = tokio::task::JoinSet::new();
    for case in cases(&root) {
        let source = std::fs::read_to_string(&case.file).unwrap_or_default();
        let lines: Vec<&str> = source.lines().collect();
        let label = if case.vulnerable {
            "expect:"
        } else {
            "expect-not:"
        };
        let Some(at) = lines
            .iter()
            .position(|l| l.contains(label) && l.contains(case.cwe.as_str()))
        else {
            continue;
        };
        let mut target = (at + 1).min(lines.len().saturating_sub(1));
        // A module-level definition (a regex constant, labelled where it is defined) is
        // verified through the first function that uses it.
        if indentation(lines[target]) == 0
            && let Some(user) = first_user(&lines, target)
        {
            target = user;
        }
        // A named function when one encloses the line; otherwise the line itself (an
        // anonymous route handler, say), which the harness resolves.
        let named = if case.language == "python" {
            python_function(&lines, target)
        } else {
            javascript_function(&lines, target)
        };
        let function = Some(named.unwrap_or_else(|| format!("line:{}", target + 1)));
        let (sandbox, limit) = (Arc::clone(&sandbox), Arc::clone(&limit));
        runs.spawn(async move {
            let Some(function) = function else {
                return (case, "no named function".to_owned(), None);
            };
            let request = VerifyRequest {
                language: case.language.into(),
                module_source: source,
                module_file: case
                    .file
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("module")
                    .to_owned(),
                function: function.clone(),
                hint: Some(case.cwe.clone()),
                ..Default::default()
            };
            let _permit = limit.acquire().await;
            let report = sandbox
                .verify(&request, &|_| {}, &CancellationToken::new())
                .await;
            (case, function, Some(report))
        });
    }
    let mut rows = Vec::new();
    while let Some(joined) = runs.join_next().await {
        rows.push(joined.unwrap_or_else(|e| panic!("{e}")));
    }
    rows.sort_by(|a, b| a.0.file.cmp(&b.0.file));
    let (mut confirmed, mut vulnerable, mut refuted, mut safe, mut wrongly_confirmed) =
        (0, 0, 0, 0, Vec::new());
    // Per class: confirmed, vulnerable, vulnerable not reproduced, refuted, safe,
    // inconclusive (of which no harness).
    let mut table: std::collections::BTreeMap<String, [usize; 7]> = Default::default();
    let mut times = Vec::new();
    for (case, function, report) in &rows {
        let shown = case
            .file
            .strip_prefix(&root)
            .unwrap_or(&case.file)
            .display();
        let Some(report) = report else {
            eprintln!("CORPUS {shown}: {function}");
            continue;
        };
        times.push(report.timing.total_ms);
        let outcome = match &report.verdict {
            Verdict::Confirmed { kind, sink, .. } => format!("confirmed {kind:?} via {sink}"),
            Verdict::NotReproduced { .. } => "not_reproduced".to_owned(),
            Verdict::Inconclusive { cause, reason } => format!("inconclusive {cause:?}: {reason}"),
        };
        eprintln!(
            "CORPUS {shown} {function}: {outcome} ({} ms)",
            report.timing.total_ms
        );
        let is_confirmed = matches!(report.verdict, Verdict::Confirmed { .. });
        let is_refuted = matches!(report.verdict, Verdict::NotReproduced { .. });
        let row = table
            .entry(format!("{} {}", case.language, case.class))
            .or_default();
        if case.vulnerable {
            row[0] += usize::from(is_confirmed);
            row[1] += 1;
            row[2] += usize::from(is_refuted);
        } else {
            row[3] += usize::from(is_refuted);
            row[4] += 1;
        }
        row[5] += usize::from(!is_confirmed && !is_refuted);
        row[6] += usize::from(matches!(
            report.verdict,
            Verdict::Inconclusive {
                cause: bluecode_sandbox::InconclusiveCause::NoHarness,
                ..
            }
        ));
        if case.vulnerable {
            vulnerable += 1;
            confirmed += usize::from(is_confirmed);
        } else {
            safe += 1;
            refuted += usize::from(matches!(report.verdict, Verdict::NotReproduced { .. }));
            if is_confirmed {
                wrongly_confirmed.push(shown.to_string());
            }
        }
    }
    eprintln!(
        "| class | confirmed / vulnerable | vulnerable not reproduced | refuted / safe | inconclusive (no harness) |"
    );
    eprintln!("|---|---|---|---|---|");
    for (class, [c, v, vr, r, s, i, nh]) in &table {
        eprintln!("| {class} | {c}/{v} | {vr} | {r}/{s} | {i} ({nh}) |");
    }
    let vulnerable_refuted: usize = table.values().map(|row| row[2]).sum();
    eprintln!("MEASURED corpus: vulnerable not reproduced {vulnerable_refuted}/{vulnerable}");
    times.sort_unstable();
    let median = times.get(times.len() / 2).copied().unwrap_or(0);
    let p95 = times
        .get((times.len() * 95).div_ceil(100).saturating_sub(1))
        .copied()
        .unwrap_or(0);
    eprintln!(
        "MEASURED corpus: vulnerable confirmed {confirmed}/{vulnerable}, safe refuted {refuted}/{safe}, safe confirmed {}; median {median} ms, p95 {p95} ms",
        wrongly_confirmed.len()
    );
    assert!(
        wrongly_confirmed.is_empty(),
        "safe twins confirmed: {wrongly_confirmed:?}"
    );
}

#[test]
fn functions_are_located_by_indentation_and_declarations() {
    let python = "class Store:\n    def get(self, key):\n        x = 1\n        return x\n\ndef top(a):\n    return a\n";
    let lines: Vec<&str> = python.lines().collect();
    assert_eq!(python_function(&lines, 3).as_deref(), Some("Store.get"));
    assert_eq!(python_function(&lines, 6).as_deref(), Some("top"));
    let js = "const run = async (req, res) => {\n  exec(x);\n};\nmodule.exports = function probe(req) {\n  exec(y);\n}\n";
    let lines: Vec<&str> = js.lines().collect();
    assert_eq!(javascript_function(&lines, 1).as_deref(), Some("run"));
    assert_eq!(javascript_function(&lines, 4).as_deref(), Some("probe"));
}
