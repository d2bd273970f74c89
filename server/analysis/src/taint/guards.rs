//! Validation guards: which variable a condition checks (allow-lists, membership,
//! format checks, containment, URL validators, validators defined in the file) and what
//! the checked value is worth on the branch where the check passed.

use super::helpers::guard_return;
use super::*;

/// What a check of a URL's host makes it safe for: it cannot leave the allowed host.
const HOST_CHECKED: &[&str] = &["redirect", "url"];

/// C allocators whose size argument, naming a length, makes room for it.
const GROWING_ALLOCATORS: &[&str] = &["realloc", "reallocarray", "malloc", "calloc"];

impl<'t> Walker<'_, 't> {
    /// Recognises a validation check in a condition: membership in a collection, a
    /// full-match regex, or a character-class predicate. Returns the variable and whether
    /// the condition is true when the value is valid, and the sink kinds the check makes
    /// it safe for (`None`: every kind).
    pub(super) fn validated_variable(
        &self,
        cond: Node<'t>,
    ) -> Option<(String, bool, Option<&'static [&'static str]>)> {
        let (node, negated) = self.peel_condition(cond)?;
        let positive = !negated;
        if classify(node, self.language) == Class::Binary && node.kind() != "comparison_operator" {
            return self
                .validated_comparison(node)
                .map(|(var, valid_when, kinds)| (var, valid_when == positive, kinds));
        }
        // Go: `if !allowed[name] { return }` with a `map[string]bool` allow-list.
        if self.language == Language::Go && node.kind() == "index_expression" {
            let index = node
                .child_by_field_name("index")
                .filter(|i| self.is_plain_name(*i))?;
            return Some((self.key(index)?, positive, None));
        }
        let text = self.text_of(node);
        if node.kind() == "comparison_operator" {
            // `x in ALLOWED` / `x not in ALLOWED`
            let left = node.named_child(0)?;
            let negated = text.contains(" not in ");
            if (text.contains(" in ") || negated)
                && let Some(left) = self.checked_name(left)
            {
                return Some((self.key(left)?, positive != negated, None));
            }
            // `u.netloc != site.netloc` (then leave): the URL is on the allowed host.
            if let Some((url, equal)) = self.host_comparison(node) {
                return Some((self.key(url)?, positive == equal, Some(HOST_CHECKED)));
            }
            // `os.path.dirname(full) == base`: `full` lies directly in the folder.
            let equal = text.contains("==");
            if equal || text.contains("!=") {
                let right = node.named_child(1)?;
                let contained = [left, right].into_iter().find_map(|side| {
                    (classify(side, self.language) == Class::Call
                        && self
                            .call_path(side)
                            .is_some_and(|p| p.last().is_some_and(|n| n == "dirname")))
                    .then(|| lang::call_parts(side).1.first().copied())
                    .flatten()
                    .filter(|a| self.is_plain_name(*a))
                })?;
                return Some((self.key(contained)?, positive == equal, Some(&["path"])));
            }
            return None;
        }
        if classify(node, self.language) == Class::Call {
            let (callee, args) = lang::call_parts(node);
            let name = self.call_path(node)?.last()?.clone();
            let checks_membership = matches!(
                name.as_str(),
                "includes" | "contains" | "has" | "containsKey" | "count" | "__contains__"
            );
            let checks_format = matches!(
                name.as_str(),
                "fullmatch"
                    | "isdigit"
                    | "isalnum"
                    | "isidentifier"
                    | "isdecimal"
                    | "isnumeric"
                    | "matches"
                    | "test"
                    | "MatchString"
            );
            // `Object.prototype.hasOwnProperty.call(obj, key)`, `Object.hasOwn(obj, key)`,
            // `obj.hasOwnProperty(key)`: the key is one of the object's own names.
            if let Some(path) = self.call_path(node) {
                let key = match path
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .as_slice()
                {
                    [.., "hasOwnProperty", "call"] | ["Object", "hasOwn"] => args.get(1),
                    [_, .., "hasOwnProperty"] => args.first(),
                    _ => None,
                };
                if let Some(key) = key.and_then(|k| self.checked_name(*k)) {
                    return Some((self.key(key)?, positive, None));
                }
            }
            // Django's / Werkzeug's URL checks: the first argument is a local redirect.
            let checks_url = self.model.url_validators.contains(&name);
            if (checks_membership || checks_url || name == "test" || name == "matches")
                && let Some(arg) = args.first().and_then(|a| self.checked_name(*a))
            {
                return Some((self.key(arg)?, positive, None));
            }
            // Go: `slices.Contains(allowed, x)`; `strings.HasPrefix(p, base)` is a
            // containment check on its first argument.
            if self.language == Language::Go {
                let path = self.call_path(node)?;
                let path: Vec<&str> = path.iter().map(String::as_str).collect();
                match path.as_slice() {
                    ["slices", "Contains"] => {
                        let arg = args.last().filter(|a| self.is_plain_name(**a))?;
                        return Some((self.key(*arg)?, positive, None));
                    }
                    ["strings", "HasPrefix"] => {
                        let arg = args.first().filter(|a| self.is_plain_name(**a))?;
                        return Some((self.key(*arg)?, positive, Some(&["path", "url"])));
                    }
                    _ => {}
                }
            }
            // A containment check (`full.startswith(BASE)`) keeps a path or URL under a
            // fixed prefix; it says nothing about shell or SQL metacharacters.
            if matches!(
                name.as_str(),
                "startswith" | "startsWith" | "is_relative_to"
            ) && !args.is_empty()
            {
                let receiver = lang::call_receiver(node, callee);
                if let Some(r) = receiver.filter(|r| self.is_plain_name(*r)) {
                    // A prefix that fixes the origin (`https://shop.example/`, the site's
                    // URL) keeps a redirect on the site too; `/` alone does not (`//evil`).
                    let kinds: &'static [&'static str] = if self.prefix_fixes_origin(args[0]) {
                        &["path", "url", "redirect"]
                    } else {
                        &["path", "url"]
                    };
                    return Some((self.key(r)?, positive, Some(kinds)));
                }
            }
            if checks_format {
                // The checked value is the argument (`re.fullmatch(p, x)`,
                // `re.MatchString(x)`), else the receiver (`x.isdigit()`,
                // `x.matches("[a-z]+")`), or what a Java matcher was made for
                // (`P.matcher(x).matches()`).
                if let Some(arg) = args.last().and_then(|a| self.checked_name(*a)) {
                    return Some((self.key(arg)?, positive, None));
                }
                let receiver = lang::call_receiver(node, callee);
                if let Some(r) = receiver.filter(|r| self.is_plain_name(*r)) {
                    return Some((self.key(r)?, positive, None));
                }
                let matched = receiver
                    .filter(|r| {
                        classify(*r, self.language) == Class::Call
                            && self
                                .call_path(*r)
                                .is_some_and(|p| p.last().is_some_and(|n| n == "matcher"))
                    })
                    .and_then(|r| lang::call_parts(r).1.first().copied());
                if let Some(arg) = matched.filter(|a| self.is_plain_name(*a)) {
                    return Some((self.key(arg)?, positive, None));
                }
            }
            if callee.is_some_and(|c| c.kind() == "identifier")
                && let Some((var, valid_when, kinds)) = self.validator_call(node, &name, &args)
            {
                return Some((var, valid_when == positive, kinds));
            }
        }
        None
    }

    /// A check the project wrote that the analysis cannot read — a call named as a check
    /// of its input ([`is_input_check_name`]) defined in no function of this file — on a local,
    /// directly or through the first value it returned (`ok, reason = is_safe(url)` then
    /// `if not ok:`). The value is marked [`UNREAD_CHECK`], not cleaned.
    pub(super) fn unread_check(
        &self,
        cond: Node<'t>,
    ) -> Option<(String, bool, Option<&'static [&'static str]>)> {
        let (call, negated) = self.unread_check_call(cond)?;
        let (_, args) = lang::call_parts(call);
        let arg = args
            .first()
            .filter(|a| classify(**a, self.language) == Class::Identifier)?;
        Some((self.key(*arg)?, !negated, Some(&[UNREAD_CHECK])))
    }

    /// The call of [`Self::unread_check`] in `cond`, and whether `cond` negates it.
    fn unread_check_call(&self, cond: Node<'t>) -> Option<(Node<'t>, bool)> {
        let (node, negated) = self.peel_condition(cond)?;
        if classify(node, self.language) == Class::Identifier {
            return match self.verdict_locals.get(self.text_of(node))? {
                VerdictLocal::UnreadCheck(call) => Some((*call, negated)),
                VerdictLocal::Rejected(..) => None,
            };
        }
        self.is_unread_check(node).then_some((node, negated))
    }

    /// Whether `node` calls a check of its input that this file does not define.
    fn is_unread_check(&self, node: Node<'t>) -> bool {
        if classify(node, self.language) != Class::Call {
            return false;
        }
        let Some(path) = self.call_path(node) else {
            return false;
        };
        let Some(name) = path.last() else {
            return false;
        };
        let readable = path.len() == 1 && self.top_level_function(node, name).is_some();
        is_input_check_name(name) && !readable
    }

    /// Remembers (or forgets) what the local `target` names — the first of a tuple (`ok,
    /// reason = …`) — holds: the verdict of an unread check `value` calls, or the
    /// elements of a list that fail a check (see [`Self::rejected_list_check`]).
    pub(super) fn note_verdict_local(&mut self, target: Node<'t>, value: Option<Node<'t>>) {
        let first = match target.kind() {
            "pattern_list" | "tuple_pattern" | "expression_list" => target.named_child(0),
            _ => Some(target),
        };
        let Some(first) = first.filter(|f| classify(*f, self.language) == Class::Identifier) else {
            return;
        };
        let call = value.map(lang::unwrapped);
        let verdict = match call.filter(|c| self.is_unread_check(*c)) {
            Some(c) => Some(VerdictLocal::UnreadCheck(c)),
            None if first == target => value
                .and_then(|v| self.rejected_elements(v))
                .map(|(list, kinds)| VerdictLocal::Rejected(list, kinds)),
            None => None,
        };
        let text = self.text;
        let name = text.get(first.byte_range()).unwrap_or_default();
        match verdict {
            Some(v) => {
                self.verdict_locals.insert(name.to_owned(), v);
            }
            None if !self.verdict_locals.is_empty() => {
                self.verdict_locals.remove(name);
            }
            None => {}
        }
    }

    /// `if bad:` where `bad = [c for c in cols if c not in ALLOWED]` (the elements of a
    /// list that fail a check): where it is empty, every element of `cols` passed.
    pub(super) fn rejected_list_check(
        &self,
        cond: Node<'t>,
    ) -> Option<(String, bool, Option<&'static [&'static str]>)> {
        let (node, negated) = self.peel_condition(cond)?;
        if classify(node, self.language) != Class::Identifier {
            return None;
        }
        match self.verdict_locals.get(self.text_of(node))? {
            VerdictLocal::Rejected(list, kinds) => Some((list.clone(), negated, *kinds)),
            VerdictLocal::UnreadCheck(_) => None,
        }
    }

    /// `[c for c in cols if <check of c fails>]`: the list checked (`cols`) and what the
    /// check makes its elements safe for.
    fn rejected_elements(
        &self,
        comprehension: Node<'t>,
    ) -> Option<(String, Option<&'static [&'static str]>)> {
        if comprehension.kind() != "list_comprehension" {
            return None;
        }
        let body = comprehension.child_by_field_name("body")?;
        let mut cursor = comprehension.walk();
        let clauses: Vec<Node<'t>> = comprehension
            .named_children(&mut cursor)
            .filter(|c| *c != body)
            .collect();
        let [for_in, filter] = clauses.as_slice() else {
            return None;
        };
        if for_in.kind() != "for_in_clause" || filter.kind() != "if_clause" {
            return None;
        }
        let element = for_in
            .child_by_field_name("left")
            .filter(|e| classify(*e, self.language) == Class::Identifier)?;
        let list = for_in
            .child_by_field_name("right")
            .filter(|l| self.is_plain_name(*l))?;
        let (var, valid_when, kinds) = self.validated_variable(filter.named_child(0)?)?;
        (!valid_when && Some(var) == self.key(element))
            .then(|| Some((self.key(list)?, kinds)))
            .flatten()
    }

    /// The value of `var` once the check in `cond` passed: clean for every kind, or
    /// sanitized for `kinds`. A checked source path (`req.body.email`) has no entry in
    /// `env`; its value is what its expression in `cond` evaluates to.
    pub(super) fn validated_value(
        &mut self,
        cond: Node<'t>,
        env: &Env,
        var: &str,
        kinds: Option<&[&str]>,
    ) -> Value {
        let Some(kinds) = kinds else {
            return Value::Clean;
        };
        let kinds: Vec<String> = kinds.iter().map(|k| (*k).to_owned()).collect();
        let current = match env.get(var) {
            Some(v) => v.clone(),
            None => match self.node_with_key(cond, var) {
                Some(node) => self.eval(node, env),
                None => Value::Clean,
            },
        };
        if kinds == [UNREAD_CHECK]
            && let Value::Tainted(t) = &current
            && !t.sanitized.iter().any(|k| k == UNREAD_CHECK)
            && let Some((call, _)) = self.unread_check_call(cond)
        {
            let snippet: String = self.text_of(call).chars().take(60).collect();
            let step = TraceStep::here(
                call.byte_range(),
                format!(
                    "checked by `{}`, which bluecode cannot read",
                    snippet.trim()
                ),
            );
            return Value::Tainted(Rc::new(t.with_step(step))).sanitized_for(&kinds);
        }
        current.sanitized_for(&kinds)
    }

    /// The first name expression under `node` whose dotted path is `key`.
    pub(super) fn node_with_key(&self, node: Node<'t>, key: &str) -> Option<Node<'t>> {
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            if self.is_plain_name(n) && self.key(n).as_deref() == Some(key) {
                return Some(n);
            }
            let mut c = n.walk();
            let children: Vec<Node<'t>> = n.named_children(&mut c).collect();
            stack.extend(children.into_iter().rev());
        }
        None
    }

    /// A call of a validator defined in this file (`if not is_local(target): …`): a
    /// top-level function whose body is guards that return the "invalid" boolean
    /// (`if bad: return False`) and then `return CHECK`, where CHECK validates one of
    /// its parameters as [`Self::validated_variable`] understands it. Returns the
    /// argument passed for that parameter, the call's value when it is valid, and kinds.
    pub(super) fn validator_call(
        &self,
        call: Node<'t>,
        name: &str,
        args: &[Node<'t>],
    ) -> Option<(String, bool, Option<&'static [&'static str]>)> {
        if self.in_validator.get() {
            return None;
        }
        let def = self.top_level_function(call, name)?;
        let stmts = self.body_statements(def)?;
        let (last, guards) = stmts.split_last()?;
        let expr = (last.kind() == "return_statement")
            .then(|| last.named_child(0))
            .flatten()?;
        self.in_validator.set(true);
        let checked = self.validated_variable(expr);
        self.in_validator.set(false);
        let (param, valid_when, kinds) = checked?;
        let invalid = if valid_when { "false" } else { "true" };
        let guards_return_invalid = guards.iter().all(|guard| {
            guard_return(*guard)
                .flatten()
                .is_some_and(|v| v.kind().eq_ignore_ascii_case(invalid))
        });
        if !guards_return_invalid {
            return None;
        }
        let index = self.parameter_names(def).iter().position(|n| *n == param)?;
        let arg = args.get(index).filter(|a| self.is_plain_name(**a))?;
        Some((self.key(*arg)?, valid_when, kinds))
    }

    /// Validation spelled with operators: `a || b` (past `if (a || b) return;` neither
    /// holds), `a && b` (inside, both hold), `x == "literal"` (x is that constant), and a
    /// bound such as `n > MAX` (n is then fine as a size or length, nothing else).
    /// Returns the variable, the truth value of `node` for which it is valid, and kinds.
    pub(super) fn validated_comparison(
        &self,
        node: Node<'t>,
    ) -> Option<(String, bool, Option<&'static [&'static str]>)> {
        let left = node
            .child_by_field_name("left")
            .or_else(|| node.named_child(0))?;
        let right = node
            .child_by_field_name("right")
            .or_else(|| node.named_child(1))?;
        let op = node
            .child_by_field_name("operator")
            .or_else(|| node.child(1))
            .map(|o| o.kind())
            .unwrap_or_default();
        if matches!(op, "||" | "or" | "&&" | "and") {
            // Under `||` a side that is false when valid carries over; under `&&` one
            // that is true when valid.
            let wanted = matches!(op, "&&" | "and");
            return [left, right]
                .into_iter()
                .filter_map(|side| self.validated_variable(side))
                .find(|(_, valid_when, _)| *valid_when == wanted);
        }
        // `typeof x !== "string"` (then exit): past it x is a string, which carries no
        // query operators (`{"$ne": …}`); a number is safe in every sink.
        if matches!(op, "==" | "===" | "!=" | "!==") {
            let typeof_operand = |n: Node<'t>| {
                (n.kind() == "unary_expression"
                    && n.child_by_field_name("operator")
                        .is_some_and(|o| o.kind() == "typeof"))
                .then(|| n.child_by_field_name("argument"))
                .flatten()
                .filter(|a| self.is_plain_name(*a))
            };
            let (operand, type_name) = match (typeof_operand(left), typeof_operand(right)) {
                (Some(a), _) => (Some(a), right),
                (_, Some(a)) => (Some(a), left),
                _ => (None, left),
            };
            if let Some(operand) = operand {
                let kinds: Option<&'static [&'static str]> =
                    match literal_content(self.text_of(type_name)).as_str() {
                        "string" => Some(&["nosql"]),
                        "number" | "boolean" => None,
                        _ => return None,
                    };
                return Some((self.key(operand)?, matches!(op, "==" | "==="), kinds));
            }
        }
        // `target.host !== site.host` (then leave): the URL object is on the allowed host.
        if let Some((url, equal)) = self.host_comparison(node) {
            return Some((self.key(url)?, equal, Some(HOST_CHECKED)));
        }
        let (name, other, flipped) = if self.is_plain_name(left) {
            (left, right, false)
        } else if self.is_plain_name(right) {
            (right, left, true)
        } else if matches!(op, ">" | ">=" | "<" | "<=") {
            // `used + 4 + len > capacity`: a bound on a sum bounds its last named addend
            // (a length is not negative), the shape of "does it still fit?".
            let (sum, flipped) = match (self.last_addend(left), self.last_addend(right)) {
                (Some(a), None) => (a, false),
                (None, Some(a)) => (a, true),
                _ => return None,
            };
            let upper = matches!(op, "<" | "<=") != flipped;
            return Some((self.key(sum)?, upper, Some(&["size"])));
        } else {
            return None;
        };
        let var = self.key(name)?;
        let other_is_literal = matches!(classify(other, self.language), Class::Str | Class::Number);
        match op {
            "==" | "===" if other_is_literal => Some((var, true, None)),
            "!=" | "!==" if other_is_literal => Some((var, false, None)),
            ">" | ">=" | "<" | "<=" => {
                let upper = matches!(op, "<" | "<=") != flipped;
                Some((var, upper, Some(&["size"])))
            }
            _ => None,
        }
    }

    /// Whether a `startsWith` prefix pins where a URL points: a literal with a scheme and
    /// host ending in `/` (`https://shop.example/`), a literal path of more than the root
    /// (`/account/`), or a value the program computed (`siteUrl`, `settings.BASE_URL`).
    fn prefix_fixes_origin(&self, prefix: Node<'t>) -> bool {
        match classify(prefix, self.language) {
            Class::Str => {
                let text = literal_content(self.text_of(prefix));
                match text.split_once("://") {
                    Some((_, rest)) => {
                        rest.trim_end_matches('/').contains('/') || rest.ends_with('/')
                    }
                    None => {
                        let mut chars = text.chars();
                        chars.next() == Some('/')
                            && chars.next().is_some_and(|c| c != '/' && c != '\\')
                    }
                }
            }
            Class::Identifier | Class::Member | Class::Call => true,
            _ => false,
        }
    }

    /// The second bound of a comparison between two names: `a >= b` (or `a > b`) holds
    /// `b` at most `a`, so `a - b` cannot wrap and `b` is fine as a size where `a` is
    /// (`if (pos >= header_len) memmove(buf, buf + header_len, pos - header_len)`).
    /// [`Self::validated_comparison`] reports the left side; this is the right side, as
    /// (variable, truth value of `cond` for which it is bounded, the size kind).
    pub(super) fn bounded_right_side(
        &self,
        cond: Node<'t>,
    ) -> Option<(String, bool, Option<&'static [&'static str]>)> {
        let (node, negated) = self.peel_condition(cond)?;
        if classify(node, self.language) != Class::Binary || node.kind() == "comparison_operator" {
            return None;
        }
        let left = node.child_by_field_name("left")?;
        let right = node.child_by_field_name("right")?;
        let op = node.child_by_field_name("operator")?.kind();
        if !matches!(op, ">" | ">=" | "<" | "<=")
            || !self.is_plain_name(left)
            || !self.is_plain_name(right)
        {
            return None;
        }
        let bounded_when = matches!(op, ">" | ">=") != negated;
        Some((self.key(right)?, bounded_when, Some(&["size"])))
    }

    /// The text a host-checked URL was parsed from: `const t = new URL(next, SITE); if
    /// (t.host !== site.host) return …;` checks `next` as well as `t` (and so does
    /// `if u.hostname not in ALLOWED_HOSTS: abort()` for `u = urlparse(next)`).
    pub(super) fn host_checked_text(
        &self,
        cond: Node<'t>,
    ) -> Option<(String, bool, Option<&'static [&'static str]>)> {
        let (node, negated) = self.peel_condition(cond)?;
        // `u.scheme != "https" or u.hostname not in ALLOWED`: as in `validated_comparison`,
        // under `or` a side that is false when valid carries over, under `and` a true one.
        if let Some(op) = node.child_by_field_name("operator").map(|o| o.kind())
            && matches!(op, "||" | "or" | "&&" | "and")
        {
            let wanted = matches!(op, "&&" | "and");
            let sides = [
                node.child_by_field_name("left")?,
                node.child_by_field_name("right")?,
            ];
            return sides
                .into_iter()
                .filter_map(|side| self.host_checked_text(side))
                .find(|(_, valid_when, _)| *valid_when == wanted)
                .map(|(text, valid_when, kinds)| (text, valid_when != negated, kinds));
        }
        let (url, equal) = self.host_comparison(node).or_else(|| {
            // Python's `u.hostname in ALLOWED_HOSTS` / `not in`.
            let text = self.text_of(node);
            (node.kind() == "comparison_operator" && text.contains(" in "))
                .then(|| node.named_child(0).and_then(|left| self.host_read(left)))
                .flatten()
                .map(|url| (url, !text.contains(" not in ")))
        })?;
        let text = self.url_parsed_from(url)?;
        Some((self.key(text)?, equal != negated, Some(HOST_CHECKED)))
    }

    /// `a.host == b.host` / `!=` (`===`, `!==`; Python's `comparison_operator` too): the
    /// parsed URL one side reads the host of, and whether the comparison is an equality.
    fn host_comparison(&self, node: Node<'t>) -> Option<(Node<'t>, bool)> {
        let (sides, equal) = if node.kind() == "comparison_operator" {
            let text = self.text_of(node);
            let equal = text.contains("==");
            if !equal && !text.contains("!=") {
                return None;
            }
            ([node.named_child(1)?, node.named_child(0)?], equal)
        } else if classify(node, self.language) == Class::Binary {
            let op = node.child_by_field_name("operator")?.kind();
            if !matches!(op, "==" | "===" | "!=" | "!==") {
                return None;
            }
            let left = node.child_by_field_name("left")?;
            let right = node.child_by_field_name("right")?;
            ([left, right], matches!(op, "==" | "==="))
        } else {
            return None;
        };
        let url = sides.into_iter().find_map(|side| self.host_read(side))?;
        Some((url, equal))
    }

    /// Whether `branch` (C/C++) reallocates or allocates a buffer with a size that
    /// names `var` (`realloc(ub->buf, ub->len + len)`): the buffer grows to take it.
    pub(super) fn grows_by(&self, branch: Node<'t>, var: &str) -> bool {
        if !matches!(self.language, Language::C | Language::Cpp) {
            return false;
        }
        let mut stack = vec![branch];
        while let Some(n) = stack.pop() {
            if classify(n, self.language) == Class::Call
                && self
                    .call_path(n)
                    .is_some_and(|p| p.len() == 1 && GROWING_ALLOCATORS.contains(&p[0].as_str()))
                && lang::call_parts(n)
                    .1
                    .iter()
                    .any(|a| self.node_with_key(*a, var).is_some())
            {
                return true;
            }
            let mut c = n.walk();
            stack.extend(n.named_children(&mut c));
        }
        false
    }

    /// `cond` without its parentheses and negations: the node inside, and whether an odd
    /// number of `not`/`!` was taken off.
    fn peel_condition(&self, cond: Node<'t>) -> Option<(Node<'t>, bool)> {
        let mut node = cond;
        let mut negated = false;
        loop {
            match node.kind() {
                "parenthesized_expression" | "condition_clause" => {
                    node = node.named_child(0)?;
                }
                _ if classify(node, self.language) == Class::Not => {
                    negated = !negated;
                    node = node
                        .child_by_field_name("argument")
                        .or_else(|| node.child_by_field_name("operand"))
                        .or_else(|| node.named_child(0))?;
                }
                _ => return Some((node, negated)),
            }
        }
    }

    /// `if sort:` in Python, `if (name)` in JavaScript: on the branch where the name is
    /// falsy it holds `None`, `""`, `0` or `undefined`, which carries no input into any
    /// sink (so `if sort: if sort not in COLUMNS: raise` leaves `sort` clean after both
    /// branches). Returns the name and the truth value of `cond` for which it is falsy.
    pub(super) fn falsy_name(
        &self,
        cond: Node<'t>,
    ) -> Option<(String, bool, Option<&'static [&'static str]>)> {
        if !matches!(
            self.language,
            Language::Python | Language::JavaScript | Language::TypeScript | Language::Tsx
        ) {
            return None;
        }
        let (node, falsy_when) = self.peel_condition(cond)?;
        (classify(node, self.language) == Class::Identifier)
            .then(|| self.key(node))
            .flatten()
            .map(|var| (var, falsy_when, None))
    }

    /// The last named operand of an addition (`a + 4 + len` → `len`), if `node` is one.
    fn last_addend(&self, node: Node<'t>) -> Option<Node<'t>> {
        let is_sum = node.kind() == "binary_expression"
            && node
                .child_by_field_name("operator")
                .is_some_and(|o| o.kind() == "+");
        if !is_sum {
            return None;
        }
        let right = node.child_by_field_name("right")?;
        if self.is_plain_name(right) {
            return Some(right);
        }
        self.last_addend(node.child_by_field_name("left")?)
    }

    /// The name a checked expression stands for, seen through wrappers that hand the value
    /// on unchanged — `[x][0]`, `({ v: x }).v`, `((v) => v)(x)`, a helper of the file whose
    /// body is `return v` — so that `ALLOWED.includes(pass(x))` checks `x`.
    pub(super) fn checked_name(&self, node: Node<'t>) -> Option<Node<'t>> {
        let mut current = node;
        for _ in 0..4 {
            match self.handed_on(current) {
                Some(inner) => current = inner,
                None => return self.is_plain_name(current).then_some(current),
            }
        }
        None
    }

    /// What a value-preserving wrapper wraps, one level.
    fn handed_on(&self, node: Node<'t>) -> Option<Node<'t>> {
        let unparenthesized = |n: Node<'t>| {
            let mut n = n;
            while n.kind() == "parenthesized_expression" {
                n = n.named_child(0)?;
            }
            Some(n)
        };
        match node.kind() {
            "parenthesized_expression" => node.named_child(0),
            // `[x][0]` / `[x][0]` in Python: the element at a literal index.
            "subscript_expression" | "subscript" => {
                let object = unparenthesized(
                    node.child_by_field_name("object")
                        .or_else(|| node.child_by_field_name("value"))?,
                )?;
                let index = node
                    .child_by_field_name("index")
                    .or_else(|| node.child_by_field_name("subscript"))?;
                match object.kind() {
                    "array" | "list" => {
                        let i: usize = self.text_of(index).parse().ok()?;
                        object.named_child(i)
                    }
                    "object" | "dictionary" => {
                        let key = self.text_of(index).trim_matches(['"', '\'']);
                        self.entry_value(object, key)
                    }
                    _ => None,
                }
            }
            // `({ value: x }).value`
            "member_expression" => {
                let object = unparenthesized(node.child_by_field_name("object")?)?;
                let property = self.text_of(node.child_by_field_name("property")?);
                (object.kind() == "object")
                    .then(|| self.entry_value(object, property))
                    .flatten()
            }
            "call_expression" | "call" => {
                let (callee, args) = lang::call_parts(node);
                let [arg] = args.as_slice() else { return None };
                let callee = unparenthesized(callee?)?;
                let returns_its_parameter = match callee.kind() {
                    "arrow_function" | "lambda" => {
                        let body = callee.child_by_field_name("body")?;
                        let params = self.parameter_names(callee);
                        params.len() == 1 && self.text_of(body) == params[0]
                    }
                    "identifier" => self
                        .top_level_function(node, self.text_of(callee))
                        .is_some_and(|def| self.returns_first_parameter(def)),
                    _ => false,
                };
                returns_its_parameter.then_some(*arg)
            }
            // Java: `pass(x)`, a method of the same class.
            "method_invocation" if node.child_by_field_name("object").is_none() => {
                let name = self.text_of(node.child_by_field_name("name")?);
                let args = node.child_by_field_name("arguments")?;
                let (1, Some(arg)) = (args.named_child_count(), args.named_child(0)) else {
                    return None;
                };
                self.enclosing_class_method(node, name)
                    .is_some_and(|def| self.returns_first_parameter(def))
                    .then_some(arg)
            }
            _ => None,
        }
    }

    /// The value of `key` in an object or dictionary literal.
    fn entry_value(&self, object: Node<'t>, key: &str) -> Option<Node<'t>> {
        let mut cursor = object.walk();
        object
            .named_children(&mut cursor)
            .filter(|pair| pair.kind() == "pair")
            .find(|pair| {
                pair.child_by_field_name("key")
                    .is_some_and(|k| self.text_of(k).trim_matches(['"', '\'']) == key)
            })
            .and_then(|pair| pair.child_by_field_name("value"))
    }

    /// A function whose whole body is `return p` for its only parameter `p`.
    fn returns_first_parameter(&self, def: Node<'t>) -> bool {
        let params = self.parameter_names(def);
        let Some(statements) = self.body_statements(def) else {
            return false;
        };
        let [only] = statements.as_slice() else {
            return false;
        };
        params.len() == 1
            && only.kind() == "return_statement"
            && only
                .named_child(0)
                .is_some_and(|v| self.text_of(v) == params[0])
    }

    pub(super) fn is_plain_name(&self, node: Node) -> bool {
        matches!(
            classify(node, self.language),
            Class::Identifier | Class::Member
        )
    }
}

/// Whether a function's name says it checks that its input is acceptable — it begins with
/// `validate`, `verify` or `ensure`, or one of its words is `valid`, `safe`, `allowed`,
/// `trusted`, `known` or `exists` (`is_llm_api_base_safe`, `verifyFileExists`,
/// `isAllowedHost`). Permission checks (`can_edit`, `has_access`, `checkPermission`) are
/// about who asks, not what was sent: not checks of the value.
fn is_input_check_name(name: &str) -> bool {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in name.chars() {
        if (c == '_' || c.is_uppercase()) && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        if c != '_' {
            current.push(c.to_ascii_lowercase());
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    let first_checks = words
        .first()
        .is_some_and(|w| matches!(w.as_str(), "validate" | "verify" | "ensure"));
    first_checks
        || words.iter().any(|w| {
            matches!(
                w.as_str(),
                "valid" | "safe" | "allowed" | "trusted" | "known" | "exists"
            )
        })
}
