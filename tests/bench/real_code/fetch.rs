//! Fetches a project by name and pinned version with the ordinary registry clients (pip,
//! npm, apt-get), checks the file's sha256 and unpacks it under the cache. A project is
//! fetched once; later runs reuse `src/<name>-<version>/` when its `.unpacked` marker exists.
//!
//! Debian source packages need a deb-src index: it is built in a private apt state under
//! the cache from the host's own apt source entries (each `deb` entry gets a `deb-src`
//! twin), so nothing on the host changes and no mirror name is written into the repository.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::projects::{Ecosystem, Project};

const UNPACKED_MARKER: &str = ".unpacked";

/// The project's folder, fetched and unpacked if needed.
pub fn ensure(project: &Project, cache: &Path) -> anyhow::Result<PathBuf> {
    let unpacked = cache.join("src").join(project.slug());
    let root = unpacked.join(&project.root);
    if unpacked.join(UNPACKED_MARKER).is_file() {
        return Ok(root);
    }
    let downloads = cache.join("downloads").join(project.slug());
    std::fs::create_dir_all(&downloads)?;
    let archive = downloads.join(&project.file);
    if !archive.is_file() {
        eprintln!(
            "fetching {} {} ({:?})",
            project.package, project.version, project.ecosystem
        );
        download(project, &downloads, cache)?;
    }
    if !archive.is_file() {
        bail!(
            "{}: the registry client ran but {} is missing (is `file` right?)",
            project.name,
            archive.display()
        );
    }
    let actual = sha256(&archive)?;
    if actual != project.sha256.to_ascii_lowercase() {
        bail!(
            "{}: sha256 of {} is {actual}, projects.toml pins {}",
            project.name,
            archive.display(),
            project.sha256
        );
    }
    if unpacked.exists() {
        std::fs::remove_dir_all(&unpacked)?;
    }
    std::fs::create_dir_all(&unpacked)?;
    match project.ecosystem {
        Ecosystem::Deb => run(
            Command::new("dpkg-deb")
                .arg("-x")
                .arg(&archive)
                .arg(&unpacked),
            "dpkg-deb -x",
        )?,
        _ => run(
            Command::new("tar")
                .arg("-xf")
                .arg(&archive)
                .arg("-C")
                .arg(&unpacked)
                .arg("--no-same-owner"),
            "tar -xf",
        )?,
    }
    if !root.is_dir() {
        bail!(
            "{}: `root` {} is not a folder of the unpacked archive",
            project.name,
            project.root
        );
    }
    std::fs::write(unpacked.join(UNPACKED_MARKER), &project.sha256)?;
    Ok(root)
}

fn download(project: &Project, dest: &Path, cache: &Path) -> anyhow::Result<()> {
    let spec_eq = format!("{}=={}", project.package, project.version);
    let spec_at = format!("{}@{}", project.package, project.version);
    let spec_deb = format!("{}={}", project.package, project.version);
    match project.ecosystem {
        Ecosystem::Pypi => run(
            Command::new("python3")
                .args([
                    "-m",
                    "pip",
                    "download",
                    "-q",
                    "--no-deps",
                    "--no-binary",
                    ":all:",
                ])
                .arg(&spec_eq)
                .arg("-d")
                .arg(dest),
            "pip download",
        ),
        Ecosystem::Npm => run(
            Command::new("npm")
                .args(["pack", "--silent", &spec_at, "--pack-destination"])
                .arg(dest),
            "npm pack",
        ),
        Ecosystem::DebSource => {
            // Only the upstream tarball is used; a mirror that lacks the Debian diff makes
            // apt-get fail after saving the tarball, which the sha256 check then vouches for.
            let fetched = run(
                apt(cache, "apt-get")?
                    .args(["source", "--download-only", "-q", &spec_deb])
                    .current_dir(dest),
                "apt-get source --download-only",
            );
            match fetched {
                Err(e) if dest.join(&project.file).is_file() => {
                    eprintln!(
                        "note: {}: {e:#} (the upstream tarball arrived)",
                        project.name
                    );
                    Ok(())
                }
                other => other,
            }
        }
        Ecosystem::Deb => run(
            apt(cache, "apt-get")?
                .args(["download", "-q", &spec_deb])
                .current_dir(dest),
            "apt-get download",
        ),
    }
}

