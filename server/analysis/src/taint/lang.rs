//! How each grammar spells the constructs the taint walker cares about. The walker is
//! written once against these classes; the grammars differ mostly in names.

use bluecode_syntax::{Language, field};
use tree_sitter::Node;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Identifier,
    /// `a.b`, `a->b`, `a::b`: a name path.
    Member,
    Call,
    Str,
    Number,
    True,
    False,
    /// `c ? a : b`, `a if c else b`.
    Conditional,
    /// Arithmetic, comparison, boolean operators.
    Binary,
    Not,
    Subscript,
    /// `x = e`, `let x = e`, `x := e`.
    Assign,
    AugAssign,
    If,
    /// Loops that bind a variable from an iterable (`for x in xs`).
    ForEach,
    Loop,
    /// Python's `with e as x` item.
    AsPattern,
    Exit,
    /// A nested function, class or lambda: its own scope, not walked inline.
    Scope,
    /// An expression whose value never carries its operand's data: `sizeof x`.
    Opaque,
    Other,
}

pub(crate) fn classify(node: Node, language: Language) -> Class {
    let kind = node.kind();
    match kind {
        "identifier"
        | "property_identifier"
        | "field_identifier"
        | "shorthand_property_identifier"
        | "shorthand_property_identifier_pattern"
        | "this"
        | "self" => Class::Identifier,
        "attribute"
        | "member_expression"
        | "selector_expression"
        | "field_access"
        | "field_expression"
        | "qualified_identifier"
        | "scoped_identifier" => Class::Member,
        "call"
        | "call_expression"
        | "method_invocation"
        | "new_expression"
        | "object_creation_expression" => Class::Call,
        "string"
        | "string_literal"
        | "interpreted_string_literal"
        | "raw_string_literal"
        | "template_string"
        | "concatenated_string"
        | "char_literal"
        | "character_literal"
        | "text_block" => Class::Str,
        "integer"
        | "float"
        | "number"
        | "int_literal"
        | "float_literal"
        | "number_literal"
        | "decimal_integer_literal"
        | "hex_integer_literal"
        | "decimal_floating_point_literal" => Class::Number,
        "true" => Class::True,
        "false" => Class::False,
        "conditional_expression" | "ternary_expression" => Class::Conditional,
        "binary_operator" | "binary_expression" | "boolean_operator" | "comparison_operator" => {
            Class::Binary
        }
        "not_operator" => Class::Not,
        "unary_expression" | "unary_operator"
            if node
                .child_by_field_name("operator")
                .is_some_and(|o| o.kind() == "!") =>
        {
            Class::Not
        }
        "subscript" | "subscript_expression" | "index_expression" | "array_access" => {
            Class::Subscript
        }
        "assignment"
        | "assignment_expression"
        | "variable_declarator"
        | "init_declarator"
        | "short_var_declaration"
        | "assignment_statement"
        | "var_spec"
        | "const_spec" => {
            if is_augmented(node) {
                Class::AugAssign
            } else {
                Class::Assign
            }
        }
        "augmented_assignment" | "augmented_assignment_expression" => Class::AugAssign,
        // Java's try-with-resources `(InputStream in = open(x))`.
        "resource" if language == Language::Java => Class::Assign,
        "sizeof_expression" | "alignof_expression" | "offsetof_expression" => Class::Opaque,
        "if_statement" => Class::If,
        "for_in_statement" | "enhanced_for_statement" | "for_range_loop" => Class::ForEach,
        "for_statement" if language == Language::Python => Class::ForEach,
        "for_statement" if language == Language::Go && has_range_clause(node) => Class::ForEach,
        "for_statement" | "while_statement" | "do_statement" => Class::Loop,
        "as_pattern" if language == Language::Python => Class::AsPattern,
        "return_statement" | "raise_statement" | "throw_statement" | "break_statement"
        | "continue_statement" | "goto_statement" => Class::Exit,
        k if FUNCTION_KINDS.contains(&k)
            || matches!(k, "class_definition" | "class_declaration") =>
        {
            Class::Scope
        }
        _ => Class::Other,
    }
}

