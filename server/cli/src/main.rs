//! Layer 7 — the `bluecode` binary: `lsp` (the language server on stdio), `mcp` (the MCP
//! server for coding agents on stdio), `scan` (the same
//! engine over files, for CI), `constitutions` (list, show, test), `config schema` and
//! `doctor` (the install's checks, gathered).
//! Logs go to stderr; stdout carries only results (and, for `lsp`, the protocol).
//!
//! May depend on every other layer; holds no analysis logic of its own.

mod apt_mirror;
mod baseline;
mod constitutions_cmd;
mod discover;
mod doctor;
mod eval;
mod learn_cmd;
mod learn_llm;
mod llm_cmd;
mod mutate_cmd;
mod output;
mod sandbox_cmd;
mod scan;
mod settings_schema;
mod version;
mod workspace;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "bluecode",
    version,
    about = "Security review as you type: a language server and a CI scanner"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the language server on stdin/stdout.
    Lsp,
    /// Run the MCP server for coding agents on stdin/stdout.
    Mcp {
        /// The workspace root: files outside it are refused (default: the current folder).
        #[arg(long)]
        root: Option<PathBuf>,
    },
    /// Scan files and folders (honours .gitignore) and report findings.
    Scan(ScanArgs),
    /// List, show and test constitutions.
    #[command(subcommand)]
    Constitutions(ConstitutionsCommand),
    /// Verify the function holding FILE:LINE in the Docker sandbox.
    Verify {
        /// `path/to/file.py:LINE`
        location: String,
        /// Print the verdict as JSON (`confirmed`, `not_reproduced` or `inconclusive`).
        #[arg(long)]
        json: bool,
    },
    /// The sandbox: build its image offline, check it.
    #[command(subcommand)]
    Sandbox(sandbox_cmd::SandboxCommand),
    /// The LLM judge.
    #[command(subcommand)]
    Llm(LlmCommand),
    /// Score a scan against a labelled corpus (precision, recall, F1, FPR).
    Eval(eval::EvalArgs),
    /// Configuration helpers.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Learn a constitution from labelled unsafe/safe examples (offline, or with `[llm]`).
    Learn(learn_cmd::LearnArgs),
    /// Check the install: binary, config, constitutions, LLM, sandbox, editors
    /// (exit 0 nothing broken, 1 a configured component is broken).
    Doctor(doctor::DoctorArgs),
}

#[derive(clap::Args)]
pub struct ScanArgs {
    /// Files or folders to scan (default: the current folder).
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to this file instead of stdout.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Exit 1 when a finding at or above this severity remains (default: any finding).
    #[arg(long, value_enum, default_value_t = FailOn::Info)]
    pub fail_on: FailOn,
    /// Always exit 0 when the scan ran, whatever it found.
    #[arg(long)]
    pub exit_zero: bool,
    /// Use this bluecode.toml instead of looking for one above the first path.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Ask the configured LLM judge about every function (verdicts are cached on disk).
    #[arg(long)]
    pub llm: bool,
    /// Verify every Python/JavaScript finding in the Docker sandbox.
    #[arg(long)]
    pub verify: bool,
    /// A previous report (`--format json` or `sarif`): findings are marked new,
    /// unchanged, updated or absent, and only new ones fail the scan.
    #[arg(long, value_name = "FILE", conflicts_with = "new_since")]
    pub baseline: Option<PathBuf>,
    /// Like --baseline, against the scanned files at the merge base of GIT_REF and HEAD
    /// (read with the `git` command).
    #[arg(long, value_name = "GIT_REF")]
    pub new_since: Option<String>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum FailOn {
    Hint,
    Info,
    Warning,
    Error,
}

#[derive(Subcommand)]
enum ConstitutionsCommand {
    /// List every constitution (built-in and the workspace's).
    List {
        /// Also load the constitutions of this workspace folder.
        #[arg(long)]
        workspace: Option<PathBuf>,
    },
    /// Show one constitution: principle, examples, patterns.
    Show {
        id: String,
        #[arg(long)]
        workspace: Option<PathBuf>,
    },
    /// Run examples as tests: the built-ins, or the constitution files under PATH.
    Test {
        path: Option<PathBuf>,
        /// Also rewrite every example into equivalent variants (renamed locals, aliased
        /// imports, strings built another way, values through helpers…) and report what
        /// each constitution misses or newly flags.
        #[arg(long)]
        mutate: bool,
        /// With --mutate: print the code of every variant a constitution got wrong.
        #[arg(long, requires = "mutate")]
        show_code: bool,
    },
    /// List the declared sink kinds (what `taint = "KIND"` and sanitizers may name).
    Kinds {
        #[arg(long)]
        workspace: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum LlmCommand {
    /// Check that the configured endpoint answers and has the model.
    Check,
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Print every setting (name, type, default, description) as JSON.
    Schema,
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("BLUECODE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .init();
}

fn main() -> ExitCode {
    if version::asked(&std::env::args().collect::<Vec<_>>()) {
        println!("{}", version::line());
        return ExitCode::SUCCESS;
    }
    let cli = Cli::parse();
    init_logging();
    let result = match cli.command {
        Command::Lsp => run_lsp(),
        Command::Mcp { root } => run_mcp(root),
        Command::Scan(args) => scan::run(&args),
        Command::Constitutions(ConstitutionsCommand::List { workspace }) => {
            constitutions_cmd::list(workspace.as_deref())
        }
        Command::Constitutions(ConstitutionsCommand::Show { id, workspace }) => {
            constitutions_cmd::show(&id, workspace.as_deref())
        }
        Command::Constitutions(ConstitutionsCommand::Test {
            path,
            mutate,
            show_code,
        }) => {
            if mutate {
                mutate_cmd::run(path.as_deref(), show_code)
            } else {
                constitutions_cmd::test(path.as_deref())
            }
        }
        Command::Constitutions(ConstitutionsCommand::Kinds { workspace }) => {
            constitutions_cmd::kinds(workspace.as_deref())
        }
        Command::Eval(args) => eval::run(&args),
        Command::Verify { location, json } => sandbox_cmd::verify(&location, json),
        Command::Sandbox(command) => sandbox_cmd::run(&command),
        Command::Llm(LlmCommand::Check) => llm_cmd::check(std::path::Path::new(".")),
        Command::Config(ConfigCommand::Schema) => settings_schema::print(),
        Command::Doctor(args) => doctor::run(&args),
        Command::Learn(args) => learn_cmd::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("bluecode: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run_mcp(root: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let root = root.unwrap_or_else(|| PathBuf::from("."));
    let served = runtime.block_on(bluecode_mcp::serve_stdio(root));
    // A read of stdin may still be pending on tokio's blocking pool: do not wait for it.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    served?;
    Ok(ExitCode::SUCCESS)
}

fn run_lsp() -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(bluecode_lsp::serve_stdio())?;
    Ok(ExitCode::SUCCESS)
}
