//! Trace steps made portable: a summary's steps carry their file and line/column
//! positions, so a document that shows them needs neither the other file's text nor
//! its tree.

use std::path::Path;
use std::sync::Arc;

use bluecode_syntax::{Document, PositionEncoding};

use crate::finding::{StepLocation, StepPosition, TraceStep};

fn position(doc: &Document, offset: usize) -> StepPosition {
    let index = doc.line_index();
    let utf8 = index.line_col(doc.text(), offset, PositionEncoding::Utf8);
    let start = index.line_start(utf8.line);
    // Most lines are ASCII, where both columns agree.
    let utf16 = match doc.text().get(start..start + utf8.col as usize) {
        Some(prefix) if prefix.is_ascii() => utf8.col,
        _ => {
            index
                .line_col(doc.text(), offset, PositionEncoding::Utf16)
                .col
        }
    };
    StepPosition {
        line: utf8.line,
        utf8: utf8.col,
        utf16,
    }
}

/// `step` of `doc` (at `path`) with its location attached; a step that has one already
/// keeps it.
pub(crate) fn located(doc: &Document, path: &Arc<Path>, step: TraceStep) -> TraceStep {
    if step.elsewhere.is_some() {
        return step;
    }
    let location = StepLocation {
        path: path.clone(),
        start: position(doc, step.range.start),
        end: position(doc, step.range.end),
    };
    TraceStep {
        elsewhere: Some(Arc::new(location)),
        ..step
    }
}
