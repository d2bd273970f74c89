//! The review core: one [`Workspace`] (root, settings, constitutions, engine, skip rules)
//! reviewing, per document, a [`DocumentReview`] (its state, in `document_review.rs`).
//! The CLI, the language server and later front ends call the same functions:
//!
//! - [`Workspace::review`]: the document's findings (static, with recorded LLM verdicts
//!   merged before suppressions and filters, sandbox verdicts folded in after) and the
//!   judge requests due now — one prompt and one cache key per unit, whoever asks;
//! - [`DocumentReview::record_llm`] / [`DocumentReview::record_sandbox`]: an answer,
//!   kept while the unit's hash is unchanged (a stale answer is dropped);
//! - [`crate::unit_at_line`] and [`Workspace::sandbox_job`]: what "verify" runs.
//!
//! When a request is due is the caller's choice ([`JudgeWhen`]): the CLI asks about every
//! unit at once; the editor asks about a unit once it has been unchanged for
//! `llm.idle_ms` and parses without errors, or at once when the file is saved. Nothing
//! here waits, spawns or does I/O.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use bluecode_analysis::constitutions::{ConstitutionSet, LoadError};
use bluecode_analysis::syntax::{Document, Unit, UnitId, UnitKind};
use bluecode_analysis::{AnalysisContext, ContextRules, Engine, Finding, finalize, today};
use bluecode_llm::{
    ConstitutionDoc, Judge, JudgeRequest, Knowledge, LlmError, UnitInput, VerdictCache,
};
use bluecode_sandbox::VerifyRequest;

use crate::document_review::{DocumentKind, DocumentReview, Reviewed, SandboxRecord};
use crate::judge_view::{merge_verdicts, unit_request};
use crate::knowledge::{constitution_examples, taught_examples};
use crate::llm_bridge::{constitution_docs, static_findings};
use crate::sandbox_bridge::{apply_verification, verify_request};
use crate::settings::WorkspaceSettings;
use crate::skip::Skip;
use crate::units::{has_parse_errors, unit_at_line};

/// A workspace as every front end reviews it. Cheap to clone; rebuilt whole when the
/// settings change.
#[derive(Clone)]
pub struct Workspace {
    root: Option<PathBuf>,
    settings: Arc<WorkspaceSettings>,
    engine: Engine,
    docs: Arc<OnceLock<Arc<Vec<ConstitutionDoc>>>>,
    /// The judge's knowledge base: constitution examples and what reviews taught.
    knowledge: Arc<OnceLock<Arc<Knowledge>>>,
    /// Places documents: threat-model profile and role (test, vendored, generated).
    contexts: Arc<ContextRules>,
    /// Tells this workspace's placements from another's (settings changed): never 0.
    placement: u64,
}

/// Source of [`Workspace::placement`] numbers.
static PLACEMENTS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// When the judge is asked about the units of a review.
#[derive(Debug, Clone, Copy)]
pub enum JudgeWhen {
    /// Never (the LLM is off, or the caller does not want it).
    Never,
    /// Every unit not judged yet, as it is (`bluecode scan --llm`).
    Always,
    /// Units unchanged for `idle` whose own text parses without errors (the editor);
    /// `flush` waives the wait (the file was saved).
    Settled {
        idle: Duration,
        now: Instant,
        flush: bool,
    },
}

/// A judge request handed out, and what answers it must be recorded against.
#[derive(Debug, Clone)]
pub struct JudgeJob {
    pub ticket: JudgeTicket,
    pub request: JudgeRequest,
}

/// Which unit (and which text of it) a judge request is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JudgeTicket {
    pub unit: UnitId,
    pub hash: u64,
    /// The unit's first line (1-based) when sent.
    pub start_line: u32,
    /// Sent with its nested units elided.
    pub elided: bool,
}

/// The judge requests due now, and when the next one falls due if nothing changes.
#[derive(Debug, Default)]
pub struct JudgeDue {
    pub jobs: Vec<JudgeJob>,
    pub next_due: Option<Instant>,
}

/// The result of one review.
#[derive(Debug)]
pub struct Review {
    /// What is shown: static findings with LLM verdicts merged, suppressions and filters
    /// applied, sandbox verdicts folded in.
    pub findings: Vec<Finding>,
    /// The units of this text (source code only).
    pub units: Vec<Unit>,
    pub judge: JudgeDue,
    /// Why the document was not reviewed, if it was not.
    pub skipped: Option<Skip>,
}

