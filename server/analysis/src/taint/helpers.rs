//! The file's own functions seen from a call site: helpers that return only literals,
//! guarded-return helpers evaluated with their arguments, module constants and constant
//! lookup tables (Python/JS upper-case tables, Go package-level maps of literals).

use super::*;

/// A helper of more bytes than this is not walked at each call (see `helper_result`).
const MAX_WALKED_HELPER: usize = 4_000;
/// Bytes of helper bodies one walk may walk in all: helpers calling helpers in loops
/// would otherwise multiply, and the walk runs on every keystroke.
pub(super) const HELPER_WALK_BUDGET: usize = 64_000;

impl<'t> Walker<'_, 't> {
    /// Whether `name`, a function of this file (a method of the enclosing class for
    /// `this.name(…)` / `self.name(…)` and Java calls), returns nothing but literals: then
    /// what it returns is a constant whatever its arguments.
    pub(super) fn returns_only_literals(&self, call: Node<'t>, name: &str) -> bool {
        let def = self
            .enclosing_class_method(call, name)
            .or_else(|| self.top_level_function(call, name));
        let Some(def) = def else {
            return false;
        };
        if let Some(known) = self.lookups.literal_returns.borrow().get(&def.id()) {
            return *known;
        }
        let literal = self.only_literal_returns(def);
        self.lookups
            .literal_returns
            .borrow_mut()
            .insert(def.id(), literal);
        literal
    }

    fn only_literal_returns(&self, def: Node<'t>) -> bool {
        let Some(body) = def.child_by_field_name("body") else {
            return false;
        };
        let mut returns = 0;
        let mut stack = vec![body];
        while let Some(node) = stack.pop() {
            if node.id() != body.id() && classify(node, self.language) == Class::Scope {
                continue;
            }
            if node.kind() == "return_statement" {
                returns += 1;
                let value = node.named_child(0);
                if value.is_some_and(|v| !self.is_literal(v)) {
                    return false;
                }
                continue;
            }
            let mut c = node.walk();
            stack.extend(node.named_children(&mut c));
        }
        returns > 0
    }

    /// A string without interpolation, a number, a boolean or null.
    pub(super) fn is_literal(&self, node: Node) -> bool {
        match classify(node, self.language) {
            Class::Number | Class::True | Class::False => true,
            Class::Str => {
                let mut c = node.walk();
                node.named_children(&mut c).all(|part| {
                    !matches!(
                        part.kind(),
                        "interpolation" | "template_substitution" | "escape_interpolation"
                    ) && (part.kind() != "string" || self.is_literal(part))
                })
            }
            _ => matches!(
                node.kind(),
                "null_literal" | "null" | "none" | "nil" | "undefined"
            ),
        }
    }

    /// The method `name` of the class around `node` (declared once), for languages with
    /// classes.
    pub(super) fn enclosing_class_method(&self, node: Node<'t>, name: &str) -> Option<Node<'t>> {
        // One walk is inside one class: the answer per name is the same at every call
        // (finding the class climbs the tree, and a summary asks at every `self.m()`).
        if let Some(found) = self.class_methods.borrow().get(name) {
            return *found;
        }
        let found = self.find_enclosing_class_method(node, name);
        self.class_methods
            .borrow_mut()
            .insert(name.to_owned(), found);
        found
    }

    fn find_enclosing_class_method(&self, node: Node<'t>, name: &str) -> Option<Node<'t>> {
        let mut class_body = node.parent();
        while let Some(b) = class_body {
            if matches!(b.kind(), "class_body" | "block")
                && b.parent().is_some_and(|p| {
                    matches!(
                        p.kind(),
                        "class_declaration" | "class_definition" | "class" | "enum_declaration"
                    )
                })
            {
                break;
            }
            class_body = b.parent();
        }
        let body = class_body?;
        let mut cursor = body.walk();
        let mut found = None;
        for member in body.named_children(&mut cursor) {
            let def = if member.kind() == "decorated_definition" {
                member.child_by_field_name("definition")
            } else {
                Some(member)
            };
            let Some(def) = def.filter(|d| {
                matches!(
                    d.kind(),
                    "method_declaration" | "method_definition" | "function_definition"
                )
            }) else {
                continue;
            };
            if def
                .child_by_field_name("name")
                .is_some_and(|n| self.text_of(n) == name)
            {
                if found.is_some() {
                    // Overloads: which one runs depends on the argument types.
                    return None;
                }
                found = Some(def);
            }
        }
        found
    }

    /// The source text of the value a module-level constant is bound to once
    /// (`const CONTROL = /…/g`, `CONTROL = re.compile(r"…")`), for reading patterns.
    pub(super) fn module_constant_text(&self, name: Node) -> Option<&str> {
        let wanted = self.text_of(name);
        let root = file_root(name);
        let mut cursor = root.walk();
        let mut found = None;
        for stmt in root.named_children(&mut cursor) {
            let (left, right) = match stmt.kind() {
                "lexical_declaration" if self.text_of(stmt).starts_with("const") => {
                    let Some(d) = stmt.named_child(0).filter(|d| {
                        d.kind() == "variable_declarator" && stmt.named_child_count() == 1
                    }) else {
                        continue;
                    };
                    (
                        d.child_by_field_name("name"),
                        d.child_by_field_name("value"),
                    )
                }
                "expression_statement" => {
                    let Some(a) = stmt.named_child(0).filter(|a| a.kind() == "assignment") else {
                        continue;
                    };
                    (
                        a.child_by_field_name("left"),
                        a.child_by_field_name("right"),
                    )
                }
                _ => continue,
            };
            let (Some(left), Some(right)) = (left, right) else {
                continue;
            };
            if self.text_of(left) == wanted {
                if found.is_some() {
                    return None;
                }
                found = Some(right);
            }
        }
        found.map(|n| &self.text[n.byte_range()])
    }

    /// The top-level (undecorated) function `name` of the file `anchor` is in;
    /// `None` when there is none or several (which one runs depends on the order).
    pub(super) fn top_level_function(&self, anchor: Node<'t>, name: &str) -> Option<Node<'t>> {
        if let Some(found) = self.lookups.top_level_functions.borrow().get(name) {
            return *found;
        }
        let root = file_root(anchor);
        let mut cursor = root.walk();
        let mut found = None;
        for def in root.named_children(&mut cursor) {
            if !matches!(def.kind(), "function_definition" | "function_declaration")
                || def
                    .child_by_field_name("name")
                    .is_none_or(|n| self.text_of(n) != name)
            {
                continue;
            }
            if found.is_some() {
                found = None;
                break;
            }
            found = Some(def);
        }
        self.lookups
            .top_level_functions
            .borrow_mut()
            .insert(name.to_owned(), found);
        found
    }

    /// The statements of a function's body, without comments and docstrings.
    pub(super) fn body_statements(&self, def: Node<'t>) -> Option<Vec<Node<'t>>> {
        let body = def.child_by_field_name("body")?;
        let mut cursor = body.walk();
        Some(
            body.named_children(&mut cursor)
                .filter(|c| c.kind() != "comment")
                .filter(|c| {
                    !(c.kind() == "expression_statement"
                        && c.named_child(0).is_some_and(|s| s.kind() == "string"))
                })
                .collect(),
        )
    }

    /// The names of a function's parameters, in order; empty when one is not a plain name.
    pub(super) fn parameter_names(&self, def: Node<'t>) -> Vec<String> {
        let Some(params) = def.child_by_field_name("parameters") else {
            return Vec::new();
        };
        let mut c = params.walk();
        params
            .named_children(&mut c)
            .filter_map(|p| {
                let n = match p.kind() {
                    "identifier" => Some(p),
                    _ => p
                        .child_by_field_name("name")
                        .or_else(|| p.child_by_field_name("pattern"))
                        .or_else(|| p.child_by_field_name("left"))
                        .or_else(|| p.named_child(0)),
                }?;
                (n.kind() == "identifier").then(|| self.text_of(n).to_owned())
            })
            .collect()
    }

    /// A call of a helper of this file, evaluated with its parameters bound to the call's
    /// arguments, so that sanitizing inside the helper counts: a one-line helper's return
    /// expression, or (in a reporting walk) a short helper's body walked like the caller's
    /// with the join of what it returns — its guards and validators included.
    pub(super) fn helper_result(
        &mut self,
        name: &str,
        args: &[Node<'t>],
        env: &Env,
    ) -> Option<Value> {
        let anchor = *args.first()?;
        let def = match self.top_level_function(anchor, name) {
            Some(def) => def,
            None => self.enclosing_class_method(anchor, name)?,
        };
        let stmts = self.body_statements(def)?;
        // `if (s == null) { return "-"; }` guards return constants; the result is then
        // the final expression's value or a constant.
        let (ret, guards) = stmts.split_last()?;
        let one_line = ret.kind() == "return_statement"
            && guards
                .iter()
                .all(|g| guard_return(*g).is_some_and(|v| v.is_none_or(|v| self.is_literal(v))));
        // Walking a body is for the reporting walk (a summary would record the helper's
        // calls as the caller's; the index summarises helpers itself), for short helpers
        // (the walk runs per call, per keystroke), and not for a helper around the call.
        let walked = !one_line
            && !self.summarising()
            && def.byte_range().len() <= MAX_WALKED_HELPER.min(self.helper_budget)
            && !def.byte_range().contains(&anchor.start_byte());
        if !one_line && !walked {
            return None;
        }
        let names = self.parameter_names(def);
        if names.is_empty()
            || args
                .iter()
                .any(|a| a.kind().contains("keyword") || a.kind().contains("splat"))
        {
            return None;
        }
        if self.inlining.iter().any(|h| h == name) {
            return None;
        }
        let mut inner = Env::new();
        for (i, n) in names.iter().enumerate() {
            let v = match args.get(i) {
                Some(a) => self.eval(*a, env),
                None => Value::Clean,
            };
            inner.insert(n.clone(), v);
        }
        self.inlining.push(name.to_owned());
        let v = if one_line {
            ret.named_child(0).map(|expr| self.eval(expr, &inner))
        } else {
            self.helper_budget -= def.byte_range().len();
            let body = def.child_by_field_name("body");
            let outer = self.helper_returns.replace(Vec::new());
            // The helper's locals are its own.
            let outer_verdicts = std::mem::take(&mut self.verdict_locals);
            if let Some(body) = body {
                self.walk(body, &mut inner);
            }
            self.verdict_locals = outer_verdicts;
            let returned = std::mem::replace(&mut self.helper_returns, outer).unwrap_or_default();
            // A return the walk did not reach (inside a construct it does not model, such
            // as a Java `switch`) could return anything: then the helper is not judged.
            body.filter(|b| returned.len() >= return_count(*b))
                .map(|_| Value::join_all(returned))
        };
        self.inlining.pop();
        v
    }

    /// Whether a string literal in the concatenation `node` (not inside a call) holds a
    /// `?` or `#`: whatever is appended to it lands in a URL's query or fragment.
    pub(super) fn holds_query_delimiter(&self, node: Node) -> bool {
        match classify(node, self.language) {
            Class::Str => literal_content(self.text_of(node)).contains(['?', '#']),
            Class::Binary => {
                let mut cursor = node.walk();
                node.named_children(&mut cursor)
                    .any(|child| self.holds_query_delimiter(child))
            }
            _ => false,
        }
    }

    /// A subscript of an upper-case (constant) name that holds no taint.
    pub(super) fn constant_table(&self, node: Node, env: &Env) -> bool {
        let object = node
            .child_by_field_name("value")
            .or_else(|| node.child_by_field_name("object"))
            .or_else(|| node.child_by_field_name("operand"))
            .or_else(|| node.child_by_field_name("array"));
        object.is_some_and(|o| {
            classify(o, self.language) == Class::Identifier
                && (is_constant_name(self.text_of(o)) || self.is_go_literal_map(o))
                && env.get(self.text_of(o)).is_none_or(|v| v.taint().is_none())
        })
    }

    /// Go has no constant maps; `var orderColumns = map[string]string{"price": "price"}`
    /// is one when every key and value is a literal and the file never assigns into it.
    pub(super) fn is_go_literal_map(&self, name: Node) -> bool {
        if self.language != Language::Go {
            return false;
        }
        let text = self.text_of(name);
        if let Some(known) = self.lookups.go_literal_maps.borrow().get(text) {
            return *known;
        }
        let root = file_root(name);
        let literal = go_package_map_literal(root, self.text, text)
            .is_some_and(|body| go_only_literals(body))
            && !go_assigns_into(root, self.text, text);
        self.lookups
            .go_literal_maps
            .borrow_mut()
            .insert(text.to_owned(), literal);
        literal
    }
}

/// For `if COND: return [VALUE]` without an else (a guard), the returned value node
/// (`Some(None)` for a bare return); `None` for any other statement.
pub(super) fn guard_return(guard: Node) -> Option<Option<Node>> {
    if guard.kind() != "if_statement" || guard.child_by_field_name("alternative").is_some() {
        return None;
    }
    let consequence = guard.child_by_field_name("consequence")?;
    let ret = if consequence.kind() == "return_statement" {
        consequence
    } else {
        let mut c = consequence.walk();
        let mut statements = consequence
            .named_children(&mut c)
            .filter(|s| s.kind() != "comment");
        match (statements.next(), statements.next()) {
            (Some(only), None) => only,
            _ => return None,
        }
    };
    (ret.kind() == "return_statement").then(|| ret.named_child(0))
}

/// The `{…}` body of `var NAME = map[K]V{…}` at the top level of a Go file, when NAME is
/// declared once.
pub(super) fn go_package_map_literal<'t>(
    root: Node<'t>,
    text: &str,
    name: &str,
) -> Option<Node<'t>> {
    let mut found = None;
    let mut cursor = root.walk();
    for decl in root.named_children(&mut cursor) {
        if decl.kind() != "var_declaration" {
            continue;
        }
        let mut specs = decl.walk();
        let mut stack: Vec<Node<'t>> = decl.named_children(&mut specs).collect();
        while let Some(spec) = stack.pop() {
            if spec.kind() == "var_spec_list" {
                let mut c = spec.walk();
                stack.extend(spec.named_children(&mut c));
                continue;
            }
            if spec.kind() != "var_spec"
                || spec
                    .child_by_field_name("name")
                    .is_none_or(|n| text.get(n.byte_range()) != Some(name))
            {
                continue;
            }
            if found.is_some() {
                return None;
            }
            found = spec
                .child_by_field_name("value")
                .and_then(|v| v.named_child(0))
                .filter(|v| {
                    v.kind() == "composite_literal"
                        && v.child_by_field_name("type")
                            .is_some_and(|t| t.kind() == "map_type")
                })
                .and_then(|v| v.child_by_field_name("body"));
        }
    }
    found
}

/// Every key and value under a Go literal body is a string, number or boolean literal.
pub(super) fn go_only_literals(body: Node) -> bool {
    let mut cursor = body.walk();
    let elements: Vec<Node> = body.named_children(&mut cursor).collect();
    elements.iter().all(|element| {
        if element.kind() == "comment" {
            return true;
        }
        let mut c = element.walk();
        element.kind() == "keyed_element"
            && element.named_children(&mut c).all(|part| {
                let value = if part.kind() == "literal_element" {
                    part.named_child(0)
                } else {
                    Some(part)
                };
                value.is_some_and(|v| {
                    matches!(
                        v.kind(),
                        "interpreted_string_literal"
                            | "raw_string_literal"
                            | "int_literal"
                            | "float_literal"
                            | "true"
                            | "false"
                    )
                })
            })
    })
}

/// Whether the file assigns into `name[…]` anywhere.
pub(super) fn go_assigns_into(root: Node, text: &str, name: &str) -> bool {
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        if node.kind() == "assignment_statement"
            && node.child_by_field_name("left").is_some_and(|left| {
                let mut c = left.walk();
                left.named_children(&mut c).any(|target| {
                    target.kind() == "index_expression"
                        && target
                            .child_by_field_name("operand")
                            .is_some_and(|o| text.get(o.byte_range()) == Some(name))
                })
            })
        {
            return true;
        }
        if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return false;
            }
        }
    }
}

/// The `return` statements of a function body, without those of nested functions.
fn return_count(body: Node) -> usize {
    let mut count = 0;
    let mut stack = vec![body];
    while let Some(n) = stack.pop() {
        if n.kind() == "return_statement" {
            count += 1;
        }
        let mut cursor = n.walk();
        stack.extend(
            n.named_children(&mut cursor)
                .filter(|c| !lang::is_function_like(*c)),
        );
    }
    count
}
