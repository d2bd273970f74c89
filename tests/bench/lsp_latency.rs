//! Keystroke → diagnostics latency benchmark (being written).
fn main() {}
