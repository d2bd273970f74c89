//! A pattern's regular expression, checked when the set loads and built the first time a
//! text passes its literal gate.
//!
//! An expression written in ASCII (no `\p`, `\x`, `\u` escapes) is built without Unicode
//! classes, over bytes: `\w`, `\s`, `\b` and case folding are ASCII, `.` and `[^-]` step
//! over a byte. Built with Unicode, the 130 built-in expressions took 46 MB and their
//! per-thread caches 22 MB (bounded repetitions of Unicode classes make large automata);
//! ASCII, 7.8 MB and 3.6 MB. The patterns name English words, shell and code, so ASCII
//! classes lose nothing they look for, and a match is widened to whole characters. The
//! few that look for non-ASCII characters (zero-width, bidi, homoglyphs) keep Unicode.

use std::ops::Range;
use std::sync::OnceLock;

#[derive(Debug, Clone)]
enum Built {
    Unicode(regex::Regex),
    Ascii(regex::bytes::Regex),
}

#[derive(Debug, Clone)]
pub struct LazyRegex {
    source: String,
    /// `None` inside: the expression parsed but is too large to build (logged once).
    built: OnceLock<Option<Built>>,
}

impl LazyRegex {
    /// Checks the syntax now; `build_now` also builds it (a workspace's own file, whose
    /// size errors must name the file and line when it loads).
    pub fn new(source: &str, build_now: bool) -> Result<LazyRegex, String> {
        let lazy = LazyRegex {
            source: source.to_owned(),
            built: OnceLock::new(),
        };
        if build_now {
            let built = build(source)?;
            let _ = lazy.built.set(Some(built));
        } else {
            regex_syntax::Parser::new()
                .parse(source)
                .map_err(|e| e.to_string())?;
        }
        Ok(lazy)
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether the expression can be built (false if it is too large).
    pub fn builds(&self) -> bool {
        self.built().is_some()
    }

    fn built(&self) -> Option<&Built> {
        self.built
            .get_or_init(|| match build(&self.source) {
                Ok(b) => Some(b),
                Err(e) => {
                    tracing::warn!("a constitution regex cannot be built and never matches: {e}");
                    None
                }
            })
            .as_ref()
    }

    /// The byte ranges of the matches in `text`, on character boundaries (none if the
    /// expression cannot be built).
    pub fn find_iter<'r, 'h>(
        &'r self,
        text: &'h str,
    ) -> impl Iterator<Item = Range<usize>> + use<'r, 'h> {
        let (unicode, ascii) = match self.built() {
            Some(Built::Unicode(r)) => (Some(r.find_iter(text).map(|m| m.range())), None),
            Some(Built::Ascii(r)) => (
                None,
                Some(
                    r.find_iter(text.as_bytes())
                        .map(|m| whole_characters(text, m.range())),
                ),
            ),
            None => (None, None),
        };
        unicode
            .into_iter()
            .flatten()
            .chain(ascii.into_iter().flatten())
    }
}

fn build(source: &str) -> Result<Built, String> {
    let ascii = source.is_ascii()
        && !["\\p", "\\P", "\\x", "\\u", "\\U"]
            .iter()
            .any(|e| source.contains(e));
    if ascii
        && let Ok(r) = regex::bytes::RegexBuilder::new(source)
            .unicode(false)
            .build()
    {
        return Ok(Built::Ascii(r));
    }
    regex::Regex::new(source)
        .map(Built::Unicode)
        .map_err(|e| e.to_string())
}

/// `range` widened to the characters it cuts into.
fn whole_characters(text: &str, range: Range<usize>) -> Range<usize> {
    let mut start = range.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = range.end.min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_expressions_match_whole_characters_of_any_text() {
        let r = LazyRegex::new(r"(?i)\bcurl\b[^\n]{0,3}", false).expect("parses");
        // `é` is two bytes: a three-byte window ends inside it and is widened.
        let text = "run CURL é| sh";
        let found: Vec<&str> = r.find_iter(text).map(|m| &text[m]).collect();
        assert_eq!(found, ["CURL é"]);
        // Non-ASCII characters sought by the expression keep Unicode matching.
        let zero_width = LazyRegex::new("[\u{200B}\u{200D}]", false).expect("parses");
        assert_eq!(zero_width.find_iter("a\u{200B}b").count(), 1);
        assert!(LazyRegex::new("(unclosed", false).is_err());
    }
}
