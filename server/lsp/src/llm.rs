//! The LLM judge in the server. After the static diagnostics of a version are published,
//! [`dispatch`] sends the units whose hash changed (or that were never judged) to the
//! workspace's [`Judge`], one spawned task per unit: a unit that changes again aborts its
//! task (the HTTP request is dropped), the judge's semaphore bounds the requests in
//! flight, and its disk cache answers for units it has seen. A finished task records the
//! verdict under the unit's hash — unless the unit changed meanwhile (a stale answer is
//! dropped) — and schedules the document again; the next analysis run merges every
//! recorded verdict ([`merge_verdicts`], through `apply_llm_outcome`: the LLM adds
//! findings and may lower a static one with its reason, never remove it).
//!
//! Nothing here runs in the analysis path: a diagnostic never waits for the LLM.

use std::collections::HashMap;
use std::sync::Arc;

use bluecode_analysis::{Engine, Finding};
use bluecode_syntax::{Document, Unit, UnitKind};
use bluecode_workspace::llm::{
    ConstitutionDoc, Judge, JudgeOutcome, JudgeRequest, LlmError, LlmSettings, LlmVerdict,
    VerdictCache,
};
use bluecode_workspace::{apply_llm_outcome, constitution_docs, judge_request, static_findings};
use tokio::task::AbortHandle;
use tower_lsp_server::lsp_types::Uri;
use tracing::Instrument;

use crate::document::Analysed;
use crate::progress::WorkDone;
use crate::scheduler;
use crate::session::Session;

/// The workspace's judge, with the settings it was built from.
pub struct LlmLayer {
    pub judge: Judge,
    pub docs: Arc<Vec<ConstitutionDoc>>,
    settings: LlmSettings,
}

impl LlmLayer {
    /// The judge `[llm]` describes, or `None` when it is not configured.
    pub fn build(settings: &LlmSettings, engine: &Engine) -> Result<Option<LlmLayer>, LlmError> {
        if !settings.is_enabled() {
            return Ok(None);
        }
        let docs = constitution_docs(engine.constitutions());
        let cache = VerdictCache::open_default();
        tracing::info!(
            model = settings.model_name(),
            cache = ?cache.path(),
            "LLM judge on"
        );
        Ok(
            Judge::from_settings(settings, docs.clone(), cache)?.map(|judge| LlmLayer {
                judge,
                docs: Arc::new(docs),
                settings: settings.clone(),
            }),
        )
    }

    pub fn matches(&self, settings: &LlmSettings) -> bool {
        &self.settings == settings
    }
}

/// What the judge said about one unit, while its hash is `hash`.
#[derive(Debug, Clone)]
pub struct UnitVerdict {
    pub hash: u64,
    /// The unit's first line (1-based) when it was judged; the verdict's lines are
    /// moved with the unit.
    pub start_line: u32,
    /// The unit was sent with its nested units elided ([`UnitView`]): the verdict's
    /// lines count the lines sent, not the file's.
    pub elided: bool,
    /// `None` when the judge gave up (timeout, unusable answer): not asked again until
    /// the unit changes.
    pub verdict: Option<LlmVerdict>,
}

/// The LLM tasks of one document, by unit id: the hash each was started for. Dropping
/// it (the document closed) aborts them all.
#[derive(Default)]
pub struct LlmTasks {
    tasks: HashMap<String, (u64, AbortHandle)>,
}

impl LlmTasks {
    fn hash_of(&self, unit_id: &str) -> Option<u64> {
        self.tasks.get(unit_id).map(|(hash, _)| *hash)
    }

    fn start(&mut self, unit_id: String, hash: u64, task: AbortHandle) {
        if let Some((_, older)) = self.tasks.insert(unit_id, (hash, task)) {
            older.abort();
        }
    }

