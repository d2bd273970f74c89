//! Anti-unification of call sub-trees into one tree-sitter query with holes.
//!
//! Given the same-shaped call in every unsafe example (one node per example), the least
//! general generalization keeps what all of them share and puts a hole where they differ:
//!
//! - nodes of one kind are kept, field by field (`function:`, `object:`, `arguments:`);
//!   nodes of different kinds become the wildcard `(_)`;
//! - names in callee position (`os`, `system`, `Runtime`, `exec`) are kept as `#eq?`
//!   predicates when equal everywhere, `#any-of?` when they differ among a few;
//! - variables the examples declare (locals, parameters) are always holes: their names
//!   carry no meaning (the `rename-locals` mutation checks that);
//! - an argument whose text is the same in every example and is a short constant (`True`,
//!   `"-c"`, `0o777`, `yaml.Loader`) is kept with its text; any other argument is a hole,
//!   and the first argument that carries data (a variable, a call, a built string) is
//!   captured as `@input` — the value a taint kind is checked on;
//! - positional arguments up to the last kept one are anchored (`. (_) .`); Python keyword
//!   arguments present in every example are matched by name, in any position.

use std::collections::BTreeSet;

use tree_sitter::Node;

/// Node kinds that are literals for the generalization (their text is the value).
const LITERALS: &[&str] = &[
    "string",
    "string_literal",
    "interpreted_string_literal",
    "raw_string_literal",
    "template_string",
    "concatenated_string",
    "integer",
    "float",
    "number",
    "number_literal",
    "int_literal",
    "decimal_integer_literal",
    "octal_integer_literal",
    "hex_integer_literal",
    "true",
    "false",
    "none",
    "null",
    "null_literal",
    "undefined",
    "nil",
    "char_literal",
    "rune_literal",
];

/// Kinds of names.
const NAMES: &[&str] = &[
    "identifier",
    "property_identifier",
    "field_identifier",
    "type_identifier",
    "package_identifier",
    "scoped_identifier",
    "scoped_type_identifier",
];

/// Call kinds per grammar.
pub const CALLS: &[&str] = &[
    "call",
    "call_expression",
    "method_invocation",
    "object_creation_expression",
    "new_expression",
];

const MAX_CONSTANT_LEN: usize = 40;

/// One example's view: the node and the example's source and declared variables.
#[derive(Clone, Copy)]
pub struct Site<'t> {
    pub node: Node<'t>,
    pub src: &'t str,
    pub locals: &'t BTreeSet<String>,
    /// Names the example's imports bind (modules, imported functions and classes).
    pub modules: &'t BTreeSet<String>,
}

impl<'t> Site<'t> {
    fn text(&self) -> &'t str {
        self.src.get(self.node.byte_range()).unwrap_or("")
    }

    fn with(&self, node: Node<'t>) -> Site<'t> {
        Site { node, ..*self }
    }

    fn mentions_local(&self) -> bool {
        crate::mutate::descendants(self.node).into_iter().any(|n| {
            n.kind() == "identifier"
                && self
                    .locals
                    .contains(self.src.get(n.byte_range()).unwrap_or(""))
        })
    }
}

/// The query being written: captures are numbered, predicates gathered at the end.
#[derive(Debug, Default, Clone)]
pub struct QueryText {
    captures: usize,
    pub predicates: Vec<String>,
    /// Whether a data argument was captured as `@input`.
    pub has_input: bool,
    /// The kinds the unsafe examples' inputs had.
    pub input_kinds: BTreeSet<String>,
}

pub fn quote(text: &str) -> String {
    format!(
        "\"{}\"",
        text.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    )
}

impl QueryText {
    fn capture(&mut self) -> String {
        self.captures += 1;
        format!("@_c{}", self.captures)
    }

    /// `(kind) @_cN` with an `#eq?`/`#any-of?` on the texts.
    fn named(&mut self, kind: &str, texts: &BTreeSet<&str>) -> String {
        let capture = self.capture();
        let predicate = if texts.len() == 1 {
            format!(
                "(#eq? {capture} {})",
                quote(texts.iter().next().copied().unwrap_or(""))
            )
        } else {
            let alternatives: Vec<String> = texts.iter().map(|t| quote(t)).collect();
            format!("(#any-of? {capture} {})", alternatives.join(" "))
        };
        self.predicates.push(predicate);
        format!("({kind}) {capture}")
    }

