//! The constitutions as the server shows them: `explain_constitution` (principle, fix,
//! examples), `list_constitutions` (filtered by language and category), the
//! `bluecode://constitution/{id}` resources (Markdown), and the text of the "secure this
//! change" prompt — the constitutions the change breaks, in full, then the other
//! error-level ones of its language by title.

use std::fmt::Write;

use bluecode_analysis::constitutions::{
    Category, Constitution, ConstitutionSet, ExampleKind, Severity,
};
use bluecode_analysis::syntax::Language;

use crate::params::{ConstitutionOut, ConstitutionSummary, ExampleOut, FindingOut};

pub const URI_PREFIX: &str = "bluecode://constitution/";
pub const URI_TEMPLATE: &str = "bluecode://constitution/{id}";

/// Other constitutions of the change's language the prompt names, beyond those it breaks.
const PROMPT_OTHERS: usize = 12;

pub fn uri(id: &str) -> String {
    format!("{URI_PREFIX}{id}")
}

fn cwes(c: &Constitution) -> Vec<String> {
    c.cwe.iter().map(|n| format!("CWE-{n}")).collect()
}

fn languages(c: &Constitution) -> Vec<String> {
    c.languages.iter().map(|l| l.name().to_owned()).collect()
}

fn example_kind(kind: ExampleKind) -> &'static str {
    match kind {
        ExampleKind::Unsafe => "unsafe",
        ExampleKind::Safe => "safe",
    }
}

pub fn explain(c: &Constitution) -> ConstitutionOut {
    ConstitutionOut {
        id: c.id.clone(),
        title: c.title.clone(),
        category: c.category.name().into(),
        cwe: cwes(c),
        severity: c.severity.name().into(),
        confidence: c.confidence.name().into(),
        languages: languages(c),
        principle: c.principle.trim().to_owned(),
        fix_hint: c.fix_hint.as_ref().map(|h| h.trim().to_owned()),
        examples: c
            .examples
            .iter()
            .map(|e| ExampleOut {
                kind: example_kind(e.kind).into(),
                language: e
                    .file
                    .clone()
                    .unwrap_or_else(|| e.language.name().to_owned()),
                code: e.code.clone(),
            })
            .collect(),
        resource: uri(&c.id),
    }
}

/// The category named `name`, if any.
pub fn category(name: &str) -> Option<Category> {
    [
        Category::Vulnerability,
        Category::Malicious,
        Category::Bias,
        Category::Instruction,
    ]
    .into_iter()
    .find(|c| c.name() == name)
}

pub fn list(
    set: &ConstitutionSet,
    language: Option<Language>,
    category: Option<Category>,
) -> Vec<ConstitutionSummary> {
    set.constitutions()
        .iter()
        .filter(|c| language.is_none_or(|l| c.languages.contains(&l)))
        .filter(|c| category.is_none_or(|k| c.category == k))
        .map(|c| ConstitutionSummary {
            id: c.id.clone(),
            title: c.title.clone(),
            category: c.category.name().into(),
            cwe: cwes(c),
            severity: c.severity.name().into(),
            languages: languages(c),
        })
        .collect()
}

/// A constitution as a Markdown document (the resource).
pub fn markdown(c: &Constitution) -> String {
    let mut out = format!("# {} — {}\n\n", c.id, c.title);
    let _ = writeln!(
        out,
        "Category: {} · severity: {} · confidence: {} · {} · languages: {}\n",
        c.category.name(),
        c.severity.name(),
        c.confidence.name(),
        if c.cwe.is_empty() {
            "no CWE".to_owned()
        } else {
            cwes(c).join(", ")
        },
        languages(c).join(", ")
    );
    let _ = writeln!(out, "## Principle\n\n{}\n", c.principle.trim());
    if let Some(hint) = &c.fix_hint {
        let _ = writeln!(out, "## Fix\n\n{}\n", hint.trim());
    }
    for e in &c.examples {
        let lang = e
            .file
            .clone()
            .unwrap_or_else(|| e.language.name().to_owned());
        let _ = writeln!(
            out,
            "## {} example\n\n```{lang}\n{}\n```\n",
            match e.kind {
                ExampleKind::Unsafe => "Unsafe",
                ExampleKind::Safe => "Safe",
            },
            e.code.trim_end()
        );
    }
    out
}

/// The added lines of a unified diff, or the text itself when it is not one.
pub fn changed_code(change: &str) -> String {
    let is_diff = change.starts_with("diff --git")
        || change.starts_with("--- ")
        || change.lines().any(|l| l.starts_with("@@ "));
    if !is_diff {
        return change.to_owned();
    }
    change
        .lines()
        .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
        .map(|l| &l[1..])
        .collect::<Vec<_>>()
        .join("\n")
}

/// The "secure this change" prompt text.
pub fn secure_change_prompt(
    set: &ConstitutionSet,
    language: Option<Language>,
    change: &str,
    findings: &[FindingOut],
) -> String {
    let mut out = String::from(
        "Review this change for security before it is written, against bluecode's constitutions. \
         Fix every finding below (or explain why it cannot apply), keep the change's behaviour, \
         and check the rest of the change against the principles listed.\n\n",
    );
    let lang = language.map_or("text", Language::name);
    let _ = writeln!(
        out,
        "## The change ({lang})\n\n```{lang}\n{}\n```\n",
        change.trim_end()
    );
    let mut broken: Vec<&str> = findings
        .iter()
        .map(|f| f.constitution_id.as_str())
        .collect();
    broken.sort_unstable();
    broken.dedup();
    if findings.is_empty() {
        out.push_str("bluecode's static review found nothing in it.\n\n");
    } else {
        out.push_str("## What bluecode found\n\n");
        for f in findings {
            let _ = writeln!(
                out,
                "- line {}: {} [{}] {}",
                f.line, f.severity, f.constitution_id, f.message
            );
        }
        out.push_str("\n## The constitutions it breaks\n\n");
        for id in &broken {
            if let Some(c) = set.get(id) {
                let _ = writeln!(
                    out,
                    "### {} — {}\n\n{}\n",
                    c.id,
                    c.title,
                    c.principle.trim()
                );
                if let Some(hint) = &c.fix_hint {
                    let _ = writeln!(out, "Fix: {}\n", hint.trim());
                }
            }
        }
    }
    let others: Vec<&Constitution> = set
        .constitutions()
        .iter()
        .filter(|c| language.is_some_and(|l| c.languages.contains(&l)))
        .filter(|c| c.severity == Severity::Error && !broken.contains(&c.id.as_str()))
        .take(PROMPT_OTHERS)
        .collect();
    if !others.is_empty() {
        out.push_str("## Also hold to\n\n");
        for c in others {
            let _ = writeln!(out, "- {} ({}): {}", c.title, c.id, uri(&c.id));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diff_is_read_by_its_added_lines() {
        let diff = "--- a/x.py\n+++ b/x.py\n@@ -1,2 +1,2 @@\n import os\n-os.system('ls')\n+os.system('ls ' + arg)\n";
        assert_eq!(changed_code(diff), "os.system('ls ' + arg)");
        assert_eq!(changed_code("x = 1\n"), "x = 1\n");
    }
}