    /// Aborts the tasks of units that are gone.
    fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.tasks.retain(|id, (_, task)| {
            let kept = keep(id);
            if !kept {
                task.abort();
            }
            kept
        });
    }

    /// Forgets a finished task, if it is still the unit's latest.
    fn finish(&mut self, unit_id: &str, hash: u64) -> bool {
        if self.hash_of(unit_id) == Some(hash) {
            self.tasks.remove(unit_id);
            true
        } else {
            false
        }
    }
}

impl Drop for LlmTasks {
    fn drop(&mut self) {
        for (_, task) in self.tasks.values() {
            task.abort();
        }
    }
}

/// A unit with nested units as the judge is sent it: its own lines, each directly
/// nested unit elided to one line (the nested units are judged on their own). Without
/// this the module unit's text would be the whole file, and an edit of any function
/// would change what is sent for it — a different cache key for a unit whose own hash
/// did not change, so a reopened file would not be answered from the cache.
struct UnitView {
    code: String,
    /// The file line (1-based) of each line sent.
    file_lines: Vec<u32>,
}

/// What stands for an elided nested unit.
const ELIDED: &str = "… (a nested function, reviewed separately)";

fn unit_view(doc: &Document, units: &[Unit], index: usize) -> Option<UnitView> {
    let unit = units.get(index)?;
    let lines = doc.line_index();
    let spans: Vec<(u32, u32)> = units
        .iter()
        .filter(|u| u.parent == Some(index))
        .map(|u| {
            let last = u.range.end.saturating_sub(1).max(u.range.start);
            (lines.line_of(u.range.start), lines.line_of(last))
        })
        .collect();
    if spans.is_empty() {
        return None;
    }
    let first = lines.line_of(unit.range.start);
    let text = doc.text().get(unit.range.clone()).unwrap_or_default();
    let mut code = Vec::new();
    let mut file_lines = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let at = first + i as u32;
        match spans
            .iter()
            .find(|(start, end)| (*start..=*end).contains(&at))
        {
            Some((start, _)) if *start == at => {
                code.push(ELIDED);
                file_lines.push(at + 1);
            }
            Some(_) => {}
            None => {
                code.push(line);
                file_lines.push(at + 1);
            }
        }
    }
    Some(UnitView {
        code: code.join("\n"),
        file_lines,
    })
}

impl UnitView {
    /// The line sent for a file line, numbered from `start_line`.
    fn sent_line(&self, file_line: u32, start_line: u32) -> Option<u32> {
        let i = self.file_lines.iter().position(|l| *l == file_line)?;
        Some(start_line + i as u32)
    }

    /// The file line of a line sent (numbered from `start_line`).
    fn file_line(&self, sent: u32, start_line: u32) -> Option<u32> {
        let i = sent.checked_sub(start_line)?;
        self.file_lines.get(i as usize).copied()
    }

    /// Rewrites a request for the elided view: code, static finding lines, and the
    /// callees seen in what is sent.
    fn apply(&self, request: &mut JudgeRequest, units: &[Unit], doc: &Document, index: usize) {
        let start = request.unit.start_line;
        for f in &mut request.static_findings {
            if let Some(line) = self.sent_line(f.line, start) {
                f.line = line;
            }
        }
        request.unit.callee_signatures = units
            .iter()
            .enumerate()
            .filter(|(i, u)| *i != index && u.kind == UnitKind::Function)
            .filter_map(|(_, u)| {
                let short = u.id.rsplit('.').next()?.split('#').next()?;
                self.code.contains(&format!("{short}(")).then(|| {
                    doc.text()
                        .get(u.range.clone())
                        .and_then(|t| t.lines().next())
                        .unwrap_or_default()
                        .trim()
                        .to_owned()
                })
            })
            .take(10)
            .collect();
        request.unit.code = self.code.clone();
    }

    /// Maps a verdict on the elided view back to file lines.
    fn to_file(&self, mut verdict: LlmVerdict, start_line: u32) -> LlmVerdict {
        verdict
            .findings
            .retain_mut(|f| match self.file_line(f.line, start_line) {
                Some(line) => {
                    f.line = line;
                    true
                }
                None => false,
            });
        for d in &mut verdict.disputes {
            d.line = d.line.and_then(|l| self.file_line(l, start_line));
        }
        verdict
    }
}

