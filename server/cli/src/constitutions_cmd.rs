//! `bluecode constitutions list | show ID | test [PATH] | kinds`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use bluecode_analysis::constitutions::{ConstitutionSet, ExampleKind, Origin, PatternKind};
use bluecode_analysis::{Engine, check_examples};

use crate::workspace::load_constitutions;

pub fn list(workspace: Option<&Path>) -> anyhow::Result<ExitCode> {
    let set = load_constitutions(workspace);
    let mut out = String::new();
    for c in set.constitutions() {
        let cwe = c.cwe_label().unwrap_or_default();
        let langs: Vec<&str> = c.languages.iter().map(|l| l.name()).collect();
        out.push_str(&format!(
            "{:<40} {:<13} {:<8} {:<8} {:<24} {}\n",
            c.id,
            c.category.name(),
            c.severity.name(),
            cwe,
            langs.join(","),
            c.title
        ));
    }
    out.push_str(&format!("{} constitutions\n", set.constitutions().len()));
    print_stdout(&out);
    Ok(ExitCode::SUCCESS)
}

pub fn show(id: &str, workspace: Option<&Path>) -> anyhow::Result<ExitCode> {
    let set = load_constitutions(workspace);
    let Some(c) = set.get(id) else {
        anyhow::bail!("no constitution with id `{id}` (see `bluecode constitutions list`)");
    };
    let mut out = format!("{} — {}\n", c.id, c.title);
    out.push_str(&format!(
        "category: {}   severity: {}   confidence: {}   {}\n",
        c.category.name(),
        c.severity.name(),
        c.confidence.name(),
        c.cwe
            .iter()
            .map(|n| format!("CWE-{n}"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let langs: Vec<&str> = c.languages.iter().map(|l| l.name()).collect();
    out.push_str(&format!(
        "languages: {}\nfile: {}\n\n",
        langs.join(", "),
        c.origin.path().display()
    ));
    out.push_str(&format!(
        "Principle\n  {}\n",
        c.principle.replace('\n', "\n  ")
    ));
    if let Some(hint) = &c.fix_hint {
        out.push_str(&format!("\nFix\n  {}\n", hint.replace('\n', "\n  ")));
    }
    if !c.files.is_empty() {
        out.push_str(&format!(
            "\nAlso over files: {} (its regex patterns)\n",
            c.files.join(", ")
        ));
    }
    for p in &c.patterns {
        let what = match &p.kind {
            PatternKind::Query { language, .. } => format!("{language} query"),
            PatternKind::Regex { files, .. } if files.is_empty() => "regex".to_owned(),
            PatternKind::Regex { files, .. } => format!("regex over {} only", files.join(", ")),
        };
        let taint = p
            .taint
            .as_ref()
            .map(|t| format!(", needs tainted input ({t})"))
            .unwrap_or_default();
        let mut context = String::new();
        if !p.inside.is_empty() {
            context.push_str(&format!(", inside {} enclosing quer", p.inside.len()));
            context.push_str(if p.inside.len() == 1 { "y" } else { "ies" });
        }
        if !p.not_inside.is_empty() {
            context.push_str(&format!(", not inside {} quer", p.not_inside.len()));
            context.push_str(if p.not_inside.len() == 1 { "y" } else { "ies" });
        }
        out.push_str(&format!(
            "\nPattern (line {}): {what}{taint}{context}\n",
            p.line
        ));
    }
    for e in &c.examples {
        let kind = match e.kind {
            ExampleKind::Unsafe => "Unsafe",
            ExampleKind::Safe => "Safe",
        };
        out.push_str(&format!("\n{kind} example ({}):\n", e.language));
        for line in e.code.trim_end().lines() {
            out.push_str(&format!("    {line}\n"));
        }
    }
    print_stdout(&out);
    Ok(ExitCode::SUCCESS)
}

/// Runs the examples of the built-ins, or of the constitution files under `path` (a
/// folder of `*.toml` or a single file).
pub fn test(path: Option<&Path>) -> anyhow::Result<ExitCode> {
    let dirs: Vec<PathBuf> = path.map(|p| vec![p.to_owned()]).unwrap_or_default();
    let (set, errors) = ConstitutionSet::load(&dirs);
    let mut out = String::new();
    for e in &errors {
        out.push_str(&format!("error: {e}\n"));
    }
    let only_workspace = path.is_some();
    let wanted: Vec<String> = set
        .constitutions()
        .iter()
        .filter(|c| !only_workspace || matches!(c.origin, Origin::Workspace(_)))
        .map(|c| c.id.clone())
        .collect();
    let engine = Engine::new(Arc::new(set));
    let mut checked = 0;
    let mut failures = 0;
    for id in &wanted {
        let report = check_examples(&engine, Some(id));
        checked += report.checked;
        for f in &report.failures {
            failures += 1;
            out.push_str(&format!(
                "FAIL {}:{}: [{}] {}\n",
                f.file.display(),
                f.line,
                f.constitution,
                f.message
            ));
        }
    }
    out.push_str(&format!(
        "{} passed, {} failed ({} constitutions, {} load errors)\n",
        checked - failures,
        failures,
        wanted.len(),
        errors.len()
    ));
    print_stdout(&out);
    Ok(if failures == 0 && errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The declared sink kinds, with their meaning and the file that declares each.
pub fn kinds(workspace: Option<&Path>) -> anyhow::Result<ExitCode> {
    let set = load_constitutions(workspace);
    let mut out = String::new();
    for kind in set.sink_kinds().iter() {
        out.push_str(&format!("{:<16} {}\n", kind.name, kind.meaning));
    }
    let workspace_kinds = set.sink_kinds().iter().filter(|k| !k.builtin).count();
    out.push_str(&format!(
        "{} sink kinds ({} from the workspace)\n",
        set.sink_kinds().iter().count(),
        workspace_kinds
    ));
    print_stdout(&out);
    Ok(ExitCode::SUCCESS)
}

pub fn print_stdout(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
