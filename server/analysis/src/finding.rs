//! A finding: which constitution was breached, where (byte range), how sure we are, and
//! the path the untrusted data took to get there.

use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use bluecode_constitutions::{Category, Confidence, Severity};

/// One step of a taint trace: where the data was and what happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TraceStep {
    /// Byte range in the analysed document, or in `elsewhere`'s file when set.
    pub range: Range<usize>,
    pub label: String,
    /// Set for a step in another function's summary (the workspace index): its file and
    /// its positions there, converted when the summary was made.
    pub elsewhere: Option<Arc<StepLocation>>,
}

impl TraceStep {
    /// A step in the analysed document.
    pub fn here(range: Range<usize>, label: String) -> TraceStep {
        TraceStep {
            range,
            label,
            elsewhere: None,
        }
    }
}

/// A line and its column in bytes and in UTF-16 code units (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct StepPosition {
    pub line: u32,
    pub utf8: u32,
    pub utf16: u32,
}

/// Where a trace step outside the analysed document is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StepLocation {
    pub path: Arc<Path>,
    pub start: StepPosition,
    pub end: StepPosition,
}

/// A mechanical edit that resolves a finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fix {
    pub title: String,
    pub range: Range<usize>,
    pub replacement: String,
}

/// Which layer produced a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum FindingSource {
    /// Patterns and taint: deterministic, never removed by another layer.
    #[default]
    Static,
    /// The optional LLM judge.
    Llm,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Finding {
    pub source: FindingSource,
    /// The constitution id (or a `bluecode.*` id for findings about suppressions).
    pub rule_id: String,
    pub title: String,
    /// The one-line message shown in the editor.
    pub message: String,
    pub category: Category,
    pub cwe: Vec<u32>,
    pub severity: Severity,
    pub confidence: Confidence,
    pub range: Range<usize>,
    /// The function unit holding the finding (`module` for top-level code).
    pub unit_id: String,
    /// Source → steps → sink, for taint findings.
    pub trace: Vec<TraceStep>,
    pub fix: Option<Fix>,
    /// Extra context for the reader (an expired suppression, a lowered severity).
    pub note: Option<String>,
}

impl Finding {
    pub fn cwe_label(&self) -> Option<String> {
        self.cwe.first().map(|c| format!("CWE-{c}"))
    }

    pub(crate) fn shifted(&self, delta: isize) -> Finding {
        let shift = |r: &Range<usize>| {
            (r.start as isize + delta).max(0) as usize..(r.end as isize + delta).max(0) as usize
        };
        Finding {
            range: shift(&self.range),
            trace: self
                .trace
                .iter()
                .map(|s| match s.elsewhere {
                    // Another file's step does not move with this document.
                    Some(_) => s.clone(),
                    None => TraceStep {
                        range: shift(&s.range),
                        ..s.clone()
                    },
                })
                .collect(),
            fix: self.fix.as_ref().map(|f| Fix {
                range: shift(&f.range),
                ..f.clone()
            }),
            ..self.clone()
        }
    }
}
