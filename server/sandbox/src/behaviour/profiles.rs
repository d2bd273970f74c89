//! Behaviour profiles: which recorded events confirm which malicious constitution, read from
//! the embedded `profiles.toml` (data, not code: a profile names its constitutions and the
//! shapes of behaviour that confirm them). Depends on [`super::BehaviourEvent`] only.

use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use super::BehaviourEvent;

/// The profiles, as shipped.
const PROFILES_TOML: &str = include_str!("profiles.toml");

#[derive(Debug, Deserialize)]
struct ProfilesFile {
    profile: Vec<ProfileSpec>,
}

#[derive(Debug, Deserialize)]
struct ProfileSpec {
    name: String,
    describes: String,
    constitutions: Vec<String>,
    shapes: Vec<Vec<ConditionSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConditionSpec {
    /// Event kinds, `|`-separated (`fetch|connect`).
    kind: String,
    target: Option<String>,
    target_not: Option<String>,
    extra: Option<String>,
    extra_not: Option<String>,
    /// How many distinct matching events the condition needs (default 1): "many files".
    at_least: Option<usize>,
}

/// One behaviour profile, its regular expressions compiled.
#[derive(Debug)]
pub struct Profile {
    /// `secret-read`, `reverse-shell`…
    pub name: String,
    /// What a confirmation means, in words ("opened a credential or system secret file").
    pub describes: String,
    /// The constitution ids it speaks for.
    pub constitutions: Vec<String>,
    shapes: Vec<Vec<Condition>>,
}

#[derive(Debug)]
struct Condition {
    kinds: Vec<String>,
    target: Option<Regex>,
    target_not: Option<Regex>,
    extra: Option<Regex>,
    extra_not: Option<Regex>,
    at_least: usize,
}

impl Condition {
    fn matches(&self, event: &BehaviourEvent) -> bool {
        let is = |re: &Option<Regex>, text: &str, wanted: bool| {
            re.as_ref().is_none_or(|re| re.is_match(text) == wanted)
        };
        self.kinds.contains(&event.kind)
            && is(&self.target, &event.target, true)
            && is(&self.target_not, &event.target, false)
            && is(&self.extra, &event.extra, true)
            && is(&self.extra_not, &event.extra, false)
    }
}

impl Profile {
    /// The events that confirm this profile (the first `at_least` matches of each condition
    /// of the first shape met), or `None` when no shape is met.
    pub fn confirmed_by<'a>(
        &self,
        events: &'a [BehaviourEvent],
    ) -> Option<Vec<&'a BehaviourEvent>> {
        self.shapes.iter().find_map(|shape| {
            let mut matched = Vec::new();
            for condition in shape {
                let hits: Vec<&BehaviourEvent> = events
                    .iter()
                    .filter(|e| condition.matches(e))
                    .take(condition.at_least)
                    .collect();
                if hits.len() < condition.at_least {
                    return None;
                }
                matched.extend(hits);
            }
            Some(matched)
        })
    }
}

/// Parses and compiles a profiles file.
fn parse(text: &str) -> Result<Vec<Profile>, String> {
    let file: ProfilesFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let compile = |pattern: &Option<String>| -> Result<Option<Regex>, String> {
        pattern
            .as_deref()
            .map(|p| Regex::new(p).map_err(|e| format!("`{p}`: {e}")))
            .transpose()
    };
    file.profile
        .into_iter()
        .map(|spec| {
            let shapes = spec
                .shapes
                .iter()
                .map(|shape| {
                    shape
                        .iter()
                        .map(|c| {
                            Ok(Condition {
                                kinds: c.kind.split('|').map(str::to_owned).collect(),
                                target: compile(&c.target)?,
                                target_not: compile(&c.target_not)?,
                                extra: compile(&c.extra)?,
                                extra_not: compile(&c.extra_not)?,
                                at_least: c.at_least.unwrap_or(1).max(1),
                            })
                        })
                        .collect::<Result<Vec<_>, String>>()
                })
                .collect::<Result<Vec<_>, String>>()
                .map_err(|e| format!("profile `{}`: {e}", spec.name))?;
            Ok(Profile {
                name: spec.name,
                describes: spec.describes,
                constitutions: spec.constitutions,
                shapes,
            })
        })
        .collect()
}

/// The shipped profiles (a broken file is a build defect, caught by the unit tests; here it
/// yields no profiles and a logged error rather than a panic).
pub fn profiles() -> &'static [Profile] {
    static PROFILES: OnceLock<Vec<Profile>> = OnceLock::new();
    PROFILES.get_or_init(|| {
        parse(PROFILES_TOML).unwrap_or_else(|e| {
            tracing::error!(error = %e, "the behaviour profiles do not parse");
            Vec::new()
        })
    })
}

