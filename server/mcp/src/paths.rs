//! Keeping paths inside the workspace root. A path from the client (relative to the root,
//! or absolute) is resolved with symbolic links followed — of the file itself when it
//! exists, else of its nearest existing folder, the rest of the path holding no `..` — and
//! refused unless the result is under the root. Depends on nothing else in the crate.

use std::path::{Component, Path, PathBuf};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PathError {
    #[error("`{given}` is outside the workspace root {root}; bluecode reads files under it only")]
    Outside { given: String, root: String },
    #[error("`{0}` does not exist in the workspace")]
    Missing(String),
    #[error("an empty path or one with a NUL byte is not a path")]
    Invalid,
}

/// The canonical path of an existing file `given` under `root` (itself canonical).
pub fn existing_file(root: &Path, given: &str) -> Result<PathBuf, PathError> {
    let joined = joined(root, given)?;
    let real = std::fs::canonicalize(&joined).map_err(|_| PathError::Missing(given.to_owned()))?;
    confined(root, given, real)
}

/// Where `given` is or would be under `root`: the file need not exist (code an agent is
/// about to write).
pub fn planned_file(root: &Path, given: &str) -> Result<PathBuf, PathError> {
    let joined = joined(root, given)?;
    if let Ok(real) = std::fs::canonicalize(&joined) {
        return confined(root, given, real);
    }
    let mut rest = Vec::new();
    for ancestor in joined.ancestors() {
        if let Ok(real) = std::fs::canonicalize(ancestor) {
            let mut path = real;
            for part in rest.iter().rev() {
                path.push(part);
            }
            return confined(root, given, path);
        }
        match ancestor.components().next_back() {
            Some(Component::Normal(part)) => rest.push(part.to_owned()),
            Some(Component::CurDir) => {}
            // `..` below a folder that does not exist cannot be resolved: refuse it.
            _ => return Err(outside(root, given)),
        }
    }
    Err(outside(root, given))
}

fn joined(root: &Path, given: &str) -> Result<PathBuf, PathError> {
    if given.is_empty() || given.contains('\0') {
        return Err(PathError::Invalid);
    }
    Ok(root.join(given))
}

fn confined(root: &Path, given: &str, real: PathBuf) -> Result<PathBuf, PathError> {
    if real.starts_with(root) {
        Ok(real)
    } else {
        Err(outside(root, given))
    }
}

fn outside(root: &Path, given: &str) -> PathError {
    PathError::Outside {
        given: given.to_owned(),
        root: root.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_under_the_root_through_links_and_dot_dots() {
        let dir = tempfile::tempdir().expect("temp");
        let base = std::fs::canonicalize(dir.path()).expect("canonical");
        let root = base.join("root");
        std::fs::create_dir_all(root.join("src")).expect("dir");
        std::fs::write(root.join("src/app.py"), "x = 1\n").expect("write");
        std::fs::write(base.join("secret.py"), "k = 1\n").expect("write");
        std::os::unix::fs::symlink(base.join("secret.py"), root.join("src/link.py")).expect("link");
        std::os::unix::fs::symlink(&base, root.join("up")).expect("link");

        assert_eq!(
            existing_file(&root, "src/app.py"),
            Ok(root.join("src/app.py"))
        );
        let abs = root.join("src/app.py").display().to_string();
        assert_eq!(existing_file(&root, &abs), Ok(root.join("src/app.py")));
        for bad in ["../secret.py", "src/link.py", "up/secret.py", "/etc/passwd"] {
            assert!(
                matches!(existing_file(&root, bad), Err(PathError::Outside { .. })),
                "{bad}"
            );
        }
        assert_eq!(
            existing_file(&root, "src/none.py"),
            Err(PathError::Missing("src/none.py".into()))
        );
        assert_eq!(existing_file(&root, ""), Err(PathError::Invalid));

        assert_eq!(
            planned_file(&root, "src/new/views.py"),
            Ok(root.join("src/new/views.py"))
        );
        for bad in ["new/../../secret.py", "up/new.py", "../new.py"] {
            assert!(
                matches!(planned_file(&root, bad), Err(PathError::Outside { .. })),
                "{bad}"
            );
        }
    }
}
