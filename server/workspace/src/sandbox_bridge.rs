//! From a finding to a sandbox verification and back: which function to call (the unit
//! holding the line), and how a verdict changes the finding — confirmed raises it to an
//! error with the evidence, not reproduced lowers it to a hint with what was tried.

use std::path::Path;

use bluecode_analysis::Finding;
use bluecode_analysis::constitutions::{Confidence, Severity};
use bluecode_analysis::syntax::{Document, Language};
use bluecode_sandbox::{Verdict, VerifyReport, VerifyRequest};

/// The request that verifies the function unit holding `line` (0-based).
pub fn verify_request(
    doc: &Document,
    path: &Path,
    line: u32,
    hint: Option<String>,
) -> Result<VerifyRequest, String> {
    let language = match doc.language() {
        Some(Language::Python) => "python",
        Some(Language::JavaScript) => "javascript",
        Some(other) => {
            return Err(format!(
                "no built-in sandbox harness for {other} (Python and JavaScript have one)"
            ));
        }
        None => return Err("the file is not in a language bluecode parses".to_owned()),
    };
    let unit = crate::units::unit_at_line(doc, line).ok_or_else(|| {
        format!(
            "line {} is not inside a function: the harness verifies a function by calling it",
            line + 1
        )
    })?;
    let function = unit.id.qualified_name().to_owned();
    Ok(VerifyRequest {
        language: language.to_owned(),
        module_source: doc.text().to_owned(),
        module_file: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| {
                format!("module.{}", if language == "python" { "py" } else { "js" })
            }),
        function,
        hint,
        ..VerifyRequest::default()
    })
}

/// Folds a verdict into a finding (severity, confidence, and the evidence as its note).
/// A verdict about another kind of attack (an SQL payload in the same function) leaves the
/// finding alone.
pub fn apply_verification(finding: &mut Finding, report: &VerifyReport) {
    if !report.speaks_for(&finding.cwe) {
        return;
    }
    match &report.verdict {
        Verdict::Confirmed { .. } => {
            finding.severity = Severity::Error;
            finding.confidence = Confidence::High;
            finding.note = Some(format!(
                "Confirmed in the sandbox ({} ms): {}",
                report.timing.total_ms,
                report.verdict.explanation()
            ));
        }
        Verdict::NotReproduced { tried } => {
            finding.severity = Severity::Hint;
            let summary = tried
                .iter()
                .map(bluecode_sandbox::Attempt::describe)
                .collect::<Vec<_>>()
                .join("; ");
            finding.note = Some(format!(
                "Not reproduced in the sandbox ({} ms); tried {summary}",
                report.timing.total_ms
            ));
        }
        Verdict::Inconclusive { reason, .. } => {
            finding.note = Some(format!("Sandbox inconclusive: {reason}"));
        }
    }
}
