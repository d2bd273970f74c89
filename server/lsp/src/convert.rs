//! Conversions between the analysis layer's plain data and LSP types: byte offsets ↔
//! positions in the negotiated encoding, and findings → diagnostics (with the `data` the
//! code actions read back). Out-of-range positions are clamped by the line index, never a
//! panic: editors send stale positions.
//!
//! Depends on the syntax and analysis layers and on lsp-types; holds no state.

use std::ops::Range;
use std::path::Path;

use bluecode_analysis::constitutions::{ConstitutionSet, Origin, Severity};
use bluecode_analysis::{Finding, FindingSource};
use bluecode_syntax::{Document, LineCol, PositionEncoding};
use serde::{Deserialize, Serialize};
use tower_lsp_server::UriExt;
use tower_lsp_server::lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Position, PositionEncodingKind, Range as LspRange, TextEdit, Uri,
};

/// Where the built-in constitutions are published; a built-in's link is this base plus its
/// path under `constitutions/`.
pub const BUILTIN_CONSTITUTIONS_URL: &str =
    "https://github.com/bluecode-dev/bluecode/blob/main/constitutions/";

/// The `source` of every diagnostic this server publishes…
pub const DIAGNOSTIC_SOURCE: &str = "bluecode";

/// …but those the LLM judge found.
pub const LLM_DIAGNOSTIC_SOURCE: &str = "bluecode (llm)";

pub fn encoding_kind(encoding: PositionEncoding) -> PositionEncodingKind {
    match encoding {
        PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
        PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
    }
}

pub fn position(doc: &Document, offset: usize, encoding: PositionEncoding) -> Position {
    let LineCol { line, col } = doc.line_index().line_col(doc.text(), offset, encoding);
    Position::new(line, col)
}

pub fn range(doc: &Document, bytes: Range<usize>, encoding: PositionEncoding) -> LspRange {
    LspRange::new(
        position(doc, bytes.start, encoding),
        position(doc, bytes.end, encoding),
    )
}

pub fn offset(doc: &Document, position: Position, encoding: PositionEncoding) -> usize {
    doc.line_index().offset(
        doc.text(),
        LineCol {
            line: position.line,
            col: position.character,
        },
        encoding,
    )
}

/// The byte range of an LSP range; a reversed range is read as empty at its start.
pub fn byte_range(doc: &Document, range: LspRange, encoding: PositionEncoding) -> Range<usize> {
    let start = offset(doc, range.start, encoding);
    let end = offset(doc, range.end, encoding).max(start);
    start..end
}

/// What a code action needs to act on a diagnostic, carried in `Diagnostic::data`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticData {
    pub rule_id: String,
    pub unit_id: String,
    /// The document version the diagnostic (and its fix range) was computed for.
    pub version: i32,
    pub fix: Option<FixData>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FixData {
    pub title: String,
    pub edit: TextEdit,
}

impl DiagnosticData {
    /// The data of a bluecode diagnostic; `None` for other sources or foreign data.
    pub fn of(diagnostic: &Diagnostic) -> Option<DiagnosticData> {
        let ours = matches!(
            diagnostic.source.as_deref(),
            Some(DIAGNOSTIC_SOURCE | LLM_DIAGNOSTIC_SOURCE)
        );
        if !ours {
            return None;
        }
        serde_json::from_value(diagnostic.data.clone()?).ok()
    }
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The page that documents a constitution: the workspace file itself, or the built-in's
/// published source.
pub fn constitution_link(set: &ConstitutionSet, rule_id: &str) -> Option<Uri> {
    match &set.get(rule_id)?.origin {
        Origin::Builtin(relative) => format!("{BUILTIN_CONSTITUTIONS_URL}{relative}")
            .parse()
            .ok(),
        Origin::Workspace(path) => Uri::from_file_path(absolute(path)),
    }
}

fn absolute(path: &Path) -> std::path::PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

/// The range of a trace step in another file, from the positions stored with it.
pub fn elsewhere_range(
    at: &bluecode_analysis::StepLocation,
    encoding: PositionEncoding,
) -> LspRange {
    let column = |p: &bluecode_analysis::StepPosition| match encoding {
        PositionEncoding::Utf8 => p.utf8,
        PositionEncoding::Utf16 => p.utf16,
    };
    LspRange::new(
        Position::new(at.start.line, column(&at.start)),
        Position::new(at.end.line, column(&at.end)),
    )
}

/// One finding as an LSP diagnostic of `uri` at `version`.
pub fn diagnostic(
    finding: &Finding,
    doc: &Document,
    uri: &Uri,
    version: i32,
    set: &ConstitutionSet,
    encoding: PositionEncoding,
) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = finding
        .trace
        .iter()
        .filter_map(|step| {
            let location = match &step.elsewhere {
                // A step in another file (the workspace index): its stored position.
                Some(at) => Location::new(
                    Uri::from_file_path(&at.path)?,
                    elsewhere_range(at, encoding),
                ),
                None => Location::new(uri.clone(), range(doc, step.range.clone(), encoding)),
            };
            Some(DiagnosticRelatedInformation {
                location,
                message: step.label.clone(),
            })
        })
        .collect();
    let data = DiagnosticData {
        rule_id: finding.rule_id.clone(),
        unit_id: finding.unit_id.clone(),
        version,
        fix: finding.fix.as_ref().map(|fix| FixData {
            title: fix.title.clone(),
            edit: TextEdit::new(
                range(doc, fix.range.clone(), encoding),
                fix.replacement.clone(),
            ),
        }),
    };
    Diagnostic {
        range: range(doc, finding.range.clone(), encoding),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule_id.clone())),
        code_description: constitution_link(set, &finding.rule_id)
            .map(|href| CodeDescription { href }),
        source: Some(
            match finding.source {
                FindingSource::Static => DIAGNOSTIC_SOURCE,
                FindingSource::Llm => LLM_DIAGNOSTIC_SOURCE,
            }
            .to_owned(),
        ),
        message: finding.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        // Serialising this plain struct cannot fail; `None` would only drop the actions.
        data: serde_json::to_value(&data).ok(),
    }
}

