//! A query the project's own builder returned beside its bound parameters
//! (`where, params = filters.build_where_clauses(table)`, Go's `query, args, err :=
//! b.ToSql()`): the builder's contract is that values travel in the parameters and the
//! text holds only what it wrote. The analysis cannot read the builder (it is a method of
//! an object the function holds, defined in another file), so the text is marked
//! [`UNREAD_SQL_BUILDER`]: an SQL flow through it is still reported, at low confidence —
//! like a check the project wrote that the analysis cannot read (`guards::unread_check`).

use std::rc::Rc;

use tree_sitter::Node;

use super::lang::{self, Class, classify};
use super::value::{Env, UNREAD_SQL_BUILDER, Value};
use super::{TraceStep, Walker};

/// Last words of a name that holds a query's bound parameters.
const PARAMETER_WORDS: [&str; 6] = [
    "params",
    "parameters",
    "args",
    "arguments",
    "binds",
    "bindings",
];

impl<'t> Walker<'_, 't> {
    /// `value` marked as built apart from its parameters when `target = value` is
    /// `text, params = holder.build(…)` (Go: `text, args, err := …`) with `holder` a name
    /// this function binds (or `self`/`this`) and `build` defined nowhere in this file.
    pub(super) fn built_apart_from_parameters(
        &self,
        target: Node<'t>,
        value: Option<Node<'t>>,
        computed: Value,
        env: &Env,
    ) -> Value {
        let Value::Tainted(t) = &computed else {
            return computed;
        };
        if t.sanitized.iter().any(|k| k == UNREAD_SQL_BUILDER)
            || !self.names_text_and_parameters(target)
        {
            return computed;
        }
        // Go's right-hand side is a list, of one call here.
        let single = |v: Node<'t>| match v.kind() {
            "expression_list" if v.named_child_count() == 1 => v.named_child(0),
            _ => Some(v),
        };
        let Some(call) = value
            .and_then(single)
            .map(lang::unwrapped)
            .filter(|c| self.is_unread_builder_call(*c, env))
        else {
            return computed;
        };
        let snippet: String = self.text_of(call).chars().take(60).collect();
        let step = TraceStep::here(
            call.byte_range(),
            format!(
                "built apart from its bound parameters by `{}`, which bluecode cannot read",
                snippet.split('\n').next().unwrap_or_default().trim()
            ),
        );
        Value::Tainted(Rc::new(t.with_step(step))).sanitized_for(&[UNREAD_SQL_BUILDER.to_owned()])
    }

    /// `text, params` (Go: also a trailing `err`): plain names, the second named for
    /// bound parameters.
    fn names_text_and_parameters(&self, target: Node<'t>) -> bool {
        if !matches!(
            target.kind(),
            "pattern_list" | "tuple_pattern" | "expression_list"
        ) {
            return false;
        }
        let mut cursor = target.walk();
        let names: Vec<Node<'t>> = target.named_children(&mut cursor).collect();
        let plain = names
            .iter()
            .all(|n| classify(*n, self.language) == Class::Identifier);
        let trailing_error =
            names.len() == 3 && names.get(2).is_some_and(|n| self.text_of(*n) == "err");
        plain
            && (names.len() == 2 || trailing_error)
            && names
                .get(1)
                .is_some_and(|n| names_parameters(self.text_of(*n)))
    }

    /// A method call on a name this function binds (or `self`/`this`) whose method this
    /// file does not define.
    fn is_unread_builder_call(&self, call: Node<'t>, env: &Env) -> bool {
        if classify(call, self.language) != Class::Call {
            return false;
        }
        let Some(path) = self.call_path(call) else {
            return false;
        };
        let [holder, .., method] = path.as_slice() else {
            return false;
        };
        let held = matches!(holder.as_str(), "self" | "this") || env.contains_key(holder);
        held && self.enclosing_class_method(call, method).is_none()
            && self.top_level_function(call, method).is_none()
    }
}

/// Whether a local's name says it holds bound parameters (`params`, `query_args`,
/// `bindParams`): its last word, in snake or camel case.
fn names_parameters(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    PARAMETER_WORDS.iter().any(|w| {
        let camel_start = name.len().saturating_sub(w.len());
        lower == *w
            || lower.ends_with(&format!("_{w}"))
            || (lower.ends_with(w)
                && name
                    .get(camel_start..)
                    .is_some_and(|tail| tail.starts_with(|c: char| c.is_ascii_uppercase())))
    })
}

#[cfg(test)]
mod tests {
    use super::names_parameters;

    #[test]
    fn a_parameters_name_is_its_last_word() {
        for name in [
            "params",
            "sql_params",
            "queryParams",
            "args",
            "bindings",
            "Params",
        ] {
            assert!(names_parameters(name), "{name}");
        }
        for name in ["order", "paramsfile", "sparams", "targs", "reason", "where"] {
            assert!(!names_parameters(name), "{name}");
        }
    }
}
