//! A size-capped capture of a stream: keeps the head and the tail, drops the middle.
//!
//! Harnesses print their verdict last, so the tail must survive a program that floods its
//! output. Depends on the standard library only.

use std::collections::VecDeque;

/// Keeps at most `cap` bytes: the first half and the last half of what was pushed.
#[derive(Debug, Clone)]
pub(crate) struct CappedCapture {
    half: usize,
    head: Vec<u8>,
    tail: VecDeque<u8>,
    dropped: u64,
}

impl CappedCapture {
    pub(crate) fn new(cap: usize) -> Self {
        CappedCapture {
            half: (cap / 2).max(1),
            head: Vec::new(),
            tail: VecDeque::new(),
            dropped: 0,
        }
    }

    pub(crate) fn push(&mut self, mut bytes: &[u8]) {
        let room = self.half.saturating_sub(self.head.len());
        let into_head = room.min(bytes.len());
        self.head.extend_from_slice(&bytes[..into_head]);
        bytes = &bytes[into_head..];
        if bytes.len() > self.half {
            let skip = bytes.len() - self.half;
            self.dropped += (skip + self.tail.len()) as u64;
            self.tail.clear();
            bytes = &bytes[skip..];
        }
        self.tail.extend(bytes);
        while self.tail.len() > self.half {
            self.tail.pop_front();
            self.dropped += 1;
        }
    }

    /// Whether anything was dropped.
    pub(crate) fn truncated(&self) -> bool {
        self.dropped > 0
    }

    /// The captured text (lossy UTF-8), with a marker where bytes were dropped.
    pub(crate) fn text(&self) -> String {
        let mut out = String::from_utf8_lossy(&self.head).into_owned();
        if self.dropped > 0 {
            out.push_str(&format!("\n[… {} bytes omitted …]\n", self.dropped));
        }
        let tail: Vec<u8> = self.tail.iter().copied().collect();
        out.push_str(&String::from_utf8_lossy(&tail));
        out
    }
}

/// Cuts `text` to at most `max` bytes on a character boundary, marking the cut.
pub fn truncate_text(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… [truncated, {} bytes total]", &text[..end], text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_output_is_kept_whole() {
        let mut capture = CappedCapture::new(100);
        capture.push(b"hello ");
        capture.push(b"world");
        assert_eq!(capture.text(), "hello world");
        assert!(!capture.truncated());
    }

    #[test]
    fn a_flood_keeps_head_and_the_last_line() {
        let mut capture = CappedCapture::new(20);
        capture.push(b"HEAD-");
        for _ in 0..1000 {
            capture.push(b"xxxxxxx");
        }
        capture.push(b"\nVERDICT");
        let text = capture.text();
        assert!(capture.truncated());
        assert!(text.starts_with("HEAD-"), "{text}");
        assert!(text.ends_with("\nVERDICT"), "{text}");
        assert!(text.contains("bytes omitted"));
    }

    #[test]
    fn truncation_respects_char_boundaries() {
        let cut = truncate_text("ééééé", 3);
        assert!(cut.starts_with('é'));
        assert!(cut.contains("truncated"));
        assert_eq!(truncate_text("short", 10), "short");
    }
}
