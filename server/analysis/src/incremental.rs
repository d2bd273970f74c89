//! Per-document analysis state: the findings of each unit, keyed by the unit's hash and
//! the hash of the context it is analysed in, so an edit re-analyses only the units
//! whose text or context changed. Findings are stored relative to their unit's start
//! and moved when the unit moves. The module unit is re-analysed on every update that
//! changes the text: its findings sit between functions that may have grown.
//!
//! A unit's context is what the engine reads outside it: the module's own text
//! (constants whose conditions fold, imports, class annotations), the top-level
//! declaration enclosing it (patterns that test sibling methods of a class), and the
//! top-level functions it calls (the taint walker reads some of them at call sites) —
//! and, with the workspace index on, what the index says about the unit (callers'
//! sources, callees' summaries). With the index on, each function unit's summary is kept
//! beside its findings, under the same key.

use std::collections::HashMap;

use aho_corasick::AhoCorasick;
use bluecode_syntax::tree_sitter::Node;
use bluecode_syntax::{
    Document, Language, Outline, OutlineCache, Unit, UnitId, UnitKind, outline, outline_cached,
};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::context::AnalysisContext;
use crate::engine::{Engine, IndexHooks};
use crate::finding::Finding;
use crate::index::{CallSite, FileEntry, FunctionSummary, ModuleFacts};

#[derive(Debug, Clone)]
struct CachedUnit {
    hash: u64,
    context: u64,
    start: usize,
    findings: Vec<Finding>,
    /// With the index on: the function unit's summary (steps located in the file). Boxed:
    /// most units of a scan's thousands are held with none, and a summary inline would
    /// make every unit's entry as large as one.
    summary: Option<Box<FunctionSummary>>,
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
    /// The hash of the text of the last update: where it is the same (the workspace
    /// index's rounds, an index refresh from another file), nothing moved and the module
    /// unit's findings still stand unless its context changed.
    text_hash: u64,
    units: Vec<Unit>,
    /// What the outline found per top-level node, filled from the second update on (a
    /// keystroke walks only the node it changed; a scan, which never edits, keeps none).
    outline: OutlineCache,
    /// The comments of the last update's outline.
    comments: Vec<std::ops::Range<usize>>,
    cache: HashMap<UnitId, CachedUnit>,
    context: AnalysisContext,
    index: Option<IndexHooks>,
    /// With the index on: the document's imports and exports at the last update.
    module: Option<ModuleFacts>,
}

impl DocumentAnalysis {
    pub fn new() -> DocumentAnalysis {
        DocumentAnalysis::default()
    }

    /// Places the document: its threat-model profile and its role in the project. A new
    /// profile drops the cached findings (they were seeded from the old sources).
    pub fn set_context(&mut self, context: AnalysisContext) {
        if context.cache_key() != self.context.cache_key() {
            self.cache.clear();
        }
        self.context = context;
    }

    pub fn context(&self) -> &AnalysisContext {
        &self.context
    }

    /// Turns the workspace index on (or off) for this document. Units whose index facts
    /// change are re-analysed at the next update; turning it on re-analyses every unit
    /// once (to summarise them).
    pub fn set_index(&mut self, hooks: Option<IndexHooks>) {
        if hooks.as_ref().map(|h| &h.path) != self.index.as_ref().map(|h| &h.path) {
            self.cache.clear();
        }
        self.index = hooks;
    }

    /// `doc` (the text of the last update) as the index records it, its summaries'
    /// steps located in its file; `None` with the index off.
    pub fn file_entry(&self, doc: &Document) -> Option<FileEntry> {
        let hooks = self.index.as_ref()?;
        let language = doc.language()?;
        let module = self.module.clone().unwrap_or_default();
        let own = self.own_functions();
        let mut functions: Vec<(usize, FunctionSummary)> = self
            .cache
            .values()
            .filter_map(|c| c.summary.as_deref().map(|s| (c.start, s.clone())))
            .collect();
        functions.sort_by_key(|(start, _)| *start);
        // A test, a vendored copy or a generated file is no entry point: a test calling a
        // handler with a crafted request passes no attacker's data on.
        let passes_sources = self.context.role == crate::context::FileRole::Source;
        let functions = functions
            .into_iter()
            .map(|(_, mut s)| {
                s.calls.retain(|c| resolvable(language, &module, &own, c));
                if !passes_sources {
                    for arg in s.calls.iter_mut().flat_map(|c| c.args.iter_mut()) {
                        arg.source = None;
                    }
                }
                s.map_steps(|step| *step = crate::index::located(doc, &hooks.path, step.clone()));
                s
            })
            .collect();
        Some(FileEntry {
            path: hooks.path.clone(),
            language,
            module,
            functions,
        })
    }

