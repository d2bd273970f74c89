//! Moves on calls: a positional first argument passed by its keyword (`keyword-argument`,
//! Python, for APIs whose parameter name is known and not positional-only), and a
//! variable used once as the receiver of the next statement's call inlined into a method
//! chain (`method-chain`: `c = conn.cursor(); c.execute(q)` → `conn.cursor().execute(q)`).

use tree_sitter::Node;

use super::Family;
use super::edit::{Edits, descendants, field_name, text};

/// Python APIs whose first parameter may be passed by name, with that name.
const FIRST_PARAMETER: &[(&str, &str)] = &[
    ("subprocess.run", "args"),
    ("subprocess.call", "args"),
    ("subprocess.check_call", "args"),
    ("subprocess.check_output", "args"),
    ("subprocess.Popen", "args"),
    ("os.system", "command"),
    ("os.popen", "cmd"),
    ("requests.get", "url"),
    ("requests.post", "url"),
    ("requests.put", "url"),
    ("requests.delete", "url"),
    ("requests.head", "url"),
    ("requests.patch", "url"),
    ("urlopen", "url"),
    ("yaml.load", "stream"),
    ("open", "file"),
    ("re.compile", "pattern"),
    ("re.match", "pattern"),
    ("re.search", "pattern"),
    ("redirect", "location"),
    ("render_template_string", "source"),
    ("Template", "source"),
    ("ET.fromstring", "text"),
    ("etree.fromstring", "text"),
    ("tarfile.open", "name"),
];

pub fn keyword_argument(family: Family, root: Node<'_>, src: &str) -> Edits {
    let mut edits = Edits::default();
    if family != Family::Python {
        return edits;
    }
    for call in descendants(root).into_iter().filter(|n| n.kind() == "call") {
        let (Some(function), Some(args)) = (
            call.child_by_field_name("function"),
            call.child_by_field_name("arguments"),
        ) else {
            continue;
        };
        let callee = text(function, src);
        let Some((_, name)) = FIRST_PARAMETER.iter().find(|(api, _)| {
            callee == *api || callee.ends_with(&format!(".{api}")) && !api.contains('.')
        }) else {
            continue;
        };
        let Some(first) = args.named_child(0) else {
            continue;
        };
        if matches!(
            first.kind(),
            "keyword_argument" | "list_splat" | "dictionary_splat" | "comment"
        ) {
            continue;
        }
        edits.insert(first.start_byte(), format!("{name}="));
    }
    edits
}

/// The declaration statements of a single variable assigned from a call, per language:
/// (statement, name, value).
fn call_assignment<'t>(family: Family, stmt: Node<'t>) -> Option<(Node<'t>, Node<'t>)> {
    let (name, value) = match (family, stmt.kind()) {
        (Family::Python, "expression_statement") => {
            let a = stmt.named_child(0).filter(|a| a.kind() == "assignment")?;
            (
                a.child_by_field_name("left")?,
                a.child_by_field_name("right")?,
            )
        }
        (Family::JavaScript, "lexical_declaration" | "variable_declaration")
        | (Family::Java, "local_variable_declaration") => {
            if stmt
                .named_children(&mut stmt.walk())
                .filter(|c| c.kind() == "variable_declarator")
                .count()
                != 1
            {
                return None;
            }
            let d = stmt
                .named_children(&mut stmt.walk())
                .find(|c| c.kind() == "variable_declarator")?;
            (
                d.child_by_field_name("name")?,
                d.child_by_field_name("value")?,
            )
        }
        (Family::Go, "short_var_declaration") => {
            let left = stmt.child_by_field_name("left")?;
            let right = stmt.child_by_field_name("right")?;
            if left.named_child_count() != 1 || right.named_child_count() != 1 {
                return None;
            }
            (left.named_child(0)?, right.named_child(0)?)
        }
        _ => return None,
    };
    let is_call = matches!(
        value.kind(),
        "call"
            | "call_expression"
            | "method_invocation"
            | "object_creation_expression"
            | "new_expression"
    );
    (name.kind() == "identifier" && is_call).then_some((name, value))
}

pub fn method_chain(family: Family, root: Node<'_>, src: &str) -> Edits {
    let mut edits = Edits::default();
    let nodes = descendants(root);
    for stmt in &nodes {
        let Some((name, value)) = call_assignment(family, *stmt) else {
            continue;
        };
        let Some(next) = stmt.next_named_sibling() else {
            continue;
        };
        let variable = text(name, src);
        let uses: Vec<Node<'_>> = nodes
            .iter()
            .filter(|n| {
                n.kind() == "identifier" && text(**n, src) == variable && n.id() != name.id()
            })
            .copied()
            .collect();
        let [only] = uses.as_slice() else { continue };
        if !next.byte_range().contains(&only.start_byte()) {
            continue;
        }
        let receiver = only.parent().is_some_and(|p| {
            matches!(
                (p.kind(), field_name(*only)),
                ("attribute", Some("object"))
                    | ("member_expression", Some("object"))
                    | ("method_invocation", Some("object"))
                    | ("selector_expression", Some("operand"))
            )
        });
        if !receiver {
            continue;
        }
        // Remove the statement with its line, and call in place of the variable.
        let line_start = src[..stmt.start_byte()].rfind('\n').map_or(0, |i| i + 1);
        let removal = if src[line_start..stmt.start_byte()].trim().is_empty() {
            line_start
                ..src[stmt.end_byte()..]
                    .find('\n')
                    .map_or(src.len(), |i| stmt.end_byte() + i + 1)
        } else {
            stmt.byte_range()
        };
        let value_text = text(value, src);
        let inlined = if value.kind() == "new_expression" {
            format!("({value_text})")
        } else {
            value_text.to_owned()
        };
        edits.replace(removal, "");
        edits.replace(only.byte_range(), inlined);
    }
    edits
}
