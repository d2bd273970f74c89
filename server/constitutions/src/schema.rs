//! The constitution data model: what a constitution says (principle, examples) and how it
//! is detected (tree-sitter query or regex patterns, optionally requiring a tainted input).
//! The raw serde structs mirror the file format; validation turns them into these types.

use std::fmt;

use bluecode_syntax::Language;

use crate::lazy_regex::LazyRegex;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Vulnerability,
    Malicious,
    Bias,
    Instruction,
    /// Findings about suppression comments themselves; never used in files.
    Suppression,
}

impl Category {
    pub fn name(self) -> &'static str {
        match self {
            Category::Vulnerability => "vulnerability",
            Category::Malicious => "malicious",
            Category::Bias => "bias",
            Category::Instruction => "instruction",
            Category::Suppression => "suppression",
        }
    }
}

/// Ordered: `Hint < Info < Warning < Error`. `Hint` is what a finding the sandbox could
/// not reproduce drops to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn lowered(self) -> Severity {
        match self {
            Severity::Error => Severity::Warning,
            Severity::Warning => Severity::Info,
            Severity::Info | Severity::Hint => Severity::Hint,
        }
    }
}

/// How sure the engine is that a finding is real. Ordered: `Low < Medium < High`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn name(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExampleKind {
    Unsafe,
    Safe,
}

/// A worked example; every example is a test: unsafe ones must be flagged by their
/// constitution, safe ones must not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub kind: ExampleKind,
    pub language: Language,
    pub code: String,
    /// An example that is a whole non-code file (`AGENTS.md`, `.cursorrules`): the path it
    /// is checked as, through the file-scoped patterns; `language` is then unused.
    pub file: Option<String>,
    /// 1-based line of the example's table in its file.
    pub line: usize,
}

/// A mechanical fix: replace the node captured as `@<capture>` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixTemplate {
    pub capture: String,
    pub replacement: String,
    pub title: String,
}

#[derive(Debug, Clone)]
pub enum PatternKind {
    /// A tree-sitter query; `@sink` marks the reported node, `@input` the value that must
    /// be tainted when the pattern has a taint kind.
    Query { language: Language, source: String },
    /// A regular expression over a unit's own text, and over the whole text of the
    /// non-code files (AGENTS.md) that the constitution's `files` globs name. With its own
    /// `files`, the pattern runs over those files only.
    Regex {
        regex: LazyRegex,
        files: Vec<String>,
    },
}

#[derive(Debug, Clone)]
pub struct Pattern {
    pub kind: PatternKind,
    /// The sink kind (`shell`, `sql`, `path`, …): the finding needs a tainted `@input`
    /// not sanitized for this kind.
    pub taint: Option<String>,
    /// Overrides the constitution's title as the diagnostic message.
    pub message: Option<String>,
    pub confidence: Option<Confidence>,
    pub fix: Option<FixTemplate>,
    /// The pattern applies only where the module's own code (outside every function, with
    /// comments blanked) matches this: a blueprint mounted under `/admin`.
    pub module_matches: Option<regex::Regex>,
    /// The pattern does not apply in a file whose whole text (comments blanked) matches
    /// this: a script that drives a web page's DOM runs in the visitor's browser.
    pub file_not_matches: Option<regex::Regex>,
    /// The APIs the reported call must resolve to (see [`CalleeRule`]).
    pub callee: Option<CalleeRule>,
    /// Queries a node enclosing the `@sink` must match, each by some enclosing node: one
    /// pattern for every nesting depth. Same language as the pattern's query.
    pub inside: Vec<String>,
    /// Queries no node enclosing the `@sink` may match.
    pub not_inside: Vec<String>,
    /// A regex pattern's match is dropped when its text, with one character of context on
    /// each side, matches this (a negation such as "never", a well-known host, a range in a
    /// Unicode table): what the regex crate cannot say with a look-around.
    pub unless: Option<regex::Regex>,
    pub line: usize,
}

/// Modules that come with Node.js, not from a `package.json` dependency.
const NODE_BUILTINS: [&str; 22] = [
    "assert",
    "buffer",
    "child_process",
    "cluster",
    "crypto",
    "dgram",
    "dns",
    "events",
    "fs",
    "http",
    "http2",
    "https",
    "net",
    "os",
    "path",
    "querystring",
    "stream",
    "tls",
    "url",
    "util",
    "vm",
    "zlib",
];

