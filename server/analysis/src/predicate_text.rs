//! The text that query predicates (`#match?`, `#not-match?`, `#eq?`) see: the document with
//! every comment inside the captured node blanked out. A comment is the analysed code's
//! own words; it must not be able to silence a pattern (`# only the listing checks
//! is_admin` satisfying a "has an authorization check" exclusion) nor to trigger one.
//! A captured comment node itself keeps its text, for the patterns about comments.
//! An explicit import alias reads as the name it stands for (see `aliases`).

use std::borrow::Cow;
use std::ops::Range;

use bluecode_syntax::tree_sitter::{Node, TextProvider};

use crate::aliases::ImportAliases;

const BLANKS: [u8; 256] = [b' '; 256];

/// The text of `range` with the `comments` (sorted, as [`bluecode_syntax::outline`] gives
/// them) blanked.
pub(crate) fn comment_free(text: &str, range: Range<usize>, comments: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(range.len());
    let mut at = range.start;
    let first = comments.partition_point(|c| c.end <= range.start);
    for comment in comments[first..].iter().take_while(|c| c.start < range.end) {
        let start = comment.start.max(range.start);
        out.push_str(text.get(at..start).unwrap_or_default());
        out.extend(std::iter::repeat_n(' ', comment.end.min(range.end) - start));
        at = comment.end.min(range.end);
    }
    out.push_str(text.get(at..range.end).unwrap_or_default());
    out
}

/// A [`TextProvider`] over `text` with the `comments` blanked and the `aliases` read as
/// what they stand for.
#[derive(Clone, Copy)]
pub(crate) struct CommentFreeText<'a> {
    pub text: &'a [u8],
    pub comments: &'a [Range<usize>],
    pub aliases: &'a ImportAliases,
}

impl<'a> TextProvider<Cow<'a, [u8]>> for CommentFreeText<'a> {
    type I = std::vec::IntoIter<Cow<'a, [u8]>>;

    fn text(&mut self, node: Node) -> Self::I {
        let range = node.byte_range();
        let whole = || self.text.get(range.clone()).unwrap_or_default();
        if node.kind().ends_with("comment") {
            return vec![Cow::Borrowed(whole())].into_iter();
        }
        if node.child_count() == 0
            && let Some(name) = self.aliases.resolve_for_predicates(whole())
        {
            return vec![Cow::Owned(name.as_bytes().to_vec())].into_iter();
        }
        let first = self.comments.partition_point(|c| c.end <= range.start);
        let inside = self.comments[first..]
            .iter()
            .take_while(|c| c.start < range.end);
        let mut chunks: Vec<Cow<'a, [u8]>> = Vec::new();
        let mut at = range.start;
        for comment in inside {
            let start = comment.start.max(range.start);
            let end = comment.end.min(range.end);
            if let Some(code) = self.text.get(at..start) {
                chunks.push(Cow::Borrowed(code));
            }
            let mut blank = end.saturating_sub(start);
            while blank > 0 {
                let n = blank.min(BLANKS.len());
                chunks.push(Cow::Borrowed(&BLANKS[..n]));
                blank -= n;
            }
            at = end;
        }
        if let Some(code) = self.text.get(at..range.end) {
            chunks.push(Cow::Borrowed(code));
        }
        if !self.aliases.is_empty() {
            // `o.system(` inside a larger node reads as `os.system(`.
            let joined: Vec<u8> = chunks.iter().flat_map(|c| c.iter().copied()).collect();
            if let Some(rewritten) = self.aliases.rewrite_members(&joined) {
                return vec![Cow::Owned(rewritten)].into_iter();
            }
        }
        chunks.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use bluecode_syntax::{Document, Language};

    use super::*;

    fn predicate_text(code: &str, node_kind: &str) -> String {
        let doc = Document::new(Some(Language::Python), code.to_owned());
        let tree = doc.tree().expect("parsed");
        let comments = bluecode_syntax::outline(&doc).comments;
        let aliases = ImportAliases::default();
        let mut provider = CommentFreeText {
            text: doc.text().as_bytes(),
            comments: &comments,
            aliases: &aliases,
        };
        let mut cursor = tree.walk();
        let mut stack = vec![tree.root_node()];
        while let Some(node) = stack.pop() {
            if node.kind() == node_kind {
                let bytes: Vec<u8> = provider.text(node).flat_map(|c| c.into_owned()).collect();
                return String::from_utf8(bytes).expect("utf-8");
            }
            stack.extend(node.children(&mut cursor));
        }
        panic!("no {node_kind} in {code:?}");
    }

    #[test]
    fn comments_inside_a_node_are_blanked_and_a_comment_node_keeps_its_text() {
        let code = "def f():\n    # is_admin is checked elsewhere\n    delete(x)\n";
        let body = predicate_text(code, "function_definition");
        assert!(!body.contains("is_admin"), "{body:?}");
        assert_eq!(body.len(), code.trim_end().len());
        assert!(body.ends_with("delete(x)"));
        assert_eq!(
            predicate_text(code, "comment"),
            "# is_admin is checked elsewhere"
        );
    }
}
