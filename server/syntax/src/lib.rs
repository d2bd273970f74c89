//! Layer 1 — syntax. Tree-sitter only: which language a file is, parsing (incremental, by
//! byte ranges), function units with stable ids and content hashes, and the line index
//! that maps byte offsets to lines and UTF-8/UTF-16 columns.
//!
//! May depend on: tree-sitter and its grammars. Must not know LSP, JSON, LLMs or Docker.

mod document;
mod fields;
mod language;
mod line_index;
mod unit_id;
mod units;

pub use document::{Document, TextChange};
pub use fields::field;
pub use language::Language;
pub use line_index::{LineCol, LineIndex, PositionEncoding};
pub use unit_id::{MODULE_UNIT, UnitId};
pub use units::{
    Outline, OutlineCache, Unit, UnitDiff, UnitKind, diff_units, extract_units, outline,
    outline_cached,
};

pub use tree_sitter;
