//! A node's child by field name, with the name's field id looked up once per grammar.
//! tree-sitter's `child_by_field_name` compares the name with every field name of the
//! grammar on each call; the taint walker asks for `function`, `arguments`, `object`…
//! at every call and member access it evaluates, which made those comparisons 3 % of an
//! indexed scan.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use tree_sitter::Node;

/// Keeps the last `usize` written: a grammar's `Language` hashes as its pointer, so this
/// gives the grammar's identity, not a digest that two grammars could share.
#[derive(Default)]
struct Address(usize);

impl Hasher for Address {
    fn finish(&self) -> u64 {
        self.0 as u64
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ usize::from(*b);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = n;
    }
}

thread_local! {
    /// (grammar, field name's address) → the field's id (0: the grammar has no such field).
    static FIELD_IDS: RefCell<HashMap<(usize, usize), u16>> = RefCell::new(HashMap::new());
}

/// `node`'s child in the field `name` (as `Node::child_by_field_name`).
pub fn field<'t>(node: Node<'t>, name: &'static str) -> Option<Node<'t>> {
    let language = node.language();
    let mut grammar = Address::default();
    (*language).hash(&mut grammar);
    let key = (grammar.0, name.as_ptr() as usize);
    let id = FIELD_IDS.with(|ids| {
        *ids.borrow_mut()
            .entry(key)
            .or_insert_with(|| language.field_id_for_name(name).map_or(0, |id| id.get()))
    });
    if id == 0 {
        return None;
    }
    node.child_by_field_id(id)
}

#[cfg(test)]
mod tests {
    use super::field;
    use crate::{Document, Language};

    #[test]
    fn a_field_is_the_named_child_in_every_grammar() {
        for (language, text) in [
            (Language::Python, "run(a, b)\n"),
            (Language::JavaScript, "run(a, b);\n"),
            (Language::Go, "package p\nfunc f() { run(a, b) }\n"),
        ] {
            let doc = Document::new(Some(language), text.to_owned());
            let tree = doc.tree().expect("parsed");
            let mut stack = vec![tree.root_node()];
            let mut calls = 0;
            while let Some(node) = stack.pop() {
                for name in ["function", "arguments", "no_such_field"] {
                    assert_eq!(field(node, name), node.child_by_field_name(name), "{name}");
                }
                calls += usize::from(node.kind().contains("call"));
                let mut cursor = node.walk();
                stack.extend(node.children(&mut cursor));
            }
            assert!(calls > 0, "{language:?}");
        }
    }
}
