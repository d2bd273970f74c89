//! Engine access: resolve the Docker address, connect with bollard, negotiate the API
//! version, and fail fast with "Docker is not running: …" when nothing answers.
//!
//! Depends on [`crate::settings`] and [`crate::error`]. The only module that constructs a
//! bollard client.

use std::path::PathBuf;
use std::time::Duration;

use bollard::{API_DEFAULT_VERSION, Docker};
use serde::Serialize;

use crate::error::SandboxError;
use crate::settings::SandboxSettings;

/// The local socket used when neither the settings nor `DOCKER_HOST` name an engine.
pub const LOCAL_SOCKET: &str = "unix:///var/run/docker.sock";

/// bollard's per-request timeout. Image imports stream hundreds of megabytes, so this is
/// generous; every call that must be quick is bounded by its own `tokio::time::timeout`.
const CLIENT_TIMEOUT_SECS: u64 = 900;

/// Where the engine is and how to talk to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineAddress {
    /// A unix socket (`unix:///var/run/docker.sock`).
    Unix(String),
    /// Plain HTTP over TCP (`tcp://host:2375`).
    Http(String),
    /// TLS over TCP with client certificates from `cert_dir` (`ca.pem`, `cert.pem`, `key.pem`).
    Tls { address: String, cert_dir: PathBuf },
}

impl EngineAddress {
    /// The address as the user wrote it, for messages.
    pub fn display(&self) -> &str {
        match self {
            EngineAddress::Unix(a) | EngineAddress::Http(a) => a,
            EngineAddress::Tls { address, .. } => address,
        }
    }

    /// Resolves the engine address: the `docker_host` setting, else `DOCKER_HOST`, else the
    /// local socket. TLS is used for `https://` and, as the docker CLI does, for `tcp://`
    /// when `DOCKER_TLS_VERIFY` is set to anything but an empty string or `0`.
    pub fn resolve(settings: &SandboxSettings) -> Result<EngineAddress, SandboxError> {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let host = settings
            .docker_host
            .clone()
            .or_else(|| env("DOCKER_HOST"))
            .unwrap_or_else(|| LOCAL_SOCKET.to_owned());
        let tls_verify = env("DOCKER_TLS_VERIFY").is_some_and(|v| v != "0");
        let cert_dir = || {
            env("DOCKER_CERT_PATH")
                .map(PathBuf::from)
                .or_else(|| env("HOME").map(|home| PathBuf::from(home).join(".docker")))
                .unwrap_or_else(|| PathBuf::from(".docker"))
        };
        if host.starts_with("unix://") {
            Ok(EngineAddress::Unix(host))
        } else if host.starts_with("https://") || (host.starts_with("tcp://") && tls_verify) {
            Ok(EngineAddress::Tls {
                address: host,
                cert_dir: cert_dir(),
            })
        } else if host.starts_with("tcp://") || host.starts_with("http://") {
            Ok(EngineAddress::Http(host))
        } else {
            Err(SandboxError::Settings {
                key: "docker_host",
                message: format!("`{host}` must start with unix://, tcp://, http:// or https://"),
            })
        }
    }

