//! The human-readable report: one line per finding (`path:line:col: severity [id]
//! message`), its trace indented below, then skipped files and a summary.

use std::fmt::Write;

use bluecode_analysis::constitutions::Severity;

use super::Report;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
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
