//! What one file imports and exports, as the workspace index resolves calls with it:
//! Python `import a.b [as m]`, `from [.]a.b import f [as g]`; JavaScript/TypeScript
//! `import … from "./m"`, `const m = require("./m")` (also destructured), and the names a
//! module exports (`export function f`, `exports.f = …`, `module.exports = { f }`). Go,
//! Java and C/C++ declarations are collected by `declared.rs`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use bluecode_syntax::{Language, Unit};
use tree_sitter::Node;

/// What a local name is bound to by an import.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Import {
    /// The module as written: `app.helpers`, `.helpers`, `./service`.
    pub module: String,
    /// The imported member (`f` of `from m import f`); `None` for the module itself.
    pub member: Option<String>,
}

/// One file's imports and exports.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct ModuleFacts {
    /// Local name → what it imports.
    pub imports: BTreeMap<String, Import>,
    /// JavaScript: exported name → the local name or unit id that implements it
    /// (`default` for `module.exports = f` and `export default`). C/C++: the file's
    /// non-`static` function definitions, name → unit id.
    pub exports: BTreeMap<String, String>,
    /// Go's `package` clause name; Java's dotted package.
    pub package: Option<String>,
    /// Go: `Type.Method` → the unit id of the method (unit ids do not name receivers).
    pub methods: BTreeMap<String, String>,
    /// Go: a function → the type its first result names (`NewRepo` → `Repo` for
    /// `func NewRepo(db *sql.DB) (*Repo, error)`), so that a method called on what it
    /// returns resolves.
    pub returns: BTreeMap<String, String>,
}

impl ModuleFacts {
    /// The facts of a file whose tree is `root` and whose units are `units`.
    pub fn collect(language: Language, text: &str, root: Node, units: &[Unit]) -> ModuleFacts {
        let mut facts = ModuleFacts::default();
        match language {
            Language::Go => super::declared::go(&mut facts, text, root, units),
            Language::Java => super::declared::java(&mut facts, text, root),
            Language::C | Language::Cpp => super::declared::c(&mut facts, text, root, units),
            _ => {}
        }
        let mut c = Collector {
            text,
            facts: &mut facts,
        };
        match language {
            Language::Python => c.python(root, 0),
            l if l.is_js_family() => c.javascript(root, 0),
            _ => {}
        }
        facts
    }
}

struct Collector<'a> {
    text: &'a str,
    facts: &'a mut ModuleFacts,
}

fn unquote(s: &str) -> String {
    s.trim_matches(['"', '\'', '`']).to_owned()
}

