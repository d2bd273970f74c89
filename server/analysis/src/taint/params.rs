//! Where a function's own inputs come from: its parameters (a source or not, by the
//! threat-model profile, request markers, route decorators and export rules) and the
//! module constants it reads.

use super::*;

impl<'t> Walker<'_, 't> {
    pub(super) fn bind_parameters(&mut self, function: Node<'t>, env: &mut Env) {
        let params = function.child_by_field_name("parameters").or_else(|| {
            // C/C++: the parameters hang off the function declarator.
            let mut d = function.child_by_field_name("declarator");
            for _ in 0..8 {
                let node = d?;
                if let Some(p) = node.child_by_field_name("parameters") {
                    return Some(p);
                }
                d = node.child_by_field_name("declarator");
            }
            None
        });
        let Some(params) = params else {
            // Python lambdas and single-parameter arrows: `x => …`.
            if let Some(p) = function.child_by_field_name("parameter") {
                self.bind_parameter(function, p, env);
            }
            return;
        };
        let mut cursor = params.walk();
        let list: Vec<Node<'t>> = params.named_children(&mut cursor).collect();
        for p in list {
            if p.kind() != "comment" {
                self.bind_parameter(function, p, env);
            }
        }
    }

    /// Module-level constants a function reads (`DEBUG_SHELL = False`, `const LIMIT = 5`),
    /// so that conditions on them fold. Python: upper-case names bound once at the top
    /// level and never declared `global`; JavaScript: top-level `const` bindings.
    pub(super) fn seed_module_constants(&mut self, unit_node: Node<'t>, env: &mut Env) {
        if !matches!(
            self.language,
            Language::Python | Language::JavaScript | Language::TypeScript | Language::Tsx
        ) {
            return;
        }
        let root = file_root(unit_node);
        let mut found: Vec<(String, Node<'t>)> = Vec::new();
        let mut seen: std::collections::HashMap<String, usize> = Default::default();
        let mut cursor = root.walk();
        let top: Vec<Node<'t>> = root.named_children(&mut cursor).collect();
        for stmt in top {
            match stmt.kind() {
                "expression_statement" if self.language == Language::Python => {
                    let Some(a) = stmt.named_child(0).filter(|a| a.kind() == "assignment") else {
                        continue;
                    };
                    let (Some(left), Some(right)) = (
                        a.child_by_field_name("left"),
                        a.child_by_field_name("right"),
                    ) else {
                        continue;
                    };
                    if left.kind() == "identifier" {
                        let name = self.text_of(left).to_owned();
                        *seen.entry(name.clone()).or_default() += 1;
                        found.push((name, right));
                    }
                }
                "lexical_declaration" if self.text_of(stmt).starts_with("const") => {
                    let mut c = stmt.walk();
                    let decls: Vec<Node<'t>> = stmt.named_children(&mut c).collect();
                    for d in decls {
                        if d.kind() != "variable_declarator" {
                            continue;
                        }
                        let (Some(name), Some(value)) = (
                            d.child_by_field_name("name"),
                            d.child_by_field_name("value"),
                        ) else {
                            continue;
                        };
                        if name.kind() == "identifier" {
                            let n = self.text_of(name).to_owned();
                            *seen.entry(n.clone()).or_default() += 1;
                            found.push((n, value));
                        }
                    }
                }
                _ => {}
            }
        }
        for (name, value) in found {
            if seen.get(&name) != Some(&1) {
                continue;
            }
            if self.language == Language::Python
                && (!is_constant_name(&name) || self.text.contains(&format!("global {name}")))
            {
                continue;
            }
            if matches!(
                classify(value, self.language),
                Class::True | Class::False | Class::Number | Class::Str
            ) && let v @ Value::Const(_) = self.eval(value, &Env::new())
            {
                env.insert(name, v);
            }
        }
    }

    pub(super) fn bind_parameter(&mut self, function: Node<'t>, param: Node<'t>, env: &mut Env) {
        let text = self.text_of(param).to_owned();
        // A parameter typed as a number, boolean, UUID or date cannot carry an injection.
        // (Not in C and C++, where integer parameters feed the `size` sinks.)
        if !matches!(self.language, Language::C | Language::Cpp)
            && let Some(ty) = param.child_by_field_name("type")
            && is_scalar_type(self.text_of(ty))
        {
            let mut cursor = param.walk();
            let by_name: Vec<Node<'t>> =
                param.children_by_field_name("name", &mut cursor).collect();
            let names: Vec<Node<'t>> = if by_name.is_empty() {
                param
                    .child_by_field_name("pattern")
                    .or_else(|| param.named_child(0))
                    .into_iter()
                    .collect()
            } else {
                by_name
            };
            for name in names {
                if classify(name, self.language) == Class::Identifier {
                    let n = self.text_of(name).to_owned();
                    // A summary keeps the parameter's position, with no data to follow.
                    if self.summarising() {
                        self.symbolic_parameter(&n, param, None);
                    }
                    env.insert(n, Value::Clean);
                }
            }
            return;
        }
        let names: Vec<Node<'t>> = {
            let mut cursor = param.walk();
            let by_name: Vec<Node<'t>> =
                param.children_by_field_name("name", &mut cursor).collect();
            if !by_name.is_empty() {
                by_name
            } else if classify(param, self.language) == Class::Identifier
                || matches!(param.kind(), "object_pattern" | "array_pattern")
            {
                // A destructured parameter (`({ body, author }) => …`) binds every name.
                vec![param]
            } else {
                let inner = param
                    .child_by_field_name("pattern")
                    .or_else(|| param.child_by_field_name("left"))
                    .or_else(|| param.child_by_field_name("declarator"))
                    .or_else(|| param.named_child(0));
                inner.into_iter().collect()
            }
        };
        // A summary gives each parameter one bit, whatever names it binds.
        let mut symbolic: Option<Value> = None;
        for name in names {
            let name_text = self.text_of(name);
            if matches!(name_text, "self" | "cls" | "this" | "") {
                continue;
            }
            let bare = name_text.trim_start_matches(['*', '&']).to_owned();
            let real = self.parameter_source(function, &text, name_text);
            let value = if self.summarising() {
                match &symbolic {
                    Some(v) => v.clone(),
                    None => {
                        let v = self
                            .symbolic_parameter(&bare, param, real)
                            .unwrap_or(Value::Clean);
                        symbolic = Some(v.clone());
                        v
                    }
                }
            } else if let Some(v @ Value::Tainted(_)) = self.incoming_value(&bare) {
                // A caller passes a real source here (the workspace index).
                v
            } else {
                let Some((label, strong)) = real else {
                    continue;
                };
                Value::Tainted(Rc::new(Taint::new(
                    vec![TraceStep::here(param.byte_range(), label)],
                    strong,
                )))
            };
            if value.taint().is_none() {
                continue;
            }
            self.bind(name, value, self.step(param, "parameter"), env);
        }
    }

    /// Whether a parameter is a source in this walk's threat model, with the label of
    /// the trace's first step and whether it certainly carries attacker data. (Before
    /// this, `bind_parameter` asks the workspace index: a parameter that callers pass a
    /// real source to is that source, in every profile — `incoming_value`.)
    /// - request parameters (typed as a request, bound from the request, or any parameter
    ///   of a routed handler) in every profile, certainly;
    /// - `argv` and Java's `main(String[] args)` (the command line) in `snippet`;
    /// - any other parameter in `snippet`, and an exported function's in `library`, as a
    ///   weak source (reported at medium confidence).
    pub(super) fn parameter_source(
        &self,
        function: Node,
        param_text: &str,
        name: &str,
    ) -> Option<(String, bool)> {
        let bare = name.trim_start_matches(['*', '&']);
        if self.is_request_parameter(function, param_text) {
            return Some((format!("request data in parameter `{bare}`"), true));
        }
        match self.profile {
            Profile::Snippet if self.is_command_line_parameter(function, param_text, name) => {
                Some((
                    format!("command-line argument `{bare}` (snippet profile)"),
                    true,
                ))
            }
            Profile::Snippet => Some((format!("parameter `{bare}` (snippet profile)"), false)),
            Profile::Library => self.exported_name(function).map(|f| {
                (
                    format!("parameter `{bare}` of exported function `{f}` (library profile)"),
                    false,
                )
            }),
            Profile::Application => None,
        }
    }

    /// `argv`, and Java's `public static void main(String[] args)`.
    pub(super) fn is_command_line_parameter(
        &self,
        function: Node,
        param_text: &str,
        name: &str,
    ) -> bool {
        let bare = name.trim_start_matches(['*', '&']).trim_end_matches("[]");
        bare == "argv"
            || (self.language == Language::Java
                && param_text.contains("String")
                && function
                    .child_by_field_name("name")
                    .is_some_and(|n| self.text_of(n) == "main"))
    }

    /// The name of `function` when it is part of its module's public API: not private by
    /// the language's convention (`_name`, lower-case Go, non-`public` Java, `static` C),
    /// and not nested in another function.
    pub(super) fn exported_name(&self, function: Node) -> Option<String> {
        let name = function
            .child_by_field_name("name")
            .map(|n| self.text_of(n).to_owned())
            .or_else(|| {
                // C/C++: the name sits in the declarator chain.
                let mut d = function.child_by_field_name("declarator");
                for _ in 0..8 {
                    let node = d?;
                    if matches!(node.kind(), "identifier" | "field_identifier") {
                        return Some(self.text_of(node).to_owned());
                    }
                    d = node.child_by_field_name("declarator");
                }
                None
            })?;
        let mut enclosing = function.parent();
        while let Some(node) = enclosing {
            if lang::is_function_like(node) {
                return None;
            }
            enclosing = node.parent();
        }
        let own_text = self.text_of(function);
        let head = own_text.split(['{', ':']).next().unwrap_or_default();
        let exported = match self.language {
            Language::Python => {
                !name.starts_with('_') || (name.starts_with("__") && name.ends_with("__"))
            }
            Language::Go => name.chars().next().is_some_and(char::is_uppercase),
            Language::Java => {
                let modifiers = function
                    .named_child(0)
                    .filter(|m| m.kind() == "modifiers")
                    .map(|m| self.text_of(m))
                    .unwrap_or_default();
                modifiers.contains("public") || modifiers.contains("protected")
            }
            Language::C | Language::Cpp => !head.trim_start().starts_with("static"),
            Language::JavaScript | Language::TypeScript | Language::Tsx => {
                let mut node = function.parent();
                let mut found = false;
                while let Some(n) = node {
                    if n.kind() == "export_statement" {
                        found = true;
                        break;
                    }
                    node = n.parent();
                }
                found
                    || self.text.contains(&format!("exports.{name}"))
                    || self.text.contains("module.exports")
            }
        };
        exported.then_some(name)
    }

    /// Parameters that certainly carry request data: typed as a request, annotated as a
    /// request binding, or any parameter of a routed handler.
    pub(super) fn is_request_parameter(&self, function: Node, param_text: &str) -> bool {
        if self
            .model
            .request_parameter_markers
            .iter()
            .any(|m| param_text.contains(m.as_str()))
        {
            return true;
        }
        // Python: `@app.route(...)` / `@router.get(...)` decorated handlers.
        let decorated = function
            .parent()
            .filter(|p| p.kind() == "decorated_definition")
            .map(|p| {
                self.text_of(p)
                    .split("def ")
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            });
        decorated.is_some_and(|d| {
            self.model
                .route_decorators
                .iter()
                .any(|m| d.contains(m.as_str()))
        })
    }
}

