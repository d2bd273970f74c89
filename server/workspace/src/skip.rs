//! The skip rules, written once: a file larger than `max_file_size` or holding NUL bytes
//! (a binary file) is not reviewed. Each front end words the reason its own way (the
//! CLI's report, the server's log) from the same decision.

use std::fmt;

/// Why a file is not reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// Larger than the limit.
    TooLarge { size: u64, limit: u64 },
    /// Contains NUL bytes.
    Binary,
}

impl Skip {
    /// The rule for a file of `size` bytes, before it is read.
    pub fn of_size(size: u64, limit: u64) -> Option<Skip> {
        (size > limit).then_some(Skip::TooLarge { size, limit })
    }

    /// The rules for a text.
    pub fn of_text(text: &str, limit: u64) -> Option<Skip> {
        Skip::of_bytes(text.as_bytes(), limit)
    }

    /// The rules for a file's bytes.
    pub fn of_bytes(bytes: &[u8], limit: u64) -> Option<Skip> {
        Skip::of_size(bytes.len() as u64, limit)
            .or_else(|| bytes.contains(&0).then_some(Skip::Binary))
    }
}

/// The server's wording (the CLI words its report differently).
impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Skip::TooLarge { size, limit } => write!(
                f,
                "it is {size} bytes, over the limit of {limit} (maxFileSize)"
            ),
            Skip::Binary => f.write_str("it contains NUL bytes (a binary file)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_then_nul_bytes() {
        assert_eq!(
            Skip::of_text("abc", 2),
            Some(Skip::TooLarge { size: 3, limit: 2 })
        );
        assert_eq!(Skip::of_text("a\0b", 10), Some(Skip::Binary));
        assert_eq!(Skip::of_text("abc", 10), None);
    }
}
