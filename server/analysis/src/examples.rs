//! Runs constitutions' examples as tests: every unsafe example must be flagged by its own
//! constitution and no safe example may be. `cargo test` and `bluecode constitutions
//! test` both use this. An example with a `file` is checked as that file (AGENTS.md…)
//! through the file-scoped patterns.

use std::path::{Path, PathBuf};

use bluecode_constitutions::ExampleKind;
use bluecode_syntax::Document;

use crate::engine::Engine;

/// An example that did not behave as its kind says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub constitution: String,
    pub file: PathBuf,
    pub line: usize,
    pub kind: ExampleKind,
    pub message: String,
}

#[derive(Debug, Clone, Default)]
pub struct ExampleReport {
    pub checked: usize,
    pub failures: Vec<ExampleFailure>,
}

/// Checks the examples of every constitution whose id matches `only` (all when `None`).
pub fn check_examples(engine: &Engine, only: Option<&str>) -> ExampleReport {
    let mut report = ExampleReport::default();
    for c in engine.constitutions().constitutions() {
        if only.is_some_and(|sel| !c.matches_selector(sel)) {
            continue;
        }
        for example in &c.examples {
            report.checked += 1;
            let findings = match &example.file {
                Some(file) => engine.analyze_text_file(Path::new(file), &example.code),
                None => {
                    let doc = Document::new(Some(example.language), example.code.clone());
                    engine.analyze_document(&doc)
                }
            };
            let hits: Vec<_> = findings.into_iter().filter(|f| f.rule_id == c.id).collect();
            let failure = match example.kind {
                ExampleKind::Unsafe if hits.is_empty() => {
                    Some("unsafe example is not flagged by its constitution".to_owned())
                }
                ExampleKind::Safe if !hits.is_empty() => Some(format!(
                    "safe example is flagged: {}",
                    hits.iter()
                        .map(|h| h.message.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                )),
                _ => None,
            };
            if let Some(message) = failure {
                report.failures.push(ExampleFailure {
                    constitution: c.id.clone(),
                    file: c.origin.path(),
                    line: example.line,
                    kind: example.kind,
                    message,
                });
            }
        }
    }
    report
}
