//! Text edits over byte ranges, applied back to front; and the node walks the moves share.

use std::ops::Range;

use tree_sitter::Node;

/// Replacements of byte ranges of one text. Overlapping edits keep the first one added:
/// a move that rewrites an outer expression wins over its inner parts.
#[derive(Debug, Default)]
pub struct Edits {
    list: Vec<(Range<usize>, String)>,
}

impl Edits {
    pub fn replace(&mut self, range: Range<usize>, text: impl Into<String>) {
        let overlaps = self.list.iter().any(|(r, _)| {
            (r.start < range.end && range.start < r.end)
                || (r.is_empty() && range.is_empty() && r.start == range.start)
                || (r.is_empty() && range.start < r.start && r.start < range.end)
                || (range.is_empty() && r.start < range.start && range.start < r.end)
        });
        if !overlaps {
            self.list.push((range, text.into()));
        }
    }

    pub fn insert(&mut self, at: usize, text: impl Into<String>) {
        self.replace(at..at, text);
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The text with every edit applied; `None` when there is nothing to apply or a range
    /// falls outside the text.
    pub fn apply(mut self, text: &str) -> Option<String> {
        if self.list.is_empty() {
            return None;
        }
        self.list.sort_by_key(|(r, _)| (r.start, r.end));
        let mut out = String::with_capacity(text.len() + 64);
        let mut at = 0;
        for (range, replacement) in &self.list {
            out.push_str(text.get(at..range.start)?);
            out.push_str(replacement);
            at = range.end;
        }
        out.push_str(text.get(at..)?);
        Some(out)
    }
}

/// Every node of the tree below `root` (itself included), in document order.
pub fn descendants(root: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    let mut cursor = root.walk();
    loop {
        out.push(cursor.node());
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return out;
            }
        }
    }
}

pub fn text<'t>(node: Node<'_>, source: &'t str) -> &'t str {
    source.get(node.byte_range()).unwrap_or("")
}

/// The field name under which `node` sits in its parent, if any.
pub fn field_name(node: Node<'_>) -> Option<&'static str> {
    let parent = node.parent()?;
    let mut cursor = parent.walk();
    if !cursor.goto_first_child() {
        return None;
    }
    loop {
        if cursor.node().id() == node.id() {
            return cursor.field_name();
        }
        if !cursor.goto_next_sibling() {
            return None;
        }
    }
}

/// A name not used as a word anywhere in `source`, derived from `base`.
pub fn fresh_name(base: &str, source: &str) -> String {
    let mut n = 2;
    loop {
        let candidate = format!("{base}{n}");
        if !contains_word(source, &candidate) {
            return candidate;
        }
        n += 1;
    }
}

pub fn contains_word(source: &str, word: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    source.match_indices(word).any(|(i, _)| {
        let before = source[..i].chars().next_back();
        let after = source[i + word.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}
