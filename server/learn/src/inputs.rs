//! Labelled examples for `learn`, read from what a team has at hand: a folder with
//! `unsafe/` and `safe/` files, a CSV of `file,label,note` rows (paths relative to the
//! CSV), or a SARIF log of confirmed findings (each result's file is an unsafe example,
//! cut to the function around the reported line) beside the fixed files (any other file
//! or folder given is a safe example).

use std::path::{Path, PathBuf};

use bluecode_constitutions::ExampleKind;
use bluecode_syntax::{Document, Language, UnitKind};

use crate::error::LearnError;

/// One example to learn from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelledExample {
    pub kind: ExampleKind,
    pub language: Language,
    pub code: String,
    /// Where it came from, for messages.
    pub origin: PathBuf,
    pub note: Option<String>,
}

/// Reads every input; an input that is none of the accepted shapes is an error.
pub fn read_inputs(paths: &[PathBuf]) -> Result<Vec<LabelledExample>, LearnError> {
    let mut out = Vec::new();
    for path in paths {
        let name = path.to_string_lossy().to_ascii_lowercase();
        if path.is_dir() && (path.join("unsafe").is_dir() || path.join("safe").is_dir()) {
            for (sub, kind) in [("unsafe", ExampleKind::Unsafe), ("safe", ExampleKind::Safe)] {
                for file in files_under(&path.join(sub))? {
                    out.push(read_example(&file, kind, None)?);
                }
            }
        } else if name.ends_with(".csv") {
            out.extend(read_csv(path)?);
        } else if name.ends_with(".sarif") || name.ends_with(".sarif.json") {
            out.extend(read_sarif(path)?);
        } else if path.is_dir() {
            for file in files_under(path)? {
                out.push(read_example(&file, ExampleKind::Safe, None)?);
            }
        } else {
            out.push(read_example(path, ExampleKind::Safe, None)?);
        }
    }
    if !out.iter().any(|e| e.kind == ExampleKind::Unsafe) {
        return Err(LearnError::NoUnsafeExamples);
    }
    Ok(out)
}

fn files_under(dir: &Path) -> Result<Vec<PathBuf>, LearnError> {
    let mut files = Vec::new();
    if !dir.is_dir() {
        return Ok(files);
    }
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| LearnError::read(&d, e))?;
        for entry in entries {
            let path = entry.map_err(|e| LearnError::read(&d, e))?.path();
            if path.is_dir() {
                stack.push(path);
            } else if Language::from_path(&path).is_some() {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn read_example(
    path: &Path,
    kind: ExampleKind,
    note: Option<String>,
) -> Result<LabelledExample, LearnError> {
    let language =
        Language::from_path(path).ok_or_else(|| LearnError::UnknownLanguage(path.to_owned()))?;
    let code = std::fs::read_to_string(path).map_err(|e| LearnError::read(path, e))?;
    Ok(LabelledExample {
        kind,
        language,
        code,
        origin: path.to_owned(),
        note,
    })
}

fn label(text: &str) -> Option<ExampleKind> {
    match text.trim().to_ascii_lowercase().as_str() {
        "unsafe" | "vulnerable" | "bad" | "positive" | "1" | "true" => Some(ExampleKind::Unsafe),
        "safe" | "fixed" | "good" | "negative" | "0" | "false" => Some(ExampleKind::Safe),
        _ => None,
    }
}

/// `file,label,note` rows; a header row is skipped; `note` may be quoted and hold commas.
fn read_csv(path: &Path) -> Result<Vec<LabelledExample>, LearnError> {
    let text = std::fs::read_to_string(path).map_err(|e| LearnError::read(path, e))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let fields = split_csv_line(line);
        let (Some(file), Some(kind_text)) = (fields.first(), fields.get(1)) else {
            return Err(LearnError::Csv(
                path.to_owned(),
                i + 1,
                "expected file,label[,note]".into(),
            ));
        };
        if i == 0 && kind_text.eq_ignore_ascii_case("label") {
            continue; // the header
        }
        let Some(kind) = label(kind_text) else {
            return Err(LearnError::Csv(
                path.to_owned(),
                i + 1,
                format!("label `{kind_text}` is neither unsafe nor safe"),
            ));
        };
        let note = fields.get(2).filter(|n| !n.is_empty()).cloned();
        out.push(read_example(&base.join(file), kind, note)?);
    }
    Ok(out)
}

fn split_csv_line(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                current.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut current).trim().to_owned()),
            _ => current.push(c),
        }
    }
    fields.push(current.trim().to_owned());
    fields
}

