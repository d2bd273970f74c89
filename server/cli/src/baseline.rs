//! `bluecode scan --baseline FILE` and `--new-since GIT_REF`: which findings of a scan are
//! new. The baseline is a previous report (JSON `"version": 1` or SARIF, both carry each
//! finding's fingerprints) or the scanned files as they were at the merge base of GIT_REF
//! and `HEAD`, read with the git command line and reviewed here, statically, with the
//! same workspace. Findings are matched by fingerprint (the review core's
//! `baseline` module), never by line; the exit code counts new findings only.

use std::path::{Path, PathBuf};

use anyhow::Context;
use bluecode_workspace::Workspace;
use bluecode_workspace::baseline::{BaselineKey, Fingerprint, git, match_baseline};
use serde_json::Value;

use crate::discover::FileKind;
use crate::output::{Absent, Report};

/// SARIF `partialFingerprints` keys (the version names the normalisation).
pub const FINDING_KEY: &str = "bluecodeFinding/v1";
pub const UNIT_KEY: &str = "bluecodeUnit/v1";

/// A finding of the baseline: what it is matched by, and what is shown when it is absent.
#[derive(Debug, Clone)]
pub struct BaselineFinding {
    pub key: BaselineKey,
    pub absent: Absent,
}

/// Marks every finding of `report` new, unchanged or updated against `baseline`, and
/// lists the baseline's findings that are gone.
pub fn apply(report: &mut Report, baseline: Vec<BaselineFinding>, source: String) {
    let keys: Vec<BaselineKey> = baseline.iter().map(|b| b.key.clone()).collect();
    let current: Vec<BaselineKey> = report
        .findings
        .iter()
        .map(|f| BaselineKey {
            path: normal_path(&f.path),
            fingerprint: f.fingerprint.clone(),
        })
        .collect();
    let matched = match_baseline(&keys, &current);
    for (finding, state) in report.findings.iter_mut().zip(matched.states) {
        finding.baseline_state = Some(state);
    }
    report.baseline = Some(crate::output::BaselineOutcome {
        source,
        absent: matched
            .absent
            .into_iter()
            .filter_map(|i| baseline.get(i).map(|b| b.absent.clone()))
            .collect(),
    });
}

/// `./a\b.py` → `a/b.py`: paths of reports written on other machines or from `./`.
fn normal_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    path.strip_prefix("./").unwrap_or(&path).to_owned()
}

/// The findings of a previous report, JSON or SARIF.
pub fn read(file: &Path) -> anyhow::Result<Vec<BaselineFinding>> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read the baseline {}", file.display()))?;
    let value: Value = serde_json::from_str(&text).with_context(|| {
        format!(
            "{}: not a bluecode JSON or SARIF report (not JSON)",
            file.display()
        )
    })?;
    let findings = if value.get("runs").is_some() {
        from_sarif(&value)
    } else if value.get("version").and_then(Value::as_u64) == Some(1) {
        from_json(&value)
    } else {
        anyhow::bail!(
            "{}: not a bluecode JSON (`\"version\": 1`) or SARIF report",
            file.display()
        );
    };
    findings.with_context(|| format!("{}: cannot be used as a baseline", file.display()))
}

fn text_of<'a>(value: &'a Value, pointer: &str) -> &'a str {
    value.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}

fn line_of(value: &Value, pointer: &str) -> u32 {
    value
        .pointer(pointer)
        .and_then(Value::as_u64)
        .and_then(|l| u32::try_from(l).ok())
        .unwrap_or(1)
}

fn fingerprint(finding: &str, unit: &str) -> anyhow::Result<Fingerprint> {
    if finding.is_empty() || unit.is_empty() {
        anyhow::bail!(
            "a finding has no fingerprints: the report was written by an older bluecode; scan again to make a baseline"
        );
    }
    Ok(Fingerprint {
        finding: finding.to_owned(),
        unit: unit.to_owned(),
    })
}

