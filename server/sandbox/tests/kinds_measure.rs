//! The harness kinds measured on their own vulnerable/patched pairs (`tests/kinds/<kind>/`,
//! written for this purpose): every file names the function to verify and the finding's CWE
//! on its first line (`# verify: FUNC CWE-N`, `// verify: …`). Prints, per kind, how many
//! vulnerable files were confirmed, how many safe twins were refuted (not reproduced), and
//! how many runs were inconclusive, with the median time; asserts that no safe twin is
//! confirmed and that no vulnerable file is refuted. Needs a real engine
//! (`BLUECODE_DOCKER_TESTS=1`).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bluecode_sandbox::{CancellationToken, Verdict, VerifyReport, VerifyRequest};
use common::{docker_enabled, sandbox};

struct Case {
    kind: String,
    file: PathBuf,
    vulnerable: bool,
    request: VerifyRequest,
}

/// `verify: FUNC CWE-N` from the file's first line.
fn header(source: &str) -> Option<(String, String)> {
    let first = source.lines().next()?;
    let rest = first.split_once("verify:")?.1.trim();
    let (function, cwe) = rest.split_once(' ')?;
    Some((function.to_owned(), cwe.trim().to_owned()))
}

fn cases(root: &Path) -> Vec<Case> {
    let mut cases = Vec::new();
    let Ok(kinds) = std::fs::read_dir(root) else {
        return cases;
    };
    let mut kinds: Vec<PathBuf> = kinds.flatten().map(|e| e.path()).collect();
    kinds.sort();
    for dir in kinds {
        let kind = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let Ok(entries) = std::fs::read_dir(&dir) else {
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
            let language = match file.extension().and_then(|e| e.to_str()) {
                Some("py") => "python",
                Some("js") => "javascript",
                _ => continue,
            };
            let source = std::fs::read_to_string(&file).unwrap_or_default();
            let Some((function, cwe)) = header(&source) else {
                panic!("{} has no `verify: FUNC CWE-N` first line", file.display());
            };
            cases.push(Case {
                kind: kind.clone(),
                vulnerable: name.contains("_vuln."),
                request: VerifyRequest {
                    language: language.into(),
                    module_source: source,
                    module_file: name,
                    function,
                    hint: Some(cwe),
                    ..Default::default()
                },
                file,
            });
        }
    }
    cases
}

/// Per kind: confirmed/vulnerable, refuted/safe, inconclusive, refuted vulnerable, confirmed safe.
#[derive(Default)]
struct Row {
    vulnerable: usize,
    confirmed: usize,
    vulnerable_refuted: usize,
    safe: usize,
    refuted: usize,
    safe_confirmed: usize,
    inconclusive: usize,
}

#[tokio::test(flavor = "multi_thread")]
async fn every_kind_confirms_its_vulnerable_files_and_refutes_its_safe_twins() {
    if !docker_enabled("every_kind_confirms_its_vulnerable_files_and_refutes_its_safe_twins") {
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/kinds");
    let sandbox = Arc::new(sandbox());
    // One at a time by default, so that the median is the time of one verification, not of
    // verifications competing for two cores; BLUECODE_SANDBOX_PARALLEL=N runs N at a time.
    let parallel = std::env::var("BLUECODE_SANDBOX_PARALLEL")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let limit = Arc::new(tokio::sync::Semaphore::new(parallel));
    let mut runs = tokio::task::JoinSet::new();
    for case in cases(&root) {
        let (sandbox, limit) = (Arc::clone(&sandbox), Arc::clone(&limit));
        runs.spawn(async move {
            let _permit = limit.acquire().await;
            let report = sandbox
                .verify(&case.request, &|_| {}, &CancellationToken::new())
                .await;
            (case, report)
        });
    }
    let mut results: Vec<(Case, VerifyReport)> = Vec::new();
    while let Some(joined) = runs.join_next().await {
        results.push(joined.unwrap_or_else(|e| panic!("{e}")));
    }
    results.sort_by(|a, b| a.0.file.cmp(&b.0.file));
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let mut times = Vec::new();
    let mut run_times = Vec::new();
    let mut wrong = Vec::new();
    for (case, report) in &results {
        let shown = case
            .file
            .strip_prefix(&root)
            .unwrap_or(&case.file)
            .display();
        eprintln!(
            "KIND {shown} {}: {} ({} ms)",
            case.request.function,
            report.verdict.explanation(),
            report.timing.total_ms
        );
        times.push(report.timing.total_ms);
        run_times.push(report.timing.run_ms);
        let row = rows.entry(case.kind.clone()).or_default();
        let confirmed = matches!(report.verdict, Verdict::Confirmed { .. });
        let refuted = matches!(report.verdict, Verdict::NotReproduced { .. });
        row.inconclusive += usize::from(!confirmed && !refuted);
        if case.vulnerable {
            row.vulnerable += 1;
            row.confirmed += usize::from(confirmed);
            row.vulnerable_refuted += usize::from(refuted);
            if refuted {
                wrong.push(format!("{shown}: vulnerable file not reproduced"));
            }
        } else {
            row.safe += 1;
            row.refuted += usize::from(refuted);
            row.safe_confirmed += usize::from(confirmed);
            if confirmed {
                wrong.push(format!("{shown}: safe twin confirmed"));
            }
        }
    }
    times.sort_unstable();
    run_times.sort_unstable();
    let median = times.get(times.len() / 2).copied().unwrap_or(0);
    let median_run = run_times.get(run_times.len() / 2).copied().unwrap_or(0);
    let p95 = times
        .get((times.len() * 95).div_ceil(100).saturating_sub(1))
        .copied()
        .unwrap_or(0);
    eprintln!(
        "| kind | confirmed / vulnerable | vulnerable not reproduced | refuted / safe | safe confirmed | inconclusive |"
    );
    eprintln!("|---|---|---|---|---|---|");
    for (kind, row) in &rows {
        eprintln!(
            "| {kind} | {}/{} | {} | {}/{} | {} | {} |",
            row.confirmed,
            row.vulnerable,
            row.vulnerable_refuted,
            row.refuted,
            row.safe,
            row.safe_confirmed,
            row.inconclusive
        );
    }
    eprintln!(
        "MEASURED kinds: {} runs, {parallel} at a time, median {median} ms (container run {median_run} ms), p95 {p95} ms",
        times.len()
    );
    assert!(wrong.is_empty(), "wrong verdicts: {wrong:#?}");
}

#[test]
fn headers_name_the_function_and_the_cwe() {
    assert_eq!(
        header("# verify: Store.get CWE-117\nimport x\n"),
        Some(("Store.get".to_owned(), "CWE-117".to_owned()))
    );
    assert_eq!(header("import x\n"), None);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/kinds");
    let cases = cases(&root);
    assert!(
        cases.len() >= 20,
        "only {} cases under tests/kinds",
        cases.len()
    );
    for case in &cases {
        let twin = case
            .file
            .to_string_lossy()
            .replace("_vuln.", "_TWIN.")
            .replace("_safe.", "_vuln.")
            .replace("_TWIN.", "_safe.");
        assert!(
            Path::new(&twin).exists(),
            "{} has no twin",
            case.file.display()
        );
    }
}