    /// Drops from the cached summaries the calls the index could never resolve (see
    /// [`resolvable`]), which [`DocumentAnalysis::file_entry`] leaves out anyway — for a
    /// document that is not edited again (a scan's file, held between the index's
    /// rounds): an edit may add the import or the function that resolves a dropped call
    /// without re-analysing its unit. In a scan of Django 38 % of the recorded calls are
    /// resolvable; dropping the rest lowered the indexed scan's peak by 7 MB.
    pub fn compact_summaries(&mut self, doc: &Document) {
        let Some(language) = doc.language() else {
            return;
        };
        let own: std::collections::HashSet<String> = self
            .own_functions()
            .into_iter()
            .map(str::to_owned)
            .collect();
        let no_imports = ModuleFacts::default();
        let module = self.module.as_ref().unwrap_or(&no_imports);
        for summary in self.cache.values_mut().filter_map(|c| c.summary.as_mut()) {
            summary
                .calls
                .retain(|c| resolvable(language, module, &own, c));
        }
    }

    /// The names of the document's summarised functions.
    fn own_functions(&self) -> std::collections::HashSet<&str> {
        self.cache
            .values()
            .filter_map(|c| c.summary.as_ref().map(|s| s.unit.as_str()))
            .collect()
    }

    /// Brings the findings up to date with `doc` (whose tree must be current).
    pub fn update(&mut self, engine: &Engine, doc: &Document) -> UpdateStats {
        let set_hash = engine.constitutions().content_hash();
        if set_hash != self.constitution_hash {
            self.cache.clear();
            self.constitution_hash = set_hash;
        }
        let text_hash = xxh3_64(doc.text().as_bytes())
            ^ doc.language().map_or(0, |l| xxh3_64(l.name().as_bytes()));
        let same_text = std::mem::replace(&mut self.text_hash, text_hash) == text_hash;
        let first = self.units.is_empty();
        let Outline { units, comments } = if first {
            outline(doc)
        } else if same_text {
            // Nothing moved (an index round, a refresh from another file's edit).
            Outline {
                units: self.units.clone(),
                comments: self.comments.clone(),
            }
        } else {
            outline_cached(doc, &mut self.outline)
        };
        self.comments.clone_from(&comments);
        let mut contexts = unit_contexts(doc, &units);
        let mut plan = engine.plan(doc, &units, comments);
        plan.set_context(&self.context);
        // A test, vendored or generated file is neither an entry point (below, its calls
        // pass no sources on) nor what shipped code calls: its functions are not summarised.
        if let Some(hooks) = self
            .index
            .as_ref()
            .filter(|_| self.context.role == crate::context::FileRole::Source)
        {
            plan.set_index(hooks.clone());
            if let Some(facts) = &hooks.facts {
                for (unit, context) in units.iter().zip(contexts.iter_mut()) {
                    if let Some(f) = facts.unit(unit.id.as_str()) {
                        *context ^= f.fingerprint().rotate_left(17);
                    }
                }
            }
            // The same text imports and exports the same (an index round).
            self.module = match (doc.language(), doc.tree()) {
                _ if same_text && self.module.is_some() => self.module.take(),
                (Some(language), Some(tree)) => Some(ModuleFacts::collect(
                    language,
                    doc.text(),
                    tree.root_node(),
                    &units,
                )),
                _ => None,
            };
        }
        let summarising = self.index.is_some();
        let mut cache = HashMap::with_capacity(units.len());
        let mut stale = Vec::new();
        for (i, unit) in units.iter().enumerate() {
            let context = contexts.get(i).copied().unwrap_or_default();
            let function = unit.kind == UnitKind::Function;
            let reusable = (function || same_text)
                && self.cache.get(&unit.id).is_some_and(|c| {
                    c.hash == unit.hash
                        && c.context == context
                        && (c.summary.is_some() || !summarising || !function)
                });
            match self.cache.remove(&unit.id).filter(|_| reusable) {
                Some(mut cached) => {
                    let delta = unit.range.start as isize - cached.start as isize;
                    if delta != 0 {
                        cached.findings =
                            cached.findings.iter().map(|f| f.shifted(delta)).collect();
                        cached.start = unit.range.start;
                        if let Some(summary) = &mut cached.summary {
                            summary.map_steps(|s| {
                                if s.elsewhere.is_none() {
                                    s.range = shift(&s.range, delta);
                                }
                            });
                        }
                    }
                    cache.insert(unit.id.clone(), cached);
                }
                None => stale.push(i),
            }
        }
        // All stale units at once: on opening a file they are every unit, and one query
        // pass over the document serves them all.
        let fresh = engine.analyze_units_summarised(doc, &plan, &units, &stale);
        for (&i, outcome) in stale.iter().zip(fresh) {
            let unit = &units[i];
            cache.insert(
                unit.id.clone(),
                CachedUnit {
                    hash: unit.hash,
                    context: contexts.get(i).copied().unwrap_or_default(),
                    start: unit.range.start,
                    findings: outcome.findings,
                    summary: outcome.summary.map(Box::new),
                },
            );
        }
        let reanalysed = stale.len();
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

    /// Every finding the document's role keeps, ordered by position.
    pub fn findings(&self) -> Vec<Finding> {
        let mut all: Vec<Finding> = self
            .cache
            .values()
            .flat_map(|c| c.findings.iter().cloned())
            .filter(|f| self.context.keeps(f))
            .collect();
        all.sort_by(|a, b| (a.range.start, &a.rule_id).cmp(&(b.range.start, &b.rule_id)));
        all
    }
}

/// Whether the index could resolve `call` of a document in `language` with `module`'s
/// imports and the functions `own`: through an import, to the caller's own class, or to
/// a function of this file by its name; Go and Java calls the file's resolver
/// qualified, and bare names that may be of the same package (Go, Java) or a global
/// function (C/C++); Java's `Class.m(x)`.
fn resolvable<S: std::borrow::Borrow<str> + Eq + std::hash::Hash>(
    language: Language,
    module: &ModuleFacts,
    own: &std::collections::HashSet<S>,
    call: &CallSite,
) -> bool {
    let across_files = matches!(
        language,
        Language::Go | Language::Java | Language::C | Language::Cpp
    );
    match call.path.as_slice() {
        _ if call.qualified.is_some() => true,
        [name] if across_files => !name.is_empty(),
        [first, ..] if module.imports.contains_key(first) => true,
        [receiver, _] if matches!(receiver.as_str(), "self" | "cls" | "this") => true,
        [class, _] if language == Language::Java => {
            class.starts_with(|c: char| c.is_ascii_uppercase())
        }
        [name] => own.contains(name.as_str()),
        _ => false,
    }
}

fn shift(r: &std::ops::Range<usize>, delta: isize) -> std::ops::Range<usize> {
    (r.start as isize + delta).max(0) as usize..(r.end as isize + delta).max(0) as usize
}

/// The context hash of each unit (see the module docs).
fn unit_contexts(doc: &Document, units: &[Unit]) -> Vec<u64> {
    let text = doc.text();
    let module_hash = units
        .iter()
        .find(|u| u.kind == UnitKind::Module)
        .map_or(0, |u| u.hash);
    let mut top_level = Vec::new();
    // (name, hash of the whole definition) of each top-level function.
    let mut helpers: Vec<(&str, u64)> = Vec::new();
    if let Some(tree) = doc.tree() {
        let root = tree.root_node();
        let mut walk = root.walk();
        for node in root.children(&mut walk) {
            if is_top_level_function(node)
                && let Some(name) = node
                    .child_by_field_name("name")
                    .and_then(|n| text.get(n.byte_range()))
                && let Some(definition) = text.get(node.byte_range())
            {
                helpers.push((name, xxh3_64(definition.as_bytes())));
            }
            top_level.push(node.byte_range());
        }
    }
    let names = (!helpers.is_empty())
        .then(|| AhoCorasick::new(helpers.iter().map(|(name, _)| *name)).ok())
        .flatten();
    units
        .iter()
        .map(|unit| {
            let unit_text = text.get(unit.range.clone()).unwrap_or_default();
            let mut h = Xxh3::new();
            h.update(&module_hash.to_le_bytes());
            let i = top_level.partition_point(|r| r.end <= unit.range.start);
            if let Some(enclosing) = top_level
                .get(i)
                .filter(|r| r.start <= unit.range.start && unit.range.end <= r.end)
                .and_then(|r| text.get(r.clone()))
            {
                h.update(&xxh3_64(enclosing.as_bytes()).to_le_bytes());
            }
            // Hundreds of functions in a file: find the names a unit mentions in one pass.
            // (Without the automaton, every function counts as mentioned: more re-analysis,
            // never a stale result.)
            let mut mentioned = vec![names.is_none(); helpers.len()];
            if let Some(names) = &names {
                for m in names.find_overlapping_iter(unit_text) {
                    mentioned[m.pattern().as_usize()] = true;
                }
            }
            for ((_, hash), _) in helpers.iter().zip(&mentioned).filter(|(_, m)| **m) {
                h.update(&hash.to_le_bytes());
            }
            h.digest()
        })
        .collect()
}

/// A top-level function: the taint walker may read it at a call site (inlining a
/// one-return helper, a validator's check, a function that returns only literals).
fn is_top_level_function(node: Node) -> bool {
    matches!(node.kind(), "function_definition" | "function_declaration")
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
        // The same text again (an index round, a refresh from another file): nothing
        // moved, so not even the module unit is analysed again.
        let same = analysis.update(&engine, &doc);
        assert_eq!(same.reanalysed, 0);
        assert_eq!(analysis.findings(), after);
    }

