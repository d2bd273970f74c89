//! The hardened container definition and the guard that always removes a container.
//!
//! Every run uses [`hardened_config`]: no network, all capabilities dropped,
//! no-new-privileges, read-only root, a small size-limited tmpfs at `/work`, memory (no
//! swap) / pids / CPU limits, a non-root user, no mounts from the host, no logs kept by the
//! engine. [`ContainerGuard`] removes the container when the run ends on any path,
//! including a dropped future. Depends on [`crate::settings`] and [`crate::owner`].

use std::collections::HashMap;

use bollard::Docker;
use bollard::models::{ContainerCreateBody, HostConfig, HostConfigLogConfig, ResourcesUlimits};
use bollard::query_parameters::RemoveContainerOptionsBuilder;

use crate::owner::Owner;
use crate::settings::SandboxSettings;

/// The writable work directory inside the container (a tmpfs).
pub const WORK_DIR: &str = "/work";
/// `nobody:nogroup` in Debian; any non-zero id works as nothing is owned by it.
pub const SANDBOX_USER: &str = "65534:65534";

/// The create-container body for one hardened run of `argv`, its program fed on stdin.
pub(crate) fn hardened_config(
    settings: &SandboxSettings,
    argv: Vec<String>,
    owner: &Owner,
) -> ContainerCreateBody {
    let memory_bytes =
        i64::try_from(settings.memory_mb.saturating_mul(1024 * 1024)).unwrap_or(i64::MAX);
    // 1e9 nano-CPUs per CPU; validation bounds `cpus` to 0.01..=64, so this cannot overflow.
    let nano_cpus = (settings.cpus * 1e9).round() as i64;
    let ulimit = |name: &str, value: i64| ResourcesUlimits {
        name: Some(name.to_owned()),
        soft: Some(value),
        hard: Some(value),
    };
    let host_config = HostConfig {
        network_mode: Some("none".to_owned()),
        cap_drop: Some(vec!["ALL".to_owned()]),
        security_opt: Some(vec!["no-new-privileges".to_owned()]),
        readonly_rootfs: Some(true),
        // noexec: harnesses are run by an interpreter, so nothing in /work needs exec; the
        // size limit bounds disk-fill attempts (tmpfs pages also count against memory).
        tmpfs: Some(HashMap::from([(
            WORK_DIR.to_owned(),
            format!(
                "rw,nosuid,nodev,noexec,size={}m,mode=1777",
                settings.tmpfs_mb
            ),
        )])),
        memory: Some(memory_bytes),
        memory_swap: Some(memory_bytes),
        pids_limit: Some(settings.pids_limit),
        nano_cpus: Some(nano_cpus),
        ulimits: Some(vec![ulimit("nofile", 256), ulimit("core", 0)]),
        // No /dev/shm: it would be a second writable place.
        ipc_mode: Some("none".to_owned()),
        privileged: Some(false),
        oom_score_adj: Some(1000),
        // Output comes back over the attach stream; keeping a log would let a chatty
        // program fill the host's disk.
        log_config: Some(HostConfigLogConfig {
            typ: Some("none".to_owned()),
            config: None,
        }),
        ..HostConfig::default()
    };
    ContainerCreateBody {
        image: Some(settings.image.clone()),
        cmd: Some(argv),
        entrypoint: Some(Vec::new()),
        user: Some(SANDBOX_USER.to_owned()),
        // No working_dir: Docker 20.10 re-creates it as 0755 root over the tmpfs, and the
        // sandbox user could then not write there. Harnesses chdir to WORK_DIR themselves.
        hostname: Some("sandbox".to_owned()),
        env: Some(vec![
            format!("HOME={WORK_DIR}"),
            format!("TMPDIR={WORK_DIR}"),
            "PATH=/usr/local/bin:/usr/bin:/bin".to_owned(),
            "LANG=C.UTF-8".to_owned(),
            "PYTHONDONTWRITEBYTECODE=1".to_owned(),
        ]),
        attach_stdin: Some(true),
        attach_stdout: Some(true),
        attach_stderr: Some(true),
        open_stdin: Some(true),
        stdin_once: Some(true),
        tty: Some(false),
        network_disabled: Some(true),
        labels: Some(owner.labels()),
        host_config: Some(host_config),
        ..ContainerCreateBody::default()
    }
}

/// Removes a container (forcefully, with its anonymous volumes) when dropped, unless
/// [`ContainerGuard::remove`] already did. Dropping spawns the removal on the current tokio
/// runtime, so a cancelled or dropped run still cleans up; if no runtime is left (process
/// exit), the start-up reaper removes the container next time.
#[derive(Debug)]
pub(crate) struct ContainerGuard {
    docker: Docker,
    id: String,
    armed: bool,
}

impl ContainerGuard {
    pub(crate) fn new(docker: Docker, id: String) -> Self {
        ContainerGuard {
            docker,
            id,
            armed: true,
        }
    }

    pub(crate) fn id(&self) -> &str {
        &self.id
    }

    /// Removes the container now and waits for the engine to confirm.
    pub(crate) async fn remove(mut self) {
        self.armed = false;
        remove_container(&self.docker, &self.id).await;
    }
}

impl Drop for ContainerGuard {
    fn drop(&mut self) {
        if !self.armed {
            return;
        }
        let docker = self.docker.clone();
        let id = std::mem::take(&mut self.id);
        match tokio::runtime::Handle::try_current() {
            Ok(handle) => {
                handle.spawn(async move { remove_container(&docker, &id).await });
            }
            Err(_) => {
                tracing::warn!(container = %id, "no runtime to remove the container; the start-up reaper will")
            }
        }
    }
}

/// Force-removes a container; a container that is already gone counts as removed.
pub(crate) async fn remove_container(docker: &Docker, id: &str) {
    let options = RemoveContainerOptionsBuilder::default()
        .force(true)
        .v(true)
        .build();
    match docker.remove_container(id, Some(options)).await {
        Ok(()) => tracing::debug!(container = %id, "removed sandbox container"),
        Err(bollard::errors::Error::DockerResponseServerError {
            status_code: 404, ..
        }) => {}
        Err(e) => tracing::warn!(container = %id, error = %e, "could not remove sandbox container"),
    }
}
