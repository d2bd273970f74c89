//! Go and Java calls, resolved by package and declared type. The callee arrives
//! qualified by the file's own resolver (`CallSite::qualified`: imports, a parameter's,
//! local's or field's declared type, a constructor), so the index only has to find the
//! package:
//! - Go: an import path names a directory through the `go.mod` whose `module` path
//!   prefixes it; `pkg.F` is the function `F` of that directory's package, `pkg.T.M` the
//!   method `M` on type `T`, `pkg.F().M` the method `M` on the type `F` returns. An unqualified `T.M` or `F` is of the caller's own package
//!   (the `.go` files of its directory with the same `package` clause).
//! - Java: `a.b.C.m` is method `m` of class `C` in a file of package `a.b`; `C.m` with `C`
//!   unqualified is a class of the caller's package (a static call or a declared type);
//!   `m()` is the caller's own class's. Overloads resolve only when one has the call's
//!   arity.
//!
//! Exactly one candidate, or nothing.

use std::path::{Path, PathBuf};

use bluecode_syntax::Language;

use super::resolve::{FunctionRef, Resolver};
use super::summary::CallSite;

/// `example.com/shop/store.Repo.Find` → (`example.com/shop/store`, `Repo.Find`).
fn split_go(qualified: &str) -> Option<(&str, &str)> {
    let after_slash = qualified.rfind('/').map_or(0, |i| i + 1);
    let dot = after_slash + qualified.get(after_slash..)?.find('.')?;
    Some((&qualified[..dot], &qualified[dot + 1..]))
}

