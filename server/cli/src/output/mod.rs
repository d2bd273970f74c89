//! Scan reports and their renderings (text for people, JSON for tools, SARIF 2.1.0 for
//! code-scanning dashboards). Positions here are 1-based lines and UTF-16 columns
//! converted once, in the scan; renderers only format.

pub mod json;
pub mod sarif;
pub mod text;

use bluecode_analysis::Finding;
use bluecode_analysis::syntax::LineCol;
use bluecode_workspace::baseline::{BaselineState, Fingerprint};

#[derive(Debug, Clone)]
pub struct LocatedStep {
    /// The step's file when it is not the finding's (a flow through another file).
    pub path: Option<String>,
    pub start: LineCol,
    pub end: LineCol,
    pub label: String,
}

/// A finding with its file and positions.
#[derive(Debug, Clone)]
pub struct Located {
    pub path: String,
    pub start: LineCol,
    pub end: LineCol,
    pub trace: Vec<LocatedStep>,
    /// The finding's first line, trimmed.
    pub snippet: String,
    /// The threat-model profile the file was analysed in, and why
    /// (`application: flask in pyproject.toml`); empty when unknown.
    pub profile: String,
    pub finding: Finding,
    /// What the finding is, for baselines (no line in it).
    pub fingerprint: Fingerprint,
    /// Against `--baseline` / `--new-since`: new, unchanged or updated.
    pub baseline_state: Option<BaselineState>,
}

/// A baseline finding no finding of this scan matched (fixed, or its file deleted).
#[derive(Debug, Clone)]
pub struct Absent {
    pub path: String,
    /// 1-based, where it was.
    pub line: u32,
    pub rule_id: String,
    pub message: String,
    pub severity: String,
    pub fingerprint: Fingerprint,
}

/// What a scan was compared with.
#[derive(Debug, Clone)]
pub struct BaselineOutcome {
    /// The baseline file, or the git merge base.
    pub source: String,
    pub absent: Vec<Absent>,
}

#[derive(Debug, Clone)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub files: usize,
    /// Every file read, as shown in the report (findings or not).
    pub scanned: Vec<String>,
    pub findings: Vec<Located>,
    pub skipped: Vec<Skipped>,
    pub duration_ms: u64,
    /// Set when the scan was compared with a baseline.
    pub baseline: Option<BaselineOutcome>,
}
