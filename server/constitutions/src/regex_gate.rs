//! A literal gate for a language's regex patterns: literals each regex's matches must
//! contain, searched all at once, say which regexes can match in a unit's text, so that
//! only those run. A regex whose matches need no known literal (`\w+\s*=`) or only
//! very short ones has no gate and always runs. The gate may let a regex through
//! that then finds nothing (literals are matched ASCII-case-insensitively), never the
//! reverse.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_syntax::hir::literal::Extractor;
use regex_syntax::hir::{Hir, HirKind};

use crate::anchors::without_looks;

/// Below this length a literal occurs in most text and gating on it only costs time.
const MIN_GATE_LITERAL_LEN: usize = 3;

/// How many literals one extraction may hold: a case-insensitive word is one literal per
/// spelling (`[Ss][Ee][Tt]…`), and past this the extractor shortens them (still a valid
/// gate, lower-cased and deduplicated afterwards). Extraction is the gate's build cost.
const LIMIT_TOTAL: usize = 256;

/// A class that stands for a few letters (`[Ss]`), as a case-insensitive letter is.
fn class_is_small(class: &regex_syntax::hir::Class) -> bool {
    match class {
        regex_syntax::hir::Class::Unicode(c) => {
            c.iter()
                .map(|r| r.end() as u32 - r.start() as u32 + 1)
                .sum::<u32>()
                <= 4
        }
        regex_syntax::hir::Class::Bytes(c) => {
            c.iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum::<u32>()
                <= 4
        }
    }
}

#[derive(Debug)]
pub struct RegexGate {
    literals: Option<AhoCorasick>,
    /// Per literal: the regex it gates.
    owners: Vec<usize>,
    /// Per regex: whether it runs on every text.
    always: Vec<bool>,
}

impl RegexGate {
    pub(crate) fn new<'a>(regexes: impl IntoIterator<Item = &'a str>) -> RegexGate {
        let mut texts: Vec<Vec<u8>> = Vec::new();
        let mut owners = Vec::new();
        let mut always = Vec::new();
        for (index, regex) in regexes.into_iter().enumerate() {
            match start_literals(regex) {
                Some(literals) => {
                    always.push(false);
                    for literal in literals {
                        texts.push(literal);
                        owners.push(index);
                    }
                }
                None => always.push(true),
            }
        }
        let literals = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&texts)
            .ok();
        if literals.is_none() {
            always.iter_mut().for_each(|a| *a = true);
        }
        RegexGate {
            literals,
            owners,
            always,
        }
    }

    /// Per regex: whether it can match somewhere in `text`.
    pub fn possible(&self, text: &str) -> Vec<bool> {
        let mut possible = self.always.clone();
        if let Some(ac) = &self.literals {
            for m in ac.find_overlapping_iter(text) {
                if let Some(slot) = self
                    .owners
                    .get(m.pattern().as_usize())
                    .and_then(|&o| possible.get_mut(o))
                {
                    *slot = true;
                }
            }
        }
        possible
    }
}

/// The literals, lower-cased and deduplicated, one of which every match of `regex`
/// contains; `None` when they are unknown or too short to select anything.
fn start_literals(regex: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::Parser::new().parse(regex).ok()?;
    let mut literals = required(&without_looks(hir))?;
    literals.sort();
    literals.dedup();
    Some(literals)
}

/// Literals one of which every match of `hir` contains: an alternation needs one set per
/// branch; a sequence takes the best set that starts at one of its parts (the rest of
/// the sequence from there on begins with one of them).
fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for branch in branches {
                all.extend(required(branch)?);
            }
            Some(all)
        }
        // Only from a part that can start a literal (a literal, a capture or alternation
        // of them); the first set of good length is kept, to bound the work per regex.
        HirKind::Concat(parts) => (0..parts.len())
            .filter(|&i| {
                matches!(
                    parts[i].kind(),
                    HirKind::Literal(_) | HirKind::Capture(_) | HirKind::Alternation(_)
                ) || matches!(parts[i].kind(), HirKind::Class(c) if class_is_small(c))
            })
            .find_map(|i| {
                prefixes(&Hir::concat(parts[i..].to_vec())).or_else(|| required(&parts[i]))
            }),
        _ => prefixes(hir),
    }
}

/// The literals every match of `hir` starts with, when known and long enough.
fn prefixes(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    // Case-insensitive words expand into many literals (`[Ss][Aa][Ll]…`); allow for them.
    let seq = Extractor::new()
        .limit_class(4)
        .limit_total(LIMIT_TOTAL)
        .extract(hir);
    if !seq.is_finite() || seq.min_literal_len()? < MIN_GATE_LITERAL_LEN {
        return None;
    }
    Some(
        seq.literals()?
            .iter()
            .map(|l| l.as_bytes().to_ascii_lowercase())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regex_runs_only_where_its_literals_occur() {
        let gate = RegexGate::new([
            r"(?i)\bsetenforce\s+0\b",
            r"(^|\s)rm\s+-rf",
            r"stratum\+(tcp|ssl)://",
        ]);
        assert_eq!(gate.possible("x = 1"), [false, false, false]);
        assert_eq!(gate.possible("run('SetEnforce 0')"), [true, false, false]);
        assert_eq!(gate.possible("os.system('rm -rf /')"), [false, true, false]);
        assert_eq!(
            gate.possible("url = 'stratum+tcp://pool'"),
            [false, false, true]
        );
        // No literal of three characters or more: always runs.
        assert_eq!(RegexGate::new([r"\w+\s*=\s*\d"]).possible("x"), [true]);
        // A literal inside the match gates it too, in every branch.
        let gate = RegexGate::new([
            r"(^|\s)(curl|wget)\s+\S+\s*\|\s*sh",
            r"\w+_(token|secret)\s*=",
        ]);
        assert_eq!(gate.possible("x = 1"), [false, false]);
        assert_eq!(gate.possible(" wget http://x | sh"), [true, false]);
        assert_eq!(gate.possible("api_TOKEN = 2"), [false, true]);
    }
}
