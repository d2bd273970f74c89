//! Counting and rendering: a confusion matrix per label and overall (micro-averaged).

use std::collections::BTreeMap;

use serde::Serialize;

use super::labels::{Case, normalize};
use crate::output::{Located, Report};

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Counts {
    pub tp: u32,
    pub fp: u32,
    pub fn_: u32,
    pub tn: u32,
}

fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

impl Counts {
    pub fn positives(&self) -> u32 {
        self.tp + self.fn_
    }
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn fpr(&self) -> f64 {
        ratio(self.fp, self.fp + self.tn)
    }
    pub fn youden(&self) -> f64 {
        self.recall() - self.fpr()
    }
    fn add(&mut self, flagged: bool, vulnerable: bool) {
        match (vulnerable, flagged) {
            (true, true) => self.tp += 1,
            (true, false) => self.fn_ += 1,
            (false, true) => self.fp += 1,
            (false, false) => self.tn += 1,
        }
    }
}

/// A labelled line or file the scan got wrong: what a user reads to fix a rule or a label.
#[derive(Debug, Clone, Serialize)]
pub struct Mismatch {
    pub path: String,
    /// 1-based; `None` for a file-level (CSV) label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    pub label: String,
    /// `missed` (labelled vulnerable, not flagged) or `false_alarm` (labelled safe, flagged).
    pub kind: &'static str,
    /// For a false alarm, the rules whose findings flagged it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<String>,
}

pub struct Scores {
    pub per_label: BTreeMap<String, Counts>,
    pub overall: Counts,
    /// In label order: the corpus's order of files and lines.
    pub mismatches: Vec<Mismatch>,
    /// Findings on no labelled line (or in no labelled file): shown, not scored.
    pub unlabelled_findings: usize,
}

fn matches(finding: &Located, label: &str, lenient: bool) -> bool {
    if lenient {
        return true;
    }
    let f = &finding.finding;
    f.rule_id == label
        || f.category.name() == label
        || f.cwe.iter().any(|c| normalize(&c.to_string()) == label)
}

fn covers(finding: &Located, line: u32) -> bool {
    finding.start.line < line && line <= finding.end.line + 1
}

pub fn score(cases: &[Case], report: &Report, lenient: bool) -> Scores {
    let mut per_label: BTreeMap<String, Counts> = BTreeMap::new();
    let mut overall = Counts::default();
    let mut mismatches = Vec::new();
    for case in cases {
        let mut rules: Vec<String> = report
            .findings
            .iter()
            .filter(|f| {
                f.path == case.path
                    && case.line.is_none_or(|l| covers(f, l))
                    && matches(f, &case.label, lenient)
            })
            .map(|f| f.finding.rule_id.clone())
            .collect();
        rules.sort_unstable();
        rules.dedup();
        let flagged = !rules.is_empty();
        if flagged != case.vulnerable {
            mismatches.push(Mismatch {
                path: case.path.clone(),
                line: case.line,
                label: case.label.clone(),
                kind: if case.vulnerable {
                    "missed"
                } else {
                    "false_alarm"
                },
                rules: if case.vulnerable { Vec::new() } else { rules },
            });
        }
        per_label
            .entry(case.label.clone())
            .or_default()
            .add(flagged, case.vulnerable);
        overall.add(flagged, case.vulnerable);
    }
    let unlabelled_findings = report
        .findings
        .iter()
        .filter(|f| {
            !cases
                .iter()
                .any(|c| c.path == f.path && c.line.is_none_or(|l| covers(f, l)))
        })
        .count();
    Scores {
        per_label,
        overall,
        mismatches,
        unlabelled_findings,
    }
}

pub fn render_table(scores: &Scores) -> String {
    let mut out = format!(
        "{:<16} {:>5} {:>5} {:>5} {:>5} {:>9} {:>7} {:>6} {:>6} {:>7}\n",
        "label", "TP", "FP", "FN", "TN", "precision", "recall", "F1", "FPR", "TPR-FPR"
    );
    let row = |name: &str, c: &Counts| {
        format!(
            "{:<16} {:>5} {:>5} {:>5} {:>5} {:>9.3} {:>7.3} {:>6.3} {:>6.3} {:>7.3}\n",
            name,
            c.tp,
            c.fp,
            c.fn_,
            c.tn,
            c.precision(),
            c.recall(),
            c.f1(),
            c.fpr(),
            c.youden()
        )
    };
    for (label, counts) in &scores.per_label {
        out.push_str(&row(label, counts));
    }
    out.push_str(&row("overall", &scores.overall));
    out.push_str(&format!(
        "{} findings outside labelled lines (not scored)\n",
        scores.unlabelled_findings
    ));
    if !scores.mismatches.is_empty() {
        out.push_str(&format!("\n{} wrong:\n", scores.mismatches.len()));
    }
    for m in &scores.mismatches {
        let place = match m.line {
            Some(line) => format!("{}:{line}", m.path),
            None => m.path.clone(),
        };
        let what = match m.kind {
            "missed" => format!("{} missed", m.label),
            _ => format!("{} false alarm by {}", m.label, m.rules.join(", ")),
        };
        out.push_str(&format!("  {place}: {what}\n"));
    }
    out
}

#[derive(Serialize)]
struct JsonRow<'a> {
    label: &'a str,
    tp: u32,
    fp: u32,
    #[serde(rename = "fn")]
    fn_: u32,
    tn: u32,
    precision: f64,
    recall: f64,
    f1: f64,
    fpr: f64,
    youden: f64,
}

fn json_row<'a>(label: &'a str, c: &Counts) -> JsonRow<'a> {
    JsonRow {
        label,
        tp: c.tp,
        fp: c.fp,
        fn_: c.fn_,
        tn: c.tn,
        precision: c.precision(),
        recall: c.recall(),
        f1: c.f1(),
        fpr: c.fpr(),
        youden: c.youden(),
    }
}

pub fn render_json(scores: &Scores) -> anyhow::Result<String> {
    let doc = serde_json::json!({
        "version": 1,
        "labels": scores.per_label.iter().map(|(l, c)| json_row(l, c)).collect::<Vec<_>>(),
        "overall": json_row("overall", &scores.overall),
        "unlabelled_findings": scores.unlabelled_findings,
        "mismatches": scores.mismatches,
    });
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    Ok(text)
}
