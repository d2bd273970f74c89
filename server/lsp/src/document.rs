//! One open document as the server holds it: the text and tree (kept in step with the
//! editor, edits applied strictly in version order), what kind of file it is, whether it
//! is skipped (too large, or binary: the review core's skip rules), the channel to its
//! scheduler and its latest analysis result. Its review state (unit cache, verdicts)
//! lives in its scheduler, which alone changes it.
//!
//! tower-lsp may run notification handlers concurrently, so a change can arrive before
//! the one it follows; such a change waits here until the gap fills (or, for clients
//! that skip version numbers, until [`DocState::flush_gap`] gives up waiting).

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use bluecode_analysis::{Finding, is_instruction_file};
use bluecode_syntax::{Document, Language, PositionEncoding, TextChange, UnitId};
use bluecode_workspace::llm::JudgeOutcome;
use bluecode_workspace::sandbox::VerifyReport;
use bluecode_workspace::{JudgeTicket, SandboxRecord, SandboxTicket, Skip};
use tokio::sync::{mpsc, watch};
use tower_lsp_server::UriExt;
use tower_lsp_server::lsp_types::{Diagnostic, TextDocumentContentChangeEvent, Uri};

use crate::convert;

/// What a document's scheduler is told. Handlers, the session and finished LLM tasks
/// send; only the scheduler receives (and changes the review state).
#[derive(Debug)]
pub enum Event {
    /// The text or the settings changed: review again after the debounce.
    Changed,
    /// The file was saved: the judge's wait for a pause is waived.
    Saved,
    /// The judge answered (or gave up on, or dropped) a request.
    Judged {
        ticket: JudgeTicket,
        outcome: JudgeOutcome,
    },
    /// The sandbox gave a verdict on a function unit.
    Verified {
        ticket: SandboxTicket,
        report: VerifyReport,
    },
    /// The judge was replaced (other settings): its verdicts no longer apply.
    JudgeReplaced,
    /// The user asked to review this test, vendored or generated file with every rule.
    ReviewOutOfScope,
    /// What the workspace index says about the document changed (an edit elsewhere).
    IndexChanged,
}

/// What the server does with a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocKind {
    /// Source code: parsed and analysed unit by unit.
    Code(Language),
    /// An AI instruction file (AGENTS.md, .cursorrules…): scanned as text.
    Instruction(PathBuf),
    /// Anything else: tracked, not analysed.
    Other,
}

/// The result of one analysis, for one version.
#[derive(Debug)]
pub struct Analysed {
    pub version: i32,
    /// What is shown: static findings with LLM verdicts merged, suppressions and filters
    /// applied, sandbox verdicts folded in.
    pub findings: Vec<Finding>,
    pub diagnostics: Vec<Diagnostic>,
    /// The sandbox verdicts recorded when this was published, by unit (a re-verify of
    /// an unchanged unit answers from here).
    pub sandbox: Arc<HashMap<UnitId, SandboxRecord>>,
    /// The threat model the code was reviewed in ("application: Flask in
    /// pyproject.toml"), for the hover; `None` for instruction and other files.
    pub threat_model: Option<String>,
}

/// What a `didChange` did.
#[derive(Debug, PartialEq, Eq)]
pub enum ChangeOutcome {
    /// Applied (with any buffered changes it unblocked).
    Applied,
    /// Ahead of the current version: kept until the versions in between arrive.
    Buffered,
    /// Not newer than the current version: ignored.
    Stale,
}

pub struct DocState {
    /// Distinguishes this opening from a later one of the same URI.
    pub generation: u64,
    pub version: i32,
    pub kind: DocKind,
    pub path: Option<PathBuf>,
    pub doc: Document,
    /// Why the document is not analysed (too large, binary), if it is not.
    pub skipped: Option<Skip>,
    pending: BTreeMap<i32, Vec<TextDocumentContentChangeEvent>>,
    pub results: watch::Sender<Option<Arc<Analysed>>>,
    /// To the document's scheduler; dropping it (the document closed) ends the scheduler.
    events: mpsc::UnboundedSender<Event>,
}

