//! What the judge is sent for a unit, and how its verdicts come back. A unit with nested
//! units (the module, a class's method holding a closure) is sent with each directly
//! nested unit elided to one line — the nested units are judged on their own — so its
//! request and cache key change only when its own text does. A verdict is recorded with
//! the unit's first line and whether it was elided; every later review moves it with the
//! unit and merges it through `apply_llm_outcome` (the LLM adds findings and may lower a
//! static one with its reason, never remove it).

use std::collections::HashMap;

use bluecode_analysis::Finding;
use bluecode_analysis::syntax::{Document, Unit, UnitId, UnitKind};
use bluecode_llm::{ConstitutionDoc, JudgeOutcome, JudgeRequest, LlmVerdict};

use crate::llm_bridge::{apply_llm_outcome, judge_request, static_findings};

/// What the judge said about one unit, while its hash is `hash`.
#[derive(Debug, Clone)]
pub struct LlmRecord {
    pub hash: u64,
    /// The unit's first line (1-based) when it was judged; the verdict's lines are
    /// moved with the unit.
    pub start_line: u32,
    /// The unit was sent with its nested units elided: the verdict's lines count the
    /// lines sent, not the file's.
    pub elided: bool,
    /// `None` when the judge gave up (timeout, unusable answer) or the file is excluded
    /// from the LLM: not asked again until the unit changes.
    pub verdict: Option<LlmVerdict>,
}

/// A unit as the judge is sent it: its own lines, each directly nested unit elided to
/// one line.
pub(crate) struct UnitView {
    pub(crate) code: String,
    /// The file line (1-based) of each line sent.
    pub(crate) file_lines: Vec<u32>,
}

/// What stands for an elided nested unit.
pub(crate) const ELIDED: &str = "… (a nested function, reviewed separately)";

pub(crate) fn unit_view(doc: &Document, units: &[Unit], index: usize) -> Option<UnitView> {
    let unit = units.get(index)?;
    let lines = doc.line_index();
    let spans: Vec<(u32, u32)> = units
        .iter()
        .filter(|u| u.parent == Some(index))
        .map(|u| {
            let last = u.range.end.saturating_sub(1).max(u.range.start);
            (lines.line_of(u.range.start), lines.line_of(last))
        })
        .collect();
    if spans.is_empty() {
        return None;
    }
    let first = lines.line_of(unit.range.start);
    let text = doc.text().get(unit.range.clone()).unwrap_or_default();
    let mut code = Vec::new();
    let mut file_lines = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let at = first + i as u32;
        match spans
            .iter()
            .find(|(start, end)| (*start..=*end).contains(&at))
        {
            Some((start, _)) if *start == at => {
                code.push(ELIDED);
                file_lines.push(at + 1);
            }
            Some(_) => {}
            None => {
                code.push(line);
                file_lines.push(at + 1);
            }
        }
    }
    Some(UnitView {
        code: code.join("\n"),
        file_lines,
    })
}

impl UnitView {
    /// The line sent for a file line, numbered from `start_line`.
    pub(crate) fn sent_line(&self, file_line: u32, start_line: u32) -> Option<u32> {
        let i = self.file_lines.iter().position(|l| *l == file_line)?;
        Some(start_line + i as u32)
    }

    /// The file line of a line sent (numbered from `start_line`).
    pub(crate) fn file_line(&self, sent: u32, start_line: u32) -> Option<u32> {
        let i = sent.checked_sub(start_line)?;
        self.file_lines.get(i as usize).copied()
    }

    /// Rewrites a request for the elided view: code, static finding lines, and the
    /// callees seen in what is sent.
    fn apply(&self, request: &mut JudgeRequest, units: &[Unit], doc: &Document, index: usize) {
        let start = request.unit.start_line;
        for f in &mut request.static_findings {
            if let Some(line) = self.sent_line(f.line, start) {
                f.line = line;
            }
        }
        request.unit.callee_signatures = units
            .iter()
            .enumerate()
            .filter(|(i, u)| *i != index && u.kind == UnitKind::Function)
            .filter_map(|(_, u)| {
                let short = u.id.short_name();
                self.code.contains(&format!("{short}(")).then(|| {
                    doc.text()
                        .get(u.range.clone())
                        .and_then(|t| t.lines().next())
                        .unwrap_or_default()
                        .trim()
                        .to_owned()
                })
            })
            .take(10)
            .collect();
        request.unit.code = self.code.clone();
    }

