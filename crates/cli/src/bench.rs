//! `koppel bench match`: the matching engine on a synthetic national-size pool, measured on one
//! core: index build time, index memory per profile, and p50/p99 per query for an exact top-100
//! with filters and explanations; beside a plain skill-overlap scan as a baseline.

use std::time::Instant;

use anyhow::Result;
use koppel_matching::synthetic;
use koppel_matching::{Index, Taxonomy, Weights};
use serde_json::json;

fn percentile(sorted_ms: &[f64], p: f64) -> f64 {
    if sorted_ms.is_empty() {
        return 0.0;
    }
    let i = ((sorted_ms.len() as f64 - 1.0) * p).round() as usize;
    sorted_ms[i]
}

fn timed<F: FnMut()>(runs: usize, mut f: F) -> Vec<f64> {
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

pub fn run(profiles: usize, queries: usize, json_out: Option<&std::path::Path>) -> Result<()> {
    let pc4s = koppel_app::matching::centroids().codes();
    eprintln!("generating {profiles} synthetic profiles ...");
    let pool = synthetic::pool(profiles, &pc4s, 2025);
    let qs = synthetic::queries(queries, &pc4s, 2025);
    let started = Instant::now();
    let index = Index::build(
        pool.clone(),
        Taxonomy::default(),
        koppel_app::matching::centroids().clone(),
    );
    let build_s = started.elapsed().as_secs_f64();
    // Everything the index holds (the capacity of its columns and tables), per profile.
    let bytes_per_profile = index.heap_bytes() as f64 / profiles.max(1) as f64;

    let mut i = 0;
    let koppel_ms = timed(queries, || {
        let r = index.search(&qs[i % qs.len()], Weights::default(), 100);
        std::hint::black_box(r);
        i += 1;
    });
    if std::env::var("KOPPEL_BENCH_K1").is_ok() {
        let mut m = 0;
        let k1 = timed(queries, || {
            let r = index.search(&qs[m % qs.len()], Weights::default(), 1);
            std::hint::black_box(r);
            m += 1;
        });
        eprintln!("k=1 p50 {:.3} ms", percentile(&k1, 0.5));
        let (mut seen, mut passed) = (0usize, 0usize);
        for q in qs.iter().take(50) {
            let r = index.search(q, Weights::default(), 1);
            passed += r.passed_filters;
            seen += r.passed_filters
                + r.excluded
                    .iter()
                    .filter(|(n, _)| *n != "reisafstand")
                    .map(|(_, n)| n)
                    .sum::<usize>();
        }
        eprintln!("avg visible read {} passed {}", seen / 50, passed / 50);
    }
    if std::env::var("KOPPEL_BENCH_ONLY").is_ok() {
        return Ok(());
    }
    // Baseline: a plain scan counting shared skills for every profile, then a full sort.
    let mut j = 0;
    let scan_ms = timed(queries, || {
        let q = &qs[j % qs.len()];
        let mut scored: Vec<(usize, i64)> = pool
            .iter()
            .map(|p| {
                (
                    p.skills
                        .iter()
                        .filter(|s| q.essential_skills.contains(s) || q.optional_skills.contains(s))
                        .count(),
                    p.id,
                )
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(100);
        std::hint::black_box(scored);
        j += 1;
    });
    let report = json!({
        "profiles": profiles,
        "queries": queries,
        "koppel": {"p50_ms": percentile(&koppel_ms, 0.5), "p99_ms": percentile(&koppel_ms, 0.99), "build_s": build_s, "bytes_per_profile": bytes_per_profile},
        "baselines": {"scan": {"p50_ms": percentile(&scan_ms, 0.5), "p99_ms": percentile(&scan_ms, 0.99)}},
    });
    println!("{}", serde_json::to_string_pretty(&report)?);
    if let Some(path) = json_out {
        std::fs::write(path, serde_json::to_string_pretty(&report)?)?;
    }
    Ok(())
}
