//! `bluecode scan`: discover files, analyse them in parallel, report, and choose the exit
//! code. One bad file (unreadable, binary, not UTF-8, too large) is a note in the report,
//! never the end of the scan.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use bluecode_analysis::constitutions::Severity;
use bluecode_analysis::index::{DocumentFacts, FileEntry, indexes};
use bluecode_analysis::syntax::{Document, Language, LineCol, PositionEncoding, Unit};
use bluecode_analysis::{Finding, finalize, today};
use bluecode_workspace::baseline::{BaselineState, Fingerprint, fingerprints_with_units};
use bluecode_workspace::{DocumentKind, DocumentReview, IndexState, JudgeWhen, Skip, Workspace};
use rayon::prelude::*;

use crate::discover::{FileKind, discover};
use crate::llm_cmd::ScanJudge;
use crate::output::{self, Located, LocatedStep, Report, Skipped};
use crate::sandbox_cmd::ScanVerifier;
use crate::{FailOn, ScanArgs};

enum Outcome {
    Findings(Vec<Located>),
    Skipped(Skipped),
}

/// A file's part in the workspace index: the first pass summarises every indexed file;
/// the second reviews again, with the index's facts, the files that have any.
enum IndexPass {
    Summarise,
    Report(Box<DocumentReview>, std::sync::Arc<DocumentFacts>),
}

/// How many times files are reviewed again as the index's facts settle.
const MAX_INDEX_ROUNDS: usize = 3;

/// An indexed file after the first pass: its review state and its entry.
type Indexed = Option<(Box<DocumentReview>, FileEntry)>;

/// Optional, slower layers of a scan.
#[derive(Debug, Clone, Default)]
pub struct ScanOptions {
    pub llm: bool,
    pub verify: bool,
    /// Mark findings new against the files at the merge base of this git ref and HEAD.
    pub new_since: Option<String>,
}

pub(crate) struct Layers {
    judge: Option<ScanJudge>,
    verifier: Option<ScanVerifier>,
}

impl Layers {
    /// The static layers alone.
    pub(crate) fn none() -> Layers {
        Layers {
            judge: None,
            verifier: None,
        }
    }
}

