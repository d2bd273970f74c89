//! The committed project list, `tests/real-code/projects.toml`: which real projects the
//! noise benchmark fetches, at which pinned version and checksum, and which folder of the
//! unpacked archive is the project.

use std::path::Path;

use anyhow::{Context, bail};
use serde::Deserialize;

/// How a project is fetched; each names the registry client that does it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ecosystem {
    Pypi,
    Npm,
    DebSource,
    Deb,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub name: String,
    pub ecosystem: Ecosystem,
    pub package: String,
    pub version: String,
    pub file: String,
    pub sha256: String,
    pub root: String,
    pub language: String,
    pub kind: String,
    pub about: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProjectList {
    project: Vec<Project>,
}

/// Reads and checks the list: unique names, a 64-hex checksum, a relative `root`.
pub fn load(path: &Path) -> anyhow::Result<Vec<Project>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let list: ProjectList =
        toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    let mut seen = std::collections::BTreeSet::new();
    for p in &list.project {
        if !seen.insert(p.name.as_str()) {
            bail!("{}: project `{}` is listed twice", path.display(), p.name);
        }
        if p.sha256.len() != 64 || !p.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            bail!(
                "{}: project `{}` needs a sha256 of 64 hex digits",
                path.display(),
                p.name
            );
        }
        let unsafe_path = |s: &str| s.starts_with('/') || s.split('/').any(|c| c == "..");
        if unsafe_path(&p.root) || unsafe_path(&p.file) || p.file.contains('/') {
            bail!(
                "{}: project `{}` has a `root` or `file` outside its folder",
                path.display(),
                p.name
            );
        }
        if !matches!(p.kind.as_str(), "application" | "library") {
            bail!(
                "{}: project `{}`: kind is `application` or `library`",
                path.display(),
                p.name
            );
        }
    }
    Ok(list.project)
}

impl Project {
    /// `name-version` with characters unsafe in a folder name replaced.
    pub fn slug(&self) -> String {
        format!("{}-{}", self.name, self.version)
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "._+-".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    }
}
