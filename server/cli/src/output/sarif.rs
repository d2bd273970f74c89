//! SARIF 2.1.0: one run, a rule per constitution that has results (with its principle as
//! help and its CWE as an `external/cwe/cwe-NNN` tag), a result per finding with its
//! region, and the taint trace as a code flow. Skipped files become notifications. Each
//! result carries its fingerprints as `partialFingerprints`; against a baseline, its
//! `baselineState`, and the baseline's findings now gone follow as `absent` results.

use std::collections::BTreeMap;

use bluecode_analysis::constitutions::{ConstitutionSet, Severity};
use serde_json::{Value, json};

use super::{Located, Report};
use crate::baseline::{FINDING_KEY, UNIT_KEY};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn region(
    start: bluecode_analysis::syntax::LineCol,
    end: bluecode_analysis::syntax::LineCol,
) -> Value {
    json!({
        "startLine": start.line + 1,
        "startColumn": start.col + 1,
        "endLine": end.line + 1,
        "endColumn": end.col + 1,
    })
}

fn location(path: &str, region: Value) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": path.replace('\\', "/"), "uriBaseId": "%SRCROOT%" },
            "region": region,
        }
    })
}

fn rule(id: &str, found: &Located, set: &ConstitutionSet) -> Value {
    let f = &found.finding;
    let mut tags = vec!["security".to_owned(), f.category.name().to_owned()];
    tags.extend(f.cwe.iter().map(|c| format!("external/cwe/cwe-{c:03}")));
    let (principle, fix_hint) = set
        .get(id)
        .map(|c| (c.principle.clone(), c.fix_hint.clone()))
        .unwrap_or_else(|| (f.title.clone(), None));
    let mut help = principle.clone();
    if let Some(hint) = &fix_hint {
        help.push_str("\n\nFix: ");
        help.push_str(hint);
    }
    json!({
        "id": id,
        "name": id,
        "shortDescription": { "text": f.title },
        "fullDescription": { "text": principle },
        "help": { "text": help },
        "defaultConfiguration": { "level": level(f.severity) },
        "properties": { "tags": tags, "precision": f.confidence.name() },
    })
}

pub fn render(report: &Report, set: &ConstitutionSet) -> anyhow::Result<String> {
    let mut rule_index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut rules = Vec::new();
    for f in &report.findings {
        if !rule_index.contains_key(f.finding.rule_id.as_str()) {
            rule_index.insert(&f.finding.rule_id, rules.len());
            rules.push(rule(&f.finding.rule_id, f, set));
        }
    }
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let mut region = region(f.start, f.end);
            region["snippet"] = json!({ "text": f.snippet });
            let mut result = json!({
                "ruleId": f.finding.rule_id,
                "ruleIndex": rule_index.get(f.finding.rule_id.as_str()).copied().unwrap_or(0),
                "level": level(f.finding.severity),
                "message": { "text": f.finding.message },
                "locations": [location(&f.path, region)],
                "properties": { "confidence": f.finding.confidence.name(), "unit": f.finding.unit_id },
            });
            result["partialFingerprints"] = json!({
                FINDING_KEY: f.fingerprint.finding,
                UNIT_KEY: f.fingerprint.unit,
            });
            if let Some(state) = f.baseline_state {
                result["baselineState"] = json!(state.name());
            }
            if !f.trace.is_empty() {
                let steps: Vec<Value> = f
                    .trace
                    .iter()
                    .map(|s| {
                        let mut loc = location(s.path.as_deref().unwrap_or(&f.path), region_of(s));
                        loc["message"] = json!({ "text": s.label });
                        json!({ "location": loc })
                    })
                    .collect();
                result["codeFlows"] = json!([{ "threadFlows": [{ "locations": steps }] }]);
            }
            result
        })
        .collect();
    let absent = report.baseline.iter().flat_map(|b| &b.absent).map(|a| {
        json!({
            "ruleId": a.rule_id,
            "level": match a.severity.as_str() {
                "error" => "error",
                "warning" => "warning",
                _ => "note",
            },
            "message": { "text": a.message },
            "locations": [location(&a.path, json!({ "startLine": a.line.max(1) }))],
            "partialFingerprints": { FINDING_KEY: a.fingerprint.finding, UNIT_KEY: a.fingerprint.unit },
            "baselineState": "absent",
        })
    });
    let results: Vec<Value> = results.into_iter().chain(absent).collect();
    let notifications: Vec<Value> = report
        .skipped
        .iter()
        .map(|s| {
            json!({
                "level": "note",
                "message": { "text": format!("skipped: {}", s.reason) },
                "locations": [location(&s.path, json!({ "startLine": 1 }))],
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "bluecode",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "utf16CodeUnits",
            "results": results,
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
        }],
    });
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    Ok(text)
}

fn region_of(step: &super::LocatedStep) -> Value {
    region(step.start, step.end)
}