    /// Maps a verdict on the elided view back to file lines.
    fn to_file(&self, mut verdict: LlmVerdict, start_line: u32) -> LlmVerdict {
        verdict
            .findings
            .retain_mut(|f| match self.file_line(f.line, start_line) {
                Some(line) => {
                    f.line = line;
                    true
                }
                None => false,
            });
        for d in &mut verdict.disputes {
            d.line = d.line.and_then(|l| self.file_line(l, start_line));
        }
        verdict
    }
}

/// The request for `units[index]` as every front end sends it (elided when it has
/// nested units), and whether it was elided.
pub(crate) fn unit_request(
    doc: &Document,
    units: &[Unit],
    index: usize,
    path: &str,
    findings: &[Finding],
) -> Option<(JudgeRequest, bool)> {
    let mut request = judge_request(doc, units, index, path, findings)?;
    let view = unit_view(doc, units, index);
    if let Some(view) = &view {
        view.apply(&mut request, units, doc, index);
    }
    Some((request, view.is_some()))
}

/// Moves a verdict's lines by `delta` (the unit moved since it was judged).
pub(crate) fn shifted(mut verdict: LlmVerdict, delta: i64) -> LlmVerdict {
    let shift = |line: u32| u32::try_from(i64::from(line) + delta).ok();
    verdict.findings.retain_mut(|f| match shift(f.line) {
        Some(line) => {
            f.line = line;
            true
        }
        None => false,
    });
    for d in &mut verdict.disputes {
        d.line = d.line.and_then(shift);
    }
    verdict
}

