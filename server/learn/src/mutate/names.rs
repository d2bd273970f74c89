//! Moves on names: rename the locals and parameters (`rename-locals`), alias an import
//! (`alias-import`: `import os as os2`, `{ exec as exec2 }`, `exec2 "os/exec"`), and turn
//! a module import into a name import (`from-import`: `import os; os.system(x)` →
//! `from os import system; system(x)`, `const cp = require(…); cp.exec(x)` →
//! `const { exec } = require(…); exec(x)`).

use std::collections::BTreeSet;

use tree_sitter::Node;

use super::Family;
use super::edit::{Edits, contains_word, descendants, field_name, fresh_name, text};

/// Names the example declares as variables or parameters (not functions, types or
/// fields), which a rename cannot change the meaning of.
pub fn declared_locals(family: Family, root: Node<'_>, src: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for node in descendants(root) {
        if !matches!(
            node.kind(),
            "identifier" | "shorthand_property_identifier_pattern"
        ) {
            continue;
        }
        if declares(family, node) {
            names.insert(text(node, src).to_owned());
        }
    }
    // A name that is also imported, or is a receiver like `self`, stays.
    let imported: BTreeSet<String> = descendants(root)
        .into_iter()
        .filter(|n| is_import(n.kind()))
        .flat_map(descendants)
        .filter(|n| n.kind() == "identifier")
        .map(|n| text(n, src).to_owned())
        .collect();
    names.retain(|n| {
        !imported.contains(n) && !matches!(n.as_str(), "self" | "cls" | "_" | "this" | "err")
    });
    names
}

fn is_import(kind: &str) -> bool {
    matches!(
        kind,
        "import_statement"
            | "import_from_statement"
            | "import_declaration"
            | "import_spec"
            | "future_import_statement"
    )
}

fn declares(family: Family, node: Node<'_>) -> bool {
    let Some(parent) = node.parent() else {
        return false;
    };
    let field = field_name(node);
    match family {
        Family::Python => match (parent.kind(), field) {
            ("assignment", Some("left")) | ("for_statement", Some("left")) => true,
            ("parameters" | "lambda_parameters", _) => true,
            ("default_parameter" | "typed_default_parameter", Some("name")) => true,
            ("typed_parameter", _) => parent.named_child(0).is_some_and(|c| c.id() == node.id()),
            ("pattern_list", _) => parent
                .parent()
                .is_some_and(|g| matches!(g.kind(), "assignment" | "for_statement")),
            _ => false,
        },
        Family::JavaScript => match (parent.kind(), field) {
            ("variable_declarator", Some("name")) => true,
            ("formal_parameters", _) | ("arrow_function", Some("parameter")) => true,
            ("assignment_pattern", Some("left")) => true,
            ("required_parameter" | "optional_parameter", Some("pattern")) => true,
            ("object_pattern", _) => node.kind() == "shorthand_property_identifier_pattern",
            _ => false,
        },
        Family::Go => match (parent.kind(), field) {
            ("expression_list", _) => parent.parent().is_some_and(|g| {
                matches!(g.kind(), "short_var_declaration" | "range_clause")
                    && field_name(parent) == Some("left")
            }),
            ("var_spec" | "parameter_declaration", Some("name")) => true,
            _ => false,
        },
        Family::Java => match (parent.kind(), field) {
            ("variable_declarator", Some("name")) => parent
                .parent()
                .is_some_and(|g| g.kind() == "local_variable_declaration"),
            (
                "formal_parameter" | "catch_formal_parameter" | "enhanced_for_statement",
                Some("name"),
            ) => true,
            ("inferred_parameters", _) | ("lambda_expression", Some("parameters")) => true,
            _ => false,
        },
        Family::C => {
            let mut at = node;
            while let Some(p) = at.parent() {
                if matches!(p.kind(), "pointer_declarator" | "array_declarator")
                    && field_name(at) == Some("declarator")
                {
                    at = p;
                } else {
                    break;
                }
            }
            at.parent().is_some_and(|p| {
                matches!(
                    p.kind(),
                    "init_declarator" | "declaration" | "parameter_declaration"
                ) && field_name(at) == Some("declarator")
            })
        }
    }
}

