//! Runs the real `bluecode scan --format json` from a project's folder, as a new user
//! would, reads its findings (with a normalised snippet of each flagged line for triage
//! matching), and counts the project's lines of code.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use bluecode_analysis::syntax::Language;
use serde::Deserialize;

/// Folders the scan itself never enters; the line count skips them too.
const ALWAYS_SKIPPED: [&str; 7] = [
    ".git",
    "node_modules",
    "__pycache__",
    ".venv",
    ".tox",
    ".mypy_cache",
    ".bluecode",
];

/// A finding as the benchmark keeps it.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Relative to the project's root, `/`-separated.
    pub file: String,
    /// 1-based.
    pub line: u32,
    pub rule: String,
    pub category: String,
    pub confidence: String,
    pub severity: String,
    /// The flagged line, whitespace collapsed, at most `SNIPPET_CHARS` characters.
    pub snippet: String,
}

pub struct Scan {
    pub files: usize,
    pub findings: Vec<Finding>,
    pub wall: Duration,
    pub exit_code: i32,
}

#[derive(Deserialize)]
struct JsonReport {
    findings: Vec<JsonFinding>,
    stats: JsonStats,
}

#[derive(Deserialize)]
struct JsonFinding {
    path: String,
    start: JsonPosition,
    rule_id: String,
    category: String,
    severity: String,
    confidence: String,
}

#[derive(Deserialize)]
struct JsonPosition {
    line: u32,
}

#[derive(Deserialize)]
struct JsonStats {
    files: usize,
}

pub const SNIPPET_CHARS: usize = 80;

/// Collapses whitespace and keeps the first `SNIPPET_CHARS` characters, so a row still
/// matches when the line moves or is re-indented.
pub fn normalise_snippet(line: &str) -> String {
    let collapsed = line.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.chars().take(SNIPPET_CHARS).collect()
}

/// `bluecode scan --format json -o REPORT` with the project's root as the working folder.
/// Exit codes 0 and 1 (findings) are normal; anything else is an error.
/// `config` (`BLUECODE_REAL_CODE_CONFIG`: a `bluecode.toml`'s text, and the project's top
/// folder) is the project's `bluecode.toml` for this scan only: the same projects measured
/// with settings other than the defaults (`[analysis] index = true`). It goes in the top
/// folder, where the project's manifests are — the folder with `bluecode.toml` is the
/// workspace root its threat model is read from (a scan root deeper down, ZooKeeper's
/// `zookeeper-server/src/main`, would be a `snippet`). Not `--config`, which makes the
/// config's own folder the root.
pub fn scan(
    bluecode: &Path,
    root: &Path,
    report: &Path,
    config: Option<(&str, &Path)>,
) -> anyhow::Result<Scan> {
    let settings = config.map_or_else(
        || root.join("bluecode.toml"),
        |(_, top)| top.join("bluecode.toml"),
    );
    if let Some((text, _)) = config {
        if settings.exists() {
            bail!("{} has its own bluecode.toml", root.display());
        }
        std::fs::write(&settings, text)?;
    }
    let started = Instant::now();
    let out = Command::new(bluecode)
        .args(["scan", "--format", "json", "--output"])
        .arg(report)
        .current_dir(root)
        .output();
    if config.is_some() {
        std::fs::remove_file(&settings)?;
    }
    let out = out.with_context(|| format!("cannot start {}", bluecode.display()))?;
    let wall = started.elapsed();
    let exit_code = out.status.code().unwrap_or(-1);
    if !matches!(exit_code, 0 | 1) {
        bail!(
            "bluecode scan in {} exited with {}: {}",
            root.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let text =
        std::fs::read_to_string(report).with_context(|| format!("reading {}", report.display()))?;
    let parsed: JsonReport = serde_json::from_str(&text)
        .with_context(|| format!("parsing the JSON report {}", report.display()))?;
    let mut lines_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut findings = Vec::with_capacity(parsed.findings.len());
    for f in parsed.findings {
        let file = relative(&f.path, root);
        let lines = lines_of.entry(file.clone()).or_insert_with(|| {
            std::fs::read(root.join(&file))
                .map(|b| {
                    String::from_utf8_lossy(&b)
                        .lines()
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default()
        });
        let snippet = lines
            .get(f.start.line.saturating_sub(1) as usize)
            .map(|l| normalise_snippet(l))
            .unwrap_or_default();
        findings.push(Finding {
            file,
            line: f.start.line,
            rule: f.rule_id,
            category: f.category,
            confidence: f.confidence,
            severity: f.severity,
            snippet,
        });
    }
    Ok(Scan {
        files: parsed.stats.files,
        findings,
        wall,
        exit_code,
    })
}

fn relative(path: &str, root: &Path) -> String {
    let p = PathBuf::from(path);
    let rel = match p.strip_prefix(root) {
        Ok(r) => r.to_path_buf(),
        Err(_) => p,
    };
    let text = rel.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").unwrap_or(&text).to_string()
}

/// Non-blank lines per language in every file of a language bluecode parses under
/// `root` (`.gitignore` honoured, as the scan does). This is the denominator of
/// findings per 1,000 lines and does not change when the scan's default scope does.
pub fn count_lines(root: &Path) -> BTreeMap<&'static str, u64> {
    let mut counts = BTreeMap::new();
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        .git_global(false)
        .require_git(false)
        .filter_entry(|e| {
            !(e.file_type().is_some_and(|t| t.is_dir())
                && ALWAYS_SKIPPED.contains(&e.file_name().to_string_lossy().as_ref()))
        })
        .build();
    for entry in walker.flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let Some(language) = Language::from_path(entry.path()) else {
            continue;
        };
        let Ok(bytes) = std::fs::read(entry.path()) else {
            continue;
        };
        let non_blank = bytes
            .split(|b| *b == b'\n')
            .filter(|l| l.iter().any(|b| !b.is_ascii_whitespace()))
            .count() as u64;
        *counts.entry(language.name()).or_insert(0) += non_blank;
    }
    counts
}
