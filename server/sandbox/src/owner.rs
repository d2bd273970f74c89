//! Who owns a sandbox container: labels written at creation and the liveness check the
//! reaper uses to tell a crashed owner's leftovers from a live process's runs.
//!
//! Depends on the standard library only (it reads `/proc` and the host name).

use std::collections::HashMap;

/// Label present on every container this crate creates.
pub const LABEL_SANDBOX: &str = "bluecode.sandbox";
/// Process id of the creating process.
pub const LABEL_OWNER_PID: &str = "bluecode.owner_pid";
/// Start time (clock ticks since boot) of the creating process, so a reused pid is not
/// mistaken for the owner.
pub const LABEL_OWNER_START: &str = "bluecode.owner_start";
/// Host name of the creating machine: pids mean nothing across machines sharing a remote
/// engine.
pub const LABEL_OWNER_HOST: &str = "bluecode.owner_host";

/// The identity of a process that owns containers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub pid: u32,
    pub start: Option<u64>,
    pub host: String,
}

impl Owner {
    /// This process.
    pub fn current() -> Owner {
        let pid = std::process::id();
        Owner {
            pid,
            start: process_start(pid),
            host: host_name(),
        }
    }

    /// Labels to put on a container this process creates.
    pub fn labels(&self) -> HashMap<String, String> {
        let mut labels = HashMap::from([
            (LABEL_SANDBOX.to_owned(), "1".to_owned()),
            (LABEL_OWNER_PID.to_owned(), self.pid.to_string()),
            (LABEL_OWNER_HOST.to_owned(), self.host.clone()),
        ]);
        if let Some(start) = self.start {
            labels.insert(LABEL_OWNER_START.to_owned(), start.to_string());
        }
        labels
    }

    /// Reads an owner back from container labels; `None` when the pid label is missing or
    /// malformed (such a container is not ours to judge by pid).
    pub fn from_labels(labels: &HashMap<String, String>) -> Option<Owner> {
        let pid = labels.get(LABEL_OWNER_PID)?.parse().ok()?;
        Some(Owner {
            pid,
            start: labels.get(LABEL_OWNER_START).and_then(|s| s.parse().ok()),
            host: labels.get(LABEL_OWNER_HOST).cloned().unwrap_or_default(),
        })
    }

    /// Whether this owner is a live process on this machine. Owners on other machines are
    /// reported alive: only their own start-up (or the age limit) may reap their runs.
    pub fn is_alive_here(&self, here: &str) -> bool {
        if self.host != here {
            return true;
        }
        match (process_start(self.pid), self.start) {
            (None, _) => false,
            (Some(now), Some(then)) => now == then,
            (Some(_), None) => true,
        }
    }
}

/// The machine's host name, as the kernel reports it.
pub fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_owned())
        .unwrap_or_default()
}

/// Field 22 of `/proc/PID/stat`: the process start time in clock ticks since boot.
fn process_start(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may contain spaces and parentheses: skip past its last ')'.
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(19)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn current_process_round_trips_through_labels_and_is_alive() {
        let me = Owner::current();
        assert!(me.start.is_some());
        let back = Owner::from_labels(&me.labels());
        assert_eq!(back.as_ref(), Some(&me));
        assert!(me.is_alive_here(&me.host));
    }

    #[test]
    fn a_reused_pid_or_a_dead_pid_is_not_alive() {
        let me = Owner::current();
        let reused = Owner {
            start: me.start.map(|s| s + 1),
            ..me.clone()
        };
        assert!(!reused.is_alive_here(&me.host));
        let dead = Owner {
            pid: u32::MAX - 1,
            ..me.clone()
        };
        assert!(!dead.is_alive_here(&me.host));
        let elsewhere = Owner {
            host: "another-machine".into(),
            ..dead
        };
        assert!(elsewhere.is_alive_here(&me.host));
    }
}