/// Moves a verdict's lines by `delta` (the unit moved since it was judged).
fn shifted(mut verdict: LlmVerdict, delta: i64) -> LlmVerdict {
    let shift = |line: u32| u32::try_from(i64::from(line) + delta).ok();
    verdict.findings.retain_mut(|f| match shift(f.line) {
        Some(line) => {
            f.line = line;
            true
        }
        None => false,
    });
    for d in &mut verdict.disputes {
        d.line = d.line.and_then(shift);
    }
    verdict
}

/// The document's findings with the recorded verdicts of units whose hash is unchanged
/// merged in. Cheap (no I/O): runs with every analysis while the LLM is on.
pub fn merge_verdicts(
    doc: &Document,
    units: &[Unit],
    findings: Vec<Finding>,
    verdicts: &HashMap<String, UnitVerdict>,
    docs: &[ConstitutionDoc],
) -> Vec<Finding> {
    if verdicts.is_empty() {
        return findings;
    }
    let mut merged_units: Vec<&str> = Vec::new();
    let mut out = Vec::with_capacity(findings.len());
    for (index, unit) in units.iter().enumerate() {
        let Some((recorded, verdict)) = verdicts
            .get(&unit.id)
            .filter(|v| v.hash == unit.hash)
            .and_then(|v| Some((v, v.verdict.clone()?)))
        else {
            continue;
        };
        let verdict = if recorded.elided {
            match unit_view(doc, units, index) {
                Some(view) => view.to_file(verdict, recorded.start_line),
                None => continue,
            }
        } else {
            let start_line = doc.line_index().line_of(unit.range.start) + 1;
            shifted(
                verdict,
                i64::from(start_line) - i64::from(recorded.start_line),
            )
        };
        let request = JudgeRequest {
            static_findings: static_findings(doc, unit, &findings),
            ..JudgeRequest::default()
        };
        let unit_findings: Vec<Finding> = findings
            .iter()
            .filter(|f| f.unit_id == unit.id)
            .cloned()
            .collect();
        let outcome = JudgeOutcome::Judged {
            verdict,
            from_cache: true,
        };
        out.extend(apply_llm_outcome(
            doc,
            unit,
            unit_findings,
            &request,
            &outcome,
            docs,
        ));
        merged_units.push(&unit.id);
    }
    out.extend(
        findings
            .into_iter()
            .filter(|f| !merged_units.contains(&f.unit_id.as_str())),
    );
    out.sort_by_key(|f| f.range.start);
    out
}

/// The path the judge sees (workspace-relative when possible: `[llm] exclude` globs are).
fn judge_path(session: &Session, uri: &Uri) -> String {
    let root = session.state().root.clone();
    let path = session.documents.get(uri).and_then(|d| d.path.clone());
    match path {
        Some(path) => root
            .as_deref()
            .and_then(|r| path.strip_prefix(r).ok())
            .unwrap_or(&path)
            .to_string_lossy()
            .into_owned(),
        None => uri.as_str().to_owned(),
    }
}