/// A sandbox run handed out, and what its verdict is recorded against.
#[derive(Debug, Clone)]
pub struct SandboxJob {
    pub ticket: SandboxTicket,
    pub request: VerifyRequest,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxTicket {
    pub unit: UnitId,
    pub hash: u64,
}

impl Workspace {
    /// A workspace at `root` (absolute; `None` when there is none, as for a single file
    /// opened in an editor) with its settings and the engine of its constitutions.
    pub fn open(root: Option<PathBuf>, settings: WorkspaceSettings, engine: Engine) -> Workspace {
        // The settings were validated when they were read; bad `[scope]` globs cannot
        // reach here, and the default scope is the safe fallback if they did.
        let contexts = ContextRules::new(&settings.analysis).unwrap_or_default();
        Workspace {
            root,
            settings: Arc::new(settings),
            engine,
            docs: Arc::default(),
            knowledge: Arc::default(),
            contexts: Arc::new(contexts),
            placement: PLACEMENTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// The built-in constitutions plus `<root>/.bluecode/constitutions`, and the files
    /// that could not be loaded.
    pub fn load_constitutions(root: Option<&Path>) -> (ConstitutionSet, Vec<LoadError>) {
        let dirs: Vec<PathBuf> = root
            .map(|r| vec![r.join(".bluecode").join("constitutions")])
            .unwrap_or_default();
        ConstitutionSet::load(&dirs)
    }

    pub fn root(&self) -> Option<&Path> {
        self.root.as_deref()
    }

    pub fn settings(&self) -> &WorkspaceSettings {
        &self.settings
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Tells this workspace from one rebuilt with other settings (never 0): what a cache
    /// of review results is keyed by.
    pub fn generation(&self) -> u64 {
        self.placement
    }

    /// The constitutions as the judge retrieves and quotes them (built on first use).
    pub fn constitution_docs(&self) -> Arc<Vec<ConstitutionDoc>> {
        self.docs
            .get_or_init(|| Arc::new(constitution_docs(self.engine.constitutions())))
            .clone()
    }

    /// The judge's knowledge base (built on first use): every constitution example, and
    /// what [`Workspace::review`] learns from suppressions and sandbox confirmations.
    pub fn knowledge(&self) -> Arc<Knowledge> {
        self.knowledge
            .get_or_init(|| {
                Arc::new(Knowledge::new(constitution_examples(
                    self.engine.constitutions(),
                )))
            })
            .clone()
    }

    /// The judge `[llm]` describes, with `cache` as its disk cache and this workspace's
    /// knowledge base; `None` when the LLM is off.
    pub fn judge(&self, cache: VerdictCache) -> Result<Option<Judge>, LlmError> {
        if !self.settings.llm.is_enabled() {
            return Ok(None);
        }
        Ok(Judge::from_settings(
            &self.settings.llm,
            self.constitution_docs().as_ref().clone(),
            cache,
        )?
        .map(|judge| judge.with_knowledge(self.knowledge())))
    }

    /// Where a document stands: its threat-model profile and its role in its project.
    /// A file outside the workspace root, or with no path, is reviewed on its own.
    pub fn context(&self, path: Option<&Path>, text: &str) -> AnalysisContext {
        match (path, self.root()) {
            (Some(p), Some(root)) if !p.starts_with(root) => AnalysisContext::snippet(),
            (Some(p), _) => self.contexts.context(Some(p), text),
            (None, _) => AnalysisContext::snippet(),
        }
    }

    /// Whether the workspace index is on (`[analysis] index`).
    pub fn index_enabled(&self) -> bool {
        self.settings.analysis.analysis.index
    }

    /// Why a text is not reviewed (too large, binary), if it is not.
    pub fn skip(&self, text: &str) -> Option<Skip> {
        Skip::of_text(text, self.settings.analysis.max_file_size)
    }

    /// Whether `path` is excluded by the `exclude` globs (relative to the root).
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.settings.is_excluded(self.root(), path)
    }

    /// The path the judge sees: relative to the root when under it (`[llm] exclude`
    /// globs are), else as given; `fallback` names an unsaved buffer.
    pub fn judge_path(&self, path: Option<&Path>, fallback: &str) -> String {
        match path {
            Some(path) => self
                .root()
                .and_then(|r| path.strip_prefix(r).ok())
                .unwrap_or(path)
                .to_string_lossy()
                .into_owned(),
            None => fallback.to_owned(),
        }
    }

    /// Reviews `doc` (whose tree must be current): the findings to show and the judge
    /// requests due. `name` names an unsaved document to the judge.
    pub fn review(
        &self,
        state: &mut DocumentReview,
        doc: &Document,
        name: &str,
        when: JudgeWhen,
    ) -> Review {
        let skipped = self.skip(doc.text());
        let excluded =
            !state.ignore_exclude && state.path.as_deref().is_some_and(|p| self.is_excluded(p));
        let (raw, units) = match state.kind {
            _ if skipped.is_some() || excluded => (Vec::new(), Vec::new()),
            DocumentKind::Code => {
                if state.placed_by != self.placement {
                    let mut context = self.context(state.path.as_deref(), doc.text());
                    context.reviewed |= state.review_out_of_scope;
                    if let Some(profile) = state.profile {
                        context.profile = profile;
                        context.profile_reason = "chosen by the caller".to_owned();
                    }
                    state.analysis.set_context(context);
                    state.placed_by = self.placement;
                }
                state.analysis.update(&self.engine, doc);
                (state.analysis.findings(), state.analysis.units().to_vec())
            }
            DocumentKind::Instructions => match state.path.as_deref() {
                // The judge reads an instruction file whole, as one unit.
                Some(path) => (
                    self.engine.analyze_text_file(path, doc.text()),
                    vec![whole_file_unit(doc)],
                ),
                None => (Vec::new(), Vec::new()),
            },
            DocumentKind::Other => (Vec::new(), Vec::new()),
        };
        // Answers about units that are gone, or changed, no longer apply.
        state
            .asked
            .retain(|id, hash| units.iter().any(|u| u.id == *id && u.hash == *hash));
        state.llm.retain(|id, _| units.iter().any(|u| u.id == *id));
        let judging = self.settings.llm.is_enabled() && !units.is_empty();
        let merged = if judging {
            merge_verdicts(
                doc,
                &units,
                raw.clone(),
                &state.llm,
                &self.constitution_docs(),
            )
        } else {
            raw.clone()
        };
        let mut findings = finalize(doc, merged, &self.settings.analysis, today());
        apply_sandbox_verdicts(&units, &mut findings, &state.sandbox);
        // What the team accepted here and what the sandbox confirmed go into the judge's
        // knowledge base, replacing what this file taught before.
        if judging && let Some(path) = &state.path {
            let (accepted, confirmed) = taught_examples(doc, &raw, &findings, today());
            let name = self.judge_path(Some(path), name);
            let knowledge = self.knowledge();
            knowledge.replace(&format!("accepted:{name}"), accepted);
            knowledge.replace(&format!("confirmed:{name}"), confirmed);
        }
        state.last = judging.then(|| Reviewed {
            doc: doc.clone(),
            units: units.clone(),
            raw,
        });
        let judge = self.judge_due(state, name, when);
        Review {
            findings,
            units,
            judge,
            skipped,
        }
    }

    /// The judge requests due now for the last reviewed text, marking them handed out.
    /// Cheap: the editor calls it again when the next unit falls due, or on a save.
    pub fn judge_due(&self, state: &mut DocumentReview, name: &str, when: JudgeWhen) -> JudgeDue {
        let Some(last) = &state.last else {
            return JudgeDue::default();
        };
        if matches!(when, JudgeWhen::Never) || !self.settings.llm.is_enabled() {
            return JudgeDue::default();
        }
        let path = self.judge_path(state.path.as_deref(), name);
        let now = match when {
            JudgeWhen::Settled { now, .. } => now,
            _ => Instant::now(),
        };
        let mut seen = HashMap::with_capacity(last.units.len());
        let mut due = JudgeDue::default();
        for (index, unit) in last.units.iter().enumerate() {
            let since = match state.seen.get(&unit.id) {
                Some((hash, since)) if *hash == unit.hash => *since,
                _ => now,
            };
            seen.insert(unit.id.clone(), (unit.hash, since));
            let judged = state.llm.get(&unit.id).is_some_and(|v| v.hash == unit.hash);
            if judged || state.asked.get(&unit.id) == Some(&unit.hash) {
                continue;
            }
            if let JudgeWhen::Settled { idle, flush, .. } = when {
                if has_parse_errors(&last.doc, &last.units, index) {
                    // Being typed: asked once it parses (its text, so its hash, changes).
                    continue;
                }
                let ready = since + idle;
                if !flush && now < ready {
                    due.next_due = Some(due.next_due.map_or(ready, |t: Instant| t.min(ready)));
                    continue;
                }
            }
            let Some((request, elided)) = (match state.kind {
                DocumentKind::Instructions => Some((
                    instruction_file_request(&last.doc, unit, &path, &last.raw),
                    false,
                )),
                _ => unit_request(&last.doc, &last.units, index, &path, &last.raw),
            }) else {
                continue;
            };
            state.asked.insert(unit.id.clone(), unit.hash);
            due.jobs.push(JudgeJob {
                ticket: JudgeTicket {
                    unit: unit.id.clone(),
                    hash: unit.hash,
                    start_line: request.unit.start_line,
                    elided,
                },
                request,
            });
        }
        state.seen = seen;
        due
    }

    /// The sandbox run that verifies the function unit holding `line` (0-based) of
    /// `doc`, with a hint (the finding's CWE) when there is one.
    pub fn sandbox_job(
        &self,
        doc: &Document,
        path: &Path,
        line: u32,
        hint: Option<String>,
    ) -> Result<SandboxJob, String> {
        let request = verify_request(doc, path, line, hint)?;
        let unit = unit_at_line(doc, line).ok_or_else(|| {
            format!(
                "line {} is not inside a function: the harness verifies a function by calling it",
                line + 1
            )
        })?;
        Ok(SandboxJob {
            ticket: SandboxTicket {
                unit: unit.id,
                hash: unit.hash,
            },
            request,
        })
    }
}

/// Folds the recorded sandbox verdicts into the findings of units that did not change.
fn apply_sandbox_verdicts(
    units: &[Unit],
    findings: &mut [Finding],
    verdicts: &HashMap<UnitId, SandboxRecord>,
) {
    for (id, record) in verdicts {
        let Some(unit) = units.iter().find(|u| u.id == *id && u.hash == record.hash) else {
            continue;
        };
        for finding in findings
            .iter_mut()
            .filter(|f| unit.range.contains(&f.range.start))
        {
            apply_verification(finding, &record.report);
        }
    }
}

/// An AI instruction file as the one unit the judge reads: the whole text, hashed so a
/// verdict stays valid while the file is unchanged.
fn whole_file_unit(doc: &Document) -> Unit {
    use std::hash::{Hash, Hasher};
    let all = 0..doc.text().len();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    doc.text().hash(&mut hasher);
    Unit {
        id: UnitId::from("module"),
        kind: UnitKind::Module,
        range: all.clone(),
        own_ranges: vec![all],
        parent: None,
        hash: hasher.finish(),
    }
}

/// The judge request for a whole instruction file: retrieved against the `instruction`
/// constitutions, with the static findings to confirm or dispute.
fn instruction_file_request(
    doc: &Document,
    unit: &Unit,
    path: &str,
    findings: &[Finding],
) -> JudgeRequest {
    JudgeRequest {
        unit: UnitInput::instruction_file(path, doc.text()),
        static_findings: static_findings(doc, unit, findings),
        cancel: None,
    }
}

#[cfg(test)]
mod tests {
    use bluecode_analysis::syntax::Language;
    use bluecode_llm::{LlmSettings, LlmVerdict, Verdict};

    use super::*;

    const APP: &str = "import os\n\n\ndef a(x):\n    return os.path.join(x, 'a')\n\n\ndef b(x):\n    return x + 1\n";

    fn workspace() -> Workspace {
        let (set, errors) = Workspace::load_constitutions(None);
        assert!(errors.is_empty(), "{errors:?}");
        let settings = WorkspaceSettings {
            llm: LlmSettings {
                base_url: Some("http://127.0.0.1:9/v1".into()),
                model: Some("m".into()),
                ..LlmSettings::default()
            },
            ..WorkspaceSettings::default()
        };
        Workspace::open(
            Some(PathBuf::from("/w")),
            settings,
            Engine::new(Arc::new(set)),
        )
    }

    fn doc(text: &str) -> Document {
        Document::new(Some(Language::Python), text.to_owned())
    }

    fn settled(now: Instant, flush: bool) -> JudgeWhen {
        JudgeWhen::Settled {
            idle: Duration::from_millis(1_500),
            now,
            flush,
        }
    }

    fn units_of(due: &JudgeDue) -> Vec<String> {
        let mut ids: Vec<String> = due.jobs.iter().map(|j| j.ticket.unit.to_string()).collect();
        ids.sort();
        ids
    }

    fn safe() -> LlmVerdict {
        LlmVerdict {
            verdict: Verdict::Safe,
            findings: Vec::new(),
            disputes: Vec::new(),
            partial: false,
        }
    }

    #[test]
    fn a_unit_waits_for_a_pause_and_is_asked_once() {
        let ws = workspace();
        let mut state = DocumentReview::new(Some("/w/app.py".into()), DocumentKind::Code);
        let t0 = Instant::now();
        let review = ws.review(&mut state, &doc(APP), "app.py", settled(t0, false));
        assert!(review.judge.jobs.is_empty(), "nothing before the pause");
        assert_eq!(
            review.judge.next_due,
            Some(t0 + Duration::from_millis(1_500))
        );

        let later = t0 + Duration::from_secs(2);
        let due = ws.judge_due(&mut state, "app.py", settled(later, false));
        assert_eq!(units_of(&due), ["a", "b", "module"]);
        assert_eq!(
            due.jobs[0].request.unit.path, "app.py",
            "relative to the root"
        );
        let again = ws.judge_due(&mut state, "app.py", settled(later, false));
        assert!(again.jobs.is_empty(), "handed out once");
        for job in &due.jobs {
            assert!(state.record_llm(&job.ticket, Some(safe())));
        }

        // An edit of `b`: only `b`, only after its own pause.
        let edited = APP.replace("x + 1", "x + 2");
        let t1 = later + Duration::from_secs(1);
        let review = ws.review(&mut state, &doc(&edited), "app.py", settled(t1, false));
        assert!(review.judge.jobs.is_empty());
        let due = ws.judge_due(
            &mut state,
            "app.py",
            settled(t1 + Duration::from_secs(2), false),
        );
        assert_eq!(units_of(&due), ["b"]);
        // An answer for the text before the edit is dropped.
        let stale = JudgeTicket {
            hash: due.jobs[0].ticket.hash ^ 1,
            ..due.jobs[0].ticket.clone()
        };
        assert!(!state.record_llm(&stale, Some(safe())));
    }

    #[test]
    fn a_unit_that_does_not_parse_waits_and_a_save_waives_the_pause() {
        let ws = workspace();
        let mut state = DocumentReview::new(Some("/w/app.py".into()), DocumentKind::Code);
        let t0 = Instant::now();
        let broken = APP.replace("return x + 1", "return x +");
        ws.review(&mut state, &doc(&broken), "app.py", settled(t0, true));
        let due = ws.judge_due(
            &mut state,
            "app.py",
            settled(t0 + Duration::from_secs(5), true),
        );
        assert!(
            due.jobs.iter().all(|j| j.ticket.unit != "b"),
            "b is being typed: {:?}",
            units_of(&due)
        );
        let fixed = ws.review(&mut state, &doc(APP), "app.py", settled(t0, true));
        assert!(
            fixed.judge.jobs.iter().any(|j| j.ticket.unit == "b"),
            "a save sends at once: {:?}",
            units_of(&fixed.judge)
        );
    }

    #[test]
    fn the_cli_asks_about_every_unit_and_excluded_files_are_not_reviewed() {
        let ws = workspace();
        let mut state = DocumentReview::new(Some("/w/app.py".into()), DocumentKind::Code);
        let review = ws.review(&mut state, &doc(APP), "app.py", JudgeWhen::Always);
        assert_eq!(units_of(&review.judge), ["a", "b", "module"]);
        let module = review
            .judge
            .jobs
            .iter()
            .find(|j| j.ticket.unit.is_module())
            .expect("module");
        assert!(
            module.ticket.elided,
            "the module is sent without its functions"
        );

        let mut settings = ws.settings().clone();
        settings.exclude = {
            let mut b = globset::GlobSetBuilder::new();
            b.add(globset::Glob::new("vendor/**").expect("glob"));
            b.build().expect("set")
        };
        let excluding = Workspace::open(Some(PathBuf::from("/w")), settings, ws.engine().clone());
        let mut vendored = DocumentReview::new(Some("/w/vendor/app.py".into()), DocumentKind::Code);
        let review = excluding.review(&mut vendored, &doc(APP), "x", JudgeWhen::Always);
        assert!(review.units.is_empty() && review.judge.jobs.is_empty());
        let mut named = DocumentReview::new(Some("/w/vendor/app.py".into()), DocumentKind::Code)
            .ignoring_exclude();
        assert!(
            !excluding
                .review(&mut named, &doc(APP), "x", JudgeWhen::Never)
                .units
                .is_empty()
        );
    }
}
