//! `bluecode sandbox build-image | doctor`, `bluecode verify FILE:LINE`, and the sandbox
//! step of `bluecode scan --verify`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use bluecode_analysis::Finding;
use bluecode_analysis::syntax::{Document, Language};
use bluecode_workspace::sandbox::{
    self, CancellationToken, RootfsSource, Sandbox, SandboxSettings, Verdict, VerifyReport,
};
use bluecode_workspace::{
    DocumentKind, DocumentReview, JudgeWhen, UnitId, Workspace, apply_verification,
    behaviour_request, is_behaviour_finding,
};

use crate::constitutions_cmd::print_stdout;

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?)
}

fn settings_for(root: &Path) -> anyhow::Result<SandboxSettings> {
    Ok(crate::workspace::open(root, None)?
        .settings()
        .sandbox
        .clone())
}

#[derive(clap::Subcommand)]
pub enum SandboxCommand {
    /// Build the sandbox image offline from a Debian root filesystem (pulls when a
    /// registry answers and no root filesystem is given).
    BuildImage {
        /// An existing root filesystem folder (for example debootstrap's target).
        #[arg(long)]
        rootfs: Option<PathBuf>,
        /// A tar archive of a root filesystem.
        #[arg(long, conflicts_with = "rootfs")]
        tar: Option<PathBuf>,
        /// Debian mirror for debootstrap when neither --rootfs nor --tar is given
        /// (default: the one this host's apt sources use, else deb.debian.org).
        #[arg(long)]
        mirror: Option<String>,
    },
    /// Report the engine, the image and a test run.
    Doctor,
}

