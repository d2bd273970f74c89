//! `bluecode llm check`, and the LLM step of `bluecode scan --llm`: every unit of a
//! file goes to the judge (through its on-disk cache) — an AI instruction file as one
//! unit — and the verdicts are merged into the file's findings before suppressions and
//! filters apply.

use std::path::Path;
use std::process::ExitCode;

use bluecode_analysis::Finding;
use bluecode_analysis::syntax::{Document, Unit, UnitKind, extract_units};
use bluecode_workspace::llm::{
    ConstitutionDoc, Judge, JudgeRequest, JudgeStats, UnitInput, VerdictCache,
};
use bluecode_workspace::{apply_llm_outcome, constitution_docs, judge_request, static_findings};

use crate::constitutions_cmd::print_stdout;
use crate::workspace::Workspace;

/// The judge of a scan, with the runtime its requests run on.
pub struct ScanJudge {
    pub judge: Judge,
    pub docs: Vec<ConstitutionDoc>,
    pub runtime: tokio::runtime::Runtime,
}

impl ScanJudge {
    pub fn new(workspace: &Workspace) -> anyhow::Result<ScanJudge> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let docs = constitution_docs(workspace.engine.constitutions());
        let judge = Judge::from_settings(
            &workspace.settings.llm,
            docs.clone(),
            VerdictCache::open_default(),
        )?
        .ok_or_else(|| {
            anyhow::anyhow!("--llm needs `[llm]` with `base_url` and `model` in bluecode.toml")
        })?;
        Ok(ScanJudge {
            judge,
            docs,
            runtime,
        })
    }

    /// The file's findings after the judge has seen each of its units.
    pub fn judge_file(&self, doc: &Document, path: &str, findings: Vec<Finding>) -> Vec<Finding> {
        let units = extract_units(doc);
        let requests: Vec<_> = (0..units.len())
            .filter_map(|i| judge_request(doc, &units, i, path, &findings))
            .collect();
        let outcomes = self
            .runtime
            .block_on(self.judge.judge_many(requests.clone()));
        let mut out = Vec::new();
        for ((unit, request), outcome) in units.iter().zip(&requests).zip(&outcomes) {
            let unit_findings: Vec<Finding> = findings
                .iter()
                .filter(|f| f.unit_id == unit.id)
                .cloned()
                .collect();
            out.extend(apply_llm_outcome(
                doc,
                unit,
                unit_findings,
                request,
                outcome,
                &self.docs,
            ));
        }
        // Findings of units the judge did not get (none expected) are kept as they are.
        for f in findings {
            if !units.iter().any(|u| u.id == f.unit_id) {
                out.push(f);
            }
        }
        out.sort_by_key(|f| f.range.start);
        out
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
    let workspace = Workspace::open(root, None)?;
    let llm = &workspace.settings.llm;
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
