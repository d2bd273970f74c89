//! What can go wrong while learning a rule, each with the file it concerns.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum LearnError {
    #[error("{0}: cannot read: {1}")]
    Read(PathBuf, std::io::Error),
    #[error("{0}: no language for this file (use .py, .js, .ts, .go, .java, .c, .cpp…)")]
    UnknownLanguage(PathBuf),
    #[error("{0}:{1}: {2}")]
    Csv(PathBuf, usize, String),
    #[error("{0}: not a SARIF log bluecode can read: {1}")]
    Sarif(PathBuf, String),
    #[error("no unsafe example among the inputs (a folder needs unsafe/, a CSV `unsafe` rows)")]
    NoUnsafeExamples,
    #[error("the unsafe examples are in several languages ({0}); learn one language at a time")]
    MixedLanguages(String),
    #[error("no call is shared by the unsafe examples' shapes: {0}")]
    NoShape(String),
    #[error("cannot write {0}: {1}")]
    Write(PathBuf, std::io::Error),
}

impl LearnError {
    pub(crate) fn read(path: &Path, e: std::io::Error) -> LearnError {
        LearnError::Read(path.to_owned(), e)
    }
}
