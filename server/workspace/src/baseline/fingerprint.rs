//! Stable fingerprints of findings: what a finding *is*, not where it sits. Two hashes:
//!
//! - the **finding** fingerprint: the constitution id, the name path of the function unit
//!   holding it (`Cart.total`, repeat markers `#2` dropped), the normalised text of the
//!   flagged (sink) expression, and its ordinal among findings that share those three;
//! - the **unit** fingerprint: the normalised own text of that unit.
//!
//! Normalised text is the code without comments and whitespace, with `'` read as `"` and a
//! comma before a closing bracket dropped — what a formatter (Black, Prettier, gofmt)
//! changes. No line or column goes in, so moving a function, reformatting the file or
//! editing another function changes neither; editing the function itself changes only the
//! unit fingerprint (a baseline calls that finding `updated`).

use std::collections::HashMap;
use std::ops::Range;

use bluecode_analysis::Finding;
use bluecode_analysis::syntax::tree_sitter::Node;
use bluecode_analysis::syntax::{Document, Unit, extract_units};
use xxhash_rust::xxh3::xxh3_64;

/// A finding's two fingerprints, as 16 hex digits each.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Fingerprint {
    /// Identity: constitution, unit name path, sink expression, ordinal.
    pub finding: String,
    /// The normalised own text of the unit holding the finding.
    pub unit: String,
}

/// The fingerprints of `findings` (in their order) in `doc`. A document with a syntax
/// tree is read through it (comments left out, units by position); one without is read
/// as text, its findings' own unit ids naming them.
pub fn fingerprints(doc: &Document, findings: &[Finding]) -> Vec<Fingerprint> {
    fingerprints_with_units(doc, None, findings)
}

/// [`fingerprints`], given the units of `doc` when the caller has them (a review just
/// outlined the document): outlining it again was 2 % of an indexed scan.
pub fn fingerprints_with_units(
    doc: &Document,
    units: Option<&[Unit]>,
    findings: &[Finding],
) -> Vec<Fingerprint> {
    if findings.is_empty() {
        return Vec::new();
    }
    let outlined;
    let units = match units {
        _ if doc.tree().is_none() => &[][..],
        Some(units) => units,
        None => {
            outlined = extract_units(doc);
            &outlined[..]
        }
    };
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| (findings[i].range.start, findings[i].range.end));
    let mut seen: HashMap<(String, String, String), u32> = HashMap::new();
    let mut out = vec![Fingerprint::default(); findings.len()];
    for i in order {
        let finding = &findings[i];
        let unit = innermost_unit(units, finding.range.start);
        let name_path = name_path(unit.map_or(finding.unit_id.as_str(), |u| u.id.as_str()));
        let sink = normalised(doc, std::slice::from_ref(&finding.range));
        let unit_text = match unit {
            Some(unit) => normalised(doc, &unit.own_ranges),
            None => normalised(doc, std::slice::from_ref(&line_range(doc, &finding.range))),
        };
        let key = (finding.rule_id.clone(), name_path, sink);
        let ordinal = seen.entry(key.clone()).or_insert(0);
        let identity = format!("{}\0{}\0{}\0{}", key.0, key.1, key.2, ordinal);
        *ordinal += 1;
        out[i] = Fingerprint {
            finding: hex(xxh3_64(identity.as_bytes())),
            unit: hex(xxh3_64(unit_text.as_bytes())),
        };
    }
    out
}

fn hex(hash: u64) -> String {
    format!("{hash:016x}")
}

/// The innermost unit whose range holds `offset` (the module when no function does).
fn innermost_unit(units: &[Unit], offset: usize) -> Option<&Unit> {
    units
        .iter()
        .filter(|u| u.range.contains(&offset))
        .min_by_key(|u| u.range.len())
}

