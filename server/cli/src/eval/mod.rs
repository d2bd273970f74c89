//! `bluecode eval`: scores a scan against labels and prints precision, recall, F1,
//! false-positive rate and Youden's J (TPR − FPR) per label and overall.
//!
//! Labels come either from inline annotations in the scanned files — a comment
//! `expect: LABEL[, LABEL…]` marks the next line as one that must be flagged,
//! `expect-not: …` as one that must not; scored per line — or from a CSV
//! `file,cwe,vulnerable`, scored per file. A LABEL is a constitution id, `CWE-N`, or a
//! category (`malicious`, `bias`, `instruction`, `vulnerability`).
//!
//! With `--sarif`, another tool's results are scored instead of bluecode's, so that the
//! same labels compare tools side by side.

mod imported;
mod labels;
mod score;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::constitutions_cmd::print_stdout;
use crate::scan::scan;

#[derive(clap::Args)]
pub struct EvalArgs {
    /// The labelled corpus (files or folders).
    pub paths: Vec<PathBuf>,
    /// Score per file against a CSV `file,cwe,vulnerable` (paths relative to the CSV)
    /// instead of the inline annotations.
    #[arg(long)]
    pub labels: Option<PathBuf>,
    /// A labelled line or file counts as flagged by any finding, whatever its CWE.
    #[arg(long)]
    pub lenient: bool,
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    pub format: EvalFormat,
    /// Exit 1 when the overall F1 is below this.
    #[arg(long)]
    pub min_f1: Option<f64>,
    /// Exit 1 when the overall false-positive rate is above this.
    #[arg(long)]
    pub max_fpr: Option<f64>,
    /// Exit 1 when any label's recall is below this.
    #[arg(long)]
    pub min_recall: Option<f64>,
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Score this SARIF 2.1.0 log (another tool's results on the same files) instead of
    /// a bluecode scan. CWEs come from each rule's `properties.tags`.
    #[arg(long)]
    pub sarif: Option<PathBuf>,
    /// With --sarif: a table of `RULE,CWE-N[,CWE-M…]` lines giving the CWEs of rules
    /// whose tags name none (ruff's, Bandit's).
    #[arg(long, requires = "sarif")]
    pub rule_cwe: Option<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub enum EvalFormat {
    Table,
    Json,
}

pub fn run(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let (_, mut report) = scan(&args.paths, args.config.as_deref(), Default::default())?;
    if let Some(sarif) = &args.sarif {
        let rule_cwes = match &args.rule_cwe {
            Some(table) => imported::read_rule_cwes(table)?,
            None => Default::default(),
        };
        report.findings = imported::from_sarif(sarif, &report.scanned, &rule_cwes)?;
    }
    let cases = match &args.labels {
        Some(csv) => labels::from_csv(csv, &report)?,
        None => labels::inline(&report)?,
    };
    if cases.is_empty() {
        anyhow::bail!(
            "no labels found: annotate lines with `expect:` / `expect-not:` comments or pass --labels FILE.csv"
        );
    }
    let scores = score::score(&cases, &report, args.lenient);
    let text = match args.format {
        EvalFormat::Table => score::render_table(&scores),
        EvalFormat::Json => score::render_json(&scores)?,
    };
    print_stdout(&text);
    let overall = &scores.overall;
    let mut failed = Vec::new();
    if let Some(min) = args.min_f1
        && overall.f1() < min
    {
        failed.push(format!("F1 {:.3} < {min}", overall.f1()));
    }
    if let Some(max) = args.max_fpr
        && overall.fpr() > max
    {
        failed.push(format!("false-positive rate {:.3} > {max}", overall.fpr()));
    }
    if let Some(min) = args.min_recall {
        for (label, counts) in &scores.per_label {
            if counts.positives() > 0 && counts.recall() < min {
                failed.push(format!("{label}: recall {:.3} < {min}", counts.recall()));
            }
        }
    }
    for f in &failed {
        eprintln!("bluecode eval: below the floor: {f}");
    }
    Ok(if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
