//! Verdicts on disk, in a redb file under the user's cache directory, keyed by
//! (unit hash, constitution-set hash, model, prompt version). Depends on `verdict` and redb.
//!
//! The cache is an optimisation and never a reason to fail: a corrupt file is deleted and
//! rebuilt with a warning; a file that cannot be used now (locked where the platform has no
//! byte-range locks, a read-only directory) leaves the cache off for this session with a
//! warning. Several processes share the file at once (redb's multi-writer mode).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use redb::{
    ConcurrencyMode, Database, DatabaseError, ReadableDatabase, StorageError, TableDefinition,
};

use crate::verdict::LlmVerdict;

const FILE_NAME: &str = "llm-verdicts.redb";
const VERDICTS: TableDefinition<&str, &[u8]> = TableDefinition::new("verdicts");

/// What a verdict is cached under.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CacheKey {
    /// Hash of everything about the unit that goes into the prompt (redacted code, context,
    /// static findings), with lines relative to the unit's start.
    pub unit_hash: u128,
    pub constitution_set_hash: u128,
    pub model: String,
    pub prompt_version: u32,
}

impl CacheKey {
    fn encode(&self) -> String {
        format!(
            "v{}|{}|{:032x}|{:032x}",
            self.prompt_version, self.model, self.constitution_set_hash, self.unit_hash
        )
    }
}

/// The on-disk verdict store (or a disabled one that remembers nothing).
#[derive(Clone)]
pub struct VerdictCache {
    db: Option<Arc<Database>>,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for VerdictCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerdictCache")
            .field("path", &self.path)
            .field("enabled", &self.db.is_some())
            .finish()
    }
}

impl VerdictCache {
    /// `$XDG_CACHE_HOME/bluecode`, else the platform cache directory (`~/.cache` on Linux)
    /// joined with `bluecode`.
    pub fn default_dir() -> Option<PathBuf> {
        std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(dirs::cache_dir)
            .or_else(|| dirs::home_dir().map(|h| h.join(".cache")))
            .map(|base| base.join("bluecode"))
    }

    /// Opens the cache in [`Self::default_dir`].
    pub fn open_default() -> VerdictCache {
        match Self::default_dir() {
            Some(dir) => Self::open(&dir),
            None => {
                tracing::warn!(
                    "no cache directory could be determined; LLM verdicts are not cached"
                );
                Self::disabled()
            }
        }
    }

    /// A cache that stores nothing.
    pub fn disabled() -> VerdictCache {
        VerdictCache {
            db: None,
            path: None,
        }
    }

    /// Opens (or creates) the cache file in `dir`; never fails, see the module doc.
    pub fn open(dir: &Path) -> VerdictCache {
        let path = dir.join(FILE_NAME);
        if let Err(e) = std::fs::create_dir_all(dir) {
            tracing::warn!(dir = %dir.display(), error = %e, "cannot create the LLM cache directory; caching is off");
            return Self::disabled();
        }
        let db = match open_database(&path) {
            Ok(db) => Some(db),
            Err(OpenFailure::Corrupt(reason)) => {
                tracing::warn!(path = %path.display(), %reason, "LLM cache is corrupt; deleting and rebuilding it");
                match std::fs::remove_file(&path)
                    .map_err(|e| e.to_string())
                    .and_then(|()| open_database(&path).map_err(|e| e.to_string()))
                {
                    Ok(db) => Some(db),
                    Err(e) => {
                        tracing::warn!(path = %path.display(), error = %e, "could not rebuild the LLM cache; caching is off");
                        None
                    }
                }
            }
            Err(OpenFailure::Unavailable(reason)) => {
                tracing::warn!(path = %path.display(), %reason, "LLM cache unavailable; caching is off for this session");
                None
            }
        };
        VerdictCache {
            db: db.map(Arc::new),
            path: Some(path),
        }
    }

    /// Whether verdicts persist.
    pub fn is_persistent(&self) -> bool {
        self.db.is_some()
    }

    /// The cache file, when there is one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The verdict stored under `key`; a damaged entry reads as a miss.
    pub fn get(&self, key: &CacheKey) -> Option<LlmVerdict> {
        let db = self.db.as_ref()?;
        let read = || -> Result<Option<Vec<u8>>, redb::Error> {
            let txn = db.begin_read()?;
            let table = txn.open_table(VERDICTS)?;
            Ok(table
                .get(key.encode().as_str())?
                .map(|v| v.value().to_vec()))
        };
        match read() {
            Ok(Some(bytes)) => match serde_json::from_slice(&bytes) {
                Ok(verdict) => Some(verdict),
                Err(e) => {
                    tracing::warn!(error = %e, "unreadable LLM cache entry; treating as a miss");
                    None
                }
            },
            Ok(None) => None,
            Err(e) => {
                tracing::warn!(error = %e, "LLM cache read failed; treating as a miss");
                None
            }
        }
    }

    /// Stores a verdict; failures are logged, not returned.
    pub fn put(&self, key: &CacheKey, verdict: &LlmVerdict) {
        let Some(db) = self.db.as_ref() else { return };
        let write = || -> Result<(), redb::Error> {
            let bytes = serde_json::to_vec(verdict)
                .map_err(|e| redb::Error::Corrupted(format!("serialising a verdict: {e}")))?;
            let txn = db.begin_write()?;
            {
                let mut table = txn.open_table(VERDICTS)?;
                table.insert(key.encode().as_str(), bytes.as_slice())?;
            }
            txn.commit()?;
            Ok(())
        };
        if let Err(e) = write() {
            tracing::warn!(error = %e, "LLM cache write failed");
        }
    }
}

