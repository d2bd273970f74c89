//! Loading a constitution set: the built-ins embedded at build time, then each workspace
//! directory (a workspace constitution with a built-in's id replaces it). Files under a
//! `taint/` folder are taint models; every other `*.toml` is one constitution. A broken
//! file is reported with file and line and skipped; the rest of the set still loads.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use bluecode_syntax::Language;
use include_dir::{Dir, include_dir};
use xxhash_rust::xxh3::Xxh3;

use crate::compile::{CompiledLanguage, compile_language, validate_query};
use crate::error::{LoadError, LoadErrors};
use crate::schema::{
    Category, Confidence, Constitution, Example, ExampleKind, FixTemplate, Pattern, PatternKind,
    Severity, raw,
};
use crate::taint_model::{self, SanitizerRule, SourceRule, TaintModel};

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../constitutions");

/// Where a constitution came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Path relative to the repository's `constitutions/` folder.
    Builtin(String),
    Workspace(PathBuf),
}

impl Origin {
    pub fn path(&self) -> PathBuf {
        match self {
            Origin::Builtin(p) => Path::new("constitutions").join(p),
            Origin::Workspace(p) => p.clone(),
        }
    }
}

/// A validated set of constitutions with taint models and compiled queries.
#[derive(Debug)]
pub struct ConstitutionSet {
    constitutions: Vec<Constitution>,
    taint_models: HashMap<Language, TaintModel>,
    compiled: HashMap<Language, OnceLock<CompiledLanguage>>,
    hash: u64,
}

impl ConstitutionSet {
    /// The built-in set alone; any error in it is a bug in bluecode and is returned whole.
    pub fn builtin() -> Result<ConstitutionSet, LoadErrors> {
        let (set, errors) = ConstitutionSet::load(&[]);
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(LoadErrors(errors))
        }
    }

    /// The built-ins plus the `*.toml` files under each directory (missing directories
    /// are fine). Problems are returned beside the set; broken files are left out.
    pub fn load(dirs: &[PathBuf]) -> (ConstitutionSet, Vec<LoadError>) {
        let mut loader = Loader::default();
        let mut builtin_files = Vec::new();
        collect_embedded(&BUILTIN, &mut builtin_files);
        for file in builtin_files {
            let path = file.path().to_string_lossy().into_owned();
            match file.contents_utf8() {
                Some(text) => loader.add_file(Origin::Builtin(path), text),
                None => loader.error(Origin::Builtin(path).path(), 0, "not valid UTF-8".into()),
            }
        }
        for dir in dirs {
            let mut files = Vec::new();
            collect_disk(dir, &mut files, &mut loader.errors);
            files.sort();
            for path in files {
                match std::fs::read(&path) {
                    Ok(bytes) => match String::from_utf8(bytes) {
                        Ok(text) => loader.add_file(Origin::Workspace(path), &text),
                        Err(_) => loader.error(path, 0, "not valid UTF-8".into()),
                    },
                    Err(e) => loader.error(path, 0, format!("cannot read: {e}")),
                }
            }
        }
        loader.finish()
    }

    pub fn constitutions(&self) -> &[Constitution] {
        &self.constitutions
    }

    pub fn get(&self, id: &str) -> Option<&Constitution> {
        self.constitutions.iter().find(|c| c.id == id)
    }

    pub fn taint_model(&self, language: Language) -> Option<&TaintModel> {
        self.taint_models.get(&language)
    }

    /// The combined query and regex rules for files of `language`, compiled on first use:
    /// a scan of Python files never pays for the other grammars.
    pub fn compiled(&self, language: Language) -> Option<&CompiledLanguage> {
        self.compiled
            .get(&language)
            .map(|cell| cell.get_or_init(|| compile_language(language, &self.constitutions)))
    }

    /// Changes whenever any constitution or taint model changes (a cache key).
    pub fn content_hash(&self) -> u64 {
        self.hash
    }
}

