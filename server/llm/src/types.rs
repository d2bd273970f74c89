//! The plain input data the crate works on: a function unit with its context, the static
//! findings on it, and the constitutions it may cite. The integration layer maps the engine's
//! own types onto these. Depends on nothing else in the crate.

use serde::{Deserialize, Serialize};

/// One function unit to judge, with the context the model needs. Lines are 1-based file
/// lines, so the model's line numbers can be checked against the unit's range.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnitInput {
    /// Stable identity across edits (e.g. `src/app.py::Handler.post`): a newer request for
    /// the same id cancels the older one.
    pub unit_id: String,
    /// Workspace-relative path (matched against `exclude`; `.env*` files are redacted whole).
    pub path: String,
    /// Language name as the syntax layer spells it (`python`, `javascript`, ...).
    pub language: String,
    /// The unit's source text.
    pub code: String,
    /// File line of the first line of `code`.
    pub start_line: u32,
    /// The file's import lines.
    pub imports: Vec<String>,
    /// The header of the enclosing class, when the unit is a method.
    pub enclosing_class: Option<String>,
    /// Signatures of same-file functions the unit calls.
    pub callee_signatures: Vec<String>,
    /// Signatures of same-file functions that call the unit (where its inputs come from).
    pub caller_signatures: Vec<String>,
}

/// The `language` of a unit that is a whole AI instruction file (AGENTS.md, .cursorrules…):
/// it is judged as one unit against the `instruction` constitutions, whatever their
/// languages.
pub const INSTRUCTION_FILE: &str = "instruction-file";

impl UnitInput {
    /// A whole AI instruction file as one unit (lines from 1, no code context).
    pub fn instruction_file(path: &str, text: &str) -> UnitInput {
        UnitInput {
            unit_id: format!("{path}::file"),
            path: path.to_owned(),
            language: INSTRUCTION_FILE.to_owned(),
            code: text.to_owned(),
            start_line: 1,
            ..UnitInput::default()
        }
    }

    /// Whether the unit is a whole AI instruction file rather than code.
    pub fn is_instruction_file(&self) -> bool {
        self.language == INSTRUCTION_FILE
    }

    /// File line of the last line of `code`.
    pub fn end_line(&self) -> u32 {
        let lines = self.code.lines().count().max(1) as u32;
        self.start_line.saturating_add(lines - 1)
    }

    /// Whether a file line lies inside the unit.
    pub fn contains_line(&self, line: u32) -> bool {
        (self.start_line..=self.end_line()).contains(&line)
    }
}

/// Diagnostic severity, most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    /// One step less severe (a Hint stays a Hint): how an LLM dispute shows.
    pub fn lowered(self) -> Severity {
        match self {
            Severity::Error => Severity::Warning,
            Severity::Warning => Severity::Information,
            Severity::Information | Severity::Hint => Severity::Hint,
        }
    }
}

/// A finding of the static layer on the unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFinding {
    /// Unique within the unit; the model may dispute it by this id.
    pub id: String,
    pub constitution_id: String,
    /// `CWE-78` style, when one applies.
    pub cwe: Option<String>,
    /// `vulnerability`, `malicious`, `bias` or `instruction`.
    pub category: String,
    /// File line.
    pub line: u32,
    pub severity: Severity,
    pub message: String,
}

/// Where a merged finding came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingSource {
    Static,
    Llm,
}

impl FindingSource {
    /// The diagnostic source string an editor shows.
    pub fn label(self) -> &'static str {
        match self {
            FindingSource::Static => "bluecode",
            FindingSource::Llm => "bluecode (llm)",
        }
    }
}

/// A constitution as the LLM layer needs it: what to retrieve by and what to quote.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConstitutionDoc {
    pub id: String,
    pub title: String,
    pub category: String,
    /// `CWE-78` style ids.
    pub cwe: Vec<String>,
    /// Languages it applies to; empty means all.
    pub languages: Vec<String>,
    pub principle: String,
    pub unsafe_example: String,
    pub safe_example: String,
    /// API names or keywords that suggest it applies (`os.system`, `pickle.loads`).
    pub api_hints: Vec<String>,
}

impl ConstitutionDoc {
    /// Whether it applies to a language (case-insensitive; empty list or `any` = all).
    pub fn applies_to(&self, language: &str) -> bool {
        self.languages.is_empty()
            || self
                .languages
                .iter()
                .any(|l| l.eq_ignore_ascii_case(language) || l == "any" || l == "*")
    }
}

/// What a knowledge-base example shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KnownKind {
    /// A constitution's unsafe example (red-team knowledge).
    Unsafe,
    /// A constitution's safe example: the look-alike that is fine.
    Safe,
    /// Code of this workspace whose finding the sandbox confirmed.
    Confirmed,
    /// Code of this workspace whose finding the team suppressed, with its reason: a
    /// counter-example.
    Accepted,
}

impl KnownKind {
    /// How the prompt labels it.
    pub fn label(self) -> &'static str {
        match self {
            KnownKind::Unsafe => "unsafe",
            KnownKind::Safe => "safe",
            KnownKind::Confirmed => "confirmed in this project's sandbox",
            KnownKind::Accepted => "accepted by this project's reviewers",
        }
    }
}

/// One labelled example in the judge's knowledge base.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct KnownExample {
    pub kind: KnownKind,
    /// Language name as the syntax layer spells it; empty for any.
    pub language: String,
    /// The rule it illustrates (a constitution id), if any.
    pub rule_id: Option<String>,
    pub code: String,
    /// Why: the constitution's title, the sandbox's evidence, the suppression's reason.
    pub note: String,
}

/// `78`, `cwe-78`, `CWE 78` → `CWE-78`; anything else is kept trimmed as written.
pub fn normalize_cwe(raw: &str) -> String {
    let trimmed = raw.trim();
    let digits = trimmed
        .trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .trim_start_matches(['-', ' ', '_', ':']);
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        let prefix = &trimmed[..trimmed.len() - digits.len()];
        let letters: String = prefix.chars().filter(|c| c.is_ascii_alphabetic()).collect();
        if letters.is_empty() || letters.eq_ignore_ascii_case("cwe") {
            return format!("CWE-{digits}");
        }
    }
    trimmed.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cwe_spellings_normalize() {
        assert_eq!(normalize_cwe("78"), "CWE-78");
        assert_eq!(normalize_cwe("cwe-78"), "CWE-78");
        assert_eq!(normalize_cwe(" CWE 89 "), "CWE-89");
        assert_eq!(normalize_cwe("CWE-"), "CWE-");
        assert_eq!(normalize_cwe("OWASP-A1"), "OWASP-A1");
    }

    #[test]
    fn unit_line_range() {
        let unit = UnitInput {
            code: "def f():\n    return 1\n".into(),
            start_line: 10,
            ..UnitInput::default()
        };
        assert_eq!(unit.end_line(), 11);
        assert!(unit.contains_line(10) && unit.contains_line(11));
        assert!(!unit.contains_line(9) && !unit.contains_line(12));
    }

    #[test]
    fn severity_lowers_one_step_and_bottoms_out() {
        assert_eq!(Severity::Error.lowered(), Severity::Warning);
        assert_eq!(Severity::Hint.lowered(), Severity::Hint);
    }
}