/// Each result of a SARIF log: the function around its first location's start line, as
/// an unsafe example (the whole file when the line is at the top level).
fn read_sarif(path: &Path) -> Result<Vec<LabelledExample>, LearnError> {
    let text = std::fs::read_to_string(path).map_err(|e| LearnError::read(path, e))?;
    let log: sarif::Log = serde_json::from_str(&text)
        .map_err(|e| LearnError::Sarif(path.to_owned(), e.to_string()))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut out = Vec::new();
    for run in log.runs {
        for result in run.results {
            let Some(location) = result.locations.into_iter().next() else {
                continue;
            };
            let physical = location.physical_location;
            let uri = physical.artifact_location.uri;
            let file = base.join(uri.strip_prefix("file://").unwrap_or(&uri));
            let whole = read_example(
                &file,
                ExampleKind::Unsafe,
                result.message.and_then(|m| m.text),
            )?;
            let line = physical.region.and_then(|r| r.start_line).unwrap_or(0);
            let code =
                enclosing_function(whole.language, &whole.code, line).unwrap_or(whole.code.clone());
            out.push(LabelledExample { code, ..whole });
        }
    }
    Ok(out)
}

/// The text of the innermost function unit holding 1-based `line`, with the file's
/// top-level imports before it (the rule may need them).
fn enclosing_function(language: Language, code: &str, line: usize) -> Option<String> {
    let doc = Document::new(Some(language), code.to_owned());
    let index = doc.line_index();
    let line = u32::try_from(line.checked_sub(1)?).ok()?;
    if line as usize >= index.line_count() {
        return None;
    }
    let offset = index.line_start(line);
    let outline = bluecode_syntax::outline(&doc);
    let unit = outline
        .units
        .iter()
        .filter(|u| u.kind != UnitKind::Module && u.range.contains(&offset))
        .min_by_key(|u| u.range.len())?;
    let imports: Vec<&str> = code
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            l.len() == t.len()
                && (t.starts_with("import ")
                    || t.starts_with("from ")
                    || t.starts_with("#include")
                    || t.starts_with("package "))
        })
        .collect();
    let function = code.get(unit.range.clone())?;
    Some(format!("{}\n\n{function}\n", imports.join("\n")))
}

mod sarif {
    //! The few SARIF 2.1.0 fields `learn` reads.
    use serde::Deserialize;

    #[derive(Deserialize)]
    pub struct Log {
        #[serde(default)]
        pub runs: Vec<Run>,
    }

    #[derive(Deserialize)]
    pub struct Run {
        #[serde(default)]
        pub results: Vec<SarifResult>,
    }

    #[derive(Deserialize)]
    pub struct SarifResult {
        #[serde(default)]
        pub message: Option<Message>,
        #[serde(default)]
        pub locations: Vec<Location>,
    }

    #[derive(Deserialize)]
    pub struct Message {
        pub text: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Location {
        pub physical_location: PhysicalLocation,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct PhysicalLocation {
        pub artifact_location: ArtifactLocation,
        #[serde(default)]
        pub region: Option<Region>,
    }

    #[derive(Deserialize)]
    pub struct ArtifactLocation {
        pub uri: String,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Region {
        pub start_line: Option<usize>,
    }
}
