//! Verdicts on disk, in a redb file under the user's cache directory, keyed by
//! (unit hash, constitution-set hash, model, prompt version). Depends on `verdict` and
//! `store` (which opens the file: a corrupt one is rebuilt, an unusable one leaves the
//! cache off with a warning; several processes share it).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use redb::{Database, TableDefinition};

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
    /// The user's bluecode cache directory (see [`crate::store::default_dir`]).
    pub fn default_dir() -> Option<PathBuf> {
        crate::store::default_dir()
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
        let db = crate::store::open(dir, FILE_NAME, "LLM cache", |txn| {
            txn.open_table(VERDICTS)?;
            Ok(())
        });
        VerdictCache {
            db: db.map(Arc::new),
            path: Some(dir.join(FILE_NAME)),
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
        let read = || crate::store::read(db, VERDICTS, &key.encode());
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
            crate::store::write(db, VERDICTS, [(key.encode().as_str(), bytes.as_slice())])
        };
        if let Err(e) = write() {
            tracing::warn!(error = %e, "LLM cache write failed");
        }
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