/// `callee = [...]` on a pattern: the call captured as `@sink` must resolve (through
/// imports, aliases and receiver types) to one of these APIs, written as globs over
/// dotted paths (`*` one segment, `**` any text): `lxml.etree.*`,
/// `database/sql.**`, `sqlite3.connect().cursor().execute`. A call that resolves
/// elsewhere never matches; one that cannot be resolved follows `unresolved`.
#[derive(Debug, Clone)]
pub struct CalleeRule {
    pub apis: Vec<String>,
    matcher: regex::Regex,
    pub unresolved: Unresolved,
}

impl CalleeRule {
    /// Compiles the API globs; `None` when they make no valid pattern.
    pub fn new(apis: Vec<String>, unresolved: Unresolved) -> Option<CalleeRule> {
        let alternatives: Vec<String> = apis
            .iter()
            .map(|g| {
                regex::escape(g)
                    .replace(r"\*\*", "\u{1}")
                    .replace(r"\*", "[^.]*")
                    .replace('\u{1}', ".*")
            })
            .collect();
        let matcher = regex::Regex::new(&format!("^(?:{})$", alternatives.join("|"))).ok()?;
        Some(CalleeRule {
            apis,
            matcher,
            unresolved,
        })
    }

    /// Whether a JavaScript project depending on `dependencies` (its `package.json`'s
    /// names, sorted) may have one of the rule's APIs: an API's package is its first
    /// segment (`mongodb` of `mongodb.**`) or its scope (`@typegoose` of
    /// `@typegoose/**`); Node's own modules are always there.
    pub fn may_be_installed(&self, dependencies: &[String]) -> bool {
        self.apis.iter().any(|api| {
            let package = api.split('.').next().unwrap_or(api);
            if package.starts_with("node:") || NODE_BUILTINS.contains(&package) {
                return true;
            }
            match package.strip_suffix("/**") {
                Some(scope) => dependencies.iter().any(|d| {
                    d.strip_prefix(scope)
                        .is_some_and(|rest| rest.starts_with('/'))
                }),
                None => dependencies
                    .binary_search_by(|d| d.as_str().cmp(package))
                    .is_ok(),
            }
        })
    }

    pub fn accepts(&self, api: &str) -> bool {
        self.matcher.is_match(api)
    }
}

/// What a `callee` pattern does with a call it cannot resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unresolved {
    /// Never report it: the method name is shared by many APIs (`get`, `find`, `query`).
    Skip,
    /// Report it at medium confidence at most.
    Medium,
}

impl Pattern {
    /// Whether the pattern's `unless` rules out the match at `range` of `text`: it is
    /// tested on the match with one character of context on each side, so that it can see
    /// what a match sits between (a range `X-Y` in a Unicode table, a quote).
    pub fn ruled_out(&self, text: &str, range: std::ops::Range<usize>) -> bool {
        let Some(unless) = &self.unless else {
            return false;
        };
        let start = text
            .get(..range.start)
            .and_then(|before| before.char_indices().next_back())
            .map_or(range.start, |(i, _)| i);
        let end = text
            .get(range.end..)
            .and_then(|after| after.chars().next())
            .map_or(range.end, |c| range.end + c.len_utf8());
        text.get(start..end)
            .is_some_and(|window| unless.is_match(window))
    }
}

/// One constitution: a safety principle, its examples, and how to detect a breach.
#[derive(Debug, Clone)]
pub struct Constitution {
    pub id: String,
    pub title: String,
    pub category: Category,
    pub cwe: Vec<u32>,
    pub severity: Severity,
    pub confidence: Confidence,
    pub languages: Vec<Language>,
    pub principle: String,
    pub fix_hint: Option<String>,
    /// The sandbox probe kind that can confirm it (`command`, `sql`, `path`, …).
    pub sandbox: Option<String>,
    pub tags: Vec<String>,
    /// Globs of non-code files (AGENTS.md, *.prompt.md) its regex patterns also run over,
    /// in addition to code of its languages.
    pub files: Vec<String>,
    /// The threat-model profiles (`application`, `library`, `snippet`) it reports in;
    /// empty means every one. Server configuration (timeouts, body limits) is the
    /// application's decision, not a library's that wraps it.
    pub profiles: Vec<String>,
    pub patterns: Vec<Pattern>,
    pub examples: Vec<Example>,
    pub origin: crate::load::Origin,
}

impl Constitution {
    /// `CWE-78` style label of the first CWE, if any.
    pub fn cwe_label(&self) -> Option<String> {
        self.cwe.first().map(|c| format!("CWE-{c}"))
    }

