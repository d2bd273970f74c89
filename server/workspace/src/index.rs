//! The workspace index as the review core keeps it: each indexed file's entry (its
//! imports, exports and function summaries) and the facts last propagated from them.
//! Front ends feed it entries — the scan after its first pass, the server as files are
//! read in the background and edited — and learn which documents' facts changed, so
//! that exactly those are reviewed again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bluecode_analysis::index::{DocumentFacts, FileEntry, WorkspaceIndex, indexes};
use bluecode_analysis::syntax::{Document, Language};

use crate::document_review::{DocumentKind, DocumentReview};
use crate::review::{JudgeWhen, Workspace};

/// Folders whose files are never indexed (dependencies, caches, tool state).
const NOT_INDEXED: [&str; 7] = [
    ".git",
    "node_modules",
    "__pycache__",
    ".venv",
    ".tox",
    ".mypy_cache",
    ".bluecode",
];

/// This build of bluecode: its version and its executable's size and modification time,
/// so that a rebuilt engine (whose summaries may differ) reuses nothing stored before.
fn build_stamp() -> (&'static str, u64, u128) {
    static STAMP: std::sync::OnceLock<(u64, u128)> = std::sync::OnceLock::new();
    let (len, modified) = *STAMP.get_or_init(|| {
        std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|m| {
                let modified = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                (m.len(), modified)
            })
            .unwrap_or_default()
    });
    (env!("CARGO_PKG_VERSION"), len, modified)
}

impl Workspace {
    /// The files under the root the index covers: code in an indexed language, with
    /// `.gitignore` and the `exclude` globs honoured. Empty without a root or with the
    /// index off.
    pub fn indexed_files(&self) -> Vec<(PathBuf, Language)> {
        let Some(root) = self.root().filter(|_| self.index_enabled()) else {
            return Vec::new();
        };
        let walker = ignore::WalkBuilder::new(root)
            .hidden(false)
            .git_global(false)
            .require_git(false)
            .filter_entry(|e| {
                !(e.file_type().is_some_and(|t| t.is_dir())
                    && NOT_INDEXED.contains(&e.file_name().to_string_lossy().as_ref()))
            })
            .build();
        let mut files: Vec<(PathBuf, Language)> = walker
            .flatten()
            .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
            .map(ignore::DirEntry::into_path)
            .filter(|p| !self.is_excluded(p))
            .filter_map(|p| {
                let language = Language::from_path(&p).filter(|l| indexes(*l))?;
                Some((p, language))
            })
            .collect();
        files.sort();
        files
    }

    /// What an index entry of `path` holding `text` depends on, as one key (see
    /// `IndexCache`): the text, the constitutions, the file's analysis context and this
    /// build of bluecode.
    pub fn summary_key(&self, path: &Path, text: &str) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        text.hash(&mut hasher);
        self.engine()
            .constitutions()
            .content_hash()
            .hash(&mut hasher);
        self.context(Some(path), text).hash(&mut hasher);
        build_stamp().hash(&mut hasher);
        hasher.finish()
    }

    /// The index entry of a file that is not open: reviewed as the scan reviews it (its
    /// findings are dropped), summarised, with `facts` consulted. `None` when the file is
    /// not reviewed (too large, excluded) or not in an indexed language.
    pub fn summarise_file(
        &self,
        path: &Path,
        text: String,
        facts: Option<Arc<DocumentFacts>>,
    ) -> Option<FileEntry> {
        let language = Language::from_path(path).filter(|l| indexes(*l))?;
        let mut state = DocumentReview::new(Some(path.to_owned()), DocumentKind::Code);
        state.set_index(facts);
        let doc = Document::new(Some(language), text);
        self.review(&mut state, &doc, "", JudgeWhen::Never);
        state.index_entry(&doc)
    }
}

