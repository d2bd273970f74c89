//! Intra-procedural taint. The walker goes through one unit's statements in order with
//! an environment of variable values; branches are walked on copies and joined, constant
//! conditions pick their live branch, loops run twice, and a branch that exits after an
//! allow-list or validation check cleans the checked variable. When the walk reaches a
//! statement holding a sink's `@input`, that expression is evaluated in the current
//! environment: tainted, not sanitized for the sink's kind → a flow.

mod builders;
mod eval;
mod guards;
mod helpers;
pub(crate) mod lang;
mod middleware;
mod origin;
mod params;
mod summary;
mod value;

use std::ops::Range;
use std::rc::Rc;

use bluecode_constitutions::TaintModel;
use bluecode_syntax::Language;
use tree_sitter::Node;

use crate::aliases::ImportAliases;
use crate::context::Profile;
use crate::finding::TraceStep;
use crate::index::UnitFacts;
use lang::{Class, classify};
use summary::SummaryState;
pub(crate) use summary::{MAX_PARAMS, RawSummary, summarise};
use value::{Env, Lit, PERCENT_ENCODED, attributes_key, fold_binary, join_envs};
pub(crate) use value::{Taint, UNREAD_CHECK, UNREAD_SQL_BUILDER, Value};

/// Bounds recursion on adversarially deep input; deeper expressions count as clean.
const MAX_DEPTH: usize = 256;

/// A sink input to decide: the expression node and the sink kind.
pub(crate) struct SinkInput<'t> {
    pub node: Node<'t>,
    pub kind: String,
}

/// What both walks of a document's units read of the document: its language, the
/// language's taint model, its text, its explicit import aliases (collected once per
/// document by the query plan, not once per walked unit) and its threat model.
#[derive(Clone, Copy)]
pub(crate) struct WalkInputs<'a, 't> {
    pub language: Language,
    pub model: Option<&'a TaintModel>,
    pub text: &'a str,
    pub aliases: &'a ImportAliases,
    pub profile: Profile,
    pub lookups: &'a DocumentLookups<'t>,
}

/// What walks look up in the document outside their unit, kept for every walk of the
/// same document version: a summary walk asks at nearly every call (its parameters are
/// all tainted), and each walk finding them again climbed and scanned the whole tree.
#[derive(Default)]
pub(crate) struct DocumentLookups<'t> {
    /// Top-level functions of the file by name (`None`: no such function, or several).
    top_level_functions: std::cell::RefCell<std::collections::HashMap<String, Option<Node<'t>>>>,
    /// Whether a function (by node id) returns nothing but literals.
    literal_returns: std::cell::RefCell<std::collections::HashMap<usize, bool>>,
    /// Go package-level maps by name: whether each is a table of literals.
    go_literal_maps: std::cell::RefCell<std::collections::HashMap<String, bool>>,
    /// Functions (by node id) whose text names one of the model's `outbound_clients`:
    /// only there can a receiver have been made by one.
    outbound_functions: std::cell::RefCell<std::collections::HashMap<usize, bool>>,
}

/// Decides, for each sink input of one unit, whether tainted data reaches it. `facts` is
/// what the workspace index knows about the unit (callers' sources, callees' returns).
pub(crate) fn flows<'t>(
    document: &WalkInputs<'_, 't>,
    unit_node: Node<'t>,
    is_module: bool,
    nested: &[Range<usize>],
    inputs: &[SinkInput<'t>],
    facts: Option<&UnitFacts>,
) -> Vec<Option<Rc<Taint>>> {
    let mut walker = Walker::new(document, nested, inputs, facts);
    let mut env = Env::new();
    if is_module {
        walker.walk_children(unit_node, &mut env);
        walker.decide_unreached(&env);
    } else {
        walker.walk_function(unit_node, &mut env);
    }
    walker.results
}

/// The model of a walk with no taint model for its language: no sources, no sanitizers.
static NO_MODEL: std::sync::LazyLock<TaintModel> = std::sync::LazyLock::new(TaintModel::default);

struct Walker<'a, 't> {
    language: Language,
    model: &'a TaintModel,
    text: &'a str,
    nested: &'a [Range<usize>],
    inputs: &'a [SinkInput<'t>],
    results: Vec<Option<Rc<Taint>>>,
    evaluated: Vec<bool>,
    dead: Vec<Range<usize>>,
    depth: usize,
    /// Methods of the class around the walked unit by name, looked up once per walk.
    class_methods: std::cell::RefCell<std::collections::HashMap<String, Option<Node<'t>>>>,
    /// Helpers being evaluated; a recursive helper is not inlined again (it would only
    /// end at the depth limit, which reads as clean and would hide the flow).
    inlining: Vec<String>,
    /// Set while a validator helper's return expression is read: a helper that calls
    /// another helper (or itself) is not followed further.
    in_validator: std::cell::Cell<bool>,
    /// What the walks of this document looked up outside their units.
    lookups: &'a DocumentLookups<'t>,
    /// The threat model: which parameters and sources count.
    profile: Profile,
    /// Explicit import aliases: `request2` of `from flask import request as request2`
    /// reads as `request` in paths, as the un-aliased import would.
    aliases: &'a ImportAliases,
    /// What the workspace index knows about this unit (a reporting walk).
    facts: Option<&'a UnitFacts>,
    /// Set in a summarising walk: what it has collected so far.
    summary: Option<SummaryState>,
    /// C `strtok(NULL, …)` goes on splitting the string last given to `strtok`: its value.
    tokenized: Value,
    /// While a helper's body is walked for a call (`helper_result`): what it returns.
    helper_returns: Option<Vec<Value>>,
    /// Bytes of helper bodies this walk may still walk (`helpers::HELPER_WALK_BUDGET`).
    helper_budget: usize,
    /// The request expressions the route's middleware checked before this handler.
    route_checks: Vec<middleware::RouteCheck>,
    /// Locals last assigned a check's verdict, by name: what an `if not ok:` or `if bad:`
    /// on them checks.
    verdict_locals: std::collections::HashMap<String, VerdictLocal<'t>>,
}

