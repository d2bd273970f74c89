//! Percentiles and milliseconds for the latency benches.

use std::time::Duration;

/// The `p` quantile (0–1) of sorted latencies, by the nearest rank.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}
