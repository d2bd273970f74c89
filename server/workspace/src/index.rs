//! The workspace index as the review core keeps it: each indexed file's entry (its
//! imports, exports and function summaries) and the facts last propagated from them.
//! Front ends feed it entries — the scan after its first pass, the server as files are
//! read in the background and edited — and learn which documents' facts changed, so
//! that exactly those are reviewed again.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use bluecode_analysis::index::{DocumentFacts, FileEntry, WorkspaceIndex};

/// Entries and the facts propagated from them.
#[derive(Debug, Default)]
pub struct IndexState {
    index: WorkspaceIndex,
    facts: HashMap<Arc<Path>, Arc<DocumentFacts>>,
}

impl IndexState {
    pub fn new() -> IndexState {
        IndexState::default()
    }

    /// Adds many entries and propagates once; the documents whose facts changed.
    pub fn extend(&mut self, entries: impl IntoIterator<Item = FileEntry>) -> Vec<Arc<Path>> {
        let mut changed = false;
        for entry in entries {
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
