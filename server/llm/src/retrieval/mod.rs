//! Picks the constitutions worth showing the model for one unit, by (a) the constitution
//! ids, CWEs and categories of the static hits on it, (b) the API names the unit calls that
//! also appear in a constitution's examples or hints, and (c) BM25 similarity between the
//! unit's code and the principle plus examples. A whole AI instruction file is matched
//! against the `instruction` constitutions only, all of them candidates. [`Knowledge`]
//! retrieves labelled examples the same way. Depends on `types` (and `redact`) only.

mod bm25;
mod knowledge;

pub use knowledge::Knowledge;

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use crate::types::{ConstitutionDoc, StaticFinding, UnitInput, normalize_cwe};

/// Weights of the three signals. A direct hit dominates; API overlap beats wording.
const DIRECT_HIT: f64 = 100.0;
const CWE_MATCH: f64 = 20.0;
const CATEGORY_MATCH: f64 = 2.0;
const API_MATCH: f64 = 6.0;
const LEXICAL: f64 = 4.0;

/// The category whose constitutions judge a whole instruction file.
const INSTRUCTION_CATEGORY: &str = "instruction";
/// What every instruction constitution scores for an instruction file before the signals.
const INSTRUCTION_FLOOR: f64 = 0.5;

/// Constitutions indexed once, queried per unit.
#[derive(Debug, Clone)]
pub struct Retriever {
    docs: Vec<ConstitutionDoc>,
    apis: Vec<HashSet<String>>,
    /// How many constitutions mention each API (rare APIs say more).
    api_frequency: HashMap<String, usize>,
    index: bm25::Bm25Index,
}

/// One retrieved constitution and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Retrieved<'a> {
    pub doc: &'a ConstitutionDoc,
    pub score: f64,
}

impl Retriever {
    pub fn new(docs: Vec<ConstitutionDoc>) -> Self {
        let apis: Vec<HashSet<String>> = docs.iter().map(constitution_apis).collect();
        let mut api_frequency = HashMap::new();
        for set in &apis {
            for api in set {
                *api_frequency.entry(api.clone()).or_insert(0) += 1;
            }
        }
        let texts: Vec<String> = docs
            .iter()
            .map(|d| {
                format!(
                    "{} {} {} {}",
                    d.title, d.principle, d.unsafe_example, d.safe_example
                )
            })
            .collect();
        Retriever {
            index: bm25::Bm25Index::new(&texts),
            docs,
            apis,
            api_frequency,
        }
    }

    pub fn docs(&self) -> &[ConstitutionDoc] {
        &self.docs
    }

    /// The `k` best constitutions for the unit, best first; only those with some signal.
    pub fn retrieve(
        &self,
        unit: &UnitInput,
        static_findings: &[StaticFinding],
        k: usize,
    ) -> Vec<Retrieved<'_>> {
        let hit_ids: HashSet<&str> = static_findings
            .iter()
            .map(|f| f.constitution_id.as_str())
            .collect();
        let hit_cwes: HashSet<String> = static_findings
            .iter()
            .filter_map(|f| f.cwe.as_deref().map(normalize_cwe))
            .collect();
        let hit_categories: HashSet<String> = static_findings
            .iter()
            .map(|f| f.category.to_ascii_lowercase())
            .collect();
        let called = called_apis(&unit.code);
        let lexical = self.index.scores(&unit.code);
        let best_lexical = lexical.iter().cloned().fold(0.0, f64::max);
        let total = self.docs.len().max(1) as f64;

