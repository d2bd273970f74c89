//! `[sandbox]` settings: which engine and image to use and the limits of every run.
//!
//! Plain serde data (snake_case keys, every key optional) plus validation whose errors name
//! the offending key. Depends only on [`crate::error`].

use serde::{Deserialize, Serialize};

use crate::error::SandboxError;

/// The image bluecode builds with `bluecode sandbox build-image`.
pub const DEFAULT_IMAGE: &str = "bluecode-sandbox:latest";

/// Settings of the sandbox layer, as read from `[sandbox]` in `bluecode.toml` or the editor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "snake_case", deny_unknown_fields)]
pub struct SandboxSettings {
    /// Whether "Verify in sandbox" is offered at all.
    pub enabled: bool,
    /// Image to run; must contain `python3` and `node`.
    pub image: String,
    /// Engine address (`unix:///…`, `tcp://host:port`, `https://host:port`). When absent,
    /// `DOCKER_HOST`, then the local socket. TLS client certificates come from
    /// `DOCKER_CERT_PATH` (`ca.pem`, `cert.pem`, `key.pem`) when `DOCKER_TLS_VERIFY` is set
    /// or the scheme is `https`.
    pub docker_host: Option<String>,
    /// Wall-clock limit of one run, container start to exit.
    pub timeout_secs: u64,
    /// How long to wait for the engine to answer before reporting it as not running.
    pub connect_timeout_secs: u64,
    /// Memory limit (no swap on top).
    pub memory_mb: u64,
    /// Maximum number of processes/threads in the container.
    pub pids_limit: i64,
    /// CPU share, in CPUs (0.5 = half a core).
    pub cpus: f64,
    /// Size of the writable tmpfs work directory.
    pub tmpfs_mb: u64,
}

impl Default for SandboxSettings {
    fn default() -> Self {
        SandboxSettings {
            enabled: true,
            image: DEFAULT_IMAGE.to_owned(),
            docker_host: None,
            timeout_secs: 20,
            connect_timeout_secs: 5,
            memory_mb: 256,
            pids_limit: 64,
            cpus: 1.0,
            tmpfs_mb: 16,
        }
    }
}

impl SandboxSettings {
    /// Checks every value; the error names the first offending key.
    pub fn validate(&self) -> Result<(), SandboxError> {
        fn bad(key: &'static str, message: impl Into<String>) -> Result<(), SandboxError> {
            Err(SandboxError::Settings {
                key,
                message: message.into(),
            })
        }
        if self.image.trim().is_empty() || self.image.chars().any(char::is_whitespace) {
            return bad(
                "image",
                "must be a non-empty image reference without spaces",
            );
        }
        if let Some(host) = &self.docker_host {
            let known = ["unix://", "tcp://", "http://", "https://"];
            if !known.iter().any(|scheme| host.starts_with(scheme)) {
                return bad(
                    "docker_host",
                    format!("`{host}` must start with unix://, tcp://, http:// or https://"),
                );
            }
        }
        if !(1..=600).contains(&self.timeout_secs) {
            return bad("timeout_secs", "must be between 1 and 600 seconds");
        }
        if !(1..=60).contains(&self.connect_timeout_secs) {
            return bad("connect_timeout_secs", "must be between 1 and 60 seconds");
        }
        // Docker refuses less than 6 MB; Python and Node need more than that to start.
        if !(32..=16_384).contains(&self.memory_mb) {
            return bad("memory_mb", "must be between 32 and 16384 MB");
        }
        if !(8..=4096).contains(&self.pids_limit) {
            return bad("pids_limit", "must be between 8 and 4096");
        }
        if !(self.cpus.is_finite() && self.cpus >= 0.01 && self.cpus <= 64.0) {
            return bad("cpus", "must be between 0.01 and 64");
        }
        if !(1..=1024).contains(&self.tmpfs_mb) {
            return bad("tmpfs_mb", "must be between 1 and 1024 MB");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_of(settings: &SandboxSettings) -> Option<&'static str> {
        match settings.validate() {
            Err(SandboxError::Settings { key, .. }) => Some(key),
            _ => None,
        }
    }

    #[test]
    fn defaults_are_valid_and_missing_keys_take_defaults() {
        assert_eq!(SandboxSettings::default().validate().ok(), Some(()));
        let parsed: SandboxSettings =
            serde_json::from_str(r#"{"timeout_secs": 5}"#).unwrap_or_default();
        assert_eq!(parsed.timeout_secs, 5);
        assert_eq!(parsed.image, DEFAULT_IMAGE);
        assert_eq!(parsed.memory_mb, 256);
    }

    #[test]
    fn unknown_keys_are_rejected() {
        let parsed = serde_json::from_str::<SandboxSettings>(r#"{"timeout": 5}"#);
        assert!(parsed.is_err());
    }

    #[test]
    fn each_bad_value_names_its_key() {
        let base = SandboxSettings::default();
        let cases: Vec<(SandboxSettings, &str)> = vec![
            (
                SandboxSettings {
                    image: " ".into(),
                    ..base.clone()
                },
                "image",
            ),
            (
                SandboxSettings {
                    docker_host: Some("ssh://x".into()),
                    ..base.clone()
                },
                "docker_host",
            ),
            (
                SandboxSettings {
                    timeout_secs: 0,
                    ..base.clone()
                },
                "timeout_secs",
            ),
            (
                SandboxSettings {
                    connect_timeout_secs: 0,
                    ..base.clone()
                },
                "connect_timeout_secs",
            ),
            (
                SandboxSettings {
                    memory_mb: 4,
                    ..base.clone()
                },
                "memory_mb",
            ),
            (
                SandboxSettings {
                    pids_limit: 1,
                    ..base.clone()
                },
                "pids_limit",
            ),
            (
                SandboxSettings {
                    cpus: f64::NAN,
                    ..base.clone()
                },
                "cpus",
            ),
            (
                SandboxSettings {
                    tmpfs_mb: 0,
                    ..base.clone()
                },
                "tmpfs_mb",
            ),
        ];
        for (settings, key) in cases {
            assert_eq!(key_of(&settings), Some(key), "{settings:?}");
        }
        let message = SandboxSettings {
            memory_mb: 4,
            ..base
        }
        .validate()
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(message.contains("`memory_mb`"), "{message}");
    }
}
