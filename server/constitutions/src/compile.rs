//! Compiling patterns: every query pattern that applies to a language goes into one
//! combined tree-sitter query, so a unit is matched in one pass; a table maps each query
//! pattern index back to its constitution and pattern.

use bluecode_syntax::Language;
use tree_sitter::Query;

use crate::anchors::{Anchors, pattern_anchor};
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

/// Everything that runs on files of one language.
#[derive(Debug)]
pub struct CompiledLanguage {
    /// `None` when no query pattern applies.
    pub query: Option<Query>,
    /// Indexed by the combined query's pattern index.
    pub query_patterns: Vec<RulePattern>,
    /// Regex patterns over units' own text.
    pub regex_patterns: Vec<PatternRef>,
    /// Patterns written for a related language whose query does not compile for this
    /// one (a JavaScript query that the TypeScript grammar rejects), with the reason.
    pub skipped: Vec<(PatternRef, String)>,
    /// Present when every query pattern is anchored: a unit whose text holds none of
    /// these cannot match the combined query.
    pub anchors: Option<Anchors>,
}

impl CompiledLanguage {
    pub fn capture_index(&self, name: &str) -> Option<u32> {
        self.query.as_ref()?.capture_index_for_name(name)
    }
}

/// Checks one query for its own language: it compiles, has `@sink`, has `@input` when it
/// needs a tainted input, and has the fix's capture. Errors carry a 1-based file line.
pub(crate) fn validate_query(
    language: Language,
    source: &str,
    needs_input: bool,
    fix_capture: Option<&str>,
    first_line: usize,
) -> Result<(), (usize, String)> {
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
    let names = query.capture_names();
    let mut required = vec!["sink"];
    if needs_input {
        required.push("input");
    }
    if let Some(fix) = fix_capture {
        required.push(fix);
    }
    for name in required {
        if !names.contains(&name) {
            return Err((first_line, format!("the query has no `@{name}` capture")));
        }
    }
    Ok(())
}

pub(crate) fn compile_language(
    language: Language,
    constitutions: &[Constitution],
) -> CompiledLanguage {
    let grammar = language.grammar();
    let applies = language.rule_languages();
    let mut source = String::new();
    let mut query_patterns = Vec::new();
    let mut regex_patterns = Vec::new();
    let mut skipped = Vec::new();
    let mut anchor_texts: Vec<String> = Vec::new();
    let mut all_anchored = true;
    for (ci, constitution) in constitutions.iter().enumerate() {
        for (pi, pattern) in constitution.patterns.iter().enumerate() {
            let rule = PatternRef {
                constitution: ci,
                pattern: pi,
            };
            match &pattern.kind {
                PatternKind::Query {
                    language: written_for,
                    source: query_source,
                } if applies.contains(written_for) => match Query::new(&grammar, query_source) {
                    Ok(single) => {
                        for i in 0..single.pattern_count() {
                            query_patterns.push(RulePattern { rule });
                            let start = single.start_byte_for_pattern(i);
                            let end = if i + 1 < single.pattern_count() {
                                single.start_byte_for_pattern(i + 1)
                            } else {
                                query_source.len()
                            };
                            match query_source.get(start..end).and_then(pattern_anchor) {
                                Some(group) => anchor_texts.extend(group),
                                None => all_anchored = false,
                            }
                        }
                        source.push_str(query_source);
                        source.push('\n');
                    }
                    Err(e) => skipped.push((rule, e.message)),
                },
                PatternKind::Regex { files, .. }
                    if files.is_empty()
                        && constitution.languages.iter().any(|l| applies.contains(l)) =>
                {
                    regex_patterns.push(rule);
                }
                _ => {}
            }
        }
    }
    let query = if query_patterns.is_empty() {
        None
    } else {
        match Query::new(&grammar, &source) {
            Ok(q) => Some(q),
            Err(e) => {
                // Each part compiled alone; a combined failure would be a tree-sitter
                // quirk. Keep working with no query rather than failing the whole set.
                skipped.push((
                    PatternRef {
                        constitution: usize::MAX,
                        pattern: usize::MAX,
                    },
                    format!("combined query failed: {}", e.message),
                ));
                query_patterns.clear();
                None
            }
        }
    };
    anchor_texts.sort();
    anchor_texts.dedup();
    let anchors = if all_anchored && query.is_some() {
        Anchors::new(anchor_texts)
    } else {
        None
    };
    CompiledLanguage {
        query,
        query_patterns,
        regex_patterns,
        skipped,
        anchors,
    }
}
