//! Resolving the API a call names, so that a sink is a resolved API and not a bare method
//! name (`c.request.Get(ctx, "/v1/feeds")` is an HTTP client, not `database/sql`).
//!
//! A call's callee is qualified through the file's imports and aliases (`from lxml.etree
//! import parse as p`, `import * as cp from "child_process"`, `const { exec } =
//! require("child_process")`, Go import paths, Java imports), and a receiver through its
//! declared or inferred type: a typed parameter or variable, a field's declared type (Go
//! structs, Java fields, `self.x = T()` in Python), or what it was assigned from — a
//! constructor (`new T()`, `T{}`, `T()`) or a call, written as the call's own path with
//! `()` (`sqlite3.connect().cursor().execute`). Patterns name the APIs they accept as
//! globs over such paths (`*` one dotted segment, `**` any text).
//!
//! Resolution is deliberately local (one file, one function): what cannot be resolved is
//! `Unresolved`, and the pattern says whether it may still fire (at most at medium
//! confidence).

use std::collections::{HashMap, HashSet};

use bluecode_syntax::Language;
use tree_sitter::Node;

use crate::aliases::required_module;
use crate::taint::lang;

/// What a call's callee resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolution {
    /// The qualified API path (`lxml.etree.parse`, `database/sql.DB.Query`).
    Api(String),
    /// A function or method the file defines itself.
    Local,
    Unresolved,
}

/// Python names that are always in scope.
const PYTHON_BUILTINS: [&str; 8] = [
    "open",
    "eval",
    "exec",
    "compile",
    "input",
    "__import__",
    "getattr",
    "setattr",
];

/// What a file imports and defines: collected once per document version, the first time
/// a pattern with a `callee` constraint matches in it.
#[derive(Debug, Default)]
pub(crate) struct FileSymbols {
    /// Local name → qualified path.
    imports: HashMap<String, String>,
    /// Names of functions and classes the file defines.
    defined: HashSet<String>,
}

impl FileSymbols {
    pub(crate) fn collect(language: Language, text: &str, root: Node) -> FileSymbols {
        let mut collector = Collector {
            language,
            text,
            imports: HashMap::new(),
            defined: HashSet::new(),
        };
        collector.collect(root, 0);
        FileSymbols {
            imports: collector.imports,
            defined: collector.defined,
        }
    }
}

struct Collector<'t> {
    language: Language,
    text: &'t str,
    imports: HashMap<String, String>,
    defined: HashSet<String>,
}

