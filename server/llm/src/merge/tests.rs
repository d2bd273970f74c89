//! Merge-policy tests: static findings are never lost, only lowered.

use super::*;
use crate::verdict::{Confidence, Verdict, VerdictDispute};

fn static_finding(id: &str, line: u32, cwe: &str) -> StaticFinding {
    StaticFinding {
        id: id.into(),
        constitution_id: "py-command-injection".into(),
        cwe: Some(cwe.into()),
        category: "vulnerability".into(),
        line,
        severity: Severity::Error,
        message: "user input reaches os.system".into(),
    }
}

fn constitutions() -> Vec<ConstitutionDoc> {
    vec![ConstitutionDoc {
        id: "py-command-injection".into(),
        title: "OS command injection".into(),
        category: "vulnerability".into(),
        principle: "Never build a shell command from user input.".into(),
        ..ConstitutionDoc::default()
    }]
}

fn llm_finding(line: u32, cwe: Option<&str>, confidence: f32) -> LlmFinding {
    LlmFinding {
        line,
        cwe: cwe.map(Into::into),
        constitution_id: None,
        category: Some("vulnerability".into()),
        confidence: Confidence(confidence),
        rationale: "reason".into(),
        cited_constitutions: vec!["py-command-injection".into(), "made-up-id".into()],
    }
}

fn verdict(findings: Vec<LlmFinding>, disputes: Vec<VerdictDispute>) -> LlmVerdict {
    LlmVerdict {
        verdict: Verdict::Uncertain,
        findings,
        disputes,
        partial: false,
    }
}

#[test]
fn no_verdict_passes_static_findings_through() {
    let s = vec![static_finding("s1", 3, "CWE-78")];
    let merged = merge(&s, None, &constitutions());
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].severity, Severity::Error);
    assert_eq!(merged[0].source, FindingSource::Static);
}

#[test]
fn disputing_everything_only_lowers() {
    let s = vec![
        static_finding("s1", 3, "CWE-78"),
        static_finding("s2", 5, "CWE-78"),
    ];
    let v = verdict(
        vec![],
        vec![
            VerdictDispute {
                finding_id: Some("s1".into()),
                line: None,
                reason: "constant".into(),
            },
            VerdictDispute {
                finding_id: Some("s1".into()),
                line: None,
                reason: "again".into(),
            },
            VerdictDispute {
                finding_id: None,
                line: Some(5),
                reason: "".into(),
            },
            VerdictDispute {
                finding_id: Some("nope".into()),
                line: None,
                reason: "unknown".into(),
            },
        ],
    );
    let merged = merge(&s, Some(&v), &constitutions());
    assert_eq!(merged.len(), 2, "nothing removed, nothing invented");
    assert_eq!(
        merged[0].severity,
        Severity::Warning,
        "lowered once, not twice"
    );
    assert_eq!(merged[0].original_severity, Some(Severity::Error));
    assert_eq!(merged[0].dispute_reason.as_deref(), Some("constant"));
    assert!(
        merged[0]
            .explanation()
            .contains("likely false positive (severity lowered from Error): constant")
    );
    assert_eq!(merged[1].severity, Severity::Warning);
    assert_eq!(
        merged[1].dispute_reason.as_deref(),
        Some("disputed by the LLM")
    );
}

#[test]
fn confirmation_attaches_rationale_and_cancels_a_dispute() {
    let s = vec![static_finding("s1", 3, "CWE-78")];
    let v = verdict(
        vec![llm_finding(3, Some("CWE-78"), 0.9)],
        vec![VerdictDispute {
            finding_id: Some("s1".into()),
            line: None,
            reason: "x".into(),
        }],
    );
    let merged = merge(&s, Some(&v), &constitutions());
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].severity, Severity::Error);
    assert_eq!(merged[0].llm_rationale.as_deref(), Some("reason"));
    assert_eq!(merged[0].cited.len(), 1, "unknown ids dropped");
}

#[test]
fn new_llm_findings_are_added_as_llm_and_capped_at_warning() {
    let s = vec![static_finding("s1", 3, "CWE-78")];
    let v = verdict(
        vec![
            llm_finding(7, Some("CWE-862"), 0.95),
            llm_finding(8, None, 0.3),
        ],
        vec![],
    );
    let merged = merge(&s, Some(&v), &constitutions());
    assert_eq!(merged.len(), 3);
    let added: Vec<&MergedFinding> = merged
        .iter()
        .filter(|m| m.source == FindingSource::Llm)
        .collect();
    assert_eq!(added[0].severity, Severity::Warning);
    assert_eq!(added[1].severity, Severity::Information);
    assert!(
        added[0]
            .message
            .starts_with("CWE-862 OS command injection: reason")
    );
    assert_eq!(
        added[0].cited[0].principle,
        "Never build a shell command from user input."
    );
    assert_eq!(FindingSource::Llm.label(), "bluecode (llm)");
}
