//! Files that are not code but steer AI coding agents (AGENTS.md, CLAUDE.md,
//! .cursorrules, copilot-instructions.md, *.prompt.md): they are scanned with the regex
//! rules whose `files` globs name them (the constitution's, in addition to its code, or
//! a pattern's own, for that file alone).

use std::path::Path;

use bluecode_constitutions::{Constitution, PatternKind};
use globset::{Glob, GlobMatcher};

use crate::engine::Engine;
use crate::finding::{Finding, FindingSource};

/// Whether bluecode reads this file as an AI instruction file.
pub fn is_instruction_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    matches!(
        name,
        "AGENTS.md"
            | "CLAUDE.md"
            | ".cursorrules"
            | "copilot-instructions.md"
            | "GEMINI.md"
            | ".windsurfrules"
    ) || name.ends_with(".prompt.md")
        || name.ends_with(".instructions.md")
        // Cursor's project rules: .cursor/rules/*.mdc
        || name.ends_with(".mdc")
}

fn glob(pattern: &str) -> Option<GlobMatcher> {
    let pattern = if pattern.contains('/') {
        pattern.to_owned()
    } else {
        format!("**/{pattern}")
    };
    Glob::new(&pattern).ok().map(|g| g.compile_matcher())
}

impl Engine {
    /// Findings of the file-scoped regex rules whose globs match `path`.
    pub fn analyze_text_file(&self, path: &Path, text: &str) -> Vec<Finding> {
        let mut findings = Vec::new();
        for constitution in self.constitutions().constitutions() {
            for pattern in &constitution.patterns {
                let PatternKind::Regex { regex, .. } = &pattern.kind else {
                    continue;
                };
                if !constitution
                    .file_globs(pattern)
                    .iter()
                    .filter_map(|f| glob(f))
                    .any(|g| g.is_match(path))
                {
                    continue;
                }
                for m in regex.find_iter(text) {
                    findings.push(text_finding(
                        constitution,
                        pattern.message.as_deref(),
                        m.range(),
                    ));
                }
            }
        }
        findings
    }
}

fn text_finding(c: &Constitution, message: Option<&str>, range: std::ops::Range<usize>) -> Finding {
    let title = message.unwrap_or(&c.title).to_owned();
    Finding {
        source: FindingSource::Static,
        rule_id: c.id.clone(),
        message: match c.cwe_label() {
            Some(cwe) => format!("{cwe} {title}"),
            None => title.clone(),
        },
        title,
        category: c.category,
        cwe: c.cwe.clone(),
        severity: c.severity,
        confidence: c.confidence,
        range,
        unit_id: "module".into(),
        trace: Vec::new(),
        fix: None,
        note: None,
    }
}