impl<'t> Collector<'t> {
    fn text_of(&self, node: Node) -> &'t str {
        self.text.get(node.byte_range()).unwrap_or_default()
    }

    /// Imports anywhere in the file (Python imports inside functions too) and the names
    /// of the file's own top-level functions and classes.
    fn collect(&mut self, node: Node<'t>, depth: usize) {
        if depth > 64 {
            return;
        }
        match node.kind() {
            "import_statement" | "import_from_statement" | "future_import_statement"
                if self.language == Language::Python =>
            {
                self.python_import(node);
                return;
            }
            "import_statement" => {
                self.es_import(node);
                return;
            }
            "import_spec" => {
                self.go_import(node);
                return;
            }
            "import_declaration" if self.language == Language::Java => {
                self.java_import(node);
                return;
            }
            "variable_declarator" => self.require_import(node),
            "function_definition"
            | "function_declaration"
            | "class_definition"
            | "class_declaration"
            | "method_declaration"
            | "method_definition" => {
                if let Some(name) = node.child_by_field_name("name") {
                    self.defined.insert(self.text_of(name).to_owned());
                }
            }
            _ => {}
        }
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            self.collect(child, depth + 1);
        }
    }

    fn python_import(&mut self, node: Node<'t>) {
        let module = node
            .child_by_field_name("module_name")
            .map(|m| self.text_of(m).to_owned());
        let mut cursor = node.walk();
        for name in node.children_by_field_name("name", &mut cursor) {
            let (target, alias) = match name.kind() {
                "aliased_import" => (
                    name.child_by_field_name("name").map(|n| self.text_of(n)),
                    name.child_by_field_name("alias").map(|n| self.text_of(n)),
                ),
                _ => (Some(self.text_of(name)), None),
            };
            let Some(target) = target else { continue };
            match (&module, alias) {
                (Some(module), alias) => {
                    let local = alias.unwrap_or(target);
                    self.imports
                        .insert(local.to_owned(), format!("{module}.{target}"));
                }
                (None, Some(alias)) => {
                    self.imports.insert(alias.to_owned(), target.to_owned());
                }
                (None, None) => {
                    // `import a.b` binds `a`.
                    let first = target.split('.').next().unwrap_or(target);
                    self.imports.insert(first.to_owned(), first.to_owned());
                }
            }
        }
    }

    fn es_import(&mut self, node: Node<'t>) {
        let Some(source) = node.child_by_field_name("source") else {
            return;
        };
        let module = self
            .text_of(source)
            .trim_matches(['"', '\'', '`'])
            .to_owned();
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            match n.kind() {
                "import_clause" | "named_imports" => {
                    let mut cursor = n.walk();
                    stack.extend(n.named_children(&mut cursor));
                }
                "identifier" if n.parent().is_some_and(|p| p.kind() == "import_clause") => {
                    self.imports
                        .insert(self.text_of(n).to_owned(), module.clone());
                }
                "namespace_import" => {
                    if let Some(id) = n.named_child(0) {
                        self.imports
                            .insert(self.text_of(id).to_owned(), module.clone());
                    }
                }
                "import_specifier" => {
                    let name = n.child_by_field_name("name").map(|x| self.text_of(x));
                    let alias = n.child_by_field_name("alias").map(|x| self.text_of(x));
                    if let Some(name) = name {
                        self.imports
                            .insert(alias.unwrap_or(name).to_owned(), format!("{module}.{name}"));
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

    /// `const cp = require("child_process")`, `const { exec: run } = require("x")`.
    fn require_import(&mut self, declarator: Node<'t>) {
        let (Some(name), Some(value)) = (
            declarator.child_by_field_name("name"),
            declarator.child_by_field_name("value"),
        ) else {
            return;
        };
        let Some(module) = (value.kind() == "call_expression")
            .then(|| required_module(value, self.text))
            .flatten()
            .map(str::to_owned)
        else {
            return;
        };
        match name.kind() {
            "identifier" => {
                self.imports.insert(self.text_of(name).to_owned(), module);
            }
            "object_pattern" => {
                let mut cursor = name.walk();
                for part in name.named_children(&mut cursor) {
                    match part.kind() {
                        "shorthand_property_identifier_pattern" => {
                            let n = self.text_of(part);
                            self.imports.insert(n.to_owned(), format!("{module}.{n}"));
                        }
                        "pair_pattern" => {
                            if let (Some(k), Some(v)) = (
                                part.child_by_field_name("key"),
                                part.child_by_field_name("value"),
                            ) {
                                self.imports.insert(
                                    self.text_of(v).to_owned(),
                                    format!("{module}.{}", self.text_of(k)),
                                );
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    fn go_import(&mut self, spec: Node<'t>) {
        let Some(path) = spec.child_by_field_name("path") else {
            return;
        };
        let path = self.text_of(path).trim_matches(['"', '`']).to_owned();
        let local = match spec.child_by_field_name("name") {
            Some(n) => self.text_of(n).to_owned(),
            None => {
                let mut segments = path.rsplit('/');
                let last = segments.next().unwrap_or(&path);
                // `gopkg.in/yaml.v3` → yaml; `.../v2` → the segment before it.
                let is_version = last.len() > 1
                    && last.starts_with('v')
                    && last[1..].chars().all(|c| c.is_ascii_digit());
                let base = if is_version {
                    segments.next().unwrap_or(last)
                } else {
                    last
                };
                base.split('.').next().unwrap_or(base).replace('-', "_")
            }
        };
        if local != "_" && local != "." {
            self.imports.insert(local, path);
        }
    }

    fn java_import(&mut self, node: Node<'t>) {
        let Some(path) = java_import_path(self.text_of(node)) else {
            return;
        };
        if let Some(last) = path.rsplit('.').next() {
            self.imports.insert(last.to_owned(), path.clone());
        }
    }
}

/// The dotted path a Java `import` declaration names (`import static a.b.C.m;` →
/// `a.b.C.m`); `None` for a wildcard import, which binds no one name.
pub(crate) fn java_import_path(declaration: &str) -> Option<String> {
    if declaration.contains('*') {
        return None;
    }
    let rest = declaration.trim().trim_start_matches("import").trim_start();
    let rest = rest
        .strip_prefix("static")
        .filter(|r| r.starts_with(char::is_whitespace))
        .unwrap_or(rest);
    Some(
        rest.trim()
            .trim_end_matches(';')
            .replace(char::is_whitespace, ""),
    )
}

/// Resolves callees in one document.
pub(crate) struct Resolver<'t> {
    language: Language,
    text: &'t str,
    root: Node<'t>,
    symbols: &'t FileSymbols,
}

impl<'t> Resolver<'t> {
    pub(crate) fn new(
        language: Language,
        text: &'t str,
        root: Node<'t>,
        symbols: &'t FileSymbols,
    ) -> Resolver<'t> {
        Resolver {
            language,
            text,
            root,
            symbols,
        }
    }

    fn text_of(&self, node: Node) -> &'t str {
        self.text.get(node.byte_range()).unwrap_or_default()
    }

    /// The API `call` names.
    pub(crate) fn resolve_call(&self, call: Node<'t>) -> Resolution {
        let scope = enclosing_function(call).unwrap_or(self.root);
        if call.kind() == "method_invocation" {
            let name = call
                .child_by_field_name("name")
                .map(|n| self.text_of(n))
                .unwrap_or_default();
            return match call.child_by_field_name("object") {
                Some(object) => match self.qualify(object, scope, call.start_byte(), 0) {
                    Some(q) => api_or_unresolved(format!("{q}.{name}")),
                    None => Resolution::Unresolved,
                },
                None if self.symbols.defined.contains(name) => Resolution::Local,
                None => Resolution::Unresolved,
            };
        }
        let (callee, _) = lang::call_parts(call);
        let Some(callee) = callee else {
            return Resolution::Unresolved;
        };
        if callee.kind() == "identifier" {
            let name = self.text_of(callee);
            if let Some(q) = self.symbols.imports.get(name) {
                return api_or_unresolved(q.clone());
            }
            if self.symbols.defined.contains(name) {
                return Resolution::Local;
            }
            if self.language == Language::Python && PYTHON_BUILTINS.contains(&name) {
                return Resolution::Api(format!("builtins.{name}"));
            }
            return Resolution::Unresolved;
        }
        match self.qualify(callee, scope, call.start_byte(), 0) {
            Some(q) => api_or_unresolved(q),
            None => Resolution::Unresolved,
        }
    }

    /// The names `scope` binds to an instance of `X` (`X` a plain name) and to nothing
    /// else, with `X`: JavaScript `const m = new X(…)`, Python `m = X(…)` (a call of a
    /// name, which resolves later only if that name is an imported class). For the module
    /// (`scope` the root) only its top-level statements count; for a function, its body
    /// without nested functions. One walk.
    pub(crate) fn constructed_names(&self, scope: Node<'t>) -> HashMap<&'t str, &'t str> {
        let mut bound: HashMap<&'t str, Option<&'t str>> = HashMap::new();
        let python = self.language == Language::Python;
        if !python && !self.language.is_js_family() {
            return HashMap::new();
        }
        let module = scope.id() == self.root.id();
        let mut stack = vec![scope];
        while let Some(n) = stack.pop() {
            if n.id() != scope.id() && lang::is_function_like(n) {
                continue;
            }
            let binding = match n.kind() {
                "variable_declarator" => n.child_by_field_name("name").zip(
                    n.child_by_field_name("value")
                        .filter(|v| v.kind() == "new_expression")
                        .and_then(|v| v.child_by_field_name("constructor")),
                ),
                "assignment" if python => n.child_by_field_name("left").map(|left| {
                    let made_by = n
                        .child_by_field_name("right")
                        .filter(|v| v.kind() == "call")
                        .and_then(|v| v.child_by_field_name("function"));
                    (left, made_by.unwrap_or(left))
                }),
                _ => None,
            };
            if let Some((name, made_by)) = binding.filter(|(name, _)| name.kind() == "identifier") {
                let made_by = (made_by.kind() == "identifier" && made_by.id() != name.id())
                    .then(|| self.text_of(made_by));
                let entry = bound.entry(self.text_of(name)).or_insert(made_by);
                if *entry != made_by {
                    *entry = None;
                }
            }
            let mut cursor = n.walk();
            for child in n.named_children(&mut cursor) {
                // The module's own declarations only: not what its statements nest.
                if !module
                    || n.id() != scope.id()
                    || matches!(
                        child.kind(),
                        "lexical_declaration"
                            | "variable_declaration"
                            | "export_statement"
                            | "expression_statement"
                    )
                {
                    stack.push(child);
                }
            }
        }
        bound
            .into_iter()
            .filter_map(|(name, class)| Some((name, class?)))
            .collect()
    }

    /// `X.method` for a call `recv.method(…)` whose receiver `scopes` (the function's
    /// names, then the module's, from [`Resolver::constructed_names`]) say is an `X`.
    pub(crate) fn constructed_receiver_call(
        &self,
        call: Node<'t>,
        scopes: [&HashMap<&'t str, &'t str>; 2],
    ) -> Option<String> {
        let callee = call.child_by_field_name("function")?;
        if !matches!(callee.kind(), "member_expression" | "attribute") {
            return None;
        }
        let receiver = callee.child_by_field_name("object")?;
        let method = callee
            .child_by_field_name("property")
            .or_else(|| callee.child_by_field_name("attribute"))?;
        if receiver.kind() != "identifier" {
            return None;
        }
        let name = self.text_of(receiver);
        let class = scopes.iter().find_map(|s| s.get(name))?;
        Some(format!("{class}.{}", self.text_of(method)))
    }

    /// The qualified path of an expression's value or type, if it can be known.
    fn qualify(
        &self,
        expr: Node<'t>,
        scope: Node<'t>,
        before: usize,
        depth: usize,
    ) -> Option<String> {
        if depth > 8 {
            return None;
        }
        match expr.kind() {
            "identifier" | "field_identifier" | "property_identifier" | "type_identifier" => {
                let name = self.text_of(expr);
                if let Some(t) = self.local_type(name, scope, before, depth) {
                    return Some(t);
                }
                if scope.id() != self.root.id()
                    && let Some(t) = self.local_type(name, self.root, before, depth)
                {
                    return Some(t);
                }
                if let Some(q) = self.symbols.imports.get(name) {
                    return Some(q.clone());
                }
                // jQuery is a page global, seldom imported.
                matches!(
                    self.language,
                    Language::JavaScript | Language::TypeScript | Language::Tsx
                )
                .then_some(())
                .filter(|_| matches!(name, "$" | "jQuery"))
                .map(|_| "jquery".to_owned())
            }
            "string_literal" | "string" | "template_string" | "interpreted_string_literal" => {
                Some(match self.language {
                    Language::Python => "builtins.str".to_owned(),
                    _ => "String".to_owned(),
                })
            }
            "attribute"
            | "member_expression"
            | "selector_expression"
            | "field_access"
            | "field_expression" => {
                let object = lang::member_object(expr)?;
                let field = self.text_of(lang::member_name(expr)?);
                let object_text = self.text_of(object);
                if matches!(object_text, "self" | "this") || self.is_go_receiver(object, scope) {
                    if let Some(t) = self.field_type(expr, field, depth) {
                        return Some(t);
                    }
                    return None;
                }
                let base = self.qualify(object, scope, before, depth + 1)?;
                Some(format!("{base}.{field}"))
            }
            "call" | "call_expression" => {
                let (callee, _) = lang::call_parts(expr);
                let callee = callee?;
                // `require("vm").runInNewContext(…)`: the module itself.
                if let Some(module) = self.required_module(expr, callee) {
                    return Some(module);
                }
                let base = self.qualify(callee, scope, before, depth + 1)?;
                Some(format!("{base}()"))
            }
            "method_invocation" => {
                let name = self.text_of(expr.child_by_field_name("name")?);
                let object = expr.child_by_field_name("object")?;
                let base = self.qualify(object, scope, before, depth + 1)?;
                Some(format!("{base}.{name}()"))
            }
            "new_expression" | "object_creation_expression" | "composite_literal" => {
                let ty = expr
                    .child_by_field_name("constructor")
                    .or_else(|| expr.child_by_field_name("type"))?;
                self.qualify_type(self.text_of(ty))
            }
            "unary_expression"
            | "pointer_expression"
            | "parenthesized_expression"
            | "await"
            | "await_expression" => {
                let inner = expr
                    .child_by_field_name("operand")
                    .or_else(|| expr.child_by_field_name("argument"))
                    .or_else(|| expr.named_child(0))?;
                self.qualify(inner, scope, before, depth + 1)
            }
            _ => None,
        }
    }

    /// The module a JavaScript `require("m")` call loads, when `require` is not the file's
    /// own function.
    fn required_module(&self, call: Node<'t>, callee: Node<'t>) -> Option<String> {
        if !self.language.is_js_family()
            || callee.kind() != "identifier"
            || self.symbols.defined.contains("require")
        {
            return None;
        }
        required_module(call, self.text)
            .filter(|m| !m.is_empty())
            .map(str::to_owned)
    }

    /// A type written in the source (`*sql.DB`, `JdbcTemplate`, `Pool<Client>`),
    /// qualified through the imports.
    fn qualify_type(&self, ty: &str) -> Option<String> {
        let ty: String = ty
            .trim()
            .trim_start_matches(['*', '&'])
            .trim_start_matches("[]")
            .split(['<', '[', '(', ' '])
            .next()?
            .to_owned();
        if ty.is_empty() {
            return None;
        }
        let mut parts = ty.splitn(2, '.');
        let first = parts.next()?;
        let rest = parts.next();
        let head = self
            .symbols
            .imports
            .get(first)
            .cloned()
            .unwrap_or_else(|| first.to_owned());
        Some(match rest {
            Some(rest) => format!("{head}.{rest}"),
            None => head,
        })
    }

    /// The type or origin of local `name` in `scope` from its declaration or last
    /// assignment before `before`.
    fn local_type(
        &self,
        name: &str,
        scope: Node<'t>,
        before: usize,
        depth: usize,
    ) -> Option<String> {
        let mut found: Option<String> = None;
        let mut stack = vec![scope];
        let mut visited = 0;
        while let Some(node) = stack.pop() {
            visited += 1;
            if visited > 20_000 || node.start_byte() >= before {
                continue;
            }
            if node.id() != scope.id() && lang::is_function_like(node) {
                continue;
            }
            if let Some(t) = self.declares(node, name, scope, depth) {
                found = Some(t);
            }
            let mut cursor = node.walk();
            let children: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
            // Later declarations win: visit in source order by pushing in reverse.
            stack.extend(children.into_iter().rev());
        }
        found
    }

    /// If `node` declares or assigns `name`, what it holds.
    fn declares(
        &self,
        node: Node<'t>,
        name: &str,
        scope: Node<'t>,
        depth: usize,
    ) -> Option<String> {
        let typed = |ty: Option<Node<'t>>| ty.and_then(|t| self.qualify_type(self.text_of(t)));
        match node.kind() {
            // Typed parameters: Go `db *sql.DB`, Java `JdbcTemplate t`, TS `db: Pool`,
            // Python `cur: Cursor`.
            "parameter_declaration"
            | "formal_parameter"
            | "required_parameter"
            | "optional_parameter"
            | "typed_parameter"
            | "typed_default_parameter" => {
                let mut cursor = node.walk();
                let names: Vec<Node> = node.children_by_field_name("name", &mut cursor).collect();
                let named = names.iter().any(|n| self.text_of(*n) == name)
                    || node
                        .child_by_field_name("pattern")
                        .is_some_and(|p| self.text_of(p) == name)
                    || (node.kind() == "typed_parameter"
                        && node.named_child(0).is_some_and(|n| self.text_of(n) == name));
                if !named {
                    return None;
                }
                let ty = declared_type(node);
                typed(ty)
            }
            // Java `T x = …;`, Go `var x T = …`.
            "local_variable_declaration" | "field_declaration" | "var_spec" => {
                let mut cursor = node.walk();
                let declares = node
                    .children_by_field_name("declarator", &mut cursor)
                    .chain(
                        node.children_by_field_name("name", &mut node.walk())
                            .collect::<Vec<_>>(),
                    )
                    .any(|d| {
                        d.child_by_field_name("name")
                            .map_or(self.text_of(d) == name, |n| self.text_of(n) == name)
                    });
                if !declares {
                    return None;
                }
                if let Some(t) = typed(node.child_by_field_name("type")) {
                    return Some(t);
                }
                node.child_by_field_name("value")
                    .and_then(|v| v.named_child(0).or(Some(v)))
                    .and_then(|v| self.qualify(v, scope, v.start_byte(), depth + 1))
            }
            // `x = …`, `x := …`, `const x = …`.
            "assignment"
            | "short_var_declaration"
            | "assignment_statement"
            | "variable_declarator"
            | "assignment_expression" => {
                let left = node
                    .child_by_field_name("left")
                    .or_else(|| node.child_by_field_name("name"))?;
                let right = node
                    .child_by_field_name("right")
                    .or_else(|| node.child_by_field_name("value"))?;
                // `rows, err := db.Query(…)`: the first name holds the first value.
                let first_left = if matches!(left.kind(), "expression_list" | "pattern_list") {
                    left.named_child(0)?
                } else {
                    left
                };
                if self.text_of(first_left) != name {
                    return None;
                }
                if let Some(t) = typed(node.child_by_field_name("type")) {
                    return Some(t);
                }
                let right = if right.kind() == "expression_list" {
                    right.named_child(0)?
                } else {
                    right
                };
                self.qualify(right, scope, right.start_byte(), depth + 1)
            }
            _ => None,
        }
    }

    /// Whether `object` is the receiver of the Go method enclosing it (`s` in
    /// `func (s *Server) h()`).
    fn is_go_receiver(&self, object: Node<'t>, scope: Node<'t>) -> bool {
        self.language == Language::Go
            && scope.kind() == "method_declaration"
            && scope
                .child_by_field_name("receiver")
                .and_then(|r| r.named_child(0))
                .and_then(|p| p.child_by_field_name("name"))
                .is_some_and(|n| self.text_of(n) == self.text_of(object))
    }

    /// The declared type of field `field` of the class or struct around `at`.
    fn field_type(&self, at: Node<'t>, field: &str, depth: usize) -> Option<String> {
        match self.language {
            Language::Go => {
                let method = enclosing_function(at)?;
                let receiver_type = method
                    .child_by_field_name("receiver")
                    .and_then(|r| r.named_child(0))
                    .and_then(|p| p.child_by_field_name("type"))
                    .map(|t| self.text_of(t).trim_start_matches('*').to_owned())?;
                let declaration = self.find_descendant(self.root, &|n: Node<'t>| {
                    n.kind() == "type_spec"
                        && n.child_by_field_name("name")
                            .is_some_and(|name| self.text_of(name) == receiver_type)
                })?;
                let field_decl = self.find_descendant(declaration, &|n: Node<'t>| {
                    n.kind() == "field_declaration" && {
                        let mut cursor = n.walk();
                        n.children_by_field_name("name", &mut cursor)
                            .any(|x| self.text_of(x) == field)
                    }
                })?;
                self.qualify_type(self.text_of(field_decl.child_by_field_name("type")?))
            }
            _ => {
                // The class around `at`: a declared field (Java, TS), or `self.f = …`.
                let mut class = at.parent();
                while let Some(c) = class {
                    if matches!(
                        c.kind(),
                        "class_definition" | "class_declaration" | "class_body"
                    ) {
                        break;
                    }
                    class = c.parent();
                }
                let class = class?;
                let declared = self.find_descendant(class, &|n: Node<'t>| {
                    matches!(n.kind(), "field_declaration" | "public_field_definition")
                        && self
                            .text_of(n)
                            .split(['=', ';'])
                            .next()
                            .is_some_and(|head| {
                                head.split_whitespace()
                                    .any(|w| w.trim_end_matches(':') == field)
                            })
                });
                if let Some(d) = declared {
                    let ty = declared_type(d);
                    if let Some(t) = ty.and_then(|t| self.qualify_type(self.text_of(t))) {
                        return Some(t);
                    }
                }
                // `self.f = T(...)` / `this.f = new T()` anywhere in the class.
                let assignment = self.find_descendant(class, &|n: Node<'t>| {
                    matches!(n.kind(), "assignment" | "assignment_expression")
                        && n.child_by_field_name("left").is_some_and(|l| {
                            let t = self.text_of(l);
                            t == format!("self.{field}") || t == format!("this.{field}")
                        })
                })?;
                let right = assignment.child_by_field_name("right")?;
                let scope = enclosing_function(right).unwrap_or(self.root);
                self.qualify(right, scope, right.start_byte(), depth + 1)
            }
        }
    }

    fn find_descendant(
        &self,
        node: Node<'t>,
        wanted: &dyn Fn(Node<'t>) -> bool,
    ) -> Option<Node<'t>> {
        let mut stack = vec![node];
        let mut visited = 0;
        while let Some(n) = stack.pop() {
            visited += 1;
            if visited > 50_000 {
                return None;
            }
            if wanted(n) {
                return Some(n);
            }
            let mut cursor = n.walk();
            let children: Vec<Node<'t>> = n.named_children(&mut cursor).collect();
            stack.extend(children.into_iter().rev());
        }
        None
    }
}

/// A path into a module of the project itself (`./models`) says nothing about which API
/// it is: unresolved, like a name nobody imported.
fn api_or_unresolved(path: String) -> Resolution {
    if path.starts_with('.') {
        Resolution::Unresolved
    } else {
        Resolution::Api(path)
    }
}

/// The type a declaration writes, without TypeScript's `:` annotation wrapper.
fn declared_type(declaration: Node) -> Option<Node> {
    declaration.child_by_field_name("type").map(|t| {
        if t.kind() == "type_annotation" {
            t.named_child(0).unwrap_or(t)
        } else {
            t
        }
    })
}

/// The function around `node` (a nested function is its own).
pub(crate) fn enclosing_function(node: Node) -> Option<Node> {
    let mut current = node.parent();
    while let Some(n) = current {
        if lang::is_function_like(n) {
            return Some(n);
        }
        current = n.parent();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use bluecode_syntax::Document;

    fn resolve_last_call(language: Language, code: &str, needle: &str) -> Resolution {
        let doc = Document::new(Some(language), code.to_owned());
        let tree = doc.tree().expect("parsed");
        let root = tree.root_node();
        let at = code.rfind(needle).expect("needle");
        let mut node = root.descendant_for_byte_range(at, at).expect("node");
        while !matches!(
            node.kind(),
            "call" | "call_expression" | "method_invocation"
        ) {
            node = node.parent().expect("a call around the needle");
        }
        let symbols = FileSymbols::collect(language, code, root);
        Resolver::new(language, code, root, &symbols).resolve_call(node)
    }

    fn api(s: &str) -> Resolution {
        Resolution::Api(s.to_owned())
    }

    #[test]
    fn python_imports_aliases_and_receivers() {
        let code = "from lxml.etree import parse as p\nimport sqlite3\nimport re\n\ndef f(x):\n    conn = sqlite3.connect('a')\n    cur = conn.cursor()\n    p(x)\n    re.search(x, 'y')\n    cur.execute(x)\n    thing.execute(x)\n";
        assert_eq!(
            resolve_last_call(Language::Python, code, "p(x)"),
            api("lxml.etree.parse")
        );
        assert_eq!(
            resolve_last_call(Language::Python, code, "re.search"),
            api("re.search")
        );
        assert_eq!(
            resolve_last_call(Language::Python, code, "cur.execute"),
            api("sqlite3.connect().cursor().execute")
        );
        assert_eq!(
            resolve_last_call(Language::Python, code, "thing.execute"),
            Resolution::Unresolved
        );
    }

    #[test]
    fn go_parameters_fields_and_imports() {
        let code = "package s\nimport (\n\t\"database/sql\"\n\tresty \"github.com/go-resty/resty/v2\"\n)\ntype Api struct { request *resty.Client; db *sql.DB }\nfunc (c *Api) Feeds(q string) {\n\tc.request.Get(q)\n\tc.db.Query(q)\n}\nfunc h(db *sql.DB, q string) { db.Exec(q) }\n";
        assert_eq!(
            resolve_last_call(Language::Go, code, "c.request.Get"),
            api("github.com/go-resty/resty/v2.Client.Get")
        );
        assert_eq!(
            resolve_last_call(Language::Go, code, "c.db.Query"),
            api("database/sql.DB.Query")
        );
        assert_eq!(
            resolve_last_call(Language::Go, code, "db.Exec"),
            api("database/sql.DB.Exec")
        );
    }

    #[test]
    fn javascript_require_and_import() {
        let code = "const { exec: run } = require('child_process');\nimport * as fs from 'fs';\nrun(cmd);\nfs.readFile(p);\n$(x).find(q);\n";
        assert_eq!(
            resolve_last_call(Language::JavaScript, code, "run(cmd)"),
            api("child_process.exec")
        );
        assert_eq!(
            resolve_last_call(Language::JavaScript, code, "fs.readFile"),
            api("fs.readFile")
        );
        assert_eq!(
            resolve_last_call(Language::JavaScript, code, ".find(q)"),
            api("jquery().find")
        );
        let chained = "require('child_process').exec(cmd);\nfunction require(m) {}\n";
        assert_eq!(
            resolve_last_call(
                Language::JavaScript,
                "require(\"vm\").runInNewContext(src);\n",
                "runInNewContext"
            ),
            api("vm.runInNewContext")
        );
        assert_eq!(
            resolve_last_call(Language::JavaScript, chained, ".exec(cmd)"),
            Resolution::Unresolved,
            "a require the file defines itself is not node's"
        );
    }

    #[test]
    fn java_fields_and_imports() {
        let code = "import org.springframework.jdbc.core.JdbcTemplate;\nimport org.springframework.data.domain.Page;\nclass R {\n  private JdbcTemplate jdbc;\n  void f(String q, Page<User> page) {\n    jdbc.query(q);\n    page.getContent();\n  }\n}\n";
        assert_eq!(
            resolve_last_call(Language::Java, code, "jdbc.query"),
            api("org.springframework.jdbc.core.JdbcTemplate.query")
        );
        assert_eq!(
            resolve_last_call(Language::Java, code, "page.getContent"),
            api("org.springframework.data.domain.Page.getContent")
        );
    }
}
