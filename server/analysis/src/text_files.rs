//! Files that are not code but steer AI coding agents (AGENTS.md, CLAUDE.md,
//! .cursorrules, copilot-instructions.md, *.prompt.md): they are scanned with the regex
//! rules whose `files` globs name them (the constitution's, in addition to its code, or
//! a pattern's own, for that file alone).

use std::path::Path;

use bluecode_constitutions::PatternKind;
use globset::{Glob, GlobMatcher};

use crate::engine::Engine;
use crate::finding::Finding;
use crate::instruction::{self, FilePattern};

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
    /// Findings of the file-scoped regex rules whose globs match `path`, over the file as
    /// written and as an agent reads it (hidden and encoded text: see `instruction`).
    pub fn analyze_text_file(&self, path: &Path, text: &str) -> Vec<Finding> {
        let mut patterns = Vec::new();
        for constitution in self.constitutions().constitutions() {
            for pattern in &constitution.patterns {
                if !matches!(pattern.kind, PatternKind::Regex { .. }) {
                    continue;
                }
                if constitution
                    .file_globs(pattern)
                    .iter()
                    .filter_map(|f| glob(f))
                    .any(|g| g.is_match(path))
                {
                    patterns.push(FilePattern {
                        constitution,
                        pattern,
                    });
                }
            }
        }
        instruction::review(&patterns, text)
    }
}