    /// API names its query patterns anchor on (`system`, `subprocess`, `loads`…): what
    /// the LLM layer retrieves constitutions by.
    pub fn api_hints(&self) -> Vec<String> {
        let mut hints: Vec<String> = self
            .patterns
            .iter()
            .filter_map(|p| match &p.kind {
                PatternKind::Query { source, .. } => crate::anchors::pattern_anchor(source),
                PatternKind::Regex { .. } => None,
            })
            .flatten()
            .filter(|h| {
                h.chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
            })
            .collect();
        hints.sort();
        hints.dedup();
        hints
    }

    /// The file globs `pattern` runs over: its own `files` (then only those), else the
    /// constitution's. Empty for query patterns.
    pub fn file_globs<'a>(&'a self, pattern: &'a Pattern) -> &'a [String] {
        match &pattern.kind {
            PatternKind::Regex { files, .. } if !files.is_empty() => files,
            PatternKind::Regex { .. } => &self.files,
            PatternKind::Query { .. } => &[],
        }
    }

    /// Whether `selector` (an id, an id prefix ending in `*`, or `CWE-N`) names this one.
    pub fn matches_selector(&self, selector: &str) -> bool {
        if let Some(n) = selector
            .strip_prefix("CWE-")
            .or_else(|| selector.strip_prefix("cwe-"))
        {
            return n.parse::<u32>().is_ok_and(|n| self.cwe.contains(&n));
        }
        match selector.strip_suffix('*') {
            Some(prefix) => self.id.starts_with(prefix),
            None => self.id == selector,
        }
    }
}

pub(crate) mod raw {
    //! The file format as serde sees it.
    use serde::Deserialize;
    use toml::Spanned;

    #[derive(Debug, Deserialize)]
    #[serde(untagged)]
    pub enum OneOrMany {
        One(u32),
        Many(Vec<u32>),
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Constitution {
        pub id: Spanned<String>,
        pub title: String,
        pub category: Spanned<String>,
        #[serde(default)]
        pub cwe: Option<OneOrMany>,
        pub severity: Spanned<String>,
        #[serde(default)]
        pub confidence: Option<Spanned<String>>,
        pub languages: Spanned<Vec<Spanned<String>>>,
        pub principle: Spanned<String>,
        #[serde(default)]
        pub fix_hint: Option<String>,
        #[serde(default)]
        pub sandbox: Option<String>,
        #[serde(default)]
        pub tags: Vec<String>,
        #[serde(default)]
        pub files: Vec<String>,
        #[serde(default)]
        pub profiles: Option<Spanned<Vec<String>>>,
        #[serde(default, rename = "pattern")]
        pub patterns: Vec<Spanned<Pattern>>,
        #[serde(default, rename = "example")]
        pub examples: Vec<Spanned<Example>>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Pattern {
        #[serde(default)]
        pub language: Option<Spanned<String>>,
        #[serde(default)]
        pub query: Option<Spanned<String>>,
        #[serde(default)]
        pub regex: Option<Spanned<String>>,
        #[serde(default)]
        pub files: Vec<String>,
        #[serde(default)]
        pub taint: Option<Spanned<String>>,
        #[serde(default)]
        pub message: Option<String>,
        #[serde(default)]
        pub confidence: Option<Spanned<String>>,
        #[serde(default)]
        pub fix: Option<Spanned<Fix>>,
        #[serde(default)]
        pub module_matches: Option<Spanned<String>>,
        #[serde(default)]
        pub file_not_matches: Option<Spanned<String>>,
        #[serde(default)]
        pub callee: Option<Spanned<Vec<String>>>,
        #[serde(default)]
        pub unresolved: Option<Spanned<String>>,
        #[serde(default)]
        pub inside: Option<Spanned<OneOrManyText>>,
        #[serde(default)]
        pub not_inside: Option<Spanned<OneOrManyText>>,
        #[serde(default)]
        pub unless: Option<Spanned<String>>,
    }

    /// One query, or a list of them.
    #[derive(Debug, Deserialize)]
    #[serde(untagged)]
    pub enum OneOrManyText {
        One(String),
        Many(Vec<String>),
    }

    impl OneOrManyText {
        pub fn to_vec(&self) -> Vec<String> {
            match self {
                OneOrManyText::One(s) => vec![s.clone()],
                OneOrManyText::Many(v) => v.clone(),
            }
        }
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Fix {
        pub capture: String,
        pub replacement: String,
        #[serde(default)]
        pub title: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Example {
        pub kind: Spanned<String>,
        #[serde(default)]
        pub language: Option<Spanned<String>>,
        #[serde(default)]
        pub file: Option<String>,
        pub code: String,
    }
}