/// A parameter type that holds no text: numbers, booleans, UUIDs, dates.
pub(super) fn is_scalar_type(ty: &str) -> bool {
    const SCALARS: [&str; 48] = [
        "int",
        "float",
        "bool",
        "complex",
        "Decimal",
        "decimal.Decimal",
        "UUID",
        "uuid.UUID",
        "datetime",
        "datetime.datetime",
        "date",
        "datetime.date",
        "number",
        "boolean",
        "bigint",
        "long",
        "short",
        "byte",
        "double",
        "Integer",
        "Long",
        "Short",
        "Boolean",
        "Double",
        "Float",
        "int8",
        "int16",
        "int32",
        "int64",
        "uint",
        "uint8",
        "uint16",
        "uint32",
        "uint64",
        "float32",
        "float64",
        "size_t",
        "ssize_t",
        "unsigned",
        "unsigned int",
        "long long",
        "unsigned long",
        "time.Duration",
        "time.Time",
        "PositiveInt",
        "NonNegativeInt",
        "StrictInt",
        "StrictBool",
    ];
    let t = ty.trim().trim_start_matches(':').trim();
    let t = t
        .strip_prefix("Optional[")
        .and_then(|r| r.strip_suffix(']'))
        .unwrap_or(t);
    let parts: Vec<&str> = t
        .split('|')
        .map(str::trim)
        .filter(|p| !matches!(*p, "None" | "null" | "undefined"))
        .collect();
    !parts.is_empty() && parts.iter().all(|p| SCALARS.contains(p))
}