fn from_json(report: &Value) -> anyhow::Result<Vec<BaselineFinding>> {
    let findings = report
        .get("findings")
        .and_then(Value::as_array)
        .context("no `findings` list")?;
    findings
        .iter()
        .map(|f| {
            let path = normal_path(text_of(f, "/path"));
            Ok(BaselineFinding {
                key: BaselineKey {
                    path: path.clone(),
                    fingerprint: fingerprint(
                        text_of(f, "/fingerprint"),
                        text_of(f, "/unit_fingerprint"),
                    )?,
                },
                absent: Absent {
                    path,
                    line: line_of(f, "/start/line"),
                    rule_id: text_of(f, "/rule_id").to_owned(),
                    message: text_of(f, "/message").to_owned(),
                    severity: text_of(f, "/severity").to_owned(),
                    fingerprint: fingerprint(
                        text_of(f, "/fingerprint"),
                        text_of(f, "/unit_fingerprint"),
                    )?,
                },
            })
        })
        .collect()
}

fn from_sarif(report: &Value) -> anyhow::Result<Vec<BaselineFinding>> {
    let mut out = Vec::new();
    for run in report
        .get("runs")
        .and_then(Value::as_array)
        .context("no `runs` list")?
    {
        let results = run.get("results").and_then(Value::as_array);
        for r in results.into_iter().flatten() {
            // A result absent in that report was already gone then.
            if r.get("baselineState").and_then(Value::as_str) == Some("absent") {
                continue;
            }
            let prints = r.get("partialFingerprints").cloned().unwrap_or(Value::Null);
            let print = fingerprint(
                prints
                    .get(FINDING_KEY)
                    .and_then(Value::as_str)
                    .unwrap_or(""),
                prints.get(UNIT_KEY).and_then(Value::as_str).unwrap_or(""),
            )?;
            let location = "/locations/0/physicalLocation";
            let path = normal_path(text_of(r, &format!("{location}/artifactLocation/uri")));
            out.push(BaselineFinding {
                key: BaselineKey {
                    path: path.clone(),
                    fingerprint: print.clone(),
                },
                absent: Absent {
                    path,
                    line: line_of(r, &format!("{location}/region/startLine")),
                    rule_id: text_of(r, "/ruleId").to_owned(),
                    message: text_of(r, "/message/text").to_owned(),
                    severity: match text_of(r, "/level") {
                        "note" => "info",
                        other => other,
                    }
                    .to_owned(),
                    fingerprint: print,
                },
            });
        }
    }
    Ok(out)
}

/// The findings of the scanned `files` as they were at the merge base of `reference` and
/// `HEAD` (a file that did not exist there has none), static layers only, and how that
/// commit is named in the report.
pub fn at_git_ref(
    workspace: &Workspace,
    files: &[(PathBuf, FileKind)],
    reference: &str,
    today: bluecode_analysis::Date,
) -> anyhow::Result<(Vec<BaselineFinding>, String)> {
    let root = crate::workspace::root(workspace);
    let repo = git::repo_root(root)
        .with_context(|| format!("--new-since needs a git repository at {}", root.display()))?;
    let repo = std::fs::canonicalize(&repo).unwrap_or(repo);
    let base = git::merge_base(&repo, reference)
        .with_context(|| format!("--new-since {reference}: no merge base with HEAD"))?;
    let mut wanted = Vec::new();
    let mut relative = Vec::new();
    for (path, kind) in files {
        let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        if let Some(r) = git::relative_to(&repo, &absolute) {
            wanted.push((path, *kind));
            relative.push(r);
        }
    }
    let texts = git::read_at(&repo, &base, &relative)?;
    let layers = crate::scan::Layers::none();
    let mut out = Vec::new();
    for ((path, kind), text) in wanted.into_iter().zip(texts) {
        let Some(text) = text else { continue };
        for f in crate::scan::scan_text(workspace, &layers, path, kind, text, today) {
            let path = normal_path(&f.path);
            out.push(BaselineFinding {
                key: BaselineKey {
                    path: path.clone(),
                    fingerprint: f.fingerprint.clone(),
                },
                absent: Absent {
                    path,
                    line: f.start.line + 1,
                    rule_id: f.finding.rule_id.clone(),
                    message: f.finding.message.clone(),
                    severity: f.finding.severity.name().to_owned(),
                    fingerprint: f.fingerprint,
                },
            });
        }
    }
    tracing::info!(commit = %base, findings = out.len(), "baseline from git");
    let short = base.get(..12).unwrap_or(&base);
    Ok((out, format!("{reference} (merge base {short})")))
}
