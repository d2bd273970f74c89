//! The registry of harness kinds: which attacks the sandbox can really try, per language, and
//! which finding kinds (CWEs, constitution taint kinds) each one tests.
//!
//! A verdict may only say `not_reproduced` for a finding when a kind listed here for the
//! finding's CWE ran; any other finding is `inconclusive` ("no dynamic test for CWE-117
//! yet") without a container being started. Adding a kind is one harness file per language
//! (`python/kinds/NAME.py`, `javascript/kinds/NAME.js`, each registering itself in the
//! script's `KINDS` table) plus one line in [`KINDS`]. The eight original payload kinds live
//! in the core scripts (`inputs.py`/`inputs.js`) and have no file of their own. Depends on
//! [`crate::verdict`] only.

use crate::harness::Language;
use crate::verdict::SinkKind;

/// One attack the sandbox can try.
#[derive(Debug, Clone, Copy)]
pub struct HarnessKind {
    /// The name the scripts use (`KINDS["redos"]`), also the [`SinkKind`]'s snake-case name.
    pub name: &'static str,
    pub sink: SinkKind,
    /// The CWEs whose findings this kind tests (the first is the one shown).
    pub cwes: &'static [u32],
    /// Words a free-text hint may use for it: constitution taint kinds and API names.
    pub words: &'static [&'static str],
    /// The Python part: `Core` (in the core script), a kind file, or none.
    pub python: Part,
    /// The JavaScript part.
    pub javascript: Part,
}

/// Where a kind's harness code for one language lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Implemented in the core script (the original payload kinds).
    Core,
    /// A kind file, appended to the script when the kind is selected.
    File(&'static str),
    /// No harness for this language yet.
    Missing,
}

use Part::{Core, File, Missing};

/// Every kind, in the order payloads are tried when a request names none. One line per kind:
/// name, sink, CWEs, hint words, Python part, JavaScript part.
#[rustfmt::skip]
pub const KINDS: &[HarnessKind] = &[
    kind("command", SinkKind::Command, &[78, 77], &["command", "shell", "os.system", "subprocess", "popen", "child_process", "exec"], Core, Core),
    kind("sql", SinkKind::Sql, &[89, 564], &["sql", "query"], Core, Core),
    kind("code", SinkKind::Code, &[95, 94], &["code", "eval", "vm", "code.injection"], Core, Core),
    kind("path", SinkKind::Path, &[22, 23, 73], &["path", "traversal", "open", "fs."], Core, Core),
    kind("deserialization", SinkKind::Deserialization, &[502], &["deserializ", "pickle", "yaml", "marshal", "serializ"], Core, Core),
    kind("template", SinkKind::Template, &[1336, 94], &["template", "ssti"], Core, Core),
    kind("xss", SinkKind::Xss, &[79, 80], &["xss", "html", "href", "script"], Core, Core),
    kind("ssrf", SinkKind::Ssrf, &[918], &["ssrf", "url", "urllib", "requests", "fetch"], Core, Core),
    kind("redos", SinkKind::Redos, &[1333, 730, 400], &["redos", "regex", "regexp"], File(include_str!("python/kinds/redos.py")), File(include_str!("javascript/kinds/redos.js"))),
    kind("xml", SinkKind::Xml, &[611, 776, 827], &["xml", "xxe", "entity"], File(include_str!("python/kinds/xml.py")), File(include_str!("javascript/kinds/xml.js"))),
    kind("log", SinkKind::Log, &[117, 93], &["log"], File(include_str!("python/kinds/log.py")), File(include_str!("javascript/kinds/log.js"))),
    kind("header", SinkKind::Header, &[113], &["header", "response splitting"], File(include_str!("python/kinds/header.py")), Missing),
    kind("format", SinkKind::Format, &[134], &["format"], File(include_str!("python/kinds/format.py")), Missing),
    kind("xpath", SinkKind::Xpath, &[643], &["xpath"], File(include_str!("python/kinds/xpath.py")), Missing),
    kind("ldap", SinkKind::Ldap, &[90], &["ldap"], File(include_str!("python/kinds/ldap.py")), Missing),
    kind("random", SinkKind::Random, &[338, 330, 331], &["random"], File(include_str!("python/kinds/random.py")), File(include_str!("javascript/kinds/random.js"))),
    kind("permissions", SinkKind::Permissions, &[732, 276], &["permission", "chmod", "umask"], File(include_str!("python/kinds/permissions.py")), Missing),
];

