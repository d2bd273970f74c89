//! The benchmark's figures per project and overall: the printed table and the same data as
//! JSON (`report.json` in the cache) for closing notes and later comparisons.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use serde::Serialize;

use crate::measure::{Finding, Scan};
use crate::projects::Project;
use crate::triage::{Tally, Verdict};

/// A project above this many findings per 1,000 lines is counted as too noisy (issue 11).
pub const NOISY_PER_KLOC: f64 = 1.5;
const TOP_RULES: usize = 5;

#[derive(Serialize)]
pub struct SampledFinding {
    pub file: String,
    pub line: u32,
    pub rule: String,
    pub confidence: String,
    /// "TP", "FP", or null when nobody has triaged it yet.
    pub verdict: Option<&'static str>,
}

impl SampledFinding {
    pub fn new(f: &Finding, verdict: Option<Verdict>) -> Self {
        SampledFinding {
            file: f.file.clone(),
            line: f.line,
            rule: f.rule.clone(),
            confidence: f.confidence.clone(),
            verdict: verdict.map(|v| match v {
                Verdict::TruePositive => "TP",
                Verdict::FalsePositive => "FP",
            }),
        }
    }
}

#[derive(Serialize)]
pub struct ProjectResult {
    pub name: String,
    pub version: String,
    pub language: String,
    pub kind: String,
    pub about: String,
    /// Files the scan read.
    pub files: usize,
    /// Non-blank lines in files of a parsed language under the project's folder.
    pub loc: u64,
    pub loc_by_language: BTreeMap<&'static str, u64>,
    pub findings: usize,
    pub per_kloc: f64,
    pub by_category: BTreeMap<String, usize>,
    pub by_confidence: BTreeMap<String, usize>,
    pub by_severity: BTreeMap<String, usize>,
    pub top_rules: Vec<(String, usize)>,
    pub scan_seconds: f64,
    /// CPU time (user + system) of the scan.
    pub scan_cpu_seconds: f64,
    pub scan_exit_code: i32,
    pub sampled: Vec<SampledFinding>,
    /// Verdicts of the sampled findings that have a triage row.
    pub sample_triaged: Tally,
    /// Verdicts of every finding of this run that has a triage row, sampled or not.
    pub all_triaged: Tally,
}

fn count_by<'a>(items: impl Iterator<Item = &'a str>) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for item in items {
        *out.entry(item.to_string()).or_insert(0) += 1;
    }
    out
}

fn per_kloc(findings: usize, loc: u64) -> f64 {
    if loc == 0 {
        0.0
    } else {
        findings as f64 * 1000.0 / loc as f64
    }
}

impl ProjectResult {
    pub fn new(
        p: &Project,
        scan: &Scan,
        loc_by_language: BTreeMap<&'static str, u64>,
        sampled: Vec<SampledFinding>,
        sample_triaged: Tally,
        all_triaged: Tally,
    ) -> Self {
        let loc = loc_by_language.values().sum();
        let rules = count_by(scan.findings.iter().map(|f| f.rule.as_str()));
        let mut top_rules: Vec<(String, usize)> = rules.into_iter().collect();
        top_rules.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        top_rules.truncate(TOP_RULES);
        ProjectResult {
            name: p.name.clone(),
            version: p.version.clone(),
            language: p.language.clone(),
            kind: p.kind.clone(),
            about: p.about.clone(),
            files: scan.files,
            loc,
            loc_by_language,
            findings: scan.findings.len(),
            per_kloc: per_kloc(scan.findings.len(), loc),
            by_category: count_by(scan.findings.iter().map(|f| f.category.as_str())),
            by_confidence: count_by(scan.findings.iter().map(|f| f.confidence.as_str())),
            by_severity: count_by(scan.findings.iter().map(|f| f.severity.as_str())),
            top_rules,
            scan_seconds: scan.wall.as_secs_f64(),
            scan_cpu_seconds: 0.0,
            scan_exit_code: scan.exit_code,
            sampled,
            sample_triaged,
            all_triaged,
        }
    }
}

#[derive(Serialize)]
pub struct Overall {
    pub projects: usize,
    pub loc: u64,
    pub findings: usize,
    pub per_kloc: f64,
    /// The median of the projects' findings per 1,000 lines (one large project cannot
    /// carry it, as it can the pooled `per_kloc`).
    pub median_per_kloc: f64,
    /// Projects above `NOISY_PER_KLOC` findings per 1,000 lines.
    pub noisy_projects: usize,
    pub noisy_threshold_per_kloc: f64,
    pub sample_per_project: usize,
    pub sampled: usize,
    pub sample_triaged: Tally,
    pub sample_precision: Option<f64>,
    pub all_triaged: Tally,
    pub all_triaged_precision: Option<f64>,
    /// Triage rows (of the versions in this run) whose finding is no longer reported.
    pub gone_rows: BTreeMap<String, Tally>,
    /// Wall time of all scans.
    pub scan_seconds: f64,
    /// CPU time (user + system) of all scans: comparable on a loaded machine.
    pub scan_cpu_seconds: f64,
    pub not_fetched: Vec<String>,
}

