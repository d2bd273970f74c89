//! The merge policy, as a pure function: static findings plus an LLM verdict become one list.
//! Depends on `types` and `verdict` only.
//!
//! The rules, in order of importance:
//! 1. Every static finding is in the output, exactly once, whatever the model said.
//! 2. A disputed static finding is lowered one severity step and carries the model's
//!    reason; a model confirming it (same line and CWE/constitution) cancels the dispute.
//! 3. Other LLM findings are added with source `llm`, their rationale and the principles
//!    they cite (unknown constitution ids are dropped), never above Warning.

use std::collections::HashMap;

use crate::types::{ConstitutionDoc, FindingSource, Severity, StaticFinding};
use crate::verdict::{LlmFinding, LlmVerdict};

/// A principle the model cited, quoted from the constitution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitedPrinciple {
    pub constitution_id: String,
    pub title: String,
    pub principle: String,
}

/// One finding after the merge.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedFinding {
    pub source: FindingSource,
    /// The static finding's id, or `llm-<line>-<n>` for LLM findings.
    pub id: String,
    pub constitution_id: Option<String>,
    pub cwe: Option<String>,
    pub category: Option<String>,
    pub line: u32,
    pub severity: Severity,
    /// Set when the LLM lowered a static finding: its severity before.
    pub original_severity: Option<Severity>,
    pub message: String,
    /// The model's explanation (for LLM findings, and static findings it confirmed).
    pub llm_rationale: Option<String>,
    /// The model's reason for calling a static finding a likely false positive.
    pub dispute_reason: Option<String>,
    pub confidence: Option<f32>,
    pub cited: Vec<CitedPrinciple>,
}

impl MergedFinding {
    /// Plain-text explanation for a hover: the message, the LLM's view, the principles cited.
    pub fn explanation(&self) -> String {
        let mut lines = vec![self.message.clone()];
        if let (Some(reason), Some(before)) = (&self.dispute_reason, self.original_severity) {
            lines.push(format!(
                "The LLM judged this a likely false positive (severity lowered from {before:?}): {reason}"
            ));
        }
        if let Some(rationale) = &self.llm_rationale {
            let confidence = self
                .confidence
                .map(|c| format!(" ({} confidence)", crate::verdict::Confidence(c).label()))
                .unwrap_or_default();
            if self.source == FindingSource::Llm {
                lines.push(format!("LLM rationale{confidence}: {rationale}"));
            } else {
                lines.push(format!("Confirmed by the LLM{confidence}: {rationale}"));
            }
        }
        for cited in &self.cited {
            lines.push(format!(
                "Principle {} ({}): {}",
                cited.constitution_id, cited.title, cited.principle
            ));
        }
        lines.join("\n")
    }
}

/// Merges. `verdict` is `None` when there is no LLM answer: the static findings pass as they are.
pub fn merge(
    static_findings: &[StaticFinding],
    verdict: Option<&LlmVerdict>,
    constitutions: &[ConstitutionDoc],
) -> Vec<MergedFinding> {
    let by_id: HashMap<&str, &ConstitutionDoc> =
        constitutions.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut merged: Vec<MergedFinding> = static_findings.iter().map(from_static).collect();
    let Some(verdict) = verdict else {
        return merged;
    };

    for dispute in &verdict.disputes {
        let targets: Vec<usize> = match dispute.finding_id.as_deref() {
            Some(id) if static_findings.iter().any(|f| f.id == id) => static_findings
                .iter()
                .position(|f| f.id == id)
                .into_iter()
                .collect(),
            _ => match dispute.line {
                Some(line) => (0..static_findings.len())
                    .filter(|&i| static_findings[i].line == line)
                    .collect(),
                None => Vec::new(),
            },
        };
        for i in targets {
            let entry = &mut merged[i];
            if entry.dispute_reason.is_none() {
                entry.original_severity = Some(entry.severity);
                entry.severity = entry.severity.lowered();
                entry.dispute_reason = Some(non_empty(&dispute.reason, "disputed by the LLM"));
            }
        }
    }

    let mut added = 0usize;
    for finding in &verdict.findings {
        let cited = cited_principles(finding, &by_id);
        let confirms = static_findings
            .iter()
            .position(|s| s.line == finding.line && same_risk(s, finding));
        if let Some(i) = confirms {
            let entry = &mut merged[i];
            if let Some(before) = entry.original_severity.take() {
                entry.severity = before;
                entry.dispute_reason = None;
            }
            entry.llm_rationale = Some(finding.rationale.clone());
            entry.confidence = Some(finding.confidence.0);
            entry.cited = cited;
            continue;
        }
        added += 1;
        merged.push(from_llm(finding, cited, added, &by_id));
    }
    merged
}

