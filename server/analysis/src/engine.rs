//! The static engine: for one unit, the language's queries over the unit's own ranges —
//! the query of every pattern without an anchor, and the query of each constitution whose
//! anchors occur in the top-level declaration around the unit (many stale units share one
//! pass over the document) — the regex rules over the same text, and a taint decision for
//! the patterns that need a tainted input. Offsets in and out are absolute byte offsets.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use bluecode_constitutions::{
    Category, CombinedQuery, CompiledLanguage, Confidence, Constitution, ConstitutionSet,
    ContextQuery, Pattern, PatternContext, PatternKind, PatternRef, Unresolved,
};
use bluecode_syntax::tree_sitter::{Node, QueryCursor, StreamingIterator};
use bluecode_syntax::{Document, Language, Unit, UnitKind};

use crate::aliases::ImportAliases;
use crate::context::{AnalysisContext, Profile};
use crate::finding::{Finding, FindingSource, Fix, TraceStep};
use crate::index::{DocumentFacts, FunctionSummary, UnitFacts};
use crate::predicate_text::{CommentFreeText, comment_free};
use crate::resolve::{FileSymbols, Resolution, Resolver};
use crate::taint::{self, SinkInput};

/// Runs constitutions over documents. Cheap to clone; shares the constitution set.
#[derive(Debug, Clone)]
pub struct Engine {
    set: Arc<ConstitutionSet>,
}

/// What to run on one version of a document: its compiled language, the combined queries
/// each unit can match, and the comments that predicates must not see.
pub struct QueryPlan<'e> {
    compiled: Option<&'e CompiledLanguage>,
    /// For the module unit: the queries whose anchors occur anywhere in the document.
    whole: Vec<&'e CombinedQuery>,
    /// For the units inside each top-level node: the queries whose anchors occur in that
    /// node.
    top_level: Vec<(Range<usize>, Vec<&'e CombinedQuery>)>,
    comments: Vec<Range<usize>>,
    /// The document's explicit import aliases, which predicates read as the imported name.
    aliases: ImportAliases,
    /// (constitution, pattern) of the patterns whose `module_matches` the module fails.
    off_by_module: Vec<(usize, usize)>,
    /// The threat model the taint walk seeds sources from.
    profile: Profile,
    /// The project's declared dependencies, where known.
    dependencies: Option<std::sync::Arc<[String]>>,
    /// The document's imports and definitions, collected when a `callee` pattern first
    /// matches.
    symbols: std::cell::OnceCell<FileSymbols>,
    /// JavaScript: the module's names bound only to `new X()`, with `X` (for the index).
    constructed: std::cell::OnceCell<HashMap<String, String>>,
    /// With the workspace index on: the document's path and what the index says.
    index: Option<IndexHooks>,
}

/// What the analysis of one document needs from the workspace index: its path (summary
/// steps carry it) and the facts of its units. With hooks set, every function unit
/// analysed is also summarised.
#[derive(Debug, Clone)]
pub struct IndexHooks {
    pub path: Arc<std::path::Path>,
    pub facts: Option<Arc<DocumentFacts>>,
}

/// One unit's analysis: its findings and, with the index on, its summary.
#[derive(Debug, Clone, Default)]
pub struct UnitOutcome {
    pub findings: Vec<Finding>,
    pub summary: Option<FunctionSummary>,
}

impl QueryPlan<'_> {
    /// Seeds the taint walk from the context's profile and gates unresolved sinks on
    /// its dependencies (a plan starts as a snippet's).
    pub fn set_context(&mut self, context: &AnalysisContext) {
        self.profile = context.profile;
        self.dependencies = context.dependencies.clone();
    }

    /// Turns the workspace index on for this document: summaries are made and the
    /// index's facts consulted.
    pub fn set_index(&mut self, hooks: IndexHooks) {
        self.index = Some(hooks);
    }

    fn unit_facts(&self, unit: &Unit) -> Option<&UnitFacts> {
        self.index.as_ref()?.facts.as_ref()?.unit(unit.id.as_str())
    }

    fn queries_for(&self, unit: &Unit) -> &[&CombinedQuery] {
        if unit.kind == UnitKind::Module {
            return &self.whole;
        }
        let i = self
            .top_level
            .partition_point(|(r, _)| r.end <= unit.range.start);
        match self.top_level.get(i) {
            Some((r, queries)) if r.start <= unit.range.start && unit.range.end <= r.end => queries,
            _ => &self.whole,
        }
    }
}

struct Candidate<'t> {
    constitution: usize,
    pattern: usize,
    sink: Node<'t>,
    inputs: Vec<Node<'t>>,
    fix_node: Option<Node<'t>>,
    /// For a pattern with `inside`/`not_inside` queries that share capture names with it:
    /// per match of this sink, the nodes those names captured.
    bindings: Vec<Vec<(String, Node<'t>)>>,
}

impl Engine {
    pub fn new(set: Arc<ConstitutionSet>) -> Engine {
        Engine { set }
    }

    pub fn constitutions(&self) -> &ConstitutionSet {
        &self.set
    }

    pub fn shared_constitutions(&self) -> Arc<ConstitutionSet> {
        self.set.clone()
    }

