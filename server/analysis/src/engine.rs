//! The static engine: for one unit, one pass of the language's combined query over the
//! unit's own ranges, the regex rules over the same text, and a taint decision for the
//! patterns that need a tainted input. Offsets in and out are absolute byte offsets.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use bluecode_constitutions::{
    CombinedQuery, CompiledLanguage, Confidence, Constitution, ConstitutionSet, Pattern,
    PatternKind,
};
use bluecode_syntax::tree_sitter::{Node, QueryCursor, StreamingIterator};
use bluecode_syntax::{Document, Language, Unit, UnitKind};

use crate::finding::{Finding, FindingSource, Fix, TraceStep};
use crate::predicate_text::{CommentFreeText, comment_ranges};
use crate::taint::{self, SinkInput};

/// Runs constitutions over documents. Cheap to clone; shares the constitution set.
#[derive(Debug, Clone)]
pub struct Engine {
    set: Arc<ConstitutionSet>,
}

/// The compiled language of a document and the combined queries its text can match.
pub struct QueryPlan<'e> {
    compiled: Option<&'e CompiledLanguage>,
    queries: Vec<&'e CombinedQuery>,
    /// Comment ranges, blanked in the text predicates see.
    comments: Vec<Range<usize>>,
}

struct Candidate<'t> {
    constitution: usize,
    pattern: usize,
    sink: Node<'t>,
    inputs: Vec<Node<'t>>,
    fix_node: Option<Node<'t>>,
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
        let units = bluecode_syntax::extract_units(doc);
        let plan = self.plan(doc);
        let mut findings: Vec<Finding> = (0..units.len())
            .flat_map(|i| self.analyze_unit(doc, &plan, &units, i))
            .collect();
        findings.sort_by(|a, b| (a.range.start, &a.rule_id).cmp(&(b.range.start, &b.rule_id)));
        findings
    }

    /// The queries worth running on `doc`. Anchors are looked up in the whole text, not a
    /// unit's own text: a pattern may test the enclosing class (`@PreAuthorize` on a
    /// sibling method) while reporting inside the unit.
    pub fn plan<'e>(&'e self, doc: &Document) -> QueryPlan<'e> {
        let compiled = doc.language().and_then(|l| self.set.compiled(l));
        let queries = compiled.map_or_else(Vec::new, |c| c.queries_for([doc.text()]));
        let comments = match doc.tree() {
            Some(tree) if !queries.is_empty() => comment_ranges(tree),
            _ => Vec::new(),
        };
        QueryPlan {
            queries,
            compiled,
            comments,
        }
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
        let Some(unit) = units.get(index) else {
            return Vec::new();
        };
        let Some(language) = doc.language() else {
            return Vec::new();
        };
        let Some(compiled) = plan.compiled else {
            return Vec::new();
        };
        let text = doc.text();
        let mut findings = self.regex_findings(compiled, text, &unit.own_ranges, &unit.id);
        let Some(tree) = doc.tree() else {
            return findings;
        };
        let queries = &plan.queries;
        if queries.is_empty() {
            return findings;
        }
        let mut candidates: Vec<Candidate> = Vec::new();
        // (constitution, pattern, sink) → index in `candidates`.
        let mut seen = HashMap::new();
        let mut cursor = QueryCursor::new();
        for combined in queries {
            let sink_capture = combined.capture_index("sink");
            let input_capture = combined.capture_index("input");
            for pass in match_passes(tree.root_node(), unit) {
                cursor.set_byte_range(pass.range);
                cursor.set_max_start_depth(pass.max_start_depth);
                let predicate_text = CommentFreeText {
                    text: text.as_bytes(),
                    comments: &plan.comments,
                };
                let mut matches = cursor.matches(&combined.query, pass.start, predicate_text);
                while let Some(m) = matches.next() {
                    let Some(rule) = combined.patterns.get(m.pattern_index) else {
                        continue;
                    };
                    let rule = rule.rule;
                    let Some(sink) = m
                        .captures
                        .iter()
                        .find(|c| Some(c.index) == sink_capture)
                        .map(|c| c.node)
                    else {
                        continue;
                    };
                    if !unit.contains_own(sink.start_byte()) {
                        continue;
                    }
                    let inputs = m
                        .captures
                        .iter()
                        .filter(|c| Some(c.index) == input_capture)
                        .map(|c| c.node);
                    // Another match of the same sink (`(_) @input` matching each argument
                    // in turn) adds its inputs to the first one.
                    if let Some(&at) = seen.get(&(rule.constitution, rule.pattern, sink.id())) {
                        let existing: &mut Candidate = &mut candidates[at];
                        for input in inputs {
                            if !existing.inputs.iter().any(|i| i.id() == input.id()) {
                                existing.inputs.push(input);
                            }
                        }
                        continue;
                    }
                    seen.insert(
                        (rule.constitution, rule.pattern, sink.id()),
                        candidates.len(),
                    );
                    let pattern =
                        &self.set.constitutions()[rule.constitution].patterns[rule.pattern];
                    let fix_capture = pattern
                        .fix
                        .as_ref()
                        .and_then(|f| combined.capture_index(&f.capture));
                    candidates.push(Candidate {
                        constitution: rule.constitution,
                        pattern: rule.pattern,
                        sink,
                        inputs: inputs.collect(),
                        fix_node: m
                            .captures
                            .iter()
                            .find(|c| Some(c.index) == fix_capture)
                            .map(|c| c.node),
                    });
                }
            }
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
        let flows = if sink_inputs.is_empty() {
            Vec::new()
        } else {
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
            match unit_node {
                Some(node) => taint::flows(
                    language,
                    // TypeScript/TSX fall back to the JavaScript model, C++ to C.
                    language
                        .rule_languages()
                        .iter()
                        .find_map(|l| self.set.taint_model(*l)),
                    text,
                    node,
                    unit.kind == UnitKind::Module,
                    &nested,
                    &sink_inputs,
                ),
                None => vec![None; sink_inputs.len()],
            }
        };

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
            trace.push(TraceStep {
                range: c.sink.byte_range(),
                label: format!("sink: `{sink_text}`"),
            });
            let source = flow
                .trace
                .first()
                .map(|s| s.label.trim_start_matches("source: ").to_owned())
                .unwrap_or_default();
            let cap = if flow.strong {
                Confidence::High
            } else {
                Confidence::Medium
            };
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
        findings
    }

    fn regex_findings(
        &self,
        compiled: &CompiledLanguage,
        text: &str,
        ranges: &[Range<usize>],
        unit_id: &str,
    ) -> Vec<Finding> {
        let mut findings = Vec::new();
        for rule in &compiled.regex_patterns {
            let constitution = &self.set.constitutions()[rule.constitution];
            let pattern = &constitution.patterns[rule.pattern];
            let PatternKind::Regex { regex, .. } = &pattern.kind else {
                continue;
            };
            for range in ranges {
                let Some(segment) = text.get(range.clone()) else {
                    continue;
                };
                for m in regex.find_iter(segment) {
                    let at = range.start + m.start()..range.start + m.end();
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

/// One run of the combined query: from `start`, over `range`.
struct MatchPass<'t> {
    start: Node<'t>,
    range: Range<usize>,
    max_start_depth: Option<u32>,
}

/// The query runs a function unit's own ranges from the root. The module unit has one own
/// range per gap between functions, and a cursor started at the root steps over every
/// top-level node to reach each gap, which made a 2,000-line module cost ~25 ms per edit.
/// So a gap is searched from the top-level nodes it overlaps (found by binary search), and
/// patterns anchored at the root node itself (`(module …)`) get one shallow pass.
fn match_passes<'t>(root: Node<'t>, unit: &Unit) -> Vec<MatchPass<'t>> {
    if unit.kind != UnitKind::Module {
        return unit
            .own_ranges
            .iter()
            .map(|range| MatchPass {
                start: root,
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
