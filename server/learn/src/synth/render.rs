//! Writes a learned constitution as a TOML file in the format of `constitutions/README.md`.

use bluecode_constitutions::{Category, ExampleKind, Severity};
use bluecode_syntax::Language;

use crate::inputs::LabelledExample;

/// The metadata a learned constitution carries.
#[derive(Debug, Clone)]
pub struct Meta {
    pub id: String,
    pub title: String,
    pub category: Category,
    pub cwe: Vec<u32>,
    pub severity: Severity,
    pub language: Language,
}

/// One `[[pattern]]` table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PatternDraft {
    /// The call's query without the predicates; `@sink` is added around it.
    pub shape: String,
    pub predicates: Vec<String>,
    pub taint: Option<String>,
    pub not_inside: Vec<String>,
    /// The APIs the call must resolve to (`os.system`), with unresolved calls skipped.
    pub callee: Option<Vec<String>>,
}

impl PatternDraft {
    pub fn query(&self) -> String {
        let mut q = format!("({} @sink", self.shape);
        for p in &self.predicates {
            q.push_str("\n  ");
            q.push_str(p);
        }
        q.push(')');
        q
    }
}

/// A TOML string: a literal multi-line string when the text allows one.
pub fn toml_text(text: &str) -> String {
    if !text.contains("'''") && !text.ends_with('\'') {
        format!("'''\n{}\n'''", text.trim_end_matches('\n'))
    } else {
        toml::Value::String(text.to_owned()).to_string()
    }
}

pub fn render(
    meta: &Meta,
    principle: &str,
    fix_hint: &str,
    patterns: &[PatternDraft],
    examples: &[LabelledExample],
) -> String {
    let mut out = String::new();
    out.push_str(&format!("id = {}\n", toml::Value::String(meta.id.clone())));
    out.push_str(&format!(
        "title = {}\n",
        toml::Value::String(meta.title.clone())
    ));
    out.push_str(&format!("category = \"{}\"\n", meta.category.name()));
    match meta.cwe.as_slice() {
        [] => {}
        [one] => out.push_str(&format!("cwe = {one}\n")),
        many => out.push_str(&format!(
            "cwe = [{}]\n",
            many.iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
    out.push_str(&format!("severity = \"{}\"\n", meta.severity.name()));
    out.push_str("confidence = \"medium\"\n");
    out.push_str(&format!("languages = [\"{}\"]\n", meta.language.name()));
    out.push_str(&format!(
        "principle = \"\"\"\n{}\n\"\"\"\n",
        principle
            .trim()
            .replace('\\', "\\\\")
            .replace("\"\"\"", "\\\"\"\"")
    ));
    out.push_str(&format!(
        "fix_hint = {}\n",
        toml::Value::String(fix_hint.to_owned())
    ));
    for p in patterns {
        out.push_str(&format!(
            "\n[[pattern]]\nquery = {}\n",
            toml_text(&p.query())
        ));
        if let Some(kind) = &p.taint {
            out.push_str(&format!("taint = \"{kind}\"\n"));
        }
        if let Some(apis) = &p.callee {
            let list: Vec<String> = apis
                .iter()
                .map(|a| toml::Value::String(a.clone()).to_string())
                .collect();
            out.push_str(&format!(
                "callee = [{}]\nunresolved = \"skip\"\n",
                list.join(", ")
            ));
        }
        if !p.not_inside.is_empty() {
            let list: Vec<String> = p.not_inside.iter().map(|q| toml_text(q)).collect();
            out.push_str(&format!("not_inside = [{}]\n", list.join(", ")));
        }
    }
    for e in examples {
        let kind = match e.kind {
            ExampleKind::Unsafe => "unsafe",
            ExampleKind::Safe => "safe",
        };
        out.push_str(&format!(
            "\n[[example]]\nkind = \"{kind}\"\ncode = {}\n",
            toml_text(e.code.trim_end())
        ));
    }
    out
}