/// Sends the changed units of a just-published analysis to the judge.
pub fn dispatch(session: &Arc<Session>, uri: &Uri, generation: u64, analysed: &Analysed) {
    let Some(layer) = session.llm() else {
        return;
    };
    let Some(doc) = analysed.doc.as_ref() else {
        return;
    };
    let units = &analysed.units;
    let path = judge_path(session, uri);
    let mut started = Vec::new();
    {
        let Some(mut state) = session.documents.get_mut(uri) else {
            return;
        };
        if state.generation != generation || state.version != analysed.version {
            return;
        }
        let state = &mut *state;
        state
            .llm_tasks
            .retain(|id| units.iter().any(|u| u.id == id));
        for (index, unit) in units.iter().enumerate() {
            let judged = state
                .llm_verdicts
                .get(&unit.id)
                .is_some_and(|v| v.hash == unit.hash);
            if judged || state.llm_tasks.hash_of(&unit.id) == Some(unit.hash) {
                continue;
            }
            let Some(mut request) = judge_request(doc, units, index, &path, &analysed.raw) else {
                continue;
            };
            let view = unit_view(doc, units, index);
            if let Some(view) = &view {
                view.apply(&mut request, units, doc, index);
            }
            let span = tracing::info_span!(
                "llm_unit",
                uri = uri.as_str(),
                unit = %unit.id,
                version = analysed.version
            );
            let job = UnitJob {
                uri: uri.clone(),
                generation,
                unit_id: unit.id.clone(),
                hash: unit.hash,
                elided: view.is_some(),
            };
            let task = tokio::spawn(
                judge_unit(session.clone(), layer.judge.clone(), job, request).instrument(span),
            );
            state
                .llm_tasks
                .start(unit.id.clone(), unit.hash, task.abort_handle());
            started.push(task);
        }
    }
    if !started.is_empty() {
        tokio::spawn(show_progress(session.clone(), uri.clone(), started));
    }
}

/// Which unit a judgement is for: the document's opening and the unit's hash when sent.
struct UnitJob {
    uri: Uri,
    generation: u64,
    unit_id: String,
    hash: u64,
    /// Sent as a [`UnitView`].
    elided: bool,
}

/// One unit's judgement; records it if the unit is still what was sent.
async fn judge_unit(session: Arc<Session>, judge: Judge, job: UnitJob, request: JudgeRequest) {
    let UnitJob {
        uri,
        generation,
        unit_id,
        hash,
        elided,
    } = job;
    let start_line = request.unit.start_line;
    let outcome = judge.judge(request).await;
    let verdict = match outcome {
        JudgeOutcome::Judged {
            verdict,
            from_cache,
        } => {
            tracing::info!(
                from_cache,
                findings = verdict.findings.len(),
                disputes = verdict.disputes.len(),
                "LLM verdict"
            );
            Some(verdict)
        }
        JudgeOutcome::GaveUp { reason } => {
            tracing::warn!(%reason, "LLM gave up on this unit");
            None
        }
        JudgeOutcome::Excluded => None,
        JudgeOutcome::Cancelled => {
            if let Some(mut state) = session.documents.get_mut(&uri) {
                state.llm_tasks.finish(&unit_id, hash);
            }
            return;
        }
    };
    let judged = verdict.is_some();
    let recorded = match session.documents.get_mut(&uri) {
        Some(mut state) if state.generation == generation => {
            let state = &mut *state;
            if state.llm_tasks.finish(&unit_id, hash) {
                Arc::make_mut(&mut state.llm_verdicts).insert(
                    unit_id,
                    UnitVerdict {
                        hash,
                        start_line,
                        elided,
                        verdict,
                    },
                );
                true
            } else {
                false
            }
        }
        _ => false,
    };
    if !recorded {
        tracing::debug!("stale LLM verdict dropped: the unit changed");
        return;
    }
    if judged {
        scheduler::schedule(&session, &uri);
    }
}

/// `$/progress` while a batch of units is with the judge.
async fn show_progress(session: Arc<Session>, uri: Uri, tasks: Vec<tokio::task::JoinHandle<()>>) {
    let total = tasks.len();
    let name = uri
        .as_str()
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_owned();
    let work = WorkDone::begin(
        &session,
        "bluecode: LLM review",
        Some(format!("{name}: {total} unit(s)")),
        None,
    )
    .await;
    for (done, task) in tasks.into_iter().enumerate() {
        // An aborted task (its unit changed again) counts as done here.
        let _ = task.await;
        if let Some(work) = &work {
            let percentage = ((done + 1) * 100 / total) as u32;
            work.report(format!("{name}: {}/{total}", done + 1), percentage)
                .await;
        }
    }
    if let Some(work) = work {
        work.end(None).await;
    }
}

