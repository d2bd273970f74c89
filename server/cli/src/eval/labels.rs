//! Reading labels: inline `expect:` / `expect-not:` comments, or a per-file CSV.

use std::path::Path;
use std::sync::LazyLock;

use anyhow::Context;
use regex::Regex;

use crate::output::Report;

/// One labelled line (or, with `line: None`, a whole file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub path: String,
    /// 1-based line, or `None` for a file-level label.
    pub line: Option<u32>,
    pub label: String,
    pub vulnerable: bool,
}

static ANNOTATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:#|//|<!--|/\*|\*|--|;)\s*(expect|expect-not):\s*(.*?)\s*(?:-->|\*/)?\s*$")
        .expect("static regex")
});

/// Normalises `cwe-78`, `CWE-078`, `78` to `CWE-78`; other labels are kept.
pub fn normalize(label: &str) -> String {
    let l = label.trim();
    let digits = l
        .strip_prefix("CWE-")
        .or_else(|| l.strip_prefix("cwe-"))
        .unwrap_or(l);
    match digits.parse::<u32>() {
        Ok(n) => format!("CWE-{n}"),
        Err(_) => l.to_owned(),
    }
}

/// Annotations in every scanned file.
pub fn inline(report: &Report) -> anyhow::Result<Vec<Case>> {
    let mut cases = Vec::new();
    for path in &report.scanned {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(c) = ANNOTATION.captures(line) else {
                continue;
            };
            let vulnerable = &c[1] == "expect";
            // The target is the next line that is not itself an annotation.
            let target = (i + 1..lines.len()).find(|j| !ANNOTATION.is_match(lines[*j]));
            let Some(target) = target else { continue };
            for label in c[2].split(',').map(normalize).filter(|l| !l.is_empty()) {
                cases.push(Case {
                    path: path.clone(),
                    line: Some(target as u32 + 1),
                    label,
                    vulnerable,
                });
            }
        }
    }
    Ok(cases)
}

/// A CSV `file,cwe,vulnerable` (header optional); files relative to the CSV's folder.
pub fn from_csv(csv: &Path, report: &Report) -> anyhow::Result<Vec<Case>> {
    let text =
        std::fs::read_to_string(csv).with_context(|| format!("cannot read {}", csv.display()))?;
    let base = csv.parent().unwrap_or(Path::new("."));
    let mut cases = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        if n == 0
            && fields
                .first()
                .is_some_and(|f| f.eq_ignore_ascii_case("file"))
        {
            continue;
        }
        let [file, cwe, vulnerable] = fields.as_slice() else {
            anyhow::bail!(
                "{}:{}: expected `file,cwe,vulnerable`",
                csv.display(),
                n + 1
            );
        };
        let vulnerable = match vulnerable.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => true,
            "false" | "0" | "no" => false,
            other => anyhow::bail!(
                "{}:{}: `vulnerable` must be true or false, not `{other}`",
                csv.display(),
                n + 1
            ),
        };
        let joined = crate::scan::display_path(&base.join(file));
        let path = report
            .scanned
            .iter()
            .find(|p| **p == joined || p.ends_with(&format!("/{file}")))
            .cloned()
            .unwrap_or(joined);
        cases.push(Case {
            path,
            line: None,
            label: normalize(cwe),
            vulnerable,
        });
    }
    Ok(cases)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_in_every_comment_style() {
        for (line, kind, labels) in [
            ("    # expect: CWE-78", "expect", "CWE-78"),
            (
                "// expect-not: CWE-89, cwe-564",
                "expect-not",
                "CWE-89, cwe-564",
            ),
            ("<!-- expect: instruction -->", "expect", "instruction"),
            ("/* expect: CWE-134 */", "expect", "CWE-134"),
        ] {
            let c = ANNOTATION.captures(line).expect(line);
            assert_eq!(&c[1], kind);
            assert_eq!(&c[2], labels);
        }
        assert!(ANNOTATION.captures("x = 1  # expect: CWE-78").is_none());
        assert_eq!(normalize("cwe-078"), "CWE-78");
        assert_eq!(normalize("malicious"), "malicious");
    }
}
