//! Byte offsets ↔ (line, column), where a column counts UTF-8 bytes or UTF-16 code units
//! depending on the negotiated position encoding. Out-of-range input is clamped, never a
//! panic: positions come from editors and may be stale.

/// How columns are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    Utf8,
    #[default]
    Utf16,
}

/// A zero-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Line start offsets of one text.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text.as_bytes()));
        LineIndex {
            line_starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte offset where `line` starts (the end of the text past the last line).
    pub fn line_start(&self, line: u32) -> usize {
        self.line_starts
            .get(line as usize)
            .copied()
            .unwrap_or(self.len)
    }

    /// The zero-based line holding `offset`.
    pub fn line_of(&self, offset: usize) -> u32 {
        let offset = offset.min(self.len);
        (self.line_starts.partition_point(|&start| start <= offset) - 1) as u32
    }

    pub fn line_col(&self, text: &str, offset: usize, encoding: PositionEncoding) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let segment = &text[start..offset];
        let col = match encoding {
            PositionEncoding::Utf8 => segment.len(),
            PositionEncoding::Utf16 => segment.encode_utf16().count(),
        };
        LineCol {
            line,
            col: col as u32,
        }
    }

    /// The byte offset of a (line, column) position, clamped to the line's end and to a
    /// character boundary.
    pub fn offset(&self, text: &str, pos: LineCol, encoding: PositionEncoding) -> usize {
        if pos.line as usize >= self.line_starts.len() {
            return text.len();
        }
        let start = self.line_start(pos.line);
        let end = self.line_start(pos.line + 1).min(text.len());
        let line = &text[start..end];
        let line = line.strip_suffix('\n').unwrap_or(line);
        let wanted = pos.col as usize;
        match encoding {
            PositionEncoding::Utf8 => start + floor_char_boundary(line, wanted.min(line.len())),
            PositionEncoding::Utf16 => {
                let mut units = 0;
                for (byte, ch) in line.char_indices() {
                    if units >= wanted {
                        return start + byte;
                    }
                    units += ch.len_utf16();
                }
                start + line.len()
            }
        }
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i + 1)
}

/// The largest char boundary ≤ `index`.
pub(crate) fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut i = index.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "a😀b\nxy";
        let index = LineIndex::new(text);
        let b = text.find('b').unwrap();
        assert_eq!(
            index.line_col(text, b, PositionEncoding::Utf16),
            LineCol { line: 0, col: 3 }
        );
        assert_eq!(
            index.line_col(text, b, PositionEncoding::Utf8),
            LineCol { line: 0, col: 5 }
        );
        assert_eq!(
            index.offset(text, LineCol { line: 0, col: 3 }, PositionEncoding::Utf16),
            b
        );
        assert_eq!(
            index.offset(text, LineCol { line: 1, col: 99 }, PositionEncoding::Utf16),
            text.len()
        );
        assert_eq!(
            index.offset(text, LineCol { line: 7, col: 0 }, PositionEncoding::Utf16),
            text.len()
        );
    }

    #[test]
    fn positions_inside_a_character_are_clamped() {
        let text = "é\n";
        let index = LineIndex::new(text);
        assert_eq!(
            index.offset(text, LineCol { line: 0, col: 1 }, PositionEncoding::Utf8),
            0
        );
        assert_eq!(index.line_col(text, 1, PositionEncoding::Utf8).col, 0);
    }
}
