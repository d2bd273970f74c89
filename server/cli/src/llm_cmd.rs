//! `bluecode llm check`, and the LLM step of `bluecode scan --llm`: every unit of a
//! file goes to the judge at once (through its on-disk cache) — the same requests the
//! language server sends, built by the review core — and the answers are recorded in the
//! file's review, which merges them before suppressions and filters apply. An AI
//! instruction file goes to the judge whole, as one unit (the review core builds it).

use std::path::Path;
use std::process::ExitCode;

use bluecode_workspace::llm::{Judge, JudgeStats, VerdictCache};
use bluecode_workspace::{DocumentReview, JudgeJob, Workspace};

use crate::constitutions_cmd::print_stdout;

/// The judge of a scan, with the runtime its requests run on.
pub struct ScanJudge {
    pub judge: Judge,
    pub runtime: tokio::runtime::Runtime,
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
        Ok(ScanJudge { judge, runtime })
    }

    /// Sends the jobs of a review and records every answer in `review`.
    pub fn judge_jobs(&self, review: &mut DocumentReview, jobs: Vec<JudgeJob>) {
        let requests = jobs.iter().map(|j| j.request.clone()).collect();
        let outcomes = self.runtime.block_on(self.judge.judge_many(requests));
        for (job, outcome) in jobs.iter().zip(&outcomes) {
            review.record_outcome(&job.ticket, outcome);
        }
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
