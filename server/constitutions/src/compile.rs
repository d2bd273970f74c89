//! Compiling patterns into tree-sitter queries. Patterns without an anchor (see
//! [`crate::anchors`]) go into one combined query that runs on every unit. Anchored ones are
//! combined per constitution, and a unit runs only the queries whose anchors occur in its
//! text: one Aho-Corasick pass and one regex-set pass say which. On Django's sources this
//! leaves most queries unrun in most units, where one combined query of every pattern ran
//! in full wherever any anchor occurred (most units). A table maps each query pattern
//! index back to its constitution and pattern.

use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use bluecode_syntax::Language;
use tree_sitter::Query;

use crate::anchors::{Anchor, Anchors, anchor_of};
use crate::regex_gate::RegexGate;
use crate::schema::{Constitution, PatternKind};

/// A pattern's place in the set: `constitutions()[constitution].patterns[pattern]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PatternRef {
    pub constitution: usize,
    pub pattern: usize,
}

/// A combined-query pattern with what the engine needs to interpret its matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RulePattern {
    pub rule: PatternRef,
}

/// One combined query and the rule behind each of its patterns.
#[derive(Debug)]
pub struct CombinedQuery {
    pub query: Query,
    /// Indexed by the query's pattern index.
    pub patterns: Vec<RulePattern>,
}

impl CombinedQuery {
    pub fn capture_index(&self, name: &str) -> Option<u32> {
        self.query.capture_index_for_name(name)
    }
}

/// One `inside`/`not_inside` query, compiled, and the captures it shares with its
/// pattern's query: a shared name must capture the same text in both.
#[derive(Debug)]
pub struct ContextQuery {
    pub query: Query,
    /// (capture index in `query`, capture name) for each name the pattern's query also
    /// captures.
    pub shared: Vec<(u32, String)>,
}

/// The enclosing-node conditions of one pattern.
#[derive(Debug, Default)]
pub struct PatternContext {
    /// Each must be matched by some node enclosing the sink.
    pub inside: Vec<ContextQuery>,
    /// None may be matched by a node enclosing the sink.
    pub not_inside: Vec<ContextQuery>,
    /// Every capture name shared with any of them: what a match must remember.
    pub shared_names: Vec<String>,
}

/// Everything that runs on files of one language.
#[derive(Debug)]
pub struct CompiledLanguage {
    language: Language,
    /// Every query pattern, for [`CompiledLanguage::everything`].
    every_part: Vec<(PatternRef, String)>,
    everything: OnceLock<Option<CombinedQuery>>,
    /// Whether some thread has begun compiling `everything`.
    everything_started: AtomicBool,
    /// Patterns without an anchor, run on every unit.
    pub unanchored: Option<CombinedQuery>,
    /// The anchored patterns, one query per constitution; `anchors` tells which to run.
    pub anchored: Vec<CombinedQuery>,
    /// Groups are indexes into `anchored`. `None` when the anchors did not build: then
    /// every query runs.
    pub anchors: Option<Anchors>,
    /// Regex patterns over units' own text.
    pub regex_patterns: Vec<PatternRef>,
    /// Which of `regex_patterns` (same order) can match in a text.
    pub regex_gate: RegexGate,
    /// Query patterns with a `module_matches` or `file_not_matches` condition, decided
    /// once per document.
    pub module_conditioned: Vec<PatternRef>,
    /// Patterns whose query does not compile for this language (a JavaScript query that
    /// the TypeScript grammar rejects), with the reason.
    pub skipped: Vec<(PatternRef, String)>,
    /// The `inside`/`not_inside` conditions of the patterns that have them.
    pub contexts: HashMap<PatternRef, PatternContext>,
}

impl CompiledLanguage {
    /// Every query pattern in one query: one walk of a document that many groups' anchors
    /// hit, where a walk per group would visit every node again and again. Compiled on
    /// first use: it costs as much again as the groups, and an editor rarely needs it.
    fn everything(&self) -> Option<&CombinedQuery> {
        self.everything_started.store(true, Ordering::Relaxed);
        self.everything
            .get_or_init(|| {
                let parts = self
                    .every_part
                    .iter()
                    .map(|(rule, source)| Part {
                        rule: *rule,
                        source,
                    })
                    .collect();
                // The parts that fail here failed in the groups too, and are recorded there.
                combine_all(self.language, parts, &mut Vec::new())
            })
            .as_ref()
    }