pub fn run(command: &SandboxCommand) -> anyhow::Result<ExitCode> {
    let settings = settings_for(Path::new("."))?;
    let rt = runtime()?;
    match command {
        SandboxCommand::Doctor => {
            let report = rt.block_on(sandbox::doctor(&settings));
            let mut out = format!("engine: {}\n", report.address);
            match &report.engine {
                Some(info) => out.push_str(&format!(
                    "  version {} (API {}, negotiated {})\n",
                    info.version, info.api_version, info.negotiated_api_version
                )),
                None => out.push_str("  not reachable\n"),
            }
            out.push_str(&format!(
                "image: {} ({})\n",
                report.image,
                report.image_id.as_deref().unwrap_or("missing")
            ));
            if let (Some(output), Some(ms)) = (&report.test_run_output, report.test_run_ms) {
                out.push_str(&format!(
                    "test run: {ms} ms\n  {}\n",
                    output.trim().replace('\n', "\n  ")
                ));
            }
            for p in &report.problems {
                out.push_str(&format!("problem: {p}\n"));
            }
            print_stdout(&out);
            Ok(if report.is_ready() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        SandboxCommand::BuildImage {
            rootfs,
            tar,
            mirror,
        } => {
            let engine = rt.block_on(sandbox::Engine::connect(&settings))?;
            let source = match (rootfs, tar) {
                (Some(dir), _) => RootfsSource::Directory(dir.clone()),
                (None, Some(file)) => RootfsSource::TarFile(file.clone()),
                (None, None) => {
                    let dir = std::env::temp_dir()
                        .join(format!("bluecode-rootfs-{}", std::process::id()));
                    eprintln!(
                        "bluecode: debootstrap into {} (a few minutes) …",
                        dir.display()
                    );
                    let mirror = mirror
                        .clone()
                        .or_else(crate::apt_mirror::host_mirror)
                        .unwrap_or_else(|| sandbox::DEBIAN_MIRROR.to_owned());
                    eprintln!("bluecode: Debian mirror {mirror}");
                    rt.block_on(sandbox::debootstrap_rootfs(&dir, &mirror))?;
                    RootfsSource::Directory(dir)
                }
            };
            let report = rt.block_on(sandbox::build_image(&engine, &source, &settings.image))?;
            print_stdout(&format!(
                "built {} ({}, {} MB) in {:.1} s\n",
                report.image,
                report.id,
                report.size / 1_000_000,
                report.elapsed.as_secs_f64()
            ));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `FILE:LINE` (1-based line).
fn parse_location(location: &str) -> anyhow::Result<(PathBuf, u32)> {
    let (file, line) = location
        .rsplit_once(':')
        .context("expected FILE:LINE, for example app/views.py:42")?;
    let line: u32 = line
        .parse()
        .ok()
        .filter(|l| *l > 0)
        .with_context(|| format!("`{line}` is not a line number (1 or more)"))?;
    Ok((PathBuf::from(file), line))
}

fn verdict_line(report: &VerifyReport) -> String {
    report.verdict.explanation()
}

pub fn verify(location: &str, json: bool) -> anyhow::Result<ExitCode> {
    let (path, line) = parse_location(location)?;
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let language = Language::from_path(&path)
        .with_context(|| format!("{}: not a language bluecode reads", path.display()))?;
    let workspace = crate::workspace::open(&path, None)?;
    let doc = Document::new(Some(language), text);
    let absolute = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
    let mut state = DocumentReview::new(Some(absolute), DocumentKind::Code).ignoring_exclude();
    let on_line: Vec<Finding> = workspace
        .review(
            &mut state,
            &doc,
            &path.display().to_string(),
            JudgeWhen::Never,
        )
        .findings
        .into_iter()
        .filter(|f| doc.line_index().line_of(f.range.start) + 1 == line)
        .collect();
    // A malicious-category finding is verified by its behaviour (a script as a whole).
    let request = match on_line.iter().find(|f| is_behaviour_finding(f)) {
        Some(finding) => behaviour_request(&doc, &path, line - 1, finding),
        None => {
            let hint = on_line.iter().find_map(Finding::cwe_label);
            workspace
                .sandbox_job(&doc, &path, line - 1, hint)
                .map(|job| job.request)
        }
    }
    .map_err(|e| anyhow::anyhow!(e))?;
    let sandbox = Sandbox::new(workspace.settings().sandbox.clone())?;
    let rt = runtime()?;
    let report = rt.block_on(sandbox.verify(&request, &|_| {}, &CancellationToken::new()));
    if json {
        let mut value = serde_json::to_value(&report)?;
        value["function"] = serde_json::Value::String(request.function.clone());
        value["file"] = serde_json::Value::String(path.display().to_string());
        value["line"] = serde_json::json!(line);
        print_stdout(&format!("{}\n", serde_json::to_string_pretty(&value)?));
    } else {
        print_stdout(&format!(
            "{}:{line}: {} ({} in {} ms)\n",
            path.display(),
            verdict_line(&report),
            request.function,
            report.timing.total_ms
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// Verifies every Python/JavaScript finding of a scan (one run per function unit and kind
/// of finding) and folds the verdicts in; prints how many were confirmed and refuted, per
/// kind, and the timings.
pub struct ScanVerifier {
    sandbox: Sandbox,
    runtime: tokio::runtime::Runtime,
    times_ms: std::sync::Mutex<Vec<u64>>,
    verdicts: std::sync::Mutex<[usize; 3]>,
    /// Findings per harness kind (or uncovered CWE): confirmed, not reproduced, inconclusive.
    per_kind: std::sync::Mutex<std::collections::BTreeMap<String, [usize; 3]>>,
}

/// The per-kind row a finding counts in: the harness kind that tests it, or its CWE.
fn kind_row(finding: &Finding) -> String {
    if is_behaviour_finding(finding) {
        return format!("behaviour {}", finding.rule_id);
    }
    match sandbox::harness::kinds::for_cwes(&finding.cwe) {
        Some(kind) => kind.name.to_owned(),
        None => finding
            .cwe_label()
            .map_or_else(|| "no CWE".to_owned(), |cwe| format!("{cwe} (no harness)")),
    }
}

fn verdict_index(verdict: &Verdict) -> usize {
    match verdict {
        Verdict::Confirmed { .. } => 0,
        Verdict::NotReproduced { .. } => 1,
        Verdict::Inconclusive { .. } => 2,
    }
}

impl ScanVerifier {
    pub fn new(workspace: &Workspace) -> anyhow::Result<ScanVerifier> {
        Ok(ScanVerifier {
            sandbox: Sandbox::new(workspace.settings().sandbox.clone())?,
            runtime: runtime()?,
            times_ms: std::sync::Mutex::new(Vec::new()),
            verdicts: std::sync::Mutex::new([0; 3]),
            per_kind: std::sync::Mutex::new(Default::default()),
        })
    }

    pub fn verify_file(
        &self,
        workspace: &Workspace,
        doc: &Document,
        path: &Path,
        mut findings: Vec<Finding>,
    ) -> Vec<Finding> {
        if !matches!(
            doc.language(),
            Some(Language::Python | Language::JavaScript)
        ) {
            return findings;
        }
        // One run per (unit, kind of finding): a log-injection finding is not verified by
        // the SQL payloads run for another finding of the same function.
        let mut done: Vec<(UnitId, Option<String>, VerifyReport)> = Vec::new();
        for f in findings.iter_mut() {
            // A malicious-category finding is verified by its behaviour, one run per rule.
            let behaviour = is_behaviour_finding(f);
            let hint = if behaviour {
                Some(f.rule_id.clone())
            } else {
                f.cwe_label()
            };
            if let Some((_, _, report)) = done
                .iter()
                .find(|(unit, h, _)| unit.as_str() == f.unit_id && *h == hint)
            {
                self.count(f, &report.verdict);
                apply_verification(f, report);
                continue;
            }
            let line = doc.line_index().line_of(f.range.start);
            let request = if behaviour {
                behaviour_request(doc, path, line, f)
            } else {
                workspace
                    .sandbox_job(doc, path, line, hint.clone())
                    .map(|job| job.request)
            };
            let Ok(mut request) = request else {
                continue;
            };
            let inputs =
                sandbox::harness::kinds::trace_inputs(f.trace.iter().map(|s| s.label.as_str()));
            request.parameters = inputs.parameters;
            request.source_label = inputs.source_label;
            let report = self.runtime.block_on(self.sandbox.verify(
                &request,
                &|_| {},
                &CancellationToken::new(),
            ));
            if let Ok(mut t) = self.times_ms.lock() {
                t.push(report.timing.total_ms);
            }
            if let Ok(mut v) = self.verdicts.lock() {
                v[verdict_index(&report.verdict)] += 1;
            }
            self.count(f, &report.verdict);
            apply_verification(f, &report);
            done.push((UnitId::from(f.unit_id.as_str()), hint, report));
        }
        findings
    }

    fn count(&self, finding: &Finding, verdict: &Verdict) {
        if let Ok(mut rows) = self.per_kind.lock() {
            rows.entry(kind_row(finding)).or_default()[verdict_index(verdict)] += 1;
        }
    }

    pub fn print_stats(&self) {
        let mut times = self.times_ms.lock().map(|t| t.clone()).unwrap_or_default();
        times.sort_unstable();
        let pick = |q: f64| {
            times
                .get(((times.len() as f64 - 1.0) * q).round() as usize)
                .copied()
                .unwrap_or(0)
        };
        let [confirmed, refuted, inconclusive] =
            self.verdicts.lock().map(|v| *v).unwrap_or_default();
        eprintln!(
            "bluecode: sandbox: {} functions verified: {confirmed} confirmed, {refuted} not reproduced, {inconclusive} inconclusive; median {} ms, p95 {} ms",
            times.len(),
            pick(0.5),
            pick(0.95)
        );
        let rows = self.per_kind.lock().map(|r| r.clone()).unwrap_or_default();
        for (kind, [confirmed, refuted, inconclusive]) in rows {
            eprintln!(
                "bluecode: sandbox:   {kind}: {confirmed} confirmed, {refuted} not reproduced, {inconclusive} inconclusive (findings)"
            );
        }
    }
}
