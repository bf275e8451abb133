//! koppel-bench: `koppel-bench match` measures koppel's matching engine on a synthetic national-size
//! pool (exact top-100 with filters and explanations, one core), side by side with three baselines
//! on the same data and the same weights: a plain scan, Tantivy, and PostgreSQL when a database URL
//! is given.

mod measure;
mod postgres_run;
mod reach;
mod scan;
mod tantivy_run;

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use clap::{Parser, Subcommand};
use koppel_matching::{synthetic, Index, Taxonomy, Weights};
use serde_json::json;

use measure::{percentile, timed};

#[derive(Parser)]
#[command(
    name = "koppel-bench",
    about = "Benchmarks of koppel's matching engine"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Exact top-100 with filters and explanations: p50/p99 per query, index build time and memory
    /// per profile, beside a plain scan, Tantivy and (with --database-url) PostgreSQL
    Match {
        #[arg(long, default_value_t = 100_000)]
        profiles: usize,
        #[arg(long, default_value_t = 200)]
        queries: usize,
        /// Also write the results as JSON to this file
        #[arg(long)]
        json: Option<PathBuf>,
        /// A PostgreSQL database to measure as a baseline too (a scratch table is made and dropped)
        #[arg(long, env = "KOPPEL_BENCH_DATABASE_URL")]
        database_url: Option<String>,
        /// Leave out the Tantivy baseline
        #[arg(long)]
        no_tantivy: bool,
    },
}

fn main() -> Result<()> {
    let Command::Match {
        profiles,
        queries,
        json,
        database_url,
        no_tantivy,
    } = Cli::parse().command;
    let centroids = koppel_app::matching::centroids().clone();
    let pc4s = centroids.codes();
    eprintln!("generating {profiles} synthetic profiles and {queries} queries ...");
    let pool = synthetic::pool(profiles, &pc4s, 2025);
    let qs = synthetic::queries(queries, &pc4s, 2025);
    let w = Weights::default();

    eprintln!("koppel: building the index ...");
    let started = Instant::now();
    let index = Index::build_from(&pool, Taxonomy::default(), centroids.clone());
    let build_s = started.elapsed().as_secs_f64();
    // Everything the index holds (the capacity of its columns and tables), per profile.
    let bytes_per_profile = index.heap_bytes() as f64 / profiles.max(1) as f64;
    let mut i = 0;
    let koppel_ms = timed(queries, || {
        std::hint::black_box(index.search(&qs[i % qs.len()], w, 100));
        i += 1;
    });
    let mut report = json!({
        "profiles": profiles,
        "queries": queries,
        "koppel": {
            "p50_ms": percentile(&koppel_ms, 0.5),
            "p99_ms": percentile(&koppel_ms, 0.99),
            "build_s": build_s,
            "bytes_per_profile": bytes_per_profile,
        },
        "baselines": {},
    });
    eprintln!("koppel: p50 {:.3} ms", percentile(&koppel_ms, 0.5));

    eprintln!("scan: ...");
    let scan_ms = scan::run(&pool, &qs);
    report["baselines"]["scan"] = json!({
        "p50_ms": percentile(&scan_ms, 0.5),
        "p99_ms": percentile(&scan_ms, 0.99),
    });
    if !no_tantivy {
        eprintln!("tantivy: building its index ...");
        let t = tantivy_run::run(&pool, &qs, &index, &centroids, w)?;
        report["baselines"]["tantivy"] = t;
    }
    if let Some(url) = database_url {
        eprintln!("postgres: loading the pool ...");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let p = runtime.block_on(postgres_run::run(&url, &pool, &qs, &index, &centroids, w))?;
        report["baselines"]["postgres"] = p;
    }
    let text = serde_json::to_string_pretty(&report)?;
    println!("{text}");
    if let Some(path) = json {
        std::fs::write(path, text)?;
    }
    Ok(())
}

/// The share of koppel's top-100 candidates that a baseline's top 100 holds too, over the queries
/// given (a check that the baseline answers the same question).
fn overlap(
    index: &Index,
    queries: &[koppel_matching::Requirements],
    w: Weights,
    found: &[Vec<i64>],
) -> f64 {
    let (mut shared, mut all) = (0usize, 0usize);
    for (q, ids) in queries.iter().zip(found) {
        let ours: Vec<i64> = index
            .search(q, w, 100)
            .matches
            .iter()
            .map(|m| m.candidate_id)
            .collect();
        shared += ours.iter().filter(|id| ids.contains(id)).count();
        all += ours.len();
    }
    if all == 0 {
        1.0
    } else {
        shared as f64 / all as f64
    }
}
