//! The offline synthesis target: for the built-in constitutions whose patterns are all
//! single-call shapes (a query rooted at a call, no `inside`/`module_matches`/regex), `learn`
//! on their examples alone must yield a rule that passes the validation (the examples'
//! checks and the mutations; there is no workspace here). Prints the share and each
//! failure; `cargo test -p bluecode-learn --release --test builtin_synthesis -- --ignored
//! --nocapture`.

use bluecode_constitutions::{Category, Constitution, ConstitutionSet, PatternKind, Severity};
use bluecode_learn::synth::generalize::CALLS;
use bluecode_learn::{LabelledExample, Meta, Request, synthesize};

fn root_kind(query: &str) -> Option<&str> {
    let start = query.find(|c: char| c != '(' && !c.is_whitespace())?;
    let rest = &query[start..];
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
    Some(&rest[..end])
}

fn single_call_shapes(c: &Constitution) -> bool {
    !matches!(c.category, Category::Instruction | Category::Suppression)
        && !c.patterns.is_empty()
        && c.examples.iter().all(|e| e.file.is_none())
        && c.patterns.iter().all(|p| match &p.kind {
            PatternKind::Query { source, .. } => {
                p.inside.is_empty()
                    && p.module_matches.is_none()
                    && root_kind(source).is_some_and(|k| CALLS.contains(&k))
            }
            PatternKind::Regex { .. } => false,
        })
}

#[test]
#[ignore = "about 3 minutes in a release build: run with --release -- --ignored"]
fn offline_synthesis_learns_most_single_call_constitutions() {
    let builtin = ConstitutionSet::builtin().expect("built-ins load");
    let mut passed = 0;
    let mut core = 0;
    let mut failures = Vec::new();
    let wanted: Vec<&Constitution> = builtin
        .constitutions()
        .iter()
        .filter(|c| single_call_shapes(c))
        .collect();
    // `BLUECODE_SYNTH_ONLY=id,id` runs those and prints their drafts (for debugging a rule).
    let only: Option<Vec<String>> = std::env::var("BLUECODE_SYNTH_ONLY")
        .ok()
        .map(|v| v.split(',').map(str::to_owned).collect());
    for c in &wanted {
        if only.as_ref().is_some_and(|o| !o.contains(&c.id)) {
            continue;
        }
        let examples: Vec<LabelledExample> = c
            .examples
            .iter()
            .map(|e| LabelledExample {
                kind: e.kind,
                language: e.language,
                code: e.code.clone(),
                origin: c.origin.path().join(format!("line-{}", e.line)),
                note: None,
            })
            .collect();
        let Some(language) = examples.first().map(|e| e.language) else {
            continue;
        };
        let request = Request {
            meta: Meta {
                id: format!("learned.{}", c.id),
                title: c.title.clone(),
                category: c.category,
                cwe: c.cwe.clone(),
                severity: Severity::Warning,
                language,
            },
            examples,
            workspace: None,
            held_out: Some(c.id.clone()),
        };
        let result = synthesize(&request, &builtin);
        if only.is_some()
            && let Ok(learned) = &result
        {
            println!("---- {}\n{}", c.id, learned.toml);
        }
        match result {
            Ok(learned) if learned.validation.passed() => {
                passed += 1;
                core += 1;
            }
            Ok(learned) => {
                core += usize::from(learned.validation.core_passed());
                failures.push(format!(
                    "{}: {}",
                    c.id,
                    learned.validation.problems().join("; ")
                ));
            }
            Err(e) => failures.push(format!("{}: {e}", c.id)),
        }
    }
    let total = wanted.len();
    let share = passed as f64 / total.max(1) as f64;
    println!(
        "offline synthesis: {passed}/{total} single-call constitutions pass the validation ({:.0} %); {core}/{total} pass the examples' checks",
        share * 100.0
    );
    for f in &failures {
        println!("  FAIL {f}");
    }
    if only.is_some() {
        return;
    }
    assert!(
        total >= 40,
        "the selection found only {total} constitutions"
    );
    assert!(
        share >= 0.80,
        "offline synthesis share {:.2} is below the 0.80 target",
        share
    );
}