#[allow(clippy::too_many_arguments)]
const fn kind(
    name: &'static str,
    sink: SinkKind,
    cwes: &'static [u32],
    words: &'static [&'static str],
    python: Part,
    javascript: Part,
) -> HarnessKind {
    HarnessKind {
        name,
        sink,
        cwes,
        words,
        python,
        javascript,
    }
}

impl HarnessKind {
    /// This kind's part for `language`.
    pub fn part(&self, language: Language) -> Part {
        match language {
            Language::Python => self.python,
            Language::JavaScript => self.javascript,
        }
    }
}

/// What a request's hint selects.
#[derive(Debug, Clone)]
pub enum Selection {
    /// These kinds (all with a harness in the language).
    Kinds(Vec<&'static HarnessKind>),
    /// The hint names a finding kind the language has no harness for: why, in words.
    Uncovered(String),
}

/// The CWE numbers a hint names (`CWE-117`, `cwe 89`, `117`).
fn cwes_in(hint: &str) -> Vec<u32> {
    let mut found = Vec::new();
    let lower = hint.to_ascii_lowercase();
    for (index, _) in lower.match_indices("cwe") {
        let digits: String = lower[index + 3..]
            .trim_start_matches(['-', ' ', '_', ':'])
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let Ok(number) = digits.parse() {
            found.push(number);
        }
    }
    if found.is_empty() && !lower.is_empty() && lower.chars().all(|c| c.is_ascii_digit()) {
        found.extend(lower.parse::<u32>().ok());
    }
    found
}

/// The kinds a request's hint selects for `language`. A hint that names a CWE selects the
/// kinds listing it — or none, and then no dynamic test exists for it; a hint in words
/// selects the kinds whose words it contains; no hint, or words that name no kind, select
/// every kind the language has (the original behaviour of `bluecode verify FILE:LINE`).
pub fn select(hint: Option<&str>, language: Language) -> Selection {
    let available = || KINDS.iter().filter(move |k| k.part(language) != Missing);
    let language_name = match language {
        Language::Python => "Python",
        Language::JavaScript => "JavaScript",
    };
    let Some(hint) = hint.map(str::trim).filter(|h| !h.is_empty()) else {
        return Selection::Kinds(available().collect());
    };
    let cwes = cwes_in(hint);
    if !cwes.is_empty() {
        let covering: Vec<&HarnessKind> = KINDS
            .iter()
            .filter(|k| k.cwes.iter().any(|c| cwes.contains(c)))
            .collect();
        let runnable: Vec<&HarnessKind> = covering
            .iter()
            .copied()
            .filter(|k| k.part(language) != Missing)
            .collect();
        let named = cwes
            .iter()
            .map(|c| format!("CWE-{c}"))
            .collect::<Vec<_>>()
            .join("/");
        return match (covering.is_empty(), runnable.is_empty()) {
            (_, false) => Selection::Kinds(runnable),
            (true, true) => Selection::Uncovered(format!("no dynamic test for {named} yet")),
            (false, true) => Selection::Uncovered(format!(
                "no dynamic test for {named} in {language_name} yet"
            )),
        };
    }
    let lower = hint.to_ascii_lowercase();
    let named: Vec<&HarnessKind> = available()
        .filter(|k| lower.contains(k.name) || k.words.iter().any(|w| lower.contains(w)))
        .collect();
    if named.is_empty() {
        Selection::Kinds(available().collect())
    } else {
        Selection::Kinds(named)
    }
}

/// The kind that tests findings with these CWEs, if any (the first CWE that one lists).
pub fn for_cwes(cwes: &[u32]) -> Option<&'static HarnessKind> {
    cwes.iter()
        .find_map(|c| KINDS.iter().find(|k| k.cwes.contains(c)))
}

/// What a finding's trace says about its input, for [`crate::VerifyRequest`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TraceInputs {
    /// Parameters the trace starts from (`parameter \`name\``).
    pub parameters: Vec<String>,
    /// The trace's first step, as the evidence quotes it (`source: request.args`).
    pub source_label: Option<String>,
}

