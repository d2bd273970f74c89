//! Anchors: literal strings a pattern cannot match without. Each query pattern's
//! `#eq?`/`#any-of?` predicates name texts its nodes must have; the most selective group
//! becomes the pattern's anchor. When every pattern of a language is anchored, one
//! Aho-Corasick pass over a unit's text tells whether the combined query can match there
//! at all — most units and many files need no query run (and files no parse).

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

/// Matches `(#eq? @cap "text")` and `(#any-of? @cap "a" "b" …)`.
static LITERAL_PREDICATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\(#(?:eq|any-of)\?\s+@[\w.]+((?:\s+"(?:[^"\\]|\\.)*")+)\s*\)"#)
        .expect("static regex")
});
static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""((?:[^"\\]|\\.)*)""#).expect("static regex"));

/// The anchor group of one tree-sitter pattern (its source text), if it has one.
pub(crate) fn pattern_anchor(pattern_source: &str) -> Option<Vec<String>> {
    LITERAL_PREDICATE
        .captures_iter(pattern_source)
        .filter_map(|c| c.get(1))
        .map(|list| {
            QUOTED
                .captures_iter(list.as_str())
                .filter_map(|q| q.get(1))
                .map(|s| s.as_str().replace("\\\"", "\"").replace("\\\\", "\\"))
                .collect::<Vec<String>>()
        })
        .filter(|group| !group.is_empty() && group.iter().all(|s| !s.is_empty()))
        // The most selective group: the one whose shortest text is longest.
        .max_by_key(|group| group.iter().map(String::len).min().unwrap_or(0))
}

/// Every anchor of a language's patterns, searchable at once.
#[derive(Debug)]
pub struct Anchors {
    automaton: AhoCorasick,
    /// Per anchor: whether it must stand as a whole word (identifier-like anchors).
    whole_word: Vec<bool>,
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

impl Anchors {
    pub(crate) fn new(texts: Vec<String>) -> Option<Anchors> {
        let whole_word = texts
            .iter()
            .map(|t| {
                t.bytes().next().is_some_and(is_ident) && t.bytes().last().is_some_and(is_ident)
            })
            .collect();
        let automaton = AhoCorasick::new(&texts).ok()?;
        Some(Anchors {
            automaton,
            whole_word,
        })
    }

    /// Whether any anchor occurs in `text` (as a whole word where it is word-like).
    pub fn occur_in(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        self.automaton.find_overlapping_iter(text).any(|m| {
            if !self.whole_word[m.pattern().as_usize()] {
                return true;
            }
            let before = m.start().checked_sub(1).map(|i| bytes[i]);
            let after = bytes.get(m.end()).copied();
            !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_selective_group_is_the_anchor() {
        let q = r#"(call function: (attribute object: (identifier) @m attribute: (identifier) @f)
            (#eq? @m "subprocess") (#any-of? @f "run" "call"))"#;
        assert_eq!(pattern_anchor(q), Some(vec!["subprocess".to_owned()]));
        assert_eq!(pattern_anchor("(call) @sink"), None);
        assert_eq!(
            pattern_anchor(r#"((string) @s (#eq? @s "\"md5\""))"#),
            Some(vec!["\"md5\"".to_owned()])
        );
    }

    #[test]
    fn word_anchors_need_word_boundaries() {
        let a = Anchors::new(vec!["system".into(), "\"md5\"".into()]).unwrap();
        assert!(a.occur_in("os.system(x)"));
        assert!(!a.occur_in("filesystem_path = 1"));
        assert!(a.occur_in("h = new(\"md5\")"));
    }
}