/// The document's findings with the recorded verdicts of units whose hash is unchanged
/// merged in. Cheap (no I/O): runs with every review while the LLM is on.
pub(crate) fn merge_verdicts(
    doc: &Document,
    units: &[Unit],
    findings: Vec<Finding>,
    verdicts: &HashMap<UnitId, LlmRecord>,
    docs: &[ConstitutionDoc],
) -> Vec<Finding> {
    if verdicts.is_empty() {
        return findings;
    }
    let mut merged_units: Vec<&UnitId> = Vec::new();
    let mut out = Vec::with_capacity(findings.len());
    for (index, unit) in units.iter().enumerate() {
        let Some((recorded, verdict)) = verdicts
            .get(&unit.id)
            .filter(|v| v.hash == unit.hash)
            .and_then(|v| Some((v, v.verdict.clone()?)))
        else {
            continue;
        };
        let verdict = if recorded.elided {
            match unit_view(doc, units, index) {
                Some(view) => view.to_file(verdict, recorded.start_line),
                None => continue,
            }
        } else {
            let start_line = doc.line_index().line_of(unit.range.start) + 1;
            shifted(
                verdict,
                i64::from(start_line) - i64::from(recorded.start_line),
            )
        };
        let request = JudgeRequest {
            static_findings: static_findings(doc, unit, &findings),
            ..JudgeRequest::default()
        };
        let unit_findings: Vec<Finding> = findings
            .iter()
            .filter(|f| f.unit_id == unit.id)
            .cloned()
            .collect();
        let outcome = JudgeOutcome::Judged {
            verdict,
            from_cache: true,
        };
        out.extend(apply_llm_outcome(
            doc,
            unit,
            unit_findings,
            &request,
            &outcome,
            docs,
        ));
        merged_units.push(&unit.id);
    }
    out.extend(
        findings
            .into_iter()
            .filter(|f| !merged_units.iter().any(|id| **id == f.unit_id)),
    );
    out.sort_by_key(|f| f.range.start);
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use bluecode_analysis::Engine;
    use bluecode_analysis::syntax::{Language, extract_units};
    use bluecode_llm::{Confidence, LlmFinding, Verdict, VerdictDispute};

    use super::*;
    use crate::llm_bridge::constitution_docs;

    #[test]
    fn a_disputed_static_finding_is_lowered_never_removed() {
        let set = bluecode_analysis::constitutions::ConstitutionSet::builtin().expect("built-ins");
        let engine = Engine::new(Arc::new(set));
        let doc = Document::new(
            Some(Language::Python),
            "import os\n\nfrom flask import request\n\n\ndef ping():\n    host = request.args.get(\"host\")\n    os.system(\"ping \" + host)\n".to_owned(),
        );
        let mut analysis = bluecode_analysis::DocumentAnalysis::new();
        analysis.update(&engine, &doc);
        let units = analysis.units().to_vec();
        let findings = analysis.findings();
        let ping = units.iter().find(|u| u.id == "ping").expect("ping");
        assert!(
            findings.iter().any(|f| f.unit_id == "ping"),
            "{findings:#?}"
        );
        let verdict = LlmVerdict {
            verdict: Verdict::Safe,
            findings: Vec::new(),
            disputes: vec![VerdictDispute {
                finding_id: Some("s0".into()),
                line: None,
                reason: "reviewed".into(),
            }],
            partial: false,
        };
        let verdicts = HashMap::from([(
            UnitId::from("ping"),
            LlmRecord {
                hash: ping.hash,
                start_line: 6,
                elided: false,
                verdict: Some(verdict),
            },
        )]);
        let docs = constitution_docs(engine.constitutions());
        let merged = merge_verdicts(&doc, &units, findings.clone(), &verdicts, &docs);
        assert_eq!(merged.len(), findings.len(), "{merged:#?}");
        let lowered = merged
            .iter()
            .find(|f| f.rule_id == "py.command-injection")
            .expect("kept");
        assert_eq!(
            lowered.severity,
            bluecode_analysis::constitutions::Severity::Warning
        );
        assert!(
            lowered
                .note
                .as_deref()
                .is_some_and(|n| n.contains("reviewed"))
        );
    }

    #[test]
    fn the_module_is_sent_without_its_functions_and_its_lines_map_back() {
        let doc = Document::new(
            Some(Language::Python),
            "import os\n\ndef a():\n    return 1\n\nX = os.environ['X']\n".to_owned(),
        );
        let units = extract_units(&doc);
        let module = units
            .iter()
            .position(|u| u.kind == UnitKind::Module)
            .expect("module");
        let view = unit_view(&doc, &units, module).expect("a function to elide");
        assert_eq!(
            view.code,
            format!("import os\n\n{ELIDED}\n\nX = os.environ['X']")
        );
        assert_eq!(view.file_lines, [1, 2, 3, 5, 6]);
        assert_eq!(view.file_line(5, 1), Some(6));
        assert_eq!(view.sent_line(6, 1), Some(5));
        let function = units.iter().position(|u| u.id == "a").expect("a");
        assert!(
            unit_view(&doc, &units, function).is_none(),
            "nothing nested"
        );
    }

    #[test]
    fn a_moved_verdict_keeps_its_lines_inside_the_unit() {
        let verdict = LlmVerdict {
            verdict: Verdict::Vulnerable,
            findings: vec![LlmFinding {
                line: 4,
                cwe: None,
                constitution_id: None,
                category: None,
                confidence: Confidence(0.9),
                rationale: String::new(),
                cited_constitutions: Vec::new(),
            }],
            disputes: vec![VerdictDispute {
                finding_id: None,
                line: Some(5),
                reason: String::new(),
            }],
            partial: false,
        };
        let moved = shifted(verdict.clone(), 3);
        assert_eq!(moved.findings[0].line, 7);
        assert_eq!(moved.disputes[0].line, Some(8));
        assert!(shifted(verdict, -10).findings.is_empty());
    }
}
