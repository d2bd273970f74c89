//! Evaluation of an expression in the walker's environment: names, members, calls (with
//! the taint model's sources and sanitizers, lookups, helpers the file defines and the
//! workspace index's summaries), string building (with the URL query rule), operators,
//! comprehensions. What a value is worth, never what a statement does (`effects` in
//! `mod.rs`).

use super::*;

impl<'t> Walker<'_, 't> {
    /// A member expression's value: what was assigned to that path, the source it
    /// names, or its object's value.
    fn eval_member(&mut self, node: Node<'t>, path: Option<&[String]>, env: &Env) -> Value {
        if let Some(p) = path {
            if let Some(v) = env.get(&p.join(".")) {
                return v.clone();
            }
            if (source_root(env, &p[0]) || self.floating_source(p))
                && let Some(v) = self.source_value(node, p)
            {
                return v;
            }
        }
        // An attribute of a Python container that entries were written into: what the
        // container held before them.
        if self.language == Language::Python
            && let Some((_, object_path)) = path.and_then(|p| p.split_last())
            && !object_path.is_empty()
            && let Some(v) = env.get(&attributes_key(&object_path.join(".")))
        {
            return v.clone();
        }
        match lang::member_object(node) {
            Some(object) => self.eval(object, env),
            None => Value::Clean,
        }
    }

    pub(super) fn eval(&mut self, node: Node<'t>, env: &Env) -> Value {
        if self.depth > MAX_DEPTH {
            return Value::Clean;
        }
        self.depth += 1;
        let v = self.eval_inner(node, env);
        self.depth -= 1;
        v
    }

    fn eval_inner(&mut self, node: Node<'t>, env: &Env) -> Value {
        // A request expression the route's middleware checked before this handler ran.
        if !self.route_checks.is_empty()
            && let Some(kinds) = self.route_checked(node)
        {
            return match kinds {
                None => Value::Clean,
                Some(kinds) => {
                    let kinds: Vec<String> = kinds.iter().map(|k| (*k).to_owned()).collect();
                    self.eval_node(node, env).sanitized_for(&kinds)
                }
            };
        }
        self.eval_node(node, env)
    }

    fn eval_node(&mut self, node: Node<'t>, env: &Env) -> Value {
        match classify(node, self.language) {
            Class::Identifier => {
                let name = self.text_of(node);
                if let Some(v) = env.get(name) {
                    return v.clone();
                }
                match self.language {
                    Language::Python if name == "True" => Value::Const(Lit::Bool(true)),
                    Language::Python if name == "False" => Value::Const(Lit::Bool(false)),
                    _ => self
                        .source_value(node, &[name.to_owned()])
                        .unwrap_or(Value::Clean),
                }
            }
            Class::Member => {
                let path = self.path(node);
                // What the server fills in (the authenticated user, the session).
                if path.as_ref().is_some_and(|p| self.is_server_side(p)) {
                    return Value::Clean;
                }
                let value = self.eval_member(node, path.as_deref(), env);
                // `parsed.search` of `parsed = new URL(text)` starts with `?` (or is empty):
                // wherever it is appended it cannot move the URL off its host.
                if value.taint().is_some() && self.delimited_url_part(node) {
                    return value.sanitized_for(&query_kinds());
                }
                let Some(p) = path.filter(|_| value.taint().is_some()) else {
                    return value;
                };
                let refs: Vec<&str> = p.iter().map(String::as_str).collect();
                let mut value = value;
                // The path the request was routed to starts with the route's prefix: a
                // redirect to it stays on the site.
                if self.model.is_routed_path(&refs) {
                    value = value.sanitized_for(&["redirect".to_owned()]);
                }
                // A page's serialised URL has `<`, `>` and `"` percent-encoded.
                if self.model.is_serialized_url(&refs) {
                    value = value.sanitized_for(&["html".to_owned(), PERCENT_ENCODED.to_owned()]);
                }
                value
            }
            Class::Call => self.eval_call(node, env),
            Class::Str => {
                let mut cursor = node.walk();
                let parts: Vec<Node<'t>> = node
                    .named_children(&mut cursor)
                    .filter(|c| {
                        matches!(
                            c.kind(),
                            "interpolation" | "template_substitution" | "string" | "string_literal"
                        )
                    })
                    .collect();
                if parts.is_empty() {
                    Value::Const(Lit::Str(literal_content(self.text_of(node))))
                } else {
                    // Text after a literal `?` or `#` is the query or the fragment: it
                    // cannot change where a URL points (`/list?page=${n}`).
                    let mut literal_from = node.start_byte();
                    let mut in_query = false;
                    let joined = Value::join_all(parts.into_iter().map(|p| {
                        let gap = self
                            .text
                            .get(literal_from..p.start_byte())
                            .unwrap_or_default();
                        in_query |= gap.contains(['?', '#']);
                        literal_from = p.end_byte();
                        let inner =
                            if p.kind() == "interpolation" || p.kind() == "template_substitution" {
                                p.named_child(0).unwrap_or(p)
                            } else {
                                p
                            };
                        let value = self.eval(inner, env);
                        if in_query {
                            value.sanitized_for(&query_kinds())
                        } else {
                            value
                        }
                    }));
                    match joined {
                        Value::Tainted(t) => Value::Tainted(t),
                        _ => Value::Clean,
                    }
                }
            }
            Class::Number => self
                .text_of(node)
                .replace('_', "")
                .parse::<i64>()
                .map(|i| Value::Const(Lit::Int(i)))
                .unwrap_or(Value::Clean),
            Class::True => Value::Const(Lit::Bool(true)),
            Class::False => Value::Const(Lit::Bool(false)),
            Class::Conditional => {
                let Some((cond, then, other)) = lang::conditional_parts(node) else {
                    return Value::Clean;
                };
                match self.eval(cond, env).truthiness() {
                    Some(true) => self.eval(then, env),
                    Some(false) => self.eval(other, env),
                    None => {
                        let a = self.eval(then, env);
                        let b = self.eval(other, env);
                        a.join(b)
                    }
                }
            }
            Class::Binary => {
                let (Some(left), Some(right)) = (
                    node.child_by_field_name("left")
                        .or_else(|| node.named_child(0)),
                    node.child_by_field_name("right")
                        .or_else(|| node.named_child(1)),
                ) else {
                    return Value::Clean;
                };
                let op = node
                    .child_by_field_name("operator")
                    .or_else(|| node.child(1))
                    .map(|o| self.text_of(o).to_owned())
                    .unwrap_or_default();
                // `"%s?%s" % (path, query)`: the values formatted after a `?` or `#`.
                if op == "%"
                    && self.language == Language::Python
                    && classify(left, self.language) == Class::Str
                {
                    let after = percent_slots_after_query(&literal_content(self.text_of(left)));
                    let values: Vec<Node<'t>> = if right.kind() == "tuple" {
                        let mut cursor = right.walk();
                        right.named_children(&mut cursor).collect()
                    } else {
                        vec![right]
                    };
                    return clean_unless_tainted(Value::join_all(values.iter().enumerate().map(
                        |(i, v)| {
                            let value = self.eval(*v, env);
                            if after.get(i).copied().unwrap_or(false) {
                                value.sanitized_for(&query_kinds())
                            } else {
                                value
                            }
                        },
                    )));
                }
                let a = self.eval(left, env);
                let mut b = self.eval(right, env);
                // C/C++ `s - buf`: a pointer difference, an offset into the buffer a
                // reader filled; the buffer's content is not its address.
                if op == "-"
                    && matches!(self.language, Language::C | Language::Cpp)
                    && b.taint().is_some_and(|t| t.buffer)
                {
                    b = Value::Clean;
                }
                // `base + "?next=" + value`: past a literal `?` or `#` it is the query.
                if op == "+" && b.taint().is_some() && self.holds_query_delimiter(left) {
                    b = b.sanitized_for(&query_kinds());
                }
                if let (Value::Const(x), Value::Const(y)) = (&a, &b)
                    && let Some(folded) = fold_binary(&op, x, y)
                {
                    return Value::Const(folded);
                }
                // Comparisons and boolean tests yield booleans, not the data compared.
                let yields_bool = matches!(
                    op.as_str(),
                    "==" | "!="
                        | "==="
                        | "!=="
                        | "<"
                        | ">"
                        | "<="
                        | ">="
                        | "in"
                        | "not in"
                        | "is"
                        | "is not"
                        | "instanceof"
                );
                if yields_bool { Value::Clean } else { a.join(b) }
            }
            Class::Not => {
                let inner = node
                    .child_by_field_name("argument")
                    .or_else(|| node.child_by_field_name("operand"))
                    .or_else(|| node.named_child(0));
                match inner.map(|i| self.eval(i, env)) {
                    Some(v) => match v.truthiness() {
                        Some(b) => Value::Const(Lit::Bool(!b)),
                        None => Value::Clean,
                    },
                    None => Value::Clean,
                }
            }
            Class::Scope | Class::Opaque => Value::Clean,
            // `[escape(p) for p in rows]`: the element expression with the loop variables
            // bound to the iterated values.
            _ if self.language == Language::Python
                && matches!(
                    node.kind(),
                    "generator_expression"
                        | "list_comprehension"
                        | "set_comprehension"
                        | "dictionary_comprehension"
                ) =>
            {
                let mut inner = env.clone();
                let mut cursor = node.walk();
                let clauses: Vec<Node<'t>> = node
                    .named_children(&mut cursor)
                    .filter(|c| c.kind() == "for_in_clause")
                    .collect();
                for clause in clauses {
                    let (Some(left), Some(right)) = (
                        clause.child_by_field_name("left"),
                        clause.child_by_field_name("right"),
                    ) else {
                        continue;
                    };
                    let v = self.eval(right, &inner);
                    let mut names = vec![left];
                    if left.kind() != "identifier" {
                        let mut c = left.walk();
                        names = left
                            .named_children(&mut c)
                            .filter(|n| n.kind() == "identifier")
                            .collect();
                    }
                    for n in names {
                        inner.insert(self.text_of(n).to_owned(), v.clone());
                    }
                }
                match node.child_by_field_name("body") {
                    Some(body) => match self.eval(body, &inner) {
                        Value::Tainted(t) => Value::Tainted(t),
                        _ => Value::Clean,
                    },
                    None => Value::Clean,
                }
            }
            // `ALLOWED_PAGES[key]`: the value comes from the constant table, not the key.
            Class::Subscript if self.constant_table(node, env) => Value::Clean,
            // `store[key]` on a container no source filled: the key picks an entry the
            // application wrote (a row, a watch, a config value); it does not write it.
            Class::Subscript if !matches!(self.language, Language::C | Language::Cpp) => {
                let container = node
                    .child_by_field_name("value")
                    .or_else(|| node.child_by_field_name("object"))
                    .or_else(|| node.child_by_field_name("operand"))
                    .or_else(|| node.child_by_field_name("array"));
                match container {
                    Some(c) => clean_unless_tainted(self.eval(c, env)),
                    None => Value::Clean,
                }
            }
            // `{ key: value }` / `{"key": value}`: the key is a name, not a variable.
            _ if node.kind() == "pair" && self.language != Language::Python => {
                match node.child_by_field_name("value") {
                    Some(v) => self.eval(v, env),
                    None => Value::Clean,
                }
            }
            _ => {
                let mut cursor = node.walk();
                let children: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
                if children.len() == 1 {
                    return self.eval(children[0], env);
                }
                let v = Value::join_all(
                    children
                        .into_iter()
                        .filter(|c| c.kind() != "comment")
                        .map(|c| self.eval(c, env)),
                );
                match v {
                    Value::Tainted(t) => Value::Tainted(t),
                    _ => Value::Clean,
                }
            }
        }
    }

    fn eval_call(&mut self, node: Node<'t>, env: &Env) -> Value {
        let (callee, args) = lang::call_parts(node);
        let path = callee.and_then(|c| self.path(c)).or_else(|| {
            (node.kind() == "method_invocation")
                .then(|| self.path(node))
                .flatten()
        });
        if path.as_ref().is_some_and(|p| {
            self.is_server_side(p) || lang::returns_count(self.language, p, args.len())
        }) {
            return Value::Clean;
        }
        let receiver = lang::call_receiver(node, callee);
        // A call past the source (`req.getParameter("q").replaceAll(…)`) is judged
        // through its receiver, so that sanitizers on the chain count.
        if let Some(p) = &path
            && (source_root(env, &p[0]) || self.floating_source(p))
            && (receiver.is_none() || self.source_ends_at(p))
            && let Some(v) = self.source_value(node, p)
        {
            return v;
        }
        // `RETURN_PAGES.get(key, "/")`, `SORT_COLUMNS.getOrDefault(sort, "name")`: a
        // lookup in a constant table yields its values, or the default.
        if let Some(p) = &path
            && p.len() == 2
            && matches!(p[1].as_str(), "get" | "getOrDefault")
            && is_constant_name(&p[0])
            && env.get(&p[0]).is_none_or(|v| v.taint().is_none())
        {
            return match args.get(1) {
                Some(default) => clean_unless_tainted(self.eval(*default, env)),
                None => Value::Clean,
            };
        }
        let mut inputs: Vec<Value> = args.iter().map(|a| self.eval(*a, env)).collect();
        if let Some(p) = &path {
            self.record_call(node, p, &args, &inputs);
        }
        // `strtok(NULL, " ")` returns the next token of the string the last
        // `strtok(buf, …)` was given.
        if matches!(self.language, Language::C | Language::Cpp)
            && let Some(p) = &path
            && matches!(p.last().map(String::as_str), Some("strtok" | "strtok_r"))
            && let Some(first) = args.first()
        {
            if matches!(self.text_of(*first), "NULL" | "nullptr" | "0") {
                return self.tokenized.clone();
            }
            self.tokenized = inputs.first().cloned().unwrap_or_default();
        }
        let argument_values = inputs.clone();
        let receiver_value = receiver.map(|r| self.eval(r, env));
        // `store.get(key, default)` on a container no source filled: as with `store[key]`,
        // the key picks an entry the application wrote; only the default can be input.
        // Summarising, a container that is only a parameter (`files.get(id)` in
        // `find(id, files)`) leaves it to what the caller passes: the entry is the
        // container's (its bit) or the default, never the key's.
        if let Some(p) = &path
            && p.len() >= 2
            && p.last()
                .is_some_and(|m| self.model.lookup_methods.contains(m))
            && let Some(container) = receiver_value.as_ref().filter(|v| match v.taint() {
                None => true,
                Some(t) => self.summarising() && !t.strong,
            })
        {
            let default = argument_values.get(1).cloned().unwrap_or_default();
            return clean_unless_tainted(container.clone().join(default));
        }
        // `"/list?page={}".format(n)`: the values placed after a `?` or `#`.
        if self.language == Language::Python
            && callee
                .and_then(|c| c.child_by_field_name("attribute"))
                .is_some_and(|m| self.text_of(m) == "format")
            && let Some(template) = receiver.filter(|r| classify(*r, self.language) == Class::Str)
        {
            let after = brace_slots_after_query(&literal_content(self.text_of(template)));
            return clean_unless_tainted(Value::join_all(
                args.iter()
                    .zip(&argument_values)
                    .enumerate()
                    .map(|(i, (arg, value))| {
                        let positional = !lang::is_keyword_argument(*arg);
                        if positional && after.get(i).copied().unwrap_or(false) {
                            value.clone().sanitized_for(&query_kinds())
                        } else {
                            value.clone()
                        }
                    }),
            ));
        }
        if let Some(v) = &receiver_value {
            inputs.push(v.clone());
        }
        // Java's `"true".equals(debug)` with both sides constant folds like `==`.
        if receiver.is_some()
            && node
                .child_by_field_name("name")
                .is_some_and(|m| self.text_of(m) == "equals")
            && let [Value::Const(arg), Value::Const(recv)] = inputs.as_slice()
        {
            return Value::Const(Lit::Bool(arg == recv));
        }
        let joined = Value::join_all(inputs);
        let Some(p) = path else {
            return clean_unless_tainted(joined);
        };
        let refs: Vec<&str> = p.iter().map(String::as_str).collect();
        let own_method = refs.len() == 2 && matches!(refs[0], "this" | "self");
        if (refs.len() == 1 || own_method)
            && joined.taint().is_some()
            && self.returns_only_literals(node, refs[refs.len() - 1])
        {
            // `regionFilter(region)` maps its input to one of its literal returns.
            return Value::Clean;
        }
        if refs.len() == 1
            && joined.taint().is_some()
            && self.sanitizer_kinds(&refs).is_none()
            && let Some(v) = self.helper_result(refs[0], &args, env)
        {
            return v;
        }
        // A function the workspace index resolved: its summary says what it returns.
        let facts = self.facts;
        if let Some(callee) = facts.and_then(|f| f.callees.get(&p.join("."))) {
            return self.callee_value(node, callee, &args, &argument_values);
        }
        // `MIN(len, sizeof buf)`, `std::min(n, cap)`: bounded by the clean side.
        if matches!(self.language, Language::C | Language::Cpp)
            && refs
                .last()
                .is_some_and(|n| matches!(*n, "MIN" | "UMIN" | "min" | "umin" | "MIN2"))
            && args.len() >= 2
            && argument_values.iter().any(|v| v.taint().is_none())
        {
            return joined.sanitized_for(&["size".to_owned()]);
        }
        if self.is_regex_escape(&refs, &args) {
            return joined.sanitized_for(&["regex".to_owned()]);
        }
        if self.model.is_url_decoder(&refs) {
            return joined.percent_decoded();
        }
        if let Some(kinds) = self.sanitizer_kinds(&refs) {
            let kinds = kinds.to_vec();
            return joined.sanitized_for(&kinds);
        }
        // `s.replaceAll("[\r\n]", "_")`, `strings.ReplaceAll(s, "\n", " ")`: with the line
        // breaks replaced, the value can no longer forge log lines or split headers.
        if refs.last().is_some_and(|n| {
            matches!(
                *n,
                "replace" | "replaceAll" | "ReplaceAll" | "Replace" | "sub"
            )
        }) {
            // The pattern: a literal argument, or a module constant holding one
            // (`const CONTROL = /[\u0000-\u001f]/g`).
            let patterns: Vec<&str> = args
                .iter()
                .filter_map(|a| {
                    if a.kind().contains("string") || a.kind().contains("regex") {
                        Some(self.text_of(*a))
                    } else if classify(*a, self.language) == Class::Identifier {
                        self.module_constant_text(*a)
                    } else {
                        None
                    }
                })
                .collect();
            let mut kinds = Vec::new();
            if patterns.iter().any(|p| replaces_line_breaks(p)) {
                kinds.extend(["log".to_owned(), "header".to_owned()]);
            }
            // `s.replaceAll("[<>\"'&]", "_")`: no markup can be formed any more.
            if patterns.iter().any(|p| p.contains('<') && p.contains('>')) {
                kinds.push("html".to_owned());
            }
            if !kinds.is_empty() {
                return joined.sanitized_for(&kinds);
            }
        }
        // `validateSyncedFile(groupId, …)`, `is_fetch_url_allowed(url)`: a check the project
        // wrote returns its verdict (a flag, an error code), not the data it checked.
        if refs.last().is_some_and(|n| is_verdict_name(n)) {
            return Value::Clean;
        }
        // `this._memberRepository.get({email})`, `self.store.find(key)`: a collaborator
        // held in a field looks data up *by* its arguments; what it returns is its own
        // data, not the key. Only the receiver (the collaborator) carries over.
        if refs.len() >= 3 && matches!(refs[0], "this" | "self") {
            return match receiver_value {
                Some(Value::Tainted(t)) => {
                    let step = self.step(node, "passed through");
                    Value::Tainted(Rc::new(t.with_step(step)))
                }
                _ => Value::Clean,
            };
        }
        let passed = if self.options_do_not_flow(&refs, &args) {
            let positional = args
                .iter()
                .zip(argument_values)
                .filter(|(a, _)| !lang::is_keyword_argument(**a))
                .map(|(_, v)| v);
            Value::join_all(positional.chain(receiver_value))
        } else {
            joined
        };
        match passed {
            Value::Tainted(t) => {
                let step = self.step(node, "passed through");
                Value::Tainted(Rc::new(t.with_step(step)))
            }
            _ => Value::Clean,
        }
    }

    /// Whether a Python call the model knows nothing about passes only its positional
    /// arguments (and receiver) into its result: a keyword argument configures a call
    /// (`render_diff(a, b, ignore_whitespace=flag)`, `query.filter(name__icontains=q)`),
    /// it is not the data the result is made of. Constructors (a capitalised name: the
    /// object keeps its fields) and the calls that do build text or mappings from keywords
    /// (`str.format`, `dict`, `Template.substitute`…) keep every argument, and so does
    /// `open(file=path)`, which is `open(path)`. Other calls given keywords only look up
    /// by them (`get_history_snapshot(timestamp=v)`, `get_asset(asset_name=n)`: real-code
    /// false alarms when those keywords were taken for the data).
    fn options_do_not_flow(&self, path: &[&str], args: &[Node<'t>]) -> bool {
        if self.language != Language::Python
            || (path == ["open"] && args.iter().all(|a| lang::is_keyword_argument(*a)))
        {
            return false;
        }
        let Some(name) = path.last() else {
            return false;
        };
        let constructor = name.chars().next().is_some_and(char::is_uppercase);
        !constructor
            && !matches!(
                *name,
                "format"
                    | "format_map"
                    | "dict"
                    | "update"
                    | "setdefault"
                    | "substitute"
                    | "safe_substitute"
                    | "_replace"
                    | "replace"
                    | "urlencode"
                    | "namedtuple"
                    | "SimpleNamespace"
            )
    }
}

