//! Moves that pass a value through something that returns it unchanged: a helper function
//! of the file (`through-helper`), a lambda called in place (`through-lambda`), a
//! one-element list (`through-list`) or a one-entry dict/object (`through-dict`). They
//! apply to every argument that is one of the example's own variables.

use tree_sitter::Node;

use super::Family;
use super::edit::{Edits, descendants, field_name, fresh_name, text};
use super::names::declared_locals;

/// How the value is routed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Helper,
    Lambda,
    List,
    Dict,
}

/// The identifier arguments of calls that name a declared variable.
fn variable_arguments<'t>(family: Family, root: Node<'t>, src: &str) -> Vec<Node<'t>> {
    let locals = declared_locals(family, root, src);
    descendants(root)
        .into_iter()
        .filter(|n| n.kind() == "identifier" && locals.contains(text(*n, src)))
        .filter(|n| {
            let Some(parent) = n.parent() else {
                return false;
            };
            let operand = matches!(parent.kind(), "binary_operator" | "binary_expression");
            let in_args = matches!(parent.kind(), "argument_list" | "arguments");
            let keyword_value =
                parent.kind() == "keyword_argument" && field_name(*n) == Some("value");
            let call = if keyword_value {
                parent.parent().and_then(|p| p.parent())
            } else {
                parent.parent()
            };
            operand
                || (in_args || keyword_value)
                    && call.is_some_and(|c| {
                        c.child_by_field_name("function")
                            .is_none_or(|f| !matches!(text(f, src), "require" | "super" | "sizeof"))
                    })
        })
        .collect()
}

pub fn route(family: Family, root: Node<'_>, src: &str, how: Route) -> Edits {
    let mut edits = Edits::default();
    let arguments = variable_arguments(family, root, src);
    if arguments.is_empty() {
        return edits;
    }
    match how {
        Route::Helper => {
            let (name, definition, at_start) = match family {
                Family::Python => {
                    let name = fresh_name("_bc_pass", src);
                    let def = format!("\n\ndef {name}(value):\n    return value\n");
                    (name, def, false)
                }
                Family::JavaScript => {
                    let name = fresh_name("bcPass", src);
                    let def = format!("\nfunction {name}(value) {{\n  return value;\n}}\n");
                    (name, def, false)
                }
                Family::Go => {
                    let name = fresh_name("bcPass", src);
                    let def = format!("\nfunc {name}[T any](value T) T {{\n\treturn value\n}}\n");
                    (name, def, false)
                }
                Family::Java => {
                    let name = fresh_name("bcPass", src);
                    let def =
                        format!("\n    private static <T> T {name}(T value) {{ return value; }}\n");
                    (name, def, true)
                }
                Family::C => {
                    let name = fresh_name("BC_PASS", src);
                    (name.clone(), format!("#define {name}(x) (x)\n"), true)
                }
            };
            if family == Family::Java {
                // A static method of the first top-level class; only calls inside it.
                let Some(body) = descendants(root)
                    .into_iter()
                    .find(|n| n.kind() == "class_body")
                else {
                    return edits;
                };
                edits.insert(body.start_byte() + 1, definition);
                for arg in arguments
                    .iter()
                    .filter(|a| body.byte_range().contains(&a.start_byte()))
                {
                    edits.replace(arg.byte_range(), format!("{name}({})", text(*arg, src)));
                }
                return edits;
            }
            if at_start {
                edits.insert(0, definition);
            } else {
                let end = src.len();
                edits.insert(end, definition);
            }
            for arg in &arguments {
                edits.replace(arg.byte_range(), format!("{name}({})", text(*arg, src)));
            }
        }
        Route::Lambda | Route::List | Route::Dict => {
            for arg in &arguments {
                let t = text(*arg, src);
                let routed = match (family, how) {
                    (Family::Python, Route::Lambda) => format!("(lambda value: value)({t})"),
                    (Family::JavaScript, Route::Lambda) => format!("((value) => value)({t})"),
                    (Family::Python | Family::JavaScript, Route::List) => format!("[{t}][0]"),
                    (Family::Python, Route::Dict) => format!("{{\"value\": {t}}}[\"value\"]"),
                    (Family::JavaScript, Route::Dict) => format!("({{ value: {t} }}).value"),
                    _ => return edits,
                };
                edits.replace(arg.byte_range(), routed);
            }
        }
    }
    edits
}
