//! Moves on string building: the same string written as a concatenation, an f-string,
//! `.format`, `%`, a template literal, `String.format` or `fmt.Sprintf`, and with each
//! literal piece split in two (`split-string`). Every building expression is parsed into
//! literal pieces and expressions, then rendered in the target form.

use tree_sitter::Node;

use super::Family;
use super::edit::{Edits, descendants, text};

/// The form a string is built in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Concat,
    FString,
    DotFormat,
    Percent,
    Template,
    /// Java's `String.format`, Go's `fmt.Sprintf`.
    FormatCall,
}

#[derive(Debug, Clone)]
enum Part {
    /// Source text between the quotes, with the form's own escapes (`{{`, `%%`) undone.
    Lit(String),
    /// An expression; `is_str` when the original concatenated it (so it is a string).
    Expr {
        text: String,
        is_str: bool,
        primary: bool,
    },
}

struct Building {
    form: Form,
    quote: char,
    parts: Vec<Part>,
}

const PRIMARY: &[&str] = &[
    "identifier",
    "attribute",
    "call",
    "subscript",
    "member_expression",
    "call_expression",
    "subscript_expression",
    "method_invocation",
    "field_access",
    "array_access",
    "selector_expression",
    "index_expression",
    "parenthesized_expression",
    "string",
    "string_literal",
    "interpreted_string_literal",
];

fn expr(node: Node<'_>, src: &str, is_str: bool) -> Part {
    Part::Expr {
        text: text(node, src).to_owned(),
        is_str,
        primary: PRIMARY.contains(&node.kind()),
    }
}

/// The quote and inner text of a plain (no prefix, single-line delimiters) literal.
fn plain_literal(family: Family, node: Node<'_>, src: &str) -> Option<(char, String)> {
    let kinds: &[&str] = match family {
        Family::Python | Family::JavaScript => &["string"],
        Family::Java => &["string_literal"],
        Family::Go => &["interpreted_string_literal"],
        Family::C => return None,
    };
    if !kinds.contains(&node.kind())
        || node
            .children(&mut node.walk())
            .any(|c| c.kind() == "interpolation")
    {
        return None;
    }
    let t = text(node, src);
    let quote = t.chars().next()?;
    if !matches!(quote, '"' | '\'')
        || t.len() < 2
        || t.starts_with("\"\"\"")
        || t.starts_with("'''")
    {
        return None;
    }
    if !t.ends_with(quote) {
        return None;
    }
    Some((quote, t[1..t.len() - 1].to_owned()))
}

fn flatten_plus<'t>(node: Node<'t>, src: &str, kind: &str, out: &mut Vec<Node<'t>>) {
    let is_plus = node.kind() == kind
        && node
            .child_by_field_name("operator")
            .is_some_and(|o| text(o, src) == "+");
    match (
        is_plus,
        node.child_by_field_name("left"),
        node.child_by_field_name("right"),
    ) {
        (true, Some(left), Some(right)) => {
            flatten_plus(left, src, kind, out);
            out.push(right);
        }
        _ => out.push(node),
    }
}

fn parse(family: Family, node: Node<'_>, src: &str) -> Option<Building> {
    let binary = match family {
        Family::Python => "binary_operator",
        _ => "binary_expression",
    };
    if node.kind() == binary {
        let op = text(node.child_by_field_name("operator")?, src);
        if op == "+" {
            return parse_concat(family, node, src, binary);
        }
        if op == "%" && family == Family::Python {
            return parse_percent(node, src);
        }
        return None;
    }
    match (family, node.kind()) {
        (Family::Python, "string") => parse_fstring(node, src),
        (Family::Python, "call") => parse_dot_format(node, src),
        (Family::JavaScript, "template_string") => parse_template(node, src),
        (Family::Java, "method_invocation") => parse_java_format(node, src),
        _ => None,
    }
}

