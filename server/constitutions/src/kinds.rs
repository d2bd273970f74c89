//! Sink kinds: the names that tie a pattern's `taint = "kind"` to the taint models'
//! sanitizers (`shlex.quote` cleans for `shell`). They are declared once, with a one-line
//! meaning, in `taint/kinds.toml` (a workspace's `.bluecode/constitutions/taint/kinds.toml`
//! may add more), so that a misspelt kind is a load error rather than a sanitizer that
//! silently never applies.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The file name of a kinds declaration, inside a `taint/` folder.
pub(crate) const KINDS_FILE: &str = "kinds.toml";

/// One declared sink kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SinkKind {
    pub name: String,
    /// What reaching a sink of this kind means, in one line.
    pub meaning: String,
    /// Where it was declared.
    pub file: PathBuf,
    /// Declared by bluecode itself rather than by a workspace.
    pub builtin: bool,
}

/// Every declared kind, by name.
#[derive(Debug, Clone, Default)]
pub struct SinkKinds {
    kinds: BTreeMap<String, SinkKind>,
}

impl SinkKinds {
    pub fn get(&self, name: &str) -> Option<&SinkKind> {
        self.kinds.get(name)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.kinds.contains_key(name)
    }

    /// In name order.
    pub fn iter(&self) -> impl Iterator<Item = &SinkKind> {
        self.kinds.values()
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// Adds a kind; `Err` with the file that declared it first when the name is taken.
    pub(crate) fn declare(&mut self, kind: SinkKind) -> Result<(), PathBuf> {
        if let Some(existing) = self.kinds.get(&kind.name) {
            return Err(existing.file.clone());
        }
        self.kinds.insert(kind.name.clone(), kind);
        Ok(())
    }

    /// Every declared kind except `excluded`, in name order.
    pub(crate) fn all_except(&self, excluded: &[String]) -> Vec<String> {
        self.kinds
            .keys()
            .filter(|k| !excluded.contains(k))
            .cloned()
            .collect()
    }

    /// The names, comma-separated, for error messages.
    pub(crate) fn names(&self) -> String {
        self.kinds.keys().cloned().collect::<Vec<_>>().join(", ")
    }
}

/// Whether `path` is a kinds declaration (`…/taint/kinds.toml`).
pub(crate) fn is_kinds_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == KINDS_FILE)
        && path
            .parent()
            .and_then(|p| p.file_name())
            .is_some_and(|n| n == "taint")
}

/// A kind name is lowercase words joined by `_`.
pub(crate) fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        && !name.starts_with('_')
        && !name.ends_with('_')
}

pub(crate) mod raw {
    use super::Deserialize;
    use std::collections::BTreeMap;
    use toml::Spanned;

    /// `[kinds]` with one `name = "meaning"` line per kind.
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct KindsFile {
        pub kinds: BTreeMap<Spanned<String>, Spanned<String>>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_files() {
        assert!(valid_name("shell"));
        assert!(valid_name("trust_boundary"));
        assert!(!valid_name("Shell"));
        assert!(!valid_name("sql-injection"));
        assert!(!valid_name("_x"));
        assert!(is_kinds_file(Path::new("constitutions/taint/kinds.toml")));
        assert!(!is_kinds_file(Path::new("constitutions/kinds.toml")));
        assert!(!is_kinds_file(Path::new("constitutions/taint/python.toml")));
    }

    #[test]
    fn all_except_keeps_name_order() {
        let mut kinds = SinkKinds::default();
        for name in ["sql", "shell", "size"] {
            kinds
                .declare(SinkKind {
                    name: name.into(),
                    meaning: String::new(),
                    file: PathBuf::from("k.toml"),
                    builtin: true,
                })
                .unwrap();
        }
        assert_eq!(kinds.all_except(&["size".into()]), ["shell", "sql"]);
        assert!(
            kinds
                .declare(SinkKind {
                    name: "sql".into(),
                    meaning: String::new(),
                    file: PathBuf::from("other.toml"),
                    builtin: false,
                })
                .is_err()
        );
    }
}