/// What a local holding a check's verdict says.
enum VerdictLocal<'t> {
    /// `ok, reason = is_safe(url)`: the unread check's call (see `guards::unread_check`).
    UnreadCheck(Node<'t>),
    /// `bad = [c for c in cols if c not in ALLOWED]`: the list checked and what for (see
    /// `guards::rejected_list_check`).
    Rejected(String, Option<&'static [&'static str]>),
}

fn contains(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

impl<'a, 't> Walker<'a, 't> {
    fn new(
        document: &WalkInputs<'a, 't>,
        nested: &'a [Range<usize>],
        inputs: &'a [SinkInput<'t>],
        facts: Option<&'a UnitFacts>,
    ) -> Walker<'a, 't> {
        let WalkInputs {
            language,
            model,
            text,
            aliases,
            profile,
            lookups,
        } = *document;
        Walker {
            aliases,
            language,
            model: model.unwrap_or(&NO_MODEL),
            text,
            nested,
            inputs,
            results: vec![None; inputs.len()],
            evaluated: vec![false; inputs.len()],
            dead: Vec::new(),
            depth: 0,
            class_methods: Default::default(),
            inlining: Vec::new(),
            in_validator: std::cell::Cell::new(false),
            lookups,
            profile,
            facts,
            summary: None,
            tokenized: Value::Clean,
            helper_returns: None,
            helper_budget: helpers::HELPER_WALK_BUDGET,
            route_checks: Vec::new(),
            verdict_locals: Default::default(),
        }
    }

    /// Walks a function unit: module constants and parameters, then its body (an
    /// expression body is what the function returns).
    fn walk_function(&mut self, unit_node: Node<'t>, env: &mut Env) {
        self.route_checks = self.checks_before_handler(unit_node);
        self.seed_module_constants(unit_node, env);
        self.bind_parameters(unit_node, env);
        match unit_node.child_by_field_name("body") {
            Some(body) => {
                self.walk(body, env);
                if self.summarising() && !is_block(body) {
                    let v = self.eval(body, env);
                    if let Some(state) = self.summary.as_mut() {
                        state.returns_value = true;
                        state.returns = std::mem::take(&mut state.returns).join(v);
                    }
                }
            }
            None => {
                self.walk_children(unit_node, env);
            }
        };
        self.decide_unreached(env);
    }

    /// Inputs the walk never reached (inside constructs it does not model) are judged in
    /// the final environment; those in dead code stay clean.
    fn decide_unreached(&mut self, env: &Env) {
        for i in 0..self.inputs.len() {
            if !self.evaluated[i] && !self.is_dead(self.inputs[i].node.byte_range()) {
                self.decide(i, env);
            }
        }
    }
}