    /// The whole-language query (`everything`), unless another thread is compiling it: then
    /// `None` at once, and the caller runs the groups it would have combined (the same
    /// findings) instead of waiting — a scan's other threads keep working.
    pub fn everything_without_waiting(&self) -> Option<&CombinedQuery> {
        match self.everything.get() {
            Some(ready) => ready.as_ref(),
            None if self.everything_started.load(Ordering::Relaxed) => None,
            None => self.everything(),
        }
    }

    /// The queries worth running over `texts` (a unit's own ranges, or a whole file).
    pub fn queries_for<'s>(&self, texts: impl IntoIterator<Item = &'s str>) -> Vec<&CombinedQuery> {
        self.queries_with(self.anchor_hits(texts).as_deref())
    }

    /// Which anchored groups have an anchor in `texts`; `None` when every group applies.
    pub fn anchor_hits<'s>(&self, texts: impl IntoIterator<Item = &'s str>) -> Option<Vec<bool>> {
        let anchors = self
            .anchors
            .as_ref()
            .filter(|_| !self.anchored.is_empty())?;
        let mut hit = vec![false; self.anchored.len()];
        for text in texts {
            anchors.mark_groups(text, &mut hit);
        }
        Some(hit)
    }

    /// The unanchored query and the anchored groups set in `hits` (all with `None`).
    pub fn queries_with(&self, hits: Option<&[bool]>) -> Vec<&CombinedQuery> {
        let mut queries: Vec<&CombinedQuery> = self.unanchored.iter().collect();
        match hits {
            Some(hits) => queries.extend(
                self.anchored
                    .iter()
                    .zip(hits)
                    .filter(|(_, hit)| **hit)
                    .map(|(query, _)| query),
            ),
            None => queries.extend(self.anchored.iter()),
        }
        queries
    }

    pub fn has_queries(&self) -> bool {
        self.unanchored.is_some() || !self.anchored.is_empty()
    }
}

/// Checks one query for its own language: it compiles (when `compile` is set), has
/// `@sink`, has `@input` when it needs a tainted input, and has the fix's capture. Errors
/// carry a 1-based file line.
pub(crate) fn validate_query(
    language: Language,
    source: &str,
    needs_input: bool,
    fix_capture: Option<&str>,
    first_line: usize,
    compile: bool,
) -> Result<(), (usize, String)> {
    let mut required = vec!["sink"];
    if needs_input {
        required.push("input");
    }
    if let Some(fix) = fix_capture {
        required.push(fix);
    }
    let names: Option<Vec<String>> = if compile {
        let query = Query::new(&language.grammar(), source).map_err(|e| {
            (
                first_line + e.row,
                format!(
                    "invalid {} query ({:?} error at column {}): {}",
                    language,
                    e.kind,
                    e.column + 1,
                    e.message.trim()
                ),
            )
        })?;
        Some(
            query
                .capture_names()
                .iter()
                .map(|n| n.to_string())
                .collect(),
        )
    } else {
        None
    };
    for name in required {
        let present = match &names {
            Some(names) => names.iter().any(|n| n == name),
            None => mentions_capture(source, name),
        };
        if !present {
            return Err((first_line, format!("the query has no `@{name}` capture")));
        }
    }
    Ok(())
}

/// Checks one `inside`/`not_inside` query: it compiles for `language` (when `compile`
/// is set). Errors carry a 1-based file line.
pub(crate) fn validate_context_query(
    language: Language,
    source: &str,
    first_line: usize,
    compile: bool,
) -> Result<(), (usize, String)> {
    if source.trim().is_empty() {
        return Err((first_line, "the query is empty".to_owned()));
    }
    if compile {
        Query::new(&language.grammar(), source).map_err(|e| {
            (
                first_line + e.row,
                format!(
                    "invalid {} query ({:?} error at column {}): {}",
                    language,
                    e.kind,
                    e.column + 1,
                    e.message.trim()
                ),
            )
        })?;
    }
    Ok(())
}

/// Whether `@name` appears as a whole capture name in the query text.
fn mentions_capture(source: &str, name: &str) -> bool {
    let needle = format!("@{name}");
    source.match_indices(&needle).any(|(at, _)| {
        !source[at + needle.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '-')
    })
}

