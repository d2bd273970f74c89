//! Mechanical red-teaming: rewrites of an example into semantically equivalent variants
//! that a rule should treat the same way — renamed locals, aliased and `from` imports,
//! strings built another way or split, values passed through a helper, a lambda, a list
//! or a dict, keyword arguments, method chains. Each move is a set of tree-sitter guided
//! text edits; a variant that no longer parses cleanly, or that equals its original, is
//! dropped. A move that does not apply to an example yields no variant.

mod calls;
mod edit;
pub(crate) mod names;
mod strings;
mod wrap;

use bluecode_syntax::{Document, Language};
use tree_sitter::Node;

pub(crate) use edit::descendants;
use strings::Form;
use wrap::Route;

/// The grammar family a language's moves are written for (TypeScript shares
/// JavaScript's, C++ shares C's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    Python,
    JavaScript,
    Go,
    Java,
    C,
}

impl Family {
    pub fn of(language: Language) -> Family {
        match language {
            Language::Python => Family::Python,
            Language::JavaScript | Language::TypeScript | Language::Tsx => Family::JavaScript,
            Language::Go => Family::Go,
            Language::Java => Family::Java,
            Language::C | Language::Cpp => Family::C,
        }
    }
}

/// One semantics-preserving rewrite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Move {
    RenameLocals,
    AliasImport,
    FromImport,
    SplitString,
    ToConcat,
    ToFString,
    ToDotFormat,
    ToPercent,
    ToTemplate,
    ToFormatCall,
    ThroughHelper,
    ThroughLambda,
    ThroughList,
    ThroughDict,
    KeywordArgument,
    MethodChain,
}

impl Move {
    pub const ALL: [Move; 16] = [
        Move::RenameLocals,
        Move::AliasImport,
        Move::FromImport,
        Move::SplitString,
        Move::ToConcat,
        Move::ToFString,
        Move::ToDotFormat,
        Move::ToPercent,
        Move::ToTemplate,
        Move::ToFormatCall,
        Move::ThroughHelper,
        Move::ThroughLambda,
        Move::ThroughList,
        Move::ThroughDict,
        Move::KeywordArgument,
        Move::MethodChain,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Move::RenameLocals => "rename-locals",
            Move::AliasImport => "alias-import",
            Move::FromImport => "from-import",
            Move::SplitString => "split-string",
            Move::ToConcat => "concatenation",
            Move::ToFString => "f-string",
            Move::ToDotFormat => "dot-format",
            Move::ToPercent => "percent-format",
            Move::ToTemplate => "template-literal",
            Move::ToFormatCall => "format-call",
            Move::ThroughHelper => "through-helper",
            Move::ThroughLambda => "through-lambda",
            Move::ThroughList => "through-list",
            Move::ThroughDict => "through-dict",
            Move::KeywordArgument => "keyword-argument",
            Move::MethodChain => "method-chain",
        }
    }

    fn edits(self, family: Family, root: Node<'_>, src: &str) -> edit::Edits {
        use Family as F;
        let string_form =
            |form: Form, split: bool| strings::rewrite(family, root, src, form, split);
        match (self, family) {
            (Move::RenameLocals, _) => names::rename_locals(family, root, src),
            (Move::AliasImport, _) => names::alias_import(family, root, src),
            (Move::FromImport, _) => names::from_import(family, root, src),
            (Move::SplitString, F::Python | F::JavaScript | F::Java | F::Go) => {
                string_form(Form::Concat, true)
            }
            (Move::ToConcat, F::Python | F::JavaScript | F::Java) => {
                string_form(Form::Concat, false)
            }
            (Move::ToFString, F::Python) => string_form(Form::FString, false),
            (Move::ToDotFormat, F::Python) => string_form(Form::DotFormat, false),
            (Move::ToPercent, F::Python) => string_form(Form::Percent, false),
            (Move::ToTemplate, F::JavaScript) => string_form(Form::Template, false),
            (Move::ToFormatCall, F::Java | F::Go) => string_form(Form::FormatCall, false),
            (Move::ThroughHelper, _) => wrap::route(family, root, src, Route::Helper),
            (Move::ThroughLambda, _) => wrap::route(family, root, src, Route::Lambda),
            (Move::ThroughList, _) => wrap::route(family, root, src, Route::List),
            (Move::ThroughDict, _) => wrap::route(family, root, src, Route::Dict),
            (Move::KeywordArgument, _) => calls::keyword_argument(family, root, src),
            (Move::MethodChain, _) => calls::method_chain(family, root, src),
            _ => edit::Edits::default(),
        }
    }
}

/// A rewritten example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub applied: Move,
    pub code: String,
}

/// Every variant of `code` the moves produce (at most one per move).
pub fn mutate(language: Language, code: &str) -> Vec<Variant> {
    let family = Family::of(language);
    let original = Document::new(Some(language), code.to_owned());
    let Some(tree) = original.tree() else {
        return Vec::new();
    };
    let original_broken = tree.root_node().has_error();
    let mut variants = Vec::new();
    for applied in Move::ALL {
        let edits = applied.edits(family, tree.root_node(), code);
        if edits.is_empty() {
            continue;
        }
        let Some(rewritten) = edits.apply(code) else {
            continue;
        };
        if rewritten == code {
            continue;
        }
        let parsed = Document::new(Some(language), rewritten.clone());
        let clean = parsed.tree().is_some_and(|t| !t.root_node().has_error());
        if clean || original_broken {
            variants.push(Variant {
                applied,
                code: rewritten,
            });
        } else {
            tracing::debug!(applied = applied.name(), "variant does not parse; dropped");
        }
    }
    variants
}

#[cfg(test)]
mod tests;
