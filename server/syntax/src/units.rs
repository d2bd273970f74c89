//! Function units: the module top level plus every function, method and named closure.
//! Each unit has a stable id (its qualified name, with `#N` for repeats), its byte range,
//! its *own* ranges (its range minus nested units) and a hash of its own text, so an edit
//! inside one function changes that function's hash and nobody else's.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use tree_sitter::Node;
use xxhash_rust::xxh3::Xxh3;

use crate::document::Document;
use crate::language::Language;
use crate::unit_id::UnitId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitKind {
    /// Top-level code: everything outside functions.
    Module,
    /// A function, method, or closure with a body.
    Function,
}

/// One function unit of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Qualified name, unique in the document: `module`, `Cart.total`, `handler#2`.
    pub id: UnitId,
    pub kind: UnitKind,
    /// The whole node (the whole text for the module unit).
    pub range: Range<usize>,
    /// `range` minus the ranges of units nested in it, in order.
    pub own_ranges: Vec<Range<usize>>,
    /// Index of the enclosing unit in the extraction order (`None` for the module).
    pub parent: Option<usize>,
    /// Hash of the own text and the ids of nested units.
    pub hash: u64,
}

impl Unit {
    pub fn contains_own(&self, offset: usize) -> bool {
        self.own_ranges.iter().any(|r| r.contains(&offset))
    }
}

/// Which units changed between two extractions of the same document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitDiff {
    /// Ids of units that are new or whose hash differs.
    pub changed: Vec<UnitId>,
    /// Ids of units that no longer exist.
    pub removed: Vec<UnitId>,
}

pub fn diff_units(old: &[Unit], new: &[Unit]) -> UnitDiff {
    let old_hashes: HashMap<&str, u64> = old.iter().map(|u| (u.id.as_str(), u.hash)).collect();
    let new_ids: HashSet<&str> = new.iter().map(|u| u.id.as_str()).collect();
    UnitDiff {
        changed: new
            .iter()
            .filter(|u| old_hashes.get(u.id.as_str()) != Some(&u.hash))
            .map(|u| u.id.clone())
            .collect(),
        removed: old
            .iter()
            .filter(|u| !new_ids.contains(u.id.as_str()))
            .map(|u| u.id.clone())
            .collect(),
    }
}

/// A document's units and comments, found in one walk of its tree.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// The module unit first, then functions in document order.
    pub units: Vec<Unit>,
    /// Byte ranges of the comments, in document order (a comment inside a comment, as in
    /// some doc-comment grammars, is part of the outer one).
    pub comments: Vec<Range<usize>>,
}

/// Extracts the units of a parsed document; the module unit always comes first.
/// A document without a tree has only the module unit.
pub fn extract_units(doc: &Document) -> Vec<Unit> {
    outline(doc).units
}

/// The units and the comments of a document. On every keystroke both are needed, and
/// walking a large tree once instead of twice is most of the cost of an edit.
pub fn outline(doc: &Document) -> Outline {
    let text = doc.text();
    let mut units = vec![module_unit(text)];
    let mut comments = Vec::new();
    if let (Some(tree), Some(language)) = (doc.tree(), doc.language()) {
        collect(tree.root_node(), language, text, &mut units, &mut comments);
    }
    number_repeats(&mut units);
    finish(&mut units, text);
    Outline { units, comments }
}

fn module_unit(text: &str) -> Unit {
    Unit {
        id: UnitId::module(),
        kind: UnitKind::Module,
        range: 0..text.len(),
        own_ranges: Vec::new(),
        parent: None,
        hash: 0,
    }
}

/// What the last outline found in each top-level node, by the node's kind and text: an
/// edit changes one of them, and the others are not walked again. Only the nodes of the
/// last outline are kept.
#[derive(Debug, Clone, Default)]
pub struct OutlineCache {
    children: HashMap<ChildKey, ChildOutline>,
}

