//! Resolving a call site to a summarised function of the workspace, by import and name
//! only. A module path names a file when exactly one indexed file can be it; anything
//! else (a package outside the workspace, a receiver of unknown type, two candidate
//! files) is unresolved — a bare name is never matched across files, except a C/C++
//! global function that exactly one indexed file defines (the linker's rule). Go and
//! Java calls are resolved in `resolve_typed.rs`.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use bluecode_syntax::Language;

use super::FileEntry;
use super::module::Import;
use super::summary::CallSite;

/// A function of the index: (file index, unit id).
pub(crate) type FunctionRef = (usize, String);

/// Lookup tables over the indexed files.
pub(crate) struct Resolver<'i> {
    pub(super) files: &'i [&'i FileEntry],
    by_path: HashMap<&'i Path, usize>,
    /// Python: dotted module suffix (`helpers`, `app.helpers`) → files.
    python_modules: HashMap<String, Vec<usize>>,
    /// Go: a directory → its `.go` files.
    pub(super) go_dirs: HashMap<&'i Path, Vec<usize>>,
    /// Go modules: (the folder of a `go.mod`, its `module` path).
    pub(super) go_modules: &'i [(Arc<Path>, String)],
    /// Java: a package → its files.
    pub(super) java_packages: HashMap<&'i str, Vec<usize>>,
    /// C/C++: a non-`static` function's name → the files defining it.
    c_exports: HashMap<&'i str, Vec<usize>>,
}

const JS_EXTENSIONS: [&str; 6] = ["js", "ts", "mjs", "cjs", "jsx", "tsx"];