/// A unit id without its repeat markers: `handler#2` → `handler`. Which of two same-named
/// functions a finding is in is told by its ordinal, not by an index that shifts when a
/// function is added above.
fn name_path(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    let mut chars = id.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '#' && chars.peek().is_some_and(char::is_ascii_digit) {
            while chars.peek().is_some_and(char::is_ascii_digit) {
                chars.next();
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// The whole lines a range spans (the "unit" of a document read as text).
fn line_range(doc: &Document, range: &Range<usize>) -> Range<usize> {
    let text = doc.text();
    let start = text
        .get(..range.start.min(text.len()))
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(range.end.min(text.len())..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| range.end + i);
    start..end
}

/// The normalised text of `ranges` of `doc`.
fn normalised(doc: &Document, ranges: &[Range<usize>]) -> String {
    let mut raw = String::new();
    for range in ranges {
        match doc.tree() {
            Some(tree) => code_without_comments(tree.root_node(), doc.text(), range, &mut raw),
            None => raw.push_str(doc.text().get(range.clone()).unwrap_or_default()),
        }
    }
    canonical(&raw)
}

/// Appends the text of `range` under `node`, comments left out.
fn code_without_comments(node: Node, text: &str, range: &Range<usize>, out: &mut String) {
    let mut stack = vec![node];
    // Depth first, children in order: a stack of nodes and the gaps between them.
    let mut pieces: Vec<Range<usize>> = Vec::new();
    while let Some(node) = stack.pop() {
        if node.end_byte() <= range.start || node.start_byte() >= range.end {
            continue;
        }
        if node.kind().contains("comment") {
            continue;
        }
        let mut cursor = node.walk();
        let children: Vec<Node> = node.children(&mut cursor).collect();
        if children.is_empty() {
            pieces.push(node.start_byte().max(range.start)..node.end_byte().min(range.end));
            continue;
        }
        // The text between children (a string's content around its escapes) counts too.
        let mut at = node.start_byte();
        for child in &children {
            if child.start_byte() > at {
                pieces.push(at.max(range.start)..child.start_byte().min(range.end));
            }
            at = at.max(child.end_byte());
        }
        if node.end_byte() > at {
            pieces.push(at.max(range.start)..node.end_byte().min(range.end));
        }
        stack.extend(children.into_iter().rev());
    }
    pieces.retain(|p| p.start < p.end);
    pieces.sort_by_key(|p| p.start);
    for piece in pieces {
        out.push_str(text.get(piece).unwrap_or_default());
    }
}

/// No whitespace, `'` as `"`, no comma before a closing bracket.
fn canonical(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            c if c.is_whitespace() => {}
            '\'' => out.push('"'),
            ')' | ']' | '}' => {
                if out.ends_with(',') {
                    out.pop();
                }
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use bluecode_analysis::syntax::Language;

    use super::*;

    fn doc(text: &str) -> Document {
        Document::new(Some(Language::Python), text.to_owned())
    }

    fn finding(rule: &str, range: Range<usize>, unit: &str) -> Finding {
        Finding {
            source: bluecode_analysis::FindingSource::Static,
            rule_id: rule.to_owned(),
            title: String::new(),
            message: String::new(),
            category: bluecode_analysis::constitutions::Category::Vulnerability,
            cwe: vec![78],
            severity: bluecode_analysis::constitutions::Severity::Error,
            confidence: bluecode_analysis::constitutions::Confidence::High,
            range,
            unit_id: unit.to_owned(),
            trace: Vec::new(),
            fix: None,
            note: None,
        }
    }

    fn finding_at(text: &str, needle: &str, rule: &str) -> Finding {
        let start = text.find(needle).expect("needle");
        finding(rule, start..start + needle.len(), "module")
    }

    const BEFORE: &str = "import os\n\n\ndef run(cmd):\n    # runs it\n    os.system('ls ' + cmd)\n\n\ndef other():\n    return 1\n";

    #[test]
    fn moving_reformatting_and_editing_elsewhere_keep_both_fingerprints() {
        let before = doc(BEFORE);
        let f = finding_at(BEFORE, "os.system('ls ' + cmd)", "py.command-injection");
        let original = fingerprints(&before, &[f]);

        let after_text = "import os\n\n\ndef other():\n    return 2\n\n\ndef run(cmd):\n    os.system(\n        \"ls \" + cmd,\n    )  # reformatted\n";
        let after = doc(after_text);
        let start = after_text.find("os.system(").expect("sink");
        let end = after_text.find("    )").expect("close") + 5;
        let moved = finding("py.command-injection", start..end, "run");
        assert_eq!(fingerprints(&after, &[moved]), original);
    }

    #[test]
    fn an_edit_of_the_function_changes_only_the_unit_fingerprint() {
        let before = doc(BEFORE);
        let f = finding_at(BEFORE, "os.system('ls ' + cmd)", "py.command-injection");
        let original = fingerprints(&before, &[f]);
        let edited_text = BEFORE.replace("# runs it", "print(cmd)");
        let edited = doc(&edited_text);
        let g = finding_at(
            &edited_text,
            "os.system('ls ' + cmd)",
            "py.command-injection",
        );
        let now = fingerprints(&edited, &[g]);
        assert_eq!(now[0].finding, original[0].finding);
        assert_ne!(now[0].unit, original[0].unit);
    }

    #[test]
    fn twins_differ_by_ordinal_and_rules_differ() {
        let text = "import os\n\ndef run(a):\n    os.system(a)\n    os.system(a)\n";
        let d = doc(text);
        let first = text.find("os.system(a)").expect("first");
        let second = text.rfind("os.system(a)").expect("second");
        let make = |start: usize, rule: &str| finding(rule, start..start + 12, "run");
        let prints = fingerprints(&d, &[make(second, "r"), make(first, "r"), make(first, "s")]);
        assert_ne!(prints[0].finding, prints[1].finding);
        assert_ne!(prints[1].finding, prints[2].finding);
        assert_eq!(prints[0].unit, prints[1].unit);
    }

    #[test]
    fn repeat_markers_are_not_part_of_the_name_path() {
        assert_eq!(name_path("handler#2"), "handler");
        assert_eq!(name_path("C.m#12.inner"), "C.m.inner");
        assert_eq!(canonical("f(a, b,)\n  # x"), "f(a,b)#x");
    }
}
