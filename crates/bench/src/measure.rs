//! Timing queries and reading percentiles.

use std::time::Instant;

/// The value at percentile `p` (0 to 1) of sorted milliseconds.
pub fn percentile(sorted_ms: &[f64], p: f64) -> f64 {
    if sorted_ms.is_empty() {
        return 0.0;
    }
    let i = ((sorted_ms.len() as f64 - 1.0) * p).round() as usize;
    sorted_ms[i]
}

/// Runs `f` `runs` times; the milliseconds of each run, sorted.
pub fn timed<F: FnMut()>(runs: usize, mut f: F) -> Vec<f64> {
    let mut out: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    out.sort_by(f64::total_cmp);
    out
}
