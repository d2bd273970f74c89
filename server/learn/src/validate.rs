//! The checks every learned constitution must pass before it is written, each reported
//! as passed, failed (with why) or not run: the TOML loads; its queries compile; every
//! unsafe example is flagged; no safe example is; the examples' mutations (see
//! [`crate::mutate`]) are treated like their originals; and the rule raises at most K
//! findings on the workspace's own code (reported for review, never silently accepted).

use std::path::PathBuf;
use std::sync::Arc;

use bluecode_analysis::{Engine, Finding};
use bluecode_constitutions::{ConstitutionSet, ExampleKind, Origin};
use bluecode_syntax::{Document, Language};

use crate::inputs::LabelledExample;
use crate::redteam::{MutationReport, check_example};

/// One check's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub name: &'static str,
    /// `None`: not run (an earlier check failed, or nothing to run it on).
    pub passed: Option<bool>,
    pub detail: String,
}

/// The workspace code the K-findings check runs over.
#[derive(Debug, Clone, Default)]
pub struct WorkspaceCode {
    pub files: Vec<(PathBuf, Language, String)>,
    pub max_findings: usize,
}

impl WorkspaceCode {
    /// The source files under `root` (honouring .gitignore) in `languages`, at most
    /// `limit` of them.
    pub fn collect(
        root: &std::path::Path,
        languages: &[Language],
        limit: usize,
        max_findings: usize,
    ) -> WorkspaceCode {
        let mut files = Vec::new();
        for entry in ignore::WalkBuilder::new(root).build().flatten() {
            if files.len() >= limit {
                break;
            }
            let path = entry.path();
            let Some(language) = Language::from_path(path) else {
                continue;
            };
            if !languages
                .iter()
                .any(|l| l.rule_languages().contains(&language) || *l == language)
            {
                continue;
            }
            if let Ok(text) = std::fs::read_to_string(path) {
                files.push((path.to_owned(), language, text));
            }
        }
        WorkspaceCode {
            files,
            max_findings,
        }
    }
}

/// All checks of one draft, and what the rule did on each example.
#[derive(Debug, Clone, Default)]
pub struct Validation {
    pub checks: Vec<Check>,
    /// Per example (in input order): the rule's findings on it.
    pub hits: Vec<Vec<Finding>>,
    pub mutations: MutationReport,
    pub workspace_findings: Vec<(PathBuf, Finding)>,
}

impl Validation {
    /// Every check that ran passed, and the core ones ran.
    pub fn passed(&self) -> bool {
        self.checks.iter().all(|c| c.passed != Some(false))
            && self.checks.iter().take(4).all(|c| c.passed == Some(true))
    }

    /// Passed apart from the mutations and the workspace bound.
    pub fn core_passed(&self) -> bool {
        self.checks.iter().take(4).all(|c| c.passed == Some(true))
    }

    fn check(&mut self, name: &'static str, passed: Option<bool>, detail: impl Into<String>) {
        self.checks.push(Check {
            name,
            passed,
            detail: detail.into(),
        });
    }

    /// The failed checks as lines, for a user or for the model's next round.
    pub fn problems(&self) -> Vec<String> {
        self.checks
            .iter()
            .filter(|c| c.passed == Some(false))
            .map(|c| format!("{}: {}", c.name, c.detail))
            .collect()
    }
}

