//! The engine cuts its query work three ways: a pass per unit (an edit re-analyses one
//! unit), one pass per query group over the document, and one walk with every pattern (a
//! file that many groups' anchors hit). Whichever it takes, a unit's findings must be the
//! same, or a unit's cached findings would depend on how it was first analysed.

use std::path::{Path, PathBuf};

use bluecode_analysis::Finding;
use bluecode_analysis::syntax::{Document, Language, Outline, outline};

mod common;
use common::engine;

fn corpus_files(dir: &Path, out: &mut Vec<(PathBuf, Language)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus readable")
        .map(|e| e.expect("corpus entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            corpus_files(&path, out);
        } else if let Some(language) = Language::from_path(&path) {
            out.push((path, language));
        }
    }
}

fn key(f: &Finding) -> (usize, usize, String, String) {
    (
        f.range.start,
        f.range.end,
        f.rule_id.clone(),
        f.unit_id.clone(),
    )
}

/// The document's findings analysed together and unit by unit.
fn both_ways(language: Language, text: String) -> (Vec<Finding>, Vec<Finding>) {
    let engine = engine();
    let doc = Document::new(Some(language), text);
    let mut together = engine.analyze_document(&doc);
    let Outline { units, comments } = outline(&doc);
    let plan = engine.plan(&doc, &units, comments);
    let mut alone: Vec<Finding> = (0..units.len())
        .flat_map(|i| engine.analyze_unit(&doc, &plan, &units, i))
        .collect();
    together.sort_by_key(key);
    alone.sort_by_key(key);
    (together, alone)
}

fn assert_same(what: &str, together: &[Finding], alone: &[Finding]) {
    let together: Vec<_> = together.iter().map(key).collect();
    let alone: Vec<_> = alone.iter().map(key).collect();
    assert_eq!(together, alone, "{what}: whole-document vs unit-by-unit");
}

#[test]
fn every_corpus_file_has_the_same_findings_analysed_whole_or_unit_by_unit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let mut files = Vec::new();
    corpus_files(&root, &mut files);
    assert!(files.len() > 500, "corpus found at {}", root.display());
    let mut with_findings = 0;
    for (path, language) in files {
        let text = std::fs::read_to_string(&path).expect("corpus file is UTF-8");
        let (together, alone) = both_ways(language, text);
        with_findings += usize::from(!together.is_empty());
        assert_same(&path.display().to_string(), &together, &alone);
    }
    assert!(
        with_findings > 300,
        "only {with_findings} files had findings"
    );
}

/// One document holding a whole language's corpus hits nearly every query group, so the
/// engine takes its single walk with every pattern.
#[test]
fn a_file_that_hits_every_group_has_the_same_findings_both_ways() {
    for (language, folder, extension) in [
        (Language::Python, "python", "py"),
        (Language::JavaScript, "javascript", "js"),
        (Language::Go, "go", "go"),
    ] {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/corpus")
            .join(folder);
        let mut files = Vec::new();
        corpus_files(&root, &mut files);
        let text: String = files
            .iter()
            .filter(|(p, _)| p.extension().is_some_and(|e| e == extension))
            .map(|(p, _)| std::fs::read_to_string(p).expect("corpus file is UTF-8"))
            .collect::<Vec<_>>()
            .join("\n");
        // Go allows one package clause per file.
        let text = if language == Language::Go {
            let mut seen = false;
            text.lines()
                .filter(|l| {
                    let clause = l.starts_with("package ");
                    let keep = !clause || !seen;
                    seen |= clause;
                    keep
                })
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            text
        };
        let (together, alone) = both_ways(language, text);
        assert!(together.len() > 40, "{folder}: {} findings", together.len());
        assert_same(folder, &together, &alone);
    }
}