    /// Replaces the first `from` in `doc` by `to`, updates `analysis`, and checks that the
    /// incremental result equals a full analysis of the new text.
    fn edit_and_compare(
        engine: &Engine,
        analysis: &mut DocumentAnalysis,
        doc: &mut Document,
        from: &str,
        to: &str,
    ) -> Vec<Finding> {
        let at = doc.text().find(from).expect("edited text present");
        doc.apply_all([TextChange {
            range: Some(at..at + from.len()),
            text: to.into(),
        }]);
        analysis.update(engine, doc);
        let incremental = analysis.findings();
        assert_eq!(
            incremental,
            engine.analyze_document(doc),
            "after {from:?} → {to:?}"
        );
        incremental
    }

    #[test]
    fn a_unit_is_reanalysed_when_what_it_reads_outside_itself_changes() {
        let engine = Engine::new(Arc::new(
            ConstitutionSet::builtin().expect("built-ins load"),
        ));
        // Python sources that are clean until an edit outside `run` makes them unsafe.
        let cases = [
            // A module constant folds a condition inside `run`.
            (
                "import os\nfrom flask import request\n\nDEBUG_SHELL = False\n\ndef run():\n    if DEBUG_SHELL:\n        os.system(request.args[\"cmd\"])\n",
                "False",
                "True",
            ),
            // A one-return helper that stops quoting its argument.
            (
                "import os, shlex\nfrom flask import request\n\ndef quoted(v):\n    return shlex.quote(v)\n\ndef run():\n    os.system(\"ping \" + quoted(request.args[\"h\"]))\n",
                "shlex.quote(v)",
                "v.strip()",
            ),
            // A validator that stops checking its argument.
            (
                "import os\nfrom flask import abort, request\nKNOWN = {\"a\"}\n\ndef known(v):\n    if not v:\n        return False\n    return v in KNOWN\n\ndef run():\n    name = request.args[\"n\"]\n    if not known(name):\n        abort(400)\n    os.system(\"run \" + name)\n",
                "return v in KNOWN",
                "return len(v) > 0",
            ),
            // A function that returns only literals starts returning its input.
            (
                "import os\nfrom flask import request\n\ndef flag(unit):\n    for known in (\"h\", \"k\"):\n        if unit == known:\n            return \"-h\"\n    return \"\"\n\ndef run():\n    os.system(\"df \" + flag(request.args[\"u\"]))\n",
                "return \"\"",
                "return unit",
            ),
        ];
        for (src, from, to) in cases {
            let mut doc = Document::new(Some(Language::Python), src.into());
            let mut analysis = DocumentAnalysis::new();
            analysis.update(&engine, &doc);
            assert!(analysis.findings().is_empty(), "{src}");
            let after = edit_and_compare(&engine, &mut analysis, &mut doc, from, to);
            assert!(
                after.iter().any(|f| f.rule_id == "py.command-injection"),
                "{from:?} → {to:?}"
            );
        }

        // A Java pattern that tests the sibling methods of the class.
        let src = "@RestController\npublic class Admin {\n    @GetMapping(\"/a\")\n    public String list() { return \"\"; }\n\n    @DeleteMapping(\"/b\")\n    public void remove(long id) { }\n}\n";
        let mut doc = Document::new(Some(Language::Java), src.into());
        let mut analysis = DocumentAnalysis::new();
        analysis.update(&engine, &doc);
        let missing = |fs: &[Finding]| {
            fs.iter()
                .filter(|f| f.rule_id == "java.missing-authorization")
                .count()
        };
        assert_eq!(missing(&analysis.findings()), 0);
        let after = edit_and_compare(
            &engine,
            &mut analysis,
            &mut doc,
            "@GetMapping(\"/a\")",
            "@GetMapping(\"/a\")\n    @PreAuthorize(\"hasRole('ADMIN')\")",
        );
        assert_eq!(missing(&after), 1, "{after:?}");
    }
}