/// The profiles that speak for a constitution id (`mal.reverse-shell`).
pub fn profiles_for(constitution: &str) -> Vec<&'static Profile> {
    profiles()
        .iter()
        .filter(|p| p.constitutions.iter().any(|c| c == constitution))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: &str, target: &str, extra: &str) -> BehaviourEvent {
        BehaviourEvent {
            kind: kind.into(),
            target: target.into(),
            extra: extra.into(),
        }
    }

    #[test]
    fn the_shipped_profiles_parse_and_cover_the_main_classes() {
        assert!(
            parse(PROFILES_TOML).is_ok(),
            "{:?}",
            parse(PROFILES_TOML).err()
        );
        for id in [
            "mal.secret-file-access",
            "mal.credential-exfiltration",
            "mal.process-kill",
            "mal.reverse-shell",
            "mal.download-and-execute",
            "mal.destructive-deletion",
        ] {
            assert!(!profiles_for(id).is_empty(), "{id}");
        }
        assert!(profiles_for("py.sql-injection").is_empty());
    }

    #[test]
    fn every_condition_of_one_shape_must_be_met() {
        let [exfiltration] = profiles_for("mal.credential-exfiltration")[..] else {
            panic!("one exfiltration profile");
        };
        let read = event("open", "/work/home/.ssh/id_rsa", "r");
        let send = event("fetch", "https://x.example/c", "POST 80 bytes");
        assert!(
            exfiltration
                .confirmed_by(std::slice::from_ref(&read))
                .is_none()
        );
        let both = [read.clone(), send.clone()];
        let matched = exfiltration.confirmed_by(&both);
        assert_eq!(matched, Some(vec![&read, &send]));
        let public_key = event("open", "/work/home/.ssh/id_ed25519.pub", "r");
        assert!(
            exfiltration
                .confirmed_by(&[public_key, send.clone()])
                .is_none()
        );
        let own_config = event("open", "/work/project/config.json", "r");
        assert!(exfiltration.confirmed_by(&[own_config, send]).is_none());
    }

    #[test]
    fn a_reload_signal_is_not_a_kill_and_own_signals_do_not_count() {
        let [kill] = profiles_for("mal.process-kill")[..] else {
            panic!("one process-kill profile");
        };
        let reload = event("spawn", "pkill -HUP -f gunicorn: master", "");
        assert!(kill.confirmed_by(&[reload]).is_none());
        assert!(
            kill.confirmed_by(&[event("signal", "4242", "self")])
                .is_none()
        );
        assert!(
            kill.confirmed_by(&[event("spawn", "pkill -9 clamd", "")])
                .is_some()
        );
        assert!(
            kill.confirmed_by(&[event("signal", "-1", "signal 9")])
                .is_some()
        );
    }

    #[test]
    fn ransomware_needs_many_files_read_rewritten_and_removed() {
        let ransomware = profiles_for("mal.ransomware-behavior")
            .into_iter()
            .find(|p| p.name == "ransomware")
            .unwrap_or_else(|| panic!("a ransomware profile"));
        let docs = ["Documents/a.pdf", "Documents/b.docx", "Pictures/c.jpg"];
        let mut events: Vec<BehaviourEvent> = docs
            .iter()
            .flat_map(|d| {
                [
                    event("open", &format!("/work/home/{d}"), "r"),
                    event("open", &format!("/work/home/{d}.locked"), "w"),
                ]
            })
            .collect();
        // A backup tool: read and written, the originals left in place.
        assert!(ransomware.confirmed_by(&events).is_none());
        events.push(event("delete", "/work/home/Documents/a.pdf", "os.remove"));
        events.push(event("delete", "/work/home/Documents/b.docx", "os.remove"));
        assert!(
            ransomware.confirmed_by(&events).is_none(),
            "two are not many"
        );
        events.push(event("rename", "/work/home/Pictures/c.jpg", "/x"));
        let matched = ransomware.confirmed_by(&events).map(|m| m.len());
        assert_eq!(matched, Some(9), "three of each condition");
        // Dotfiles are not the user's documents.
        let dotfiles: Vec<BehaviourEvent> = [".bashrc", ".profile", ".cache/x"]
            .iter()
            .flat_map(|d| {
                ["r", "w"]
                    .map(|m| event("open", &format!("/work/home/{d}"), m))
                    .into_iter()
                    .chain([event("delete", &format!("/work/home/{d}"), "os.remove")])
            })
            .collect();
        assert!(ransomware.confirmed_by(&dotfiles).is_none());
    }

    #[test]
    fn a_keyboard_hook_counts_only_when_the_typed_keys_leave() {
        let [keylogger] = profiles_for("mal.keylogger")[..] else {
            panic!("one keylogger profile");
        };
        let hook = event("hook", "keyboard", "document keydown");
        let beacon = event("fetch", "https://x.example/c", "POST 9 bytes (sendBeacon)");
        assert!(keylogger.confirmed_by(&[hook.clone(), beacon]).is_none());
        let keys = event(
            "fetch",
            "https://x.example/c",
            "POST 9 bytes, carries the typed keys",
        );
        assert!(keylogger.confirmed_by(&[hook, keys.clone()]).is_some());
        let hotkeys = event("hook", "keyboard", "hotkeys <ctrl>+<alt>+r");
        assert!(keylogger.confirmed_by(&[hotkeys, keys]).is_none());
    }

    #[test]
    fn the_own_service_unit_is_not_persistence_without_a_hidden_payload() {
        let [persistence] = profiles_for("mal.persistence")[..] else {
            panic!("one persistence profile");
        };
        let unit = event("open", "/etc/systemd/system/invoice-api.service", "w");
        assert!(
            persistence
                .confirmed_by(std::slice::from_ref(&unit))
                .is_none()
        );
        let payload = event("open", "/work/var/tmp/.journald-flush", "w");
        assert!(persistence.confirmed_by(&[unit, payload]).is_some());
    }

    #[test]
    fn bad_profiles_are_reported_not_panicked_on() {
        let bad = "[[profile]]\nname='x'\ndescribes='y'\nconstitutions=[]\nshapes=[[{kind='open', target='('}]]\n";
        assert!(parse(bad).is_err_and(|e| e.contains("profile `x`")));
        assert!(parse("nonsense").is_err());
    }
}
