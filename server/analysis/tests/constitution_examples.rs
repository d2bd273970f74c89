//! Every built-in constitution's examples, run as tests.

use std::sync::Arc;

use bluecode_analysis::constitutions::{ConstitutionSet, PatternKind};
use bluecode_analysis::syntax::Language;
use bluecode_analysis::{Engine, check_examples};

#[test]
fn builtin_constitutions_load_and_every_example_holds() {
    let set = match ConstitutionSet::builtin() {
        Ok(set) => set,
        Err(errors) => panic!("built-in constitutions do not load:\n{errors}"),
    };
    let engine = Engine::new(Arc::new(set));
    let report = check_examples(&engine, None);
    assert!(report.checked > 0);
    let failures: Vec<String> = report
        .failures
        .iter()
        .map(|f| {
            format!(
                "{}:{}: [{}] {}",
                f.file.display(),
                f.line,
                f.constitution,
                f.message
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} examples fail:\n{}",
        failures.len(),
        report.checked,
        failures.join("\n")
    );
}

/// Start-up does not compile each built-in query on its own (that cost seconds per run);
/// this does: every query compiles for the language it is written for.
#[test]
fn every_builtin_query_compiles_for_its_own_language() {
    let set = match ConstitutionSet::builtin() {
        Ok(set) => set,
        Err(errors) => panic!("built-in constitutions do not load:\n{errors}"),
    };
    let mut broken = Vec::new();
    for language in Language::ALL {
        let Some(compiled) = set.compiled(language) else {
            continue;
        };
        for (rule, message) in &compiled.skipped {
            let Some(constitution) = set.constitutions().get(rule.constitution) else {
                broken.push(format!("{language}: {message}"));
                continue;
            };
            let written_for = match &constitution.patterns[rule.pattern].kind {
                PatternKind::Query { language, .. } => Some(*language),
                PatternKind::Regex { .. } => None,
            };
            if written_for == Some(language) {
                broken.push(format!(
                    "[{}] pattern {}: {message}",
                    constitution.id,
                    rule.pattern + 1
                ));
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