fn is_augmented(node: Node) -> bool {
    // Go spells `x += y` as an assignment_statement with operator `+=`; C/Java put the
    // operator in an `operator` field.
    node.child_by_field_name("operator")
        .is_some_and(|op| op.kind() != "=" && op.kind().ends_with('='))
}

fn has_range_clause(node: Node) -> bool {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .any(|c| c.kind() == "range_clause")
}

/// The expression inside any `await` and parentheses (`(await check(url))` → the call).
pub(crate) fn unwrapped(node: Node) -> Node {
    let mut node = node;
    while matches!(
        node.kind(),
        "await" | "await_expression" | "parenthesized_expression"
    ) && let Some(inner) = node.named_child(0)
    {
        node = inner;
    }
    node
}

/// The assignment's target and value nodes.
pub(crate) fn assign_parts(node: Node) -> Option<(Node, Option<Node>)> {
    let mut target = field(node, "left")
        .or_else(|| field(node, "name"))
        .or_else(|| field(node, "declarator"))?;
    // Go's `c.Params = v` has a one-element list on the left: the target is the field
    // (binding every name inside the list would taint all of `c`).
    if target.kind() == "expression_list"
        && target.named_child_count() == 1
        && let Some(only) = target.named_child(0)
    {
        target = only;
    }
    let value = field(node, "right").or_else(|| field(node, "value"));
    Some((target, value))
}

/// For `for x in xs`: the bound pattern and the iterable.
pub(crate) fn foreach_parts(node: Node) -> Option<(Node, Node)> {
    if let Some(range) = {
        let mut cursor = node.walk();
        node.named_children(&mut cursor)
            .find(|c| c.kind() == "range_clause")
    } {
        return Some((
            range.child_by_field_name("left")?,
            range.child_by_field_name("right")?,
        ));
    }
    let target = node
        .child_by_field_name("left")
        .or_else(|| node.child_by_field_name("name"))
        .or_else(|| node.child_by_field_name("declarator"))?;
    let iterable = node
        .child_by_field_name("right")
        .or_else(|| node.child_by_field_name("value"))?;
    Some((target, iterable))
}

/// For a C reader that fills buffers passed to it, the arguments it writes into.
pub(crate) fn out_arguments(
    language: Language,
    path: &[&str],
    argc: usize,
) -> Option<std::ops::Range<usize>> {
    if !matches!(language, Language::C | Language::Cpp) {
        return None;
    }
    let name = match path {
        [name] | ["std", name] => *name,
        _ => return None,
    };
    Some(match name {
        "gets" | "fgets" | "fread" => 0..1,
        "read" | "recv" | "recvfrom" | "pread" => 1..2,
        "scanf" => 1..argc,
        "fscanf" => 2..argc,
        // C++ `getline(stream, line)`; C `getline(&line, &n, stream)`.
        "getline" if argc == 2 => 1..2,
        "getline" => 0..1,
        _ => return None,
    })
}

/// Whether a C reader returns a count (`read`, `recv`, `fread`, `scanf`…) rather than the
/// data: the count is at most the size the caller passed, so it carries no taint — the
/// buffer it filled does (see [`out_arguments`]).
pub(crate) fn returns_count(language: Language, path: &[String], argc: usize) -> bool {
    if !matches!(language, Language::C | Language::Cpp) {
        return false;
    }
    match path {
        [name] => match name.as_str() {
            "read" | "recv" | "recvfrom" | "pread" | "fread" | "scanf" | "fscanf" => true,
            // C's `getline(&line, &n, stream)`; C++'s returns the stream.
            "getline" => argc == 3,
            _ => false,
        },
        _ => false,
    }
}