/// One top-level query pattern that applies to the language being compiled.
#[derive(Clone, Copy)]
struct Part<'c> {
    rule: PatternRef,
    source: &'c str,
}

pub(crate) fn compile_language(
    language: Language,
    constitutions: &[Constitution],
) -> CompiledLanguage {
    let applies = language.rule_languages();
    let mut unanchored_parts = Vec::new();
    let mut anchored_groups: Vec<(Vec<Part>, Vec<Anchor>)> = Vec::new();
    let mut regex_patterns = Vec::new();
    let mut module_conditioned = Vec::new();
    let mut contexts = HashMap::new();
    let mut skipped = Vec::new();
    for (ci, constitution) in constitutions.iter().enumerate() {
        let mut group: (Vec<Part>, Vec<Anchor>) = (Vec::new(), Vec::new());
        for (pi, pattern) in constitution.patterns.iter().enumerate() {
            let rule = PatternRef {
                constitution: ci,
                pattern: pi,
            };
            match &pattern.kind {
                PatternKind::Query {
                    language: written_for,
                    source,
                } if applies.contains(written_for) => {
                    if !pattern.inside.is_empty() || !pattern.not_inside.is_empty() {
                        match compile_context(
                            language,
                            source,
                            &pattern.inside,
                            &pattern.not_inside,
                        ) {
                            Ok(context) => {
                                contexts.insert(rule, context);
                            }
                            Err(message) => {
                                // Without its context the pattern would over-report.
                                skipped.push((rule, message));
                                continue;
                            }
                        }
                    }
                    if pattern.module_matches.is_some() || pattern.file_not_matches.is_some() {
                        module_conditioned.push(rule);
                    }
                    for text in split_patterns(source) {
                        let part = Part { rule, source: text };
                        match anchor_of(text) {
                            Some(anchor) => {
                                group.0.push(part);
                                group.1.push(anchor);
                            }
                            None => unanchored_parts.push(part),
                        }
                    }
                }
                PatternKind::Regex { files, .. }
                    if files.is_empty()
                        && constitution.languages.iter().any(|l| applies.contains(l)) =>
                {
                    regex_patterns.push(rule);
                }
                _ => {}
            }
        }
        if !group.0.is_empty() {
            anchored_groups.push(group);
        }
    }
    let every_part = unanchored_parts
        .iter()
        .chain(anchored_groups.iter().flat_map(|(parts, _)| parts))
        .map(|p| (p.rule, p.source.to_owned()))
        .collect();
    let regex_gate = RegexGate::new(regex_patterns.iter().map(|rule: &PatternRef| {
        match &constitutions[rule.constitution].patterns[rule.pattern].kind {
            PatternKind::Regex { regex, .. } => regex.as_str(),
            // Only regex patterns are in the list; an empty regex always runs.
            PatternKind::Query { .. } => "",
        }
    }));
    // tree-sitter's analysis of a query is most of the start-up cost of a language, and
    // the groups are independent: compiled on every core (in order, so results and
    // `skipped` do not depend on the schedule).
    let (unanchored, groups) = rayon::join(
        || {
            let mut skipped = Vec::new();
            let query = combine_all(language, unanchored_parts, &mut skipped);
            (query, skipped)
        },
        || {
            anchored_groups
                .into_par_iter()
                .map(|(parts, anchors)| {
                    let mut skipped = Vec::new();
                    let query = combine_all(language, parts, &mut skipped);
                    (query, anchors, skipped)
                })
                .collect::<Vec<_>>()
        },
    );
    let (unanchored, unanchored_skipped) = unanchored;
    skipped.extend(unanchored_skipped);
    let mut anchored = Vec::new();
    let mut group_anchors = Vec::new();
    for (query, anchors, group_skipped) in groups {
        skipped.extend(group_skipped);
        if let Some(query) = query {
            group_anchors.push(anchors);
            anchored.push(query);
        }
    }
    CompiledLanguage {
        language,
        every_part,
        everything: OnceLock::new(),
        everything_started: AtomicBool::new(false),
        unanchored,
        anchored,
        anchors: Anchors::new(&group_anchors),
        regex_patterns,
        regex_gate,
        module_conditioned,
        skipped,
        contexts,
    }
}