/// Entries and the facts propagated from them.
#[derive(Debug, Default)]
pub struct IndexState {
    index: WorkspaceIndex,
    facts: HashMap<Arc<Path>, Arc<DocumentFacts>>,
    /// Go: the `go.mod` each folder belongs to (its folder and `module` path), read once.
    go_modules: HashMap<PathBuf, Option<(Arc<Path>, String)>>,
}

impl IndexState {
    pub fn new() -> IndexState {
        IndexState::default()
    }

    /// Adds many entries and propagates once; the documents whose facts changed.
    pub fn extend(&mut self, entries: impl IntoIterator<Item = FileEntry>) -> Vec<Arc<Path>> {
        let mut changed = false;
        for entry in entries {
            if entry.language == Language::Go
                && let Some((root, module)) = entry.path.parent().and_then(|d| self.go_module(d))
            {
                changed |= self.index.set_go_module(root, module);
            }
            changed |= self.index.insert(entry);
        }
        if changed {
            self.propagate()
        } else {
            Vec::new()
        }
    }

    /// A file's new entry (an edit, a save, a file created outside the editor). When its
    /// summaries are unchanged nothing is propagated and nothing else is re-analysed.
    pub fn update(&mut self, entry: FileEntry) -> Vec<Arc<Path>> {
        self.extend([entry])
    }

    /// A file deleted or renamed away.
    pub fn remove(&mut self, path: &Path) -> Vec<Arc<Path>> {
        if self.index.remove(path) {
            self.propagate()
        } else {
            Vec::new()
        }
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.index.contains(path)
    }

    /// What the index says about the units of the document at `path`.
    pub fn facts(&self, path: &Path) -> Option<Arc<DocumentFacts>> {
        self.facts.get(path).cloned()
    }

    /// The documents the index has facts for.
    pub fn facts_paths(&self) -> Vec<Arc<Path>> {
        self.facts.keys().cloned().collect()
    }

    /// Files and functions indexed.
    pub fn size(&self) -> (usize, usize) {
        (self.index.len(), self.index.functions())
    }

    /// The nearest `go.mod` at or above `dir` and its `module` path (import paths of the
    /// module's packages are that path and their folder under it).
    fn go_module(&mut self, dir: &Path) -> Option<(Arc<Path>, String)> {
        if let Some(known) = self.go_modules.get(dir) {
            return known.clone();
        }
        let found = match std::fs::read_to_string(dir.join("go.mod")) {
            Ok(text) => module_path(&text).map(|m| (Arc::from(dir), m)),
            Err(_) => dir.parent().and_then(|up| self.go_module(up)),
        };
        self.go_modules.insert(dir.to_owned(), found.clone());
        found
    }

    fn propagate(&mut self) -> Vec<Arc<Path>> {
        let new = self.index.facts();
        let mut changed: Vec<Arc<Path>> = new
            .iter()
            .filter(|(path, facts)| self.facts.get(*path) != Some(*facts))
            .map(|(path, _)| path.clone())
            .collect();
        changed.extend(
            self.facts
                .keys()
                .filter(|path| !new.contains_key(*path))
                .cloned(),
        );
        self.facts = new;
        changed
    }
}

/// The `module` line of a `go.mod`: `module example.com/shop` (optionally quoted).
fn module_path(go_mod: &str) -> Option<String> {
    go_mod.lines().find_map(|line| {
        let rest = line.trim().strip_prefix("module")?;
        if !rest.starts_with(char::is_whitespace) {
            return None;
        }
        let path = rest.split("//").next()?.trim().trim_matches(['"', '`']);
        (!path.is_empty()).then(|| path.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::module_path;

    #[test]
    fn a_go_mod_names_its_module() {
        assert_eq!(
            module_path("// c\nmodule example.com/shop // the shop\n\ngo 1.22\n").as_deref(),
            Some("example.com/shop")
        );
        assert_eq!(module_path("module \"x/y\"\n").as_deref(), Some("x/y"));
        assert_eq!(module_path("modules a\ngo 1.21\n"), None);
    }
}