    /// The generalization of one node per example, in callee position when `callee`.
    pub fn generalize(&mut self, sites: &[Site<'_>], callee: bool) -> String {
        let Some(first) = sites.first() else {
            return "(_)".to_owned();
        };
        let kind = first.node.kind();
        if sites.iter().any(|s| s.node.kind() != kind) {
            return "(_)".to_owned();
        }
        let texts: BTreeSet<&str> = sites.iter().map(|s| s.text()).collect();
        if NAMES.contains(&kind) {
            // A module bound to a name (`const vm = require("vm")`) is declared like a
            // variable but means the module.
            let is_variable = sites
                .iter()
                .any(|s| s.locals.contains(s.text()) && !s.modules.contains(s.text()));
            // A receiver is kept when it is a module or a class, not an object whose
            // name is the author's (`st`, `jdbcTemplate`).
            let receiver = sites.iter().any(|s| {
                matches!(
                    s.node.parent().map(|p| p.kind()),
                    Some(
                        "attribute"
                            | "member_expression"
                            | "selector_expression"
                            | "method_invocation"
                            | "field_access"
                    )
                ) && s.node.parent().and_then(|p| {
                    p.child_by_field_name("object")
                        .or_else(|| p.child_by_field_name("operand"))
                }) == Some(s.node)
                    && !s.modules.contains(s.text())
                    && !s.text().starts_with(|c: char| c.is_ascii_uppercase())
            });
            // A variable or an object is a hole of any kind: `c.execute(q)` and
            // `conn.cursor().execute(q)` are one shape.
            if receiver || (callee && is_variable) {
                return "(_)".to_owned();
            }
            if !callee || texts.len() > 3 {
                return format!("({kind})");
            }
            return self.named(kind, &texts);
        }
        if LITERALS.contains(&kind) || first.node.named_child_count() == 0 {
            let constant = texts.len() == 1 && texts.iter().all(|t| is_short_constant(t));
            return if constant {
                self.named(kind, &texts)
            } else {
                format!("({kind})")
            };
        }
        if CALLS.contains(&kind) {
            return self.call(sites);
        }
        let mut parts = Vec::new();
        let mut fields: Vec<&'static str> = Vec::new();
        let mut cursor = first.node.walk();
        if cursor.goto_first_child() {
            loop {
                if let Some(field) = cursor.field_name()
                    && cursor.node().is_named()
                    && !fields.contains(&field)
                {
                    fields.push(field);
                }
                if !cursor.goto_next_sibling() {
                    break;
                }
            }
        }
        for field in fields {
            let children: Option<Vec<Site<'_>>> = sites
                .iter()
                .map(|s| s.node.child_by_field_name(field).map(|n| s.with(n)))
                .collect();
            let Some(children) = children else { continue };
            let inner = self.generalize(&children, callee);
            if inner != "(_)" {
                parts.push(format!("{field}: {inner}"));
            }
        }
        if parts.is_empty() {
            format!("({kind})")
        } else {
            format!("({kind} {})", parts.join(" "))
        }
    }

    fn call(&mut self, sites: &[Site<'_>]) -> String {
        let Some(first) = sites.first() else {
            return "(_)".to_owned();
        };
        let kind = first.node.kind();
        // The arguments first: `@input` is this call's own data, not an inner call's.
        let arguments: Option<Vec<Site<'_>>> = sites
            .iter()
            .map(|s| s.node.child_by_field_name("arguments").map(|n| s.with(n)))
            .collect();
        let arguments = arguments.and_then(|a| self.arguments(&a));
        let mut parts = Vec::new();
        for field in ["function", "constructor", "object", "name", "type"] {
            let children: Option<Vec<Site<'_>>> = sites
                .iter()
                .map(|s| s.node.child_by_field_name(field).map(|n| s.with(n)))
                .collect();
            let Some(children) = children else { continue };
            let inner = self.generalize(&children, true);
            if inner != "(_)" {
                parts.push(format!("{field}: {inner}"));
            }
        }
        if let Some(args) = arguments {
            parts.push(format!("arguments: {args}"));
        }
        format!("({kind} {})", parts.join(" "))
    }

    /// A module's member passed as a constant (`ldap.SCOPE_SUBTREE`, `fs.constants`), as
    /// the member or the bare name an import by name leaves (`from ldap import
    /// SCOPE_SUBTREE`).
    fn module_member(&mut self, column: &[Site<'_>]) -> Option<String> {
        let first = column.first()?;
        let (member_kind, field, name_kind) = match first.node.kind() {
            "attribute" => ("attribute", "attribute", "identifier"),
            "member_expression" => ("member_expression", "property", "property_identifier"),
            _ => return None,
        };
        let object = first.node.child_by_field_name("object")?;
        let module = first.src.get(object.byte_range())?;
        if object.kind() != "identifier" || !column.iter().all(|s| s.modules.contains(module)) {
            return None;
        }
        let name = first
            .src
            .get(first.node.child_by_field_name(field)?.byte_range())?;
        let capture = self.capture();
        self.predicates
            .push(format!("(#eq? {capture} {})", quote(name)));
        Some(format!(
            "[({member_kind} {field}: ({name_kind}) {capture}) (identifier) {capture}]"
        ))
    }

    fn arguments<'t>(&mut self, lists: &[Site<'t>]) -> Option<String> {
        let first = lists.first()?;
        let list_kind = first.node.kind();
        let columns: Vec<Vec<Node<'t>>> = lists.iter().map(|s| children(s, false)).collect();
        let count = columns.iter().map(Vec::len).min().unwrap_or(0);
        let mut rendered: Vec<String> = Vec::new();
        let mut last_kept = None;
        for i in 0..count {
            let column: Vec<Site<'_>> = lists
                .iter()
                .zip(&columns)
                .filter_map(|(s, c)| c.get(i).map(|n| s.with(*n)))
                .collect();
            let texts: BTreeSet<&str> = column.iter().map(|s| s.text()).collect();
            let constant = texts.len() == 1
                && !column.iter().any(|s| s.mentions_local())
                && texts.iter().all(|t| is_short_constant(t));
            if constant {
                let member = self
                    .module_member(&column)
                    .unwrap_or_else(|| self.generalize(&column, true));
                rendered.push(member);
                last_kept = Some(i);
            } else if !self.has_input && carries_data(&column) {
                self.has_input = true;
                self.input_kinds
                    .extend(column.iter().map(|s| s.node.kind().to_owned()));
                rendered.push("(_) @input".to_owned());
                last_kept = Some(i);
            } else {
                rendered.push("(_)".to_owned());
            }
        }
        let mut inner = String::new();
        if let Some(last) = last_kept {
            inner.push_str(". ");
            inner.push_str(&rendered[..=last].join(" . "));
        }
        // Keyword arguments every example passes, by name.
        let first_keywords = children(first, true);
        for keyword in first_keywords {
            let Some(name) = keyword.child_by_field_name("name") else {
                continue;
            };
            let name_text = first.src.get(name.byte_range()).unwrap_or("");
            let values: Option<Vec<Site<'_>>> = lists
                .iter()
                .map(|s| {
                    children(s, true)
                        .into_iter()
                        .find(|k| {
                            k.child_by_field_name("name")
                                .is_some_and(|n| s.src.get(n.byte_range()) == Some(name_text))
                        })
                        .and_then(|k| k.child_by_field_name("value"))
                        .map(|v| s.with(v))
                })
                .collect();
            let Some(values) = values else { continue };
            let texts: BTreeSet<&str> = values.iter().map(|s| s.text()).collect();
            let constant = texts.len() == 1
                && !values.iter().any(|s| s.mentions_local())
                && texts.iter().all(|t| is_short_constant(t));
            if !constant {
                continue;
            }
            let value = self.generalize(&values, true);
            let capture = self.capture();
            self.predicates
                .push(format!("(#eq? {capture} {})", quote(name_text)));
            inner.push_str(&format!(
                " (keyword_argument name: (identifier) {capture} value: {value})"
            ));
        }
        if inner.trim().is_empty() {
            return None;
        }
        Some(format!("({list_kind} {})", inner.trim()))
    }
}

/// An argument list's positional arguments, or (with `keywords`) its keyword arguments.
fn children<'t>(s: &Site<'t>, keywords: bool) -> Vec<Node<'t>> {
    let mut cursor = s.node.walk();
    s.node
        .named_children(&mut cursor)
        .filter(|n| n.kind() != "comment" && (n.kind() == "keyword_argument") == keywords)
        .collect()
}

/// A literal short and simple enough to be the point of a rule rather than incidental
/// data: `True`, `"-c"`, `0o777`, `"MD5"`, `yaml.Loader`.
fn is_short_constant(text: &str) -> bool {
    text.len() <= MAX_CONSTANT_LEN
        && !text.contains(char::is_whitespace)
        && !text.contains(['{', '}', '$', '+'])
}

/// Whether the argument carries data in some example: a variable, a call, a built string.
fn carries_data(column: &[Site<'_>]) -> bool {
    column.iter().any(|s| {
        s.mentions_local()
            || !LITERALS.contains(&s.node.kind())
            || s.node
                .named_children(&mut s.node.walk())
                .any(|c| c.kind() == "interpolation")
    })
}
