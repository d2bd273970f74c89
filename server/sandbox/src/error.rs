//! The crate's error type: every fallible public function returns [`SandboxError`].
//!
//! Depends on nothing else in the crate. Engine errors are kept as text plus a boxed source
//! so that bollard's types stay out of the public API.

use std::error::Error as StdError;

/// A boxed error source, for errors from the engine client or the file system.
pub type BoxedSource = Box<dyn StdError + Send + Sync + 'static>;

/// Everything that can go wrong in the sandbox layer.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    /// A setting has an invalid value; `key` names it as written in `[sandbox]`.
    #[error("invalid sandbox setting `{key}`: {message}")]
    Settings { key: &'static str, message: String },
    /// No Docker engine answered within the connect timeout.
    #[error("Docker is not running: {0}")]
    EngineUnavailable(String),
    /// The engine answered but an API call failed.
    #[error("Docker engine error while {context}: {source}")]
    Engine {
        context: String,
        #[source]
        source: BoxedSource,
    },
    /// The configured image is absent and could be neither pulled nor built.
    #[error("sandbox image `{image}` is not available: {reason}")]
    ImageUnavailable { image: String, reason: String },
    /// Building the image from a root filesystem failed.
    #[error("building the sandbox image failed: {0}")]
    ImageBuild(String),
    /// Local I/O (reading a root filesystem, running debootstrap) failed.
    #[error("I/O error while {context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    /// The caller cancelled the run; the container has been (or is being) removed.
    #[error("the sandbox run was cancelled")]
    Cancelled,
    /// The verification request cannot be served (unknown language, bad function name).
    #[error("invalid verification request: {0}")]
    InvalidRequest(String),
}

impl SandboxError {
    /// Wraps an engine client error with what we were doing.
    pub(crate) fn engine(context: impl Into<String>, source: impl Into<BoxedSource>) -> Self {
        SandboxError::Engine {
            context: context.into(),
            source: source.into(),
        }
    }

    /// Wraps an I/O error with what we were doing.
    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        SandboxError::Io {
            context: context.into(),
            source,
        }
    }
}
