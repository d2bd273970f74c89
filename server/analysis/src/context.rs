//! The context a document is analysed in: the threat-model **profile** (which values an
//! attacker controls) and the file's **role** in its project (source, test, vendored,
//! generated). Both come from the file's path and its project (see `profile.rs` and
//! `scope.rs`); the engine reads the profile when it seeds the taint walk, and the role
//! decides which categories of constitutions report in the file.

use bluecode_constitutions::Category;
use serde::{Deserialize, Serialize};

use crate::finding::Finding;

/// Which values count as attacker-controlled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// A deployed application: request data of recognised frameworks, uploads, headers,
    /// cookies, message payloads and the parameters of routed handlers. Not the command
    /// line, the environment, configuration or the app's own functions' parameters.
    #[default]
    Application,
    /// A package that exports an API: also the parameters of exported functions.
    Library,
    /// Code reviewed on its own (a generated function, a loose file): every parameter,
    /// the command line, the environment and standard input.
    Snippet,
}

impl Profile {
    pub fn name(self) -> &'static str {
        match self {
            Profile::Application => "application",
            Profile::Library => "library",
            Profile::Snippet => "snippet",
        }
    }

    /// Whether sources a local user controls (argv, environment, stdin, `input()`) count.
    pub fn local_sources(self) -> bool {
        self == Profile::Snippet
    }
}

/// What a file is to its project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileRole {
    #[default]
    Source,
    Test,
    Vendored,
    /// Minified bundles and files with a "generated" header.
    Generated,
}

impl FileRole {
    pub fn name(self) -> &'static str {
        match self {
            FileRole::Source => "source",
            FileRole::Test => "test",
            FileRole::Vendored => "vendored",
            FileRole::Generated => "generated",
        }
    }
}

/// Rules about characters that change what a human reader sees.
const HIDDEN_TEXT_RULES: [&str; 2] = ["instr.zero-width", "instr.bidi-control"];

/// The profile and role of one document, with why (shown in hover and JSON output).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AnalysisContext {
    pub profile: Profile,
    /// Why this profile: "bluecode.toml", "no project manifest", "Flask in pyproject.toml".
    pub profile_reason: String,
    pub role: FileRole,
    /// Whether findings of vulnerability and bias constitutions are reported in a file of
    /// this role (the `[scope]` settings, or a "review this file" override).
    pub reviewed: bool,
    /// The project's declared dependencies where its manifest lists them (`package.json`):
    /// a sink whose receiver does not resolve fires only if the project depends on one
    /// of the sink's packages. `None`: not known, so it may.
    pub dependencies: Option<std::sync::Arc<[String]>>,
}

impl Default for AnalysisContext {
    /// A document nobody placed in a project: reviewed on its own.
    fn default() -> Self {
        AnalysisContext::snippet()
    }
}

impl AnalysisContext {
    /// Code reviewed on its own: every parameter is a source, everything is reviewed.
    pub fn snippet() -> AnalysisContext {
        AnalysisContext {
            profile: Profile::Snippet,
            profile_reason: "reviewed on its own".into(),
            role: FileRole::Source,
            reviewed: true,
            dependencies: None,
        }
    }

    /// Whether `finding` is reported in this file: vulnerability and bias findings only
    /// where the file is in scope; malicious and instruction findings everywhere
    /// (supply-chain code hides in vendored and generated files).
    pub fn keeps(&self, finding: &Finding) -> bool {
        // A minified bundle's or a copied library's invisible characters are its Unicode
        // tables and measuring tricks: nobody reads that file, so nothing in it can be
        // reordered for a reader.
        if matches!(self.role, FileRole::Generated | FileRole::Vendored)
            && HIDDEN_TEXT_RULES.contains(&finding.rule_id.as_str())
        {
            return false;
        }
        self.reviewed || !matches!(finding.category, Category::Vulnerability | Category::Bias)
    }

    /// A stable hash input: cached findings depend on the profile and the dependencies.
    pub(crate) fn cache_key(&self) -> u64 {
        let dependencies = self.dependencies.as_deref().map_or(0, |names| {
            xxhash_rust::xxh3::xxh3_64(names.join("\n").as_bytes()) | 1
        });
        (self.profile as u64) ^ dependencies.rotate_left(8)
    }
}

/// Places documents: their profile (detected, or the configured one) and their role.
#[derive(Debug, Default)]
pub struct ContextRules {
    detector: crate::profile::ProfileDetector,
    scope: crate::scope::Scope,
    configured: Option<Profile>,
}

impl ContextRules {
    pub fn new(
        settings: &crate::settings::AnalysisSettings,
    ) -> Result<ContextRules, crate::settings::SettingsError> {
        Ok(ContextRules {
            detector: crate::profile::ProfileDetector::new(),
            scope: crate::scope::Scope::new(settings.scope.clone())?,
            configured: settings.analysis.profile.fixed(),
        })
    }

    /// The context of the file at `path` holding `text`. `path` may be relative to the
    /// current folder; `None` (an untitled buffer) is a snippet.
    pub fn context(&self, path: Option<&std::path::Path>, text: &str) -> AnalysisContext {
        let Some(path) = path else {
            return AnalysisContext::snippet();
        };
        let detected = self.detector.detect(path);
        let (profile, profile_reason) = match self.configured {
            Some(p) => (p, "set in bluecode.toml".to_owned()),
            None => (detected.profile, detected.reason.clone()),
        };
        let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let relative = detected
            .root
            .as_deref()
            .and_then(|root| absolute.strip_prefix(root).ok())
            .map(std::path::Path::to_path_buf)
            .unwrap_or_else(|| {
                path.file_name()
                    .map(std::path::PathBuf::from)
                    .unwrap_or_default()
            });
        let mut role = self.scope.role(&relative, text);
        // A project nested in another one's `examples/`, `tests/` or `vendor/` (a Go
        // module under documentation/examples, a fixture app with its own package.json)
        // is that: its own manifest does not make it shipped code. A `bluecode.toml` is
        // the user's own boundary: the walk stops there.
        let mut inner_root = detected.root.clone();
        for _ in 0..4 {
            if role != FileRole::Source
                || inner_root
                    .as_deref()
                    .is_none_or(|r| r.join("bluecode.toml").is_file())
            {
                break;
            }
            let Some(outer) = inner_root
                .as_deref()
                .and_then(|r| self.detector.detect(r).root)
            else {
                break;
            };
            if let Ok(outer_relative) = absolute.strip_prefix(&outer) {
                role = self.scope.role(outer_relative, text);
            }
            inner_root = Some(outer);
        }
        AnalysisContext {
            profile,
            profile_reason,
            role,
            reviewed: self.scope.reviews(role, &relative),
            dependencies: detected.dependencies.clone(),
        }
    }
}