/// Scans `paths` (default: the current folder) with the workspace found above the first.
pub fn scan(
    paths: &[PathBuf],
    config: Option<&Path>,
    options: ScanOptions,
) -> anyhow::Result<(Workspace, Report)> {
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    for p in &paths {
        if !p.exists() {
            anyhow::bail!("no such file or folder: {}", p.display());
        }
    }
    let started = Instant::now();
    let workspace = crate::workspace::open(&paths[0], config)?;
    let files = discover(
        &paths,
        crate::workspace::root(&workspace),
        &workspace.settings().exclude,
    );
    let today = today();
    let layers = Layers {
        judge: options
            .llm
            .then(|| ScanJudge::new(&workspace))
            .transpose()?,
        verifier: options
            .verify
            .then(|| ScanVerifier::new(&workspace))
            .transpose()?,
    };
    // Each language's queries compile on first use; compiling the ones this scan needs
    // side by side keeps the workers from queueing behind one compilation.
    let languages: BTreeSet<Language> = files
        .iter()
        .filter_map(|(_, kind)| match kind {
            FileKind::Code(language) => Some(*language),
            FileKind::Instructions => None,
        })
        .collect();
    languages.par_iter().for_each(|language| {
        workspace.engine().constitutions().compiled(*language);
    });
    // One pass to summarise (and report what each file shows on its own), one to report
    // the flows the index adds, in the files it adds them to.
    let first: Vec<(Outcome, Indexed)> = files
        .par_iter()
        .map(|(path, kind)| {
            scan_file(
                &workspace,
                &layers,
                path,
                *kind,
                today,
                IndexPass::Summarise,
            )
        })
        .collect();
    let index_started = Instant::now();
    let first_pass_ms = started.elapsed().as_millis() as u64;
    let mut index = IndexState::new();
    let mut pending: Vec<(usize, Box<DocumentReview>)> = Vec::new();
    let mut outcomes = Vec::with_capacity(first.len());
    let mut entries = Vec::new();
    for (i, (outcome, indexed)) in first.into_iter().enumerate() {
        if let Some((state, entry)) = indexed {
            entries.push(entry);
            pending.push((i, state));
        }
        outcomes.push(outcome);
    }
    index.extend(entries);
    // A file reviewed with new facts may summarise differently (a callee's summary says
    // a value it passes on is clean now): the files whose facts change go round again.
    let mut affected: std::collections::HashSet<std::sync::Arc<Path>> =
        index.facts_paths().into_iter().collect();
    let mut reanalysed = 0;
    for _round in 0..MAX_INDEX_ROUNDS {
        let (due, waiting): (Vec<_>, Vec<_>) = pending
            .into_iter()
            .partition(|(_, state)| state.path().is_some_and(|p| affected.contains(p)));
        pending = waiting;
        if due.is_empty() {
            break;
        }
        reanalysed += due.len();
        let round_started = Instant::now();
        let round_files = due.len();
        let results: Vec<(usize, Outcome, Indexed)> = due
            .into_par_iter()
            .filter_map(|(i, state)| {
                let facts = index.facts(state.path()?).unwrap_or_default();
                let (path, kind) = &files[i];
                let pass = IndexPass::Report(state, facts);
                let (outcome, indexed) = scan_file(&workspace, &layers, path, *kind, today, pass);
                Some((i, outcome, indexed))
            })
            .collect();
        let mut entries = Vec::new();
        for (i, outcome, indexed) in results {
            outcomes[i] = outcome;
            if let Some((state, entry)) = indexed {
                entries.push(entry);
                pending.push((i, state));
            }
        }
        let reviewed_ms = round_started.elapsed().as_millis() as u64;
        affected = index.extend(entries).into_iter().collect();
        tracing::debug!(
            files = round_files,
            reviewed_ms,
            ms = round_started.elapsed().as_millis() as u64,
            "index round"
        );
    }
    let (indexed_files, indexed_functions) = index.size();
    tracing::info!(
        files = indexed_files,
        functions = indexed_functions,
        reanalysed,
        first_pass_ms,
        ms = index_started.elapsed().as_millis() as u64,
        "workspace index"
    );

    if let Some(judge) = &layers.judge {
        crate::llm_cmd::print_stats(&judge.stats());
    }
    if let Some(verifier) = &layers.verifier {
        verifier.print_stats();
    }

    let mut report = Report {
        files: files.len(),
        scanned: files.iter().map(|(p, _)| display_path(p)).collect(),
        ..Report::default()
    };
    for outcome in outcomes {
        match outcome {
            Outcome::Findings(f) => report.findings.extend(f),
            Outcome::Skipped(s) => report.skipped.push(s),
        }
    }
    if let Some(reference) = &options.new_since {
        let (baseline, source) = crate::baseline::at_git_ref(&workspace, &files, reference, today)?;
        crate::baseline::apply(&mut report, baseline, source);
    }
    report.duration_ms = started.elapsed().as_millis() as u64;
    Ok((workspace, report))
}

pub fn run(args: &ScanArgs) -> anyhow::Result<ExitCode> {
    let options = ScanOptions {
        llm: args.llm,
        verify: args.verify,
        new_since: args.new_since.clone(),
    };
    let baseline = args
        .baseline
        .as_deref()
        .map(crate::baseline::read)
        .transpose()?;
    let (workspace, mut report) = scan(&args.paths, args.config.as_deref(), options)?;
    if let (Some(baseline), Some(file)) = (baseline, &args.baseline) {
        crate::baseline::apply(&mut report, baseline, file.display().to_string());
    }
    let rendered = match args.format {
        crate::Format::Text => output::text::render(&report),
        crate::Format::Json => output::json::render(&report)?,
        crate::Format::Sarif => output::sarif::render(&report, workspace.engine().constitutions())?,
    };
    match &args.output {
        Some(file) => std::fs::write(file, rendered)
            .with_context(|| format!("cannot write {}", file.display()))?,
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`bluecode scan | head`) is not an error worth a trace.
            let _ = stdout.write_all(rendered.as_bytes());
        }
    }
    let threshold = match args.fail_on {
        FailOn::Hint => Severity::Hint,
        FailOn::Info => Severity::Info,
        FailOn::Warning => Severity::Warning,
        FailOn::Error => Severity::Error,
    };
    // Against a baseline, only new findings fail the scan.
    let failing = report.findings.iter().any(|f| {
        f.finding.severity >= threshold && f.baseline_state.is_none_or(|s| s == BaselineState::New)
    });
    Ok(if failing && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_owned()
}

