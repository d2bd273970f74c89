//! From a finding to a sandbox verification and back: which function to call (the unit
//! holding the line), and how a verdict changes the finding — confirmed raises it to an
//! error with the evidence, not reproduced lowers it to a hint with what was tried. A
//! malicious-category finding is verified by its behaviour instead (the function, or the
//! whole module for a script, run under the recorder); not seeing the behaviour leaves its
//! severity alone, since a guard the sandbox does not meet is no proof of innocence.

use std::path::Path;

use bluecode_analysis::Finding;
use bluecode_analysis::constitutions::{Category, Confidence, Severity};
use bluecode_analysis::syntax::{Document, Language};
use bluecode_sandbox::{SinkKind, Verdict, VerifyReport, VerifyRequest, WHOLE_MODULE};

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

/// The behaviour run for a malicious-category finding at `line` (0-based): the function
/// unit holding the line, or the whole module when the line is module-level code (a script).
pub fn behaviour_request(
    doc: &Document,
    path: &Path,
    line: u32,
    finding: &Finding,
) -> Result<VerifyRequest, String> {
    let mut request = match verify_request(doc, path, line, finding.cwe_label()) {
        Ok(request) => request,
        Err(_) if crate::units::unit_at_line(doc, line).is_none() => {
            let mut request = module_request(doc, path)?;
            request.function = WHOLE_MODULE.to_owned();
            request
        }
        Err(why) => return Err(why),
    };
    request.function = runnable_function(&request.function);
    request.constitution = Some(finding.rule_id.clone());
    Ok(request)
}

/// What the recorder can run for a unit name: the name itself when it is a plain
/// `func`/`Class.method`; for a callback nested in a function (`connect.sock.on(callback)`)
/// the outer function; for an anonymous top-level callback, the whole module.
fn runnable_function(qualified: &str) -> String {
    let is_identifier = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c == '_' || c == '$' || c.is_alphanumeric())
    };
    if qualified == WHOLE_MODULE || qualified.split('.').all(is_identifier) {
        return qualified.to_owned();
    }
    match qualified.split('.').next() {
        Some(outer) if is_identifier(outer) => outer.to_owned(),
        _ => WHOLE_MODULE.to_owned(),
    }
}

/// Whether a finding is verified by its behaviour rather than by canary payloads.
pub fn is_behaviour_finding(finding: &Finding) -> bool {
    finding.category == Category::Malicious
}

fn module_request(doc: &Document, path: &Path) -> Result<VerifyRequest, String> {
    let language = match doc.language() {
        Some(Language::Python) => "python",
        Some(Language::JavaScript) => "javascript",
        _ => return Err("no built-in behaviour recorder for this language".to_owned()),
    };
    Ok(VerifyRequest {
        language: language.to_owned(),
        module_source: doc.text().to_owned(),
        module_file: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| {
                format!("module.{}", if language == "python" { "py" } else { "js" })
            }),
        ..VerifyRequest::default()
    })
}

/// Folds a verdict into a finding (severity, confidence, and the evidence as its note).
/// A verdict about another kind of attack (an SQL payload in the same function) leaves the
/// finding alone.
pub fn apply_verification(finding: &mut Finding, report: &VerifyReport) {
    if report.kinds.contains(&SinkKind::Behaviour) {
        apply_behaviour(finding, report);
        return;
    }
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

/// Folds a behaviour verdict into a malicious-category finding: confirmed raises it with
/// the recorded events as evidence; otherwise the note says what was observed.
fn apply_behaviour(finding: &mut Finding, report: &VerifyReport) {
    if !is_behaviour_finding(finding) {
        return;
    }
    let ms = report.timing.total_ms;
    finding.note = Some(match &report.verdict {
        Verdict::Confirmed { evidence, .. } => {
            finding.severity = Severity::Error;
            finding.confidence = Confidence::High;
            let mut note = format!(
                "Confirmed in the sandbox ({ms} ms): {}\nEverything it tried:",
                report.verdict.explanation()
            );
            for event in evidence.split("; ") {
                note.push_str(&format!("\n- {event}"));
            }
            note
        }
        Verdict::NotReproduced { tried } => format!(
            "Not confirmed in the sandbox ({ms} ms): {}",
            tried
                .iter()
                .map(bluecode_sandbox::Attempt::describe)
                .collect::<Vec<_>>()
                .join("; ")
        ),
        Verdict::Inconclusive { reason, .. } => format!("Sandbox inconclusive: {reason}"),
    });
}

#[cfg(test)]
mod tests {
    use super::runnable_function;

    #[test]
    fn nested_callbacks_run_through_their_outer_function_or_the_module() {
        assert_eq!(runnable_function("Agent.run"), "Agent.run");
        assert_eq!(
            runnable_function("openConsole.net.createServer(callback)"),
            "openConsole"
        );
        assert_eq!(runnable_function("<anonymous@2>"), "<module>");
    }
}
