//! One document's review state, as the review core keeps it between reviews: its path and
//! kind, the per-unit analysis cache, the LLM verdicts and sandbox verdicts recorded by
//! unit hash, the judge requests handed out and since when each unit has been unchanged.
//! Answers are recorded here ([`DocumentReview::record_llm`],
//! [`DocumentReview::record_sandbox`]) and merged by the next [`crate::Workspace::review`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use bluecode_analysis::index::{DocumentFacts, FileEntry};
use bluecode_analysis::syntax::{Document, Unit, UnitId};
use bluecode_analysis::{DocumentAnalysis, Finding, IndexHooks, Profile, is_instruction_file};
use bluecode_llm::{JudgeOutcome, LlmVerdict};
use bluecode_sandbox::{Verdict, VerifyReport};

use crate::judge_view::LlmRecord;
use crate::review::{JudgeTicket, SandboxTicket};

/// What kind of file a document is, which decides how it is reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// Source code in a language bluecode parses: reviewed unit by unit.
    Code,
    /// An AI instruction file (AGENTS.md, .cursorrules…): scanned as text.
    Instructions,
    /// Anything else: nothing to review.
    Other,
}

impl DocumentKind {
    /// The kind of a file: instruction files by name, code when a language is known.
    pub fn of(path: Option<&Path>, has_language: bool) -> DocumentKind {
        match path {
            Some(p) if is_instruction_file(p) => DocumentKind::Instructions,
            _ if has_language => DocumentKind::Code,
            _ => DocumentKind::Other,
        }
    }
}

/// A sandbox verdict on one function unit, valid while the unit's hash is `hash`.
#[derive(Debug, Clone)]
pub struct SandboxRecord {
    pub hash: u64,
    pub report: VerifyReport,
}

/// The last reviewed text: what [`crate::Workspace::judge_due`] builds requests from.
#[derive(Debug, Clone)]
pub(crate) struct Reviewed {
    pub(crate) doc: Document,
    pub(crate) units: Vec<Unit>,
    /// Static findings before any merge: what the judge is sent.
    pub(crate) raw: Vec<Finding>,
}

/// One document's review state.
#[derive(Debug, Clone)]
pub struct DocumentReview {
    pub(crate) path: Option<PathBuf>,
    pub(crate) kind: DocumentKind,
    pub(crate) analysis: DocumentAnalysis,
    pub(crate) llm: HashMap<UnitId, LlmRecord>,
    /// Requests handed out and not answered, by the unit hash they were for.
    pub(crate) asked: HashMap<UnitId, u64>,
    /// Since when each unit has had its current hash.
    pub(crate) seen: HashMap<UnitId, (u64, Instant)>,
    pub(crate) sandbox: HashMap<UnitId, SandboxRecord>,
    pub(crate) last: Option<Reviewed>,
    pub(crate) ignore_exclude: bool,
    /// The user asked to review this file although its role (test, vendored,
    /// generated) keeps vulnerability and bias rules out of it by default.
    pub(crate) review_out_of_scope: bool,
    /// The placement (profile, role) the analysis holds was made by this workspace
    /// ([`crate::Workspace`]'s `placement`); 0: not placed yet. Placing reads the file
    /// system and the whole text, so it is done once per document and settings, not
    /// per keystroke.
    pub(crate) placed_by: u64,
    /// A threat-model profile the caller chose over the detected one (an agent's
    /// `review_code` with `profile`).
    pub(crate) profile: Option<Profile>,
    /// See [`DocumentReview::index_as`].
    pub(crate) index_path: Option<PathBuf>,
}

impl DocumentReview {
    /// A document at `path` (absolute; `None` for an unsaved buffer).
    pub fn new(path: Option<PathBuf>, kind: DocumentKind) -> DocumentReview {
        DocumentReview {
            path,
            kind,
            analysis: DocumentAnalysis::new(),
            llm: HashMap::new(),
            asked: HashMap::new(),
            seen: HashMap::new(),
            sandbox: HashMap::new(),
            last: None,
            ignore_exclude: false,
            review_out_of_scope: false,
            placed_by: 0,
            profile: None,
            index_path: None,
        }
    }

    /// Reviews the document in `profile`, whatever the project's manifest says.
    pub fn with_profile(mut self, profile: Profile) -> DocumentReview {
        self.profile = Some(profile);
        self.placed_by = 0;
        self
    }