impl DocState {
    /// The document as opened, and the receiving end of its scheduler's channel.
    pub fn open(
        generation: u64,
        uri: &Uri,
        language_id: &str,
        version: i32,
        text: String,
        max_file_size: u64,
    ) -> (DocState, mpsc::UnboundedReceiver<Event>) {
        let path = uri.to_file_path().map(|p| p.into_owned());
        let kind = match &path {
            Some(p) if is_instruction_file(p) => DocKind::Instruction(p.clone()),
            _ => match Language::from_language_id(language_id)
                .or_else(|| path.as_deref().and_then(Language::from_path))
            {
                Some(language) => DocKind::Code(language),
                None => DocKind::Other,
            },
        };
        let skipped = Skip::of_text(&text, max_file_size);
        let language = match (&kind, &skipped) {
            (DocKind::Code(language), None) => Some(*language),
            _ => None,
        };
        let (events, receiver) = mpsc::unbounded_channel();
        let state = DocState {
            generation,
            version,
            kind,
            path,
            doc: Document::new(language, text),
            skipped,
            pending: BTreeMap::new(),
            results: watch::Sender::new(None),
            events,
        };
        (state, receiver)
    }

    /// Tells the document's scheduler; a scheduler that has ended (it cannot, while the
    /// document is open) is not an error.
    pub fn notify(&self, event: Event) {
        let _ = self.events.send(event);
    }

    /// A sender for the judge's tasks: it does not keep the scheduler alive.
    pub fn mailbox(&self) -> mpsc::WeakUnboundedSender<Event> {
        self.events.downgrade()
    }

    /// The review core's kind of this document.
    pub fn review_kind(&self) -> bluecode_workspace::DocumentKind {
        match self.kind {
            DocKind::Code(_) => bluecode_workspace::DocumentKind::Code,
            DocKind::Instruction(_) => bluecode_workspace::DocumentKind::Instructions,
            DocKind::Other => bluecode_workspace::DocumentKind::Other,
        }
    }

    /// The language the document is parsed as while it is analysed.
    fn parse_language(&self) -> Option<Language> {
        match self.kind {
            DocKind::Code(language) if self.skipped.is_none() => Some(language),
            _ => None,
        }
    }

    /// Applies `changes` of `version` in order, or buffers them until the versions in
    /// between arrive.
    pub fn change(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: PositionEncoding,
    ) -> ChangeOutcome {
        if version <= self.version {
            return ChangeOutcome::Stale;
        }
        if version != self.version.saturating_add(1) {
            self.pending.insert(version, changes);
            return ChangeOutcome::Buffered;
        }
        self.apply(version, changes, encoding);
        while let Some(changes) = self.pending.remove(&self.version.saturating_add(1)) {
            let next = self.version.saturating_add(1);
            self.apply(next, changes, encoding);
        }
        ChangeOutcome::Applied
    }

    /// The newest version the client has sent, buffered or applied: what a pull for
    /// diagnostics must wait for.
    pub fn latest_version(&self) -> i32 {
        self.pending
            .keys()
            .next_back()
            .map_or(self.version, |&v| v.max(self.version))
    }

    /// Whether changes are waiting for a version that has not arrived.
    pub fn has_gap(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Applies every buffered change in version order, giving up on the missing
    /// versions. Returns whether anything was applied.
    pub fn flush_gap(&mut self, encoding: PositionEncoding) -> bool {
        let pending = std::mem::take(&mut self.pending);
        let applied = !pending.is_empty();
        for (version, changes) in pending {
            self.apply(version, changes, encoding);
        }
        applied
    }

    fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: PositionEncoding,
    ) {
        for change in changes {
            // Each range is read against the text as the previous change left it.
            let range = change
                .range
                .map(|r| convert::byte_range(&self.doc, r, encoding));
            self.doc.apply(TextChange {
                range,
                text: change.text,
            });
        }
        self.doc.reparse();
        self.version = version;
    }

