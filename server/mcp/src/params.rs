//! What the tools and the prompt take and give, typed: their JSON schemas (what clients
//! list and validate against) are derived from these structs. Depends on nothing else in
//! the crate.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The threat model a review runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ProfileParam {
    /// A deployed application: request data and routed handlers' parameters are sources.
    Application,
    /// A package with an API: exported functions' parameters are sources too.
    Library,
    /// Code on its own: every parameter, argv, the environment and stdin are sources.
    Snippet,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewCodeParams {
    /// The code to review (at most 512 KiB).
    pub code: String,
    /// python, javascript, typescript, tsx, go, java, c or cpp. May be left out when
    /// `file_name` or `path` has a known extension.
    pub language: Option<String>,
    /// A file name whose extension tells the language (`views.py`); `AGENTS.md` and
    /// other AI instruction files are reviewed as such.
    pub file_name: Option<String>,
    /// Where the code will live, relative to the workspace root: its project's manifest
    /// decides the threat model. Must stay inside the root; the file need not exist.
    pub path: Option<String>,
    /// Overrides the threat model (default: from the project at `path`, else `snippet`).
    pub profile: Option<ProfileParam>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewFileParams {
    /// A file inside the workspace, relative to its root (or absolute under it).
    pub path: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExplainParams {
    /// A constitution id, as findings report it (`py.command-injection`).
    pub id: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    /// Only constitutions for this language (python, javascript, …).
    pub language: Option<String>,
    /// Only this category: vulnerability, malicious, bias or instruction.
    pub category: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyParams {
    /// A Python or JavaScript file inside the workspace.
    pub path: String,
    /// The 1-based line of the finding; the function holding it is run in the sandbox.
    pub line: u32,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct SecureChangeParams {
    /// The change: new code, or a unified diff (its added lines are reviewed).
    pub change: String,
    /// The language of the change, when the file name does not tell it.
    pub language: Option<String>,
    /// The file the change is to.
    pub file_name: Option<String>,
}

/// A position, 1-based; columns count characters.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TraceStepOut {
    pub line: u32,
    pub column: u32,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FixOut {
    pub title: String,
    /// The text that replaces the flagged code.
    pub replacement: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FindingOut {
    /// The constitution the finding breaks; `explain_constitution` explains it.
    pub constitution_id: String,
    pub title: String,
    /// `CWE-78` labels.
    pub cwe: Vec<String>,
    /// error, warning, info or hint.
    pub severity: String,
    /// high, medium or low.
    pub confidence: String,
    pub category: String,
    /// `static` (patterns and taint) or `llm` (the judge).
    pub source: String,
    pub message: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// The function holding the finding (`module` for top-level code).
    pub unit: String,
    /// Source → steps → sink, for data-flow findings.
    pub trace: Vec<TraceStepOut>,
    /// A mechanical fix, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<FixOut>,
    /// How to fix it, from the constitution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix_hint: Option<String>,
    /// Extra context (a lowered severity and why, a sandbox verdict).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Stable across moves and reformatting (what baselines match by).
    pub fingerprint: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ReviewOut {
    /// The language reviewed, or `instructions` for an AI instruction file.
    pub language: String,
    /// The threat model (`snippet: reviewed on its own`).
    pub profile: String,
    /// `off` (not configured), `judged`, or why the judge did not answer.
    pub llm: String,
    pub findings: Vec<FindingOut>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ExampleOut {
    /// `unsafe` or `safe`.
    pub kind: String,
    pub language: String,
    pub code: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ConstitutionOut {
    pub id: String,
    pub title: String,
    pub category: String,
    pub cwe: Vec<String>,
    pub severity: String,
    pub confidence: String,
    pub languages: Vec<String>,
    /// The principle: what must hold, and why.
    pub principle: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix_hint: Option<String>,
    pub examples: Vec<ExampleOut>,
    /// The same as a resource.
    pub resource: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ConstitutionSummary {
    pub id: String,
    pub title: String,
    pub category: String,
    pub cwe: Vec<String>,
    pub severity: String,
    pub languages: Vec<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ListOut {
    pub constitutions: Vec<ConstitutionSummary>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct VerifyOut {
    /// confirmed, not_reproduced or inconclusive.
    pub verdict: String,
    /// The function that was run.
    pub function: String,
    /// What happened, in a sentence.
    pub explanation: String,
    /// The sandbox's report: the payload and sink when confirmed, what was tried
    /// otherwise, timings.
    pub report: serde_json::Value,
}