impl<'i> Resolver<'i> {
    pub(crate) fn new(
        files: &'i [&'i FileEntry],
        go_modules: &'i [(Arc<Path>, String)],
    ) -> Resolver<'i> {
        let mut by_path = HashMap::new();
        let mut python_modules: HashMap<String, Vec<usize>> = HashMap::new();
        let mut go_dirs: HashMap<&Path, Vec<usize>> = HashMap::new();
        let mut java_packages: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut c_exports: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, f) in files.iter().enumerate() {
            by_path.insert(f.path.as_ref(), i);
            match f.language {
                Language::Go => {
                    if let Some(dir) = f.path.parent() {
                        go_dirs.entry(dir).or_default().push(i);
                    }
                    continue;
                }
                Language::Java => {
                    let package = f.module.package.as_deref().unwrap_or_default();
                    java_packages.entry(package).or_default().push(i);
                    continue;
                }
                Language::C | Language::Cpp => {
                    for name in f.module.exports.keys() {
                        c_exports.entry(name.as_str()).or_default().push(i);
                    }
                    continue;
                }
                Language::Python => {}
                _ => continue,
            }
            let mut parts: Vec<String> = f
                .path
                .with_extension("")
                .components()
                .filter_map(|c| match c {
                    Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                    _ => None,
                })
                .collect();
            if parts.last().is_some_and(|p| p == "__init__") {
                parts.pop();
            }
            for start in 0..parts.len() {
                python_modules
                    .entry(parts[start..].join("."))
                    .or_default()
                    .push(i);
            }
        }
        Resolver {
            files,
            by_path,
            python_modules,
            go_dirs,
            go_modules,
            java_packages,
            c_exports,
        }
    }

    /// The function `call` in unit `unit` of file `file` runs, if it can be told.
    pub(crate) fn resolve(&self, file: usize, unit: &str, call: &CallSite) -> Option<FunctionRef> {
        let entry = self.files.get(file)?;
        let path = call.path.as_slice();
        match entry.language {
            Language::Go => return self.go_call(file, call),
            Language::Java => return self.java_call(file, unit, call),
            Language::C | Language::Cpp => return self.c_call(file, path),
            _ => {}
        }
        // `m.f(x)` with `const m = new X()` / `m = X()`: method `f` of the class `X` names.
        if let Some((class, method)) = call.qualified.as_deref().and_then(|q| q.split_once('.'))
            && let Some(import) = entry.module.imports.get(class)
        {
            return match entry.language {
                Language::Python => self.python_import_call(file, import, &[method.to_owned()]),
                l if l.is_js_family() => self.js_class_method(file, import, method),
                _ => None,
            };
        }
        let (first, rest) = path.split_first()?;
        // `self.m()`, `cls.m()`, `this.m()`: the method of the caller's class.
        if rest.len() == 1 && matches!(first.as_str(), "self" | "cls" | "this") {
            let class = unit.rsplit_once('.').map(|(c, _)| c)?;
            return self.function_in(file, &format!("{class}.{}", rest[0]));
        }
        match entry.module.imports.get(first) {
            Some(import) => match entry.language {
                Language::Python => self.python_import_call(file, import, rest),
                l if l.is_js_family() => self.js_import_call(file, import, rest),
                _ => None,
            },
            // A function of the same file, called by its own name.
            None if rest.is_empty() => self.function_in(file, first),
            None => None,
        }
    }

    /// C/C++: a function of the same file (`static` or not), else the one indexed file
    /// that defines a non-`static` function of that name.
    fn c_call(&self, file: usize, path: &[String]) -> Option<FunctionRef> {
        let [name] = path else { return None };
        if let Some(own) = self.function_in(file, name) {
            return Some(own);
        }
        match self.c_exports.get(name.as_str()).map(Vec::as_slice) {
            Some([only]) => self.function_in(*only, name),
            _ => None,
        }
    }

    pub(super) fn function_in(&self, file: usize, unit: &str) -> Option<FunctionRef> {
        let entry = self.files.get(file)?;
        entry.function(unit).map(|_| (file, unit.to_owned()))
    }

    fn python_import_call(
        &self,
        file: usize,
        import: &Import,
        rest: &[String],
    ) -> Option<FunctionRef> {
        let (function, middle) = match rest.split_last() {
            Some((f, middle)) => (f.clone(), middle.to_vec()),
            // `from m import f; f(x)`.
            None => {
                let member = import.member.as_ref()?;
                let target = self.python_module(file, &import.module)?;
                return self.function_in(target, member);
            }
        };
        let mut module = import.module.clone();
        if let Some(member) = &import.member {
            // `from app import helpers; helpers.f(x)` — the member is a module …
            let joined = join_module(&module, member);
            let dotted: Vec<String> = std::iter::once(joined)
                .chain(middle.iter().cloned())
                .collect();
            if let Some(target) = self.python_module(file, &dotted.join(".")) {
                return self.function_in(target, &function);
            }
            // … or a class: `from m import Repo; Repo.find(x)`.
            let target = self.python_module(file, &module)?;
            let mut qualified = vec![member.clone()];
            qualified.extend(middle);
            qualified.push(function);
            return self.function_in(target, &qualified.join("."));
        }
        for m in &middle {
            module = join_module(&module, m);
        }
        let target = self.python_module(file, &module)?;
        self.function_in(target, &function)
    }

    /// The file of a Python module: relative to the importing file's package for
    /// `.m`, else the one indexed file whose path ends with the module's path.
    fn python_module(&self, file: usize, module: &str) -> Option<usize> {
        let dots = module.chars().take_while(|c| *c == '.').count();
        if dots > 0 {
            let mut dir = self.files.get(file)?.path.parent()?.to_path_buf();
            for _ in 1..dots {
                dir = dir.parent()?.to_path_buf();
            }
            let rest = &module[dots..];
            let mut base = dir;
            for part in rest.split('.').filter(|p| !p.is_empty()) {
                base.push(part);
            }
            if rest.is_empty() {
                return self.index_of(&base.join("__init__.py"));
            }
            return self
                .index_of(&base.with_extension("py"))
                .or_else(|| self.index_of(&base.join("__init__.py")));
        }
        match self.python_modules.get(module).map(Vec::as_slice) {
            Some([only]) => Some(*only),
            _ => None,
        }
    }

    fn index_of(&self, path: &Path) -> Option<usize> {
        self.by_path.get(path).copied()
    }

    fn js_import_call(&self, file: usize, import: &Import, rest: &[String]) -> Option<FunctionRef> {
        let target = self.js_module(file, &import.module)?;
        let exported = match (import.member.as_deref(), rest) {
            // `import { f } from "./m"; f(x)`, `const f = require("./m").f`.
            (Some(member), []) => member.to_owned(),
            // `const m = require("./m"); m(x)` — the module's default export.
            (None, []) => "default".to_owned(),
            // `import * as m` / `const m = require(…)` / a default export that is an
            // object: `m.f(x)`.
            (None | Some("default"), [f]) => f.clone(),
            _ => return None,
        };
        let entry = self.files.get(target)?;
        let local = entry.module.exports.get(&exported)?;
        [
            local.clone(),
            format!("exports.{exported}"),
            format!("module.exports.{exported}"),
        ]
        .into_iter()
        .find_map(|unit| self.function_in(target, &unit))
    }

    /// Method `method` of the class `import` names (the module's default export, or a
    /// named one).
    fn js_class_method(&self, file: usize, import: &Import, method: &str) -> Option<FunctionRef> {
        let target = self.js_module(file, &import.module)?;
        let exported = import.member.as_deref().unwrap_or("default");
        let class = self.files.get(target)?.module.exports.get(exported)?;
        self.function_in(target, &format!("{class}.{method}"))
    }

    /// A relative specifier (`./service`, `../lib/db.js`) as an indexed file.
    fn js_module(&self, file: usize, specifier: &str) -> Option<usize> {
        if !specifier.starts_with("./") && !specifier.starts_with("../") {
            return None;
        }
        let dir = self.files.get(file)?.path.parent()?;
        let base = normalize(&dir.join(specifier));
        if let Some(i) = self.index_of(&base) {
            return Some(i);
        }
        let name = base.file_name()?.to_string_lossy().into_owned();
        JS_EXTENSIONS
            .iter()
            .find_map(|ext| self.index_of(&base.with_file_name(format!("{name}.{ext}"))))
            .or_else(|| {
                JS_EXTENSIONS
                    .iter()
                    .find_map(|ext| self.index_of(&base.join(format!("index.{ext}"))))
            })
    }
}

fn join_module(module: &str, member: &str) -> String {
    if module.ends_with('.') {
        format!("{module}{member}")
    } else {
        format!("{module}.{member}")
    }
}

/// `a/b/../c/./d` → `a/c/d`, without touching the disk.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}