/// Reads the analysis engine's trace labels: a step `parameter \`x\`` or `request data in
/// parameter \`x\`` names a source parameter; the first step is the source label.
pub fn trace_inputs<'a>(labels: impl IntoIterator<Item = &'a str>) -> TraceInputs {
    let mut inputs = TraceInputs::default();
    for (index, label) in labels.into_iter().enumerate() {
        if index == 0 {
            inputs.source_label = Some(label.trim_start_matches("source: ").to_owned());
        }
        let Some(rest) = label.split("parameter `").nth(1) else {
            continue;
        };
        if let Some((name, _)) = rest.split_once('`')
            && !name.is_empty()
            && !inputs.parameters.iter().any(|p| p == name)
        {
            inputs.parameters.push(name.to_owned());
        }
    }
    inputs
}

/// The registered kind with this sink.
pub fn by_sink(sink: SinkKind) -> Option<&'static HarnessKind> {
    KINDS.iter().find(|k| k.sink == sink)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(selection: &Selection) -> Vec<&'static str> {
        match selection {
            Selection::Kinds(kinds) => kinds.iter().map(|k| k.name).collect(),
            Selection::Uncovered(_) => Vec::new(),
        }
    }

    #[test]
    fn a_cwe_selects_the_kinds_that_test_it() {
        let python = Language::Python;
        assert_eq!(names(&select(Some("CWE-78"), python)), ["command"]);
        assert_eq!(names(&select(Some("CWE-117"), python)), ["log"]);
        assert_eq!(names(&select(Some("CWE-1333"), python)), ["redos"]);
        assert_eq!(names(&select(Some("CWE-611"), python)), ["xml"]);
        assert_eq!(names(&select(Some("CWE-338"), python)), ["random"]);
        assert_eq!(names(&select(Some("CWE-732"), python)), ["permissions"]);
    }

    #[test]
    fn an_uncovered_cwe_says_so_instead_of_trying_other_attacks() {
        let Selection::Uncovered(why) = select(Some("CWE-327"), Language::Python) else {
            panic!("CWE-327 has no harness");
        };
        assert_eq!(why, "no dynamic test for CWE-327 yet");
        let Selection::Uncovered(why) = select(Some("CWE-90"), Language::JavaScript) else {
            panic!("LDAP has no JavaScript harness");
        };
        assert_eq!(why, "no dynamic test for CWE-90 in JavaScript yet");
    }

    #[test]
    fn words_select_kinds_and_no_hint_selects_all() {
        assert_eq!(
            names(&select(Some("os.system"), Language::Python)),
            ["command"]
        );
        let all = names(&select(None, Language::JavaScript));
        assert!(all.contains(&"redos") && !all.contains(&"ldap"));
        assert_eq!(
            names(&select(Some("whatever"), Language::Python)).len(),
            KINDS.len()
        );
    }

    #[test]
    fn traces_name_their_source_parameters() {
        let inputs = trace_inputs(["parameter `username`", "call: `log.info(x)`"]);
        assert_eq!(inputs.parameters, ["username"]);
        assert_eq!(inputs.source_label.as_deref(), Some("parameter `username`"));
        let inputs = trace_inputs(["source: request.args", "f-string: `x`"]);
        assert!(inputs.parameters.is_empty());
        assert_eq!(inputs.source_label.as_deref(), Some("request.args"));
        assert_eq!(for_cwes(&[117]).map(|k| k.name), Some("log"));
        assert!(for_cwes(&[327]).is_none());
    }

    #[test]
    fn every_kind_has_a_distinct_name_and_sink_and_some_cwe() {
        for (i, a) in KINDS.iter().enumerate() {
            assert!(!a.cwes.is_empty(), "{}", a.name);
            assert_eq!(by_sink(a.sink).map(|k| k.name), Some(a.name));
            for b in &KINDS[i + 1..] {
                assert_ne!(a.name, b.name);
                // CWE-94 (code injection) is also the parent of template injection.
                let shared = a.cwes.iter().any(|c| *c != 94 && b.cwes.contains(c));
                assert!(!shared, "{} and {} share a CWE", a.name, b.name);
            }
        }
    }
}