/// An apt command that reads the private source list (deb and deb-src twins of the host's
/// entries) and keeps its indexes under `cache/apt`; `apt-get update` runs once.
fn apt(cache: &Path, program: &str) -> anyhow::Result<Command> {
    let dir = cache.join("apt");
    let parts = dir.join("sources.list.d");
    let lists = dir.join("lists");
    let options = |cmd: &mut Command| {
        cmd.arg("-o")
            .arg("Dir::Etc::SourceList=/dev/null")
            .arg("-o")
            .arg(format!("Dir::Etc::SourceParts={}", parts.display()))
            .arg("-o")
            .arg(format!("Dir::State::Lists={}", lists.display()))
            .arg("-o")
            .arg(format!("Dir::Cache={}", dir.join("cache").display()))
            .arg("-o")
            .arg("APT::Sandbox::User=root");
    };
    if !dir.join(".updated").is_file() {
        std::fs::create_dir_all(lists.join("partial"))?;
        std::fs::create_dir_all(dir.join("cache").join("archives").join("partial"))?;
        std::fs::create_dir_all(&parts)?;
        write_source_twins(&parts)?;
        let mut update = Command::new("apt-get");
        options(&mut update);
        run(
            update.args(["update", "-q"]),
            "apt-get update (private deb-src index)",
        )?;
        std::fs::write(dir.join(".updated"), "")?;
    }
    let mut cmd = Command::new(program);
    options(&mut cmd);
    Ok(cmd)
}

/// Copies the host's enabled apt sources (`sources.list` and `sources.list.d/*.list`,
/// `*.sources`), adding a `deb-src` twin to every `deb` entry.
fn write_source_twins(parts: &Path) -> anyhow::Result<()> {
    let mut one_line = String::new();
    let mut deb822 = String::new();
    let mut files = vec![PathBuf::from("/etc/apt/sources.list")];
    if let Ok(dir) = std::fs::read_dir("/etc/apt/sources.list.d") {
        let mut found: Vec<PathBuf> = dir.flatten().map(|e| e.path()).collect();
        found.sort();
        files.extend(found);
    }
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        match file.extension().and_then(|e| e.to_str()) {
            Some("sources") => {
                for line in text.lines() {
                    match line.trim() {
                        "Types: deb" => deb822.push_str("Types: deb deb-src\n"),
                        _ => {
                            deb822.push_str(line);
                            deb822.push('\n');
                        }
                    }
                }
                deb822.push('\n');
            }
            Some("list") => {
                for line in text.lines() {
                    one_line.push_str(line);
                    one_line.push('\n');
                    if let Some(rest) = line.trim_start().strip_prefix("deb ") {
                        one_line.push_str("deb-src ");
                        one_line.push_str(rest);
                        one_line.push('\n');
                    }
                }
            }
            _ => {}
        }
    }
    if one_line.trim().is_empty() && deb822.trim().is_empty() {
        bail!("no apt sources found under /etc/apt to derive a deb-src entry from");
    }
    std::fs::write(parts.join("host.list"), one_line)?;
    std::fs::write(parts.join("host.sources"), deb822)?;
    Ok(())
}

fn sha256(path: &Path) -> anyhow::Result<String> {
    let out = Command::new("sha256sum")
        .arg(path)
        .output()
        .context("running sha256sum")?;
    if !out.status.success() {
        bail!("sha256sum {} failed", path.display());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    Ok(text
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string())
}

fn run(cmd: &mut Command, what: &str) -> anyhow::Result<()> {
    let out = cmd
        .output()
        .with_context(|| format!("cannot start {what}"))?;
    if !out.status.success() {
        bail!(
            "{what} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}
