//! `bluecode llm check`, and the LLM step of `bluecode scan --llm`: every unit of a
//! file goes to the judge at once (through its on-disk cache) — the same requests the
//! language server sends, built by the review core — and the answers are recorded in the
//! file's review, which merges them before suppressions and filters apply. An AI
//! instruction file goes to the judge whole, as one unit.

use std::path::Path;
use std::process::ExitCode;

use std::sync::Arc;

use bluecode_analysis::Finding;
use bluecode_analysis::syntax::{Document, Unit, UnitKind};
use bluecode_workspace::llm::{
    ConstitutionDoc, Judge, JudgeRequest, JudgeStats, UnitInput, VerdictCache,
};
use bluecode_workspace::{DocumentReview, JudgeJob, Workspace, apply_llm_outcome, static_findings};

use crate::constitutions_cmd::print_stdout;

/// The judge of a scan, with the runtime its requests run on.
pub struct ScanJudge {
    pub judge: Judge,
    pub runtime: tokio::runtime::Runtime,
    /// The constitutions as the judge quotes them (for merging instruction files).
    docs: Arc<Vec<ConstitutionDoc>>,
}

impl ScanJudge {
    pub fn new(workspace: &Workspace) -> anyhow::Result<ScanJudge> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let judge = workspace
            .judge(VerdictCache::open_default())?
            .ok_or_else(|| {
                anyhow::anyhow!("--llm needs `[llm]` with `base_url` and `model` in bluecode.toml")
            })?;
        Ok(ScanJudge {
            judge,
            runtime,
            docs: workspace.constitution_docs(),
        })
    }

    /// Sends the jobs of a review and records every answer in `review`.
    pub fn judge_jobs(&self, review: &mut DocumentReview, jobs: Vec<JudgeJob>) {
        let requests = jobs.iter().map(|j| j.request.clone()).collect();
        let outcomes = self.runtime.block_on(self.judge.judge_many(requests));
        for (job, outcome) in jobs.iter().zip(&outcomes) {
            review.record_outcome(&job.ticket, outcome);
        }
    }

    /// An AI instruction file's findings after the judge has read it whole, against the
    /// instruction constitutions (same merge: the judge adds findings and may lower, never
    /// remove, a static one).
    pub fn judge_instruction_file(
        &self,
        doc: &Document,
        path: &str,
        findings: Vec<Finding>,
    ) -> Vec<Finding> {
        let all = 0..doc.text().len();
        let whole = Unit {
            id: "module".into(),
            kind: UnitKind::Module,
            range: all.clone(),
            own_ranges: std::iter::once(all).collect(),
            parent: None,
            hash: 0,
        };
        let request = JudgeRequest {
            unit: UnitInput::instruction_file(path, doc.text()),
            static_findings: static_findings(doc, &whole, &findings),
            cancel: None,
        };
        let outcome = self.runtime.block_on(self.judge.judge(request.clone()));
        apply_llm_outcome(doc, &whole, findings, &request, &outcome, &self.docs)
    }

    pub fn stats(&self) -> JudgeStats {
        self.judge.stats()
    }
}

pub fn print_stats(stats: &JudgeStats) {
    eprintln!(
        "bluecode: LLM judge: {} units judged, {} requests, {} from cache, {} gave up, ~{} prompt tokens per request",
        stats.units_judged,
        stats.requests_sent,
        stats.cache_hits,
        stats.gave_up,
        stats.average_prompt_tokens()
    );
}

pub fn check(root: &Path) -> anyhow::Result<ExitCode> {
    let workspace = crate::workspace::open(root, None)?;
    let llm = &workspace.settings().llm;
    if !llm.is_enabled() {
        print_stdout(
            "The LLM judge is off: set `[llm]` `base_url` and `model` in bluecode.toml (or the editor's settings).\n",
        );
        return Ok(ExitCode::from(1));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let judge = Judge::from_settings(llm, Vec::new(), VerdictCache::open_default())?
        .ok_or_else(|| anyhow::anyhow!("the LLM judge is off"))?;
    let report = runtime.block_on(judge.check());
    let mut out = format!(
        "provider: {}\nendpoint: {} ({})\nmodel: {} ({})\nlatency: {} ms\n",
        report.provider,
        report.base_url,
        if report.endpoint_reachable {
            "answers"
        } else {
            "does not answer"
        },
        report.model,
        match report.model_found {
            Some(true) => "found",
            Some(false) => "not found",
            None => "unknown",
        },
        report.latency.as_millis()
    );
    if !report.models_listed.is_empty() {
        out.push_str(&format!("models: {}\n", report.models_listed.join(", ")));
    }
    if let Some(problem) = &report.problem {
        out.push_str(&format!("problem: {problem}\n"));
    }
    print_stdout(&out);
    let ok =
        report.endpoint_reachable && report.model_found != Some(false) && report.problem.is_none();
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