fn collect_embedded<'a>(dir: &'a Dir<'a>, out: &mut Vec<&'a include_dir::File<'a>>) {
    for file in dir.files() {
        if file.path().extension().is_some_and(|e| e == "toml") {
            out.push(file);
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

fn collect_disk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<LoadError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
        Err(e) => {
            errors.push(LoadError {
                file: dir.to_owned(),
                line: 0,
                message: format!("cannot read directory: {e}"),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_disk(&path, out, errors);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

#[derive(Default)]
struct Loader {
    constitutions: Vec<Constitution>,
    taint_models: HashMap<Language, TaintModel>,
    errors: Vec<LoadError>,
    hasher: Xxh3,
}

/// Problems found in one file, with the file's text to turn byte spans into lines.
struct FileCheck<'t> {
    file: PathBuf,
    text: &'t str,
    errors: Vec<LoadError>,
    /// Compile each query on its own to report its errors by line. Built-ins skip it:
    /// `cargo test` compiles every one of them, and start-up would pay for it on every run.
    compile_queries: bool,
}

impl FileCheck<'_> {
    fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.text.as_bytes()[..offset]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }

    fn at(&mut self, offset: usize, message: impl Into<String>) {
        let line = self.line_of(offset);
        self.errors.push(LoadError {
            file: self.file.clone(),
            line,
            message: message.into(),
        });
    }
}

impl Loader {
    fn error(&mut self, file: PathBuf, line: usize, message: String) {
        self.errors.push(LoadError {
            file,
            line,
            message,
        });
    }

    fn add_file(&mut self, origin: Origin, text: &str) {
        self.hasher
            .update(origin.path().to_string_lossy().as_bytes());
        self.hasher.update(text.as_bytes());
        let mut check = FileCheck {
            file: origin.path(),
            text,
            errors: Vec::new(),
            compile_queries: !matches!(origin, Origin::Builtin(_)),
        };
        let in_taint_dir = origin
            .path()
            .parent()
            .and_then(|p| p.file_name())
            .is_some_and(|n| n == "taint");
        if in_taint_dir {
            if let Some((language, model)) = parse_taint_model(&mut check) {
                self.taint_models.entry(language).or_default().merge(model);
            }
        } else if let Some(constitution) = parse_constitution(&mut check, origin) {
            match self
                .constitutions
                .iter()
                .position(|c| c.id == constitution.id)
            {
                Some(i) if matches!(constitution.origin, Origin::Workspace(_)) => {
                    self.constitutions[i] = constitution;
                }
                Some(i) => {
                    let other = self.constitutions[i].origin.path();
                    check.at(
                        0,
                        format!(
                            "duplicate id `{}` (also in {})",
                            constitution.id,
                            other.display()
                        ),
                    );
                }
                None => self.constitutions.push(constitution),
            }
        }
        self.errors.extend(check.errors);
    }

    fn finish(self) -> (ConstitutionSet, Vec<LoadError>) {
        let compiled = Language::ALL
            .into_iter()
            .map(|language| (language, OnceLock::new()))
            .collect();
        let set = ConstitutionSet {
            constitutions: self.constitutions,
            taint_models: self.taint_models,
            compiled,
            hash: self.hasher.digest(),
        };
        (set, self.errors)
    }
}

fn toml_error(check: &mut FileCheck, e: toml::de::Error) {
    let offset = e.span().map(|s| s.start).unwrap_or(0);
    check.at(offset, e.message().trim().to_owned());
}

fn parse_taint_model(check: &mut FileCheck) -> Option<(Language, TaintModel)> {
    let raw: taint_model::raw::Model = match toml::from_str(check.text) {
        Ok(raw) => raw,
        Err(e) => {
            toml_error(check, e);
            return None;
        }
    };
    let Some(language) = Language::from_name(&raw.language) else {
        check.at(0, format!("unknown language `{}`", raw.language));
        return None;
    };
    let model = TaintModel {
        sources: raw
            .sources
            .into_iter()
            .map(|s| SourceRule {
                path: taint_model::split_path(&s.path),
                label: s.label,
            })
            .collect(),
        sanitizers: raw
            .sanitizers
            .into_iter()
            .map(|s| SanitizerRule {
                path: taint_model::split_path(&s.path),
                kinds: s.kinds,
            })
            .collect(),
    };
    Some((language, model))
}

fn parse_enum<T>(
    check: &mut FileCheck,
    value: &toml::Spanned<String>,
    what: &str,
    options: &[(&str, T)],
) -> Option<T>
where
    T: Copy,
{
    match options.iter().find(|(name, _)| *name == value.get_ref()) {
        Some((_, v)) => Some(*v),
        None => {
            let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
            check.at(
                value.span().start,
                format!(
                    "invalid {what} `{}`: expected one of {}",
                    value.get_ref(),
                    names.join(", ")
                ),
            );
            None
        }
    }
}

const CATEGORIES: [(&str, Category); 4] = [
    ("vulnerability", Category::Vulnerability),
    ("malicious", Category::Malicious),
    ("bias", Category::Bias),
    ("instruction", Category::Instruction),
];
const SEVERITIES: [(&str, Severity); 4] = [
    ("hint", Severity::Hint),
    ("info", Severity::Info),
    ("warning", Severity::Warning),
    ("error", Severity::Error),
];
const CONFIDENCES: [(&str, Confidence); 3] = [
    ("low", Confidence::Low),
    ("medium", Confidence::Medium),
    ("high", Confidence::High),
];

fn parse_language(check: &mut FileCheck, value: &toml::Spanned<String>) -> Option<Language> {
    let language = Language::from_name(value.get_ref());
    if language.is_none() {
        let names: Vec<&str> = Language::ALL.iter().map(|l| l.name()).collect();
        check.at(
            value.span().start,
            format!(
                "unknown language `{}`: expected one of {}",
                value.get_ref(),
                names.join(", ")
            ),
        );
    }
    language
}

fn parse_constitution(check: &mut FileCheck, origin: Origin) -> Option<Constitution> {
    let raw: raw::Constitution = match toml::from_str(check.text) {
        Ok(raw) => raw,
        Err(e) => {
            toml_error(check, e);
            return None;
        }
    };
    let errors_before = check.errors.len();
    let id = raw.id.get_ref().clone();
    let id_ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if !id_ok {
        check.at(
            raw.id.span().start,
            format!("invalid id `{id}`: use lowercase letters, digits, `.`, `_` and `-`"),
        );
    }
    let category = parse_enum(check, &raw.category, "category", &CATEGORIES);
    let severity = parse_enum(check, &raw.severity, "severity", &SEVERITIES);
    let confidence = match &raw.confidence {
        Some(c) => parse_enum(check, c, "confidence", &CONFIDENCES),
        None => Some(Confidence::High),
    };
    let languages: Vec<Language> = raw
        .languages
        .get_ref()
        .iter()
        .filter_map(|l| parse_language(check, l))
        .collect();
    if raw.languages.get_ref().is_empty() {
        check.at(
            raw.languages.span().start,
            "`languages` must name at least one language",
        );
    }
    if raw.principle.get_ref().trim().is_empty() {
        check.at(raw.principle.span().start, "`principle` must not be empty");
    }
    let default_language = (languages.len() == 1).then(|| languages[0]);

    let mut patterns = Vec::new();
    for spanned in &raw.patterns {
        let line = check.line_of(spanned.span().start);
        if let Some(p) = parse_pattern(check, spanned, default_language) {
            patterns.push(Pattern { line, ..p });
        }
    }
    if patterns.is_empty() && !raw.patterns.is_empty() {
        // Each bad pattern was reported already.
    } else if raw.patterns.is_empty() {
        check.at(0, "a constitution needs at least one [[pattern]]");
    }

    let mut examples = Vec::new();
    for spanned in &raw.examples {
        let line = check.line_of(spanned.span().start);
        let ex = spanned.get_ref();
        let kind = parse_enum(
            check,
            &ex.kind,
            "example kind",
            &[("unsafe", ExampleKind::Unsafe), ("safe", ExampleKind::Safe)],
        );
        let language = match &ex.language {
            Some(l) => parse_language(check, l),
            // A file example is checked as that file; its language is never used.
            None if ex.file.is_some() => languages.first().copied(),
            None => {
                if default_language.is_none() {
                    check.at(
                        spanned.span().start,
                        "this example needs `language` (the constitution has several)",
                    );
                }
                default_language
            }
        };
        if let (Some(kind), Some(language)) = (kind, language) {
            examples.push(Example {
                kind,
                language,
                code: ex.code.clone(),
                file: ex.file.clone(),
                line,
            });
        }
    }
    for (kind, word) in [(ExampleKind::Unsafe, "unsafe"), (ExampleKind::Safe, "safe")] {
        if !raw
            .examples
            .iter()
            .any(|e| e.get_ref().kind.get_ref() == word)
        {
            check.at(
                0,
                format!("a constitution needs at least one {word} [[example]]"),
            );
        }
        let _ = kind;
    }
    if check.errors.len() > errors_before {
        return None;
    }
    Some(Constitution {
        id,
        title: raw.title,
        category: category?,
        cwe: match raw.cwe {
            None => Vec::new(),
            Some(raw::OneOrMany::One(c)) => vec![c],
            Some(raw::OneOrMany::Many(c)) => c,
        },
        severity: severity?,
        confidence: confidence?,
        languages,
        principle: raw.principle.into_inner().trim().to_owned(),
        fix_hint: raw.fix_hint.map(|s| s.trim().to_owned()),
        sandbox: raw.sandbox,
        tags: raw.tags,
        patterns,
        examples,
        origin,
    })
}

fn parse_pattern(
    check: &mut FileCheck,
    spanned: &toml::Spanned<raw::Pattern>,
    default_language: Option<Language>,
) -> Option<Pattern> {
    let p = spanned.get_ref();
    let start = spanned.span().start;
    let confidence = match &p.confidence {
        Some(c) => Some(parse_enum(check, c, "confidence", &CONFIDENCES)?),
        None => None,
    };
    if let Some(t) = &p.taint {
        let ok = !t.get_ref().is_empty()
            && t.get_ref()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_');
        if !ok {
            check.at(
                t.span().start,
                format!(
                    "invalid taint kind `{}`: use lowercase words such as shell, sql, path",
                    t.get_ref()
                ),
            );
            return None;
        }
    }
    let module_matches = match &p.module_matches {
        Some(m) => match regex::Regex::new(m.get_ref()) {
            Ok(r) => Some(r),
            Err(e) => {
                check.at(
                    m.span().start,
                    format!("invalid `module_matches` regex: {e}"),
                );
                return None;
            }
        },
        None => None,
    };
    let unless = match &p.unless {
        Some(u) => match regex::Regex::new(u.get_ref()) {
            Ok(r) => Some(r),
            Err(e) => {
                check.at(u.span().start, format!("invalid `unless` regex: {e}"));
                return None;
            }
        },
        None => None,
    };
    if unless.is_some() && p.regex.is_none() {
        check.at(start, "`unless` needs a regex pattern, not a query");
        return None;
    }
    if module_matches.is_some() && p.regex.is_some() {
        check.at(start, "`module_matches` needs a query pattern, not a regex");
        return None;
    }
    let kind = match (&p.query, &p.regex) {
        (Some(query), None) => {
            let language = match &p.language {
                Some(l) => parse_language(check, l)?,
                None => match default_language {
                    Some(l) => l,
                    None => {
                        check.at(
                            start,
                            "this pattern needs `language` (the constitution has several)",
                        );
                        return None;
                    }
                },
            };
            let query_line = check.line_of(query.span().start);
            // A multi-line literal starts on the line after its opening quotes.
            let raw_start = check.text.get(query.span().start..).unwrap_or_default();
            let first_line = if raw_start.starts_with("'''\n") || raw_start.starts_with("\"\"\"\n")
            {
                query_line + 1
            } else {
                query_line
            };
            if let Err(message) = validate_query(
                language,
                query.get_ref(),
                p.taint.is_some(),
                p.fix.as_ref().map(|f| f.get_ref().capture.as_str()),
                first_line,
                check.compile_queries,
            ) {
                check.errors.push(LoadError {
                    file: check.file.clone(),
                    line: message.0,
                    message: message.1,
                });
                return None;
            }
            PatternKind::Query {
                language,
                source: query.get_ref().clone(),
            }
        }
        (None, Some(regex)) => match regex::Regex::new(regex.get_ref()) {
            Ok(r) => {
                if p.taint.is_some() {
                    check.at(
                        regex.span().start,
                        "`taint` needs a query pattern, not a regex",
                    );
                    return None;
                }
                PatternKind::Regex {
                    regex: r,
                    files: p.files.clone(),
                }
            }
            Err(e) => {
                check.at(regex.span().start, format!("invalid regex: {e}"));
                return None;
            }
        },
        _ => {
            check.at(start, "a pattern needs exactly one of `query` or `regex`");
            return None;
        }
    };
    Some(Pattern {
        kind,
        taint: p.taint.as_ref().map(|t| t.get_ref().clone()),
        message: p.message.clone(),
        confidence,
        fix: p.fix.as_ref().map(|f| {
            let f = f.get_ref();
            FixTemplate {
                capture: f.capture.clone(),
                replacement: f.replacement.clone(),
                title: f
                    .title
                    .clone()
                    .unwrap_or_else(|| format!("Replace with `{}`", f.replacement)),
            }
        }),
        module_matches,
        unless,
        line: 0,
    })
}
