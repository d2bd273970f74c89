//! Runs the mutations over constitutions' examples: every variant of an unsafe example
//! must still be flagged by its constitution, no variant of a safe example may be. An
//! example that already fails as written is left to `constitutions test` and not mutated.

use std::collections::BTreeMap;

use bluecode_analysis::Engine;
use bluecode_constitutions::{Constitution, ExampleKind};
use bluecode_syntax::{Document, Language};

use crate::mutate::{Move, mutate};

/// A variant its constitution got wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escape {
    pub constitution: String,
    /// Line of the example's table in the constitution file.
    pub example_line: usize,
    pub kind: ExampleKind,
    pub applied: Move,
    pub code: String,
}

/// Counts for one constitution.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub unsafe_variants: usize,
    /// Unsafe variants not flagged.
    pub missed: usize,
    pub safe_variants: usize,
    /// Safe variants flagged.
    pub flagged: usize,
}

#[derive(Debug, Clone, Default)]
pub struct MutationReport {
    pub per_constitution: BTreeMap<String, Tally>,
    pub per_move: BTreeMap<Move, Tally>,
    pub escapes: Vec<Escape>,
}

impl MutationReport {
    pub fn total(&self) -> Tally {
        let mut total = Tally::default();
        for t in self.per_constitution.values() {
            total.unsafe_variants += t.unsafe_variants;
            total.missed += t.missed;
            total.safe_variants += t.safe_variants;
            total.flagged += t.flagged;
        }
        total
    }

    /// The moves whose variants of `kind` examples escaped, comma-separated.
    pub fn escaped(&self, kind: ExampleKind) -> String {
        self.escapes
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.applied.name())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Tally {
    /// Share of unsafe variants missed.
    pub fn miss_rate(&self) -> f64 {
        ratio(self.missed, self.unsafe_variants)
    }

    /// Share of safe variants flagged.
    pub fn flag_rate(&self) -> f64 {
        ratio(self.flagged, self.safe_variants)
    }

    fn add(&mut self, kind: ExampleKind, wrong: bool) {
        match kind {
            ExampleKind::Unsafe => {
                self.unsafe_variants += 1;
                self.missed += usize::from(wrong);
            }
            ExampleKind::Safe => {
                self.safe_variants += 1;
                self.flagged += usize::from(wrong);
            }
        }
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Whether `constitution` flags `code`.
pub fn flags(engine: &Engine, constitution: &str, language: Language, code: &str) -> bool {
    let doc = Document::new(Some(language), code.to_owned());
    engine
        .analyze_document(&doc)
        .iter()
        .any(|f| f.rule_id == constitution)
}

/// Mutates the code examples of every constitution `wanted` accepts.
pub fn red_team(engine: &Engine, wanted: impl Fn(&Constitution) -> bool) -> MutationReport {
    let mut report = MutationReport::default();
    for c in engine.constitutions().constitutions() {
        if !wanted(c) {
            continue;
        }
        for example in c.examples.iter().filter(|e| e.file.is_none()) {
            check_example(
                engine,
                c,
                example.kind,
                example.language,
                &example.code,
                example.line,
                &mut report,
            );
        }
    }
    report
}

/// Mutates one example of `c` and records how the rule treats each variant.
pub fn check_example(
    engine: &Engine,
    c: &Constitution,
    kind: ExampleKind,
    language: Language,
    code: &str,
    line: usize,
    report: &mut MutationReport,
) {
    let expected = kind == ExampleKind::Unsafe;
    if flags(engine, &c.id, language, code) != expected {
        return;
    }
    let tally = report.per_constitution.entry(c.id.clone()).or_default();
    for variant in mutate(language, code) {
        let wrong = flags(engine, &c.id, language, &variant.code) != expected;
        tally.add(kind, wrong);
        report
            .per_move
            .entry(variant.applied)
            .or_default()
            .add(kind, wrong);
        if wrong {
            report.escapes.push(Escape {
                constitution: c.id.clone(),
                example_line: line,
                kind,
                applied: variant.applied,
                code: variant.code,
            });
        }
    }
}