/// A top-level node: its kind, the hash and the length of its text.
type ChildKey = (u16, u64, usize);

/// The units and comments inside one top-level node, relative to its start.
#[derive(Debug, Clone)]
struct ChildOutline {
    /// Qualified name without the `#N` of repeats (numbered over the whole document),
    /// range, and the enclosing unit: `None` for the module, else an index in this list.
    units: Vec<(String, Range<usize>, Option<usize>)>,
    comments: Vec<Range<usize>>,
}

/// [`outline`], walking only the top-level nodes `cache` does not know (the hashing and
/// the cache are worth it from a document's first edit on, not for a one-off outline).
pub fn outline_cached(doc: &Document, cache: &mut OutlineCache) -> Outline {
    let text = doc.text();
    let mut units = vec![module_unit(text)];
    let mut comments = Vec::new();
    if let (Some(tree), Some(language)) = (doc.tree(), doc.language()) {
        let root = tree.root_node();
        let mut previous = std::mem::take(&mut cache.children);
        let mut cursor = root.walk();
        let children: Vec<Node> = if interesting_kinds(language).is_comment(root) {
            comments.push(root.byte_range());
            Vec::new()
        } else {
            root.children(&mut cursor).collect()
        };
        for child in children {
            let range = child.byte_range();
            let key = (
                child.kind_id(),
                xxhash_rust::xxh3::xxh3_64(text.as_bytes().get(range.clone()).unwrap_or_default()),
                range.len(),
            );
            let found = previous
                .remove(&key)
                .unwrap_or_else(|| child_outline(child, language, text));
            place(&found, range.start, &mut units, &mut comments);
            // An anonymous unit is named by its line, which moves with the node.
            if !found
                .units
                .iter()
                .any(|(name, ..)| name.starts_with("<anonymous@"))
            {
                cache.children.insert(key, found);
            }
        }
    }
    number_repeats(&mut units);
    finish(&mut units, text);
    Outline { units, comments }
}

/// The units and comments inside the top-level node `child`.
fn child_outline(child: Node, language: Language, text: &str) -> ChildOutline {
    let start = child.start_byte();
    // Index 0 stands for the module, as in a whole-document walk.
    let mut units = vec![module_unit("")];
    let mut comments = Vec::new();
    collect(child, language, text, &mut units, &mut comments);
    ChildOutline {
        units: units
            .into_iter()
            .skip(1)
            .map(|u| {
                let parent = u.parent.filter(|p| *p > 0).map(|p| p - 1);
                let range = u.range.start - start..u.range.end - start;
                (u.id.as_str().to_owned(), range, parent)
            })
            .collect(),
        comments: comments
            .into_iter()
            .map(|c| c.start - start..c.end - start)
            .collect(),
    }
}

/// Appends what `child` holds, as found at `offset`.
fn place(
    child: &ChildOutline,
    offset: usize,
    units: &mut Vec<Unit>,
    comments: &mut Vec<Range<usize>>,
) {
    let base = units.len();
    for (name, range, parent) in &child.units {
        units.push(Unit {
            id: UnitId::new(name.clone()),
            kind: UnitKind::Function,
            range: range.start + offset..range.end + offset,
            own_ranges: Vec::new(),
            parent: Some(parent.map_or(0, |p| base + p)),
            hash: 0,
        });
    }
    comments.extend(
        child
            .comments
            .iter()
            .map(|c| c.start + offset..c.end + offset),
    );
}

/// `handler`, `handler#2`, … in document order.
fn number_repeats(units: &mut [Unit]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for unit in units.iter_mut().skip(1) {
        let count = seen.entry(unit.id.as_str().to_owned()).or_insert(0);
        *count += 1;
        if *count > 1 {
            unit.id = UnitId::new(format!("{}#{count}", unit.id.as_str()));
        }
    }
}

