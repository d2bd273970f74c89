//! Real-code noise benchmark: fetches the real projects listed in
//! `tests/real-code/projects.toml` at their pinned versions, runs the real
//! `bluecode scan --format json` at default settings from each project's folder, and
//! prints findings per 1,000 lines of code (by category, confidence and rule) and the
//! precision of the triaged sample in `tests/real-code/triage.csv`.
//!
//! Run: `cargo bench --bench real_code`. Environment (all optional):
//! - `BLUECODE_REAL_CODE_DIR`: the cache for downloads, unpacked sources, scan reports,
//!   `report.json` and `untriaged.csv` (default `target/real-code/`).
//! - `BLUECODE_REAL_CODE_ONLY`: comma-separated project names to run.
//! - `BLUECODE_REAL_CODE_SAMPLE`: sampled findings per project (default 7).
//! - `BLUECODE_REAL_CODE_TRIAGE`: the triage file (default `tests/real-code/triage.csv`).
//! - `BLUECODE_REAL_CODE_UNTRIAGED`: where to write the template of sampled findings that
//!   have no triage row yet (default `<cache>/untriaged.csv`).
//! - `BLUECODE_REAL_CODE_CONFIG`: a `bluecode.toml` placed in each project for its scan
//!   (and removed after), to measure a setting that is not the default
//!   (`[analysis] index = true`).
//!
//! `tests/real-code/README.md` says how to triage, add a project and read the numbers.

#[path = "real_code/fetch.rs"]
mod fetch;
#[path = "real_code/measure.rs"]
mod measure;
#[path = "real_code/projects.rs"]
mod projects;
#[path = "real_code/report.rs"]
mod report;
#[path = "real_code/triage.rs"]
mod triage;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;

use report::{Overall, ProjectResult, SampledFinding};
use triage::{Index, Tally};

const DEFAULT_SAMPLE: usize = 7;

fn main() {
    if let Err(e) = run() {
        eprintln!("real_code: {e:#}");
        std::process::exit(2);
    }
}