    /// Re-checks the skip rules after a change of text or settings. Returns a message
    /// for the log when the document starts or stops being skipped.
    pub fn refresh_skip(&mut self, max_file_size: u64) -> Option<String> {
        let reason = Skip::of_text(self.doc.text(), max_file_size);
        let was_skipped = self.skipped.is_some();
        let message = match (&reason, was_skipped) {
            (Some(reason), false) => Some(format!("not analysed: {reason}")),
            (None, true) => Some("analysed again: within the limits".to_owned()),
            _ => None,
        };
        self.skipped = reason;
        if message.is_some() {
            // Parse (or stop parsing) from scratch: the tree must match the decision.
            let text = self.doc.text().to_owned();
            self.doc = Document::new(self.parse_language(), text);
        }
        message
    }
}

#[cfg(test)]
mod tests {
    use tower_lsp_server::lsp_types::{Position, Range};

    use super::*;

    fn state(text: &str) -> DocState {
        let uri: Uri = "file:///w/a.py".parse().unwrap();
        DocState::open(1, &uri, "python", 1, text.to_owned(), 1_000).0
    }

    fn insert(line: u32, col: u32, text: &str) -> Vec<TextDocumentContentChangeEvent> {
        let at = Position::new(line, col);
        vec![TextDocumentContentChangeEvent {
            range: Some(Range::new(at, at)),
            range_length: None,
            text: text.to_owned(),
        }]
    }

    #[test]
    fn out_of_order_changes_wait_for_the_gap_to_fill() {
        let mut s = state("x\n");
        let utf16 = PositionEncoding::Utf16;
        assert_eq!(
            s.change(3, insert(0, 2, "c"), utf16),
            ChangeOutcome::Buffered
        );
        assert_eq!(s.doc.text(), "x\n");
        assert_eq!(
            s.change(2, insert(0, 1, "b"), utf16),
            ChangeOutcome::Applied
        );
        assert_eq!(s.doc.text(), "xbc\n");
        assert_eq!(s.version, 3);
        assert_eq!(s.change(3, insert(0, 0, "!"), utf16), ChangeOutcome::Stale);
        assert!(!s.has_gap());
    }

    #[test]
    fn a_gap_that_never_fills_is_flushed_in_version_order() {
        let mut s = state("x\n");
        let utf16 = PositionEncoding::Utf16;
        s.change(7, insert(0, 2, "b"), utf16);
        s.change(5, insert(0, 1, "a"), utf16);
        assert!(s.has_gap());
        assert!(s.flush_gap(utf16));
        assert_eq!(s.doc.text(), "xab\n");
        assert_eq!(s.version, 7);
    }

    #[test]
    fn changes_in_one_notification_apply_in_sequence() {
        let mut s = state("é\n");
        let mut changes = insert(0, 1, "a");
        changes.extend(insert(0, 2, "b"));
        s.change(2, changes, PositionEncoding::Utf16);
        assert_eq!(s.doc.text(), "éab\n");
    }

    #[test]
    fn large_or_binary_text_is_skipped_and_resumes_when_it_shrinks() {
        let mut s = state(&"a".repeat(2_000));
        assert!(
            s.skipped
                .is_some_and(|r| r.to_string().contains("2000 bytes"))
        );
        assert!(s.doc.tree().is_none(), "a skipped file is not parsed");
        s.change(
            2,
            vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "import os\n".into(),
            }],
            PositionEncoding::Utf16,
        );
        assert!(s.refresh_skip(1_000).is_some());
        assert!(s.skipped.is_none());
        assert!(s.doc.tree().is_some());
        assert!(Skip::of_text("a\0b", 1_000).is_some_and(|r| r.to_string().contains("NUL")));
    }
}
