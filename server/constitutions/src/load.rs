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

use crate::compile::{CompiledLanguage, compile_language, validate_context_query, validate_query};
use crate::error::{LoadError, LoadErrors};
use crate::kinds::{self, SinkKind, SinkKinds};
use crate::lazy_regex::LazyRegex;
use crate::schema::{
    CalleeRule, Category, Confidence, Constitution, Example, ExampleKind, FixTemplate, Pattern,
    PatternKind, Severity, Unresolved, raw,
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
    sink_kinds: SinkKinds,
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
        let mut files: Vec<(Origin, String)> = Vec::new();
        let mut builtin_files = Vec::new();
        collect_embedded(&BUILTIN, &mut builtin_files);
        for file in builtin_files {
            let path = file.path().to_string_lossy().into_owned();
            match file.contents_utf8() {
                Some(text) => files.push((Origin::Builtin(path), text.to_owned())),
                None => loader.error(Origin::Builtin(path).path(), 0, "not valid UTF-8".into()),
            }
        }
        for dir in dirs {
            let mut paths = Vec::new();
            collect_disk(dir, &mut paths, &mut loader.errors);
            paths.sort();
            for path in paths {
                match std::fs::read(&path) {
                    Ok(bytes) => match String::from_utf8(bytes) {
                        Ok(text) => files.push((Origin::Workspace(path), text)),
                        Err(_) => loader.error(path, 0, "not valid UTF-8".into()),
                    },
                    Err(e) => loader.error(path, 0, format!("cannot read: {e}")),
                }
            }
        }
        // Sink kinds first: every constitution and taint model is checked against them.
        let (kind_files, rest): (Vec<_>, Vec<_>) = files
            .into_iter()
            .partition(|(origin, _)| kinds::is_kinds_file(&origin.path()));
        for (origin, text) in kind_files.into_iter().chain(rest) {
            loader.add_file(origin, &text);
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

    /// The declared sink kinds (`taint/kinds.toml` and a workspace's own).
    pub fn sink_kinds(&self) -> &SinkKinds {
        &self.sink_kinds
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
    sink_kinds: SinkKinds,
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
    /// So this is also what tells a workspace file from a built-in.
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
        if kinds::is_kinds_file(&origin.path()) {
            parse_kinds(&mut check, &mut self.sink_kinds);
        } else if in_taint_dir {
            if let Some((language, model)) = parse_taint_model(&mut check, &self.sink_kinds) {
                self.taint_models.entry(language).or_default().merge(model);
            }
        } else if let Some(constitution) = parse_constitution(&mut check, origin, &self.sink_kinds)
        {
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
            sink_kinds: self.sink_kinds,
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

fn parse_kinds(check: &mut FileCheck, declared: &mut SinkKinds) {
    let raw: kinds::raw::KindsFile = match toml::from_str(check.text) {
        Ok(raw) => raw,
        Err(e) => {
            toml_error(check, e);
            return;
        }
    };
    for (name, meaning) in raw.kinds {
        let at = name.span().start;
        let name = name.into_inner();
        if !kinds::valid_name(&name) {
            check.at(
                at,
                format!("invalid sink kind `{name}`: use lowercase words joined by `_`"),
            );
            continue;
        }
        if meaning.get_ref().trim().is_empty() {
            check.at(
                meaning.span().start,
                format!("sink kind `{name}` needs a one-line meaning"),
            );
            continue;
        }
        let kind = SinkKind {
            name: name.clone(),
            meaning: meaning.into_inner().trim().to_owned(),
            file: check.file.clone(),
            builtin: !check.compile_queries,
        };
        if let Err(first) = declared.declare(kind) {
            check.at(
                at,
                format!(
                    "sink kind `{name}` is declared twice (also in {})",
                    first.display()
                ),
            );
        }
    }
}

/// Reports each kind in `names` that is not declared; `star` allows `*` (every kind).
fn check_kinds(
    check: &mut FileCheck,
    declared: &SinkKinds,
    names: &[toml::Spanned<String>],
    star: bool,
) -> bool {
    let mut ok = true;
    for name in names {
        if (star && name.get_ref() == "*") || declared.contains(name.get_ref()) {
            continue;
        }
        ok = false;
        check.at(name.span().start, undeclared_kind(name.get_ref(), declared));
    }
    ok
}

fn undeclared_kind(name: &str, declared: &SinkKinds) -> String {
    format!(
        "undeclared sink kind `{name}`: declare it in taint/kinds.toml \
         (a workspace may add its own in .bluecode/constitutions/taint/kinds.toml); \
         declared: {}",
        declared.names()
    )
}

fn parse_taint_model(
    check: &mut FileCheck,
    declared: &SinkKinds,
) -> Option<(Language, TaintModel)> {
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
    let errors_before = check.errors.len();
    let mut sanitizers = Vec::new();
    for spanned in &raw.sanitizers {
        let s = spanned.get_ref();
        let rule = match (&s.kinds, &s.kinds_except) {
            (Some(kinds), None) => {
                if kinds.get_ref().is_empty() {
                    check.at(kinds.span().start, "`kinds` must name at least one kind");
                    continue;
                }
                if !check_kinds(check, declared, kinds.get_ref(), true) {
                    continue;
                }
                SanitizerRule {
                    path: taint_model::split_path(&s.path),
                    kinds: kinds
                        .get_ref()
                        .iter()
                        .map(|k| k.get_ref().clone())
                        .collect(),
                    kinds_except: Vec::new(),
                }
            }
            (None, Some(except)) => {
                if !check_kinds(check, declared, except.get_ref(), false) {
                    continue;
                }
                let except: Vec<String> = except
                    .get_ref()
                    .iter()
                    .map(|k| k.get_ref().clone())
                    .collect();
                SanitizerRule {
                    path: taint_model::split_path(&s.path),
                    kinds: declared.all_except(&except),
                    kinds_except: except,
                }
            }
            _ => {
                check.at(
                    spanned.span().start,
                    format!(
                        "sanitizer `{}` needs exactly one of `kinds` or `kinds_except`",
                        s.path
                    ),
                );
                continue;
            }
        };
        sanitizers.push(rule);
    }
    if check.errors.len() > errors_before {
        // The whole model is left out, as a broken constitution is: half a model would
        // quietly change what counts as sanitized.
        return None;
    }
    let model = TaintModel {
        sources: raw
            .sources
            .into_iter()
            .map(|s| SourceRule {
                path: taint_model::split_path(&s.path),
                label: s.label,
                local: s.local,
            })
            .collect(),
        sanitizers,
        request_parameter_markers: raw.request_parameter_markers,
        route_decorators: raw.route_decorators,
        server_side: split_paths(&raw.server_side),
        exit_calls: split_paths(&raw.exit_calls),
        url_validators: raw.url_validators,
        lookup_methods: raw.lookup_methods,
        routed_paths: split_paths(&raw.routed_paths),
        serialized_urls: split_paths(&raw.serialized_urls),
        url_decoders: split_paths(&raw.url_decoders),
        outbound_clients: raw.outbound_clients,
        url_parsers: raw.url_parsers,
        host_properties: raw.host_properties,
        delimited_url_parts: raw.delimited_url_parts,
        local_file_openers: raw.local_file_openers,
        local_pipe_makers: raw.local_pipe_makers,
    };
    Some((language, model))
}

/// Dotted paths written in a model, split into segments.
fn split_paths(paths: &[String]) -> Vec<Vec<String>> {
    paths.iter().map(|p| taint_model::split_path(p)).collect()
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

fn parse_constitution(
    check: &mut FileCheck,
    origin: Origin,
    declared: &SinkKinds,
) -> Option<Constitution> {
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
        if let Some(p) = parse_pattern(check, spanned, default_language, declared) {
            patterns.push(Pattern { line, ..p });
        }
    }
    if !raw.files.is_empty()
        && !raw
            .patterns
            .iter()
            .any(|p| p.get_ref().regex.is_some() && p.get_ref().files.is_empty())
    {
        check.at(
            0,
            "`files` needs a regex [[pattern]] without its own `files`: only regex patterns run over other files",
        );
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
    let profiles = raw.profiles.as_ref();
    for profile in profiles.map(|p| p.get_ref().as_slice()).unwrap_or_default() {
        if !matches!(profile.as_str(), "application" | "library" | "snippet") {
            check.at(
                profiles.map_or(0, |p| p.span().start),
                format!(
                    "unknown profile `{profile}` in `profiles` (application, library or snippet)"
                ),
            );
        }
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
        files: raw.files,
        profiles: raw
            .profiles
            .map(toml::Spanned::into_inner)
            .unwrap_or_default(),
        patterns,
        examples,
        origin,
    })
}

fn parse_pattern(
    check: &mut FileCheck,
    spanned: &toml::Spanned<raw::Pattern>,
    default_language: Option<Language>,
    declared: &SinkKinds,
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
        if !declared.contains(t.get_ref()) {
            check.at(t.span().start, undeclared_kind(t.get_ref(), declared));
            return None;
        }
    }
    let mut file_conditions = [None, None];
    for (slot, (field, value)) in [
        ("module_matches", &p.module_matches),
        ("file_not_matches", &p.file_not_matches),
    ]
    .into_iter()
    .enumerate()
    {
        if let Some(m) = value {
            match regex::Regex::new(m.get_ref()) {
                Ok(r) => file_conditions[slot] = Some(r),
                Err(e) => {
                    check.at(m.span().start, format!("invalid `{field}` regex: {e}"));
                    return None;
                }
            }
        }
    }
    let [module_matches, file_not_matches] = file_conditions;
    let callee = match (&p.callee, &p.unresolved) {
        (None, Some(u)) => {
            check.at(u.span().start, "`unresolved` goes with `callee`");
            return None;
        }
        (None, None) => None,
        (Some(apis), unresolved) => {
            if p.query.is_none() {
                check.at(
                    apis.span().start,
                    "`callee` needs a query pattern, not a regex",
                );
                return None;
            }
            if apis.get_ref().is_empty() {
                check.at(apis.span().start, "`callee` lists no API");
                return None;
            }
            let policy = match unresolved.as_ref().map(|u| u.get_ref().as_str()) {
                None | Some("medium") => Unresolved::Medium,
                Some("skip") => Unresolved::Skip,
                Some(other) => {
                    let at = unresolved.as_ref().map_or(start, |u| u.span().start);
                    check.at(
                        at,
                        format!("invalid `unresolved` value `{other}`: use \"skip\" or \"medium\""),
                    );
                    return None;
                }
            };
            match CalleeRule::new(apis.get_ref().clone(), policy) {
                Some(rule) => Some(rule),
                None => {
                    check.at(apis.span().start, "invalid `callee` glob");
                    return None;
                }
            }
        }
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
    if file_not_matches.is_some() && p.regex.is_some() {
        check.at(
            start,
            "`file_not_matches` needs a query pattern, not a regex",
        );
        return None;
    }
    for (field, value) in [("inside", &p.inside), ("not_inside", &p.not_inside)] {
        if let Some(value) = value
            && p.regex.is_some()
        {
            check.at(
                value.span().start,
                format!("`{field}` needs a query pattern, not a regex"),
            );
            return None;
        }
    }
    if !p.files.is_empty() && p.query.is_some() {
        check.at(
            start,
            "`files` needs a regex pattern: queries run over code, not over other files",
        );
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
            for (field, value) in [("inside", &p.inside), ("not_inside", &p.not_inside)] {
                let Some(value) = value else { continue };
                let queries = value.get_ref().to_vec();
                if queries.is_empty() {
                    check.at(
                        value.span().start,
                        format!("`{field}` must hold at least one query"),
                    );
                    return None;
                }
                // Lines of a list's items are not kept by the parser: a query in a list
                // is reported at the line of its own text, found in the file.
                let value_line = check.line_of(value.span().start);
                for context in &queries {
                    let line = check
                        .text
                        .get(value.span())
                        .and_then(|raw| raw.find(context.lines().next().unwrap_or_default()))
                        .map(|at| check.line_of(value.span().start + at))
                        .unwrap_or(value_line);
                    let first_line = if context.starts_with('\n') {
                        line + 1
                    } else {
                        line
                    };
                    if let Err((line, message)) =
                        validate_context_query(language, context, first_line, check.compile_queries)
                    {
                        check.errors.push(LoadError {
                            file: check.file.clone(),
                            line,
                            message: format!("`{field}`: {message}"),
                        });
                        return None;
                    }
                }
            }
            PatternKind::Query {
                language,
                source: query.get_ref().clone(),
            }
        }
        (None, Some(regex)) => match LazyRegex::new(regex.get_ref(), check.compile_queries) {
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
        file_not_matches,
        callee,
        inside: p
            .inside
            .as_ref()
            .map(|v| v.get_ref().to_vec())
            .unwrap_or_default(),
        not_inside: p
            .not_inside
            .as_ref()
            .map(|v| v.get_ref().to_vec())
            .unwrap_or_default(),
        unless,
        line: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: &str = r#"id = "acme.shell"
title = "shell"
category = "vulnerability"
severity = "error"
languages = ["python"]
principle = "No shells."

[[pattern]]
query = '''
(call function: (attribute object: (identifier) @_m attribute: (identifier) @_f)
  arguments: (argument_list . (_) @input)
  (#eq? @_m "os") (#eq? @_f "system")) @sink
'''
taint = "shell"

[[example]]
kind = "unsafe"
code = "import os\nos.system(input())\n"

[[example]]
kind = "safe"
code = "import os\nos.system('ls')\n"
"#;

    /// Loads the built-ins plus `files` (relative path, text) written under a temp dir.
    fn load_with(files: &[(&str, &str)]) -> (ConstitutionSet, Vec<String>) {
        let dir = tempfile::tempdir().expect("temp dir");
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        let (set, errors) = ConstitutionSet::load(&[dir.path().to_owned()]);
        let root = format!("{}/", dir.path().display());
        let errors = errors
            .iter()
            .map(|e| e.to_string().replace(&root, ""))
            .collect();
        (set, errors)
    }

    #[test]
    fn the_builtin_kinds_cover_every_kind_in_use() {
        let set = ConstitutionSet::builtin().expect("built-ins load");
        assert!(set.sink_kinds().iter().count() >= 25);
        for kind in set.sink_kinds().iter() {
            assert!(kind.builtin && !kind.meaning.is_empty(), "{kind:?}");
        }
    }

    #[test]
    fn an_undeclared_kind_is_reported_with_file_and_line() {
        let (set, errors) =
            load_with(&[("shell.toml", &RULE.replace("\"shell\"\n", "\"shel\"\n"))]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with("shell.toml:14: undeclared sink kind `shel`"),
            "{errors:?}"
        );
        assert!(set.get("acme.shell").is_none());

        // A workspace may declare its own.
        let kinds = "[kinds]\nshel = \"a shell, spelt our way\"\n";
        let (set, errors) = load_with(&[
            ("shell.toml", &RULE.replace("\"shell\"\n", "\"shel\"\n")),
            ("taint/kinds.toml", kinds),
        ]);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(set.get("acme.shell").is_some());
        assert!(set.sink_kinds().get("shel").is_some_and(|k| !k.builtin));

        // Declaring a built-in kind again, or a badly named one, is an error.
        let (_, errors) = load_with(&[(
            "taint/kinds.toml",
            "[kinds]\nsql = \"again\"\nBad-Name = \"x\"\n",
        )]);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("taint/kinds.toml:3: invalid sink kind `Bad-Name`")),
            "{errors:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("taint/kinds.toml:2: sink kind `sql` is declared twice")),
            "{errors:?}"
        );
    }

    #[test]
    fn taint_model_kinds_are_checked_and_kinds_except_expands() {
        let model = "language = \"python\"\n\
            [[sanitizer]]\npath = \"acme.clean_all_but_sql\"\nkinds_except = [\"sql\"]\n\
            [[sanitizer]]\npath = \"acme.quote\"\nkinds = [\"shell\"]\n";
        let (set, errors) = load_with(&[("taint/acme.toml", model)]);
        assert!(errors.is_empty(), "{errors:?}");
        let python = set.taint_model(Language::Python).expect("python model");
        let kinds = python
            .sanitizer_kinds(&["acme", "clean_all_but_sql"])
            .expect("a sanitizer");
        assert!(kinds.iter().any(|k| k == "shell") && kinds.iter().any(|k| k == "path"));
        assert!(!kinds.iter().any(|k| k == "sql"), "{kinds:?}");
        assert_eq!(kinds.len(), set.sink_kinds().iter().count() - 1);

        let broken = "language = \"python\"\n\
            [[sanitizer]]\npath = \"acme.a\"\nkinds = [\"shell\", \"sqll\"]\n\
            [[sanitizer]]\npath = \"acme.b\"\nkinds_except = [\"htm\"]\n\
            [[sanitizer]]\npath = \"acme.c\"\nkinds = [\"sql\"]\nkinds_except = [\"sql\"]\n";
        let (set, errors) = load_with(&[("taint/acme.toml", broken)]);
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(
            errors[0].starts_with("taint/acme.toml:4: undeclared sink kind `sqll`"),
            "{errors:?}"
        );
        assert!(
            errors[1].starts_with("taint/acme.toml:7: undeclared sink kind `htm`"),
            "{errors:?}"
        );
        assert!(
            errors[2].starts_with("taint/acme.toml:8: sanitizer `acme.c` needs exactly one of `kinds` or `kinds_except`"),
            "{errors:?}"
        );
        // The broken model is left out whole; the built-in one still loads.
        let python = set.taint_model(Language::Python).expect("python model");
        assert!(python.sanitizer_kinds(&["acme", "a"]).is_none());
        assert!(python.sanitizer_kinds(&["shlex", "quote"]).is_some());
    }

    #[test]
    fn inside_queries_are_validated_with_their_lines() {
        let with_inside = RULE.replace(
            "taint = \"shell\"\n",
            "taint = \"shell\"\ninside = '''\n((function_definition) @_f\n  (#match? @_f \"handler\")\n'''\nnot_inside = ['''(try_statement)''', '''(with_statement)''']\n",
        );
        let (set, errors) = load_with(&[("shell.toml", &with_inside)]);
        // The `inside` query misses a closing parenthesis: reported where its text ends.
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with("shell.toml:18: `inside`: invalid python query"),
            "{errors:?}"
        );
        assert!(set.get("acme.shell").is_none());

        let fixed = with_inside.replace("\"handler\")\n", "\"handler\"))\n");
        let (set, errors) = load_with(&[("shell.toml", &fixed)]);
        assert!(errors.is_empty(), "{errors:?}");
        let pattern = &set.get("acme.shell").expect("loaded").patterns[0];
        assert_eq!(pattern.inside.len(), 1);
        assert_eq!(pattern.not_inside.len(), 2);

        let broken_second = fixed.replace("'''(with_statement)'''", "'''(with_statement'''");
        let (_, errors) = load_with(&[("shell.toml", &broken_second)]);
        assert!(
            errors.len() == 1
                && errors[0].starts_with("shell.toml:19: `not_inside`: invalid python query"),
            "{errors:?}"
        );

        let on_regex = "id = \"acme.r\"\ntitle = \"r\"\ncategory = \"instruction\"\nseverity = \"info\"\n\
            languages = [\"python\"]\nprinciple = \"p\"\n[[pattern]]\nregex = \"x\"\ninside = \"(call)\"\n\
            [[example]]\nkind = \"unsafe\"\ncode = \"x\"\n[[example]]\nkind = \"safe\"\ncode = \"y\"\n";
        let (_, errors) = load_with(&[("r.toml", on_regex)]);
        assert!(
            errors.len() == 1 && errors[0].starts_with("r.toml:9: `inside` needs a query pattern"),
            "{errors:?}"
        );
    }

    #[test]
    fn files_add_non_code_files_to_regex_patterns() {
        let rule = "id = \"acme.r\"\ntitle = \"r\"\ncategory = \"instruction\"\nseverity = \"info\"\n\
            languages = [\"python\"]\nprinciple = \"p\"\nfiles = [\"AGENTS.md\"]\n[[pattern]]\nregex = \"x\"\n\
            [[pattern]]\nregex = \"y\"\nfiles = [\"*.prompt.md\"]\n\
            [[example]]\nkind = \"unsafe\"\ncode = \"x\"\n[[example]]\nkind = \"safe\"\ncode = \"z\"\n";
        let (set, errors) = load_with(&[("r.toml", rule)]);
        assert!(errors.is_empty(), "{errors:?}");
        let c = set.get("acme.r").expect("loaded");
        assert_eq!(c.file_globs(&c.patterns[0]), ["AGENTS.md"]);
        assert_eq!(c.file_globs(&c.patterns[1]), ["*.prompt.md"]);

        // `files` with no regex pattern to run over them says so.
        let (_, errors) = load_with(&[("shell.toml", &format!("files = [\"AGENTS.md\"]\n{RULE}"))]);
        assert!(
            errors.len() == 1 && errors[0].contains("`files` needs a regex [[pattern]]"),
            "{errors:?}"
        );
    }
    #[test]
    fn regexes_are_built_on_first_use_and_a_workspace_ones_when_it_loads() {
        // Every built-in expression builds (the set only checks their syntax).
        let set = ConstitutionSet::builtin().expect("built-ins load");
        let mut regexes = 0;
        for c in set.constitutions() {
            for p in &c.patterns {
                if let PatternKind::Regex { regex, .. } = &p.kind {
                    assert!(regex.builds(), "{} does not build", c.id);
                    regexes += 1;
                }
            }
        }
        assert!(regexes > 100, "{regexes}");
        // A workspace's own expression too large to build names its file and line.
        let huge = RULE.replace(
            "[[pattern]]\nquery",
            "[[pattern]]\nregex = '\\p{L}{1000}\\p{L}{1000}'\n\n[[pattern]]\nquery",
        );
        let (_, errors) = load_with(&[("big.toml", &huge)]);
        assert!(
            errors.len() == 1
                && errors[0].starts_with("big.toml:9")
                && errors[0].contains("invalid regex"),
            "{errors:?}"
        );
    }
}