    fn client(&self) -> Result<Docker, SandboxError> {
        let unavailable = |e: bollard::errors::Error| {
            SandboxError::EngineUnavailable(format!("{}: {e}", self.display()))
        };
        match self {
            EngineAddress::Unix(path) => {
                Docker::connect_with_unix(path, CLIENT_TIMEOUT_SECS, API_DEFAULT_VERSION)
                    .map_err(unavailable)
            }
            EngineAddress::Http(address) => {
                Docker::connect_with_http(address, CLIENT_TIMEOUT_SECS, API_DEFAULT_VERSION)
                    .map_err(unavailable)
            }
            EngineAddress::Tls { address, cert_dir } => {
                // bollard only notices a missing file during the handshake, as an opaque
                // request error; say which file is missing instead.
                for file in ["ca.pem", "cert.pem", "key.pem"] {
                    if !cert_dir.join(file).is_file() {
                        return Err(SandboxError::Settings {
                            key: "docker_host",
                            message: format!(
                                "TLS to {address} needs {} (set DOCKER_CERT_PATH to the directory \
                                 holding ca.pem, cert.pem and key.pem)",
                                cert_dir.join(file).display()
                            ),
                        });
                    }
                }
                Docker::connect_with_ssl(
                    address,
                    &cert_dir.join("key.pem"),
                    &cert_dir.join("cert.pem"),
                    &cert_dir.join("ca.pem"),
                    CLIENT_TIMEOUT_SECS,
                    API_DEFAULT_VERSION,
                )
                .map_err(|e| {
                    SandboxError::EngineUnavailable(format!(
                        "{address}: cannot use the TLS client certificates in {} \
                     (DOCKER_CERT_PATH, expecting ca.pem, cert.pem, key.pem): {e}",
                        cert_dir.display()
                    ))
                })
            }
        }
    }
}

/// What the engine said about itself when we connected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EngineInfo {
    /// The address we connected to.
    pub address: String,
    /// Engine version (`20.10.24+dfsg1`).
    pub version: String,
    /// The engine's newest API version (`1.41`).
    pub api_version: String,
    /// The API version both sides speak after negotiation.
    pub negotiated_api_version: String,
    /// `linux/amd64` and the like.
    pub platform: String,
}

/// A connected, version-negotiated engine. Cheap to clone (the client is shared).
#[derive(Debug, Clone)]
pub struct Engine {
    pub(crate) docker: Docker,
    info: EngineInfo,
}

impl Engine {
    /// Connects to the engine the settings name and negotiates the API version, giving up
    /// after `connect_timeout_secs` with [`SandboxError::EngineUnavailable`].
    pub async fn connect(settings: &SandboxSettings) -> Result<Engine, SandboxError> {
        settings.validate()?;
        let address = EngineAddress::resolve(settings)?;
        let limit = Duration::from_secs(settings.connect_timeout_secs);
        let shown = address.display().to_owned();
        let not_running = |why: String| SandboxError::EngineUnavailable(format!("{shown}: {why}"));
        let handshake = async {
            let docker = address
                .client()?
                .negotiate_version()
                .await
                .map_err(|e| not_running(e.to_string()))?;
            let version = docker
                .version()
                .await
                .map_err(|e| not_running(e.to_string()))?;
            Ok::<_, SandboxError>((docker, version))
        };
        let (docker, version) = tokio::time::timeout(limit, handshake)
            .await
            .map_err(|_| not_running(format!("no answer within {}s", limit.as_secs())))??;
        let info = EngineInfo {
            address: shown,
            version: version.version.unwrap_or_default(),
            api_version: version.api_version.unwrap_or_default(),
            negotiated_api_version: docker.client_version().to_string(),
            platform: format!(
                "{}/{}",
                version.os.unwrap_or_default(),
                version.arch.unwrap_or_default()
            ),
        };
        tracing::debug!(?info, "connected to the Docker engine");
        Ok(Engine { docker, info })
    }

    /// What the engine reported at connect time.
    pub fn info(&self) -> &EngineInfo {
        &self.info
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_setting_wins_and_schemes_map_to_transports() {
        let with = |host: &str| SandboxSettings {
            docker_host: Some(host.to_owned()),
            ..SandboxSettings::default()
        };
        assert_eq!(
            EngineAddress::resolve(&with("unix:///tmp/x.sock")).ok(),
            Some(EngineAddress::Unix("unix:///tmp/x.sock".into()))
        );
        assert!(matches!(
            EngineAddress::resolve(&with("https://h:2376")),
            Ok(EngineAddress::Tls { .. })
        ));
        assert!(matches!(
            EngineAddress::resolve(&with("ftp://h")),
            Err(SandboxError::Settings {
                key: "docker_host",
                ..
            })
        ));
    }
}
