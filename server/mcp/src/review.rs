//! `review_code` and `review_file`: a text through the review core as the CLI reviews a
//! file (every unit at once; the judge asked about every unit when it is configured and
//! its answers merged by a second review), and the findings as the tools return them —
//! 1-based lines and character columns, the constitution's fix hint, fingerprints — with
//! a short text summary for clients that show text only.

use std::fmt::Write;
use std::path::PathBuf;

use bluecode_analysis::syntax::{Document, Language};
use bluecode_analysis::{Finding, FindingSource, Profile};
use bluecode_workspace::baseline::fingerprints;
use bluecode_workspace::{DocumentKind, DocumentReview, JudgeWhen, Workspace};

use crate::context::Context;
use crate::params::{FindingOut, FixOut, ProfileParam, ReviewOut, TraceStepOut};

/// A text to review and what it is.
pub struct ReviewInput {
    pub text: String,
    pub language: Option<Language>,
    pub kind: DocumentKind,
    /// Where it is or will be (canonical, under the root); `None` for a snippet.
    pub path: Option<PathBuf>,
    /// How the judge names it.
    pub name: String,
    pub profile: Option<ProfileParam>,
}

fn profile(p: ProfileParam) -> Profile {
    match p {
        ProfileParam::Application => Profile::Application,
        ProfileParam::Library => Profile::Library,
        ProfileParam::Snippet => Profile::Snippet,
    }
}

/// One review of `doc` (run on a blocking thread: it is CPU work).
fn review_once(
    workspace: &Workspace,
    state: &mut DocumentReview,
    doc: &Document,
    name: &str,
    when: JudgeWhen,
) -> bluecode_workspace::Review {
    workspace.review(state, doc, name, when)
}

/// Reviews `input` and returns the findings as the tools give them.
pub async fn review(context: &Context, input: ReviewInput) -> ReviewOut {
    let workspace = context.workspace().clone();
    let judged = context.judge().is_some();
    let ReviewInput {
        text,
        language,
        kind,
        path,
        name,
        profile: chosen,
    } = input;
    let profile_label = match chosen {
        Some(p) => format!("{}: chosen by the caller", profile(p).name()),
        None => {
            let placed = workspace.context(path.as_deref(), &text);
            format!("{}: {}", placed.profile.name(), placed.profile_reason)
        }
    };
    let mut state = DocumentReview::new(path, kind).ignoring_exclude();
    if let Some(p) = chosen {
        state = state.with_profile(profile(p));
    }
    let doc = Document::new(language, text);
    let when = if judged {
        JudgeWhen::Always
    } else {
        JudgeWhen::Never
    };
    let first = {
        let (workspace, name) = (workspace.clone(), name.clone());
        tokio::task::spawn_blocking(move || {
            let review = review_once(&workspace, &mut state, &doc, &name, when);
            (state, doc, review)
        })
        .await
    };
    let (mut state, doc, review) = match first {
        Ok(done) => done,
        Err(e) => {
            tracing::error!("review failed: {e}");
            return ReviewOut {
                language: language_name(language, kind),
                profile: profile_label,
                llm: "off".into(),
                findings: Vec::new(),
            };
        }
    };
    let mut findings = review.findings;
    let mut llm = if judged { "judged" } else { "off" }.to_owned();
    if let Some(judge) = context.judge()
        && !review.judge.jobs.is_empty()
    {
        let jobs = review.judge.jobs;
        let outcomes = judge
            .judge_many(jobs.iter().map(|j| j.request.clone()).collect())
            .await;
        let mut recorded = 0;
        for (job, outcome) in jobs.iter().zip(&outcomes) {
            if state.record_outcome(&job.ticket, outcome) {
                recorded += 1;
            }
        }
        if recorded == 0 && !jobs.is_empty() {
            llm = "asked; no verdict to merge (see the server log)".into();
        }
        let again = {
            let doc = doc.clone();
            tokio::task::spawn_blocking(move || {
                workspace
                    .review(&mut state, &doc, &name, JudgeWhen::Never)
                    .findings
            })
            .await
        };
        if let Ok(merged) = again {
            findings = merged;
        }
    }
    let constitutions = context.workspace().engine().constitutions();
    let prints = fingerprints(&doc, &findings);
    ReviewOut {
        language: language_name(language, kind),
        profile: profile_label,
        llm,
        findings: findings
            .iter()
            .zip(prints)
            .map(|(f, print)| {
                let fix_hint = constitutions
                    .get(&f.rule_id)
                    .and_then(|c| c.fix_hint.clone());
                finding_out(&doc, f, fix_hint, print.finding)
            })
            .collect(),
    }
}

fn language_name(language: Option<Language>, kind: DocumentKind) -> String {
    match (kind, language) {
        (DocumentKind::Instructions, _) => "instructions".into(),
        (_, Some(l)) => l.name().into(),
        (_, None) => "unknown".into(),
    }
}

/// 1-based line and character column of a byte offset.
fn position(doc: &Document, offset: usize) -> (u32, u32) {
    let index = doc.line_index();
    let line = index.line_of(offset);
    let start = index.line_start(line);
    let column = doc
        .text()
        .get(start..offset.min(doc.text().len()))
        .map_or(0, |t| t.chars().count());
    (line + 1, column as u32 + 1)
}

fn finding_out(
    doc: &Document,
    f: &Finding,
    fix_hint: Option<String>,
    fingerprint: String,
) -> FindingOut {
    let (line, column) = position(doc, f.range.start);
    let (end_line, end_column) = position(doc, f.range.end);
    FindingOut {
        constitution_id: f.rule_id.clone(),
        title: f.title.clone(),
        cwe: f.cwe.iter().map(|c| format!("CWE-{c}")).collect(),
        severity: f.severity.name().into(),
        confidence: f.confidence.name().into(),
        category: f.category.name().into(),
        source: match f.source {
            FindingSource::Static => "static",
            FindingSource::Llm => "llm",
        }
        .into(),
        message: f.message.clone(),
        line,
        column,
        end_line,
        end_column,
        unit: f.unit_id.clone(),
        trace: f
            .trace
            .iter()
            .map(|s| {
                let (line, column) = position(doc, s.range.start);
                TraceStepOut {
                    line,
                    column,
                    label: s.label.clone(),
                }
            })
            .collect(),
        fix: f.fix.as_ref().map(|x| FixOut {
            title: x.title.clone(),
            replacement: x.replacement.clone(),
        }),
        fix_hint,
        note: f.note.clone(),
        fingerprint,
    }
}

/// The text a client that reads no structured content sees: one line per finding.
pub fn summary(out: &ReviewOut) -> String {
    let mut text = match out.findings.len() {
        0 => format!("No findings ({}, profile {}).", out.language, out.profile),
        n => format!(
            "{n} finding{} ({}, profile {}):",
            if n == 1 { "" } else { "s" },
            out.language,
            out.profile
        ),
    };
    for f in &out.findings {
        let _ = write!(
            text,
            "\n- line {}: {} [{}]{} {}",
            f.line,
            f.severity,
            f.constitution_id,
            f.cwe.first().map(|c| format!(" {c}")).unwrap_or_default(),
            f.message
        );
        if let Some(hint) = &f.fix_hint {
            let _ = write!(text, "\n  fix: {hint}");
        }
    }
    text
}