/// A cursor walk (deeply nested input must not overflow the stack, and per-node
/// allocation would dominate the cost), tracking the qualified-name scope and the
/// enclosing unit as nodes are entered and left.
fn collect(
    root: Node,
    language: Language,
    text: &str,
    units: &mut Vec<Unit>,
    comments: &mut Vec<Range<usize>>,
) {
    let mut scope: Vec<String> = Vec::new();
    // Per entered node: whether it pushed a scope name, and the enclosing unit before it.
    let mut entered: Vec<(bool, usize)> = Vec::new();
    let mut parent_unit = 0;
    let kinds = interesting_kinds(language);
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        let mut pushed = false;
        let enclosing = parent_unit;
        let is_comment = kinds.is_comment(node);
        if is_comment {
            comments.push(node.byte_range());
        } else if !kinds.is_candidate(node) {
            // Most nodes: neither a unit nor a name container.
        } else if is_function(node, language) {
            let name = function_name(node, language, text)
                .unwrap_or_else(|| format!("<anonymous@{}>", node.start_position().row + 1));
            // Repeats are numbered once the whole document is known (`number_repeats`).
            let id = UnitId::new(qualify(&scope, &name));
            scope.push(name);
            pushed = true;
            units.push(Unit {
                id,
                kind: UnitKind::Function,
                range: node.byte_range(),
                own_ranges: Vec::new(),
                parent: Some(parent_unit),
                hash: 0,
            });
            parent_unit = units.len() - 1;
        } else if let Some(name) = container_name(node, language, text) {
            scope.push(name);
            pushed = true;
        }
        entered.push((pushed, enclosing));
        if !is_comment && cursor.goto_first_child() {
            continue;
        }
        loop {
            let Some((pushed, enclosing)) = entered.pop() else {
                return;
            };
            if pushed {
                scope.pop();
            }
            parent_unit = enclosing;
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

fn qualify(scope: &[String], name: &str) -> String {
    if scope.is_empty() {
        name.to_owned()
    } else {
        format!("{}.{}", scope.join("."), name)
    }
}

/// Computes own ranges and hashes once all units are known.
fn finish(units: &mut [Unit], text: &str) {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); units.len()];
    for (i, unit) in units.iter().enumerate() {
        if let Some(p) = unit.parent {
            children[p].push(i);
        }
    }
    for i in 0..units.len() {
        let mut nested: Vec<(Range<usize>, &str)> = children[i]
            .iter()
            .map(|&c| (units[c].range.clone(), units[c].id.as_str()))
            .collect();
        nested.sort_by_key(|(r, _)| r.start);
        let mut own = Vec::new();
        let mut hasher = Xxh3::new();
        let mut cursor = units[i].range.start;
        for (range, id) in &nested {
            if range.start > cursor {
                own.push(cursor..range.start);
                hasher.update(text.as_bytes().get(cursor..range.start).unwrap_or_default());
            }
            hasher.update(b"\0unit:");
            hasher.update(id.as_bytes());
            cursor = cursor.max(range.end);
        }
        let end = units[i].range.end;
        if end > cursor {
            own.push(cursor..end);
            hasher.update(text.as_bytes().get(cursor..end).unwrap_or_default());
        }
        units[i].own_ranges = own;
        units[i].hash = hasher.digest();
    }
}

/// Kind ids of the nodes that can be units or name containers, per language: comparing
/// ids is far cheaper than comparing `Node::kind()` strings on every node.
struct InterestingKinds {
    ids: Vec<u16>,
    /// Every kind whose name ends in `comment` (`line_comment`, `block_comment`, …).
    comments: Vec<u16>,
}

const CANDIDATE_KINDS: [&str; 24] = [
    "function_definition",
    "lambda",
    "function_declaration",
    "generator_function_declaration",
    "method_definition",
    "function_expression",
    "function",
    "generator_function",
    "arrow_function",
    "method_declaration",
    "func_literal",
    "constructor_declaration",
    "compact_constructor_declaration",
    "lambda_expression",
    "class_definition",
    "class_declaration",
    "class",
    "abstract_class_declaration",
    "interface_declaration",
    "enum_declaration",
    "record_declaration",
    "class_specifier",
    "struct_specifier",
    "namespace_definition",
];