fn parse_concat(family: Family, node: Node<'_>, src: &str, binary: &str) -> Option<Building> {
    let mut operands = Vec::new();
    flatten_plus(node, src, binary, &mut operands);
    let mut quote = None;
    let mut parts = Vec::new();
    for operand in &operands {
        match plain_literal(family, *operand, src) {
            Some((q, raw)) => {
                if quote.is_some_and(|prev| prev != q) {
                    return None;
                }
                quote = Some(q);
                parts.push(Part::Lit(raw));
            }
            None => parts.push(expr(*operand, src, true)),
        }
    }
    // `a + b + "x"` may add numbers first: only a literal among the first two operands
    // makes the whole chain a string concatenation (Go's types make it one anyway).
    let first_two_literal = parts.iter().take(2).any(|p| matches!(p, Part::Lit(_)));
    if !(first_two_literal || family == Family::Go && quote.is_some())
        || !parts.iter().any(|p| matches!(p, Part::Expr { .. }))
    {
        return None;
    }
    Some(Building {
        form: Form::Concat,
        quote: quote?,
        parts,
    })
}

fn parse_fstring(node: Node<'_>, src: &str) -> Option<Building> {
    let start = node.child(0)?;
    let opener = text(start, src);
    if !matches!(opener, "f\"" | "f'" | "F\"" | "F'") {
        return None;
    }
    let quote = opener.chars().nth(1)?;
    let end = node.child(node.child_count().checked_sub(1)?)?;
    let mut parts = Vec::new();
    let mut at = start.end_byte();
    for child in node.children(&mut node.walk()) {
        if child.kind() != "interpolation" {
            continue;
        }
        parts.push(Part::Lit(undouble_braces(src.get(at..child.start_byte())?)));
        if child.named_child_count() != 1 {
            return None;
        }
        parts.push(expr(child.named_child(0)?, src, false));
        at = child.end_byte();
    }
    parts.push(Part::Lit(undouble_braces(src.get(at..end.start_byte())?)));
    parts
        .iter()
        .any(|p| matches!(p, Part::Expr { .. }))
        .then_some(Building {
            form: Form::FString,
            quote,
            parts,
        })
}

fn undouble_braces(s: &str) -> String {
    s.replace("{{", "{").replace("}}", "}")
}

/// Splits a template at `placeholder`, refusing any other use of the escape character.
fn split_template(raw: &str, placeholder: &str, escape: &str, single: char) -> Option<Vec<String>> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut rest = raw;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix(placeholder) {
            pieces.push(std::mem::take(&mut current));
            rest = after;
        } else if let Some(after) = rest.strip_prefix(escape) {
            current.push(single);
            rest = after;
        } else {
            let c = rest.chars().next()?;
            if c == single || (single == '{' && c == '}') {
                return None;
            }
            current.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    pieces.push(current);
    Some(pieces)
}

fn interleave(pieces: Vec<String>, exprs: Vec<Part>) -> Option<Vec<Part>> {
    if pieces.len() != exprs.len() + 1 || exprs.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    let mut exprs = exprs.into_iter();
    for (i, piece) in pieces.into_iter().enumerate() {
        if i > 0 {
            parts.push(exprs.next()?);
        }
        parts.push(Part::Lit(piece));
    }
    Some(parts)
}

fn positional_args(args: Node<'_>, src: &str, skip: usize) -> Option<Vec<Part>> {
    let mut out = Vec::new();
    for arg in args.named_children(&mut args.walk()).skip(skip) {
        if matches!(
            arg.kind(),
            "keyword_argument" | "list_splat" | "dictionary_splat" | "comment"
        ) {
            return None;
        }
        out.push(expr(arg, src, false));
    }
    Some(out)
}

fn parse_dot_format(node: Node<'_>, src: &str) -> Option<Building> {
    let function = node.child_by_field_name("function")?;
    if function.kind() != "attribute"
        || text(function.child_by_field_name("attribute")?, src) != "format"
    {
        return None;
    }
    let (quote, raw) = plain_literal(Family::Python, function.child_by_field_name("object")?, src)?;
    let args = positional_args(node.child_by_field_name("arguments")?, src, 0)?;
    let pieces = split_template(
        &raw.replace("{{", "\u{1}").replace("}}", "\u{2}"),
        "{}",
        "\u{0}",
        '{',
    )?
    .into_iter()
    .map(|p| p.replace('\u{1}', "{").replace('\u{2}', "}"))
    .collect();
    Some(Building {
        form: Form::DotFormat,
        quote,
        parts: interleave(pieces, args)?,
    })
}