impl Overall {
    pub fn new(
        results: &[ProjectResult],
        (scan_seconds, scan_cpu_seconds): (f64, f64),
        sample_per_project: usize,
        gone_rows: BTreeMap<String, Tally>,
        not_fetched: Vec<String>,
    ) -> Self {
        let loc = results.iter().map(|r| r.loc).sum();
        let findings = results.iter().map(|r| r.findings).sum();
        let mut sample_triaged = Tally::default();
        let mut all_triaged = Tally::default();
        for r in results {
            sample_triaged.tp += r.sample_triaged.tp;
            sample_triaged.fp += r.sample_triaged.fp;
            all_triaged.tp += r.all_triaged.tp;
            all_triaged.fp += r.all_triaged.fp;
        }
        Overall {
            projects: results.len(),
            loc,
            findings,
            per_kloc: per_kloc(findings, loc),
            median_per_kloc: median(results.iter().map(|r| r.per_kloc).collect()),
            noisy_projects: results
                .iter()
                .filter(|r| r.per_kloc > NOISY_PER_KLOC)
                .count(),
            noisy_threshold_per_kloc: NOISY_PER_KLOC,
            sample_per_project,
            sampled: results.iter().map(|r| r.sampled.len()).sum(),
            sample_precision: sample_triaged.precision(),
            sample_triaged,
            all_triaged_precision: all_triaged.precision(),
            all_triaged,
            gone_rows,
            scan_seconds,
            scan_cpu_seconds,
            not_fetched,
        }
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

fn percent(p: Option<f64>) -> String {
    p.map_or_else(|| "n/a".to_string(), |p| format!("{:.1} %", p * 100.0))
}

fn short(map: &BTreeMap<String, usize>, names: &[(&str, &str)]) -> String {
    let mut parts: Vec<String> = names
        .iter()
        .filter_map(|(key, label)| map.get(*key).map(|n| format!("{label}{n}")))
        .collect();
    for (key, n) in map {
        if !names.iter().any(|(k, _)| k == key) {
            parts.push(format!("{key}:{n}"));
        }
    }
    if parts.is_empty() {
        "-".to_string()
    } else {
        parts.join(" ")
    }
}

pub fn print(results: &[ProjectResult], overall: &Overall) {
    let categories = [
        ("vulnerability", "vuln:"),
        ("malicious", "mal:"),
        ("bias", "bias:"),
        ("instruction", "instr:"),
    ];
    let confidences = [("high", "H"), ("medium", "M"), ("low", "L")];
    println!(
        "\n{:<20} {:<10} {:<11} {:>6} {:>8} {:>8} {:>7} {:<24} {:<18} {:>7} {:>6} {:>9}",
        "project",
        "lang",
        "kind",
        "files",
        "loc",
        "findings",
        "/kloc",
        "category",
        "confidence",
        "wall s",
        "cpu s",
        "TP/triaged"
    );
    for r in results {
        println!(
            "{:<20} {:<10} {:<11} {:>6} {:>8} {:>8} {:>7.2} {:<24} {:<18} {:>7.1} {:>6.1} {:>4}/{:<4}",
            r.name,
            r.language,
            r.kind,
            r.files,
            r.loc,
            r.findings,
            r.per_kloc,
            short(&r.by_category, &categories),
            short(&r.by_confidence, &confidences),
            r.scan_seconds,
            r.scan_cpu_seconds,
            r.sample_triaged.tp,
            r.sample_triaged.total(),
        );
    }
    println!(
        "{:<20} {:<10} {:<11} {:>6} {:>8} {:>8} {:>7.2}",
        "ALL",
        "",
        "",
        results.iter().map(|r| r.files).sum::<usize>(),
        overall.loc,
        overall.findings,
        overall.per_kloc
    );

    println!("\ntop rules per project:");
    for r in results {
        let rules: Vec<String> = r
            .top_rules
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        println!("  {:<20} {}", r.name, rules.join(", "));
    }

    println!(
        "\noverall: {:.2} findings per 1,000 lines ({} findings, {} lines, {} projects); median project {:.2}",
        overall.per_kloc, overall.findings, overall.loc, overall.projects, overall.median_per_kloc
    );
    println!(
        "projects above {} per 1,000 lines: {} of {}",
        overall.noisy_threshold_per_kloc, overall.noisy_projects, overall.projects
    );
    println!(
        "precision on the triaged sample: {} ({} TP of {} triaged; {} sampled, {} per project)",
        percent(overall.sample_precision),
        overall.sample_triaged.tp,
        overall.sample_triaged.total(),
        overall.sampled,
        overall.sample_per_project
    );
    println!(
        "precision over every triaged finding still reported: {} ({} TP of {})",
        percent(overall.all_triaged_precision),
        overall.all_triaged.tp,
        overall.all_triaged.total()
    );
    if !overall.gone_rows.is_empty() {
        let parts: Vec<String> = overall
            .gone_rows
            .iter()
            .map(|(p, t)| format!("{p}: {} TP, {} FP", t.tp, t.fp))
            .collect();
        println!(
            "triaged findings no longer reported (TP here = lost real problems): {}",
            parts.join("; ")
        );
    }
    println!(
        "scan time, all projects: {:.1} s wall, {:.1} s CPU",
        overall.scan_seconds, overall.scan_cpu_seconds
    );

    let untriaged: Vec<(&str, &SampledFinding)> = results
        .iter()
        .flat_map(|r| r.sampled.iter().map(move |s| (r.name.as_str(), s)))
        .filter(|(_, s)| s.verdict.is_none())
        .collect();
    if !untriaged.is_empty() {
        println!("\nsampled findings without a triage row:");
        for (project, s) in &untriaged {
            println!(
                "  {project}: {}:{} {} ({})",
                s.file, s.line, s.rule, s.confidence
            );
        }
    }
}

#[derive(Serialize)]
struct JsonOut<'a> {
    version: u32,
    overall: &'a Overall,
    projects: &'a [ProjectResult],
}

pub fn write_json(path: &Path, results: &[ProjectResult], overall: &Overall) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(&JsonOut {
        version: 1,
        overall,
        projects: results,
    })?;
    std::fs::write(path, text + "\n").with_context(|| format!("writing {}", path.display()))
}
