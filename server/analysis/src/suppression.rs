//! Suppression comments: `bluecode: ignore[ID, CWE-N, prefix*] reason="…" until=YYYY-MM-DD`
//! in a real comment (never in a string literal: text the code carries as data cannot
//! silence a finding). A trailing comment covers its own line; a comment alone on its
//! line covers the next code line. A suppression needs a reason, and an expired one stops
//! suppressing; both are reported.

use std::sync::LazyLock;

use bluecode_constitutions::{Category, Confidence, Severity};
use bluecode_syntax::Document;
use regex::Regex;

pub use jiff::civil::Date;

use crate::finding::{Finding, FindingSource};

pub const SUPPRESSION_WITHOUT_REASON: &str = "bluecode.suppression-without-reason";
pub const SUPPRESSION_EXPIRED: &str = "bluecode.suppression-expired";

static DIRECTIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"bluecode:\s*ignore\[([^\]]*)\]([^\n]*)").expect("static regex"));
static REASON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"reason\s*=\s*"([^"]*)""#).expect("static regex"));
static UNTIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"until\s*=\s*(\S+)").expect("static regex"));

struct Directive {
    selectors: Vec<String>,
    target_line: u32,
    comment: std::ops::Range<usize>,
    reason: Option<String>,
    problem: Option<(String, String)>,
}

/// The comment text that suppresses `rule_id` with a reason, for code actions.
pub fn suppression_comment(rule_id: &str, reason: &str) -> String {
    format!(
        "bluecode: ignore[{rule_id}] reason=\"{}\"",
        reason.replace('"', "'")
    )
}

fn selector_matches(selector: &str, finding: &Finding) -> bool {
    if selector == "*" || selector == finding.rule_id {
        return true;
    }
    if let Some(n) = selector
        .strip_prefix("CWE-")
        .or_else(|| selector.strip_prefix("cwe-"))
    {
        return n.parse::<u32>().is_ok_and(|n| finding.cwe.contains(&n));
    }
    selector
        .strip_suffix('*')
        .is_some_and(|p| finding.rule_id.starts_with(p))
}

fn in_comment(doc: &Document, offset: usize) -> bool {
    let Some(tree) = doc.tree() else {
        // Files without a grammar have no string literals to hide behind.
        return true;
    };
    let mut node = tree
        .root_node()
        .descendant_for_byte_range(offset, offset + 1);
    while let Some(n) = node {
        if n.kind().contains("comment") {
            return true;
        }
        node = n.parent();
    }
    false
}

fn directives(doc: &Document, today: Date) -> Vec<Directive> {
    let text = doc.text();
    let index = doc.line_index();
    let mut out = Vec::new();
    for m in DIRECTIVE.captures_iter(text) {
        let (Some(whole), Some(ids), Some(rest)) = (m.get(0), m.get(1), m.get(2)) else {
            continue;
        };
        if !in_comment(doc, whole.start()) {
            continue;
        }
        let line = index.line_of(whole.start());
        let line_start = index.line_start(line);
        let before = text.get(line_start..whole.start()).unwrap_or_default();
        let standalone = before
            .trim()
            .trim_start_matches(['#', '/', '*', '-'])
            .trim()
            .is_empty();
        let target_line = if standalone {
            next_code_line(text, index, line)
        } else {
            line
        };
        let reason = REASON
            .captures(rest.as_str())
            .and_then(|c| c.get(1))
            .map(|r| r.as_str().trim().to_owned())
            .filter(|r| !r.is_empty());
        let until = UNTIL
            .captures(rest.as_str())
            .and_then(|c| c.get(1))
            .map(|u| u.as_str().trim_matches('"').to_owned());
        let problem = match (&reason, until) {
            (None, _) => Some((
                SUPPRESSION_WITHOUT_REASON.to_owned(),
                "This suppression has no reason, so it does not suppress anything: add reason=\"…\""
                    .to_owned(),
            )),
            (Some(_), Some(until)) => match until.parse::<Date>() {
                Ok(date) if date < today => Some((
                    SUPPRESSION_EXPIRED.to_owned(),
                    format!("This suppression expired on {date} and no longer suppresses anything"),
                )),
                Ok(_) => None,
                Err(_) => Some((
                    SUPPRESSION_WITHOUT_REASON.to_owned(),
                    format!("Invalid until date `{until}`: write until=YYYY-MM-DD"),
                )),
            },
            (Some(_), None) => None,
        };
        out.push(Directive {
            selectors: ids
                .as_str()
                .split(',')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
            target_line,
            comment: whole.range(),
            reason,
            problem,
        });
    }
    out
}

fn next_code_line(text: &str, index: &bluecode_syntax::LineIndex, line: u32) -> u32 {
    let mut l = line + 1;
    while (l as usize) < index.line_count() {
        let start = index.line_start(l);
        let end = index.line_start(l + 1).min(text.len());
        let content = text.get(start..end).unwrap_or_default().trim();
        if !content.is_empty() && !content.starts_with('#') && !content.starts_with("//") {
            return l;
        }
        l += 1;
    }
    line + 1
}

/// The findings a valid suppression covers, each with the suppression's reason: what the
/// team decided is acceptable here (the judge's knowledge base shows them as
/// counter-examples).
pub fn accepted_suppressions(
    doc: &Document,
    findings: &[Finding],
    today: Date,
) -> Vec<(Finding, String)> {
    let directives = directives(doc, today);
    if directives.is_empty() {
        return Vec::new();
    }
    let index = doc.line_index();
    findings
        .iter()
        .filter_map(|finding| {
            let line = index.line_of(finding.range.start);
            directives
                .iter()
                .find(|d| {
                    d.problem.is_none()
                        && d.target_line == line
                        && d.selectors.iter().any(|s| selector_matches(s, finding))
                })
                .and_then(|d| d.reason.clone())
                .map(|reason| (finding.clone(), reason))
        })
        .collect()
}

/// Drops the findings that a valid suppression covers and adds a finding for each
/// suppression without a reason and each expired one.
pub fn apply_suppressions(doc: &Document, findings: Vec<Finding>, today: Date) -> Vec<Finding> {
    let directives = directives(doc, today);
    if directives.is_empty() {
        return findings;
    }
    let index = doc.line_index();
    let mut kept = Vec::with_capacity(findings.len());
    for mut finding in findings {
        let line = index.line_of(finding.range.start);
        let covering = directives.iter().find(|d| {
            d.target_line == line && d.selectors.iter().any(|s| selector_matches(s, &finding))
        });
        match covering {
            Some(d) if d.problem.is_none() => {}
            Some(d) => {
                if let Some((_, message)) = &d.problem {
                    finding.note = Some(message.clone());
                }
                kept.push(finding);
            }
            None => kept.push(finding),
        }
    }
    for d in &directives {
        if let Some((id, message)) = &d.problem {
            kept.push(Finding {
                source: FindingSource::Static,
                rule_id: id.clone(),
                title: message.clone(),
                message: message.clone(),
                category: Category::Suppression,
                cwe: Vec::new(),
                severity: Severity::Warning,
                confidence: Confidence::High,
                range: d.comment.clone(),
                unit_id: "module".into(),
                trace: Vec::new(),
                fix: None,
                note: None,
            });
        }
    }
    kept.sort_by(|a, b| (a.range.start, &a.rule_id).cmp(&(b.range.start, &b.rule_id)));
    kept
}
