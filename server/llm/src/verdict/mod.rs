//! The model's structured answer: the documented JSON schema ([`SCHEMA`]), the typed
//! verdict, and robust parsing of whatever text the model actually produced.
//! Depends on `types` (line ranges, CWE spelling) and serde.

mod extract;
mod lenient;

use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

/// The schema the prompt asks for, as shown to the model and documented for users.
pub const SCHEMA: &str = r#"{
  "verdict": "vulnerable" | "safe" | "uncertain",
  "findings": [
    {
      "line": <file line number inside the unit>,
      "cwe": "CWE-<n>" (optional),
      "constitution_id": "<id of the constitution it violates>" (optional),
      "category": "vulnerability" | "malicious" | "bias" | "instruction",
      "confidence": <number 0..1> or "low" | "medium" | "high",
      "rationale": "<why, in one or two sentences>",
      "cited_constitutions": ["<constitution id>", ...]
    }
  ],
  "disputes": [
    { "finding_id": "<id of a static finding>", "line": <line>, "reason": "<why it is a false positive>" }
  ]
}"#;

/// The overall judgement of the unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Vulnerable,
    Safe,
    Uncertain,
}

/// The model's confidence, normalised to 0..=1 (`low`/`medium`/`high` map to 0.3/0.6/0.9).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
pub struct Confidence(pub f32);

impl Confidence {
    /// `low`, `medium` or `high`.
    pub fn label(self) -> &'static str {
        match self.0 {
            c if c >= 0.75 => "high",
            c if c >= 0.45 => "medium",
            _ => "low",
        }
    }
}

/// A risk the model found in the unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LlmFinding {
    /// File line, always inside the unit (others are dropped while parsing).
    pub line: u32,
    pub cwe: Option<String>,
    pub constitution_id: Option<String>,
    pub category: Option<String>,
    pub confidence: Confidence,
    pub rationale: String,
    pub cited_constitutions: Vec<String>,
}

/// The model's claim that a static finding is a false positive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerdictDispute {
    pub finding_id: Option<String>,
    pub line: Option<u32>,
    pub reason: String,
}

/// The parsed answer for one unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LlmVerdict {
    pub verdict: Verdict,
    pub findings: Vec<LlmFinding>,
    pub disputes: Vec<VerdictDispute>,
    /// The JSON was cut off and repaired: what is here parsed, the rest was lost.
    pub partial: bool,
}

/// Parses the model's text into a verdict, keeping only lines inside `unit_lines`.
/// The error says what was wrong, in words fit to send back to the model.
pub fn parse_verdict(text: &str, unit_lines: RangeInclusive<u32>) -> Result<LlmVerdict, String> {
    let extracted = extract::extract_json(text)?;
    let mut verdict = lenient::verdict_from_value(&extracted.value, &unit_lines)?;
    verdict.partial = extracted.repaired;
    Ok(verdict)
}

#[cfg(test)]
mod tests;
