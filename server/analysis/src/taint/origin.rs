//! Where a local's value comes from, read from its declaration in the enclosing function:
//! its declared type (`std::ifstream in(path);`) and the constructor or call that made it
//! (`Socket client = new Socket(host, port);`), or the text a URL object was parsed from.
//! The walker asks when a path is about to count as a source and when a check names a
//! parsed URL's host.

use bluecode_syntax::Language;
use tree_sitter::Node;

use super::Walker;
use super::lang::{self, Class, classify};
use crate::resolve::enclosing_function;

impl<'t> Walker<'_, 't> {
    /// The declared type of local `name` (`std::ifstream in(path);` → `std.ifstream`):
    /// the last declaration of it in the enclosing function before the use.
    pub(super) fn declared_cpp_type(&self, name: Node<'t>) -> Option<Vec<String>> {
        let declaration = self.last_declaration(name)?;
        let ty = declaration.child_by_field_name("type")?;
        Some(
            self.text_of(ty)
                .split("::")
                .map(|s| s.trim().to_owned())
                .collect(),
        )
    }

    /// Whether the receiver at the root of `node` (`client` of
    /// `client.getInputStream()`) was made by one of the model's `outbound_clients`: a
    /// connection the program opened to a peer it chose, whose data is that peer's.
    pub(super) fn reads_outbound_client(&self, node: Node<'t>) -> bool {
        if self.model.outbound_clients.is_empty() {
            return false;
        }
        let Some(root) = receiver_root(node).filter(|r| r.id() != node.id()) else {
            return false;
        };
        // Every source read on a receiver asks; a function that never names an outbound
        // client (most of them) answers once, without walking its tree.
        let Some(function) = enclosing_function(root) else {
            return false;
        };
        let names_one = *self
            .lookups
            .outbound_functions
            .borrow_mut()
            .entry(function.id())
            .or_insert_with(|| {
                let text = self.text_of(function);
                self.model
                    .outbound_clients
                    .iter()
                    .any(|c| text.contains(c.rsplit('.').next().unwrap_or(c)))
            });
        if !names_one {
            return false;
        }
        let Some(mut value) = self.last_initializer(root) else {
            return false;
        };
        while matches!(value.kind(), "cast_expression" | "parenthesized_expression") {
            match value
                .child_by_field_name("value")
                .or_else(|| value.named_child(value.named_child_count().saturating_sub(1)))
            {
                Some(inner) if inner.id() != value.id() => value = inner,
                _ => break,
            }
        }
        let made_by = match value.kind() {
            "object_creation_expression" | "new_expression" => value
                .child_by_field_name("type")
                .or_else(|| value.child_by_field_name("constructor"))
                .map(|t| self.text_of(t)),
            "method_invocation" => value.child_by_field_name("name").map(|n| self.text_of(n)),
            _ => None,
        };
        let Some(made_by) = made_by else {
            return false;
        };
        let made_by = made_by.split('<').next().unwrap_or(made_by).trim();
        let short = made_by.rsplit('.').next().unwrap_or(made_by);
        self.model
            .outbound_clients
            .iter()
            .any(|c| c == made_by || c == short)
    }

    /// The declaration of local `name` last written before its use in the enclosing
    /// function (a C/C++ `declaration`, a Java `local_variable_declaration`).
    fn last_declaration(&self, name: Node<'t>) -> Option<Node<'t>> {
        let wanted = self.text_of(name);
        let mut found = None;
        self.visit_before(name, |node| {
            if matches!(node.kind(), "declaration" | "local_variable_declaration") {
                let mut cursor = node.walk();
                let declares = node
                    .children_by_field_name("declarator", &mut cursor)
                    .any(|d| {
                        let d = d
                            .child_by_field_name("declarator")
                            .or_else(|| d.child_by_field_name("name"))
                            .unwrap_or(d);
                        self.text_of(d) == wanted
                    });
                if declares {
                    found = Some(node);
                }
            }
        });
        found
    }

    /// The value local `name` was last given before its use in the enclosing function:
    /// `T name = value;` or `name = value;`.
    pub(super) fn last_initializer(&self, name: Node<'t>) -> Option<Node<'t>> {
        let wanted = self.text_of(name);
        let mut found = None;
        self.visit_before(name, |node| match node.kind() {
            "variable_declarator" | "init_declarator" | "resource"
                if node
                    .child_by_field_name("name")
                    .or_else(|| node.child_by_field_name("declarator"))
                    .is_some_and(|n| self.text_of(n) == wanted) =>
            {
                found = node.child_by_field_name("value");
            }
            "assignment_expression" | "assignment"
                if node
                    .child_by_field_name("left")
                    .is_some_and(|n| self.text_of(n) == wanted) =>
            {
                found = node.child_by_field_name("right");
            }
            // Go: `u, err := url.Parse(raw)` gives `u` the first value.
            "short_var_declaration" | "assignment_statement"
                if node
                    .child_by_field_name("left")
                    .and_then(|l| l.named_child(0))
                    .is_some_and(|n| self.text_of(n) == wanted) =>
            {
                found = node
                    .child_by_field_name("right")
                    .and_then(|r| r.named_child(0));
            }
            _ => {}
        });
        found
    }

    /// The text local `url` was parsed from, when its last value is one of the model's
    /// `url_parsers` called on a plain name (`const u = new URL(next, SITE)` → `next`).
    pub(super) fn url_parsed_from(&self, url: Node<'t>) -> Option<Node<'t>> {
        if self.model.url_parsers.is_empty() || classify(url, self.language) != Class::Identifier {
            return None;
        }
        let value = lang::unwrapped(self.last_initializer(url)?);
        if classify(value, self.language) != Class::Call {
            return None;
        }
        let path = self.call_path(value)?;
        let dotted = path.join(".");
        let parses = self
            .model
            .url_parsers
            .iter()
            .any(|p| *p == dotted || (!p.contains('.') && path.last() == Some(p)));
        if !parses {
            return None;
        }
        lang::call_parts(value)
            .1
            .first()
            .copied()
            .filter(|a| self.is_plain_name(*a))
    }

    /// Whether `node` reads a part of a parsed URL that starts with its own delimiter
    /// (`parsed.search` of `parsed = new URL(text, base)`).
    pub(super) fn delimited_url_part(&self, node: Node<'t>) -> bool {
        let Some(property) = lang::member_name(node).map(|n| self.text_of(n)) else {
            return false;
        };
        self.model.delimited_url_parts.iter().any(|p| p == property)
            && lang::member_object(node).is_some_and(|o| self.url_parsed_from(o).is_some())
    }

    /// Whether a reader call takes from a descriptor of a local file: its first argument
    /// is a local last given the result of one of the model's `local_file_openers`
    /// (`int fd = open(path, O_RDONLY); read(fd, buf, n)`).
    pub(super) fn reads_local_file(&self, call: Node<'t>) -> bool {
        if self.model.local_file_openers.is_empty() || classify(call, self.language) != Class::Call
        {
            return false;
        }
        lang::call_parts(call)
            .1
            .first()
            .is_some_and(|fd| self.is_local_file_descriptor(*fd))
    }

    /// In a summary walk of C/C++: the bit of the parameter a reader call takes its
    /// descriptor from (`read(fd, …)` in `char *slurp(int fd)`), else 0.
    pub(super) fn descriptor_parameter(&self, call: Node<'t>) -> u64 {
        let Some(state) = self.summary.as_ref() else {
            return 0;
        };
        if !matches!(self.language, Language::C | Language::Cpp)
            || classify(call, self.language) != Class::Call
        {
            return 0;
        }
        let first = lang::call_parts(call)
            .1
            .first()
            .copied()
            .filter(|a| classify(*a, self.language) == Class::Identifier);
        first
            .and_then(|fd| state.params.iter().position(|p| p == self.text_of(fd)))
            .filter(|i| *i < 64)
            .map_or(0, |i| 1 << i)
    }

    /// Whether `arg` is a local last given one of the model's `local_file_openers`
    /// (`int fd = open(path, O_RDONLY)`): a descriptor of a local file.
    pub(super) fn is_local_file_descriptor(&self, arg: Node<'t>) -> bool {
        if arg.kind() == "subscript_expression" {
            return self.is_local_pipe_end(arg);
        }
        classify(arg, self.language) == Class::Identifier
            && self
                .last_initializer(arg)
                .is_some_and(|value| self.calls_one_of(value, &self.model.local_file_openers))
    }

    /// Whether `node` is a call of a function named one of `names` (its last segment).
    fn calls_one_of(&self, node: Node<'t>, names: &[String]) -> bool {
        classify(node, self.language) == Class::Call
            && self
                .call_path(node)
                .is_some_and(|p| p.last().is_some_and(|n| names.contains(n)))
    }

    /// `fds[0]` after `pipe(fds)` earlier in the function: a channel the program made
    /// for itself and its children (one of the model's `local_pipe_makers`).
    fn is_local_pipe_end(&self, end: Node<'t>) -> bool {
        let Some(array) = end
            .child_by_field_name("argument")
            .filter(|a| a.kind() == "identifier")
        else {
            return false;
        };
        let wanted = self.text_of(array);
        let mut made = false;
        self.visit_before(end, |node| {
            if self.calls_one_of(node, &self.model.local_pipe_makers)
                && lang::call_parts(node)
                    .1
                    .first()
                    .is_some_and(|a| self.text_of(*a) == wanted)
            {
                made = true;
            }
        });
        made
    }

    /// The parsed URL whose host `node` reads (`target.host`, `u.netloc`), if it is one.
    pub(super) fn host_read(&self, node: Node<'t>) -> Option<Node<'t>> {
        if classify(node, self.language) != Class::Member {
            return None;
        }
        let property = self.text_of(lang::member_name(node)?);
        if !self.model.host_properties.iter().any(|h| h == property) {
            return None;
        }
        lang::member_object(node).filter(|o| classify(*o, self.language) == Class::Identifier)
    }

    /// Visits, in source order, the nodes of the function around `use_site` that start
    /// before it (nested functions excluded).
    fn visit_before(&self, use_site: Node<'t>, mut visit: impl FnMut(Node<'t>)) {
        let Some(function) = enclosing_function(use_site) else {
            return;
        };
        let mut stack = vec![function];
        while let Some(node) = stack.pop() {
            if node.start_byte() >= use_site.start_byte() {
                continue;
            }
            if node.id() != function.id() && lang::is_function_like(node) {
                continue;
            }
            visit(node);
            let mut cursor = node.walk();
            let children: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
            stack.extend(children.into_iter().rev());
        }
    }
}

/// The identifier a member or call chain starts from (`client` of
/// `client.getInputStream().read()`).
fn receiver_root(node: Node) -> Option<Node> {
    let mut current = node;
    for _ in 0..16 {
        let next = match current.kind() {
            "identifier" => return Some(current),
            "method_invocation" | "field_access" => current.child_by_field_name("object"),
            "call_expression" => current.child_by_field_name("function"),
            "member_expression" | "field_expression" => current
                .child_by_field_name("object")
                .or_else(|| current.child_by_field_name("argument")),
            _ => None,
        };
        current = next?;
    }
    None
}
