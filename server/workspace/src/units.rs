//! Questions about a document's units that every front end asks the same way: which
//! function unit holds a line (what "Verify in sandbox" runs), and whether a unit's own
//! text parses cleanly (a unit with ERROR or MISSING nodes is being typed: the judge waits).

use bluecode_analysis::syntax::tree_sitter::Node;
use bluecode_analysis::syntax::{Document, Unit, UnitKind, extract_units};

/// The function unit the sandbox calls for `line` (0-based): the innermost one holding
/// the line's first character of code.
pub fn unit_at_line(doc: &Document, line: u32) -> Option<Unit> {
    let first_code = first_code_offset(doc, line);
    extract_units(doc)
        .into_iter()
        .filter(|u| u.kind == UnitKind::Function && u.range.contains(&first_code))
        .min_by_key(|u| u.range.len())
}

/// The byte offset of the first non-blank character of `line` (0-based), or the line's
/// start when it is blank.
fn first_code_offset(doc: &Document, line: u32) -> usize {
    let index = doc.line_index();
    let start = index.line_start(line);
    let end = index.line_start(line + 1).min(doc.text().len());
    doc.text()
        .get(start..end)
        .and_then(|l| l.find(|c: char| !c.is_whitespace()))
        .map_or(start, |i| start + i)
}

/// Whether the parse has an ERROR or MISSING node in `units[index]`'s own text (nested
/// units are theirs to answer for). A document without a tree has none.
pub fn has_parse_errors(doc: &Document, units: &[Unit], index: usize) -> bool {
    let (Some(tree), Some(unit)) = (doc.tree(), units.get(index)) else {
        return false;
    };
    let root = tree.root_node();
    if !root.has_error() {
        return false;
    }
    unit.own_ranges
        .iter()
        .any(|range| error_in(root, range.start, range.end))
}

/// A walk that enters only nodes overlapping `start..end` that contain an error.
fn error_in(root: Node, start: usize, end: usize) -> bool {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if node.end_byte() <= start || node.start_byte() >= end {
            // An empty MISSING node sits at one offset: count it when it is inside.
            if !(node.is_missing() && (start..end).contains(&node.start_byte())) {
                continue;
            }
        }
        if node.is_error() || node.is_missing() {
            return true;
        }
        if !node.has_error() {
            continue;
        }
        let mut cursor = node.walk();
        stack.extend(node.children(&mut cursor));
    }
    false
}

#[cfg(test)]
mod tests {
    use bluecode_analysis::syntax::Language;

    use super::*;

    fn doc(text: &str) -> Document {
        Document::new(Some(Language::Python), text.to_owned())
    }

    #[test]
    fn the_innermost_function_holding_the_line() {
        let d =
            doc("def outer():\n    def inner():\n        return 1\n    return inner\n\nX = 1\n");
        assert_eq!(
            unit_at_line(&d, 2).map(|u| u.id.to_string()).as_deref(),
            Some("outer.inner")
        );
        assert_eq!(
            unit_at_line(&d, 3).map(|u| u.id.to_string()).as_deref(),
            Some("outer")
        );
        assert!(unit_at_line(&d, 5).is_none(), "module code is no function");
    }

    #[test]
    fn a_broken_function_has_errors_and_its_neighbours_do_not() {
        let d = doc("def a():\n    return f(1,\n\ndef b():\n    return 2\n");
        let units = extract_units(&d);
        let b = units.iter().position(|u| u.id == "b");
        let a = units.iter().position(|u| u.id == "a");
        if let Some(b) = b {
            assert!(!has_parse_errors(&d, &units, b), "{units:#?}");
        }
        let broken =
            a.is_none_or(|a| has_parse_errors(&d, &units, a)) || has_parse_errors(&d, &units, 0);
        assert!(
            broken,
            "the unclosed call is an error somewhere: {units:#?}"
        );

        let clean = doc("def a():\n    return f(1)\n");
        let units = extract_units(&clean);
        assert!((0..units.len()).all(|i| !has_parse_errors(&clean, &units, i)));
    }
}
