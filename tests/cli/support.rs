//! Running the binary and building throw-away projects.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    pub fn new() -> Project {
        Project {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&path, contents).expect("write file");
        path
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn bluecode(args: &[&str], cwd: &Path) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_bluecode"))
        .args(args)
        .current_dir(cwd)
        .env("BLUECODE_LOG", "warn")
        .output()
        .expect("run bluecode");
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

pub const VULNERABLE_PY: &str = r#"import subprocess
from flask import request


def archive():
    name = request.args.get("name")
    subprocess.run(f"tar czf /tmp/{name}.tgz /srv/data", shell=True)
"#;

pub const SAFE_PY: &str = r#"import subprocess


def archive(name):
    subprocess.run(["tar", "czf", f"/tmp/{name}.tgz", "/srv/data"])
"#;
