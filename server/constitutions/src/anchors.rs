//! Anchors: what a unit's text must contain for a query pattern to match there at all.
//! A pattern's `#eq?`/`#any-of?` predicates name literal texts its nodes must have (the
//! most selective group is its anchor); failing those, a `#match?` regex does, weakened so
//! that it holds of the whole text whenever it holds of one node's text (its `^`, `$` and
//! `\b` assertions dropped). A query group runs on a unit only when one of its anchors
//! occurs in the unit's text; a file where none occurs often needs no parse at all.
//! Patterns with no anchor always run.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::{Regex, RegexSet};
use regex_syntax::hir::literal::Extractor;
use regex_syntax::hir::{Hir, HirKind};

/// Matches `(#eq? @cap "text")` and `(#any-of? @cap "a" "b" …)`.
static LITERAL_PREDICATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\(#(?:eq|any-of)\?\s+@[\w.]+((?:\s+"(?:[^"\\]|\\.)*")+)\s*\)"#)
        .expect("static regex")
});
/// Matches `(#match? @cap "regex")`.
static MATCH_PREDICATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\(#match\?\s+@[\w.]+\s+"((?:[^"\\]|\\.)*)"\s*\)"#).expect("static regex")
});
static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""((?:[^"\\]|\\.)*)""#).expect("static regex"));

fn unescape(s: &str) -> String {
    s.replace("\\\"", "\"").replace("\\\\", "\\")
}

/// The literal anchor group of one tree-sitter pattern (its source text), if it has one.
pub(crate) fn pattern_anchor(pattern_source: &str) -> Option<Vec<String>> {
    LITERAL_PREDICATE
        .captures_iter(pattern_source)
        .filter_map(|c| c.get(1))
        .map(|list| {
            QUOTED
                .captures_iter(list.as_str())
                .filter_map(|q| q.get(1))
                .map(|s| unescape(s.as_str()))
                .collect::<Vec<String>>()
        })
        .filter(|group| !group.is_empty() && group.iter().all(|s| !s.is_empty()))
        // The most selective group: the one whose shortest text is longest.
        .max_by_key(|group| group.iter().map(String::len).min().unwrap_or(0))
}

/// What one pattern needs to find in a unit's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// One of these literal texts.
    Literals(Vec<String>),
    /// A match of this regex.
    Regex(String),
}

/// The anchor of one pattern: its literal group, else a weakened `#match?` regex.
pub(crate) fn anchor_of(pattern_source: &str) -> Option<Anchor> {
    if let Some(group) = pattern_anchor(pattern_source) {
        return Some(Anchor::Literals(group));
    }
    MATCH_PREDICATE
        .captures_iter(pattern_source)
        .filter_map(|c| c.get(1))
        .filter_map(|r| weakened(&unescape(r.as_str())))
        .next()
        .map(Anchor::Regex)
}

/// The shortest literal a regex anchor must contain: below it an anchor occurs in most
/// code (`res` in every `result`), and gating on it would only cost time.
const MIN_REGEX_ANCHOR_LEN: usize = 4;

/// `regex` without its look-around assertions, as a pattern string; `None` when it cannot
/// be parsed, or when the literals every match starts with are unknown or too short to
/// select anything (`[A-Z]\w*`, `res|resp`).
fn weakened(regex: &str) -> Option<String> {
    let hir = regex_syntax::Parser::new().parse(regex).ok()?;
    let hir = without_looks(hir);
    // Case-insensitive words expand into many literals (`[Ss][Aa][Ll]…`); allow for them.
    let prefixes = Extractor::new()
        .limit_class(4)
        .limit_total(50_000)
        .extract(&hir);
    if !prefixes.is_finite() || prefixes.min_literal_len()? < MIN_REGEX_ANCHOR_LEN {
        return None;
    }
    Some(hir.to_string())
}

/// `hir` with its look-around assertions (`^`, `$`, `\b`) made empty.
pub(crate) fn without_looks(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Look(_) => Hir::empty(),
        HirKind::Repetition(mut r) => {
            r.sub = Box::new(without_looks(*r.sub));
            Hir::repetition(r)
        }
        HirKind::Capture(mut c) => {
            c.sub = Box::new(without_looks(*c.sub));
            Hir::capture(c)
        }
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(without_looks).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.into_iter().map(without_looks).collect())
        }
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(literal) => Hir::literal(literal.0),
        HirKind::Class(class) => Hir::class(class),
    }
}

