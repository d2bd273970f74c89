//! `bluecode.show = "new"`: findings that were already in the file at the merge base of
//! `bluecode.newSince` (default `HEAD`) and `HEAD` are shown as hints — out of the
//! Problems panel, still on hover — so that only new findings stand out. The file at that
//! commit is read with the git command line and reviewed once (static layers, the same
//! workspace), its findings' fingerprints kept until the file is saved or the settings
//! change; each review then matches its findings against them by fingerprint (the review
//! core's `baseline` module), not by line. A file outside git, or unsaved, shows all.

use std::path::Path;

use bluecode_analysis::Finding;
use bluecode_analysis::constitutions::Severity;
use bluecode_syntax::Document;
use bluecode_workspace::baseline::{BaselineKey, BaselineState, fingerprints, git, match_baseline};
use bluecode_workspace::settings::Show;
use bluecode_workspace::{DocumentKind, DocumentReview, JudgeWhen, Workspace};

/// One document's baseline, kept between reviews.
#[derive(Default)]
pub struct NewOnly {
    cached: Option<Cached>,
}

struct Cached {
    /// The workspace generation and the ref it was computed for.
    key: (u64, String),
    /// The fingerprints of the file's findings at the commit, or why there are none.
    baseline: Result<Vec<BaselineKey>, String>,
}

impl NewOnly {
    /// Forgets the baseline (the file was saved: a commit may have moved `HEAD`).
    pub fn invalidate(&mut self) {
        self.cached = None;
    }

    /// Lowers findings of `doc` that are not new to hints, when `show = "new"`.
    pub fn apply(
        &mut self,
        workspace: &Workspace,
        path: Option<&Path>,
        kind: DocumentKind,
        doc: &Document,
        findings: &mut [Finding],
    ) {
        let show = &workspace.settings().show;
        if show.show != Show::New {
            self.cached = None;
            return;
        }
        let Some(path) = path else { return };
        let key = (workspace.generation(), show.new_since.clone());
        if self.cached.as_ref().is_none_or(|c| c.key != key) {
            let baseline = baseline_at(workspace, path, kind, doc, &show.new_since);
            if let Err(why) = &baseline {
                tracing::warn!(path = %path.display(), "bluecode.show = \"new\": showing all findings: {why}");
            }
            self.cached = Some(Cached { key, baseline });
        }
        let Some(Ok(baseline)) = self.cached.as_ref().map(|c| &c.baseline) else {
            return;
        };
        let current: Vec<BaselineKey> = fingerprints(doc, findings)
            .into_iter()
            .map(|fingerprint| BaselineKey {
                path: String::new(),
                fingerprint,
            })
            .collect();
        let matched = match_baseline(baseline, &current);
        for (finding, state) in findings.iter_mut().zip(matched.states) {
            if state == BaselineState::New {
                continue;
            }
            finding.severity = Severity::Hint;
            let since = format!(
                "Unchanged since {} (bluecode.show = \"new\").",
                show.new_since
            );
            finding.note = Some(match finding.note.take() {
                Some(note) => format!("{since} {note}"),
                None => since,
            });
        }
    }
}

/// The fingerprints of the findings of the file at `path` as it was at the merge base of
/// `reference` and `HEAD`; none when it did not exist there.
fn baseline_at(
    workspace: &Workspace,
    path: &Path,
    kind: DocumentKind,
    doc: &Document,
    reference: &str,
) -> Result<Vec<BaselineKey>, String> {
    let folder = path.parent().ok_or("no folder")?;
    let repo = git::repo_root(folder).map_err(|e| e.to_string())?;
    let repo = std::fs::canonicalize(&repo).unwrap_or(repo);
    let base = git::merge_base(&repo, reference).map_err(|e| e.to_string())?;
    let relative = git::relative_to(&repo, path).ok_or("the file is not in the repository")?;
    let mut texts = git::read_at(&repo, &base, &[relative]).map_err(|e| e.to_string())?;
    let Some(Some(text)) = texts.pop() else {
        return Ok(Vec::new());
    };
    let old = Document::new(doc.language(), text);
    let mut state = DocumentReview::new(Some(path.to_owned()), kind);
    let name = path.display().to_string();
    let findings = workspace
        .review(&mut state, &old, &name, JudgeWhen::Never)
        .findings;
    Ok(fingerprints(&old, &findings)
        .into_iter()
        .map(|fingerprint| BaselineKey {
            path: String::new(),
            fingerprint,
        })
        .collect())
}
