//! The languages bluecode parses, and how a file's language is chosen: the editor's
//! `languageId` first, the file extension second.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// A language with a tree-sitter grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Python,
    JavaScript,
    TypeScript,
    Tsx,
    Go,
    Java,
    C,
    Cpp,
}

impl Language {
    pub const ALL: [Language; 8] = [
        Language::Python,
        Language::JavaScript,
        Language::TypeScript,
        Language::Tsx,
        Language::Go,
        Language::Java,
        Language::C,
        Language::Cpp,
    ];

    /// The name used in constitution files and configuration.
    pub fn name(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::JavaScript => "javascript",
            Language::TypeScript => "typescript",
            Language::Tsx => "tsx",
            Language::Go => "go",
            Language::Java => "java",
            Language::C => "c",
            Language::Cpp => "cpp",
        }
    }

    pub fn from_name(name: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.name() == name)
    }

    /// Maps an LSP `languageId` (as VS Code and Neovim send them) to a language.
    pub fn from_language_id(id: &str) -> Option<Language> {
        Some(match id {
            "python" => Language::Python,
            "javascript" | "javascriptreact" => Language::JavaScript,
            "typescript" => Language::TypeScript,
            "typescriptreact" | "tsx" => Language::Tsx,
            "go" => Language::Go,
            "java" => Language::Java,
            "c" => Language::C,
            "cpp" | "c++" | "cuda-cpp" => Language::Cpp,
            _ => return None,
        })
    }

    pub fn from_path(path: &Path) -> Option<Language> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "py" | "pyw" | "pyi" => Language::Python,
            "js" | "mjs" | "cjs" | "jsx" => Language::JavaScript,
            "ts" | "mts" | "cts" => Language::TypeScript,
            "tsx" => Language::Tsx,
            "go" => Language::Go,
            "java" => Language::Java,
            "c" | "h" => Language::C,
            "cc" | "cpp" | "cxx" | "c++" | "hpp" | "hh" | "hxx" | "ipp" => Language::Cpp,
            _ => return None,
        })
    }

    /// Languages whose constitutions also apply to this one (TypeScript runs the
    /// JavaScript rules, C++ the C rules).
    pub fn rule_languages(self) -> &'static [Language] {
        match self {
            Language::JavaScript => &[Language::JavaScript],
            Language::TypeScript => &[Language::TypeScript, Language::JavaScript],
            Language::Tsx => &[Language::Tsx, Language::TypeScript, Language::JavaScript],
            Language::Cpp => &[Language::Cpp, Language::C],
            Language::Python => &[Language::Python],
            Language::Go => &[Language::Go],
            Language::Java => &[Language::Java],
            Language::C => &[Language::C],
        }
    }

    pub fn grammar(self) -> tree_sitter::Language {
        match self {
            Language::Python => tree_sitter_python::LANGUAGE.into(),
            Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Language::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Language::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Language::Go => tree_sitter_go::LANGUAGE.into(),
            Language::Java => tree_sitter_java::LANGUAGE.into(),
            Language::C => tree_sitter_c::LANGUAGE.into(),
            Language::Cpp => tree_sitter_cpp::LANGUAGE.into(),
        }
    }

    /// The line-comment leader, used to write suppression comments.
    pub fn line_comment(self) -> &'static str {
        match self {
            Language::Python => "#",
            _ => "//",
        }
    }

    pub fn is_js_family(self) -> bool {
        matches!(
            self,
            Language::JavaScript | Language::TypeScript | Language::Tsx
        )
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_grammar_parses_a_sample() {
        let samples = [
            (Language::Python, "def f(x):\n    return x\n"),
            (Language::JavaScript, "function f(x) { return x; }"),
            (
                Language::TypeScript,
                "function f(x: number): number { return x; }",
            ),
            (Language::Tsx, "const A = () => <div>{1}</div>;"),
            (Language::Go, "package p\nfunc F(x int) int { return x }\n"),
            (Language::Java, "class A { int f(int x) { return x; } }"),
            (Language::C, "int f(int x) { return x; }"),
            (Language::Cpp, "namespace n { int f(int x) { return x; } }"),
        ];
        for (lang, src) in samples {
            let mut parser = tree_sitter::Parser::new();
            parser.set_language(&lang.grammar()).expect("grammar ABI");
            let tree = parser.parse(src, None).expect("parse");
            assert!(!tree.root_node().has_error(), "{lang}: {src}");
        }
    }

    #[test]
    fn detection_prefers_language_id_then_extension() {
        assert_eq!(
            Language::from_language_id("typescriptreact"),
            Some(Language::Tsx)
        );
        assert_eq!(
            Language::from_path(Path::new("a/b.HPP")),
            Some(Language::Cpp)
        );
        assert_eq!(Language::from_path(Path::new("README")), None);
    }
}
