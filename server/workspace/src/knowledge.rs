//! What the judge's knowledge base holds for a workspace: every constitution's examples
//! (built-in, the workspace's own and `learn`ed ones), and what reviews of the workspace
//! teach — code whose finding the team suppressed with a reason (a counter-example) and
//! code whose finding the sandbox confirmed. The LLM layer redacts and indexes them.

use bluecode_analysis::constitutions::{ConstitutionSet, ExampleKind};
use bluecode_analysis::syntax::Document;
use bluecode_analysis::{Date, Finding, accepted_suppressions};
use bluecode_llm::{KnownExample, KnownKind};

/// Lines shown around a taught finding's line (its context in the prompt).
const CONTEXT_LINES: u32 = 3;

/// Every example of every constitution, labelled.
pub fn constitution_examples(set: &ConstitutionSet) -> Vec<KnownExample> {
    set.constitutions()
        .iter()
        .flat_map(|c| {
            c.examples.iter().map(move |e| KnownExample {
                kind: match e.kind {
                    ExampleKind::Unsafe => KnownKind::Unsafe,
                    ExampleKind::Safe => KnownKind::Safe,
                },
                language: e.language.name().to_owned(),
                rule_id: Some(c.id.clone()),
                code: e.code.trim().to_owned(),
                note: c.title.clone(),
            })
        })
        .collect()
}

/// What one reviewed document teaches: the findings its valid suppressions cover, with
/// their reasons (from `raw`, the findings before suppressions), and the findings the
/// sandbox confirmed (in `shown`, the findings after the verdicts were folded in).
pub fn taught_examples(
    doc: &Document,
    raw: &[Finding],
    shown: &[Finding],
    today: Date,
) -> (Vec<KnownExample>, Vec<KnownExample>) {
    let language = doc
        .language()
        .map(|l| l.name().to_owned())
        .unwrap_or_default();
    let example = |kind, finding: &Finding, note: String| KnownExample {
        kind,
        language: language.clone(),
        rule_id: Some(finding.rule_id.clone()),
        code: around(doc, finding),
        note,
    };
    let accepted = accepted_suppressions(doc, raw, today)
        .into_iter()
        .map(|(finding, reason)| {
            let note = format!("{} — accepted because: {reason}", finding.title);
            example(KnownKind::Accepted, &finding, note)
        })
        .collect();
    let confirmed = shown
        .iter()
        .filter_map(|f| {
            let note = f.note.as_deref()?;
            note.starts_with("Confirmed in the sandbox")
                .then(|| example(KnownKind::Confirmed, f, format!("{} — {note}", f.title)))
        })
        .collect();
    (accepted, confirmed)
}

/// The finding's line with a few lines of context.
fn around(doc: &Document, finding: &Finding) -> String {
    let index = doc.line_index();
    let line = index.line_of(finding.range.start);
    let first = line.saturating_sub(CONTEXT_LINES);
    let last = (line + CONTEXT_LINES + 1).min(index.line_count() as u32);
    let start = index.line_start(first);
    let end = index.line_start(last).min(doc.text().len());
    doc.text()
        .get(start..end)
        .unwrap_or_default()
        .trim_end()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use bluecode_analysis::syntax::Language;
    use bluecode_analysis::today;

    #[test]
    fn a_suppressed_finding_with_its_reason_is_a_counter_example() {
        let engine = bluecode_analysis::Engine::new(std::sync::Arc::new(
            ConstitutionSet::builtin().expect("built-in constitutions load"),
        ));
        let code = "import hashlib\n\n\ndef etag(body):\n    # bluecode: ignore[py.weak-hash] reason=\"an ETag for caching, not a password\"\n    return hashlib.md5(body).hexdigest()\n";
        let doc = Document::new(Some(Language::Python), code.to_owned());
        let raw = engine.analyze_document(&doc);
        assert!(raw.iter().any(|f| f.rule_id == "py.weak-hash"), "{raw:?}");
        let (accepted, confirmed) = taught_examples(&doc, &raw, &[], today());
        assert!(confirmed.is_empty());
        assert_eq!(accepted.len(), 1, "{accepted:?}");
        assert_eq!(accepted[0].kind, KnownKind::Accepted);
        assert!(
            accepted[0].note.contains("an ETag for caching"),
            "{}",
            accepted[0].note
        );
        assert!(
            accepted[0].code.contains("hashlib.md5(body)"),
            "{}",
            accepted[0].code
        );
        assert_eq!(accepted[0].language, "python");
    }
}