/// The buffer a C pointer expression points into: `buf + off` and `(p - 1)` write into
/// `buf` and `p`; only that buffer takes what a reader writes, not the offset's variables.
pub(crate) fn pointer_base(node: Node) -> Node {
    let mut current = node;
    loop {
        match current.kind() {
            "binary_expression"
                if current
                    .child_by_field_name("operator")
                    .is_some_and(|o| matches!(o.kind(), "+" | "-")) =>
            {
                match current.child_by_field_name("left") {
                    Some(left) => current = left,
                    None => return current,
                }
            }
            "parenthesized_expression" => match current.named_child(0) {
                Some(inner) => current = inner,
                None => return current,
            },
            _ => return current,
        }
    }
}

/// The callee and argument nodes of a call.
pub(crate) fn call_parts(node: Node) -> (Option<Node>, Vec<Node>) {
    let callee = field(node, "function")
        .or_else(|| field(node, "constructor"))
        .or_else(|| field(node, "type"));
    let mut args = Vec::new();
    if let Some(list) = field(node, "arguments") {
        // Python's `", ".join(x for x in xs)`: the generator is the one argument (its
        // loop variables are its own, not the function's).
        if list.kind() == "generator_expression" {
            return (callee, vec![list]);
        }
        let mut cursor = list.walk();
        for arg in list.named_children(&mut cursor) {
            if arg.kind() == "comment" {
                continue;
            }
            // Keyword arguments carry their value in `value`.
            args.push(field(arg, "value").unwrap_or(arg));
        }
    }
    (callee, args)
}

/// Whether an argument node of [`call_parts`] is passed by name: Python's `name=value`
/// (its value node, whose parent is the keyword argument) or a `**mapping` splat.
pub(crate) fn is_keyword_argument(arg: Node) -> bool {
    arg.kind() == "dictionary_splat" || arg.parent().is_some_and(|p| p.kind() == "keyword_argument")
}

/// The receiver of a method call (`x` in `x.strip()`), if the callee is a member access.
pub(crate) fn call_receiver<'t>(call: Node<'t>, callee: Option<Node<'t>>) -> Option<Node<'t>> {
    if call.kind() == "method_invocation" {
        return field(call, "object");
    }
    let callee = callee?;
    member_object(callee)
}

pub(crate) fn member_object(node: Node) -> Option<Node> {
    if !matches!(
        node.kind(),
        "attribute"
            | "member_expression"
            | "selector_expression"
            | "field_access"
            | "field_expression"
    ) {
        return None;
    }
    field(node, "object")
        .or_else(|| field(node, "operand"))
        .or_else(|| field(node, "argument"))
}

/// The last name of a member access (`b` in `a.b`).
pub(crate) fn member_name(node: Node) -> Option<Node> {
    field(node, "attribute")
        .or_else(|| field(node, "property"))
        .or_else(|| field(node, "field"))
        .or_else(|| field(node, "name"))
}

/// The three parts of a conditional expression: condition, then, else.
pub(crate) fn conditional_parts(node: Node) -> Option<(Node, Node, Node)> {
    if let (Some(c), Some(t), Some(e)) = (
        node.child_by_field_name("condition"),
        node.child_by_field_name("consequence"),
        node.child_by_field_name("alternative"),
    ) {
        return Some((c, t, e));
    }
    // Python: `a if c else b` has no fields.
    let mut cursor = node.walk();
    let parts: Vec<Node> = node.named_children(&mut cursor).collect();
    match parts.as_slice() {
        [then, cond, other] => Some((*cond, *then, *other)),
        _ => None,
    }
}

/// Node kinds of functions of every shape, in every grammar (Java constructors aside).
const FUNCTION_KINDS: [&str; 10] = [
    "function_definition",
    "function_declaration",
    "method_definition",
    "function_expression",
    "arrow_function",
    "func_literal",
    "lambda",
    "lambda_expression",
    "method_declaration",
    "generator_function_declaration",
];

/// Whether `node` is a function of any shape (not a class): what encloses a nested
/// function.
pub(crate) fn is_function_like(node: Node) -> bool {
    FUNCTION_KINDS.contains(&node.kind()) || node.kind() == "constructor_declaration"
}
