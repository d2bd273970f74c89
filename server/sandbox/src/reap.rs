//! Removal of sandbox containers left behind by a crashed or killed owner.
//!
//! Called at start-up (server, CLI): lists containers labelled `bluecode.sandbox=1` and
//! removes those whose owning process is gone, or that are older than any run can last.
//! Depends on [`crate::engine`], [`crate::owner`], `container`.

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bollard::query_parameters::ListContainersOptionsBuilder;

use crate::container::remove_container;
use crate::engine::Engine;
use crate::error::SandboxError;
use crate::owner::{LABEL_SANDBOX, Owner, host_name};

/// No run lasts this long (the timeout is at most 10 minutes); older containers are
/// leftovers whoever owns them.
const MAX_AGE: Duration = Duration::from_secs(3600);

/// What [`reap_leftovers`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReapReport {
    /// Ids of removed containers.
    pub removed: Vec<String>,
    /// Labelled containers left alone because their owner is alive.
    pub kept: usize,
}

/// Lists every container labelled `bluecode.sandbox=1`.
pub(crate) async fn list_sandbox_containers(
    engine: &Engine,
) -> Result<Vec<(String, HashMap<String, String>, i64)>, SandboxError> {
    let filters = HashMap::from([("label".to_owned(), vec![format!("{LABEL_SANDBOX}=1")])]);
    let options = ListContainersOptionsBuilder::default()
        .all(true)
        .filters(&filters)
        .build();
    let containers = engine
        .docker
        .list_containers(Some(options))
        .await
        .map_err(|e| SandboxError::engine("listing sandbox containers", e))?;
    Ok(containers
        .into_iter()
        .filter_map(|c| Some((c.id?, c.labels.unwrap_or_default(), c.created.unwrap_or(0))))
        .collect())
}

/// Removes labelled containers whose owner process is gone (on this machine) or that are
/// older than an hour. Containers of live owners, including this process, are kept.
pub async fn reap_leftovers(engine: &Engine) -> Result<ReapReport, SandboxError> {
    let here = host_name();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let mut report = ReapReport::default();
    for (id, labels, created) in list_sandbox_containers(engine).await? {
        let too_old = now.saturating_sub(created) > MAX_AGE.as_secs() as i64;
        let owner_gone =
            Owner::from_labels(&labels).is_some_and(|owner| !owner.is_alive_here(&here));
        if too_old || owner_gone {
            tracing::info!(container = %id, too_old, owner_gone, "reaping a leftover sandbox container");
            remove_container(&engine.docker, &id).await;
            report.removed.push(id);
        } else {
            report.kept += 1;
        }
    }
    Ok(report)
}