/// Whether an identifier node with a renamed name is a use of the variable (not an
/// attribute, a keyword argument's name, a method or field name).
fn is_variable_use(node: Node<'_>) -> bool {
    let Some(parent) = node.parent() else {
        return true;
    };
    !matches!(
        (parent.kind(), field_name(node)),
        ("attribute", Some("attribute"))
            | ("keyword_argument", Some("name"))
            | ("method_invocation", Some("name"))
            | ("field_access", Some("field"))
            | ("method_declaration", Some("name"))
            | ("function_definition", Some("name"))
            | ("function_declaration", Some("name"))
            | ("class_definition", Some("name"))
            | ("class_declaration", Some("name"))
    )
}

/// Renames every use of `from` to `to`, outside import statements.
fn rename_uses(root: Node<'_>, src: &str, from: &str, to: &str, edits: &mut Edits) {
    for node in descendants(root) {
        if text(node, src) != from || inside_import(node) {
            continue;
        }
        match node.kind() {
            "identifier" | "package_identifier" if is_variable_use(node) => {
                edits.replace(node.byte_range(), to)
            }
            // `{ cmd }` builds a key named after the variable: keep the key.
            "shorthand_property_identifier" | "shorthand_property_identifier_pattern" => {
                edits.replace(node.byte_range(), format!("{from}: {to}"))
            }
            _ => {}
        }
    }
}

fn inside_import(node: Node<'_>) -> bool {
    let mut at = node.parent();
    while let Some(n) = at {
        if is_import(n.kind()) {
            return true;
        }
        at = n.parent();
    }
    false
}

/// `rename-locals`: every declared variable and parameter gets a new name.
pub fn rename_locals(family: Family, root: Node<'_>, src: &str) -> Edits {
    let mut edits = Edits::default();
    let keyword_names: BTreeSet<&str> = descendants(root)
        .into_iter()
        .filter(|n| n.kind() == "keyword_argument")
        .filter_map(|n| n.child_by_field_name("name"))
        .map(|n| text(n, src))
        .collect();
    for name in declared_locals(family, root, src) {
        // `ping(host=h)` calls the file's own function by parameter name.
        if keyword_names.contains(name.as_str()) {
            continue;
        }
        let to = fresh_name(&name, src);
        rename_uses(root, src, &name, &to, &mut edits);
    }
    edits
}

/// `alias-import`: imported names and modules get a local alias.
pub fn alias_import(family: Family, root: Node<'_>, src: &str) -> Edits {
    let mut edits = Edits::default();
    for node in descendants(root) {
        match (family, node.kind()) {
            (Family::Python, "dotted_name") => {
                let Some(parent) = node.parent() else {
                    continue;
                };
                let aliasable = match parent.kind() {
                    "import_statement" => true,
                    "import_from_statement" => field_name(node) == Some("name"),
                    _ => false,
                };
                if !aliasable || node.named_child_count() != 1 {
                    continue;
                }
                let name = text(node, src);
                let to = fresh_name(name, src);
                edits.replace(node.byte_range(), format!("{name} as {to}"));
                rename_uses(root, src, name, &to, &mut edits);
            }
            (Family::JavaScript, "import_specifier") => {
                if node.child_by_field_name("alias").is_some() {
                    continue;
                }
                let Some(name) = node.child_by_field_name("name") else {
                    continue;
                };
                let name = text(name, src);
                let to = fresh_name(name, src);
                edits.replace(node.byte_range(), format!("{name} as {to}"));
                rename_uses(root, src, name, &to, &mut edits);
            }
            (Family::JavaScript, "namespace_import") => {
                let Some(id) = node.named_child(0) else {
                    continue;
                };
                let name = text(id, src);
                let to = fresh_name(name, src);
                edits.replace(id.byte_range(), to.clone());
                rename_uses(root, src, name, &to, &mut edits);
            }
            (Family::JavaScript, "variable_declarator") => {
                // `const cp = require("child_process")` and `const { exec } = require(…)`.
                let (Some(name), Some(value)) = (
                    node.child_by_field_name("name"),
                    node.child_by_field_name("value"),
                ) else {
                    continue;
                };
                if !is_require(value, src) {
                    continue;
                }
                match name.kind() {
                    "identifier" => {
                        let from = text(name, src);
                        let to = fresh_name(from, src);
                        rename_uses(root, src, from, &to, &mut edits);
                    }
                    "object_pattern" => {
                        for part in descendants(name) {
                            if part.kind() == "shorthand_property_identifier_pattern" {
                                let from = text(part, src);
                                let to = fresh_name(from, src);
                                rename_uses(root, src, from, &to, &mut edits);
                            }
                        }
                    }
                    _ => {}
                }
            }
            (Family::Go, "import_spec") => {
                if node.child_by_field_name("name").is_some() {
                    continue;
                }
                let Some(path) = node.child_by_field_name("path") else {
                    continue;
                };
                let path_text = text(path, src).trim_matches('"');
                let package = path_text.rsplit('/').next().unwrap_or(path_text);
                if package.is_empty()
                    || !package
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_')
                    || !src.contains(&format!("{package}."))
                {
                    continue;
                }
                let to = fresh_name(package, src);
                edits.insert(path.start_byte(), format!("{to} "));
                rename_uses(root, src, package, &to, &mut edits);
            }
            _ => {}
        }
    }
    edits
}

