//! The workspace index: per file, its imports and exports and the summary of each of its
//! functions; from them, a call graph resolved by import and name (`resolve.rs`), and the
//! facts each unit's taint walk consults (`propagate.rs`): the real sources callers pass
//! to its parameters and what the functions it calls return. Plain data in and out — the
//! review core (`server/workspace`) decides which files are indexed and when.

mod declared;
mod facts;
mod from_walk;
mod locate;
mod module;
mod propagate;
mod resolve;
mod resolve_typed;
mod summary;

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use bluecode_syntax::Language;

pub use facts::{CalleeFacts, DocumentFacts, UnitFacts};
pub(crate) use from_walk::summarise;
pub(crate) use locate::located;
pub use module::{Import, ModuleFacts};
pub use propagate::{MAX_CALL_DEPTH, MAX_INCOMING_PER_PARAMETER};
pub use summary::{ArgumentFacts, CallSite, FunctionSummary, ParamSink, ReturnFacts, SourceFlow};

/// Whether files of `language` take part in the index (their calls resolve by import,
/// package, declared type, or — C/C++ — a global function's name).
pub fn indexes(language: Language) -> bool {
    matches!(
        language,
        Language::Python | Language::Go | Language::Java | Language::C | Language::Cpp
    ) || language.is_js_family()
}

/// One indexed file: what it imports and exports and its functions' summaries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub path: Arc<Path>,
    pub language: Language,
    pub module: ModuleFacts,
    pub functions: Vec<FunctionSummary>,
}

impl FileEntry {
    pub fn function(&self, unit: &str) -> Option<&FunctionSummary> {
        self.functions.iter().find(|f| f.unit == unit)
    }
}

/// Every indexed file of a workspace, by path.
#[derive(Debug, Clone, Default)]
pub struct WorkspaceIndex {
    files: BTreeMap<Arc<Path>, FileEntry>,
    /// Go modules: the folder of each `go.mod` and its `module` path, which map import
    /// paths to folders.
    go_modules: Vec<(Arc<Path>, String)>,
}

impl WorkspaceIndex {
    pub fn new() -> WorkspaceIndex {
        WorkspaceIndex::default()
    }

    /// Adds or replaces a file's entry; whether anything the index knows changed.
    pub fn insert(&mut self, entry: FileEntry) -> bool {
        match self.files.get(&entry.path) {
            Some(old) if *old == entry => false,
            _ => {
                self.files.insert(entry.path.clone(), entry);
                true
            }
        }
    }

    /// Records the Go module whose `go.mod` is in `root`; whether it is new.
    pub fn set_go_module(&mut self, root: Arc<Path>, module: String) -> bool {
        if let Some(known) = self.go_modules.iter_mut().find(|(r, _)| *r == root) {
            let changed = known.1 != module;
            known.1 = module;
            return changed;
        }
        self.go_modules.push((root, module));
        true
    }

    /// Forgets a file (deleted, renamed away); whether it was indexed.
    pub fn remove(&mut self, path: &Path) -> bool {
        self.files.remove(path).is_some()
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }

    /// The number of functions summarised.
    pub fn functions(&self) -> usize {
        self.files.values().map(|f| f.functions.len()).sum()
    }

    /// Resolves every call and propagates real sources into callees (bounded): the facts
    /// of every document that has any.
    pub fn facts(&self) -> HashMap<Arc<Path>, Arc<DocumentFacts>> {
        let files: Vec<&FileEntry> = self.files.values().collect();
        propagate::document_facts(&files, &self.go_modules)
    }
}

#[cfg(test)]
mod tests;
