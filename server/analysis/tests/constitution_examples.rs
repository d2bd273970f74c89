//! Every built-in constitution's examples, run as tests.

use std::sync::Arc;

use bluecode_analysis::constitutions::ConstitutionSet;
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
