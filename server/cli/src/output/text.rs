//! The human-readable report: one line per finding (`path:line:col: severity [id]
//! message`), its trace indented below, then skipped files and a summary. Against a
//! baseline, only new findings are listed, and a line counts the rest.

use std::fmt::Write;

use bluecode_analysis::constitutions::Severity;
use bluecode_workspace::baseline::BaselineState;

use super::Report;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let shown = report
        .findings
        .iter()
        .filter(|f| f.baseline_state.is_none_or(|s| s == BaselineState::New));
    for f in shown {
        let _ = writeln!(
            out,
            "{}:{}:{}: {} [{}] {}",
            f.path,
            f.start.line + 1,
            f.start.col + 1,
            f.finding.severity,
            f.finding.rule_id,
            f.finding.message
        );
        for step in &f.trace {
            let file = step
                .path
                .as_deref()
                .map(|p| format!("{p}:"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "    {file}{}:{}: {}",
                step.start.line + 1,
                step.start.col + 1,
                step.label
            );
        }
        if let Some(note) = &f.finding.note {
            let _ = writeln!(out, "    note: {note}");
        }
    }
    if let Some(baseline) = &report.baseline {
        let count = |state: BaselineState| {
            report
                .findings
                .iter()
                .filter(|f| f.baseline_state == Some(state))
                .count()
        };
        let _ = writeln!(
            out,
            "against {}: {} new, {} unchanged, {} updated, {} absent",
            baseline.source,
            count(BaselineState::New),
            count(BaselineState::Unchanged),
            count(BaselineState::Updated),
            baseline.absent.len()
        );
    }
    for s in &report.skipped {
        let _ = writeln!(out, "{}: skipped: {}", s.path, s.reason);
    }
    let count = |sev: Severity| {
        report
            .findings
            .iter()
            .filter(|f| f.finding.severity == sev)
            .count()
    };
    let _ = writeln!(
        out,
        "{} finding{} ({} error, {} warning, {} info) in {} file{}, {} skipped, {} ms",
        report.findings.len(),
        if report.findings.len() == 1 { "" } else { "s" },
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info) + count(Severity::Hint),
        report.files,
        if report.files == 1 { "" } else { "s" },
        report.skipped.len(),
        report.duration_ms
    );
    out
}
