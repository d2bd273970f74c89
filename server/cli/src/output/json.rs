//! The JSON report (`"version": 1`): stable field names for tools and for `bluecode eval`.
//! Lines and columns are 1-based; columns count UTF-16 code units. Every finding carries
//! its fingerprints (what `--baseline` matches by); against a baseline, its
//! `baseline_state` too, and the report lists the baseline's findings now `absent`.

use serde::Serialize;

use bluecode_workspace::baseline::BaselineState;

use super::{Located, Report};

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    skipped: Vec<JsonSkipped<'a>>,
    stats: JsonStats,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<JsonBaseline<'a>>,
}

#[derive(Serialize)]
struct JsonBaseline<'a> {
    source: &'a str,
    new: usize,
    unchanged: usize,
    updated: usize,
    absent: Vec<JsonAbsent<'a>>,
}

#[derive(Serialize)]
struct JsonAbsent<'a> {
    path: &'a str,
    line: u32,
    rule_id: &'a str,
    message: &'a str,
    severity: &'a str,
    fingerprint: &'a str,
    unit_fingerprint: &'a str,
}

#[derive(Serialize)]
struct JsonPosition {
    line: u32,
    column: u32,
}

#[derive(Serialize)]
struct JsonStep<'a> {
    /// Set when the step is in another file than the finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    line: u32,
    column: u32,
    label: &'a str,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    start: JsonPosition,
    end: JsonPosition,
    rule_id: &'a str,
    title: &'a str,
    message: &'a str,
    category: &'a str,
    cwe: &'a [u32],
    severity: &'a str,
    confidence: &'a str,
    unit: &'a str,
    /// The threat model the file was analysed in, and why.
    #[serde(skip_serializing_if = "str::is_empty")]
    profile: &'a str,
    trace: Vec<JsonStep<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    fingerprint: &'a str,
    unit_fingerprint: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<&'static str>,
}

#[derive(Serialize)]
struct JsonSkipped<'a> {
    path: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct JsonStats {
    files: usize,
    findings: usize,
    skipped: usize,
    duration_ms: u64,
}

fn pos(p: bluecode_analysis::syntax::LineCol) -> JsonPosition {
    JsonPosition {
        line: p.line + 1,
        column: p.col + 1,
    }
}

fn finding(f: &Located) -> JsonFinding<'_> {
    JsonFinding {
        path: &f.path,
        start: pos(f.start),
        end: pos(f.end),
        rule_id: &f.finding.rule_id,
        title: &f.finding.title,
        message: &f.finding.message,
        category: f.finding.category.name(),
        cwe: &f.finding.cwe,
        severity: f.finding.severity.name(),
        confidence: f.finding.confidence.name(),
        unit: &f.finding.unit_id,
        profile: &f.profile,
        trace: f
            .trace
            .iter()
            .map(|s| JsonStep {
                path: s.path.as_deref(),
                line: s.start.line + 1,
                column: s.start.col + 1,
                label: &s.label,
            })
            .collect(),
        fix: f.finding.fix.as_ref().map(|x| x.title.as_str()),
        note: f.finding.note.as_deref(),
        fingerprint: &f.fingerprint.finding,
        unit_fingerprint: &f.fingerprint.unit,
        baseline_state: f.baseline_state.map(|s| s.name()),
    }
}

fn baseline(report: &Report) -> Option<JsonBaseline<'_>> {
    let outcome = report.baseline.as_ref()?;
    let count = |state: BaselineState| {
        report
            .findings
            .iter()
            .filter(|f| f.baseline_state == Some(state))
            .count()
    };
    Some(JsonBaseline {
        source: &outcome.source,
        new: count(BaselineState::New),
        unchanged: count(BaselineState::Unchanged),
        updated: count(BaselineState::Updated),
        absent: outcome
            .absent
            .iter()
            .map(|a| JsonAbsent {
                path: &a.path,
                line: a.line,
                rule_id: &a.rule_id,
                message: &a.message,
                severity: &a.severity,
                fingerprint: &a.fingerprint.finding,
                unit_fingerprint: &a.fingerprint.unit,
            })
            .collect(),
    })
}

pub fn render(report: &Report) -> anyhow::Result<String> {
    let doc = JsonReport {
        version: 1,
        findings: report.findings.iter().map(finding).collect(),
        skipped: report
            .skipped
            .iter()
            .map(|s| JsonSkipped {
                path: &s.path,
                reason: &s.reason,
            })
            .collect(),
        stats: JsonStats {
            files: report.files,
            findings: report.findings.len(),
            skipped: report.skipped.len(),
            duration_ms: report.duration_ms,
        },
        baseline: baseline(report),
    };
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    Ok(text)
}