/// The anchors of a language's anchored query groups, searchable at once.
#[derive(Debug)]
pub struct Anchors {
    literals: Option<AhoCorasick>,
    /// Per literal: the group it belongs to, and whether it must stand as a whole word
    /// (identifier-like anchors).
    literal_groups: Vec<(usize, bool)>,
    regexes: Option<RegexSet>,
    regex_groups: Vec<usize>,
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

impl Anchors {
    /// One entry of `groups` per query group; `None` when some anchor does not build
    /// (then every group runs).
    pub(crate) fn new(groups: &[Vec<Anchor>]) -> Option<Anchors> {
        let mut texts: Vec<&str> = Vec::new();
        let mut literal_groups = Vec::new();
        let mut regexes: Vec<&str> = Vec::new();
        let mut regex_groups = Vec::new();
        for (group, anchors) in groups.iter().enumerate() {
            for anchor in anchors {
                match anchor {
                    Anchor::Literals(words) => {
                        for word in words {
                            texts.push(word);
                            let word_like = word.bytes().next().is_some_and(is_ident)
                                && word.bytes().last().is_some_and(is_ident);
                            literal_groups.push((group, word_like));
                        }
                    }
                    Anchor::Regex(r) => {
                        regexes.push(r);
                        regex_groups.push(group);
                    }
                }
            }
        }
        let literals = if texts.is_empty() {
            None
        } else {
            Some(AhoCorasick::new(&texts).ok()?)
        };
        let regexes = if regexes.is_empty() {
            None
        } else {
            Some(RegexSet::new(&regexes).ok()?)
        };
        Some(Anchors {
            literals,
            literal_groups,
            regexes,
            regex_groups,
        })
    }

    /// Sets `hit[group]` for every group with an anchor in `text` (a word-like literal as
    /// a whole word).
    pub fn mark_groups(&self, text: &str, hit: &mut [bool]) {
        let bytes = text.as_bytes();
        if let Some(ac) = &self.literals {
            for m in ac.find_overlapping_iter(text) {
                let Some(&(group, word_like)) = self.literal_groups.get(m.pattern().as_usize())
                else {
                    continue;
                };
                if hit.get(group).copied().unwrap_or(true) {
                    continue;
                }
                let whole = !word_like || {
                    let before = m.start().checked_sub(1).map(|i| bytes[i]);
                    let after = bytes.get(m.end()).copied();
                    !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
                };
                if whole {
                    hit[group] = true;
                }
            }
        }
        if let Some(set) = &self.regexes {
            for i in set.matches(text).iter() {
                if let Some(slot) = self.regex_groups.get(i).and_then(|&g| hit.get_mut(g)) {
                    *slot = true;
                }
            }
        }
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
        let a = Anchors::new(&[
            vec![Anchor::Literals(vec!["system".into()])],
            vec![Anchor::Literals(vec!["\"md5\"".into()])],
        ])
        .unwrap();
        let groups = |text: &str| {
            let mut hit = [false; 2];
            a.mark_groups(text, &mut hit);
            hit
        };
        assert_eq!(groups("os.system(x)"), [true, false]);
        assert_eq!(groups("filesystem_path = 1"), [false, false]);
        assert_eq!(groups("h = new(\"md5\")"), [false, true]);
    }

    #[test]
    fn match_regexes_anchor_without_their_assertions() {
        let q = r#"((identifier) @sink (#match? @sink "^(?i)(gender|race)$"))"#;
        let Some(Anchor::Regex(r)) = anchor_of(q) else {
            panic!("a regex anchor");
        };
        let a = Anchors::new(&[vec![Anchor::Regex(r)]]).unwrap();
        let hit = |text: &str| {
            let mut hit = [false];
            a.mark_groups(text, &mut hit);
            hit[0]
        };
        assert!(hit("if user.Gender == 'f':"));
        assert!(!hit("total = price * 2"));
        // Regexes that select little or nothing are no anchor.
        assert_eq!(anchor_of(r#"((identifier) @s (#match? @s "^x*$"))"#), None);
        assert_eq!(
            anchor_of(r#"((identifier) @s (#match? @s "^(res|resp)$"))"#),
            None
        );
        assert_eq!(
            anchor_of(r#"((identifier) @s (#match? @s "^[A-Z]\\w*$"))"#),
            None
        );
        // Literals win over a regex.
        let q = r#"((call) @s (#eq? @s "eval") (#match? @s "e"))"#;
        assert_eq!(anchor_of(q), Some(Anchor::Literals(vec!["eval".into()])));
    }
}