fn interesting_kinds(language: Language) -> &'static InterestingKinds {
    static CACHE: OnceLock<Vec<InterestingKinds>> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        Language::ALL
            .iter()
            .map(|l| {
                let grammar = l.grammar();
                let mut ids: Vec<u16> = CANDIDATE_KINDS
                    .iter()
                    .map(|k| grammar.id_for_node_kind(k, true))
                    .filter(|id| *id != 0)
                    .collect();
                ids.sort_unstable();
                // Ids, not names: `Node::kind` costs a strlen and a UTF-8 check per node.
                let comments = (0..grammar.node_kind_count())
                    .filter_map(|id| u16::try_from(id).ok())
                    .filter(|id| {
                        grammar
                            .node_kind_for_id(*id)
                            .is_some_and(|k| k.ends_with("comment"))
                    })
                    .collect();
                InterestingKinds { ids, comments }
            })
            .collect()
    });
    let index = Language::ALL
        .iter()
        .position(|l| *l == language)
        .unwrap_or(0);
    &all[index]
}

impl InterestingKinds {
    fn is_comment(&self, node: Node) -> bool {
        self.comments.contains(&node.kind_id())
    }

    fn is_candidate(&self, node: Node) -> bool {
        node.is_named() && self.ids.binary_search(&node.kind_id()).is_ok()
    }
}

fn is_function(node: Node, language: Language) -> bool {
    if !node.is_named() {
        return false;
    }
    let kind = node.kind();
    match language {
        Language::Python => {
            kind == "function_definition" || (kind == "lambda" && bound_name_node(node).is_some())
        }
        l if l.is_js_family() => match kind {
            "function_declaration" | "generator_function_declaration" | "method_definition" => true,
            "function_expression" | "function" | "generator_function" => true,
            "arrow_function" => {
                bound_name_node(node).is_some()
                    || node
                        .child_by_field_name("body")
                        .is_some_and(|b| b.kind() == "statement_block")
            }
            _ => false,
        },
        Language::Go => matches!(
            kind,
            "function_declaration" | "method_declaration" | "func_literal"
        ),
        Language::Java => match kind {
            "method_declaration"
            | "constructor_declaration"
            | "compact_constructor_declaration" => true,
            "lambda_expression" => node
                .child_by_field_name("body")
                .is_some_and(|b| b.kind() == "block"),
            _ => false,
        },
        _ => matches!(kind, "function_definition" | "lambda_expression"),
    }
}

/// The node naming a closure: the variable or property it is assigned to.
fn bound_name_node(node: Node) -> Option<Node> {
    let parent = node.parent()?;
    let name = match parent.kind() {
        "variable_declarator" | "public_field_definition" | "field_definition" => parent
            .child_by_field_name("name")
            .or_else(|| parent.child_by_field_name("property")),
        "assignment" | "assignment_expression" | "augmented_assignment" => {
            parent.child_by_field_name("left")
        }
        "pair" => parent.child_by_field_name("key"),
        "init_declarator" => parent.child_by_field_name("declarator"),
        "expression_list" => {
            let grand = parent.parent()?;
            matches!(
                grand.kind(),
                "short_var_declaration" | "assignment_statement"
            )
            .then(|| grand.child_by_field_name("left"))
            .flatten()
        }
        _ => None,
    }?;
    (name.byte_range() != node.byte_range()).then_some(name)
}

fn node_text<'t>(node: Node, text: &'t str) -> &'t str {
    text.get(node.byte_range()).unwrap_or_default()
}