impl<'t> Walker<'_, 't> {
    fn text_of(&self, node: Node) -> &str {
        self.text.get(node.byte_range()).unwrap_or_default()
    }

    fn is_nested(&self, node: Node) -> bool {
        let r = node.byte_range();
        self.nested.iter().any(|n| contains(n, &r))
    }

    fn is_dead(&self, range: Range<usize>) -> bool {
        self.dead.iter().any(|d| contains(d, &range))
    }

    fn decide(&mut self, i: usize, env: &Env) {
        self.evaluated[i] = true;
        let input = &self.inputs[i];
        let value = self.eval(input.node, env);
        if let Some(t) = value.taint().filter(|t| t.reaches(&input.kind)) {
            let better = match &self.results[i] {
                Some(old) => t.strong && !old.strong,
                None => true,
            };
            let params = self.results[i].as_ref().map_or(0, |old| old.params) | t.params;
            if better {
                self.results[i] = Some(t.clone());
            }
            if let Some(kept) = self.results[i].as_mut().filter(|k| k.params != params) {
                Rc::make_mut(kept).params = params;
            }
        }
    }

    /// Judges the sink inputs inside `range` with the environment as it is now.
    fn decide_within(&mut self, range: Range<usize>, env: &Env) {
        for i in 0..self.inputs.len() {
            if contains(&range, &self.inputs[i].node.byte_range()) {
                self.decide(i, env);
            }
        }
    }

    // ---- statements -------------------------------------------------------------

    fn walk_children(&mut self, node: Node<'t>, env: &mut Env) -> bool {
        let mut cursor = node.walk();
        let children: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
        let mut exited = false;
        for child in children {
            if exited {
                self.dead.push(child.byte_range());
                continue;
            }
            exited = self.walk(child, env);
        }
        exited
    }

    /// The counter of Python's `for i, item in enumerate(items)` (`i`), if `target` and
    /// `iterable` are that shape.
    fn enumerate_counter(&self, target: Node<'t>, iterable: Node<'t>) -> Option<Node<'t>> {
        if self.language != Language::Python
            || !matches!(target.kind(), "pattern_list" | "tuple_pattern")
            || target.named_child_count() != 2
            || classify(iterable, self.language) != Class::Call
        {
            return None;
        }
        let callee = lang::call_parts(iterable).0?;
        (self.text_of(callee) == "enumerate")
            .then(|| target.named_child(0))
            .flatten()
            .filter(|c| classify(*c, self.language) == Class::Identifier)
    }

    /// Walks one statement; returns whether control certainly leaves the block here.
    fn walk(&mut self, node: Node<'t>, env: &mut Env) -> bool {
        if self.is_nested(node) || node.kind() == "comment" || self.depth > MAX_DEPTH {
            return false;
        }
        self.depth += 1;
        let exited = match classify(node, self.language) {
            Class::Scope => false,
            Class::If => self.walk_if(node, env),
            Class::ForEach => {
                if let Some((target, iterable)) = lang::foreach_parts(node) {
                    self.decide_within(iterable.byte_range(), env);
                    let v = self.eval(iterable, env);
                    let step = self.step(node, "iterated");
                    self.bind(target, v.clone(), step, env);
                    // `for i, item in enumerate(items)`: the counter is a number.
                    if let Some(counter) = self.enumerate_counter(target, iterable) {
                        self.bind(counter, Value::Clean, self.step(node, "counted"), env);
                    }
                }
                self.walk_loop_body(node, env);
                false
            }
            Class::Loop => {
                if let Some(cond) = node.child_by_field_name("condition") {
                    self.decide_within(cond.byte_range(), env);
                    self.apply_effects(cond, env);
                }
                self.walk_loop_body(node, env);
                false
            }
            Class::Exit => {
                self.decide_within(node.byte_range(), env);
                if node.kind() == "return_statement" {
                    self.record_return(node, env);
                    if self.helper_returns.is_some() {
                        let v = node
                            .named_child(0)
                            .filter(|n| n.kind() != "comment")
                            .map_or(Value::Clean, |n| self.eval(n, env));
                        if let Some(returns) = self.helper_returns.as_mut() {
                            returns.push(v);
                        }
                    }
                }
                true
            }
            _ if self.is_exit_call(node) => {
                self.decide_within(node.byte_range(), env);
                true
            }
            _ if is_try(node) => self.walk_try(node, env),
            _ if is_container(node) => self.walk_children(node, env),
            _ => {
                self.decide_within(node.byte_range(), env);
                self.apply_effects(node, env);
                false
            }
        };
        self.depth -= 1;
        exited
    }

    /// A statement that is only a call which never returns: Flask's `abort(404)`,
    /// `sys.exit(1)`, `process.exit(1)`.
    fn is_exit_call(&self, node: Node) -> bool {
        if node.kind() != "expression_statement" {
            return false;
        }
        let Some(call) = node
            .named_child(0)
            .filter(|c| classify(*c, self.language) == Class::Call)
        else {
            return false;
        };
        let Some(path) = self.call_path(call) else {
            return false;
        };
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        self.model.is_exit_call(&path)
    }

    /// The dotted path of a call's callee; Java's `a.b(x)` (a `method_invocation`) has no
    /// callee node, so its path is the invocation's own.
    fn call_path(&self, call: Node) -> Option<Vec<String>> {
        let (callee, _) = lang::call_parts(call);
        match callee {
            Some(c) => self.path(c),
            None if call.kind() == "method_invocation" => self.path(call),
            None => None,
        }
    }

    /// `try` / `except` / `else` / `finally`: the handlers run on copies of the
    /// environment (from anywhere in the body: the join of before and after it), and the
    /// statement exits only when the body and every handler do (or `finally` does). A
    /// handler that returns must not make the rest of the function dead code.
    fn walk_try(&mut self, node: Node<'t>, env: &mut Env) -> bool {
        let before = env.clone();
        let mut cursor = node.walk();
        let children: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
        let body = node.child_by_field_name("body");
        let mut body_exits = false;
        let mut handler_envs: Vec<Env> = Vec::new();
        let mut finally = None;
        for child in children {
            match child.kind() {
                _ if Some(child) == body => body_exits = self.walk(child, env),
                "except_clause" | "except_group_clause" | "catch_clause" => {
                    let mut handler_env = join_envs(before.clone(), env.clone());
                    if !self.walk(child, &mut handler_env) {
                        handler_envs.push(handler_env);
                    }
                }
                "else_clause" if !body_exits => body_exits = self.walk(child, env),
                "finally_clause" => finally = Some(child),
                "resource_specification" => {
                    self.walk_children(child, env);
                }
                _ => {}
            }
        }
        let mut exits = body_exits && handler_envs.is_empty();
        let mut joined: Option<Env> = (!body_exits).then(|| env.clone());
        for handler_env in handler_envs {
            joined = Some(match joined {
                Some(e) => join_envs(e, handler_env),
                None => handler_env,
            });
        }
        if let Some(e) = joined {
            *env = e;
        }
        if let Some(finally) = finally {
            exits |= self.walk(finally, env);
        }
        exits
    }

    fn walk_loop_body(&mut self, node: Node<'t>, env: &mut Env) {
        let Some(body) = node.child_by_field_name("body") else {
            return;
        };
        // Twice, so that values carried around the loop reach uses earlier in the body.
        for _ in 0..2 {
            let mut inner = env.clone();
            self.walk(body, &mut inner);
            *env = join_envs(env.clone(), inner);
        }
    }

    fn walk_if(&mut self, node: Node<'t>, env: &mut Env) -> bool {
        if let Some(init) = node.child_by_field_name("initializer") {
            self.walk(init, env);
        }
        let Some(cond) = node.child_by_field_name("condition") else {
            return self.walk_children(node, env);
        };
        // Calls and assignments inside the condition (`if ((n = read(fd, buf, sz)) < 0)`)
        // happen before either branch.
        self.decide_within(cond.byte_range(), env);
        self.apply_effects(cond, env);
        let consequence = node.child_by_field_name("consequence");
        let mut cursor = node.walk();
        let alternatives: Vec<Node<'t>> = node
            .children_by_field_name("alternative", &mut cursor)
            .collect();
        self.walk_branches(cond, consequence, &alternatives, env)
    }

    fn walk_branches(
        &mut self,
        cond: Node<'t>,
        consequence: Option<Node<'t>>,
        alternatives: &[Node<'t>],
        env: &mut Env,
    ) -> bool {
        self.decide_within(cond.byte_range(), env);
        let folded = self.eval(cond, env).truthiness();
        // `a >= b` between two names bounds both: the second check is the right side's;
        // where a bare name tests false it holds nothing.
        let mut validated: Vec<_> = self
            .validated_variable(cond)
            .into_iter()
            .chain(self.bounded_right_side(cond))
            .chain(self.host_checked_text(cond))
            .chain(self.falsy_name(cond))
            .chain(self.rejected_list_check(cond))
            .collect();
        // A check the analysis cannot read counts only where none it reads does.
        if let Some(unread) = self.unread_check(cond).filter(|(var, ..)| {
            !validated.iter().any(|(v, ..)| v == var)
                && env.get(var).is_some_and(|v| v.taint().is_some())
        }) {
            validated.push(unread);
        }

        let mut then_env = env.clone();
        for (var, _, kinds) in validated.iter().filter(|(_, valid_when, _)| *valid_when) {
            let v = self.validated_value(cond, env, var, *kinds);
            then_env.insert(var.clone(), v);
        }
        let then_exits = match consequence {
            Some(c) if folded == Some(false) => {
                self.dead.push(c.byte_range());
                false
            }
            Some(c) => self.walk(c, &mut then_env),
            None => false,
        };
        // `if (n > room) { buf = realloc(buf, cap + n); … }`: where the length did not
        // fit, the branch grew the buffer by it; past the branch it fits either way.
        if let Some(c) = consequence {
            for (var, _, kinds) in validated.iter().filter(|(_, valid_when, _)| !*valid_when) {
                if *kinds == Some(&["size"][..]) && self.grows_by(c, var) {
                    let v = self.validated_value(cond, env, var, *kinds);
                    then_env.insert(var.clone(), v);
                }
            }
        }

        let mut else_env = env.clone();
        // `if not valid(x): x = DEFAULT` — on the other path x passed the check.
        for (var, _, kinds) in validated.iter().filter(|(_, valid_when, _)| !*valid_when) {
            let v = self.validated_value(cond, env, var, *kinds);
            else_env.insert(var.clone(), v);
        }
        let else_exits = match alternatives.split_first() {
            None => false,
            Some((first, _)) if folded == Some(true) => {
                for alt in alternatives {
                    self.dead.push(alt.byte_range());
                }
                let _ = first;
                false
            }
            Some((first, rest)) => match first.kind() {
                "elif_clause" => match first.child_by_field_name("condition") {
                    Some(c) => self.walk_branches(
                        c,
                        first.child_by_field_name("consequence"),
                        rest,
                        &mut else_env,
                    ),
                    None => false,
                },
                "else_clause" => match first.child_by_field_name("body") {
                    Some(body) => self.walk(body, &mut else_env),
                    None => self.walk_children(*first, &mut else_env),
                },
                _ => self.walk(*first, &mut else_env),
            },
        };

        // A checked source path (`req.body.email`) has no entry before the check; the
        // branch that did not check it must not take the other's validated entry in the
        // join (a missing entry means "evaluate as usual", not "no value").
        let unchecked_elsewhere: Vec<String> = validated
            .iter()
            .filter(|(var, ..)| {
                !env.contains_key(var)
                    && (!then_env.contains_key(var) || !else_env.contains_key(var))
            })
            .map(|(var, ..)| var.clone())
            .collect();
        *env = match folded {
            Some(true) => then_env,
            Some(false) => else_env,
            None if then_exits && !else_exits => else_env,
            None if else_exits && !then_exits => then_env,
            None => {
                let mut joined = join_envs(then_env, else_env);
                for var in &unchecked_elsewhere {
                    joined.remove(var);
                }
                joined
            }
        };
        // `if x not in ALLOWED: return` — past the check, x is one of the allowed values.
        if then_exits && !else_exits {
            for (var, _, kinds) in validated
                .into_iter()
                .filter(|(_, valid_when, _)| !*valid_when)
            {
                let v = self.validated_value(cond, env, &var, kinds);
                env.insert(var, v);
            }
        }
        folded.map_or(then_exits && else_exits, |f| {
            if f { then_exits } else { else_exits }
        })
    }

    // ---- effects ----------------------------------------------------------------

    /// Applies the assignments and container mutations inside one simple statement, in
    /// source order, without entering nested functions.
    fn apply_effects(&mut self, node: Node<'t>, env: &mut Env) {
        let mut stack = vec![node];
        let mut ordered = Vec::new();
        while let Some(n) = stack.pop() {
            let class = classify(n, self.language);
            if class == Class::Scope || self.is_nested(n) {
                continue;
            }
            if matches!(
                class,
                Class::Assign | Class::AugAssign | Class::AsPattern | Class::Call
            ) || self.is_stream_extraction(n)
            {
                ordered.push((n, class));
            }
            let mut cursor = n.walk();
            let children: Vec<Node<'t>> = n.named_children(&mut cursor).collect();
            stack.extend(children.into_iter().rev());
        }
        let ordered_calls: Vec<(Node<'t>, Class)> = if self.summarising() {
            ordered.clone()
        } else {
            Vec::new()
        };
        // Inner assignments (`x = y = input()`) run before outer ones.
        for (n, class) in ordered.into_iter().rev() {
            match class {
                Class::Assign | Class::AugAssign => {
                    let Some((target, value)) = lang::assign_parts(n) else {
                        continue;
                    };
                    // Go's `a, b := x, y` binds pairwise.
                    if let Some(value) = value
                        && target.kind() == "expression_list"
                        && value.kind() == "expression_list"
                        && target.named_child_count() > 1
                        && target.named_child_count() == value.named_child_count()
                    {
                        let step = self.step(n, "assigned");
                        for i in 0..target.named_child_count() {
                            if let (Some(t), Some(e)) =
                                (target.named_child(i), value.named_child(i))
                            {
                                let v = self.eval(e, env);
                                self.bind(t, v, step.clone(), env);
                            }
                        }
                        continue;
                    }
                    self.note_verdict_local(target, value);
                    let mut v = value.map_or(Value::Clean, |v| self.eval(v, env));
                    v = self.built_apart_from_parameters(target, value, v, env);
                    if class == Class::AugAssign {
                        v = self.eval(target, env).join(v);
                    }
                    let step = self.step(n, "assigned");
                    self.bind(target, v, step.clone(), env);
                    if let Some(object) = value {
                        self.bind_literal_fields(target, object, &step, env);
                    }
                }
                Class::AsPattern => {
                    let (Some(value), Some(alias)) =
                        (n.named_child(0), n.child_by_field_name("alias"))
                    else {
                        continue;
                    };
                    let v = self.eval(value, env);
                    let step = self.step(n, "bound");
                    self.bind(alias, v, step, env);
                }
                Class::Binary => self.apply_extraction(n, env),
                _ => self.apply_mutation(n, env),
            }
        }
        // A summary records every call with its arguments' values, also those whose
        // value nobody uses (`run_query(q)` as a statement): outermost first, so that an
        // inner call is recorded by its outer one's evaluation and not evaluated again.
        if self.summarising() {
            for (n, class) in ordered_calls {
                if class == Class::Call && !self.recorded(n) {
                    self.eval(n, env);
                }
            }
        }
    }

    /// The outermost `a >> b >> c` of a C++ statement.
    fn is_stream_extraction(&self, node: Node) -> bool {
        self.language == Language::Cpp
            && node.kind() == "binary_expression"
            && node
                .child_by_field_name("operator")
                .is_some_and(|o| o.kind() == ">>")
            && !node.parent().is_some_and(|p| self.is_stream_extraction(p))
    }

    /// `std::cin >> a >> b`: every operand right of a source stream takes its taint.
    fn apply_extraction(&mut self, node: Node<'t>, env: &mut Env) {
        let mut targets = Vec::new();
        let mut current = node;
        while current.kind() == "binary_expression"
            && current
                .child_by_field_name("operator")
                .is_some_and(|o| o.kind() == ">>")
        {
            let (Some(left), Some(right)) = (
                current.child_by_field_name("left"),
                current.child_by_field_name("right"),
            ) else {
                return;
            };
            targets.push(right);
            current = left;
        }
        let Some(path) = self.path(current) else {
            return;
        };
        // `std::ifstream in(path); in >> name`: the stream's declared type is the source.
        let Some(v) = self.source_value(current, &path).or_else(|| {
            let ty = self.declared_cpp_type(current)?;
            self.source_value(current, &ty)
        }) else {
            return;
        };
        for t in targets.into_iter().rev() {
            let step = self.step(node, "read into");
            self.bind(t, v.clone(), step, env);
        }
    }

    /// `parts.append(x)`, `sb.append(x)`, `strcpy(buf, x)`: the container takes the
    /// argument's taint.
    fn apply_mutation(&mut self, call: Node<'t>, env: &mut Env) {
        let (callee, args) = lang::call_parts(call);
        let Some(path) = self.call_path(call) else {
            return;
        };
        let Some(name) = path.last() else { return };
        let refs: Vec<&str> = path.iter().map(String::as_str).collect();
        // C readers that fill a buffer argument (`fgets(buf, n, f)`, `read(fd, buf, n)`,
        // `scanf("%s", name)`, `std::getline(std::cin, line)`) taint what they write
        // into, when the taint model names them as a source.
        if let Some(outs) = lang::out_arguments(self.language, &refs, args.len())
            && let Some(v) = self.source_value(call, &path)
        {
            for arg in args.get(outs).unwrap_or_default() {
                let step = self.step(call, "read into");
                let base = lang::pointer_base(*arg);
                self.bind(base, v.clone(), step, env);
                if let Some(key) = self.key(base)
                    && let Some(Value::Tainted(t)) = env.get_mut(&key)
                {
                    Rc::make_mut(t).buffer = true;
                }
            }
            return;
        }
        // A sanitizer called for its effect on the receiver (`in.setObjectInputFilter(f)`)
        // makes the receiver safe for its kinds from here on.
        if call
            .parent()
            .is_some_and(|p| p.kind() == "expression_statement")
            && let Some(kinds) = self.sanitizer_kinds(&refs)
        {
            let kinds = kinds.to_vec();
            if let Some(r) = lang::call_receiver(call, callee).filter(|r| self.is_plain_name(*r))
                && let Some(key) = self.key(r)
            {
                let v = self.eval(r, env).sanitized_for(&kinds);
                env.insert(key, v);
            }
            return;
        }
        let receiver_methods = [
            "append",
            "extend",
            "add",
            "push",
            "insert",
            "put",
            "update",
            "write",
            "appendleft",
            "unshift",
            "setdefault",
            "addAll",
            "putAll",
            "set",
            "concat",
        ];
        let first_arg_functions = [
            "strcpy",
            "strncpy",
            "strcat",
            "strncat",
            "sprintf",
            "snprintf",
            "memcpy",
            "memmove",
            "vsprintf",
            "vsnprintf",
            "wcscpy",
            "wcscat",
            "stpcpy",
        ];
        let (target, sources): (Option<Node<'t>>, &[Node<'t>]) =
            if path.len() == 1 && first_arg_functions.contains(&name.as_str()) {
                match args.split_first() {
                    Some((first, rest)) => (Some(*first), rest),
                    None => return,
                }
            } else if receiver_methods.contains(&name.as_str()) {
                (lang::call_receiver(call, callee), &args[..])
            } else {
                return;
            };
        let Some(mut target) = target else { return };
        // A builder chain (`sb.append(a).append(b)`) adds to the chain's root.
        while classify(target, self.language) == Class::Call {
            let inner = self.call_path(target);
            if !inner.is_some_and(|p| {
                p.last()
                    .is_some_and(|n| receiver_methods.contains(&n.as_str()))
            }) {
                break;
            }
            let (inner_callee, _) = lang::call_parts(target);
            match lang::call_receiver(target, inner_callee) {
                Some(r) => target = r,
                None => break,
            }
        }
        let added = Value::join_all(sources.iter().map(|a| self.eval(*a, env)));
        if added.taint().is_none() {
            return;
        }
        let v = self.eval(target, env).join(added);
        let step = self.step(call, "added to a container");
        self.bind(target, v, step, env);
    }

    /// Binds a target (a name, a member path, a destructuring pattern) to a value.
    /// `cache = { body: text, key: req.query.v }`: each field of an object literal keeps
    /// its own value, so `cache.body` is the text and only `cache.key` is input (the
    /// whole `cache` still joins them all).
    fn bind_literal_fields(
        &mut self,
        target: Node<'t>,
        object: Node<'t>,
        step: &TraceStep,
        env: &mut Env,
    ) {
        if object.kind() != "object"
            || !matches!(
                self.language,
                Language::JavaScript | Language::TypeScript | Language::Tsx
            )
            || classify(target, self.language) != Class::Identifier
        {
            return;
        }
        let Some(name) = self.key(target) else {
            return;
        };
        let mut cursor = object.walk();
        let pairs: Vec<Node<'t>> = object
            .named_children(&mut cursor)
            .filter(|p| p.kind() == "pair")
            .collect();
        for pair in pairs {
            let (Some(key), Some(value)) = (
                pair.child_by_field_name("key"),
                pair.child_by_field_name("value"),
            ) else {
                continue;
            };
            if !matches!(key.kind(), "property_identifier" | "string") {
                continue;
            }
            let field = match key.kind() {
                "string" => literal_content(self.text_of(key)),
                _ => self.text_of(key).to_owned(),
            };
            let v = match self.eval(value, env) {
                Value::Tainted(t) => Value::Tainted(Rc::new(t.with_step(step.clone()))),
                other => other,
            };
            env.insert(format!("{name}.{field}"), v);
        }
    }

    fn bind(&mut self, target: Node<'t>, value: Value, step: TraceStep, env: &mut Env) {
        let value = match value {
            Value::Tainted(t) => Value::Tainted(Rc::new(Taint {
                buffer: false,
                ..t.with_step(step.clone())
            })),
            other => other,
        };
        match classify(target, self.language) {
            Class::Identifier | Class::Member => {
                if let Some(key) = self.key(target) {
                    // A new value replaces what was known of its fields (`x.body`). Fields
                    // are only recorded for a name already bound, so a first binding (the
                    // common case, on every keystroke's walk) skips the scan.
                    if env.contains_key(&key) {
                        env.retain(|k, _| {
                            !(k.len() > key.len()
                                && k.starts_with(key.as_str())
                                && k.as_bytes()[key.len()] == b'.')
                        });
                    }
                    env.insert(key, value);
                }
            }
            Class::Subscript => {
                // `d["k"] = v` taints the container `d`.
                let container = target
                    .child_by_field_name("value")
                    .or_else(|| target.child_by_field_name("object"))
                    .or_else(|| target.child_by_field_name("operand"))
                    .or_else(|| target.child_by_field_name("array"))
                    .or_else(|| target.child_by_field_name("argument"));
                if let Some(c) = container {
                    let before = self.eval(c, env);
                    let merged = before.clone().join(value);
                    if let Some(key) = self.key(c) {
                        // A Python dict's entries are not its attributes: `watch.data_dir`
                        // after `watch["intent"] = v` reads what `watch` held before.
                        if self.language == Language::Python {
                            env.entry(attributes_key(&key)).or_insert(before);
                        }
                        env.insert(key, merged);
                    }
                }
            }
            _ => {
                // Declarators (`*p`, `buf[10]`), tuples and patterns: every name inside.
                let mut stack = vec![target];
                while let Some(n) = stack.pop() {
                    match classify(n, self.language) {
                        Class::Identifier => {
                            if let Some(key) = self.key(n) {
                                env.insert(key, value.clone());
                            }
                        }
                        Class::Scope => {}
                        _ => {
                            // Skip default values and types inside patterns.
                            let mut cursor = n.walk();
                            for (i, child) in n.named_children(&mut cursor).enumerate() {
                                let field = n.field_name_for_named_child(i as u32);
                                // `{key: name}` binds `name`, not `key`; `value` of a
                                // pair pattern is the bound name, not a default.
                                let bound_value =
                                    n.kind() == "pair_pattern" && field == Some("value");
                                if bound_value
                                    || !matches!(
                                        field,
                                        Some("value" | "type" | "size" | "right" | "key")
                                    )
                                {
                                    stack.push(child);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    fn step(&self, node: Node, what: &str) -> TraceStep {
        let snippet: String = self.text_of(node).chars().take(60).collect();
        let snippet = snippet.split('\n').next().unwrap_or_default();
        TraceStep::here(node.byte_range(), format!("{what}: `{}`", snippet.trim()))
    }

    // ---- expressions ------------------------------------------------------------

    /// The environment key of a name or member path (`x`, `self.cmd`).
    fn key(&self, node: Node) -> Option<String> {
        self.path(node).map(|p| p.join("."))
    }

    /// The dotted path of a name expression: `request.args.get`, `r.URL.Query.Get`,
    /// `std.getenv`. Calls and subscripts in the chain are looked through.
    fn path(&self, node: Node) -> Option<Vec<String>> {
        let mut segments = Vec::new();
        let mut current = node;
        for _ in 0..32 {
            match classify(current, self.language) {
                Class::Identifier => {
                    let name = self.text_of(current);
                    let name = self.aliases.resolve(name.as_bytes()).unwrap_or(name);
                    segments.push(name.to_owned());
                    segments.reverse();
                    return Some(segments);
                }
                Class::Member => {
                    if matches!(current.kind(), "qualified_identifier" | "scoped_identifier") {
                        let text = self.text_of(current).replace(char::is_whitespace, "");
                        let mut own: Vec<String> = text
                            .split("::")
                            .filter(|s| !s.is_empty())
                            .map(str::to_owned)
                            .collect();
                        own.extend(segments.into_iter().rev());
                        return Some(own);
                    }
                    segments.push(self.text_of(lang::member_name(current)?).to_owned());
                    current = lang::member_object(current)?;
                }
                Class::Call => {
                    let (callee, _) = lang::call_parts(current);
                    if current.kind() == "method_invocation" {
                        segments.push(
                            self.text_of(current.child_by_field_name("name")?)
                                .to_owned(),
                        );
                        match current.child_by_field_name("object") {
                            Some(o) => current = o,
                            None => {
                                segments.reverse();
                                return Some(segments);
                            }
                        }
                    } else {
                        current = callee?;
                    }
                }
                Class::Subscript => {
                    current = current
                        .child_by_field_name("value")
                        .or_else(|| current.child_by_field_name("object"))
                        .or_else(|| current.child_by_field_name("operand"))
                        .or_else(|| current.child_by_field_name("array"))
                        .or_else(|| current.child_by_field_name("argument"))?;
                }
                _ if current.kind() == "parenthesized_expression" => {
                    current = current.named_child(0)?;
                }
                _ => return None,
            }
        }
        None
    }

    /// The hand-written regex escape: `s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")` —
    /// a regex literal holding the metacharacters, replaced by themselves escaped.
    fn is_regex_escape(&self, path: &[&str], args: &[Node]) -> bool {
        let [.., "replace" | "replaceAll"] = path else {
            return false;
        };
        let [pattern, replacement] = args else {
            return false;
        };
        let pattern_text = self.text_of(*pattern);
        pattern.kind() == "regex"
            && ["*", "+", "?", "(", "["]
                .iter()
                .all(|c| pattern_text.contains(c))
            && self.text_of(*replacement).contains("$&")
    }

    fn is_server_side(&self, path: &[String]) -> bool {
        let refs: Vec<&str> = path.iter().map(String::as_str).collect();
        self.model.is_server_side(&refs)
    }

    /// The source rule for `path` in this walk's threat model.
    fn source_rule(&self, refs: &[&str]) -> Option<&bluecode_constitutions::SourceRule> {
        let local = self.profile.local_sources();
        self.qualified(refs)
            .and_then(|q| {
                let q: Vec<&str> = q.iter().map(String::as_str).collect();
                self.model.source_in_profile(&q, local)
            })
            .or_else(|| self.model.source_in_profile(refs, local))
    }

    /// The kinds a sanitizer at `refs` makes a value safe for, reading a name imported
    /// from a module as the module's (`from re import escape`: `re.escape`) first.
    fn sanitizer_kinds(&self, refs: &[&str]) -> Option<&[String]> {
        self.qualified(refs)
            .and_then(|q| {
                let q: Vec<&str> = q.iter().map(String::as_str).collect();
                self.model.sanitizer_kinds(&q)
            })
            .or_else(|| self.model.sanitizer_kinds(refs))
    }

    /// `refs` with the module its first name was imported from in front (`from sys import
    /// argv`: `argv[1]` is `sys.argv`), if it was imported that way.
    fn qualified(&self, refs: &[&str]) -> Option<Vec<String>> {
        let module = self.aliases.module_of(refs.first()?)?;
        Some(
            module
                .split('.')
                .chain(refs.iter().copied())
                .map(str::to_owned)
                .collect(),
        )
    }

    /// A source rule starting with `**` (`**.recv`) names a method on any receiver, so a
    /// local variable as the root does not hide it.
    fn floating_source(&self, path: &[String]) -> bool {
        let refs: Vec<&str> = path.iter().map(String::as_str).collect();
        self.source_rule(&refs)
            .is_some_and(|r| r.path.first().is_some_and(|s| s == "**"))
    }

    /// Whether the source rule matching `path` names its last segment (`getParameter`
    /// for `req.getParameter`), rather than only a prefix of it.
    fn source_ends_at(&self, path: &[String]) -> bool {
        let refs: Vec<&str> = path.iter().map(String::as_str).collect();
        self.source_rule(&refs).is_some_and(|r| {
            r.path
                .last()
                .is_some_and(|l| l == "*" || Some(l) == path.last())
        })
    }

    fn source_value(&self, node: Node<'t>, path: &[String]) -> Option<Value> {
        let refs: Vec<&str> = path.iter().map(String::as_str).collect();
        let rule = self.source_rule(&refs)?;
        if path.len() > 1 && self.reads_outbound_client(node) {
            return None;
        }
        if !self.profile.local_sources() && self.reads_local_file(node) {
            return None;
        }
        let trace = vec![TraceStep::here(
            node.byte_range(),
            format!("source: {}", rule.label),
        )];
        Some(Value::Tainted(Rc::new(Taint {
            descriptor_params: self.descriptor_parameter(node),
            ..Taint::new(trace, true)
        })))
    }
}

/// Whether a function name says it returns a verdict about its arguments
/// (`validateFile`, `is_allowed`, `checkAccess`, `has_permission`), not data made from them.
fn is_verdict_name(name: &str) -> bool {
    if matches!(name, "check_output" | "check_call" | "checkout") {
        return false;
    }
    ["validate", "verify", "check", "is", "has", "can", "should"]
        .iter()
        .any(|prefix| {
            name.strip_prefix(prefix).is_some_and(|rest| {
                rest.starts_with('_') || rest.chars().next().is_some_and(char::is_uppercase)
            })
        })
}

/// The root of the tree `node` is in.
fn file_root(node: Node) -> Node {
    let mut root = node;
    while let Some(p) = root.parent() {
        root = p;
    }
    root
}

/// Whether a replacement pattern (its source text) matches CR or LF: `\n`, `\r`, a control
/// range from NUL (`\x00-\x1f`, `\u0000-\u001F`), or the control class (`\p{Cntrl}`,
/// `[[:cntrl:]]`, `\p{Cc}`).
fn replaces_line_breaks(pattern: &str) -> bool {
    let p = pattern.to_ascii_lowercase();
    p.contains("\\n")
        || p.contains("\\r")
        || p.contains("\\x00-")
        || p.contains("\\u0000-")
        || p.contains("\\x0a")
        || p.contains("\\u000a")
        || p.contains("\\p{cntrl}")
        || p.contains("\\p{cc}")
        || p.contains("[:cntrl:]")
}

/// `ALLOWED_HOSTS`, `RETURN_PAGES`: an upper-case name, by convention a constant.
fn is_constant_name(name: &str) -> bool {
    name.len() >= 2
        && name.starts_with(|c: char| c.is_ascii_uppercase() || c == '_')
        && name.chars().any(|c| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// Whether a path starting at `root` may be a taint-model source: the name is not a
/// local variable, or it is a parameter still holding its (weak) parameter taint — so a
/// handler's `req.query` / `request.GET` is request data, not just "a parameter".
fn source_root(env: &Env, root: &str) -> bool {
    match env.get(root) {
        None => true,
        Some(Value::Tainted(t)) => {
            !t.strong
                && t.trace
                    .first()
                    .is_some_and(|s| s.label.starts_with("parameter "))
        }
        Some(_) => false,
    }
}

fn clean_unless_tainted(v: Value) -> Value {
    match v {
        Value::Tainted(t) => Value::Tainted(t),
        _ => Value::Clean,
    }
}

/// A string literal's content without quotes or prefixes (good enough for folding
/// equality tests on plain literals).
fn literal_content(text: &str) -> String {
    let trimmed = text.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let quote_len = if trimmed.starts_with("\"\"\"") || trimmed.starts_with("'''") {
        3
    } else {
        1
    };
    // `get`: the text may not be a quoted literal at all (a name, `À`), and slicing
    // inside a character must not panic.
    trimmed
        .len()
        .checked_sub(quote_len)
        .filter(|end| *end >= quote_len)
        .and_then(|end| trimmed.get(quote_len..end))
        .map(str::to_owned)
        .unwrap_or_default()
}

/// Statements that hold other statements (blocks, try, with, else clauses, switch
/// cases) are walked child by child; anything else is one simple statement.
fn is_try(node: Node) -> bool {
    matches!(
        node.kind(),
        "try_statement" | "try_with_resources_statement"
    )
}

/// A statement block (a function's body that is not an expression).
fn is_block(node: Node) -> bool {
    matches!(
        node.kind(),
        "block" | "statement_block" | "compound_statement" | "constructor_body"
    )
}

fn is_container(node: Node) -> bool {
    let mut cursor = node.walk();
    let found = node.named_children(&mut cursor).any(|c| {
        let k = c.kind();
        k.ends_with("statement")
            || k.ends_with("block")
            || k.ends_with("clause")
            || k.ends_with("definition")
            || k == "short_var_declaration"
            || k == "statement_list"
            || k == "local_variable_declaration"
            || k == "lexical_declaration"
            || k == "variable_declaration"
            || k == "declaration"
            || k == "var_declaration"
            || k == "compound_statement"
            || k == "statement_block"
            || k == "switch_body"
            || k == "switch_block"
            || k == "case_statement"
            || k == "expression_case"
            || k == "default_case"
    });
    found && !matches!(node.kind(), "expression_statement" | "with_clause")
}