fn is_require(value: Node<'_>, src: &str) -> bool {
    value.kind() == "call_expression"
        && value
            .child_by_field_name("function")
            .is_some_and(|f| text(f, src) == "require")
}

/// Writes the new import statement from the module and the names it now imports.
type RenderImport = fn(&str, &[String]) -> String;

/// `from-import`: a module imported whole and used as `M.a` is imported by name instead.
pub fn from_import(family: Family, root: Node<'_>, src: &str) -> Edits {
    let mut edits = Edits::default();
    let nodes = descendants(root);
    for node in &nodes {
        let (module_name, statement_range, render): (&str, _, RenderImport) =
            match (family, node.kind()) {
                (Family::Python, "import_statement") if node.named_child_count() == 1 => {
                    let Some(dotted) = node.named_child(0) else {
                        continue;
                    };
                    if dotted.kind() != "dotted_name" || dotted.named_child_count() != 1 {
                        continue;
                    }
                    (text(dotted, src), node.byte_range(), |m, names| {
                        format!("from {m} import {}", names.join(", "))
                    })
                }
                (Family::JavaScript, "variable_declarator") => {
                    let (Some(name), Some(value)) = (
                        node.child_by_field_name("name"),
                        node.child_by_field_name("value"),
                    ) else {
                        continue;
                    };
                    if name.kind() != "identifier" || !is_require(value, src) {
                        continue;
                    }
                    (text(name, src), name.byte_range(), |_, names| {
                        format!("{{ {} }}", names.join(", "))
                    })
                }
                _ => continue,
            };
        // Every use must be `M.attr`; each attr becomes a name of its own.
        let mut members = Vec::new();
        let mut uses = Vec::new();
        let mut only_member_uses = true;
        for use_node in &nodes {
            if use_node.kind() != "identifier"
                || text(*use_node, src) != module_name
                || inside_import(*use_node)
                || use_node.byte_range() == statement_range
                || statement_range.contains(&use_node.start_byte())
            {
                continue;
            }
            let parent = use_node.parent();
            let member = parent.filter(|p| {
                matches!(p.kind(), "attribute" | "member_expression")
                    && field_name(*use_node) == Some("object")
            });
            let Some(member) = member else {
                only_member_uses = false;
                break;
            };
            let attr = member
                .child_by_field_name("attribute")
                .or_else(|| member.child_by_field_name("property"));
            let Some(attr) = attr else {
                only_member_uses = false;
                break;
            };
            let attr_name = text(attr, src).to_owned();
            // The new bare name must not clash with anything in the file.
            if contains_word(src, &attr_name)
                && src.matches(&attr_name).count() != src.matches(&format!(".{attr_name}")).count()
            {
                only_member_uses = false;
                break;
            }
            if !members.contains(&attr_name) {
                members.push(attr_name.clone());
            }
            uses.push((member.byte_range(), attr_name));
        }
        if !only_member_uses || uses.is_empty() {
            continue;
        }
        edits.replace(statement_range, render(module_name, &members));
        for (range, name) in uses {
            edits.replace(range, name);
        }
    }
    edits
}