fn parse_percent(node: Node<'_>, src: &str) -> Option<Building> {
    let (quote, raw) = plain_literal(Family::Python, node.child_by_field_name("left")?, src)?;
    let right = node.child_by_field_name("right")?;
    let args = match right.kind() {
        "tuple" => positional_args(right, src, 0)?,
        "identifier" | "attribute" | "call" | "subscript" => vec![expr(right, src, false)],
        _ => return None,
    };
    let pieces = split_template(&raw, "%s", "%%", '%')?;
    Some(Building {
        form: Form::Percent,
        quote,
        parts: interleave(pieces, args)?,
    })
}

fn parse_template(node: Node<'_>, src: &str) -> Option<Building> {
    let mut parts = Vec::new();
    let mut at = node.start_byte() + 1;
    for child in node.named_children(&mut node.walk()) {
        if child.kind() != "template_substitution" {
            continue;
        }
        parts.push(Part::Lit(src.get(at..child.start_byte())?.to_owned()));
        parts.push(expr(child.named_child(0)?, src, false));
        at = child.end_byte();
    }
    parts.push(Part::Lit(
        src.get(at..node.end_byte().checked_sub(1)?)?.to_owned(),
    ));
    let lits_fit = parts.iter().all(|p| match p {
        Part::Lit(raw) => !raw.contains('\n'),
        Part::Expr { .. } => true,
    });
    (lits_fit && parts.len() > 1).then(|| Building {
        form: Form::Template,
        quote: '"',
        parts: parts
            .into_iter()
            .map(|p| match p {
                Part::Lit(raw) => Part::Lit(escape_quote(&raw, '"')),
                other => other,
            })
            .collect(),
    })
}

fn parse_java_format(node: Node<'_>, src: &str) -> Option<Building> {
    if text(node.child_by_field_name("object")?, src) != "String"
        || text(node.child_by_field_name("name")?, src) != "format"
    {
        return None;
    }
    let args = node.child_by_field_name("arguments")?;
    let (quote, raw) = plain_literal(Family::Java, args.named_child(0)?, src)?;
    let exprs = positional_args(args, src, 1)?;
    let pieces = split_template(&raw, "%s", "%%", '%')?;
    Some(Building {
        form: Form::FormatCall,
        quote,
        parts: interleave(pieces, exprs)?,
    })
}