        // An instruction file is judged against the instruction constitutions only, each
        // with a floor score so that all of them are candidates whatever the file's words.
        let instruction_file = unit.is_instruction_file();
        let mut ranked: Vec<Retrieved<'_>> = self
            .docs
            .iter()
            .enumerate()
            .filter(|(_, doc)| {
                if instruction_file {
                    doc.category.eq_ignore_ascii_case(INSTRUCTION_CATEGORY)
                } else {
                    doc.applies_to(&unit.language)
                }
            })
            .filter_map(|(i, doc)| {
                let mut score = if instruction_file {
                    INSTRUCTION_FLOOR
                } else {
                    0.0
                };
                if hit_ids.contains(doc.id.as_str()) {
                    score += DIRECT_HIT;
                }
                if doc.cwe.iter().any(|c| hit_cwes.contains(&normalize_cwe(c))) {
                    score += CWE_MATCH;
                }
                if hit_categories.contains(&doc.category.to_ascii_lowercase()) {
                    score += CATEGORY_MATCH;
                }
                for api in self.apis[i].intersection(&called) {
                    let frequency = self.api_frequency.get(api).copied().unwrap_or(1) as f64;
                    score += API_MATCH * (1.0 + (total / frequency).ln());
                }
                if best_lexical > 0.0 {
                    score += LEXICAL * lexical[i] / best_lexical;
                }
                (score > 0.0).then_some(Retrieved { doc, score })
            })
            .collect();
        ranked.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.doc.id.cmp(&b.doc.id))
        });
        ranked.truncate(k);
        ranked
    }
}

static CALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*\(")
        .unwrap_or_else(|e| panic!("bad built-in call pattern: {e}"))
});

/// Calls too common to say anything about risk.
const GENERIC_CALLS: &[&str] = &[
    "print",
    "len",
    "str",
    "int",
    "float",
    "list",
    "dict",
    "set",
    "range",
    "format",
    "get",
    "append",
    "join",
    "split",
    "strip",
    "if",
    "for",
    "while",
    "return",
    "function",
    "def",
    "console.log",
    "log",
    "push",
    "map",
    "filter",
    "toString",
    "main",
    "new",
    "super",
    "len",
    "isinstance",
    "sizeof",
    "printf",
    "println",
];

/// Names called in `code`: the full dotted path (`os.system`) and its last segment
/// (`system`), minus the generic ones.
pub fn called_apis(code: &str) -> HashSet<String> {
    let mut names = HashSet::new();
    for capture in CALL.captures_iter(code) {
        let dotted: String = capture[1].chars().filter(|c| !c.is_whitespace()).collect();
        let last = dotted.rsplit('.').next().unwrap_or(&dotted).to_string();
        for name in [dotted, last] {
            if name.len() > 2 && !GENERIC_CALLS.contains(&name.as_str()) {
                names.insert(name);
            }
        }
    }
    names
}

fn constitution_apis(doc: &ConstitutionDoc) -> HashSet<String> {
    let mut apis = called_apis(&doc.unsafe_example);
    // Calls only the safe example makes (the sanitiser) do not suggest the risk.
    for hint in &doc.api_hints {
        let hint = hint.trim().trim_end_matches("()");
        if hint.len() > 2 {
            apis.insert(hint.to_string());
            if let Some(last) = hint
                .rsplit('.')
                .next()
                .filter(|last| last.len() > 2 && !GENERIC_CALLS.contains(last))
            {
                apis.insert(last.to_string());
            }
        }
    }
    apis
}

/// A hash of the whole constitution set, for cache keys: a changed constitution changes
/// every verdict's key.
pub fn constitution_set_hash(docs: &[ConstitutionDoc]) -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut sorted: Vec<&ConstitutionDoc> = docs.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    for doc in sorted {
        for part in [
            &doc.id,
            &doc.title,
            &doc.category,
            &doc.principle,
            &doc.unsafe_example,
            &doc.safe_example,
        ] {
            hasher.update(part.as_bytes());
            hasher.update(&[0]);
        }
        for list in [&doc.cwe, &doc.languages, &doc.api_hints] {
            for item in list {
                hasher.update(item.as_bytes());
                hasher.update(&[1]);
            }
            hasher.update(&[2]);
        }
    }
    hasher.digest128()
}

#[cfg(test)]
mod tests;
