//! A parsed text: its contents, line index and tree-sitter tree, updated incrementally.
//! Edits are byte ranges; each one is fed to the tree as an `InputEdit` so that the next
//! parse reuses everything outside the edited region.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use tree_sitter::{InputEdit, Parser, Point, Tree};

use crate::language::Language;
use crate::line_index::{LineIndex, floor_char_boundary};

/// One change to a text: replace `range` (bytes; `None` means the whole text) with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextChange {
    pub range: Option<Range<usize>>,
    pub text: String,
}

/// A text with its language, line index and (for known languages) its syntax tree.
#[derive(Debug, Clone)]
pub struct Document {
    language: Option<Language>,
    text: String,
    line_index: LineIndex,
    tree: Option<Tree>,
    /// Set by an edit, cleared by the next parse.
    stale_tree: bool,
}

thread_local! {
    /// Parsers are cheap to keep and costly to create; one per language per thread.
    static PARSERS: RefCell<HashMap<Language, Parser>> = RefCell::new(HashMap::new());
}

fn parse(language: Language, text: &str, old: Option<&Tree>) -> Option<Tree> {
    PARSERS.with(|parsers| {
        let mut parsers = parsers.borrow_mut();
        let parser = match parsers.entry(language) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let mut parser = Parser::new();
                parser.set_language(&language.grammar()).ok()?;
                e.insert(parser)
            }
        };
        parser.parse(text, old)
    })
}

impl Document {
    /// Parses `text` as `language` (no tree when the language is unknown).
    pub fn new(language: Option<Language>, text: String) -> Document {
        let tree = language.and_then(|l| parse(l, &text, None));
        Document {
            language,
            line_index: LineIndex::new(&text),
            text,
            tree,
            stale_tree: false,
        }
    }

    pub fn language(&self) -> Option<Language> {
        self.language
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn line_index(&self) -> &LineIndex {
        &self.line_index
    }

    /// The syntax tree as of the last [`Document::reparse`] (or construction).
    pub fn tree(&self) -> Option<&Tree> {
        self.tree.as_ref()
    }

    /// Applies one change to the text and marks the tree for an incremental reparse.
    /// The range is clamped to the text and to character boundaries.
    pub fn apply(&mut self, change: TextChange) {
        let Some(range) = change.range else {
            self.text = change.text;
            self.line_index = LineIndex::new(&self.text);
            self.tree = None;
            self.stale_tree = true;
            return;
        };
        let start = floor_char_boundary(&self.text, range.start);
        let old_end = floor_char_boundary(&self.text, range.end.max(start));
        let start_position = self.point(start);
        let old_end_position = self.point(old_end);
        self.text.replace_range(start..old_end, &change.text);
        self.line_index = LineIndex::new(&self.text);
        let new_end = start + change.text.len();
        let new_end_position = self.point(new_end);
        if let Some(tree) = self.tree.as_mut() {
            tree.edit(&InputEdit {
                start_byte: start,
                old_end_byte: old_end,
                new_end_byte: new_end,
                start_position,
                old_end_position,
                new_end_position,
            });
        }
        self.stale_tree = true;
    }

    /// Brings the tree up to date with the text, reusing the edited old tree.
    pub fn reparse(&mut self) {
        if !self.stale_tree {
            return;
        }
        self.stale_tree = false;
        if let Some(language) = self.language {
            self.tree = parse(language, &self.text, self.tree.as_ref());
        }
    }

    /// Applies changes in order, then reparses once.
    pub fn apply_all(&mut self, changes: impl IntoIterator<Item = TextChange>) {
        for change in changes {
            self.apply(change);
        }
        self.reparse();
    }

    fn point(&self, offset: usize) -> Point {
        let row = self.line_index.line_of(offset);
        Point {
            row: row as usize,
            column: offset - self.line_index.line_start(row),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sexp(doc: &Document) -> String {
        doc.tree().unwrap().root_node().to_sexp()
    }

    #[test]
    fn incremental_edits_match_a_fresh_parse() {
        let mut doc = Document::new(
            Some(Language::Python),
            "import os\n\ndef run(cmd):\n    os.system(cmd)\n".into(),
        );
        let edits = [
            ("os.system(cmd)", "os.system(\"ls\")"),
            ("def run(cmd)", "def run(cmd, extra)"),
            ("import os\n", ""),
            ("\"ls\"", "cmd + extra"),
        ];
        for (old, new) in edits {
            let start = doc.text().find(old).unwrap();
            doc.apply_all([TextChange {
                range: Some(start..start + old.len()),
                text: new.into(),
            }]);
            let fresh = Document::new(Some(Language::Python), doc.text().to_owned());
            assert_eq!(sexp(&doc), sexp(&fresh));
        }
        assert_eq!(
            doc.text(),
            "\ndef run(cmd, extra):\n    os.system(cmd + extra)\n"
        );
    }

    #[test]
    fn ranges_out_of_bounds_or_inside_a_character_are_clamped() {
        let mut doc = Document::new(Some(Language::Python), "x = 'é'\n".into());
        doc.apply_all([TextChange {
            range: Some(6..500),
            text: "'\n".into(),
        }]);
        assert!(doc.text().starts_with("x = '"));
        doc.apply_all([TextChange {
            range: None,
            text: "y = 1\n".into(),
        }]);
        assert_eq!(doc.text(), "y = 1\n");
        assert!(!doc.tree().unwrap().root_node().has_error());
    }
}