#[cfg(test)]
mod tests {
    use bluecode_workspace::llm::{Confidence, LlmFinding, Verdict, VerdictDispute};

    use super::*;

    #[test]
    fn a_disputed_static_finding_is_lowered_never_removed() {
        let set = bluecode_analysis::constitutions::ConstitutionSet::builtin().expect("built-ins");
        let engine = Engine::new(Arc::new(set));
        let doc = Document::new(
            Some(bluecode_syntax::Language::Python),
            "import os\n\nfrom flask import request\n\n\ndef ping():\n    host = request.args.get(\"host\")\n    os.system(\"ping \" + host)\n".to_owned(),
        );
        let mut analysis = bluecode_analysis::DocumentAnalysis::new();
        analysis.update(&engine, &doc);
        let units = analysis.units().to_vec();
        let findings = analysis.findings();
        let ping = units.iter().find(|u| u.id == "ping").expect("ping");
        assert!(
            findings.iter().any(|f| f.unit_id == "ping"),
            "{findings:#?}"
        );
        let verdict = LlmVerdict {
            verdict: Verdict::Safe,
            findings: Vec::new(),
            disputes: vec![VerdictDispute {
                finding_id: Some("s0".into()),
                line: None,
                reason: "reviewed".into(),
            }],
            partial: false,
        };
        let verdicts = HashMap::from([(
            "ping".to_owned(),
            UnitVerdict {
                hash: ping.hash,
                start_line: 6,
                elided: false,
                verdict: Some(verdict),
            },
        )]);
        let docs = constitution_docs(engine.constitutions());
        let merged = merge_verdicts(&doc, &units, findings.clone(), &verdicts, &docs);
        assert_eq!(merged.len(), findings.len(), "{merged:#?}");
        let lowered = merged
            .iter()
            .find(|f| f.rule_id == "py.command-injection")
            .expect("kept");
        assert_eq!(
            lowered.severity,
            bluecode_analysis::constitutions::Severity::Warning
        );
        assert!(
            lowered
                .note
                .as_deref()
                .is_some_and(|n| n.contains("reviewed"))
        );
    }

    #[test]
    fn the_module_is_sent_without_its_functions_and_its_lines_map_back() {
        let doc = Document::new(
            Some(bluecode_syntax::Language::Python),
            "import os\n\ndef a():\n    return 1\n\nX = os.environ['X']\n".to_owned(),
        );
        let units = bluecode_syntax::extract_units(&doc);
        let module = units
            .iter()
            .position(|u| u.kind == UnitKind::Module)
            .expect("module");
        let view = unit_view(&doc, &units, module).expect("a function to elide");
        assert_eq!(
            view.code,
            format!("import os\n\n{ELIDED}\n\nX = os.environ['X']")
        );
        assert_eq!(view.file_lines, [1, 2, 3, 5, 6]);
        assert_eq!(view.file_line(5, 1), Some(6));
        assert_eq!(view.sent_line(6, 1), Some(5));
        let function = units.iter().position(|u| u.id == "a").expect("a");
        assert!(
            unit_view(&doc, &units, function).is_none(),
            "nothing nested"
        );
    }

    #[test]
    fn a_moved_verdict_keeps_its_lines_inside_the_unit() {
        let verdict = LlmVerdict {
            verdict: Verdict::Vulnerable,
            findings: vec![LlmFinding {
                line: 4,
                cwe: None,
                constitution_id: None,
                category: None,
                confidence: Confidence(0.9),
                rationale: String::new(),
                cited_constitutions: Vec::new(),
            }],
            disputes: vec![VerdictDispute {
                finding_id: None,
                line: Some(5),
                reason: String::new(),
            }],
            partial: false,
        };
        let moved = shifted(verdict.clone(), 3);
        assert_eq!(moved.findings[0].line, 7);
        assert_eq!(moved.disputes[0].line, Some(8));
        assert!(shifted(verdict, -10).findings.is_empty());
    }
}