impl Collector<'_> {
    fn text_of(&self, node: Node) -> &str {
        self.text.get(node.byte_range()).unwrap_or_default()
    }

    fn bind(&mut self, local: &str, module: String, member: Option<String>) {
        self.facts
            .imports
            .insert(local.to_owned(), Import { module, member });
    }

    fn python(&mut self, node: Node, depth: usize) {
        if depth > 64 {
            return;
        }
        match node.kind() {
            "import_statement" => {
                let mut cursor = node.walk();
                let names: Vec<Node> = node.children_by_field_name("name", &mut cursor).collect();
                for name in names {
                    if name.kind() == "aliased_import" {
                        let (Some(target), Some(alias)) = (
                            name.child_by_field_name("name"),
                            name.child_by_field_name("alias"),
                        ) else {
                            continue;
                        };
                        let (target, alias) = (
                            self.text_of(target).to_owned(),
                            self.text_of(alias).to_owned(),
                        );
                        self.bind(&alias, target, None);
                    } else {
                        // `import a.b` binds `a`; `a.b.f()` is resolved through it.
                        let dotted = self.text_of(name).to_owned();
                        let first = dotted.split('.').next().unwrap_or_default().to_owned();
                        self.bind(&first.clone(), first, None);
                    }
                }
                return;
            }
            "import_from_statement" => {
                let Some(module) = node.child_by_field_name("module_name") else {
                    return;
                };
                let module = self.text_of(module).to_owned();
                let mut cursor = node.walk();
                let names: Vec<Node> = node.children_by_field_name("name", &mut cursor).collect();
                for name in names {
                    let (target, alias) = match name.kind() {
                        "aliased_import" => (
                            name.child_by_field_name("name"),
                            name.child_by_field_name("alias"),
                        ),
                        _ => (Some(name), None),
                    };
                    let Some(target) = target else { continue };
                    let target = self.text_of(target).to_owned();
                    let local = alias.map_or(target.clone(), |a| self.text_of(a).to_owned());
                    self.bind(&local, module.clone(), Some(target));
                }
                return;
            }
            _ => {}
        }
        let mut cursor = node.walk();
        let children: Vec<Node> = node.named_children(&mut cursor).collect();
        for child in children {
            self.python(child, depth + 1);
        }
    }

    fn javascript(&mut self, node: Node, depth: usize) {
        if depth > 64 {
            return;
        }
        match node.kind() {
            "import_statement" => {
                self.es_import(node);
                return;
            }
            "export_statement" => self.es_export(node),
            "variable_declarator" => self.require(node),
            "assignment_expression" => self.commonjs_export(node),
            _ => {}
        }
        let mut cursor = node.walk();
        let children: Vec<Node> = node.named_children(&mut cursor).collect();
        for child in children {
            self.javascript(child, depth + 1);
        }
    }

    fn es_import(&mut self, node: Node) {
        let Some(source) = node.child_by_field_name("source") else {
            return;
        };
        let module = unquote(self.text_of(source));
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            match n.kind() {
                "import_clause" | "named_imports" => {
                    let mut cursor = n.walk();
                    stack.extend(n.named_children(&mut cursor));
                }
                "identifier" if n.parent().is_some_and(|p| p.kind() == "import_clause") => {
                    let local = self.text_of(n).to_owned();
                    self.bind(&local, module.clone(), Some("default".into()));
                }
                "namespace_import" => {
                    if let Some(id) = n.named_child(0) {
                        let local = self.text_of(id).to_owned();
                        self.bind(&local, module.clone(), None);
                    }
                }
                "import_specifier" => {
                    let name = n
                        .child_by_field_name("name")
                        .map(|x| self.text_of(x).to_owned());
                    let alias = n
                        .child_by_field_name("alias")
                        .map(|x| self.text_of(x).to_owned());
                    if let Some(name) = name {
                        let local = alias.unwrap_or_else(|| name.clone());
                        self.bind(&local, module.clone(), Some(name));
                    }
                }
                _ if n.id() == node.id() => {
                    let mut cursor = n.walk();
                    stack.extend(n.named_children(&mut cursor));
                }
                _ => {}
            }
        }
    }

    /// `const m = require("./m")`, `const { f, g: h } = require("./m")`.
    fn require(&mut self, declarator: Node) {
        let (Some(name), Some(value)) = (
            declarator.child_by_field_name("name"),
            declarator.child_by_field_name("value"),
        ) else {
            return;
        };
        let is_require = value.kind() == "call_expression"
            && value
                .child_by_field_name("function")
                .is_some_and(|f| self.text_of(f) == "require");
        if !is_require {
            return;
        }
        let Some(module) = value
            .child_by_field_name("arguments")
            .and_then(|a| a.named_child(0))
            .filter(|a| a.kind() == "string")
            .map(|a| unquote(self.text_of(a)))
        else {
            return;
        };
        match name.kind() {
            "identifier" => {
                let local = self.text_of(name).to_owned();
                self.bind(&local, module, None);
            }
            "object_pattern" => {
                let mut cursor = name.walk();
                let parts: Vec<Node> = name.named_children(&mut cursor).collect();
                for part in parts {
                    match part.kind() {
                        "shorthand_property_identifier_pattern" => {
                            let n = self.text_of(part).to_owned();
                            self.bind(&n.clone(), module.clone(), Some(n));
                        }
                        "pair_pattern" => {
                            if let (Some(k), Some(v)) = (
                                part.child_by_field_name("key"),
                                part.child_by_field_name("value"),
                            ) {
                                let (k, v) =
                                    (self.text_of(k).to_owned(), self.text_of(v).to_owned());
                                self.bind(&v, module.clone(), Some(k));
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    /// `export function f`, `export const f = …`, `export default f`, `export { a as b }`.
    fn es_export(&mut self, node: Node) {
        let is_default = {
            let mut cursor = node.walk();
            node.children(&mut cursor).any(|c| c.kind() == "default")
        };
        if let Some(decl) = node.child_by_field_name("declaration") {
            let names: Vec<String> = match decl.kind() {
                "function_declaration" | "generator_function_declaration" | "class_declaration" => {
                    decl.child_by_field_name("name")
                        .map(|n| vec![self.text_of(n).to_owned()])
                        .unwrap_or_default()
                }
                "lexical_declaration" | "variable_declaration" => {
                    let mut cursor = decl.walk();
                    decl.named_children(&mut cursor)
                        .filter_map(|d| d.child_by_field_name("name"))
                        .filter(|n| n.kind() == "identifier")
                        .map(|n| self.text_of(n).to_owned())
                        .collect()
                }
                _ => Vec::new(),
            };
            for name in names {
                if is_default {
                    self.facts.exports.insert("default".into(), name.clone());
                }
                self.facts.exports.insert(name.clone(), name);
            }
            return;
        }
        if is_default {
            if let Some(value) = node
                .child_by_field_name("value")
                .filter(|v| v.kind() == "identifier")
            {
                let name = self.text_of(value).to_owned();
                self.facts.exports.insert("default".into(), name);
            }
            return;
        }
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            if n.kind() == "export_specifier" {
                let name = n
                    .child_by_field_name("name")
                    .map(|x| self.text_of(x).to_owned());
                let alias = n
                    .child_by_field_name("alias")
                    .map(|x| self.text_of(x).to_owned());
                if let Some(name) = name {
                    self.facts
                        .exports
                        .insert(alias.unwrap_or_else(|| name.clone()), name);
                }
                continue;
            }
            let mut cursor = n.walk();
            stack.extend(n.named_children(&mut cursor));
        }
    }

    /// `exports.f = …`, `module.exports.f = …`, `module.exports = { f, g: h }`,
    /// `module.exports = f`.
    fn commonjs_export(&mut self, node: Node) {
        let (Some(left), Some(right)) = (
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
        ) else {
            return;
        };
        let target = self.text_of(left).replace(char::is_whitespace, "");
        if target == "module.exports" {
            match right.kind() {
                "identifier" => {
                    let name = self.text_of(right).to_owned();
                    self.facts.exports.insert("default".into(), name);
                }
                "object" => {
                    let mut cursor = right.walk();
                    let members: Vec<Node> = right.named_children(&mut cursor).collect();
                    for member in members {
                        match member.kind() {
                            "shorthand_property_identifier" => {
                                let n = self.text_of(member).to_owned();
                                self.facts.exports.insert(n.clone(), n);
                            }
                            "pair" => {
                                let (Some(k), Some(v)) = (
                                    member.child_by_field_name("key"),
                                    member.child_by_field_name("value"),
                                ) else {
                                    continue;
                                };
                                let k = self.text_of(k).to_owned();
                                // `{ f: f }` names a function; `{ f: function () {…} }`
                                // is the unit named after the key.
                                let local = if v.kind() == "identifier" {
                                    self.text_of(v).to_owned()
                                } else {
                                    k.clone()
                                };
                                self.facts.exports.insert(k, local);
                            }
                            "method_definition" => {
                                if let Some(n) = member.child_by_field_name("name") {
                                    let n = self.text_of(n).to_owned();
                                    self.facts.exports.insert(n.clone(), n);
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
            return;
        }
        for prefix in ["module.exports.", "exports."] {
            if let Some(name) = target.strip_prefix(prefix).filter(|n| !n.contains('.')) {
                let local = if right.kind() == "identifier" {
                    self.text_of(right).to_owned()
                } else {
                    target.clone()
                };
                self.facts.exports.insert(name.to_owned(), local);
                return;
            }
        }
    }
}
