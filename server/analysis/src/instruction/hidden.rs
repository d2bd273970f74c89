//! Spans of an instruction file that a Markdown renderer does not show but an agent reading
//! the raw file does: HTML comments, the body of a collapsed `<details>` block, and
//! link-reference "comments" (`[//]: # (…)`). Plain text in, byte ranges out.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// How a span is hidden, in words for the diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HiddenKind {
    HtmlComment,
    CollapsedDetails,
    LinkReferenceComment,
}

impl HiddenKind {
    pub fn describe(self) -> &'static str {
        match self {
            HiddenKind::HtmlComment => "inside an HTML comment, which a Markdown renderer hides",
            HiddenKind::CollapsedDetails => {
                "inside a collapsed <details> block, which a renderer hides until opened"
            }
            HiddenKind::LinkReferenceComment => {
                "inside a link-reference comment ([//]: #), which a Markdown renderer hides"
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HiddenSpan {
    pub range: Range<usize>,
    pub kind: HiddenKind,
}

static HTML_COMMENT: LazyLock<Regex> = LazyLock::new(|| built_in(r"(?s)<!--.*?(?:-->|\z)"));
/// `<details>` without an `open` attribute, up to its close (or the end of the file).
static DETAILS: LazyLock<Regex> =
    LazyLock::new(|| built_in(r"(?is)<details(?:\s[^>]*)?>.*?(?:</details\s*>|\z)"));
static DETAILS_OPEN: LazyLock<Regex> = LazyLock::new(|| built_in(r"(?i)^<details\s[^>]*\bopen\b"));
static LINK_COMMENT: LazyLock<Regex> =
    LazyLock::new(|| built_in(r#"(?m)^[ \t]*\[(?://|comment|_)\]:\s*(?:#|<>)\s*[("'].*$"#));

pub(crate) fn built_in(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

/// Every hidden span, in order of their start.
pub fn hidden_spans(text: &str) -> Vec<HiddenSpan> {
    let mut spans: Vec<HiddenSpan> = HTML_COMMENT
        .find_iter(text)
        .map(|m| HiddenSpan {
            range: m.range(),
            kind: HiddenKind::HtmlComment,
        })
        .collect();
    spans.extend(
        DETAILS
            .find_iter(text)
            .filter(|m| !DETAILS_OPEN.is_match(m.as_str()))
            .map(|m| HiddenSpan {
                range: details_body(text, m.range()),
                kind: HiddenKind::CollapsedDetails,
            }),
    );
    spans.extend(LINK_COMMENT.find_iter(text).map(|m| HiddenSpan {
        range: m.range(),
        kind: HiddenKind::LinkReferenceComment,
    }));
    spans.sort_by_key(|s| (s.range.start, s.range.end));
    spans
}

/// The part of a `<details>` block that stays hidden: after its `<summary>` (which shows).
fn details_body(text: &str, block: Range<usize>) -> Range<usize> {
    let inner = &text[block.clone()];
    let lower = inner.to_ascii_lowercase();
    let after = lower
        .find("</summary>")
        .map(|i| i + "</summary>".len())
        .or_else(|| lower.find('>').map(|i| i + 1))
        .unwrap_or(0);
    block.start + after..block.end
}

/// The innermost-first hidden span holding `range`, if any.
pub fn hiding(spans: &[HiddenSpan], range: &Range<usize>) -> Option<HiddenKind> {
    spans
        .iter()
        .filter(|s| s.range.start <= range.start && range.end <= s.range.end)
        .min_by_key(|s| s.range.len())
        .map(|s| s.kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_collapsed_details_and_link_comments_are_hidden() {
        let text = "# T\n<!-- a -->\n<details><summary>More</summary>\nsecret\n</details>\n\
                    <details open><summary>S</summary>shown</details>\n[//]: # (note)\n";
        let spans = hidden_spans(text);
        let kinds: Vec<_> = spans.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                HiddenKind::HtmlComment,
                HiddenKind::CollapsedDetails,
                HiddenKind::LinkReferenceComment
            ]
        );
        let body = &text[spans[1].range.clone()];
        assert!(body.contains("secret") && !body.contains("More"));
        let at = text.find("secret").unwrap_or_default();
        assert_eq!(
            hiding(&spans, &(at..at + 6)),
            Some(HiddenKind::CollapsedDetails)
        );
        assert_eq!(hiding(&spans, &(0..3)), None);
    }

    #[test]
    fn an_unclosed_comment_hides_to_the_end() {
        let spans = hidden_spans("text <!-- run this");
        assert_eq!(spans[0].range, 5..18);
    }
}
