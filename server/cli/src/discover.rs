//! Which files a scan reads: code in a known language and AI instruction files, found
//! below the given paths with .gitignore honoured. Paths named explicitly are always read.

use std::path::{Path, PathBuf};

use bluecode_analysis::is_instruction_file;
use bluecode_analysis::syntax::Language;
use globset::GlobSet;

/// Folders never worth scanning even when no .gitignore says so.
const ALWAYS_SKIPPED: [&str; 7] = [
    ".git",
    "node_modules",
    "__pycache__",
    ".venv",
    ".tox",
    ".mypy_cache",
    ".bluecode",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FileKind {
    Code(Language),
    Instructions,
}

pub fn kind_of(path: &Path) -> Option<FileKind> {
    if is_instruction_file(path) {
        return Some(FileKind::Instructions);
    }
    Language::from_path(path).map(FileKind::Code)
}

/// Every file to scan, sorted, with its kind. `exclude` globs match paths relative to
/// `root` (an absolute path).
pub fn discover(paths: &[PathBuf], root: &Path, exclude: &GlobSet) -> Vec<(PathBuf, FileKind)> {
    let mut out = Vec::new();
    for path in paths {
        let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        if path.is_file() {
            if let Some(kind) = kind_of(path) {
                out.push((path.clone(), kind));
            }
            continue;
        }
        let walker = ignore::WalkBuilder::new(path)
            .hidden(false)
            .git_global(false)
            .require_git(false)
            .filter_entry(|e| {
                !(e.file_type().is_some_and(|t| t.is_dir())
                    && ALWAYS_SKIPPED.contains(&e.file_name().to_string_lossy().as_ref()))
            })
            .build();
        for entry in walker.flatten() {
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let file = entry.into_path();
            let under_arg = file.strip_prefix(path).unwrap_or(&file);
            let full = absolute.join(under_arg);
            let relative = full.strip_prefix(root).unwrap_or(&full);
            if exclude.is_match(relative) {
                continue;
            }
            if let Some(kind) = kind_of(&file) {
                out.push((file, kind));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}
