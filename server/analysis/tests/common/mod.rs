//! What the analysis tests share: one engine with the built-in constitutions per test
//! binary (loading them compiles every language's queries), and findings by rule.

use std::sync::{Arc, OnceLock};

use bluecode_analysis::constitutions::ConstitutionSet;
use bluecode_analysis::syntax::{Document, Language};
use bluecode_analysis::{Engine, Finding};

pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        Engine::new(Arc::new(
            ConstitutionSet::builtin().expect("built-ins load"),
        ))
    })
}

/// The findings of constitution `rule` on `code`, analysed as a whole document.
#[allow(dead_code)] // not every test binary asks for one rule
pub fn findings_of(language: Language, rule: &str, code: &str) -> Vec<Finding> {
    let doc = Document::new(Some(language), code.to_owned());
    engine()
        .analyze_document(&doc)
        .into_iter()
        .filter(|f| f.rule_id == rule)
        .collect()
}