    /// Reviews this file with every rule, whatever its role ("review this test file").
    pub fn review_out_of_scope(&mut self) {
        self.review_out_of_scope = true;
        self.placed_by = 0;
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The threat model and role the code was last reviewed in (a snippet's until then).
    pub fn context(&self) -> &bluecode_analysis::AnalysisContext {
        self.analysis.context()
    }

    /// Takes part in the workspace index: each review summarises the document's
    /// functions, and `facts` (what the index says about its units: callers' sources,
    /// callees' summaries) are consulted. A document without a path is not indexed.
    pub fn set_index(&mut self, facts: Option<std::sync::Arc<DocumentFacts>>) {
        let Some(path) = self.index_path.as_ref().or(self.path.as_ref()) else {
            return;
        };
        self.analysis.set_index(Some(IndexHooks {
            path: std::sync::Arc::from(path.as_path()),
            facts,
        }));
    }

    /// The path the index knows this document by, when it is not `path` as given (the
    /// server canonicalises paths so that the walk of the workspace and the editor's
    /// URIs agree).
    pub fn index_as(&mut self, path: PathBuf) {
        self.index_path = Some(path);
    }

    /// The document as the index records it, after a review of `doc`.
    pub fn index_entry(&self, doc: &Document) -> Option<FileEntry> {
        self.analysis.file_entry(doc)
    }

    /// Frees what the index never reads of the summaries kept for `doc`, for a document
    /// that is not edited again (see `DocumentAnalysis::compact_summaries`).
    pub fn compact_summaries(&mut self, doc: &Document) {
        self.analysis.compact_summaries(doc);
    }

    pub fn kind(&self) -> DocumentKind {
        self.kind
    }

    /// Records the judge's answer to a request; `None` when it gave up (the unit is not
    /// asked again until it changes). Returns `false` — and records nothing — when the
    /// unit changed since the request was handed out.
    pub fn record_llm(&mut self, ticket: &JudgeTicket, verdict: Option<LlmVerdict>) -> bool {
        if self.asked.get(&ticket.unit) != Some(&ticket.hash) {
            return false;
        }
        self.asked.remove(&ticket.unit);
        self.llm.insert(
            ticket.unit.clone(),
            LlmRecord {
                hash: ticket.hash,
                start_line: ticket.start_line,
                elided: ticket.elided,
                verdict,
            },
        );
        true
    }

    /// Records what the judge did with a request: a verdict; giving up or an excluded
    /// file as "asked, nothing to add"; a cancelled request is forgotten (it may be handed
    /// out again). Returns whether a verdict with something to merge was recorded.
    pub fn record_outcome(&mut self, ticket: &JudgeTicket, outcome: &JudgeOutcome) -> bool {
        match outcome {
            JudgeOutcome::Judged { verdict, .. } => self.record_llm(ticket, Some(verdict.clone())),
            JudgeOutcome::GaveUp { .. } | JudgeOutcome::Excluded => {
                self.record_llm(ticket, None);
                false
            }
            JudgeOutcome::Cancelled => {
                self.forget_request(ticket);
                false
            }
        }
    }

    /// Reviews the file even when the `exclude` globs match it (the CLI: a file named on
    /// the command line is always read, and discovery applied the globs already).
    pub fn ignoring_exclude(mut self) -> DocumentReview {
        self.ignore_exclude = true;
        self
    }

    /// Forgets a request that was not answered (cancelled), so it may be handed out again.
    pub fn forget_request(&mut self, ticket: &JudgeTicket) {
        if self.asked.get(&ticket.unit) == Some(&ticket.hash) {
            self.asked.remove(&ticket.unit);
        }
    }

    /// Forgets every LLM verdict and request (another model or endpoint).
    pub fn reset_llm(&mut self) {
        self.llm.clear();
        self.asked.clear();
    }

    /// The recorded verdicts, by unit.
    pub fn llm_verdicts(&self) -> &HashMap<UnitId, LlmRecord> {
        &self.llm
    }

    /// Records a sandbox verdict. Only a verdict (confirmed, not reproduced) is kept;
    /// an inconclusive run changes nothing. Returns whether it was recorded.
    pub fn record_sandbox(&mut self, ticket: &SandboxTicket, report: VerifyReport) -> bool {
        if matches!(report.verdict, Verdict::Inconclusive { .. }) {
            return false;
        }
        self.sandbox.insert(
            ticket.unit.clone(),
            SandboxRecord {
                hash: ticket.hash,
                report,
            },
        );
        true
    }

    /// The recorded verdict for a unit, if its hash is still `ticket.hash`.
    pub fn sandbox_verdict(&self, ticket: &SandboxTicket) -> Option<&VerifyReport> {
        self.sandbox
            .get(&ticket.unit)
            .filter(|r| r.hash == ticket.hash)
            .map(|r| &r.report)
    }

    /// Every recorded sandbox verdict, by unit.
    pub fn sandbox_verdicts(&self) -> &HashMap<UnitId, SandboxRecord> {
        &self.sandbox
    }
}
