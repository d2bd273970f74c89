//! `bluecode doctor`: every check a new install needs, gathered in one report — the binary,
//! the workspace's bluecode.toml, the constitutions, the LLM judge, the Docker sandbox and
//! the editors found on PATH. Human text or `--json`.
//!
//! Exit codes (for scripts): 0 — nothing configured is broken (optional components that
//! are merely unavailable, such as no Docker engine, are reported as `warn`); 1 — a
//! configured component is broken (bluecode.toml does not parse, a workspace constitution
//! does not load, the configured LLM endpoint does not answer or lacks the model, the
//! sandbox engine and image are there but the test run fails); 2 — the doctor itself could
//! not run (bad arguments, no runtime).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bluecode_analysis::constitutions::ConstitutionSet;
use bluecode_analysis::constitutions::Origin;
use bluecode_workspace::WorkspaceSettings;
use bluecode_workspace::llm::{Judge, VerdictCache};
use bluecode_workspace::sandbox;
use serde::Serialize;

use crate::constitutions_cmd::print_stdout;
use crate::version;

#[derive(clap::Args)]
pub struct DoctorArgs {
    /// The workspace folder to check (where bluecode.toml is looked for, upwards).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Works.
    Ok,
    /// Not configured or turned off; nothing to check.
    Off,
    /// For information only (editor hints).
    Info,
    /// An optional component is unavailable; bluecode works without it.
    Warn,
    /// A configured component is broken.
    Fail,
}

impl Status {
    fn label(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Off => "off",
            Status::Info => "info",
            Status::Warn => "warn",
            Status::Fail => "FAIL",
        }
    }
}

#[derive(Serialize)]
pub struct Check {
    pub name: &'static str,
    pub status: Status,
    pub summary: String,
    /// Further lines: values found, problems, what to do.
    pub details: Vec<String>,
}

#[derive(Serialize)]
struct Report {
    version: &'static str,
    commit: &'static str,
    checks: Vec<Check>,
    exit_code: u8,
}

pub fn run(args: &DoctorArgs) -> anyhow::Result<ExitCode> {
    if !args.path.exists() {
        anyhow::bail!("{} does not exist", args.path.display());
    }
    let root = std::fs::canonicalize(&args.path)?;
    let root = if root.is_dir() {
        root
    } else {
        root.parent().map(Path::to_owned).unwrap_or(root)
    };
    let mut checks = vec![binary_check()];
    let (config_check, settings, workspace_root) = config_check(&root);
    checks.push(config_check);
    checks.push(constitutions_check(&workspace_root));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    checks.push(runtime.block_on(llm_check(&settings)));
    checks.push(runtime.block_on(sandbox_check(&settings)));
    checks.push(editors_check());
    let broken = checks.iter().any(|c| c.status == Status::Fail);
    let exit_code = u8::from(broken);
    if args.json {
        let report = Report {
            version: env!("CARGO_PKG_VERSION"),
            commit: version::COMMIT,
            checks,
            exit_code,
        };
        print_stdout(&format!("{}\n", serde_json::to_string_pretty(&report)?));
    } else {
        print_stdout(&render_text(&checks, exit_code));
    }
    Ok(ExitCode::from(exit_code))
}

fn render_text(checks: &[Check], exit_code: u8) -> String {
    let mut out = format!("{}\n", version::line());
    for c in checks {
        out.push_str(&format!(
            "[{:>4}] {}: {}\n",
            c.status.label(),
            c.name,
            c.summary
        ));
        for d in &c.details {
            out.push_str(&format!("       {d}\n"));
        }
    }
    out.push_str(if exit_code == 0 {
        "nothing configured is broken (exit 0)\n"
    } else {
        "a configured component is broken (exit 1)\n"
    });
    out
}

fn binary_check() -> Check {
    let exe = std::env::current_exe().ok();
    let mut details = vec![version::line()];
    // Which `bluecode` an editor would start when it relies on PATH.
    match (find_on_path("bluecode"), &exe) {
        (Some(on_path), Some(exe)) => {
            let same = std::fs::canonicalize(&on_path).ok() == std::fs::canonicalize(exe).ok();
            details.push(format!(
                "`bluecode` on PATH: {}{}",
                on_path.display(),
                if same {
                    " (this binary)"
                } else {
                    " (another binary)"
                }
            ));
        }
        (None, _) => details.push("`bluecode` is not on PATH: editors need its full path".into()),
        _ => {}
    }
    Check {
        name: "binary",
        status: Status::Ok,
        summary: exe
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "path unknown".into()),
        details,
    }
}

/// The check, the settings to use for the rest (defaults when the file is broken), and
/// the workspace root (the config's folder, else the folder given).
fn config_check(start: &Path) -> (Check, WorkspaceSettings, PathBuf) {
    let Some(root) = start
        .ancestors()
        .find(|d| d.join("bluecode.toml").is_file())
        .map(Path::to_owned)
    else {
        let check = Check {
            name: "config",
            status: Status::Off,
            summary: format!("no bluecode.toml at or above {}", start.display()),
            details: vec!["defaults apply; `bluecode config schema` lists every setting".into()],
        };
        return (check, WorkspaceSettings::default(), start.to_owned());
    };
    let path = root.join("bluecode.toml");
    let name = path.display().to_string();
    let parsed = bluecode_workspace::SettingsFile::read(&path)
        .and_then(|file| WorkspaceSettings::from_file(&file))
        .map_err(|e| e.to_string());
    let check = match parsed {
        Ok(settings) => {
            let status = Status::Ok;
            let check = Check {
                name: "config",
                status,
                summary: name,
                details: settings
                    .warnings
                    .iter()
                    .map(|w| format!("warning: {w}"))
                    .collect(),
            };
            return (check, settings, root);
        }
        Err(e) => Check {
            name: "config",
            status: Status::Fail,
            summary: format!("{name} does not load; defaults used for the other checks"),
            details: vec![e],
        },
    };
    (check, WorkspaceSettings::default(), root)
}