/// Compiles a pattern's `inside`/`not_inside` queries for `language`; `Err` with the
/// reason when one does not compile.
fn compile_context(
    language: Language,
    pattern_source: &str,
    inside: &[String],
    not_inside: &[String],
) -> Result<PatternContext, String> {
    let pattern_captures = capture_names(pattern_source);
    let mut shared_names: Vec<String> = Vec::new();
    let mut compile = |sources: &[String]| -> Result<Vec<ContextQuery>, String> {
        sources
            .iter()
            .map(|source| {
                let query = Query::new(&language.grammar(), source).map_err(|e| e.message)?;
                let shared: Vec<(u32, String)> = query
                    .capture_names()
                    .iter()
                    .enumerate()
                    .filter(|(_, name)| pattern_captures.iter().any(|p| p == *name))
                    .map(|(i, name)| (i as u32, (*name).to_owned()))
                    .collect();
                for (_, name) in &shared {
                    if !shared_names.contains(name) {
                        shared_names.push(name.clone());
                    }
                }
                Ok(ContextQuery { query, shared })
            })
            .collect()
    };
    let inside = compile(inside)?;
    let not_inside = compile(not_inside)?;
    Ok(PatternContext {
        inside,
        not_inside,
        shared_names,
    })
}

/// The capture names a query source mentions (a scan of its text; strings and comments
/// stepped over).
fn capture_names(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b';' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'@' => {
                let start = i + 1;
                let mut end = start;
                while end < bytes.len()
                    && (bytes[end].is_ascii_alphanumeric() || b"_.-".contains(&bytes[end]))
                {
                    end += 1;
                }
                let name = source[start..end].to_owned();
                if !name.is_empty() && !names.contains(&name) {
                    names.push(name);
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    names
}

/// The top-level patterns of a query source: each parenthesised or bracketed group with
/// the captures and quantifiers after it. Comments and strings are stepped over.
fn split_patterns(source: &str) -> Vec<&str> {
    let bytes = source.as_bytes();
    let mut patterns = Vec::new();
    let mut depth = 0usize;
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b';' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'(' | b'[' => {
                if depth == 0 {
                    if let Some(s) = start {
                        patterns.push(source[s..i].trim_end());
                    }
                    start = Some(i);
                }
                depth += 1;
            }
            b')' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    if let Some(s) = start {
        patterns.push(source[s..].trim_end());
    }
    patterns
}

/// Compiles `parts` into one query. When a part does not compile (a JavaScript pattern
/// the TypeScript grammar rejects, a broken built-in), the error's offset names it: it is
/// left out, recorded in `skipped`, and the rest compiled again. Errors surface while the
/// query is parsed, before tree-sitter's costly analysis, so a retry is cheap.
fn combine_all(
    language: Language,
    mut parts: Vec<Part>,
    skipped: &mut Vec<(PatternRef, String)>,
) -> Option<CombinedQuery> {
    while !parts.is_empty() {
        match combine(language, &parts) {
            Ok(combined) => return Some(combined),
            Err(CombineError { part, message }) => {
                let rule = parts.remove(part.min(parts.len() - 1)).rule;
                skipped.push((rule, message));
            }
        }
    }
    None
}

/// Which part broke the combined query, and how.
struct CombineError {
    part: usize,
    message: String,
}

fn combine(language: Language, parts: &[Part]) -> Result<CombinedQuery, CombineError> {
    let mut source = String::new();
    let mut offsets = Vec::with_capacity(parts.len());
    for part in parts {
        offsets.push(source.len());
        source.push_str(part.source);
        source.push('\n');
    }
    let part_at = |offset: usize| offsets.partition_point(|&o| o <= offset).saturating_sub(1);
    let query = Query::new(&language.grammar(), &source).map_err(|e| CombineError {
        part: part_at(e.offset),
        message: e.message,
    })?;
    let patterns = (0..query.pattern_count())
        .map(|i| RulePattern {
            rule: parts[part_at(query.start_byte_for_pattern(i))].rule,
        })
        .collect();
    Ok(CombinedQuery { query, patterns })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_splits_into_its_top_level_patterns() {
        let source = r#"
; a comment with (parens
(call function: (identifier) @f (#eq? @f "eval")) @sink
[(string) (integer)] @sink
((identifier) @sink (#match? @sink "x)y"))
"#;
        let parts = split_patterns(source);
        assert_eq!(parts.len(), 3, "{parts:?}");
        assert!(parts[0].ends_with("@sink"));
        assert!(parts[2].contains("\"x)y\""));
    }
}