fn function_name(node: Node, language: Language, text: &str) -> Option<String> {
    if let Some(name) = node.child_by_field_name("name") {
        return Some(node_text(name, text).to_owned());
    }
    if matches!(language, Language::C | Language::Cpp) && node.kind() == "function_definition" {
        return c_declarator_name(node, text);
    }
    if let Some(bound) = bound_name_node(node) {
        return Some(compact(node_text(bound, text)));
    }
    // A callback passed to a call: name it after the callee (`app.get`, `router.post`).
    let mut parent = node.parent()?;
    if parent.kind() == "arguments" || parent.kind() == "argument_list" {
        parent = parent.parent()?;
    }
    let callee = parent.child_by_field_name("function")?;
    Some(format!("{}(callback)", compact(node_text(callee, text))))
}

/// Follows C/C++ declarators (`*f(int)`, `ns::Cls::f`) down to the declared name.
fn c_declarator_name(node: Node, text: &str) -> Option<String> {
    let mut current = node.child_by_field_name("declarator")?;
    for _ in 0..16 {
        match current.kind() {
            "identifier"
            | "field_identifier"
            | "qualified_identifier"
            | "destructor_name"
            | "operator_name" => return Some(compact(node_text(current, text))),
            _ => current = current.child_by_field_name("declarator")?,
        }
    }
    None
}

fn container_name(node: Node, language: Language, text: &str) -> Option<String> {
    let is_container = match language {
        Language::Python => node.kind() == "class_definition",
        l if l.is_js_family() => matches!(
            node.kind(),
            "class_declaration" | "class" | "abstract_class_declaration" | "interface_declaration"
        ),
        Language::Java => matches!(
            node.kind(),
            "class_declaration"
                | "interface_declaration"
                | "enum_declaration"
                | "record_declaration"
        ),
        Language::Cpp => matches!(
            node.kind(),
            "class_specifier" | "struct_specifier" | "namespace_definition"
        ),
        _ => false,
    };
    if !is_container {
        return None;
    }
    node.child_by_field_name("name")
        .map(|n| compact(node_text(n, text)))
}

