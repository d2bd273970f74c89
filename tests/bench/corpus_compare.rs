//! Detection quality side by side: bluecode, `ruff --select S`, Bandit and Semgrep (on the
//! local rules in `tests/bench/semgrep-rules.yml`) scored against the same labels — the
//! inline `expect:` / `expect-not:` annotations of `tests/corpus/` — with `bluecode eval`
//! (`--sarif` reads each peer's SARIF; `tests/bench/peer-rule-cwe.csv` gives the CWEs of
//! ruff's and Bandit's rules). The peers analyse Python only, so the table is for
//! `tests/corpus/python`; bluecode's whole-corpus row follows.
//!
//! Run: `cargo bench --bench corpus_compare` (after a release build of `bluecode`; the
//! peers are installed into `$BLUECODE_TOOLS/peers` on first use).

mod peers;

use std::path::{Path, PathBuf};
use std::process::Command;

use peers::{ensure_peers, tools_dir};

const PYTHON_CORPUS: &str = "tests/corpus/python";

fn bluecode_bin(root: &Path) -> PathBuf {
    let bin = root.join("target/release/bluecode");
    if !bin.exists() {
        let status = Command::new(env!("CARGO"))
            .args(["build", "--release", "--bin", "bluecode"])
            .current_dir(root)
            .status()
            .expect("cargo runs");
        assert!(status.success(), "cargo build --release failed");
    }
    bin
}

/// The `overall` row of a `bluecode eval` table.
fn overall(bin: &Path, root: &Path, args: &[&str]) -> String {
    let out = Command::new(bin)
        .arg("eval")
        .args(args)
        .current_dir(root)
        .output()
        .expect("bluecode eval runs");
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .find(|l| l.starts_with("overall"))
        .map(|l| l.trim_start_matches("overall").trim_start().to_owned())
        .unwrap_or_else(|| {
            panic!(
                "no overall row from bluecode eval {args:?}: {text}{}",
                String::from_utf8_lossy(&out.stderr)
            )
        })
}

/// Runs a peer writing SARIF to `out`; its exit code only says whether it found
/// something, so the file is what is checked.
fn peer_sarif(program: &Path, args: &[&str], root: &Path, out: &Path) {
    let _ = std::fs::remove_file(out);
    let status = Command::new(program)
        .args(args)
        .current_dir(root)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
    assert!(
        out.is_file(),
        "{} wrote no SARIF ({status})",
        program.display()
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = bluecode_bin(root);
    let peers = ensure_peers(&tools_dir());
    let out_dir = root.join("target/corpus-compare");
    std::fs::create_dir_all(&out_dir).expect("create target/corpus-compare");
    let sarif = |name: &str| out_dir.join(format!("{name}.sarif"));
    let path = |p: &Path| p.to_string_lossy().into_owned();

    peer_sarif(
        &peers.join("ruff"),
        &[
            "check",
            "--select",
            "S",
            "--no-cache",
            "--exit-zero",
            "--output-format",
            "sarif",
            "-o",
            &path(&sarif("ruff")),
            PYTHON_CORPUS,
        ],
        root,
        &sarif("ruff"),
    );
    peer_sarif(
        &peers.join("bandit"),
        &[
            "-r",
            "-q",
            "-f",
            "sarif",
            "-o",
            &path(&sarif("bandit")),
            PYTHON_CORPUS,
        ],
        root,
        &sarif("bandit"),
    );
    peer_sarif(
        &peers.join("semgrep"),
        &[
            "scan",
            "--metrics=off",
            "--disable-version-check",
            "-q",
            "--config",
            "tests/bench/semgrep-rules.yml",
            "--sarif",
            "-o",
            &path(&sarif("semgrep")),
            PYTHON_CORPUS,
        ],
        root,
        &sarif("semgrep"),
    );

    let table = "tests/bench/peer-rule-cwe.csv";
    println!(
        "{:<28} {:>5} {:>5} {:>5} {:>5} {:>9} {:>7} {:>6} {:>6} {:>7}",
        "tool (labels scored)",
        "TP",
        "FP",
        "FN",
        "TN",
        "precision",
        "recall",
        "F1",
        "FPR",
        "TPR-FPR"
    );
    let row = |name: &str, scores: String| println!("{name:<28} {scores}");
    row("bluecode (python)", overall(&bin, root, &[PYTHON_CORPUS]));
    for peer in ["ruff", "bandit", "semgrep"] {
        let scores = overall(
            &bin,
            root,
            &[
                PYTHON_CORPUS,
                "--sarif",
                &path(&sarif(peer)),
                "--rule-cwe",
                table,
            ],
        );
        row(&format!("{peer} (python)"), scores);
    }
    row(
        "bluecode (whole corpus)",
        overall(&bin, root, &["tests/corpus"]),
    );
}
