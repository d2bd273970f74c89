//! `bluecode constitutions test --mutate [PATH]`: the examples' semantics-preserving
//! variants (see `bluecode_learn::mutate`), and what each constitution misses or newly
//! flags among them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use bluecode_analysis::Engine;
use bluecode_analysis::constitutions::{ConstitutionSet, ExampleKind, Origin};
use bluecode_learn::redteam::{MutationReport, Tally, red_team};

use crate::constitutions_cmd::print_stdout;

pub fn run(path: Option<&Path>, show_code: bool) -> anyhow::Result<ExitCode> {
    let dirs: Vec<PathBuf> = path.map(|p| vec![p.to_owned()]).unwrap_or_default();
    let (set, errors) = ConstitutionSet::load(&dirs);
    let only_workspace = path.is_some();
    let engine = Engine::new(Arc::new(set));
    let report = red_team(&engine, |c| {
        !only_workspace || matches!(c.origin, Origin::Workspace(_))
    });
    let mut out = String::new();
    for e in &errors {
        out.push_str(&format!("error: {e}\n"));
    }
    out.push_str(&render(&report, show_code));
    print_stdout(&out);
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn percent(share: f64) -> String {
    format!("{:.1} %", share * 100.0)
}

fn render(report: &MutationReport, show_code: bool) -> String {
    let mut out = String::new();
    for (id, tally) in &report.per_constitution {
        if tally.missed == 0 && tally.flagged == 0 {
            continue;
        }
        out.push_str(&format!(
            "{id}: missed {}/{} unsafe variants, flagged {}/{} safe variants\n",
            tally.missed, tally.unsafe_variants, tally.flagged, tally.safe_variants
        ));
        for escape in report.escapes.iter().filter(|e| &e.constitution == id) {
            let what = match escape.kind {
                ExampleKind::Unsafe => "missed",
                ExampleKind::Safe => "flagged",
            };
            out.push_str(&format!(
                "  {what} {} of the {} example at line {}\n",
                escape.applied.name(),
                match escape.kind {
                    ExampleKind::Unsafe => "unsafe",
                    ExampleKind::Safe => "safe",
                },
                escape.example_line
            ));
            if show_code {
                for line in escape.code.trim_end().lines() {
                    out.push_str(&format!("      {line}\n"));
                }
            }
        }
    }
    out.push_str("\nby move:\n");
    for (applied, tally) in &report.per_move {
        out.push_str(&format!("  {:<18} {}\n", applied.name(), summary(tally)));
    }
    let total = report.total();
    out.push_str(&format!(
        "\n{} constitutions mutated: {}\n",
        report.per_constitution.len(),
        summary(&total)
    ));
    out
}

fn summary(t: &Tally) -> String {
    format!(
        "missed {}/{} unsafe variants ({}), flagged {}/{} safe variants ({})",
        t.missed,
        t.unsafe_variants,
        percent(t.miss_rate()),
        t.flagged,
        t.safe_variants,
        percent(t.flag_rate())
    )
}
