//! Baselines: which findings are new. A finding is matched against the findings of a
//! baseline (a previous report, or the same files at a git commit) by its fingerprints
//! ([`fingerprint`]), never by line numbers:
//!
//! - same file, same finding and unit fingerprints → `unchanged`;
//! - same file and finding fingerprint, the unit's text edited → `updated`;
//! - the same, in another file (a file renamed, a function moved across files);
//! - no match → `new`; a baseline finding left unmatched → `absent` (fixed or deleted).
//!
//! Plain data in and out; [`git`] reads a file at a commit for `--new-since` and the
//! editor's `show = "new"`.

pub mod fingerprint;
pub mod git;

use std::collections::HashMap;

pub use fingerprint::{Fingerprint, fingerprints, fingerprints_with_units};

/// How a finding stands against a baseline (SARIF's `baselineState`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BaselineState {
    New,
    Unchanged,
    Updated,
    Absent,
}

impl BaselineState {
    /// The SARIF name.
    pub fn name(self) -> &'static str {
        match self {
            BaselineState::New => "new",
            BaselineState::Unchanged => "unchanged",
            BaselineState::Updated => "updated",
            BaselineState::Absent => "absent",
        }
    }
}

/// What a finding is matched by: its file (relative to the workspace root, `/`
/// separated) and its fingerprints.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BaselineKey {
    pub path: String,
    pub fingerprint: Fingerprint,
}

/// The outcome of matching current findings against a baseline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaselineMatch {
    /// One state per current finding, in order: new, unchanged or updated.
    pub states: Vec<BaselineState>,
    /// Indices of baseline findings no current finding matched.
    pub absent: Vec<usize>,
}

/// Matches `current` findings against `baseline` findings, one to one: each pass takes
/// the best remaining pairs (same file before another file, same unit text before an
/// edited one).
pub fn match_baseline(baseline: &[BaselineKey], current: &[BaselineKey]) -> BaselineMatch {
    let mut states = vec![BaselineState::New; current.len()];
    let mut taken = vec![false; baseline.len()];
    type Key<'a> = (Option<&'a str>, &'a str, Option<&'a str>);
    let passes: [(bool, bool, BaselineState); 4] = [
        (true, true, BaselineState::Unchanged),
        (true, false, BaselineState::Updated),
        (false, true, BaselineState::Unchanged),
        (false, false, BaselineState::Updated),
    ];
    for (same_path, same_unit, state) in passes {
        fn key(k: &BaselineKey, same_path: bool, same_unit: bool) -> Key<'_> {
            (
                same_path.then_some(k.path.as_str()),
                k.fingerprint.finding.as_str(),
                same_unit.then_some(k.fingerprint.unit.as_str()),
            )
        }
        let mut pool: HashMap<Key, Vec<usize>> = HashMap::new();
        for (i, k) in baseline.iter().enumerate().rev() {
            if !taken[i] {
                pool.entry(key(k, same_path, same_unit))
                    .or_default()
                    .push(i);
            }
        }
        for (i, k) in current.iter().enumerate() {
            if states[i] != BaselineState::New {
                continue;
            }
            // Stored in reverse: `pop` hands out the earliest baseline finding first.
            if let Some(j) = pool
                .get_mut(&key(k, same_path, same_unit))
                .and_then(Vec::pop)
            {
                taken[j] = true;
                states[i] = state;
            }
        }
    }
    BaselineMatch {
        states,
        absent: (0..baseline.len()).filter(|&i| !taken[i]).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(path: &str, finding: &str, unit: &str) -> BaselineKey {
        BaselineKey {
            path: path.into(),
            fingerprint: Fingerprint {
                finding: finding.into(),
                unit: unit.into(),
            },
        }
    }

    #[test]
    fn states_by_fingerprint_not_by_position() {
        let baseline = [
            key("a.py", "f1", "u1"),
            key("a.py", "f2", "u2"),
            key("b.py", "f3", "u3"),
            key("c.py", "f4", "u4"),
        ];
        let current = [
            key("a.py", "f2", "u2"), // unchanged (order does not matter)
            key("a.py", "f1", "u9"), // its function edited
            key("d.py", "f3", "u3"), // b.py renamed to d.py
            key("a.py", "f5", "u1"), // new
        ];
        let m = match_baseline(&baseline, &current);
        assert_eq!(
            m.states,
            [
                BaselineState::Unchanged,
                BaselineState::Updated,
                BaselineState::Unchanged,
                BaselineState::New
            ]
        );
        assert_eq!(m.absent, [3]);
    }

    #[test]
    fn matching_is_one_to_one() {
        let baseline = [key("a.py", "f", "u")];
        let current = [key("a.py", "f", "u"), key("b.py", "f", "u")];
        let m = match_baseline(&baseline, &current);
        assert_eq!(m.states, [BaselineState::Unchanged, BaselineState::New]);
        assert!(m.absent.is_empty());
    }
}
