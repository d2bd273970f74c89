//! Reading files as they were at a git commit, through the `git` command line (the one
//! git every developer and CI image already has; no library to keep in step with the
//! repository format): the repository's top folder, the merge base of a ref with `HEAD`,
//! and many files at one commit in one `git cat-file --batch` process.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("git could not be run ({0}); is git installed and on PATH?")]
    NotRunnable(std::io::Error),
    #[error("`git {command}` failed: {message}")]
    Failed { command: String, message: String },
    #[error("`{0}` is not a git ref bluecode accepts (it may not start with `-`)")]
    BadRef(String),
}

fn git(dir: &Path, args: &[&str]) -> Result<String, GitError> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(GitError::NotRunnable)?;
    if !output.status.success() {
        return Err(GitError::Failed {
            command: args.join(" "),
            message: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        });
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The top folder of the repository holding `dir`.
pub fn repo_root(dir: &Path) -> Result<PathBuf, GitError> {
    git(dir, &["rev-parse", "--show-toplevel"]).map(PathBuf::from)
}

/// The commit where `reference` and `HEAD` meet (`git merge-base REF HEAD`): for `HEAD`
/// itself, the current commit; for a branch, where this work started from it.
pub fn merge_base(repo: &Path, reference: &str) -> Result<String, GitError> {
    if reference.is_empty() || reference.starts_with('-') {
        return Err(GitError::BadRef(reference.to_owned()));
    }
    git(repo, &["merge-base", reference, "HEAD"])
}

/// The texts of `paths` (relative to the repository's top, `/` separated) at `commit`;
/// `None` for a file that did not exist there or is not UTF-8 text.
pub fn read_at(
    repo: &Path,
    commit: &str,
    paths: &[String],
) -> Result<Vec<Option<String>>, GitError> {
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(GitError::NotRunnable)?;
    let Some(mut stdin) = child.stdin.take() else {
        return Err(failed("no standard input"));
    };
    let requests: String = paths
        .iter()
        .map(|p| {
            // A name with a line break cannot be asked for on a line: ask for nothing.
            let p = if p.contains('\n') { "" } else { p.as_str() };
            format!("{commit}:{p}\n")
        })
        .collect();
    // Written from another thread: git answers as it reads, and a full pipe either way
    // would stall both.
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let Some(stdout) = child.stdout.take() else {
        return Err(failed("no standard output"));
    };
    let mut reader = BufReader::new(stdout);
    let mut texts = Vec::with_capacity(paths.len());
    for _ in paths {
        let mut header = String::new();
        if reader.read_line(&mut header).map_err(io_failed)? == 0 {
            return Err(failed("the output ended early"));
        }
        // `<sha> blob <size>`, or `<name> missing` / `ambiguous`.
        let fields: Vec<&str> = header.split_whitespace().collect();
        match fields.as_slice() {
            [_, kind, size] => {
                let size: usize = size
                    .parse()
                    .map_err(|_| failed(&format!("unexpected header `{}`", header.trim())))?;
                let mut body = vec![0; size + 1];
                reader.read_exact(&mut body).map_err(io_failed)?;
                body.pop();
                texts.push(if *kind == "blob" {
                    String::from_utf8(body).ok()
                } else {
                    None
                });
            }
            _ => texts.push(None),
        }
    }
    let _ = writer.join();
    let status = child.wait().map_err(io_failed)?;
    if !status.success() {
        let mut message = String::new();
        if let Some(mut stderr) = child.stderr.take() {
            let _ = stderr.read_to_string(&mut message);
        }
        return Err(failed(message.trim()));
    }
    Ok(texts)
}

fn failed(message: &str) -> GitError {
    GitError::Failed {
        command: "cat-file --batch".to_owned(),
        message: message.to_owned(),
    }
}

fn io_failed(e: std::io::Error) -> GitError {
    failed(&e.to_string())
}

/// `path` relative to the repository's top, `/` separated; `None` when it is not under it.
pub fn relative_to(repo: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(repo).ok()?;
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(dir: &Path, args: &[&str]) {
        let status = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }

    #[test]
    fn files_at_a_commit_in_one_process() {
        let dir = tempfile::tempdir().expect("temp");
        let root = std::fs::canonicalize(dir.path()).expect("canonical");
        run(&root, &["init", "-q", "-b", "main"]);
        run(&root, &["config", "user.email", "t@example.invalid"]);
        run(&root, &["config", "user.name", "t"]);
        std::fs::create_dir_all(root.join("src")).expect("dir");
        std::fs::write(root.join("src/a.py"), "x = 1\n").expect("write");
        std::fs::write(root.join("b.bin"), [0xff, 0xfe]).expect("write");
        run(&root, &["add", "."]);
        run(&root, &["commit", "-q", "-m", "one"]);
        std::fs::write(root.join("src/a.py"), "x = 2\n").expect("write");

        assert_eq!(repo_root(&root.join("src")).expect("root"), root);
        let base = merge_base(&root, "HEAD").expect("base");
        let texts = read_at(
            &root,
            &base,
            &["src/a.py".into(), "gone.py".into(), "b.bin".into()],
        )
        .expect("read");
        assert_eq!(texts, [Some("x = 1\n".to_owned()), None, None]);
        assert!(matches!(
            merge_base(&root, "--all"),
            Err(GitError::BadRef(_))
        ));
        let err = merge_base(&root, "no-such-branch").expect_err("unknown ref");
        assert!(err.to_string().contains("no-such-branch"), "{err}");
        assert_eq!(
            relative_to(&root, &root.join("src/a.py")).as_deref(),
            Some("src/a.py")
        );
    }
}