fn scan_file(
    workspace: &Workspace,
    layers: &Layers,
    path: &Path,
    kind: FileKind,
    today: bluecode_analysis::Date,
    pass: IndexPass,
) -> (Outcome, Indexed) {
    match read_text(workspace, path) {
        // A fault of the analysis on one file is reported as that file skipped; the other
        // files' findings are kept.
        Ok(text) => match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            scan_text_in(workspace, layers, path, kind, text, today, pass)
        })) {
            Ok((located, indexed)) => (Outcome::Findings(located), indexed),
            Err(fault) => {
                let what = fault
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| fault.downcast_ref::<&str>().copied())
                    .unwrap_or("unknown fault");
                (
                    Outcome::Skipped(Skipped {
                        path: display_path(path),
                        reason: format!(
                            "internal error in the analysis (a bug, please report it): {what}"
                        ),
                    }),
                    None,
                )
            }
        },
        Err(reason) => (
            Outcome::Skipped(Skipped {
                path: display_path(path),
                reason,
            }),
            None,
        ),
    }
}

/// A file's text, or why it is skipped (unreadable, too large, binary, not UTF-8).
fn read_text(workspace: &Workspace, path: &Path) -> Result<String, String> {
    let limit = workspace.settings().analysis.max_file_size;
    let too_large = |size, limit| format!("larger than max_file_size ({size} > {limit} bytes)");
    match std::fs::metadata(path) {
        Ok(m) => {
            if let Some(Skip::TooLarge { size, limit }) = Skip::of_size(m.len(), limit) {
                return Err(too_large(size, limit));
            }
        }
        Err(e) => return Err(format!("cannot read: {e}")),
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    match Skip::of_bytes(&bytes, limit) {
        Some(Skip::Binary) => return Err("binary file (contains NUL bytes)".into()),
        Some(Skip::TooLarge { size, limit }) => return Err(too_large(size, limit)),
        None => {}
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The findings of `text` as the file at `path` (which need not hold that text: the
/// baseline of `--new-since` reviews the file as it was at a commit), on its own (the
/// workspace index's facts are not consulted).
pub(crate) fn scan_text(
    workspace: &Workspace,
    layers: &Layers,
    path: &Path,
    kind: FileKind,
    text: String,
    today: bluecode_analysis::Date,
) -> Vec<Located> {
    scan_text_in(
        workspace,
        layers,
        path,
        kind,
        text,
        today,
        IndexPass::Summarise,
    )
    .0
}

/// [`scan_text`] as one pass of the indexed scan: with the index's facts when `pass`
/// reports, and the file's index entry when it is indexed.
fn scan_text_in(
    workspace: &Workspace,
    layers: &Layers,
    path: &Path,
    kind: FileKind,
    text: String,
    today: bluecode_analysis::Date,
    pass: IndexPass,
) -> (Vec<Located>, Indexed) {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let context = workspace.context(Some(&absolute), &text);
    let profile = format!("{}: {}", context.profile.name(), context.profile_reason);
    let mut indexed = None;
    // The units a review outlined, for the fingerprints (none: outline them there).
    let mut units = None;
    let (doc, mut findings) = match kind {
        FileKind::Code(language)
            if layers.judge.is_none()
                && !(indexes(language) && workspace.index_enabled())
                && !workspace.engine().needs_parse(language, &text) =>
        {
            // No pattern can match here: only the regex rules run, and no parse is paid.
            let mut findings = workspace.engine().analyze_unparsed(language, &text);
            findings.retain(|f| context.keeps(f));
            // Parsed only when there is something to fingerprint (by its function).
            let parsed = (!findings.is_empty()).then_some(language);
            let doc = Document::new(parsed, text);
            let findings = finalize(&doc, findings, &workspace.settings().analysis, today);
            (doc, findings)
        }
        FileKind::Code(language) => {
            let doc = Document::new(Some(language), text);
            let mut state = match pass {
                IndexPass::Report(mut state, facts) => {
                    state.set_index(Some(facts));
                    state
                }
                IndexPass::Summarise => {
                    let mut state = Box::new(new_state(path, DocumentKind::Code));
                    if indexes(language) && workspace.index_enabled() {
                        state.set_index(None);
                    }
                    state
                }
            };
            let (findings, reviewed_units) = review_file(workspace, layers, path, &mut state, &doc);
            // A review that skipped the file outlined nothing.
            units = Some(reviewed_units).filter(|u| !u.is_empty());
            if let Some(entry) = state.index_entry(&doc) {
                // Held until the index settles, never edited.
                state.compact_summaries(&doc);
                indexed = Some((state, entry));
            }
            (doc, findings)
        }
        FileKind::Instructions => {
            let doc = Document::new(None, text);
            let mut state = new_state(path, DocumentKind::Instructions);
            let (findings, _) = review_file(workspace, layers, path, &mut state, &doc);
            (doc, findings)
        }
    };
    if let Some(verifier) = &layers.verifier {
        findings = verifier.verify_file(workspace, &doc, path, findings);
    }
    let prints = fingerprints_with_units(&doc, units.as_deref(), &findings);
    let located = findings
        .into_iter()
        .zip(prints)
        .map(|(f, print)| locate(&doc, path, &profile, f, print))
        .collect();
    (located, indexed)
}

fn new_state(path: &Path, kind: DocumentKind) -> DocumentReview {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    DocumentReview::new(Some(absolute), kind).ignoring_exclude()
}

/// The file through the review core, as the language server reviews it; with the judge,
/// every unit is asked about at once and the answers merged by a second review. The
/// findings, and the units of the text.
fn review_file(
    workspace: &Workspace,
    layers: &Layers,
    path: &Path,
    state: &mut DocumentReview,
    doc: &Document,
) -> (Vec<Finding>, Vec<Unit>) {
    let name = display_path(path);
    let when = match &layers.judge {
        Some(_) => JudgeWhen::Always,
        None => JudgeWhen::Never,
    };
    let review = workspace.review(state, doc, &name, when);
    match &layers.judge {
        Some(judge) if !review.judge.jobs.is_empty() => {
            judge.judge_jobs(state, review.judge.jobs);
            let again = workspace.review(state, doc, &name, JudgeWhen::Never);
            (again.findings, again.units)
        }
        _ => (review.findings, review.units),
    }
}

/// An indexed (absolute) path as the report shows paths: relative to the current folder
/// when under it.
fn shown_path(path: &Path) -> String {
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    let cwd = CWD.get_or_init(|| {
        std::env::current_dir()
            .ok()
            .and_then(|c| std::fs::canonicalize(c).ok())
    });
    match cwd.as_deref().and_then(|c| path.strip_prefix(c).ok()) {
        Some(relative) => display_path(relative),
        None => display_path(path),
    }
}

fn position(doc: &Document, offset: usize) -> LineCol {
    doc.line_index()
        .line_col(doc.text(), offset, PositionEncoding::Utf16)
}

fn locate(
    doc: &Document,
    path: &Path,
    profile: &str,
    finding: Finding,
    fingerprint: Fingerprint,
) -> Located {
    Located {
        fingerprint,
        baseline_state: None,
        profile: profile.to_owned(),
        path: display_path(path),
        start: position(doc, finding.range.start),
        end: position(doc, finding.range.end),
        trace: finding
            .trace
            .iter()
            .map(|s| match &s.elsewhere {
                Some(at) => LocatedStep {
                    path: Some(shown_path(&at.path)),
                    start: LineCol {
                        line: at.start.line,
                        col: at.start.utf16,
                    },
                    end: LineCol {
                        line: at.end.line,
                        col: at.end.utf16,
                    },
                    label: s.label.clone(),
                },
                None => LocatedStep {
                    path: None,
                    start: position(doc, s.range.start),
                    end: position(doc, s.range.end),
                    label: s.label.clone(),
                },
            })
            .collect(),
        snippet: doc
            .text()
            .lines()
            .nth(doc.line_index().line_of(finding.range.start) as usize)
            .unwrap_or_default()
            .trim()
            .chars()
            .take(200)
            .collect(),
        finding,
    }
}
