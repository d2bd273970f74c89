//! Another tool's results, scored like bluecode's: a SARIF 2.1.0 log (ruff, Bandit,
//! Semgrep and most scanners write one) becomes findings on the corpus' files. A result's
//! CWEs come from its rule's `properties.tags` (`external/cwe/cwe-078`, `CWE-78: …`) or
//! from a `RULE,CWE-N[,CWE-M…]` table for tools whose rules carry none.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use anyhow::Context;
use bluecode_analysis::constitutions::{Category, Confidence, Severity};
use bluecode_analysis::syntax::LineCol;
use bluecode_analysis::{Finding, FindingSource};
use regex::Regex;
use serde_json::Value;

use crate::output::Located;

static CWE_IN_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bcwe[-_/:]?\s*0*(\d+)").expect("static regex"));

/// `RULE,CWE-N[,CWE-M…]` lines; `#` starts a comment.
pub fn read_rule_cwes(path: &Path) -> anyhow::Result<HashMap<String, Vec<u32>>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut table = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        let mut fields = line.split(',').map(str::trim);
        let rule = fields.next().unwrap_or_default().to_owned();
        let cwes: Vec<u32> = fields
            .map(|f| {
                cwe_number(f)
                    .with_context(|| format!("{}:{}: `{f}` is not a CWE-N", path.display(), n + 1))
            })
            .collect::<anyhow::Result<_>>()?;
        table.insert(rule, cwes);
    }
    Ok(table)
}

fn cwe_number(text: &str) -> Option<u32> {
    CWE_IN_TAG.captures(text)?.get(1)?.as_str().parse().ok()
}

/// The results of a SARIF log as findings on the files in `scanned` (display paths);
/// results on other files are left out.
pub fn from_sarif(
    sarif: &Path,
    scanned: &[String],
    rule_cwes: &HashMap<String, Vec<u32>>,
) -> anyhow::Result<Vec<Located>> {
    let text = std::fs::read_to_string(sarif)
        .with_context(|| format!("cannot read {}", sarif.display()))?;
    let log: Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", sarif.display()))?;
    let runs = log
        .get("runs")
        .and_then(Value::as_array)
        .with_context(|| format!("{}: no `runs` array (not SARIF 2.1.0?)", sarif.display()))?;
    let by_canonical: HashMap<PathBuf, &String> = scanned
        .iter()
        .filter_map(|s| Some((std::fs::canonicalize(s).ok()?, s)))
        .collect();
    let base = sarif.parent().unwrap_or(Path::new("."));
    let mut out = Vec::new();
    for run in runs {
        let mut run_cwes: HashMap<String, Vec<u32>> = HashMap::new();
        for rule in run
            .pointer("/tool/driver/rules")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(id) = rule.get("id").and_then(Value::as_str) else {
                continue;
            };
            let cwes: Vec<u32> = rule
                .pointer("/properties/tags")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .filter_map(cwe_number)
                .collect();
            run_cwes.insert(id.to_owned(), cwes);
        }
        for result in run
            .get("results")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let rule_id = result
                .get("ruleId")
                .or_else(|| result.pointer("/rule/id"))
                .and_then(Value::as_str)
                .unwrap_or("unknown")
                .to_owned();
            let Some(location) = result.pointer("/locations/0/physicalLocation") else {
                continue;
            };
            let Some(uri) = location
                .pointer("/artifactLocation/uri")
                .and_then(Value::as_str)
            else {
                continue;
            };
            let Some(path) = resolve(uri, base).and_then(|p| by_canonical.get(&p).copied()) else {
                continue;
            };
            let line = |key: &str| {
                location
                    .pointer(&format!("/region/{key}"))
                    .and_then(Value::as_u64)
                    .and_then(|l| u32::try_from(l).ok())
            };
            let Some(start_line) = line("startLine") else {
                continue;
            };
            let end_line = line("endLine").unwrap_or(start_line).max(start_line);
            let mut cwe = rule_cwes.get(&rule_id).cloned().unwrap_or_default();
            if cwe.is_empty() {
                cwe = run_cwes.get(&rule_id).cloned().unwrap_or_default();
            }
            let message = result
                .pointer("/message/text")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            out.push(Located {
                path: path.clone(),
                start: LineCol {
                    line: start_line.saturating_sub(1),
                    col: 0,
                },
                end: LineCol {
                    line: end_line.saturating_sub(1),
                    col: 0,
                },
                trace: Vec::new(),
                snippet: String::new(),
                profile: String::new(),
                // Another tool's finding: nothing to match against a baseline.
                fingerprint: Default::default(),
                baseline_state: None,
                finding: Finding {
                    source: FindingSource::Static,
                    rule_id,
                    title: message.clone(),
                    message,
                    category: Category::Vulnerability,
                    cwe,
                    severity: Severity::Warning,
                    confidence: Confidence::High,
                    range: 0..0,
                    unit_id: String::new(),
                    trace: Vec::new(),
                    fix: None,
                    note: None,
                },
            });
        }
    }
    Ok(out)
}

/// A result's file: a `file://` URI, an absolute path, or a path relative to the
/// current folder or to the SARIF file's folder.
fn resolve(uri: &str, base: &Path) -> Option<PathBuf> {
    let path = match url::Url::parse(uri) {
        Ok(url) if url.scheme() == "file" => url.to_file_path().ok()?,
        _ => PathBuf::from(
            percent_encoding::percent_decode_str(uri)
                .decode_utf8_lossy()
                .into_owned(),
        ),
    };
    [path.clone(), base.join(&path)]
        .iter()
        .find_map(|p| std::fs::canonicalize(p).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cwe_numbers_are_read_from_common_tag_shapes() {
        assert_eq!(cwe_number("external/cwe/cwe-078"), Some(78));
        assert_eq!(cwe_number("CWE-89: SQL Injection"), Some(89));
        assert_eq!(cwe_number("security"), None);
    }

    #[test]
    fn uris_resolve_as_file_urls_or_relative_paths() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("a b.py");
        std::fs::write(&file, "x = 1\n").expect("write");
        let canonical = std::fs::canonicalize(&file).ok();
        let url = url::Url::from_file_path(&file).expect("absolute path");
        assert_eq!(resolve(url.as_str(), Path::new("/")), canonical);
        assert_eq!(resolve("a%20b.py", dir.path()), canonical);
        assert_eq!(resolve("missing.py", dir.path()), None);
    }
}