impl Resolver<'_> {
    pub(super) fn go_call(&self, file: usize, call: &CallSite) -> Option<FunctionRef> {
        let entry = self.files.get(file)?;
        if let Some(q) = &call.qualified {
            let (package, member) = split_go(q)?;
            let imported = entry.module.imports.values().any(|i| i.module == package);
            let files = if imported {
                self.go_package(&self.go_dir(package)?, None)
            } else {
                // Not an import: a type of the caller's own package (`Repo.Find`).
                self.go_package(entry.path.parent()?, entry.module.package.as_deref())
            };
            let member = if imported { member } else { q.as_str() };
            return self.go_member(&files, member);
        }
        // `helper(x)`: this file's function, else one of the same package.
        let [name] = call.path.as_slice() else {
            return None;
        };
        let own = self.go_member(&[file], name);
        own.or_else(|| {
            let files = self.go_package(entry.path.parent()?, entry.module.package.as_deref());
            self.go_member(&files, name)
        })
    }

    /// The folder an import path names: under the `go.mod` whose module path is its
    /// longest prefix.
    fn go_dir(&self, import: &str) -> Option<PathBuf> {
        self.go_modules
            .iter()
            .filter_map(|(root, module)| {
                let rest = import.strip_prefix(module.as_str())?;
                if rest.is_empty() {
                    return Some((module.len(), root.to_path_buf()));
                }
                let rest = rest.strip_prefix('/')?;
                Some((module.len(), root.join(rest)))
            })
            .max_by_key(|(len, _)| *len)
            .map(|(_, dir)| dir)
    }

    /// The `.go` files of `dir` in one package: `package` when given, else the one
    /// package its non-test files declare (none when they disagree).
    fn go_package(&self, dir: &Path, package: Option<&str>) -> Vec<usize> {
        let Some(files) = self.go_dirs.get(dir) else {
            return Vec::new();
        };
        let non_test: Vec<usize> = files
            .iter()
            .copied()
            .filter(|&i| {
                self.files.get(i).is_some_and(|f| {
                    !f.path.to_string_lossy().ends_with("_test.go")
                        && f.module
                            .package
                            .as_deref()
                            .is_some_and(|p| !p.ends_with("_test"))
                })
            })
            .collect();
        let package = match package {
            Some(p) => p,
            None => {
                let Some(first) = non_test.first().and_then(|&i| self.files.get(i)) else {
                    return Vec::new();
                };
                let p = first.module.package.as_deref().unwrap_or_default();
                let agree = non_test.iter().all(|&i| {
                    self.files
                        .get(i)
                        .is_some_and(|f| f.module.package.as_deref() == Some(p))
                });
                if !agree {
                    return Vec::new();
                }
                p
            }
        };
        non_test
            .into_iter()
            .filter(|&i| {
                self.files
                    .get(i)
                    .is_some_and(|f| f.module.package.as_deref() == Some(package))
            })
            .collect()
    }

    /// `F` (a function, not a method) or `T.M` (a method on `T`) in one of `files`; also
    /// `F().M`, the method `M` on the type `F` returns (`store.NewRepo(db).Find(q)`, or
    /// `repo := store.NewRepo(db)` then `repo.Find(q)`).
    fn go_member(&self, files: &[usize], member: &str) -> Option<FunctionRef> {
        if let Some((function, method)) = member.split_once("().") {
            let mut types = files
                .iter()
                .filter_map(|&i| self.files.get(i)?.module.returns.get(function));
            let ty = types.next()?;
            if types.next().is_some() {
                return None;
            }
            return self.go_member(files, &format!("{ty}.{method}"));
        }
        let mut found = files.iter().filter_map(|&i| {
            let entry = self.files.get(i)?;
            let unit = match member.split_once('.') {
                Some(_) => entry.module.methods.get(member)?.clone(),
                None if entry.module.methods.values().any(|u| u == member) => return None,
                None => member.to_owned(),
            };
            self.function_in(i, &unit)
        });
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }

    pub(super) fn java_call(
        &self,
        file: usize,
        unit: &str,
        call: &CallSite,
    ) -> Option<FunctionRef> {
        let entry = self.files.get(file)?;
        let arity = call.args.len();
        let own_package = || {
            let package = entry.module.package.as_deref().unwrap_or_default();
            self.java_packages.get(package).cloned().unwrap_or_default()
        };
        if let Some(q) = &call.qualified {
            let (class_path, method) = q.rsplit_once('.')?;
            return match class_path.rsplit_once('.') {
                Some((package, class)) => {
                    let files = self.java_packages.get(package)?;
                    self.java_method(files, class, method, arity)
                }
                None => self.java_method(&own_package(), class_path, method, arity),
            };
        }
        match call.path.as_slice() {
            // `helper(x)`, `this.helper(x)`: the caller's own class.
            [method] => {
                let class = unit.rsplit_once('.')?.0;
                self.java_method(&[file], class, method, arity)
            }
            [this, method] if this == "this" => {
                let class = unit.rsplit_once('.')?.0;
                self.java_method(&[file], class, method, arity)
            }
            // `Util.f(x)`: a class of the caller's package, called statically.
            [class, method] if class.starts_with(|c: char| c.is_ascii_uppercase()) => {
                self.java_method(&own_package(), class, method, arity)
            }
            _ => None,
        }
    }

    /// Method `method` of class `class` in one of `files` (one overload, or the one with
    /// `arity` parameters).
    fn java_method(
        &self,
        files: &[usize],
        class: &str,
        method: &str,
        arity: usize,
    ) -> Option<FunctionRef> {
        let unit = format!("{class}.{method}");
        let overload = format!("{unit}#");
        let candidates: Vec<(FunctionRef, usize)> = files
            .iter()
            .filter_map(|&i| Some((i, self.files.get(i)?)))
            .filter(|(_, e)| e.language == Language::Java)
            .flat_map(|(i, e)| {
                e.functions
                    .iter()
                    .filter(|f| f.unit == unit || f.unit.starts_with(&overload))
                    .map(move |f| ((i, f.unit.clone()), f.params.len()))
            })
            .collect();
        if let [(only, _)] = candidates.as_slice() {
            return Some(only.clone());
        }
        let mut fitting = candidates.into_iter().filter(|(_, n)| *n == arity);
        let (first, _) = fitting.next()?;
        fitting.next().is_none().then_some(first)
    }
}