/// Runs every check on `toml` (one constitution whose id is `id`).
pub fn validate(
    toml: &str,
    id: &str,
    examples: &[LabelledExample],
    workspace: Option<&WorkspaceCode>,
) -> Validation {
    let mut v = Validation::default();
    let loaded = match load(toml) {
        Ok(loaded) => loaded,
        Err(detail) => {
            v.check("loads", Some(false), detail);
            return v;
        }
    };
    let (set, errors) = loaded;
    let (query_errors, other_errors): (Vec<String>, Vec<String>) = errors
        .into_iter()
        .partition(|e| e.contains("query") || e.contains("compile"));
    let Some(constitution) = set
        .constitutions()
        .iter()
        .find(|c| c.id == id && matches!(c.origin, Origin::Workspace(_)))
        .cloned()
    else {
        let mut detail = other_errors.join("; ");
        if detail.is_empty() {
            detail = format!("no constitution with id `{id}` in the draft");
        }
        v.check("loads", Some(false), detail);
        if !query_errors.is_empty() {
            v.check("queries compile", Some(false), query_errors.join("; "));
        }
        return v;
    };
    v.check(
        "loads",
        Some(other_errors.is_empty()),
        other_errors.join("; "),
    );
    v.check(
        "queries compile",
        Some(query_errors.is_empty()),
        query_errors.join("; "),
    );
    let engine = Engine::new(Arc::new(set));
    let findings_on = |language: Language, code: &str| -> Vec<Finding> {
        let doc = Document::new(Some(language), code.to_owned());
        engine
            .analyze_document(&doc)
            .into_iter()
            .filter(|f| f.rule_id == id)
            .collect()
    };
    v.hits = examples
        .iter()
        .map(|e| findings_on(e.language, &e.code))
        .collect();
    let missed: Vec<String> = examples
        .iter()
        .zip(&v.hits)
        .filter(|(e, h)| e.kind == ExampleKind::Unsafe && h.is_empty())
        .map(|(e, _)| e.origin.display().to_string())
        .collect();
    let flagged: Vec<String> = examples
        .iter()
        .zip(&v.hits)
        .filter(|(e, h)| e.kind == ExampleKind::Safe && !h.is_empty())
        .map(|(e, _)| e.origin.display().to_string())
        .collect();
    let unsafe_count = examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Unsafe)
        .count();
    v.check(
        "every unsafe example matches",
        Some(missed.is_empty()),
        if missed.is_empty() {
            format!("{unsafe_count} matched")
        } else {
            format!("not matched: {}", missed.join(", "))
        },
    );
    v.check(
        "no safe example matches",
        Some(flagged.is_empty()),
        if flagged.is_empty() {
            "none matched".to_owned()
        } else {
            format!("matched: {}", flagged.join(", "))
        },
    );
    for (i, e) in examples.iter().enumerate() {
        check_example(
            &engine,
            &constitution,
            e.kind,
            e.language,
            &e.code,
            i + 1,
            &mut v.mutations,
        );
    }
    let total = v.mutations.total();
    let mutations_ran = total.unsafe_variants + total.safe_variants > 0;
    v.check(
        "survives the mutations",
        mutations_ran.then_some(total.missed == 0 && total.flagged == 0),
        format!(
            "missed {}/{} unsafe variants ({}), flagged {}/{} safe variants ({})",
            total.missed,
            total.unsafe_variants,
            v.mutations.escaped(ExampleKind::Unsafe),
            total.flagged,
            total.safe_variants,
            v.mutations.escaped(ExampleKind::Safe),
        ),
    );
    match workspace {
        Some(code) => {
            for (path, language, text) in &code.files {
                for f in findings_on(*language, text) {
                    v.workspace_findings.push((path.clone(), f));
                }
            }
            let n = v.workspace_findings.len();
            v.check(
                "at most K findings on the workspace",
                Some(n <= code.max_findings),
                format!(
                    "{n} findings in {} files (K = {})",
                    code.files.len(),
                    code.max_findings
                ),
            );
        }
        None => v.check(
            "at most K findings on the workspace",
            None,
            "no workspace given",
        ),
    }
    v
}

/// Loads the draft beside the built-ins; the errors that concern it, as text.
fn load(toml: &str) -> Result<(ConstitutionSet, Vec<String>), String> {
    let dir = tempfile::tempdir().map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    let path = dir.path().join("learned.toml");
    std::fs::write(&path, toml).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let (set, errors) = ConstitutionSet::load(&[dir.path().to_owned()]);
    let errors = errors
        .iter()
        .map(|e| {
            e.to_string()
                .replace(&dir.path().display().to_string(), "draft")
        })
        .collect();
    Ok((set, errors))
}
