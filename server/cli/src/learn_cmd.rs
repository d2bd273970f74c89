//! `bluecode learn EXAMPLES…`: a constitution from labelled examples. With `[llm]`
//! configured (and no `--offline`) the model drafts it and bluecode validates each draft,
//! feeding the failures back (`learn_llm`); otherwise the rule is synthesised offline by
//! anti-unification (`bluecode_learn::synth`). Either way the result lists every check and
//! is written only when the examples' checks pass.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use bluecode_analysis::constitutions::{Category, ConstitutionSet, ExampleKind, Severity};
use bluecode_learn::{
    LabelledExample, Learned, Meta, Request, WorkspaceCode, read_inputs, synthesize,
};

use crate::constitutions_cmd::print_stdout;

#[derive(clap::Args)]
pub struct LearnArgs {
    /// A folder with unsafe/ and safe/, a CSV (file,label,note), a SARIF log of confirmed
    /// findings; any other file or folder is a safe (fixed) example.
    #[arg(required = true)]
    pub examples: Vec<PathBuf>,
    /// The new constitution's id (default: learned.<language>.<first input's name>).
    #[arg(long)]
    pub id: Option<String>,
    /// CWE number(s) of the weakness.
    #[arg(long)]
    pub cwe: Vec<u32>,
    #[arg(long, value_enum, default_value_t = CategoryArg::Vulnerability)]
    pub category: CategoryArg,
    /// The diagnostic's message (default: from the call the rule matches).
    #[arg(long)]
    pub title: Option<String>,
    /// Write the TOML here (default: <workspace>/.bluecode/constitutions).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The workspace whose own code the rule is tried on (default: the current folder).
    #[arg(long)]
    pub workspace: Option<PathBuf>,
    /// K: the most findings on the workspace's own code before the check fails.
    #[arg(long, default_value_t = 20)]
    pub max_findings: usize,
    /// With an LLM: how many drafts the model may write (the first plus repairs).
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// Synthesise offline even when `[llm]` is configured.
    #[arg(long)]
    pub offline: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum CategoryArg {
    Vulnerability,
    Malicious,
    Bias,
}

pub fn run(args: &LearnArgs) -> anyhow::Result<ExitCode> {
    let examples = read_inputs(&args.examples)?;
    let language = examples
        .iter()
        .find(|e| e.kind == ExampleKind::Unsafe)
        .map(|e| e.language)
        .context("no unsafe example")?;
    let workspace_root = args.workspace.clone().unwrap_or_else(|| PathBuf::from("."));
    let id = args
        .id
        .clone()
        .unwrap_or_else(|| default_id(language.name(), &args.examples));
    let meta = Meta {
        title: args
            .title
            .clone()
            .unwrap_or_else(|| format!("Learned rule {id}")),
        id,
        category: match args.category {
            CategoryArg::Vulnerability => Category::Vulnerability,
            CategoryArg::Malicious => Category::Malicious,
            CategoryArg::Bias => Category::Bias,
        },
        cwe: args.cwe.clone(),
        severity: Severity::Warning,
        language,
    };
    let workspace = WorkspaceCode::collect(&workspace_root, &[language], 5_000, args.max_findings);
    let request = Request {
        meta,
        examples,
        workspace: Some(workspace),
        held_out: None,
    };
    let builtin = ConstitutionSet::builtin().map_err(|e| anyhow::anyhow!("{e}"))?;
    let settings = crate::learn_llm::llm_settings(&workspace_root)?;
    let (learned, how) = match settings.filter(|_| !args.offline) {
        Some(settings) => (
            crate::learn_llm::draft(&settings, &request, &builtin, args.rounds)?,
            "drafted by the LLM",
        ),
        None => (synthesize(&request, &builtin)?, "synthesised offline"),
    };
    report(&request, &learned, how, args, &workspace_root)
}

fn default_id(language: &str, inputs: &[PathBuf]) -> String {
    let stem = inputs
        .first()
        .and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_else(|| "rule".into());
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("learned.{language}.{stem}")
}

fn report(
    request: &Request,
    learned: &Learned,
    how: &str,
    args: &LearnArgs,
    workspace_root: &Path,
) -> anyhow::Result<ExitCode> {
    let counts = |kind| {
        request
            .examples
            .iter()
            .filter(|e: &&LabelledExample| e.kind == kind)
            .count()
    };
    let mut out = format!(
        "{} ({how}, {} round(s)) from {} unsafe and {} safe examples\n",
        request.meta.id,
        learned.rounds,
        counts(ExampleKind::Unsafe),
        counts(ExampleKind::Safe)
    );
    for check in &learned.validation.checks {
        let mark = match check.passed {
            Some(true) => "pass",
            Some(false) => "FAIL",
            None => "skip",
        };
        out.push_str(&format!("  {mark}  {}: {}\n", check.name, check.detail));
    }
    for (path, finding) in learned.validation.workspace_findings.iter().take(10) {
        out.push_str(&format!(
            "    review: {}: {}\n",
            path.display(),
            finding.message
        ));
    }
    let written = if learned.validation.core_passed() {
        let dir = args
            .out
            .clone()
            .unwrap_or_else(|| workspace_root.join(".bluecode").join("constitutions"));
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        let path = dir.join(format!("{}.toml", request.meta.id));
        std::fs::write(&path, &learned.toml)
            .with_context(|| format!("cannot write {}", path.display()))?;
        out.push_str(&format!(
            "wrote {} — edit its principle and fix_hint (templates), then `bluecode constitutions test {}`\n",
            path.display(),
            dir.display()
        ));
        true
    } else {
        out.push_str("not written: the examples' checks failed. The last draft:\n\n");
        out.push_str(&learned.toml);
        false
    };
    print_stdout(&out);
    Ok(if written {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