/// Escapes unescaped occurrences of `quote` in raw literal text.
fn escape_quote(raw: &str, quote: char) -> String {
    let mut out = String::new();
    let mut backslashes = 0;
    for c in raw.chars() {
        if c == quote && backslashes % 2 == 0 {
            out.push('\\');
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
    }
    out
}

fn render(family: Family, b: &Building, form: Form, split: bool) -> Option<String> {
    let q = b.quote;
    let lits: Vec<&str> = b
        .parts
        .iter()
        .filter_map(|p| match p {
            Part::Lit(raw) => Some(raw.as_str()),
            Part::Expr { .. } => None,
        })
        .collect();
    let exprs: Vec<(&str, bool, bool)> = b
        .parts
        .iter()
        .filter_map(|p| match p {
            Part::Expr {
                text,
                is_str,
                primary,
            } => Some((text.as_str(), *is_str, *primary)),
            Part::Lit(_) => None,
        })
        .collect();
    let template = |placeholder: &str, escape: fn(&str) -> String| -> String {
        let mut s = String::new();
        for (i, part) in b.parts.iter().enumerate() {
            match part {
                Part::Lit(raw) => s.push_str(&escape(raw)),
                Part::Expr { .. } => {
                    let _ = i;
                    s.push_str(placeholder)
                }
            }
        }
        s
    };
    let arg_list = exprs
        .iter()
        .map(|(t, _, _)| *t)
        .collect::<Vec<_>>()
        .join(", ");
    Some(match form {
        Form::Concat => {
            let mut pieces = Vec::new();
            for part in &b.parts {
                match part {
                    Part::Lit(raw) if raw.is_empty() => {}
                    Part::Lit(raw) => {
                        let halves = if split { split_in_two(raw) } else { None };
                        match halves {
                            Some((a, c)) => {
                                pieces.push(format!("{q}{a}{q}"));
                                pieces.push(format!("{q}{c}{q}"));
                            }
                            None => pieces.push(format!("{q}{raw}{q}")),
                        }
                    }
                    Part::Expr {
                        text,
                        is_str,
                        primary,
                    } => pieces.push(match (family, is_str) {
                        (_, true) if *primary => text.clone(),
                        (_, true) => format!("({text})"),
                        (Family::Python, false) => format!("str({text})"),
                        (Family::JavaScript, false) => format!("String({text})"),
                        (Family::Java, false) => format!("String.valueOf({text})"),
                        _ => return None,
                    }),
                }
            }
            if pieces.len() < 2 {
                return None;
            }
            pieces.join(" + ")
        }
        Form::FString => {
            if exprs
                .iter()
                .any(|(t, _, _)| t.contains([q, '\\', '\n', '{', '}', ':', '!', '#']))
            {
                return None;
            }
            let mut s = format!("f{q}");
            for part in &b.parts {
                match part {
                    Part::Lit(raw) => s.push_str(&raw.replace('{', "{{").replace('}', "}}")),
                    Part::Expr { text, .. } => s.push_str(&format!("{{{text}}}")),
                }
            }
            s.push(q);
            s
        }
        Form::DotFormat => format!(
            "{q}{}{q}.format({arg_list})",
            template("{}", |r| r.replace('{', "{{").replace('}', "}}"))
        ),
        Form::Percent => {
            let tuple = if exprs.len() == 1 {
                format!("({arg_list},)")
            } else {
                format!("({arg_list})")
            };
            format!(
                "{q}{}{q} % {tuple}",
                template("%s", |r| r.replace('%', "%%"))
            )
        }
        Form::Template => {
            if exprs.iter().any(|(t, _, _)| t.contains('`')) {
                return None;
            }
            let mut s = String::from("`");
            for part in &b.parts {
                match part {
                    Part::Lit(raw) => s.push_str(&raw.replace('`', "\\`").replace("${", "\\${")),
                    Part::Expr { text, .. } => s.push_str(&format!("${{{text}}}")),
                }
            }
            s.push('`');
            s
        }
        Form::FormatCall => {
            let callee = match family {
                Family::Java => "String.format",
                Family::Go => "fmt.Sprintf",
                _ => return None,
            };
            if lits.is_empty() {
                return None;
            }
            format!(
                "{callee}({q}{}{q}, {arg_list})",
                template("%s", |r| r.replace('%', "%%"))
            )
        }
    })
}

/// Splits a literal's raw text near its middle, never inside an escape sequence.
fn split_in_two(raw: &str) -> Option<(String, String)> {
    let chars: Vec<(usize, char)> = raw.char_indices().collect();
    if chars.len() < 2 {
        return None;
    }
    let middle = chars.len() / 2;
    for offset in 0..chars.len() {
        for i in [middle + offset, middle.wrapping_sub(offset)] {
            let Some(&(at, _)) = chars.get(i) else {
                continue;
            };
            if at == 0 {
                continue;
            }
            let left = &raw[..at];
            let trailing = left.chars().rev().take_while(|c| *c == '\\').count();
            if trailing % 2 == 0 {
                return Some((left.to_owned(), raw[at..].to_owned()));
            }
        }
    }
    None
}

/// Rewrites every string building expression into `form` (or, with `split`, into a
/// concatenation whose literal pieces are each split in two).
pub fn rewrite(family: Family, root: Node<'_>, src: &str, form: Form, split: bool) -> Edits {
    let mut edits = Edits::default();
    for node in descendants(root) {
        let Some(building) = parse(family, node, src) else {
            continue;
        };
        if building.form == form && !split {
            continue;
        }
        let Some(rendered) = render(family, &building, form, split) else {
            continue;
        };
        if family == Family::Go
            && form == Form::FormatCall
            && !src.contains("\"fmt\"")
            && let Some(package) = descendants(root)
                .into_iter()
                .find(|n| n.kind() == "package_clause")
        {
            edits.insert(package.end_byte(), "\n\nimport \"fmt\"");
        }
        edits.replace(node.byte_range(), rendered);
    }
    edits
}
