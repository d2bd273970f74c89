//! What a Go, Java or C/C++ file declares for the workspace index. Go: the `package`
//! clause, imports (local name → import path), each method's unit id under
//! `Receiver.Method` (a Go unit id names the method only), and the type each function's
//! first result names (a constructor's). Java: the `package`
//! declaration and single-type imports (`import a.b.C;` binds `C`). C/C++: the
//! non-`static` function definitions, the only ones another translation unit can call.

use bluecode_syntax::Unit;
use tree_sitter::Node;

use super::module::{Import, ModuleFacts};

fn text_of<'a>(text: &'a str, node: Node) -> &'a str {
    text.get(node.byte_range()).unwrap_or_default()
}

/// The unit whose node is exactly `node`.
fn unit_of(units: &[Unit], node: Node) -> Option<String> {
    units
        .iter()
        .find(|u| u.range == node.byte_range())
        .map(|u| u.id.as_str().to_owned())
}

fn top_level<'t>(root: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = root.walk();
    root.named_children(&mut cursor).collect()
}

pub(super) fn go(facts: &mut ModuleFacts, text: &str, root: Node, units: &[Unit]) {
    for node in top_level(root) {
        match node.kind() {
            "package_clause" => {
                facts.package = node.named_child(0).map(|n| text_of(text, n).to_owned());
            }
            "import_declaration" => {
                let mut stack = vec![node];
                while let Some(n) = stack.pop() {
                    if n.kind() == "import_spec" {
                        go_import(facts, text, n);
                        continue;
                    }
                    let mut cursor = n.walk();
                    stack.extend(n.named_children(&mut cursor));
                }
            }
            "function_declaration" => {
                let result = node.child_by_field_name("result").and_then(|r| {
                    if r.kind() == "parameter_list" {
                        let first = r.named_child(0)?;
                        first.child_by_field_name("type").or(Some(first))
                    } else {
                        Some(r)
                    }
                });
                let name = node.child_by_field_name("name");
                if let (Some(result), Some(name)) = (result, name) {
                    let ty = go_type_name(text_of(text, result));
                    // A named type of this package: an exported or local identifier.
                    if !ty.is_empty() && ty.chars().all(|c| c.is_alphanumeric() || c == '_') {
                        facts.returns.insert(text_of(text, name).to_owned(), ty);
                    }
                }
            }
            "method_declaration" => {
                let receiver = node
                    .child_by_field_name("receiver")
                    .and_then(|r| r.named_child(0))
                    .and_then(|p| p.child_by_field_name("type"))
                    .map(|t| go_type_name(text_of(text, t)));
                let name = node
                    .child_by_field_name("name")
                    .map(|n| text_of(text, n).to_owned());
                if let (Some(receiver), Some(name), Some(unit)) =
                    (receiver, name, unit_of(units, node))
                {
                    facts.methods.insert(format!("{receiver}.{name}"), unit);
                }
            }
            _ => {}
        }
    }
}

/// `*Repo`, `Repo[T]` → `Repo`.
fn go_type_name(ty: &str) -> String {
    ty.trim_start_matches('*')
        .split('[')
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// `import s "example.com/shop/store"` binds `s`; without a name, the last segment.
fn go_import(facts: &mut ModuleFacts, text: &str, spec: Node) {
    let Some(path) = spec.child_by_field_name("path") else {
        return;
    };
    let path = text_of(text, path).trim_matches(['"', '`']).to_owned();
    let local = match spec.child_by_field_name("name") {
        Some(n) => text_of(text, n).to_owned(),
        None => path.rsplit('/').next().unwrap_or(&path).to_owned(),
    };
    if local != "_" && local != "." && !local.is_empty() {
        facts.imports.insert(
            local,
            Import {
                module: path,
                member: None,
            },
        );
    }
}

pub(super) fn java(facts: &mut ModuleFacts, text: &str, root: Node) {
    for node in top_level(root) {
        match node.kind() {
            "package_declaration" => {
                facts.package = node
                    .named_children(&mut node.walk())
                    .find(|n| matches!(n.kind(), "scoped_identifier" | "identifier"))
                    .map(|n| text_of(text, n).replace(char::is_whitespace, ""));
            }
            "import_declaration" => {
                let Some(path) = crate::resolve::java_import_path(text_of(text, node)) else {
                    continue;
                };
                if let Some((module, last)) = path.rsplit_once('.') {
                    facts.imports.insert(
                        last.to_owned(),
                        Import {
                            module: module.to_owned(),
                            member: Some(last.to_owned()),
                        },
                    );
                }
            }
            _ => {}
        }
    }
}

pub(super) fn c(facts: &mut ModuleFacts, text: &str, root: Node, units: &[Unit]) {
    let mut stack = top_level(root);
    while let Some(node) = stack.pop() {
        match node.kind() {
            // `extern "C" { … }`, `namespace n { … }`: their definitions are global too
            // (a namespaced one is called by its qualified name, which names its unit).
            "linkage_specification" | "declaration_list" | "namespace_definition" => {
                let mut cursor = node.walk();
                stack.extend(node.named_children(&mut cursor));
            }
            "function_definition" => {
                let is_static = node
                    .named_children(&mut node.walk())
                    .any(|c| c.kind() == "storage_class_specifier" && text_of(text, c) == "static");
                if is_static {
                    continue;
                }
                if let Some(unit) = unit_of(units, node) {
                    facts.exports.insert(unit.clone(), unit);
                }
            }
            _ => {}
        }
    }
}
