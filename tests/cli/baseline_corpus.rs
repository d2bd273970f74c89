//! The fingerprint target: 0 spurious "new" findings when the corpus's Python and
//! JavaScript files are edited the way real changes touch code that is not new — every
//! top-level function moved (their order reversed), every call's arguments reformatted
//! one per line with a trailing comma (what Black and Prettier do to a long call), and an
//! unrelated function added at the top. The edited copy is scanned against a JSON report
//! of the original; the test prints the figures.

use std::fmt::Write;
use std::ops::Range;
use std::path::Path;

use bluecode_syntax::tree_sitter::Node;
use bluecode_syntax::{Document, Language};
use serde_json::Value;

use crate::support::{Project, bluecode};

/// Corpus folders copied whole (their manifests and `bluecode.toml` place the files).
const FOLDERS: [&str; 2] = ["python", "javascript"];

fn is_function(node: &Node, language: Language) -> bool {
    match language {
        Language::Python => matches!(node.kind(), "function_definition" | "decorated_definition"),
        _ => node.kind() == "function_declaration",
    }
}

/// The top-level functions' texts in reverse order, each in another's place.
fn move_functions(text: &str, language: Language) -> String {
    let doc = Document::new(Some(language), text.to_owned());
    let Some(tree) = doc.tree() else {
        return text.to_owned();
    };
    let root = tree.root_node();
    let mut cursor = root.walk();
    let slots: Vec<Range<usize>> = root
        .children(&mut cursor)
        .filter(|n| is_function(n, language))
        .map(|n| n.byte_range())
        .collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (slot, moved) in slots.iter().zip(slots.iter().rev()) {
        out.push_str(&text[at..slot.start]);
        out.push_str(&text[moved.clone()]);
        at = slot.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Argument lists to explode: outermost ones, not inside a string, not a lone generator
/// (`f(x for x in y)` cannot take a trailing comma), not a dynamic `import(…)`.
fn argument_lists<'a>(node: Node<'a>, text: &str, out: &mut Vec<Node<'a>>) {
    let kind = node.kind();
    if kind.contains("string") || kind.contains("template") || kind.contains("comment") {
        return;
    }
    if matches!(kind, "argument_list" | "arguments") {
        let mut cursor = node.walk();
        let args: Vec<Node> = node.named_children(&mut cursor).collect();
        let lone_generator = args.len() == 1 && args[0].kind() == "generator_expression";
        let dynamic_import = node
            .prev_sibling()
            .is_some_and(|p| &text[p.byte_range()] == "import");
        let has_comment = args.iter().any(|a| a.kind().contains("comment"));
        if !args.is_empty() && !lone_generator && !dynamic_import && !has_comment {
            out.push(node);
            return;
        }
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        argument_lists(child, text, out);
    }
}

/// Every call's arguments one per line, with a trailing comma.
fn reformat_calls(text: &str, language: Language) -> String {
    let doc = Document::new(Some(language), text.to_owned());
    let Some(tree) = doc.tree() else {
        return text.to_owned();
    };
    let mut lists = Vec::new();
    argument_lists(tree.root_node(), text, &mut lists);
    let mut out = String::with_capacity(text.len() * 2);
    let mut at = 0;
    for list in lists {
        out.push_str(&text[at..list.start_byte()]);
        let mut cursor = list.walk();
        out.push_str("(\n");
        for arg in list.named_children(&mut cursor) {
            let _ = writeln!(out, "        {},", &text[arg.byte_range()]);
        }
        out.push_str("    )");
        at = list.end_byte();
    }
    out.push_str(&text[at..]);
    out
}

fn unrelated_function(language: Language) -> &'static str {
    match language {
        Language::Python => "def _unrelated_helper(values):\n    return sorted(values)\n\n\n",
        _ => "function unrelatedHelper(values) {\n  return values.slice().sort();\n}\n\n",
    }
}

fn edited(text: &str, language: Language) -> String {
    let moved = move_functions(text, language);
    let reformatted = reformat_calls(&moved, language);
    format!("{}{reformatted}", unrelated_function(language))
}

fn copy(from: &Path, to: &Path, edit: bool, edited_files: &mut usize) {
    for entry in std::fs::read_dir(from).expect("corpus folder") {
        let entry = entry.expect("entry");
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            std::fs::create_dir_all(&target).expect("folder");
            copy(&path, &target, edit, edited_files);
            continue;
        }
        let language = Language::from_path(&path)
            .filter(|l| matches!(l, Language::Python | Language::JavaScript));
        match (edit, language, std::fs::read_to_string(&path)) {
            (true, Some(language), Ok(text)) => {
                *edited_files += 1;
                std::fs::write(&target, edited(&text, language)).expect("write")
            }
            _ => {
                std::fs::copy(&path, &target).expect("copy");
            }
        }
    }
}

#[test]
fn moves_reformatting_and_unrelated_edits_make_no_finding_new_on_the_corpus() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let original = Project::new();
    let changed = Project::new();
    let mut edited_files = 0;
    for (project, edit) in [(&original, false), (&changed, true)] {
        std::fs::copy(
            corpus.join("bluecode.toml"),
            project.path().join("bluecode.toml"),
        )
        .expect("config");
        for folder in FOLDERS {
            let to = project.path().join(folder);
            std::fs::create_dir_all(&to).expect("folder");
            copy(&corpus.join(folder), &to, edit, &mut edited_files);
        }
    }
    let base = bluecode(
        &[
            "scan",
            ".",
            "--format",
            "json",
            "--exit-zero",
            "-o",
            "base.json",
        ],
        original.path(),
    );
    assert_eq!(base.code, 0, "{}", base.stderr);
    std::fs::rename(
        original.path().join("base.json"),
        changed.path().join("base.json"),
    )
    .expect("move the report");
    let run = bluecode(
        &[
            "scan",
            ".",
            "--format",
            "json",
            "--baseline",
            "base.json",
            "--exit-zero",
        ],
        changed.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).expect("json");
    let findings = report["findings"].as_array().expect("findings");
    let new: Vec<String> = findings
        .iter()
        .filter(|f| f["baseline_state"] == "new")
        .map(|f| format!("{}:{} {}", f["path"], f["start"]["line"], f["rule_id"]))
        .collect();
    // The edits did move the findings: most are on another line than in the baseline.
    let before: Value = serde_json::from_str(
        &std::fs::read_to_string(changed.path().join("base.json")).expect("baseline"),
    )
    .expect("json");
    let place = |f: &Value| format!("{} {} {}", f["path"], f["start"]["line"], f["rule_id"]);
    let places: std::collections::HashSet<String> = before["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(place)
        .collect();
    let moved = findings
        .iter()
        .filter(|f| !places.contains(&place(f)))
        .count();
    let baseline = &report["baseline"];
    println!(
        "fingerprints: {edited_files} files edited, {} findings ({moved} on another line): {} new, {} unchanged, {} updated, {} absent",
        findings.len(),
        new.len(),
        baseline["unchanged"],
        baseline["updated"],
        baseline["absent"].as_array().map_or(0, Vec::len)
    );
    assert!(edited_files > 200, "{edited_files} files edited");
    assert!(
        findings.len() > 150,
        "the corpus has findings: {}",
        findings.len()
    );
    assert!(
        moved * 3 > findings.len() * 2,
        "only {moved} findings moved"
    );
    assert!(new.is_empty(), "spurious new findings: {new:#?}");
}
