//! The judge's knowledge base of labelled examples, as the paper's blue team retrieves
//! red-team knowledge: every constitution's unsafe and safe examples (built-in, workspace
//! and `learn`ed), plus what the workspace taught — code whose finding the sandbox
//! confirmed, and code whose finding the team suppressed with a reason (a counter-example).
//! Retrieval is BM25 over the examples' code, restricted to the unit's language, with a
//! bonus for examples of the constitutions already chosen for the prompt.
//!
//! The built-in part is indexed once; the workspace part is small and replaced per origin
//! (one file's suppressions, one file's confirmations) as reviews and sandbox runs report
//! it, then re-indexed on the next query. Workspace examples are redacted before they are
//! stored: they go into prompts.

use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, RwLock};

use super::bm25::Bm25Index;
use crate::redact::redact;
use crate::types::{KnownExample, KnownKind, UnitInput};

/// What an example of an already-chosen constitution adds to its lexical score (scores
/// are normalised to the best match, so 1.0 is "as similar as the most similar").
const CHOSEN_RULE_BONUS: f64 = 0.5;
/// Below this normalised similarity an example says nothing about the unit.
const MIN_SIMILARITY: f64 = 0.15;
/// The longest example code kept (characters); longer ones are cut at a line end.
const MAX_EXAMPLE_CHARS: usize = 1_200;

/// Examples with their index.
#[derive(Debug, Default)]
struct Indexed {
    examples: Vec<KnownExample>,
    index: Bm25Index,
}

impl Indexed {
    fn new(examples: Vec<KnownExample>) -> Indexed {
        let texts: Vec<String> = examples
            .iter()
            .map(|e| format!("{} {}", e.code, e.note))
            .collect();
        Indexed {
            index: Bm25Index::new(&texts),
            examples,
        }
    }
}

/// The workspace's own examples, by origin, and their index once built.
#[derive(Debug, Default)]
struct Learned {
    by_origin: BTreeMap<String, Vec<KnownExample>>,
    indexed: Option<Arc<Indexed>>,
}

/// The knowledge base: built-in examples plus what the workspace reports.
#[derive(Debug, Default)]
pub struct Knowledge {
    builtin: Indexed,
    learned: RwLock<Learned>,
}

impl Knowledge {
    /// A knowledge base over `examples` (the constitutions' own).
    pub fn new(examples: Vec<KnownExample>) -> Knowledge {
        Knowledge {
            builtin: Indexed::new(examples.into_iter().map(trimmed).collect()),
            learned: RwLock::default(),
        }
    }

    /// Replaces what `origin` (e.g. `accepted:src/app.py`) taught with `examples`,
    /// redacting their code and notes first. An empty list forgets the origin.
    pub fn replace(&self, origin: &str, examples: Vec<KnownExample>) {
        let examples: Vec<KnownExample> = examples
            .into_iter()
            .map(|e| {
                trimmed(KnownExample {
                    code: redact(&e.code).text,
                    note: redact(&e.note).text,
                    ..e
                })
            })
            .collect();
        let Ok(mut learned) = self.learned.write() else {
            return;
        };
        let unchanged = learned.by_origin.get(origin) == Some(&examples)
            || (examples.is_empty() && !learned.by_origin.contains_key(origin));
        if unchanged {
            return;
        }
        if examples.is_empty() {
            learned.by_origin.remove(origin);
        } else {
            learned.by_origin.insert(origin.to_owned(), examples);
        }
        learned.indexed = None;
    }

    /// How many examples the workspace has taught (for status and tests).
    pub fn learned_len(&self) -> usize {
        self.learned
            .read()
            .map(|l| l.by_origin.values().map(Vec::len).sum())
            .unwrap_or(0)
    }

    /// The `k` examples most like `unit`, best first: of its language, similar in code,
    /// preferring those of `chosen` constitutions. The workspace's own examples are
    /// ranked with the built-in ones.
    pub fn nearest(&self, unit: &UnitInput, chosen: &[&str], k: usize) -> Vec<KnownExample> {
        if k == 0 || unit.is_instruction_file() {
            return Vec::new();
        }
        let learned = self.learned_index();
        let chosen: HashSet<&str> = chosen.iter().copied().collect();
        let mut ranked: Vec<(f64, &KnownExample)> = Vec::new();
        for part in [&self.builtin, learned.as_ref()] {
            let scores = part.index.scores(&unit.code);
            let best = scores.iter().copied().fold(0.0, f64::max);
            if best <= 0.0 {
                continue;
            }
            for (example, score) in part.examples.iter().zip(scores) {
                let same_language = example.language.is_empty()
                    || example.language.eq_ignore_ascii_case(&unit.language);
                let similarity = score / best;
                if !same_language || similarity < MIN_SIMILARITY {
                    continue;
                }
                let bonus = example
                    .rule_id
                    .as_deref()
                    .is_some_and(|id| chosen.contains(id));
                ranked.push((
                    similarity + if bonus { CHOSEN_RULE_BONUS } else { 0.0 },
                    example,
                ));
            }
        }
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.code.cmp(&b.1.code)));
        let mut seen = HashSet::new();
        ranked
            .into_iter()
            .filter(|(_, e)| seen.insert((e.kind, e.code.as_str())))
            .take(k)
            .map(|(_, e)| e.clone())
            .collect()
    }

    fn learned_index(&self) -> Arc<Indexed> {
        if let Ok(learned) = self.learned.read()
            && let Some(indexed) = &learned.indexed
        {
            return indexed.clone();
        }
        let Ok(mut learned) = self.learned.write() else {
            return Arc::default();
        };
        let examples: Vec<KnownExample> = learned.by_origin.values().flatten().cloned().collect();
        let indexed = Arc::new(Indexed::new(examples));
        learned.indexed = Some(indexed.clone());
        indexed
    }
}

