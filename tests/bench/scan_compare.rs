//! Scan benchmark: `bluecode scan` over Django 5.1.4's source (the PyPI wheel, 879 files)
//! side by side with `ruff check --select S`, `bandit -r` and Semgrep on local rules, in
//! one run, printing wall time (median of several runs), peak RSS and the ratio to ruff.
//!
//! Run: `cargo bench --bench scan_compare`. It prepares, once, under `$BLUECODE_TOOLS`
//! (default `.tools/`): a venv with ruff, bandit and semgrep from PyPI, and the unpacked
//! Django wheel. `BLUECODE_BENCH_RUNS` sets the runs per tool (default 3; Bandit and
//! Semgrep run once unless it is set, they are slow). `BLUECODE_BENCH_CORPUS` points at
//! another folder to scan.

mod peers;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use peers::{ensure_peers, run_checked, tools_dir};

struct Measurement {
    wall: Duration,
    max_rss_kb: i64,
    exit: i32,
}

fn ensure_django(tools: &Path) -> PathBuf {
    let dir = tools.join("corpus");
    let unpacked = dir.join("django-5.1.4");
    if !unpacked.join("django").is_dir() {
        std::fs::create_dir_all(&dir).expect("create corpus dir");
        run_checked(
            Command::new("python3")
                .args([
                    "-m",
                    "pip",
                    "download",
                    "-q",
                    "--no-deps",
                    "django==5.1.4",
                    "-d",
                ])
                .arg(&dir),
            "pip download django",
        );
        run_checked(
            Command::new("python3")
                .args(["-m", "zipfile", "-e"])
                .arg(dir.join("Django-5.1.4-py3-none-any.whl"))
                .arg(&unpacked),
            "unzip django",
        );
    }
    unpacked.join("django")
}

/// Runs a command to completion and reads its peak RSS from `wait4`.
fn measure(program: &Path, args: &[&str]) -> Measurement {
    let started = Instant::now();
    let child = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills in; the pid is our own child and
    // is reaped exactly once here (the `Child` handle is forgotten, not waited on again).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    std::mem::forget(child);
    assert!(rc == pid, "wait4 failed for {}", program.display());
    Measurement {
        wall: started.elapsed(),
        max_rss_kb: usage.ru_maxrss,
        exit: if libc::WIFEXITED(status) {
            libc::WEXITSTATUS(status)
        } else {
            -1
        },
    }
}

fn median(mut runs: Vec<Measurement>) -> Measurement {
    runs.sort_by_key(|m| m.wall);
    let mid = runs.len() / 2;
    runs.swap_remove(mid)
}

fn count_files(dir: &Path) -> (usize, usize) {
    let mut files = 0;
    let mut lines = 0;
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "py") {
                files += 1;
                lines += std::fs::read_to_string(&p)
                    .map(|t| t.lines().count())
                    .unwrap_or(0);
            }
        }
    }
    (files, lines)
}

fn main() {
    // `cargo bench` passes `--bench`; this binary has no options of its own.
    let tools = tools_dir();
    let bin = ensure_peers(&tools);
    let corpus = std::env::var_os("BLUECODE_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| ensure_django(&tools));
    let corpus_arg = corpus.to_string_lossy().into_owned();
    let (files, lines) = count_files(&corpus);
    let runs: usize = std::env::var("BLUECODE_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let slow_runs = if std::env::var("BLUECODE_BENCH_RUNS").is_ok() {
        runs
    } else {
        1
    };
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bench/semgrep-rules.yml");
    let rules_arg = rules.to_string_lossy().into_owned();
    let bluecode = PathBuf::from(env!("CARGO_BIN_EXE_bluecode"));

    println!(
        "corpus: {} ({files} .py files, {lines} lines), {} cores",
        corpus.display(),
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
    let tools_to_run: Vec<(&str, PathBuf, Vec<&str>, usize)> = vec![
        (
            "bluecode scan",
            bluecode,
            vec![
                "scan",
                &corpus_arg,
                "--format",
                "json",
                "--exit-zero",
                "-o",
                "/dev/null",
            ],
            runs,
        ),
        (
            "ruff check --select S",
            bin.join("ruff"),
            vec![
                "check",
                "--select",
                "S",
                "--no-cache",
                "--exit-zero",
                "-q",
                &corpus_arg,
            ],
            runs,
        ),
        (
            "bandit -r",
            bin.join("bandit"),
            vec!["-r", "-q", "-f", "json", "-o", "/dev/null", &corpus_arg],
            slow_runs,
        ),
        (
            "semgrep (local rules)",
            bin.join("semgrep"),
            vec![
                "--config",
                &rules_arg,
                "--metrics",
                "off",
                "--disable-version-check",
                "-q",
                "--json",
                "-o",
                "/dev/null",
                &corpus_arg,
            ],
            slow_runs,
        ),
    ];
    // A warm-up run of each, so that none pays for a cold page cache alone.
    let mut results = Vec::new();
    for (name, program, args, n) in &tools_to_run {
        let _ = measure(program, args);
        let m = median((0..*n).map(|_| measure(program, args)).collect());
        eprintln!("{name}: {:.2} s", m.wall.as_secs_f64());
        results.push((*name, m));
    }
    let ruff = results
        .iter()
        .find(|(n, _)| n.starts_with("ruff"))
        .map(|(_, m)| m.wall.as_secs_f64())
        .unwrap_or(f64::NAN);
    println!(
        "{:<24} {:>10} {:>12} {:>10} {:>6}",
        "tool", "wall (s)", "peak RSS MB", "× ruff", "exit"
    );
    for (name, m) in &results {
        println!(
            "{:<24} {:>10.3} {:>12.1} {:>10.2} {:>6}",
            name,
            m.wall.as_secs_f64(),
            m.max_rss_kb as f64 / 1024.0,
            m.wall.as_secs_f64() / ruff,
            m.exit
        );
    }
}