/// Whitespace-free, bounded form of a name expression.
fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).take(80).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::TextChange;

    fn ids(lang: Language, src: &str) -> Vec<String> {
        let doc = Document::new(Some(lang), src.into());
        extract_units(&doc)
            .into_iter()
            .map(|u| u.id.into())
            .collect()
    }

    #[test]
    fn units_per_language() {
        assert_eq!(
            ids(
                Language::Python,
                "class A:\n    def f(self):\n        def g(): pass\n\nh = lambda x: x\ndef f(): pass\n"
            ),
            ["module", "A.f", "A.f.g", "h", "f"]
        );
        assert_eq!(
            ids(
                Language::JavaScript,
                "class C { m() {} }\nconst k = () => 1;\napp.get('/', (req, res) => { res.send(1); });\nfunction f() {}\nfunction f() {}\n"
            ),
            ["module", "C.m", "k", "app.get(callback)", "f", "f#2"]
        );
        assert_eq!(
            ids(
                Language::Go,
                "package p\nfunc (s *S) M() {}\nfunc F() { g := func() {}; g() }\n"
            ),
            ["module", "M", "F", "F.g"]
        );
        assert_eq!(
            ids(
                Language::Java,
                "class A { A() {} void m() { Runnable r = () -> { }; } }"
            ),
            ["module", "A.A", "A.m", "A.m.r"]
        );
        assert_eq!(
            ids(Language::C, "static char *copy(char *d) { return d; }"),
            ["module", "copy"]
        );
        assert_eq!(
            ids(
                Language::Cpp,
                "namespace n { struct S { void m() {} }; }\nvoid n::S::x() { auto l = [](){}; }"
            ),
            ["module", "n.S.m", "n::S::x", "n::S::x.l"]
        );
    }

    #[test]
    fn the_outline_lists_every_comment_once_in_order() {
        let comment_texts = |lang, src: &str| {
            let doc = Document::new(Some(lang), src.into());
            outline(&doc)
                .comments
                .into_iter()
                .map(|r| src[r].to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            comment_texts(
                Language::Python,
                "# top
def f(x):  # tail
    return [x,  # inside
    ]
"
            ),
            ["# top", "# tail", "# inside"]
        );
        assert_eq!(
            comment_texts(
                Language::Java,
                "/** doc */ class A { void m() { int x = 1; // why
 } }"
            ),
            ["/** doc */", "// why"]
        );
        assert_eq!(
            comment_texts(
                Language::Go,
                "package p
/* a */ func F() { /* b */ }
"
            ),
            ["/* a */", "/* b */"]
        );
    }

    #[test]
    fn an_edit_inside_a_function_changes_only_that_unit() {
        let src = "import os\n\ndef a(x):\n    os.system(x)\n\ndef b(y):\n    return y\n";
        let mut doc = Document::new(Some(Language::Python), src.into());
        let before = extract_units(&doc);
        let at = doc.text().find("return y").unwrap();
        doc.apply_all([TextChange {
            range: Some(at..at + 8),
            text: "return y + 1".into(),
        }]);
        let after = extract_units(&doc);
        let diff = diff_units(&before, &after);
        assert_eq!(diff.changed, ["b"]);
        assert!(diff.removed.is_empty());
        // The module's own text excludes function bodies.
        let module = &after[0];
        assert!(!module.contains_own(doc.text().find("os.system").unwrap()));
        assert!(module.contains_own(0));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let src = format!("x = {}1{}\n", "(".repeat(5000), ")".repeat(5000));
        let doc = Document::new(Some(Language::Python), src);
        assert_eq!(extract_units(&doc).len(), 1);
    }

    #[test]
    fn a_cached_outline_is_the_outline_after_every_edit() {
        let cases = [
            (
                Language::Python,
                "import os\n# top\nclass A:\n    def f(self):\n        def g(): pass\n\ndef f(): pass\n\ndef f(): pass\nh = lambda x: x\n",
                [
                    "def f(): pass\n\ndef f",
                    "# top",
                    "class A:",
                    "h = lambda",
                    "import os",
                ],
            ),
            (
                Language::JavaScript,
                "// a\nfunction f() {}\nfunction f() {}\napp.get('/', (req, res) => { res.send(1); });\nclass C { m() { /* c */ } }\n",
                [
                    "function f() {}\nfunction",
                    "// a",
                    "class C",
                    "app.get",
                    "res.send(1)",
                ],
            ),
            (
                Language::Go,
                "package m\n\nfunc a() {}\n\n// b\nfunc b() { go func() {}() }\n",
                [
                    "func a() {}",
                    "// b",
                    "go func() {}()",
                    "package m",
                    "func b",
                ],
            ),
        ];
        for (language, src, edited) in cases {
            let mut doc = Document::new(Some(language), src.into());
            let mut cache = OutlineCache::default();
            assert_eq!(outline_cached(&doc, &mut cache), outline(&doc));
            // Each edit: insert a line before the text, then duplicate it, then remove it.
            for anchor in edited {
                for change in ["\n\n", anchor, ""] {
                    let at = doc.text().find(anchor).expect("anchor present");
                    let range = if change.is_empty() {
                        Some(at..at + anchor.len())
                    } else {
                        Some(at..at)
                    };
                    doc.apply_all([TextChange {
                        range,
                        text: change.into(),
                    }]);
                    if !doc.text().contains(anchor) {
                        doc.apply_all([TextChange {
                            range: Some(at..at),
                            text: anchor.into(),
                        }]);
                    }
                    assert_eq!(
                        outline_cached(&doc, &mut cache),
                        outline(&doc),
                        "{language:?} after {change:?} at {anchor:?}:\n{}",
                        doc.text()
                    );
                }
            }
        }
    }
}