/// The sink kinds a value placed in a URL's query or fragment cannot reach: where the URL
/// points (open redirect, server-side request forgery).
fn query_kinds() -> [String; 2] {
    ["redirect".to_owned(), "url".to_owned()]
}

/// For each `%` conversion of a format string, in order: whether a `?` or `#` precedes it
/// (the value lands in a URL's query or fragment). `%%` is a literal percent sign.
fn percent_slots_after_query(format: &str) -> Vec<bool> {
    let mut slots = Vec::new();
    let mut in_query = false;
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '?' | '#' => in_query = true,
            '%' if chars.peek() == Some(&'%') => {
                chars.next();
            }
            '%' => slots.push(in_query),
            _ => {}
        }
    }
    slots
}

/// For each positional `{}` of a `str.format` string, in order (explicit indexes `{0}`
/// count as their index): whether a `?` or `#` precedes it.
fn brace_slots_after_query(format: &str) -> Vec<bool> {
    let mut slots: Vec<bool> = Vec::new();
    let mut in_query = false;
    let mut next = 0;
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '?' | '#' => in_query = true,
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
            }
            '{' => {
                let field: String = chars.by_ref().take_while(|c| *c != '}').collect();
                let name = field.split([':', '!', '.', '[']).next().unwrap_or_default();
                let index = if name.is_empty() {
                    next += 1;
                    next - 1
                } else if let Ok(i) = name.parse::<usize>() {
                    i
                } else {
                    continue;
                };
                if slots.len() <= index {
                    slots.resize(index + 1, true);
                }
                // A value used both before and after the delimiter counts as before.
                slots[index] &= in_query;
            }
            _ => {}
        }
    }
    slots
}