/// User + system CPU time of every child process that has finished so far (the scans
/// run one at a time, so the difference around them is their CPU time, whatever the load).
fn children_cpu_seconds() -> f64 {
    // SAFETY: `rusage` is plain data that getrusage fills in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    if rc != 0 {
        return 0.0;
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

fn run() -> anyhow::Result<()> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bluecode = Path::new(env!("CARGO_BIN_EXE_bluecode"));
    let cache = env_path("BLUECODE_REAL_CODE_DIR")
        .unwrap_or_else(|| manifest.join("target").join("real-code"));
    std::fs::create_dir_all(&cache)?;
    let cache = std::fs::canonicalize(&cache)?;
    let triage_path = env_path("BLUECODE_REAL_CODE_TRIAGE")
        .unwrap_or_else(|| manifest.join("tests/real-code/triage.csv"));
    let untriaged_path =
        env_path("BLUECODE_REAL_CODE_UNTRIAGED").unwrap_or_else(|| cache.join("untriaged.csv"));
    let config = env_path("BLUECODE_REAL_CODE_CONFIG")
        .map(|p| std::fs::read_to_string(&p).with_context(|| format!("{}", p.display())))
        .transpose()?;
    let quota = match std::env::var("BLUECODE_REAL_CODE_SAMPLE") {
        Ok(v) if !v.is_empty() => v
            .parse()
            .with_context(|| format!("BLUECODE_REAL_CODE_SAMPLE=`{v}` is not a number"))?,
        _ => DEFAULT_SAMPLE,
    };
    let only: Option<Vec<String>> = std::env::var("BLUECODE_REAL_CODE_ONLY")
        .ok()
        .filter(|v| !v.is_empty())
        .map(|v| v.split(',').map(|s| s.trim().to_string()).collect());

    let mut list = projects::load(&manifest.join("tests/real-code/projects.toml"))?;
    if let Some(only) = &only {
        for name in only {
            if !list.iter().any(|p| &p.name == name) {
                anyhow::bail!("BLUECODE_REAL_CODE_ONLY names `{name}`, not in projects.toml");
            }
        }
        list.retain(|p| only.contains(&p.name));
    }
    // `bluecode scan` looks for a bluecode.toml above the scanned folder: one above the
    // cache would silently change the "default settings" this benchmark promises.
    for dir in cache.ancestors() {
        if dir.join("bluecode.toml").is_file() {
            eprintln!(
                "warning: {} applies to every scan here — the figures are not default settings; \
                 set BLUECODE_REAL_CODE_DIR to a folder outside it",
                dir.join("bluecode.toml").display()
            );
        }
    }
    let rows = triage::load(&triage_path)?;
    let index = Index::new(&rows);
    let mut row_matched = vec![false; rows.len()];

    // Fetch everything first, so the timed part below is scanning only.
    let mut roots = Vec::new();
    let mut failures = Vec::new();
    for p in &list {
        match fetch::ensure(p, &cache) {
            Ok(root) => roots.push((p, root)),
            Err(e) => {
                eprintln!("real_code: {}: {e:#}", p.name);
                failures.push(p.name.clone());
            }
        }
    }

    let reports = cache.join("scans");
    std::fs::create_dir_all(&reports)?;
    let started = Instant::now();
    let cpu_before = children_cpu_seconds();
    let mut results = Vec::new();
    let mut untriaged = Vec::new();
    for (p, root) in roots {
        eprintln!("scanning {} {} …", p.name, p.version);
        let cpu_at_start = children_cpu_seconds();
        // The unpacked archive's top folder: `root` less the components of `p.root`.
        let top = root
            .ancestors()
            .nth(Path::new(&p.root).components().count().saturating_sub(1))
            .unwrap_or(&root);
        let scan = measure::scan(
            bluecode,
            &root,
            &reports.join(format!("{}.json", p.slug())),
            config.as_deref().map(|text| (text, top)),
        )?;
        let scan_cpu = children_cpu_seconds() - cpu_at_start;
        let loc = measure::count_lines(&root);
        let assigned = index.assign(&p.name, &p.version, &scan.findings);
        let mut all_triaged = Tally::default();
        for &row in assigned.iter().flatten() {
            row_matched[row] = true;
            all_triaged.add(rows[row].verdict);
        }
        let mut sampled_tally = Tally::default();
        let mut sampled = Vec::new();
        for i in triage::sample(&p.name, &scan.findings, quota) {
            let f = &scan.findings[i];
            let verdict = assigned[i].map(|r| rows[r].verdict);
            match verdict {
                Some(v) => sampled_tally.add(v),
                None => untriaged.push(triage::template_row(&p.name, &p.version, f)),
            }
            sampled.push(SampledFinding::new(f, verdict));
        }
        let mut result = ProjectResult::new(p, &scan, loc, sampled, sampled_tally, all_triaged);
        result.scan_cpu_seconds = scan_cpu;
        results.push(result);
    }
    let scan_seconds = started.elapsed().as_secs_f64();
    let scan_cpu_seconds = children_cpu_seconds() - cpu_before;

    let in_run: BTreeMap<String, String> = results
        .iter()
        .map(|r| (r.name.clone(), r.version.clone()))
        .collect();
    let orphans = triage::orphans(&rows, &row_matched, &in_run);
    let overall = Overall::new(
        &results,
        (scan_seconds, scan_cpu_seconds),
        quota,
        orphans,
        failures.clone(),
    );
    report::print(&results, &overall);

    if untriaged.is_empty() {
        if untriaged_path.is_file() {
            std::fs::remove_file(&untriaged_path)?;
        }
    } else {
        let mut text = String::from(triage::HEADER);
        text.push('\n');
        for row in &untriaged {
            text.push_str(row);
            text.push('\n');
        }
        std::fs::write(&untriaged_path, text)
            .with_context(|| format!("writing {}", untriaged_path.display()))?;
        println!(
            "\n{} sampled findings have no triage row: template written to {}",
            untriaged.len(),
            untriaged_path.display()
        );
        println!(
            "fill in verdict (TP/FP) and reason, then append the rows to {}",
            triage_path.display()
        );
    }
    let json_path = cache.join("report.json");
    report::write_json(&json_path, &results, &overall)?;
    println!("report: {}", json_path.display());
    if !failures.is_empty() {
        anyhow::bail!("could not fetch: {}", failures.join(", "));
    }
    Ok(())
}
