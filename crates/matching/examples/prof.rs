//! Temporary profiling harness.
use koppel_matching::{synthetic, Centroids, Index, Taxonomy, Weights};
use std::time::Instant;
fn main() {
    let text = std::fs::read_to_string("/work/shared/data/pc4/NL.txt").unwrap();
    let c = Centroids::from_geonames(&text);
    let pc4s = c.codes();
    let pool = synthetic::pool(1_000_000, &pc4s, 2025);
    let qs = synthetic::queries(300, &pc4s, 2025);
    let index = Index::build(pool, Taxonomy::default(), c);
    for k in [1usize, 100] {
        let mut t: Vec<f64> = qs
            .iter()
            .map(|q| {
                let s = Instant::now();
                std::hint::black_box(index.search(q, Weights::default(), k));
                s.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        t.sort_by(f64::total_cmp);
        println!(
            "k={k} p50 {:.3} p99 {:.3}",
            t[t.len() / 2],
            t[t.len() * 99 / 100]
        );
    }
}
