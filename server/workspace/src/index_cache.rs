//! The workspace index on disk: each file's entry (its imports, exports and function
//! summaries) as the background build made it, so that reopening a large workspace reads
//! entries instead of analysing every file again. One redb file per workspace root under
//! the user's cache directory (`index-<root hash>.redb`), opened through
//! `bluecode_llm::store` (a corrupt file is rebuilt, an unusable one leaves the cache off).
//!
//! An entry is reused only under the key it was made with: the file's text, the
//! constitution set, the file's analysis context (profile, role, dependencies) and this
//! build of bluecode. Only entries made without index facts are stored — the first round
//! of a build — so a reused entry is exactly what analysing the file would give.

use std::path::{Path, PathBuf};

use bluecode_analysis::index::FileEntry;
use redb::{Database, TableDefinition};

const ENTRIES: TableDefinition<&str, &[u8]> = TableDefinition::new("entries");

/// A stored entry (owned when read, borrowed when written) and the key it was made under.
#[derive(serde::Serialize, serde::Deserialize)]
struct Stored<E> {
    key: u64,
    entry: E,
}

/// Index entries on disk (or nothing, when the store cannot be used).
#[derive(Debug)]
pub struct IndexCache {
    db: Option<Database>,
}

impl IndexCache {
    /// The cache of the workspace at `root`, in the user's cache directory.
    pub fn open_default(root: &Path) -> IndexCache {
        match bluecode_llm::store::default_dir() {
            Some(dir) => IndexCache::open(&dir.join("index"), root),
            None => IndexCache { db: None },
        }
    }

    /// The cache of the workspace at `root`, in `dir`.
    pub fn open(dir: &Path, root: &Path) -> IndexCache {
        let name = format!(
            "index-{:016x}.redb",
            xxhash_rust::xxh3::xxh3_64(root.as_os_str().as_encoded_bytes())
        );
        let db = bluecode_llm::store::open(dir, &name, "index cache", |txn| {
            txn.open_table(ENTRIES)?;
            Ok(())
        });
        IndexCache { db }
    }

    pub fn is_persistent(&self) -> bool {
        self.db.is_some()
    }

    /// The entry stored for `path` under `key`; anything else (another key, a damaged
    /// record, a read error) is a miss.
    pub fn get(&self, path: &Path, key: u64) -> Option<FileEntry> {
        let db = self.db.as_ref()?;
        let read = || bluecode_llm::store::read(db, ENTRIES, &path.to_string_lossy());
        let bytes = match read() {
            Ok(bytes) => bytes?,
            Err(e) => {
                tracing::warn!(error = %e, "index cache read failed; treating as a miss");
                return None;
            }
        };
        match serde_json::from_slice::<Stored<FileEntry>>(&bytes) {
            Ok(stored) if stored.key == key && stored.entry.path.as_ref() == path => {
                Some(stored.entry)
            }
            Ok(_) => None,
            Err(e) => {
                tracing::debug!(error = %e, "unreadable index cache record; a miss");
                None
            }
        }
    }

    /// Stores entries with their keys, in one transaction; failures are logged.
    pub fn put(&self, entries: &[(PathBuf, u64, FileEntry)]) {
        let Some(db) = self.db.as_ref() else { return };
        if entries.is_empty() {
            return;
        }
        let write = || -> Result<(), redb::Error> {
            let mut records = Vec::with_capacity(entries.len());
            for (path, key, entry) in entries {
                let stored = Stored { key: *key, entry };
                let bytes = serde_json::to_vec(&stored).map_err(|e| {
                    redb::Error::Corrupted(format!("serialising an index entry: {e}"))
                })?;
                records.push((path.to_string_lossy().into_owned(), bytes));
            }
            bluecode_llm::store::write(
                db,
                ENTRIES,
                records.iter().map(|(k, v)| (k.as_str(), v.as_slice())),
            )
        };
        if let Err(e) = write() {
            tracing::warn!(error = %e, "index cache write failed");
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use bluecode_analysis::Engine;
    use bluecode_constitutions::ConstitutionSet;

    use super::*;
    use crate::{Workspace, WorkspaceSettings};

    const ROUTES: &str = "from flask import Flask, request\nfrom app.db import run\n\napp = Flask(__name__)\n\n@app.route('/q')\ndef q():\n    run(request.args['q'])\n";

    fn workspace(root: &Path) -> Workspace {
        let set = ConstitutionSet::builtin().expect("built-ins load");
        Workspace::open(
            Some(root.to_owned()),
            WorkspaceSettings::default(),
            Engine::new(Arc::new(set)),
        )
    }

    #[test]
    fn an_entry_is_reused_only_under_the_key_it_was_made_with() {
        let root = tempfile::tempdir().expect("tempdir");
        let cache_dir = tempfile::tempdir().expect("tempdir");
        let path = root.path().join("routes.py");
        std::fs::write(&path, ROUTES).expect("write");
        let workspace = workspace(root.path());
        let entry = workspace
            .summarise_file(&path, ROUTES.to_owned(), None)
            .expect("indexed");
        let key = workspace.summary_key(&path, ROUTES);

        let cache = IndexCache::open(cache_dir.path(), root.path());
        assert!(cache.is_persistent());
        assert_eq!(cache.get(&path, key), None);
        cache.put(&[(path.clone(), key, entry.clone())]);
        drop(cache);

        // Reopened: the same entry, summaries and all.
        let cache = IndexCache::open(cache_dir.path(), root.path());
        assert_eq!(cache.get(&path, key).as_ref(), Some(&entry));
        // An edit changes the key: a miss, never the old summaries.
        let edited = ROUTES.replace("request.args['q']", "'constant'");
        let edited_key = workspace.summary_key(&path, &edited);
        assert_ne!(edited_key, key);
        assert_eq!(cache.get(&path, edited_key), None);
        // Another file is not this one.
        assert_eq!(cache.get(&root.path().join("other.py"), key), None);
    }

    #[test]
    fn a_damaged_cache_file_is_rebuilt_and_loses_nothing_but_time() {
        let root = tempfile::tempdir().expect("tempdir");
        let cache_dir = tempfile::tempdir().expect("tempdir");
        let cache = IndexCache::open(cache_dir.path(), root.path());
        drop(cache);
        let file = std::fs::read_dir(cache_dir.path())
            .expect("listing")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "redb"))
            .expect("a cache file");
        std::fs::write(&file, b"not a redb file at all").expect("damage");
        let cache = IndexCache::open(cache_dir.path(), root.path());
        assert!(cache.is_persistent(), "rebuilt");
        assert_eq!(cache.get(&root.path().join("a.py"), 1), None);
    }

    #[test]
    fn a_cache_directory_that_cannot_be_made_leaves_the_cache_off() {
        let root = tempfile::tempdir().expect("tempdir");
        let blocker = tempfile::NamedTempFile::new().expect("file");
        // A regular file where the directory should be.
        let cache = IndexCache::open(&blocker.path().join("index"), root.path());
        assert!(!cache.is_persistent());
        cache.put(&[]);
        assert_eq!(cache.get(&root.path().join("a.py"), 1), None);
    }
}
