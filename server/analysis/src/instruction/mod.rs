//! Reviews an AI instruction file (AGENTS.md, .cursorrules, …) the way an agent reads it:
//! the raw text; the text a Markdown renderer hides from the human reviewer (HTML comments,
//! collapsed `<details>`, link-reference comments — said so in the message); and the text
//! hidden by an encoding (base64, hex, URL escapes, string escapes, rot13, tag characters,
//! zero-width interleaving, look-alike letters), decoded within bounds. The same
//! file-scoped patterns of the constitutions run over each; a match in decoded text is
//! reported on the encoded span of the original file.
//!
//! Depends on the constitutions' patterns and the analysis `Finding` only.

mod decode;
mod hidden;

use std::ops::Range;

use bluecode_constitutions::{Constitution, Pattern, PatternKind};

use crate::finding::{Finding, FindingSource};

use decode::decoded_views;
use hidden::hidden_spans;

/// A file-scoped regex pattern of a constitution.
#[derive(Clone, Copy)]
pub(crate) struct FilePattern<'a> {
    pub constitution: &'a Constitution,
    pub pattern: &'a Pattern,
}

/// How much of a decoded text the message quotes.
const QUOTE_CHARS: usize = 80;

/// Every finding of `patterns` on the file `text`, raw, hidden and decoded.
pub(crate) fn review(patterns: &[FilePattern<'_>], text: &str) -> Vec<Finding> {
    let hidden = hidden_spans(text);
    let mut findings = Vec::new();
    for rule in patterns {
        for range in matches(rule.pattern, text) {
            let mut finding = text_finding(rule, range.clone());
            if let Some(kind) = hidden::hiding(&hidden, &range) {
                finding.message = format!("{} ({})", finding.message, kind.describe());
            }
            findings.push(finding);
        }
    }
    for view in decoded_views(text) {
        for rule in patterns {
            if matches(rule.pattern, &view.text).is_empty() {
                continue;
            }
            // The same rule already matched the encoded span as it stands: nothing new.
            if findings
                .iter()
                .any(|f| f.rule_id == rule.constitution.id && overlaps(&f.range, &view.range))
            {
                continue;
            }
            let mut finding = text_finding(rule, view.range.clone());
            let how = view.encodings.join(", then ");
            let mut message = format!(
                "{} (hidden as {how}; decoded: \u{201c}{}\u{201d}",
                finding.message,
                quote(&view.text)
            );
            if let Some(kind) = hidden::hiding(&hidden, &view.range) {
                message.push_str(&format!("; {}", kind.describe()));
            }
            message.push(')');
            finding.message = message;
            finding.note = Some(format!("Decoded text ({how}):\n{}", bounded(&view.text)));
            findings.push(finding);
        }
    }
    findings.sort_by_key(|f| (f.range.start, f.range.end));
    findings
}

/// The ranges where the pattern matches, less those its `unless` rules out.
fn matches(pattern: &Pattern, text: &str) -> Vec<Range<usize>> {
    let PatternKind::Regex { regex, .. } = &pattern.kind else {
        return Vec::new();
    };
    regex
        .find_iter(text)
        .filter(|m| !pattern.ruled_out(text, m.clone()))
        .collect()
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The decoded text on one line, shortened for a message.
fn quote(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= QUOTE_CHARS {
        return flat;
    }
    let cut: String = flat.chars().take(QUOTE_CHARS).collect();
    format!("{cut}…")
}

fn bounded(text: &str) -> String {
    const NOTE_CHARS: usize = 600;
    if text.chars().count() <= NOTE_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(NOTE_CHARS).collect();
    format!("{cut}…")
}

fn text_finding(rule: &FilePattern<'_>, range: Range<usize>) -> Finding {
    let c = rule.constitution;
    let title = rule
        .pattern
        .message
        .as_deref()
        .unwrap_or(&c.title)
        .to_owned();
    Finding {
        source: FindingSource::Static,
        rule_id: c.id.clone(),
        message: match c.cwe_label() {
            Some(cwe) => format!("{cwe} {title}"),
            None => title.clone(),
        },
        title,
        category: c.category,
        cwe: c.cwe.clone(),
        severity: c.severity,
        confidence: rule.pattern.confidence.unwrap_or(c.confidence),
        range,
        unit_id: "module".into(),
        trace: Vec::new(),
        fix: None,
        note: None,
    }
}
