//! The triage file, `tests/real-code/triage.csv`: one security reviewer's verdict (TP or
//! FP, with a one-line reason) on findings of a seeded sample. Rows are matched to the
//! current run by project, version, file and rule, and then by line — or, when the line
//! moved, by the normalised text of the flagged line — so small edits do not orphan them.
//!
//! The sample is stable across engine changes: every finding gets a hash of the seed and
//! its project, file, rule and snippet (not its line), and each project's sample is its
//! findings with the lowest hashes. A finding that survives an engine change stays in the
//! sample; a new one enters it only if its hash ranks low, and is then listed as untriaged.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::{Context, bail};

use crate::measure::Finding;

/// The sample's seed (issue 11). Changing it orphans the triaged sample: don't.
pub const SAMPLE_SEED: u64 = 11;
pub const HEADER: &str = "project,version,file,line,rule,verdict,reason,snippet";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    TruePositive,
    FalsePositive,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub project: String,
    pub version: String,
    pub file: String,
    pub line: u32,
    pub rule: String,
    pub verdict: Verdict,
    pub snippet: String,
}

/// Reads the triage file. Rows whose verdict is still empty (a pasted template) are
/// skipped with a warning; any other verdict than TP/FP is an error.
pub fn load(path: &Path) -> anyhow::Result<Vec<Row>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let records = parse_csv(&text).with_context(|| format!("parsing {}", path.display()))?;
    let mut rows = Vec::new();
    for (index, record) in records.iter().enumerate() {
        if index == 0 && record.first().map(String::as_str) == Some("project") {
            continue;
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let at = || format!("{} record {}", path.display(), index + 1);
        if record.len() != 8 {
            bail!(
                "{}: expected 8 fields ({HEADER}), found {}",
                at(),
                record.len()
            );
        }
        let verdict = match record[5].trim().to_ascii_uppercase().as_str() {
            "TP" => Verdict::TruePositive,
            "FP" => Verdict::FalsePositive,
            "" => {
                eprintln!("warning: {}: no verdict yet, skipped", at());
                continue;
            }
            other => bail!("{}: verdict is TP or FP, found `{other}`", at()),
        };
        let line = record[3]
            .trim()
            .parse()
            .with_context(|| format!("{}: line `{}` is not a number", at(), record[3]))?;
        rows.push(Row {
            project: record[0].trim().to_string(),
            version: record[1].trim().to_string(),
            file: record[2].trim().to_string(),
            line,
            rule: record[4].trim().to_string(),
            verdict,
            snippet: crate::measure::normalise_snippet(&record[7]),
        });
    }
    Ok(rows)
}

/// RFC 4180 CSV: fields separated by commas, optionally quoted with `"`, a doubled quote
/// inside quotes is one quote, records end at a newline outside quotes.
fn parse_csv(text: &str) -> anyhow::Result<Vec<Vec<String>>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => record.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            _ => field.push(c),
        }
    }
    if quoted {
        bail!("a quoted field is not closed");
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    Ok(records)
}

pub fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) || value.starts_with(' ') || value.ends_with(' ') {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// FNV-1a over the seed and the key fields, finished with a splitmix64 mix.
fn sample_hash(project: &str, f: &Finding) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ SAMPLE_SEED;
    for part in [project, &f.file, &f.rule, &f.snippet] {
        for b in part.bytes().chain([0u8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// The indexes of the project's sampled findings: the `quota` lowest hashes.
pub fn sample(project: &str, findings: &[Finding], quota: usize) -> Vec<usize> {
    let mut ranked: Vec<(u64, u32, usize)> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| (sample_hash(project, f), f.line, i))
        .collect();
    ranked.sort_unstable();
    let mut picked: Vec<usize> = ranked.into_iter().take(quota).map(|(_, _, i)| i).collect();
    picked.sort_unstable();
    picked
}

/// Triage rows indexed by project, version, file and rule.
pub struct Index<'a> {
    by_key: HashMap<String, Vec<usize>>,
    pub rows: &'a [Row],
}

fn key(project: &str, version: &str, file: &str, rule: &str) -> String {
    format!("{project}\0{version}\0{file}\0{rule}")
}

impl<'a> Index<'a> {
    pub fn new(rows: &'a [Row]) -> Self {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in rows.iter().enumerate() {
            by_key
                .entry(key(&r.project, &r.version, &r.file, &r.rule))
                .or_default()
                .push(i);
        }
        Index { by_key, rows }
    }

    fn candidates(&self, project: &str, version: &str, f: &Finding) -> &[usize] {
        self.by_key
            .get(&key(project, version, &f.file, &f.rule))
            .map_or(&[], Vec::as_slice)
    }

    /// The row of each finding of one project, or None. A row matches one finding at most:
    /// first findings on the row's own line, then — for rows still unmatched — a finding
    /// whose snippet equals the row's (the line moved). Findings are taken in order.
    pub fn assign(&self, project: &str, version: &str, findings: &[Finding]) -> Vec<Option<usize>> {
        let mut out = vec![None; findings.len()];
        let mut used = vec![false; self.rows.len()];
        let candidates = |f: &Finding| self.candidates(project, version, f);
        for (slot, f) in out.iter_mut().zip(findings) {
            if let Some(&i) = candidates(f)
                .iter()
                .find(|&&i| !used[i] && self.rows[i].line == f.line)
            {
                used[i] = true;
                *slot = Some(i);
            }
        }
        for (slot, f) in out.iter_mut().zip(findings) {
            if slot.is_some() || f.snippet.is_empty() {
                continue;
            }
            if let Some(&i) = candidates(f)
                .iter()
                .find(|&&i| !used[i] && self.rows[i].snippet == f.snippet)
            {
                used[i] = true;
                *slot = Some(i);
            }
        }
        out
    }
}

/// TP/FP counts.
#[derive(Debug, Default, Clone, Copy, serde::Serialize)]
pub struct Tally {
    pub tp: usize,
    pub fp: usize,
}

impl Tally {
    pub fn add(&mut self, v: Verdict) {
        match v {
            Verdict::TruePositive => self.tp += 1,
            Verdict::FalsePositive => self.fp += 1,
        }
    }
    pub fn total(&self) -> usize {
        self.tp + self.fp
    }
    pub fn precision(&self) -> Option<f64> {
        (self.total() > 0).then(|| self.tp as f64 / self.total() as f64)
    }
}

/// A template row for a sampled finding nobody has triaged yet.
pub fn template_row(project: &str, version: &str, f: &Finding) -> String {
    [
        csv_field(project),
        csv_field(version),
        csv_field(&f.file),
        f.line.to_string(),
        csv_field(&f.rule),
        String::new(),
        String::new(),
        csv_field(&f.snippet),
    ]
    .join(",")
}

/// Triage rows of the projects in this run that matched no finding: the finding is gone
/// (a fixed false alarm, or a lost true positive — recall on real code).
pub fn orphans(
    rows: &[Row],
    matched: &[bool],
    in_run: &BTreeMap<String, String>,
) -> BTreeMap<String, Tally> {
    let mut out: BTreeMap<String, Tally> = BTreeMap::new();
    for (row, seen) in rows.iter().zip(matched) {
        if !seen && in_run.get(&row.project) == Some(&row.version) {
            out.entry(row.project.clone()).or_default().add(row.verdict);
        }
    }
    out
}
