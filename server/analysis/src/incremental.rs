//! Per-document analysis state: the findings of each unit, keyed by the unit's hash, so
//! an edit re-analyses only the units whose own text changed. Findings are stored
//! relative to their unit's start and moved when the unit moves. The module unit is
//! re-analysed on every update: its findings sit between functions that may have grown.

use std::collections::HashMap;

use bluecode_syntax::{Document, Unit, UnitKind, extract_units};

use crate::engine::Engine;
use crate::finding::Finding;

#[derive(Debug, Clone)]
struct CachedUnit {
    hash: u64,
    start: usize,
    findings: Vec<Finding>,
}

/// What an update did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UpdateStats {
    pub units: usize,
    pub reanalysed: usize,
}

#[derive(Debug, Clone, Default)]
pub struct DocumentAnalysis {
    constitution_hash: u64,
    units: Vec<Unit>,
    cache: HashMap<String, CachedUnit>,
}

impl DocumentAnalysis {
    pub fn new() -> DocumentAnalysis {
        DocumentAnalysis::default()
    }

    /// Brings the findings up to date with `doc` (whose tree must be current).
    pub fn update(&mut self, engine: &Engine, doc: &Document) -> UpdateStats {
        let set_hash = engine.constitutions().content_hash();
        if set_hash != self.constitution_hash {
            self.cache.clear();
            self.constitution_hash = set_hash;
        }
        let units = extract_units(doc);
        let mut cache = HashMap::with_capacity(units.len());
        let mut reanalysed = 0;
        for (i, unit) in units.iter().enumerate() {
            let reusable = unit.kind == UnitKind::Function
                && self
                    .cache
                    .get(&unit.id)
                    .is_some_and(|c| c.hash == unit.hash);
            let entry = if reusable {
                let mut cached = self.cache.remove(&unit.id).unwrap_or_else(|| CachedUnit {
                    hash: unit.hash,
                    start: unit.range.start,
                    findings: Vec::new(),
                });
                let delta = unit.range.start as isize - cached.start as isize;
                if delta != 0 {
                    cached.findings = cached.findings.iter().map(|f| f.shifted(delta)).collect();
                    cached.start = unit.range.start;
                }
                cached
            } else {
                reanalysed += 1;
                CachedUnit {
                    hash: unit.hash,
                    start: unit.range.start,
                    findings: engine.analyze_unit(doc, &units, i),
                }
            };
            cache.insert(unit.id.clone(), entry);
        }
        self.cache = cache;
        self.units = units;
        UpdateStats {
            units: self.units.len(),
            reanalysed,
        }
    }

    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// Every finding, ordered by position.
    pub fn findings(&self) -> Vec<Finding> {
        let mut all: Vec<Finding> = self
            .cache
            .values()
            .flat_map(|c| c.findings.iter().cloned())
            .collect();
        all.sort_by(|a, b| (a.range.start, &a.rule_id).cmp(&(b.range.start, &b.rule_id)));
        all
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use bluecode_constitutions::ConstitutionSet;
    use bluecode_syntax::{Language, TextChange};

    use super::*;

    #[test]
    fn only_the_edited_function_is_reanalysed_and_others_move() {
        let engine = Engine::new(Arc::new(
            ConstitutionSet::builtin().expect("built-ins load"),
        ));
        let src = "import os\n\ndef a(x):\n    return x\n\ndef b(host):\n    os.system(\"ping \" + host)\n";
        let mut doc = Document::new(Some(Language::Python), src.into());
        let mut analysis = DocumentAnalysis::new();
        let first = analysis.update(&engine, &doc);
        assert_eq!(first.reanalysed, first.units);
        let before = analysis.findings();
        assert_eq!(before.len(), 1, "{before:?}");

        let at = doc.text().find("return x").unwrap();
        doc.apply_all([TextChange {
            range: Some(at..at + 8),
            text: "return x * 2 + 1".into(),
        }]);
        let second = analysis.update(&engine, &doc);
        // The edited function and the module unit.
        assert_eq!(second.reanalysed, 2);
        let after = analysis.findings();
        assert_eq!(after.len(), 1);
        assert_eq!(after[0].range.start, before[0].range.start + 8);
        assert_eq!(
            &doc.text()[after[0].range.clone()],
            "os.system(\"ping \" + host)"
        );
        assert_eq!(after, engine.analyze_document(&doc));
    }
}
