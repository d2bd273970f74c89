//! On-disk stores of bluecode (LLM verdicts, the workspace index): redb files under the
//! user's cache directory, opened so that a store is an optimisation and never a reason to
//! fail. A corrupt file is deleted and rebuilt with a warning; a file that cannot be used
//! now (locked where the platform has no byte-range locks, a read-only directory) leaves
//! the store off for this session with a warning. Several processes share a file at once
//! (redb's multi-writer mode).

use std::path::{Path, PathBuf};

use redb::{
    ConcurrencyMode, Database, DatabaseError, ReadableDatabase, StorageError, TableDefinition,
    WriteTransaction,
};

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

/// Opens (or creates) `dir/file_name`; `init` creates its tables up front so that readers
/// never see "table does not exist". `None` (with a warning naming `what`) when the store
/// cannot be used.
pub fn open(
    dir: &Path,
    file_name: &str,
    what: &str,
    init: impl Fn(&WriteTransaction) -> Result<(), redb::Error>,
) -> Option<Database> {
    let path = dir.join(file_name);
    if let Err(e) = std::fs::create_dir_all(dir) {
        tracing::warn!(dir = %dir.display(), error = %e, "cannot create the directory of the {what}; it is off");
        return None;
    }
    match open_database(&path, &init) {
        Ok(db) => Some(db),
        Err(OpenFailure::Corrupt(reason)) => {
            tracing::warn!(path = %path.display(), %reason, "{what} is corrupt; deleting and rebuilding it");
            match std::fs::remove_file(&path)
                .map_err(|e| e.to_string())
                .and_then(|()| open_database(&path, &init).map_err(|e| e.to_string()))
            {
                Ok(db) => Some(db),
                Err(e) => {
                    tracing::warn!(path = %path.display(), error = %e, "could not rebuild the {what}; it is off");
                    None
                }
            }
        }
        Err(OpenFailure::Unavailable(reason)) => {
            tracing::warn!(path = %path.display(), %reason, "{what} unavailable; it is off for this session");
            None
        }
    }
}

/// The bytes stored under `key` in `table`.
pub fn read(
    db: &Database,
    table: TableDefinition<&str, &[u8]>,
    key: &str,
) -> Result<Option<Vec<u8>>, redb::Error> {
    let txn = db.begin_read()?;
    let table = txn.open_table(table)?;
    Ok(table.get(key)?.map(|v| v.value().to_vec()))
}

/// Stores each `(key, bytes)` in `table`, in one transaction.
pub fn write<'a>(
    db: &Database,
    table: TableDefinition<&str, &[u8]>,
    items: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<(), redb::Error> {
    let txn = db.begin_write()?;
    {
        let mut table = txn.open_table(table)?;
        for (key, bytes) in items {
            table.insert(key, bytes)?;
        }
    }
    txn.commit()?;
    Ok(())
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

fn open_database(
    path: &Path,
    init: &impl Fn(&WriteTransaction) -> Result<(), redb::Error>,
) -> Result<Database, OpenFailure> {
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
    let create_tables = || -> Result<(), redb::Error> {
        let txn = db.begin_write()?;
        init(&txn)?;
        txn.commit()?;
        Ok(())
    };
    create_tables().map_err(|e| OpenFailure::Corrupt(e.to_string()))?;
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