fn constitutions_check(root: &Path) -> Check {
    let dir = root.join(".bluecode").join("constitutions");
    let (set, errors) = ConstitutionSet::load(std::slice::from_ref(&dir));
    let workspace = set
        .constitutions()
        .iter()
        .filter(|c| matches!(c.origin, Origin::Workspace(_)))
        .count();
    let builtin = set.constitutions().len() - workspace;
    let mut details = vec![format!("set hash {:016x}", set.content_hash())];
    if dir.is_dir() {
        details.push(format!("workspace folder: {}", dir.display()));
    }
    details.extend(errors.iter().map(|e| format!("not loaded: {e}")));
    Check {
        name: "constitutions",
        status: if errors.is_empty() {
            Status::Ok
        } else {
            Status::Fail
        },
        summary: format!(
            "{} loaded ({builtin} built-in, {workspace} workspace), {} load errors",
            set.constitutions().len(),
            errors.len()
        ),
        details,
    }
}

async fn llm_check(settings: &WorkspaceSettings) -> Check {
    let llm = &settings.llm;
    if !llm.is_enabled() {
        return Check {
            name: "llm",
            status: Status::Off,
            summary: "not configured (the judge is optional)".into(),
            details: vec!["set `[llm]` `base_url` and `model` in bluecode.toml to use it".into()],
        };
    }
    let judge = match Judge::from_settings(llm, Vec::new(), VerdictCache::open_default()) {
        Ok(Some(judge)) => judge,
        Ok(None) => {
            return Check {
                name: "llm",
                status: Status::Off,
                summary: "turned off".into(),
                details: Vec::new(),
            };
        }
        Err(e) => {
            return Check {
                name: "llm",
                status: Status::Fail,
                summary: "configured but unusable".into(),
                details: vec![e.to_string()],
            };
        }
    };
    let report = judge.check().await;
    let ok =
        report.endpoint_reachable && report.model_found != Some(false) && report.problem.is_none();
    let mut details = vec![format!("provider {}", report.provider)];
    details.extend(report.problem.clone());
    Check {
        name: "llm",
        status: if ok { Status::Ok } else { Status::Fail },
        summary: format!(
            "{} at {}: {}, model {}, {} ms",
            report.model,
            report.base_url,
            if report.endpoint_reachable {
                "answers"
            } else {
                "does not answer"
            },
            match report.model_found {
                Some(true) => "found",
                Some(false) => "not found",
                None => "unknown",
            },
            report.latency.as_millis()
        ),
        details,
    }
}

async fn sandbox_check(settings: &WorkspaceSettings) -> Check {
    let sandbox = &settings.sandbox;
    if !sandbox.enabled {
        return Check {
            name: "sandbox",
            status: Status::Off,
            summary: "turned off in bluecode.toml".into(),
            details: Vec::new(),
        };
    }
    // Engine, image, and a hardened test run when both are there.
    let report = sandbox::doctor(sandbox).await;
    let Some(engine) = &report.engine else {
        return Check {
            name: "sandbox",
            status: Status::Warn,
            summary: format!("Docker engine not reachable at {}", report.address),
            details: report
                .problems
                .iter()
                .cloned()
                .chain(["findings are still reported; only verification needs Docker".into()])
                .collect(),
        };
    };
    let engine_line = format!("Docker {} at {}", engine.version, report.address);
    let Some(image_id) = &report.image_id else {
        return Check {
            name: "sandbox",
            status: Status::Warn,
            summary: format!("{engine_line}; image `{}` missing", report.image),
            details: vec!["build it offline: `bluecode sandbox build-image`".into()],
        };
    };
    let mut details = vec![format!("image {} ({image_id})", report.image)];
    if let Some(ms) = report.test_run_ms {
        details.push(format!("test run {ms} ms"));
    }
    details.extend(report.problems.iter().map(|p| format!("problem: {p}")));
    Check {
        name: "sandbox",
        status: if report.is_ready() {
            Status::Ok
        } else {
            Status::Fail
        },
        summary: engine_line,
        details,
    }
}

/// How each editor found on PATH reaches the server.
const EDITORS: [(&str, &str, &str); 6] = [
    (
        "code",
        "VS Code",
        "install the bluecode extension (its .vsix carries the server)",
    ),
    (
        "code-server",
        "code-server",
        "install the bluecode .vsix with --install-extension",
    ),
    (
        "nvim",
        "Neovim",
        "`:MasonInstall bluecode` or set the plugin's cmd (editors/neovim)",
    ),
    (
        "hx",
        "Helix",
        "[language-server.bluecode] command = \"bluecode\", args = [\"lsp\"]",
    ),
    (
        "zed",
        "Zed",
        "the bluecode extension in editors/zed starts `bluecode lsp`",
    ),
    (
        "emacs",
        "Emacs",
        "eglot or lsp-mode: editors/emacs/bluecode-*.el",
    ),
];

fn editors_check() -> Check {
    let mut details = Vec::new();
    for (program, name, hint) in EDITORS {
        if let Some(path) = find_on_path(program) {
            details.push(format!("{name} ({}): {hint}", path.display()));
        }
    }
    Check {
        name: "editors",
        status: Status::Info,
        summary: if details.is_empty() {
            "no editor found on PATH; any LSP client can run `bluecode lsp`".into()
        } else {
            format!("{} found on PATH", details.len())
        },
        details,
    }
}

fn find_on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}
