//! Turning a parsed JSON value into an [`LlmVerdict`], tolerant of the ways small models
//! bend the schema: numbers as strings, `"CWE 78"`, confidence as a word or a percentage,
//! `reason` instead of `rationale`. Findings on lines outside the unit are dropped.

use std::ops::RangeInclusive;

use serde_json::{Map, Value};

use super::{Confidence, LlmFinding, LlmVerdict, Verdict, VerdictDispute};
use crate::types::normalize_cwe;

pub(super) fn verdict_from_value(
    value: &Value,
    unit_lines: &RangeInclusive<u32>,
) -> Result<LlmVerdict, String> {
    let object = match value {
        Value::Object(map) => map.clone(),
        // Some models answer with the findings list alone.
        Value::Array(items) => {
            let mut map = Map::new();
            map.insert("findings".into(), Value::Array(items.clone()));
            map
        }
        _ => return Err("expected a JSON object with `verdict`, `findings` and `disputes`".into()),
    };
    let findings: Vec<LlmFinding> = list(&object, &["findings", "issues", "vulnerabilities"])
        .iter()
        .filter_map(|item| finding(item.as_object()?))
        .filter(|f| {
            let inside = unit_lines.contains(&f.line);
            if !inside {
                tracing::debug!(line = f.line, "dropping an LLM finding outside the unit");
            }
            inside
        })
        .collect();
    let disputes: Vec<VerdictDispute> = list(&object, &["disputes", "false_positives"])
        .iter()
        .filter_map(|item| dispute(item.as_object()?))
        .filter(|d| d.finding_id.is_some() || d.line.is_some_and(|l| unit_lines.contains(&l)))
        .collect();
    let verdict = match text(&object, &["verdict"]).map(|v| v.to_ascii_lowercase()) {
        Some(v) if ["vulnerable", "unsafe", "malicious", "biased"].contains(&v.as_str()) => {
            Verdict::Vulnerable
        }
        Some(v) if ["safe", "benign", "clean", "secure"].contains(&v.as_str()) => Verdict::Safe,
        Some(_) => Verdict::Uncertain,
        None if !findings.is_empty() => Verdict::Vulnerable,
        None => Verdict::Uncertain,
    };
    Ok(LlmVerdict {
        verdict,
        findings,
        disputes,
        partial: false,
    })
}

fn finding(item: &Map<String, Value>) -> Option<LlmFinding> {
    let line = number(item, &["line", "line_number", "lineno", "start_line"])?;
    Some(LlmFinding {
        line,
        cwe: text(item, &["cwe", "cwe_id"]).map(|c| normalize_cwe(&c)),
        constitution_id: text(item, &["constitution_id", "constitution"]),
        category: text(item, &["category"]).map(|c| c.to_ascii_lowercase()),
        confidence: confidence(item.get("confidence")),
        rationale: text(
            item,
            &[
                "rationale",
                "reason",
                "explanation",
                "message",
                "description",
            ],
        )
        .unwrap_or_default(),
        cited_constitutions: strings(item, &["cited_constitutions", "citations", "constitutions"]),
    })
}

fn dispute(item: &Map<String, Value>) -> Option<VerdictDispute> {
    let finding_id = text(item, &["finding_id", "id", "static_finding_id"]);
    let line = number(item, &["line", "line_number"]);
    if finding_id.is_none() && line.is_none() {
        return None;
    }
    Some(VerdictDispute {
        finding_id,
        line,
        reason: text(item, &["reason", "rationale", "explanation"]).unwrap_or_default(),
    })
}

fn list<'a>(object: &'a Map<String, Value>, keys: &[&str]) -> &'a [Value] {
    keys.iter()
        .find_map(|k| object.get(*k)?.as_array())
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// A string, or a number written as a string; blank strings count as absent.
fn text(object: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match object.get(*k)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

fn number(object: &Map<String, Value>, keys: &[&str]) -> Option<u32> {
    keys.iter().find_map(|k| match object.get(*k)? {
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Value::String(s) => s.trim().trim_start_matches("L").parse().ok(),
        Value::Array(items) => items.first()?.as_u64().and_then(|n| u32::try_from(n).ok()),
        _ => None,
    })
}

fn strings(object: &Map<String, Value>, keys: &[&str]) -> Vec<String> {
    keys.iter()
        .find_map(|k| match object.get(*k)? {
            Value::Array(items) => Some(
                items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::trim).filter(|s| !s.is_empty()))
                    .map(str::to_string)
                    .collect(),
            ),
            Value::String(s) if !s.trim().is_empty() => Some(vec![s.trim().to_string()]),
            _ => None,
        })
        .unwrap_or_default()
}

fn confidence(value: Option<&Value>) -> Confidence {
    let raw = match value {
        Some(Value::Number(n)) => n.as_f64().unwrap_or(0.5),
        Some(Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
            "high" => 0.9,
            "medium" | "moderate" => 0.6,
            "low" => 0.3,
            other => other.trim_end_matches('%').parse::<f64>().unwrap_or(0.5),
        },
        _ => 0.5,
    };
    // Percentages (e.g. 85) become fractions; anything else is clamped.
    let fraction = if raw > 1.0 && raw <= 100.0 {
        raw / 100.0
    } else {
        raw
    };
    Confidence(fraction.clamp(0.0, 1.0) as f32)
}
