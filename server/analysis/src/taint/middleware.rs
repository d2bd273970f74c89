//! Route middleware that runs before a handler (`router.get(path, check, handler)` in
//! Express and the routers built like it): a guard in it that leaves without calling
//! `next` when a request value fails a check validates that value for the handler, which
//! only runs when every middleware before it passed the request on. The handler's read
//! of the same request expression (`req.params.kind`,
//! `req.params.resource.replace(/-\d+$/, '')`) is the checked value.

use super::helpers::guard_return;
use super::*;

/// A request expression a middleware of the route checked, as text without whitespace,
/// spelled with the handler's own request parameter; the kinds it is safe for (`None`:
/// every kind).
#[derive(Debug, Clone)]
pub(super) struct RouteCheck {
    text: String,
    kinds: Option<&'static [&'static str]>,
}

fn without_whitespace(text: &str) -> String {
    text.split_whitespace().collect()
}

impl<'t> Walker<'_, 't> {
    /// The request expressions the middleware placed before `handler` in its route
    /// registration check (functions written inline or named in an enclosing scope).
    pub(super) fn checks_before_handler(&self, handler: Node<'t>) -> Vec<RouteCheck> {
        if !matches!(
            self.language,
            Language::JavaScript | Language::TypeScript | Language::Tsx
        ) {
            return Vec::new();
        }
        let Some(arguments) = handler.parent().filter(|p| p.kind() == "arguments") else {
            return Vec::new();
        };
        let Some(request) = self.parameter_names(handler).into_iter().next() else {
            return Vec::new();
        };
        let mut checks = Vec::new();
        let mut cursor = arguments.walk();
        for argument in arguments.named_children(&mut cursor) {
            if argument.id() == handler.id() {
                break;
            }
            let middleware = match argument.kind() {
                "identifier" => self.enclosing_function_named(argument, self.text_of(argument)),
                "function_expression" | "arrow_function" | "function" => Some(argument),
                _ => None,
            };
            if let Some(middleware) = middleware {
                checks.extend(self.middleware_checks(middleware, &request));
            }
        }
        checks
    }

    /// The guards at the top of a middleware's body that leave (`return res.sendStatus(404)`,
    /// not `return next()`) when a value read from its request fails a check.
    fn middleware_checks(&self, middleware: Node<'t>, request: &str) -> Vec<RouteCheck> {
        let params = self.parameter_names(middleware);
        let (Some(own_request), Some(next)) = (params.first(), params.get(2)) else {
            return Vec::new();
        };
        let Some(body) = middleware
            .child_by_field_name("body")
            .filter(|b| b.kind() == "statement_block")
        else {
            return Vec::new();
        };
        let mut checks = Vec::new();
        let mut cursor = body.walk();
        for statement in body.named_children(&mut cursor) {
            let Some(returned) = guard_return(statement) else {
                continue;
            };
            let continues = returned.is_some_and(|r| {
                classify(r, self.language) == Class::Call
                    && self
                        .call_path(r)
                        .is_some_and(|p| p.len() == 1 && p[0] == *next)
            });
            let Some(cond) = statement.child_by_field_name("condition") else {
                continue;
            };
            let Some((var, valid_when, kinds)) = self.validated_variable(cond) else {
                continue;
            };
            if continues || valid_when {
                continue;
            }
            let Some(checked) = self.node_with_key(cond, &var) else {
                continue;
            };
            let expression = if classify(checked, self.language) == Class::Identifier {
                match self.last_initializer(checked) {
                    Some(init) => init,
                    None => continue,
                }
            } else {
                checked
            };
            let text = without_whitespace(self.text_of(expression));
            let Some(rest) = text
                .strip_prefix(own_request.as_str())
                .filter(|r| r.starts_with('.'))
            else {
                continue;
            };
            checks.push(RouteCheck {
                text: format!("{request}{rest}"),
                kinds,
            });
        }
        checks
    }

    /// A function bound to `name` in a scope enclosing `anchor`: `function name(…)` or
    /// `const name = function (…) {…}` / an arrow function.
    fn enclosing_function_named(&self, anchor: Node<'t>, name: &str) -> Option<Node<'t>> {
        let mut scope = anchor.parent();
        while let Some(s) = scope {
            if matches!(s.kind(), "statement_block" | "program") {
                let mut cursor = s.walk();
                for statement in s.named_children(&mut cursor) {
                    if let Some(found) = self.function_bound_to(statement, name) {
                        return Some(found);
                    }
                }
            }
            scope = s.parent();
        }
        None
    }

    fn function_bound_to(&self, statement: Node<'t>, name: &str) -> Option<Node<'t>> {
        let named = |n: Node| {
            n.child_by_field_name("name")
                .is_some_and(|id| self.text_of(id) == name)
        };
        match statement.kind() {
            "function_declaration" if named(statement) => Some(statement),
            "lexical_declaration" | "variable_declaration" => {
                let mut cursor = statement.walk();
                statement
                    .named_children(&mut cursor)
                    .filter(|d| d.kind() == "variable_declarator" && named(*d))
                    .find_map(|d| d.child_by_field_name("value"))
                    .filter(|v| {
                        matches!(
                            v.kind(),
                            "function_expression" | "arrow_function" | "function"
                        )
                    })
            }
            _ => None,
        }
    }

    /// What the route's middleware checked of `node`'s expression, if it checked it:
    /// `Some(None)` for every kind.
    pub(super) fn route_checked(&self, node: Node<'t>) -> Option<Option<&'static [&'static str]>> {
        let text = without_whitespace(self.text_of(node));
        self.route_checks
            .iter()
            .find(|c| c.text == text)
            .map(|c| c.kinds)
    }
}
