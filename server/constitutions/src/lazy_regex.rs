//! A pattern's regular expression, checked when the set loads and compiled the first time
//! a text passes its literal gate. Built, the 130 built-in expressions take 46 MB (bounded
//! repetitions of Unicode classes make large automata); most never pass the gate in a
//! given project, so a scan pays only for the ones its files can match.

use std::sync::OnceLock;

use regex::Regex;

#[derive(Debug, Clone)]
pub struct LazyRegex {
    source: String,
    /// `None` inside: the expression parsed but is too large to build (reported once).
    compiled: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    /// Checks the syntax now; `compile_now` also builds it (a workspace's own file, whose
    /// size errors must name the file and line when it loads).
    pub fn new(source: &str, compile_now: bool) -> Result<LazyRegex, String> {
        let lazy = LazyRegex {
            source: source.to_owned(),
            compiled: OnceLock::new(),
        };
        if compile_now {
            let regex = Regex::new(source).map_err(|e| e.to_string())?;
            let _ = lazy.compiled.set(Some(regex));
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

    /// The built expression; `None` if it cannot be built (too large).
    pub fn get(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| match Regex::new(&self.source) {
                Ok(r) => Some(r),
                Err(e) => {
                    tracing::warn!("a constitution regex cannot be built and never matches: {e}");
                    None
                }
            })
            .as_ref()
    }

    /// The matches in `text` (none if the expression cannot be built).
    pub fn find_iter<'r, 'h>(
        &'r self,
        text: &'h str,
    ) -> impl Iterator<Item = regex::Match<'h>> + use<'r, 'h> {
        self.get().into_iter().flat_map(move |r| r.find_iter(text))
    }
}