/// Keeps an example's code within [`MAX_EXAMPLE_CHARS`], cut at a line end.
fn trimmed(mut example: KnownExample) -> KnownExample {
    if example.code.len() > MAX_EXAMPLE_CHARS {
        let mut end = MAX_EXAMPLE_CHARS;
        while !example.code.is_char_boundary(end) {
            end -= 1;
        }
        let cut = example.code[..end].rfind('\n').unwrap_or(end);
        example.code.truncate(cut);
        example.code.push_str("\n…");
    }
    example
}

impl KnownKind {
    /// Whether the example shows something to flag (unsafe, confirmed) rather than a
    /// look-alike that is fine.
    pub fn flags(self) -> bool {
        matches!(self, KnownKind::Unsafe | KnownKind::Confirmed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(kind: KnownKind, language: &str, rule: &str, code: &str) -> KnownExample {
        KnownExample {
            kind,
            language: language.into(),
            rule_id: Some(rule.into()),
            code: code.into(),
            note: String::new(),
        }
    }

    fn unit(language: &str, code: &str) -> UnitInput {
        UnitInput {
            unit_id: "u".into(),
            path: "app.py".into(),
            language: language.into(),
            code: code.into(),
            start_line: 1,
            imports: Vec::new(),
            enclosing_class: None,
            callee_signatures: Vec::new(),
            caller_signatures: Vec::new(),
        }
    }

    fn knowledge() -> Knowledge {
        Knowledge::new(vec![
            example(
                KnownKind::Unsafe,
                "python",
                "py.command-injection",
                "os.system('ping ' + request.args['host'])",
            ),
            example(
                KnownKind::Safe,
                "python",
                "py.command-injection",
                "subprocess.run(['ping', '-c1', host], check=True)",
            ),
            example(
                KnownKind::Unsafe,
                "javascript",
                "js.command-injection",
                "exec('ping ' + req.query.host)",
            ),
            example(
                KnownKind::Unsafe,
                "python",
                "py.weak-hash",
                "hashlib.md5(password.encode()).hexdigest()",
            ),
        ])
    }

    #[test]
    fn the_nearest_examples_share_the_units_language_and_words() {
        let kb = knowledge();
        let found = kb.nearest(
            &unit(
                "python",
                "def ping(host):\n    os.system('ping -c1 ' + host)\n",
            ),
            &["py.command-injection"],
            2,
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|e| e.language == "python"));
        assert!(
            found
                .iter()
                .all(|e| e.rule_id.as_deref() == Some("py.command-injection"))
        );
        assert!(kb.nearest(&unit("python", "x = 1"), &[], 3).is_empty());
    }

    #[test]
    fn workspace_examples_are_redacted_replaced_per_origin_and_ranked_with_the_rest() {
        let kb = knowledge();
        let accepted = KnownExample {
            kind: KnownKind::Accepted,
            language: "python".into(),
            rule_id: Some("py.weak-hash".into()),
            code: "etag = hashlib.md5(body).hexdigest()  # AKIAIOSFODNN7EXAMPLE".into(),
            note: "an ETag, not a password".into(),
        };
        kb.replace("accepted:app.py", vec![accepted.clone()]);
        assert_eq!(kb.learned_len(), 1);
        let found = kb.nearest(
            &unit(
                "python",
                "def etag(body):\n    return hashlib.md5(body).hexdigest()\n",
            ),
            &["py.weak-hash"],
            3,
        );
        let taught = found
            .iter()
            .find(|e| e.kind == KnownKind::Accepted)
            .expect("the accepted example is retrieved");
        assert!(
            !taught.code.contains("AKIAIOSFODNN7EXAMPLE"),
            "{}",
            taught.code
        );
        kb.replace("accepted:app.py", Vec::new());
        assert_eq!(kb.learned_len(), 0);
    }

    #[test]
    fn long_examples_are_cut_at_a_line_end() {
        let long = "x = 1\n".repeat(400);
        let kb = Knowledge::new(vec![example(KnownKind::Unsafe, "python", "r", &long)]);
        assert!(kb.builtin.examples[0].code.len() <= MAX_EXAMPLE_CHARS + 4);
        assert!(kb.builtin.examples[0].code.ends_with('…'));
    }
}