enum OpenFailure {
    /// The file is damaged or from an incompatible format: rebuild it.
    Corrupt(String),
    /// The file is fine but cannot be used now (locked, permissions): leave it alone.
    Unavailable(String),
}

impl std::fmt::Display for OpenFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenFailure::Corrupt(r) | OpenFailure::Unavailable(r) => f.write_str(r),
        }
    }
}

fn open_database(path: &Path) -> Result<Database, OpenFailure> {
    // Multi-writer mode lets the language server and a `bluecode scan --llm` in a terminal
    // share the cache at once. It needs byte-range locks; where the platform has none, fall
    // back to redb's default whole-file lock (then a second process runs uncached).
    let mut builder = Database::builder();
    builder.set_concurrency_mode(ConcurrencyMode::MultiWriter);
    let db = match builder.create(path) {
        Err(DatabaseError::Storage(StorageError::Unsupported)) => {
            Database::create(path).map_err(classify)?
        }
        other => other.map_err(classify)?,
    };
    // Create the table up front so that readers never see "table does not exist".
    let init = || -> Result<(), redb::Error> {
        let txn = db.begin_write()?;
        txn.open_table(VERDICTS)?;
        txn.commit()?;
        Ok(())
    };
    init().map_err(|e| OpenFailure::Corrupt(e.to_string()))?;
    Ok(db)
}

fn classify(error: DatabaseError) -> OpenFailure {
    match error {
        DatabaseError::DatabaseAlreadyOpen
        | DatabaseError::LockProtocolMismatch
        | DatabaseError::TransactionInProgress => OpenFailure::Unavailable(error.to_string()),
        DatabaseError::Storage(StorageError::Io(io))
            if matches!(
                io.kind(),
                std::io::ErrorKind::PermissionDenied
                    | std::io::ErrorKind::ReadOnlyFilesystem
                    | std::io::ErrorKind::StorageFull
                    | std::io::ErrorKind::WouldBlock
            ) =>
        {
            OpenFailure::Unavailable(io.to_string())
        }
        other => OpenFailure::Corrupt(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::{Confidence, LlmFinding, Verdict};

    fn key(unit: u128) -> CacheKey {
        CacheKey {
            unit_hash: unit,
            constitution_set_hash: 7,
            model: "m".into(),
            prompt_version: 1,
        }
    }

    fn verdict() -> LlmVerdict {
        LlmVerdict {
            verdict: Verdict::Vulnerable,
            findings: vec![LlmFinding {
                line: 2,
                cwe: Some("CWE-78".into()),
                constitution_id: None,
                category: None,
                confidence: Confidence(0.9),
                rationale: "r".into(),
                cited_constitutions: vec![],
            }],
            disputes: vec![],
            partial: false,
        }
    }

    #[test]
    fn survives_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        {
            let cache = VerdictCache::open(dir.path());
            assert!(cache.is_persistent());
            assert_eq!(cache.get(&key(1)), None);
            cache.put(&key(1), &verdict());
        }
        let cache = VerdictCache::open(dir.path());
        assert_eq!(cache.get(&key(1)), Some(verdict()));
        assert_eq!(cache.get(&key(2)), None);
        let other_model = CacheKey {
            model: "n".into(),
            ..key(1)
        };
        assert_eq!(cache.get(&other_model), None);
    }

    #[test]
    fn a_corrupt_file_is_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), vec![0xAB; 10_000]).unwrap();
        let cache = VerdictCache::open(dir.path());
        assert!(cache.is_persistent(), "rebuilt, not disabled");
        assert_eq!(cache.get(&key(1)), None);
        cache.put(&key(1), &verdict());
        assert_eq!(cache.get(&key(1)), Some(verdict()));
    }

    #[test]
    fn two_handles_share_the_file_and_neither_deletes_it() {
        let dir = tempfile::tempdir().unwrap();
        let first = VerdictCache::open(dir.path());
        first.put(&key(1), &verdict());
        let inode_before = file_identity(&dir.path().join(FILE_NAME));
        let second = VerdictCache::open(dir.path());
        assert_eq!(
            file_identity(&dir.path().join(FILE_NAME)),
            inode_before,
            "a file in use is never deleted as corrupt"
        );
        second.put(&key(2), &verdict());
        assert_eq!(first.get(&key(1)), Some(verdict()));
        if second.is_persistent() {
            assert_eq!(second.get(&key(1)), Some(verdict()));
            assert_eq!(first.get(&key(2)), Some(verdict()));
        }
    }

    #[cfg(unix)]
    fn file_identity(path: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).map(|m| m.ino()).unwrap_or(0)
    }

    #[cfg(not(unix))]
    fn file_identity(path: &Path) -> u64 {
        u64::from(path.exists())
    }

    #[test]
    fn disabled_cache_remembers_nothing() {
        let cache = VerdictCache::disabled();
        cache.put(&key(1), &verdict());
        assert_eq!(cache.get(&key(1)), None);
    }
}