    /// All findings of a document, unit by unit (no caching).
    pub fn analyze_document(&self, doc: &Document) -> Vec<Finding> {
        self.analyze_document_in(doc, &AnalysisContext::snippet())
    }

    /// Analyses a whole document in `context`: sources from its profile, and only the
    /// categories its role keeps.
    pub fn analyze_document_in(&self, doc: &Document, context: &AnalysisContext) -> Vec<Finding> {
        let bluecode_syntax::Outline { units, comments } = bluecode_syntax::outline(doc);
        let mut plan = self.plan(doc, &units, comments);
        plan.set_context(context);
        let all: Vec<usize> = (0..units.len()).collect();
        let mut findings: Vec<Finding> = self
            .analyze_units(doc, &plan, &units, &all)
            .into_iter()
            .flatten()
            .filter(|f| context.keeps(f))
            .collect();
        findings.sort_by(|a, b| (a.range.start, &a.rule_id).cmp(&(b.range.start, &b.rule_id)));
        findings
    }

    /// The queries worth running on `doc`, whose units are `units`. A unit's anchors are
    /// looked up in its whole top-level declaration, not only in the unit: a pattern may
    /// test the enclosing class (`@PreAuthorize` on a sibling method) while reporting
    /// inside the unit. Module-level context (a blueprint's `url_prefix`) is a pattern's
    /// `module_matches`, decided once per version. `comments` are the document's, as
    /// [`bluecode_syntax::outline`] gives them.
    pub fn plan<'e>(
        &'e self,
        doc: &Document,
        units: &[Unit],
        comments: Vec<Range<usize>>,
    ) -> QueryPlan<'e> {
        let compiled = doc.language().and_then(|l| self.set.compiled(l));
        let mut plan = QueryPlan {
            compiled,
            whole: Vec::new(),
            top_level: Vec::new(),
            comments: Vec::new(),
            aliases: ImportAliases::default(),
            off_by_module: Vec::new(),
            profile: Profile::Snippet,
            dependencies: None,
            symbols: std::cell::OnceCell::new(),
            constructed: std::cell::OnceCell::new(),
            index: None,
        };
        let Some(tree) = doc.tree() else {
            return plan;
        };
        let text = doc.text();
        let root = tree.root_node();
        let aliases = doc
            .language()
            .map(|language| ImportAliases::collect(language, text, root))
            .unwrap_or_default();
        let Some(compiled) = compiled else {
            // The taint walks read the aliases too, with or without queries to run.
            plan.aliases = aliases;
            return plan;
        };
        // Between the root's children there is only whitespace, so the document's hits
        // are the union of its top-level declarations' hits: one scan of the text.
        // An aliased import (`import socket as s2`) hides a pattern's anchors from the
        // text (`s2.socket(`): a declaration is also searched as the predicates read it,
        // with the aliases written as what they stand for, and with the imported names.
        let imported = aliases.imported_names();
        let mut walk = root.walk();
        let mut whole_hits: Option<Vec<bool>> = compiled.anchor_hits([]);
        for node in root.children(&mut walk) {
            let range = node.byte_range();
            let own = text.get(range.clone());
            let rewritten = own
                .filter(|_| !aliases.is_empty())
                .and_then(|t| aliases.rewrite_members(t.as_bytes()))
                .and_then(|b| String::from_utf8(b).ok());
            let hits = compiled.anchor_hits(
                own.into_iter()
                    .chain(rewritten.as_deref())
                    .chain((!imported.is_empty()).then_some(imported.as_str())),
            );
            match (&mut whole_hits, &hits) {
                (Some(whole), Some(hits)) => {
                    whole.iter_mut().zip(hits).for_each(|(w, h)| *w |= h);
                }
                _ => whole_hits = None,
            }
            plan.top_level
                .push((range, compiled.queries_with(hits.as_deref())));
        }
        plan.whole = compiled.queries_with(whole_hits.as_deref());
        plan.aliases = aliases;
        if plan.whole.is_empty() {
            plan.top_level.clear();
            return plan;
        }
        plan.comments = comments;
        plan.off_by_module = self.patterns_off_by_module(doc, compiled, units, &plan.comments);
        plan
    }

    /// The patterns of `doc`'s language whose `module_matches` the module's own code fails,
    /// or whose `file_not_matches` the whole file matches.
    /// Tested once per version here rather than as a module-rooted query: such a query
    /// walks the whole tree again for every unit.
    fn patterns_off_by_module(
        &self,
        doc: &Document,
        compiled: &CompiledLanguage,
        units: &[Unit],
        comments: &[Range<usize>],
    ) -> Vec<(usize, usize)> {
        if compiled.module_conditioned.is_empty() {
            return Vec::new();
        }
        let module_text = units
            .iter()
            .filter(|u| u.kind == UnitKind::Module)
            .flat_map(|u| u.own_ranges.iter())
            .map(|r| comment_free(doc.text(), r.clone(), comments))
            .collect::<Vec<_>>()
            .join("\n");
        let constitutions = self.set.constitutions();
        let file_text = std::cell::OnceCell::new();
        compiled
            .module_conditioned
            .iter()
            .filter(|rule| {
                let pattern = &constitutions[rule.constitution].patterns[rule.pattern];
                pattern
                    .module_matches
                    .as_ref()
                    .is_some_and(|condition| !condition.is_match(&module_text))
                    || pattern.file_not_matches.as_ref().is_some_and(|condition| {
                        condition.is_match(file_text.get_or_init(|| {
                            comment_free(doc.text(), 0..doc.text().len(), comments)
                        }))
                    })
            })
            .map(|rule| (rule.constitution, rule.pattern))
            .collect()
    }

    /// Findings whose reported node starts in the own text of `units[index]`; `plan` comes
    /// from [`Engine::plan`] for the same document text.
    pub fn analyze_unit(
        &self,
        doc: &Document,
        plan: &QueryPlan<'_>,
        units: &[Unit],
        index: usize,
    ) -> Vec<Finding> {
        self.analyze_units(doc, plan, units, &[index])
            .pop()
            .unwrap_or_default()
    }

    /// The findings of each of `units[wanted[i]]`, as [`Engine::analyze_unit`] gives them.
    /// Many units share one query pass over the document: a pass per unit starts at the
    /// unit's top-level declaration and steps over its other children, quadratic in a
    /// bundled script whose one top-level call wraps thousands of functions.
    pub fn analyze_units(
        &self,
        doc: &Document,
        plan: &QueryPlan<'_>,
        units: &[Unit],
        wanted: &[usize],
    ) -> Vec<Vec<Finding>> {
        self.analyze_units_summarised(doc, plan, units, wanted)
            .into_iter()
            .map(|o| o.findings)
            .collect()
    }

    /// [`Engine::analyze_units`] with each function unit's summary when the plan has the
    /// index on.
    pub fn analyze_units_summarised(
        &self,
        doc: &Document,
        plan: &QueryPlan<'_>,
        units: &[Unit],
        wanted: &[usize],
    ) -> Vec<UnitOutcome> {
        let mut candidates: Vec<Vec<Candidate>> = wanted.iter().map(|_| Vec::new()).collect();
        let lookups = taint::DocumentLookups::default();
        if let Some(tree) = doc.tree() {
            if wanted.len() > UNITS_PER_PASS_LIMIT {
                let owners = OwnerIndex::new(units, wanted);
                let root = tree.root_node();
                let mut walk = root.walk();
                let top_level: Vec<Node> = root.children(&mut walk).collect();
                // Compiled on first need only: it costs as much as all the groups again.
                let everything = plan
                    .compiled
                    .filter(|_| plan.whole.len() > GROUPS_PER_WALK_LIMIT)
                    .and_then(|c| c.everything_without_waiting());
                if let Some(everything) = everything {
                    self.match_candidates(
                        plan,
                        doc.text(),
                        &[everything],
                        &[MatchPass {
                            start: root,
                            range: root.byte_range(),
                            max_start_depth: None,
                        }],
                        |offset| owners.slot_of(offset),
                        &mut candidates,
                    );
                }
                for query in plan.whole.iter().filter(|_| everything.is_none()) {
                    // Module-rooted patterns, then each top-level node where the query's
                    // anchors occur, matched from that node.
                    let mut passes = vec![MatchPass {
                        start: root,
                        range: root.byte_range(),
                        max_start_depth: Some(0),
                    }];
                    for (node, (_, queries)) in top_level.iter().zip(&plan.top_level) {
                        if queries.iter().any(|q| std::ptr::eq(*q, *query)) {
                            passes.push(MatchPass {
                                start: *node,
                                range: node.byte_range(),
                                max_start_depth: None,
                            });
                        }
                    }
                    self.match_candidates(
                        plan,
                        doc.text(),
                        std::slice::from_ref(query),
                        &passes,
                        |offset| owners.slot_of(offset),
                        &mut candidates,
                    );
                }
            } else {
                for (slot, &index) in wanted.iter().enumerate() {
                    let Some(unit) = units.get(index) else {
                        continue;
                    };
                    let passes = match_passes(tree.root_node(), unit);
                    let mut found = vec![Vec::new()];
                    self.match_candidates(
                        plan,
                        doc.text(),
                        plan.queries_for(unit),
                        &passes,
                        |offset| unit.contains_own(offset).then_some(0),
                        &mut found,
                    );
                    candidates[slot] = found.pop().unwrap_or_default();
                }
            }
        }
        wanted
            .iter()
            .zip(candidates)
            .map(|(&index, candidates)| {
                self.decide_unit(doc, plan, units, index, candidates, &lookups)
            })
            .collect()
    }

    /// Whether the constitution at `index` reports in `profile` (its `profiles`).
    fn reports_in(&self, index: usize, profile: Profile) -> bool {
        self.set
            .constitutions()
            .get(index)
            .is_none_or(|c| c.profiles.is_empty() || c.profiles.iter().any(|p| p == profile.name()))
    }

    /// Runs `queries` over `passes`, adding each match to the candidates of the slot that
    /// `slot_of` gives for its sink's start (none: not wanted).
    fn match_candidates<'t>(
        &self,
        plan: &QueryPlan<'_>,
        text: &'t str,
        queries: &[&CombinedQuery],
        passes: &[MatchPass<'t>],
        slot_of: impl Fn(usize) -> Option<usize>,
        candidates: &mut [Vec<Candidate<'t>>],
    ) {
        // (constitution, pattern, sink) → (slot, index in its candidates).
        let mut seen: HashMap<(usize, usize, usize), (usize, usize)> = HashMap::new();
        let mut cursor = QueryCursor::new();
        for combined in queries {
            let sink_capture = combined.capture_index("sink");
            let input_capture = combined.capture_index("input");
            for pass in passes {
                cursor.set_byte_range(pass.range.clone());
                cursor.set_max_start_depth(pass.max_start_depth);
                let predicate_text = CommentFreeText {
                    text: text.as_bytes(),
                    comments: &plan.comments,
                    aliases: &plan.aliases,
                };
                let mut matches = cursor.matches(&combined.query, pass.start, predicate_text);
                while let Some(m) = matches.next() {
                    let Some(rule) = combined.patterns.get(m.pattern_index) else {
                        continue;
                    };
                    let rule = rule.rule;
                    if plan
                        .off_by_module
                        .contains(&(rule.constitution, rule.pattern))
                        || !self.reports_in(rule.constitution, plan.profile)
                    {
                        continue;
                    }
                    let Some(sink) = m
                        .captures
                        .iter()
                        .find(|c| Some(c.index) == sink_capture)
                        .map(|c| c.node)
                    else {
                        continue;
                    };
                    let Some(slot) = slot_of(sink.start_byte()) else {
                        continue;
                    };
                    let inputs = m
                        .captures
                        .iter()
                        .filter(|c| Some(c.index) == input_capture)
                        // `(_) @input` on `load(stream=data)`: the value is the input.
                        .map(|c| match c.node.kind() {
                            "keyword_argument" => {
                                c.node.child_by_field_name("value").unwrap_or(c.node)
                            }
                            _ => c.node,
                        });
                    let binding: Vec<(String, Node)> = plan
                        .compiled
                        .and_then(|c| c.contexts.get(&rule))
                        .map(|context| {
                            context
                                .shared_names
                                .iter()
                                .filter_map(|name| {
                                    let index = combined.capture_index(name)?;
                                    let node = m.captures.iter().find(|c| c.index == index)?.node;
                                    Some((name.clone(), node))
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    // Another match of the same sink (`(_) @input` matching each argument
                    // in turn) adds its inputs to the first one.
                    let key = (rule.constitution, rule.pattern, sink.id());
                    if let Some(&(slot, at)) = seen.get(&key) {
                        let existing: &mut Candidate = &mut candidates[slot][at];
                        for input in inputs {
                            if !existing.inputs.iter().any(|i| i.id() == input.id()) {
                                existing.inputs.push(input);
                            }
                        }
                        if !binding.is_empty() && !existing.bindings.contains(&binding) {
                            existing.bindings.push(binding);
                        }
                        continue;
                    }
                    let Some(slot_candidates) = candidates.get_mut(slot) else {
                        continue;
                    };
                    seen.insert(key, (slot, slot_candidates.len()));
                    let pattern =
                        &self.set.constitutions()[rule.constitution].patterns[rule.pattern];
                    let fix_capture = pattern
                        .fix
                        .as_ref()
                        .and_then(|f| combined.capture_index(&f.capture));
                    slot_candidates.push(Candidate {
                        constitution: rule.constitution,
                        pattern: rule.pattern,
                        sink,
                        inputs: inputs.collect(),
                        fix_node: m
                            .captures
                            .iter()
                            .find(|c| Some(c.index) == fix_capture)
                            .map(|c| c.node),
                        bindings: if binding.is_empty() {
                            Vec::new()
                        } else {
                            vec![binding]
                        },
                    });
                }
            }
        }
    }

    /// The findings of `units[index]` from its regex rules and its query `candidates`.
    fn decide_unit<'t>(
        &self,
        doc: &'t Document,
        plan: &QueryPlan<'_>,
        units: &[Unit],
        index: usize,
        mut candidates: Vec<Candidate<'t>>,
        lookups: &taint::DocumentLookups<'t>,
    ) -> UnitOutcome {
        let (Some(unit), Some(language)) = (units.get(index), doc.language()) else {
            return UnitOutcome::default();
        };
        let text = doc.text();
        let mut findings = match plan.compiled {
            Some(compiled) => {
                self.regex_findings(compiled, text, &unit.own_ranges, &plan.comments, &unit.id)
            }
            None => Vec::new(),
        };
        let Some(tree) = doc.tree() else {
            return UnitOutcome {
                findings,
                summary: None,
            };
        };
        // The order matches were found in depends on how the passes were cut.
        candidates.sort_by_key(|c| (c.sink.start_byte(), c.constitution, c.pattern));
        if let Some(compiled) = plan.compiled.filter(|c| !c.contexts.is_empty()) {
            let mut cursor = QueryCursor::new();
            candidates.retain(|c| {
                let rule = PatternRef {
                    constitution: c.constitution,
                    pattern: c.pattern,
                };
                compiled.contexts.get(&rule).is_none_or(|context| {
                    context_holds(
                        context,
                        c,
                        text,
                        CommentFreeText {
                            text: text.as_bytes(),
                            comments: &plan.comments,
                            aliases: &plan.aliases,
                        },
                        &mut cursor,
                    )
                })
            });
        }

        // Sinks are resolved APIs: a `callee` pattern keeps a call that resolves to one of
        // its APIs, drops one that resolves elsewhere, and caps one it cannot resolve.
        let mut unresolved_caps: Vec<bool> = Vec::with_capacity(candidates.len());
        if candidates.iter().any(|c| {
            self.set.constitutions()[c.constitution].patterns[c.pattern]
                .callee
                .is_some()
        }) {
            let root = tree.root_node();
            let symbols = plan
                .symbols
                .get_or_init(|| FileSymbols::collect(language, text, root));
            let resolver = Resolver::new(language, text, root, symbols);
            candidates.retain(|c| {
                let pattern = &self.set.constitutions()[c.constitution].patterns[c.pattern];
                let Some(rule) = &pattern.callee else {
                    unresolved_caps.push(false);
                    return true;
                };
                let resolution = call_node(c.sink)
                    .map_or(Resolution::Unresolved, |call| resolver.resolve_call(call));
                let keep = match &resolution {
                    Resolution::Api(api) => rule.accepts(api),
                    Resolution::Local => false,
                    // A receiver the resolver cannot place may still be the sink's API,
                    // unless the project's manifest lists none of its packages (Ghost's
                    // Bookshelf `findOne` in a project without MongoDB).
                    Resolution::Unresolved => {
                        rule.unresolved == Unresolved::Medium
                            && (!matches!(
                                language,
                                Language::JavaScript | Language::TypeScript | Language::Tsx
                            ) || plan
                                .dependencies
                                .as_deref()
                                .is_none_or(|deps| rule.may_be_installed(deps)))
                    }
                };
                if keep {
                    unresolved_caps.push(resolution == Resolution::Unresolved);
                }
                keep
            });
        } else {
            unresolved_caps.resize(candidates.len(), false);
        }

        // One taint walk per unit decides every sink input of the unit at once.
        let mut sink_inputs = Vec::new();
        let mut owner = Vec::new();
        for (ci, c) in candidates.iter().enumerate() {
            let pattern = &self.set.constitutions()[c.constitution].patterns[c.pattern];
            if let Some(kind) = &pattern.taint {
                for input in &c.inputs {
                    sink_inputs.push(SinkInput {
                        node: *input,
                        kind: kind.clone(),
                    });
                    owner.push(ci);
                }
            }
        }
        let unit_node = match unit.kind {
            UnitKind::Module => Some(tree.root_node()),
            UnitKind::Function => tree
                .root_node()
                .descendant_for_byte_range(unit.range.start, unit.range.end),
        };
        let nested: Vec<Range<usize>> = units
            .iter()
            .filter(|u| u.parent == Some(index))
            .map(|u| u.range.clone())
            .collect();
        // TypeScript/TSX fall back to the JavaScript model, C++ to C.
        let model = language
            .rule_languages()
            .iter()
            .find_map(|l| self.set.taint_model(*l));
        let walk_inputs = taint::WalkInputs {
            language,
            model,
            text,
            aliases: &plan.aliases,
            profile: plan.profile,
            lookups,
        };
        let flows = match unit_node {
            Some(node) if !sink_inputs.is_empty() => taint::flows(
                &walk_inputs,
                node,
                unit.kind == UnitKind::Module,
                &nested,
                &sink_inputs,
                plan.unit_facts(unit),
            ),
            _ => vec![None; sink_inputs.len()],
        };
        let summary = match (&plan.index, unit_node) {
            (Some(_), Some(node)) if unit.kind == UnitKind::Function => {
                let raw = taint::summarise(
                    &walk_inputs,
                    node,
                    &nested,
                    &sink_inputs,
                    plan.unit_facts(unit),
                );
                let rules: Vec<&str> = owner
                    .iter()
                    .map(|&ci| {
                        self.set.constitutions()[candidates[ci].constitution]
                            .id
                            .as_str()
                    })
                    .collect();
                let ranges: Vec<Range<usize>> =
                    raw.state.calls.iter().map(|c| c.range.clone()).collect();
                let qualified = qualified_calls(plan, language, text, tree, node, &ranges);
                Some(crate::index::summarise(
                    unit.id.as_str(),
                    raw,
                    &sink_inputs,
                    &rules,
                    &qualified,
                ))
            }
            _ => None,
        };

        let findings_before = findings.len();
        let capped: Vec<(Range<usize>, &str)> = candidates
            .iter()
            .zip(&unresolved_caps)
            .filter(|(_, capped)| **capped)
            .map(|(c, _)| {
                (
                    c.sink.byte_range(),
                    self.set.constitutions()[c.constitution].id.as_str(),
                )
            })
            .collect();
        for (ci, c) in candidates.iter().enumerate() {
            let constitution = &self.set.constitutions()[c.constitution];
            let pattern = &constitution.patterns[c.pattern];
            let fix = match (&pattern.fix, c.fix_node) {
                (Some(template), Some(node)) => Some(Fix {
                    title: template.title.clone(),
                    range: node.byte_range(),
                    replacement: template.replacement.clone(),
                }),
                _ => None,
            };
            if pattern.taint.is_none() {
                findings.push(self.finding(
                    constitution,
                    pattern,
                    &unit.id,
                    c.sink.byte_range(),
                    None,
                    Vec::new(),
                    fix,
                ));
                continue;
            }
            let flow = flows
                .iter()
                .zip(&owner)
                .filter(|(_, o)| **o == ci)
                .filter_map(|(f, _)| f.as_ref())
                .max_by_key(|f| f.strong);
            let Some(flow) = flow else { continue };
            let mut trace = flow.trace.clone();
            let sink_text = first_line(text.get(c.sink.byte_range()).unwrap_or_default(), 60);
            trace.push(TraceStep::here(
                c.sink.byte_range(),
                format!("sink: `{sink_text}`"),
            ));
            let source = flow
                .trace
                .first()
                .map(|s| s.label.trim_start_matches("source: ").to_owned())
                .unwrap_or_default();
            // A real source: high. A parameter taken as a source by the threat model:
            // medium in a snippet (the reader supplies the caller), low in a library — an
            // exported API doing what it is for with its caller's value (jsoup compiling
            // the regex it is given, gin serving the file it is told to) is the caller's
            // to check; 0 of 19 such findings on real libraries were actionable.
            let mut cap = match (flow.strong, plan.profile) {
                (true, _) => Confidence::High,
                (false, Profile::Library) => Confidence::Low,
                (false, _) => Confidence::Medium,
            };
            // A flow through a call into another function (the workspace index) rests on
            // call resolution and summaries: one step less sure than the pattern is on
            // its own (a medium rule's cross-function flows are low, hidden by default).
            if flow.trace.iter().any(|s| s.elsewhere.is_some()) {
                cap = cap.min(
                    match pattern.confidence.unwrap_or(constitution.confidence) {
                        Confidence::High => Confidence::Medium,
                        Confidence::Medium | Confidence::Low => Confidence::Low,
                    },
                );
            }
            // Past a check the project wrote that the analysis cannot read: it is named
            // for this value and the code leaves when it fails, but is not known sound.
            // Likewise a query text the project's own builder returned beside its bound
            // parameters (`where, params = filters.build(…)`), for SQL sinks.
            let sql = pattern.taint.as_deref() == Some("sql");
            if flow.sanitized.iter().any(|k| {
                k == crate::taint::UNREAD_CHECK || (sql && k == crate::taint::UNREAD_SQL_BUILDER)
            }) {
                cap = Confidence::Low;
            }
            findings.push(self.finding(
                constitution,
                pattern,
                &unit.id,
                c.sink.byte_range(),
                Some((source, sink_text, cap)),
                trace,
                fix,
            ));
        }
        // A finding whose call could not be resolved is at most medium confidence.
        for f in findings.iter_mut().skip(findings_before) {
            if capped
                .iter()
                .any(|(range, id)| *range == f.range && *id == f.rule_id)
            {
                f.confidence = f.confidence.min(Confidence::Medium);
            }
        }
        UnitOutcome { findings, summary }
    }

    /// Matches of the regex patterns over `ranges`. A match that starts inside one of the
    /// `comments` counts only for the `instruction` category (comments addressed to AI
    /// tools are what it reviews): a comment runs nothing, so a path or a command named in
    /// documentation is not behaviour.
    fn regex_findings(
        &self,
        compiled: &CompiledLanguage,
        text: &str,
        ranges: &[Range<usize>],
        comments: &[Range<usize>],
        unit_id: &str,
    ) -> Vec<Finding> {
        let mut findings = Vec::new();
        // Which regexes can match in each range: one pass of the literal gate per range,
        // so that a rule absent from a unit costs nothing more.
        let possible: Vec<Vec<bool>> = ranges
            .iter()
            .map(|range| {
                text.get(range.clone())
                    .map(|segment| compiled.regex_gate.possible(segment))
                    .unwrap_or_default()
            })
            .collect();
        for (index, rule) in compiled.regex_patterns.iter().enumerate() {
            let constitution = &self.set.constitutions()[rule.constitution];
            let pattern = &constitution.patterns[rule.pattern];
            let PatternKind::Regex { regex, .. } = &pattern.kind else {
                continue;
            };
            for (range, possible) in ranges.iter().zip(&possible) {
                if !possible.get(index).copied().unwrap_or(false) {
                    continue;
                }
                let Some(segment) = text.get(range.clone()) else {
                    continue;
                };
                for m in regex.find_iter(segment) {
                    let at = range.start + m.start..range.start + m.end;
                    if pattern.ruled_out(segment, m) {
                        continue;
                    }
                    if constitution.category != Category::Instruction
                        && comments.iter().any(|c| c.contains(&at.start))
                    {
                        continue;
                    }
                    findings.push(self.finding(
                        constitution,
                        pattern,
                        unit_id,
                        at,
                        None,
                        Vec::new(),
                        None,
                    ));
                }
            }
        }
        findings
    }

    /// Whether `text` can hold a query match, so that it is worth parsing. False only
    /// when the language has no unanchored pattern, no anchor occurs, and the text has
    /// no suppression comment to check.
    pub fn needs_parse(&self, language: Language, text: &str) -> bool {
        let Some(compiled) = self.set.compiled(language) else {
            return false;
        };
        !compiled.queries_for([text]).is_empty() || text.contains("bluecode:")
    }

    /// Findings of a text that [`Engine::needs_parse`] said needs no parse: only the
    /// regex rules can match, and everything belongs to the module unit.
    pub fn analyze_unparsed(&self, language: Language, text: &str) -> Vec<Finding> {
        match self.set.compiled(language) {
            Some(compiled) => self.regex_findings(
                compiled,
                text,
                std::slice::from_ref(&(0..text.len())),
                &[],
                "module",
            ),
            None => Vec::new(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn finding(
        &self,
        constitution: &Constitution,
        pattern: &Pattern,
        unit_id: &str,
        range: Range<usize>,
        flow: Option<(String, String, Confidence)>,
        trace: Vec<TraceStep>,
        fix: Option<Fix>,
    ) -> Finding {
        let title = pattern
            .message
            .clone()
            .unwrap_or_else(|| constitution.title.clone());
        let mut confidence = pattern.confidence.unwrap_or(constitution.confidence);
        let mut message = match constitution.cwe_label() {
            Some(cwe) => format!("{cwe} {title}"),
            None => title.clone(),
        };
        if let Some((source, sink, cap)) = flow {
            confidence = confidence.min(cap);
            message = format!("{message}: {source} reaches `{sink}`");
        }
        Finding {
            source: FindingSource::Static,
            rule_id: constitution.id.clone(),
            title,
            message,
            category: constitution.category,
            cwe: constitution.cwe.clone(),
            severity: constitution.severity,
            confidence,
            range,
            unit_id: unit_id.to_owned(),
            trace,
            fix,
            note: None,
        }
    }
}

/// Whether the nodes enclosing `candidate`'s sink (below the file's root) satisfy its
/// pattern's context: each
/// `inside` query is matched by some enclosing node, no `not_inside` query by any. Each
/// query is tried with its pattern rooted at an enclosing node (a cursor that starts
/// nowhere deeper), so a check costs a few node visits per level of nesting: the sink
/// patterns stay in the one walk of the document, and only their rare matches pay this.
fn context_holds(
    context: &PatternContext,
    candidate: &Candidate<'_>,
    text: &str,
    predicate_text: CommentFreeText<'_>,
    cursor: &mut QueryCursor,
) -> bool {
    // Up to the top-level declaration, not the file itself: a unit's cached findings are
    // reused while that declaration is unchanged, so nothing above it may decide them
    // (what the whole module says is `module_matches`'s business).
    let enclosing: Vec<Node> = std::iter::successors(candidate.sink.parent(), |n| n.parent())
        .take_while(|n| n.parent().is_some())
        .collect();
    let no_binding = [Vec::new()];
    let bindings: &[Vec<(String, Node)>] = if candidate.bindings.is_empty() {
        &no_binding
    } else {
        &candidate.bindings
    };
    let mut matched = |query: &ContextQuery, binding: &[(String, Node)]| {
        enclosing
            .iter()
            .any(|node| matches_at(query, *node, binding, text, predicate_text, cursor))
    };
    bindings.iter().any(|binding| {
        context.inside.iter().all(|q| matched(q, binding))
            && !context.not_inside.iter().any(|q| matched(q, binding))
    })
}

/// Whether `query` has a match rooted at `node` whose captures shared with the sink's
/// pattern hold the same text as the sink's match bound them to.
fn matches_at(
    query: &ContextQuery,
    node: Node<'_>,
    binding: &[(String, Node)],
    text: &str,
    predicate_text: CommentFreeText<'_>,
    cursor: &mut QueryCursor,
) -> bool {
    // Started from the parent, one level deep, over the node's bytes: tree-sitter matches
    // a pattern whose root is a wildcard with a concrete child (`(_ body: (block))`) from
    // that child and needs the root's parent in the cursor, so a cursor started at the
    // node itself never matches it. The parent's own matches may come along; the parent
    // encloses the sink too, so they count anyway. (The file's root is not an enclosing
    // node, but a pattern rooted at it is rare enough to leave.)
    let (start, depth) = match node.parent() {
        Some(parent) => (parent, 1),
        None => (node, 0),
    };
    cursor.set_byte_range(node.byte_range());
    cursor.set_max_start_depth(Some(depth));
    let node_text = |n: Node| text.get(n.byte_range()).unwrap_or_default();
    let mut matches = cursor.matches(&query.query, start, predicate_text);
    while let Some(m) = matches.next() {
        let agrees = query.shared.iter().all(|(index, name)| {
            let Some((_, bound)) = binding.iter().find(|(n, _)| n == name) else {
                return true;
            };
            m.captures
                .iter()
                .filter(|c| c.index == *index)
                .any(|c| node_text(c.node) == node_text(*bound))
        });
        if agrees {
            return true;
        }
    }
    false
}

/// One run of the combined query: from `start`, over `range`.
struct MatchPass<'t> {
    start: Node<'t>,
    range: Range<usize>,
    max_start_depth: Option<u32>,
}

/// Above this many units, one pass over the whole document beats a pass per unit.
const UNITS_PER_PASS_LIMIT: usize = 4;

/// Above this many query groups to run on a document, one walk with every pattern beats
/// a walk per group (measured on Django: bundled scripts hit nearly every group).
const GROUPS_PER_WALK_LIMIT: usize = 12;

/// Which wanted unit owns an offset: the own ranges of the wanted units, sorted.
struct OwnerIndex {
    /// (own range, slot in `wanted`); own ranges of different units never overlap.
    ranges: Vec<(Range<usize>, usize)>,
}

impl OwnerIndex {
    fn new(units: &[Unit], wanted: &[usize]) -> OwnerIndex {
        let mut ranges: Vec<(Range<usize>, usize)> = wanted
            .iter()
            .enumerate()
            .filter_map(|(slot, &index)| Some((units.get(index)?, slot)))
            .flat_map(|(unit, slot)| unit.own_ranges.iter().map(move |r| (r.clone(), slot)))
            .collect();
        ranges.sort_by_key(|(r, _)| r.start);
        OwnerIndex { ranges }
    }

    fn slot_of(&self, offset: usize) -> Option<usize> {
        let i = self.ranges.partition_point(|(r, _)| r.end <= offset);
        self.ranges
            .get(i)
            .filter(|(r, _)| r.contains(&offset))
            .map(|(_, slot)| *slot)
    }
}

/// The query runs a function unit's own ranges from the root. The module unit has one own
/// range per gap between functions, and a cursor started at the root steps over every
/// top-level node to reach each gap, which made a 2,000-line module cost ~25 ms per edit.
/// So a gap is searched from the top-level nodes it overlaps (found by binary search), and
/// patterns anchored at the root node itself (`(module …)`) get one shallow pass.
fn match_passes<'t>(root: Node<'t>, unit: &Unit) -> Vec<MatchPass<'t>> {
    if unit.kind != UnitKind::Module {
        // Matching from the unit's top-level declaration, not the root: a pattern can see
        // the enclosing class, and the cursor does not step over the file's other
        // declarations once per unit.
        let start = root
            .first_child_for_byte(unit.range.start)
            .filter(|n| n.start_byte() <= unit.range.start && unit.range.end <= n.end_byte())
            .unwrap_or(root);
        return unit
            .own_ranges
            .iter()
            .map(|range| MatchPass {
                start,
                range: range.clone(),
                max_start_depth: None,
            })
            .collect();
    }
    let mut walk = root.walk();
    let top_level: Vec<Node<'t>> = root.children(&mut walk).collect();
    let mut passes = vec![MatchPass {
        start: root,
        range: root.byte_range(),
        max_start_depth: Some(0),
    }];
    for range in &unit.own_ranges {
        let first = top_level.partition_point(|n| n.end_byte() <= range.start);
        for node in top_level[first..]
            .iter()
            .take_while(|n| n.start_byte() < range.end)
        {
            passes.push(MatchPass {
                start: *node,
                range: range.clone(),
                max_start_depth: None,
            });
        }
    }
    passes
}

fn first_line(s: &str, max: usize) -> String {
    let line = s.lines().next().unwrap_or_default().trim();
    let mut out: String = line.chars().take(max).collect();
    if line.chars().count() > max || s.lines().nth(1).is_some() {
        out.push('…');
    }
    out
}

/// The call a sink capture stands for: the capture itself, or the first call inside it.
fn call_node(sink: Node) -> Option<Node> {
    const CALLS: [&str; 4] = [
        "call",
        "call_expression",
        "method_invocation",
        "new_expression",
    ];
    if CALLS.contains(&sink.kind()) {
        return Some(sink);
    }
    let mut cursor = sink.walk();
    let mut stack: Vec<Node> = sink.named_children(&mut cursor).collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        if CALLS.contains(&n.kind()) {
            return Some(n);
        }
        let mut c = n.walk();
        let mut children: Vec<Node> = n.named_children(&mut c).collect();
        children.reverse();
        stack.extend(children);
    }
    None
}

/// The index's reading of each call at `ranges` in `unit` (see `CallSite::qualified`): Go
/// and Java calls by the callee's qualified API (through the imports and the receiver's
/// declared type), JavaScript and Python methods by the class that made their receiver;
/// the index then needs no tree.
fn qualified_calls<'t>(
    plan: &QueryPlan<'_>,
    language: Language,
    text: &'t str,
    tree: &'t bluecode_syntax::tree_sitter::Tree,
    unit: Node<'t>,
    ranges: &[Range<usize>],
) -> Vec<Option<String>> {
    let go_or_java = matches!(language, Language::Go | Language::Java);
    if ranges.is_empty()
        || (!go_or_java && !language.is_js_family() && language != Language::Python)
    {
        return Vec::new();
    }
    let root = tree.root_node();
    let symbols = plan
        .symbols
        .get_or_init(|| FileSymbols::collect(language, text, root));
    let resolver = Resolver::new(language, text, root, symbols);
    let (module, local) = if go_or_java {
        (HashMap::new(), HashMap::new())
    } else {
        let module: HashMap<&str, &str> = plan
            .constructed
            .get_or_init(|| {
                resolver
                    .constructed_names(root)
                    .into_iter()
                    .map(|(n, c)| (n.to_owned(), c.to_owned()))
                    .collect()
            })
            .iter()
            .map(|(n, c)| (n.as_str(), c.as_str()))
            .collect();
        (module, resolver.constructed_names(unit))
    };
    ranges
        .iter()
        .map(|range| {
            let call = root
                .descendant_for_byte_range(range.start, range.end)
                .filter(|n| n.byte_range() == *range)?;
            if go_or_java {
                match resolver.resolve_call(call) {
                    Resolution::Api(q) => Some(q),
                    _ => None,
                }
            } else {
                resolver.constructed_receiver_call(call, [&local, &module])
            }
        })
        .collect()
}