#[cfg(test)]
mod tests {
    use bluecode_syntax::Language;

    use super::*;

    fn doc(text: &str) -> Document {
        Document::new(Some(Language::Python), text.to_owned())
    }

    #[test]
    fn utf16_and_utf8_columns_differ_after_multibyte_characters() {
        // "é" is 2 bytes and 1 UTF-16 unit; "😀" is 4 bytes and 2 UTF-16 units.
        let d = doc("s = 'é😀'; os.system(x)\n");
        let at = d.text().find("os.").unwrap();
        assert_eq!(
            position(&d, at, PositionEncoding::Utf16),
            Position::new(0, 11)
        );
        assert_eq!(
            position(&d, at, PositionEncoding::Utf8),
            Position::new(0, 14)
        );
        for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
            let p = position(&d, at, encoding);
            assert_eq!(offset(&d, p, encoding), at);
        }
    }

    #[test]
    fn ranges_round_trip_across_lines() {
        let d = doc("a = 1\nb = 'ü'\nc = b\n");
        let c = d.text().find('c').unwrap();
        let r = range(&d, 6..c + 1, PositionEncoding::Utf16);
        assert_eq!(r, LspRange::new(Position::new(1, 0), Position::new(2, 1)));
        assert_eq!(byte_range(&d, r, PositionEncoding::Utf16), 6..c + 1);
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let d = doc("ab\ncd");
        assert_eq!(offset(&d, Position::new(0, 99), PositionEncoding::Utf16), 2);
        assert_eq!(offset(&d, Position::new(42, 0), PositionEncoding::Utf16), 5);
        assert_eq!(offset(&d, Position::new(42, 7), PositionEncoding::Utf8), 5);
        assert_eq!(
            position(&d, 500, PositionEncoding::Utf16),
            Position::new(1, 2)
        );
        let reversed = LspRange::new(Position::new(1, 1), Position::new(0, 0));
        assert_eq!(byte_range(&d, reversed, PositionEncoding::Utf16), 4..4);
    }

    #[test]
    fn a_utf16_position_inside_a_surrogate_pair_lands_before_the_character() {
        let d = doc("x = '😀'\n");
        let emoji = d.text().find('😀').unwrap();
        // Column 6 is between the two halves of the pair.
        assert_eq!(
            offset(&d, Position::new(0, 6), PositionEncoding::Utf16),
            emoji + 4
        );
        assert_eq!(
            offset(&d, Position::new(0, 5), PositionEncoding::Utf16),
            emoji
        );
        // A UTF-8 column inside the character is floored to its start.
        assert_eq!(
            offset(&d, Position::new(0, 6), PositionEncoding::Utf8),
            emoji
        );
    }

    #[test]
    fn a_finding_becomes_a_diagnostic_with_code_link_trace_and_data() {
        let set = ConstitutionSet::builtin().expect("built-ins load");
        let engine = bluecode_analysis::Engine::new(std::sync::Arc::new(set));
        let d = doc("import os\n\ndef ping(host):\n    os.system(\"ping \" + host)\n");
        let findings = engine.analyze_document(&d);
        let finding = findings
            .iter()
            .find(|f| f.rule_id == "py.command-injection")
            .expect("command injection found");
        let uri: Uri = "file:///w/ping.py".parse().unwrap();
        let diag = diagnostic(
            finding,
            &d,
            &uri,
            7,
            engine.constitutions(),
            PositionEncoding::Utf16,
        );
        assert_eq!(
            diag.code,
            Some(NumberOrString::String("py.command-injection".into()))
        );
        assert_eq!(diag.range.start, Position::new(3, 4));
        let href = diag.code_description.unwrap().href;
        assert!(
            href.as_str().starts_with(BUILTIN_CONSTITUTIONS_URL)
                && href.as_str().ends_with(".toml"),
            "{}",
            href.as_str()
        );
        assert!(diag.message.contains("CWE-78"));
        assert!(!diag.related_information.unwrap().is_empty());
        let data = DiagnosticData::of(&Diagnostic {
            source: Some(DIAGNOSTIC_SOURCE.into()),
            ..Diagnostic::default()
        });
        assert_eq!(data, None, "a diagnostic without data has none");
    }
}