fn from_static(f: &StaticFinding) -> MergedFinding {
    MergedFinding {
        source: FindingSource::Static,
        id: f.id.clone(),
        constitution_id: Some(f.constitution_id.clone()),
        cwe: f.cwe.clone(),
        category: Some(f.category.clone()),
        line: f.line,
        severity: f.severity,
        original_severity: None,
        message: f.message.clone(),
        llm_rationale: None,
        dispute_reason: None,
        confidence: None,
        cited: Vec::new(),
    }
}

fn from_llm(
    f: &LlmFinding,
    cited: Vec<CitedPrinciple>,
    n: usize,
    by_id: &HashMap<&str, &ConstitutionDoc>,
) -> MergedFinding {
    let constitution = f
        .constitution_id
        .as_deref()
        .and_then(|id| by_id.get(id))
        .or_else(|| {
            cited
                .first()
                .and_then(|c| by_id.get(c.constitution_id.as_str()))
        });
    let label = match (&f.cwe, constitution) {
        (Some(cwe), Some(c)) => format!("{cwe} {}", c.title),
        (Some(cwe), None) => cwe.clone(),
        (None, Some(c)) => c.title.clone(),
        (None, None) => "Possible risk".to_string(),
    };
    let rationale = non_empty(&f.rationale, "the LLM judged this line risky");
    MergedFinding {
        source: FindingSource::Llm,
        id: format!("llm-{}-{n}", f.line),
        constitution_id: constitution.map(|c| c.id.clone()),
        cwe: f.cwe.clone(),
        category: f
            .category
            .clone()
            .or_else(|| constitution.map(|c| c.category.clone())),
        line: f.line,
        severity: if f.confidence.0 >= 0.75 {
            Severity::Warning
        } else {
            Severity::Information
        },
        original_severity: None,
        message: format!("{label}: {rationale}"),
        llm_rationale: Some(rationale),
        dispute_reason: None,
        confidence: Some(f.confidence.0),
        cited,
    }
}

/// Same CWE, or same constitution, or (when the model gives neither) same line is enough.
fn same_risk(s: &StaticFinding, f: &LlmFinding) -> bool {
    match (&f.cwe, &f.constitution_id) {
        (None, None) => {
            f.cited_constitutions.is_empty() || f.cited_constitutions.contains(&s.constitution_id)
        }
        (cwe, id) => {
            cwe.is_some() && cwe == &s.cwe || id.as_deref() == Some(s.constitution_id.as_str())
        }
    }
}

fn cited_principles(
    f: &LlmFinding,
    by_id: &HashMap<&str, &ConstitutionDoc>,
) -> Vec<CitedPrinciple> {
    let mut ids: Vec<&str> = f.cited_constitutions.iter().map(String::as_str).collect();
    if let Some(id) = f.constitution_id.as_deref() {
        ids.push(id);
    }
    let mut seen = Vec::new();
    ids.into_iter()
        .filter_map(|id| by_id.get(id))
        .filter(|c| {
            let fresh = !seen.contains(&c.id);
            seen.push(c.id.clone());
            fresh
        })
        .map(|c| CitedPrinciple {
            constitution_id: c.id.clone(),
            title: c.title.clone(),
            principle: c.principle.clone(),
        })
        .collect()
}

fn non_empty(text: &str, fallback: &str) -> String {
    let t = text.trim();
    if t.is_empty() {
        fallback.to_string()
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests;
