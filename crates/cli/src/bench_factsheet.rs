//! `koppel bench factsheet`: loads a national-size database (by default a fresh SQLite file; with
//! `--db` an empty PostgreSQL or SQLite database) and times the factsheet of a half year and of a
//! whole year, as the server computes it for a manager.

use std::time::Instant;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use koppel_app::context::Settings;
use koppel_app::demo::national::{generate_national, NationalSize};
use koppel_app::figures::{self, Audience, FigureFilter, Period};
use koppel_app::AppContext;
use serde_json::json;

pub struct Args {
    pub candidates: usize,
    pub placements: usize,
    pub runs: usize,
    pub db: Option<String>,
    pub json: Option<std::path::PathBuf>,
}

pub async fn run(a: Args) -> Result<()> {
    let url = match &a.db {
        Some(u) => u.clone(),
        None => {
            let path = std::env::temp_dir().join(format!("koppel-bench-{}.db", std::process::id()));
            let _ = std::fs::remove_file(&path);
            path.display().to_string()
        }
    };
    let ctx = AppContext::open(&url, Settings::default())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("opening the benchmark database")?;
    let started = Instant::now();
    generate_national(
        &ctx,
        NationalSize {
            candidates: a.candidates,
            placements: a.placements,
        },
        2025,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let load_s = started.elapsed().as_secs_f64();
    println!(
        "Geladen: {} kandidaten, {} plaatsingen in {load_s:.1} s ({}).",
        a.candidates,
        a.placements,
        backend(&url)
    );
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default();
    let mut results = serde_json::Map::new();
    for (name, from, to) in [
        ("halfYear", "2025-01-01", "2025-06-30"),
        ("year", "2025-01-01", "2025-12-31"),
    ] {
        let period = Period::parse(from, to).map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut times = Vec::new();
        let mut placements = 0;
        for _ in 0..a.runs.max(1) {
            let t = Instant::now();
            let sheet = figures::report_factsheet(
                &ctx,
                &koppel_app::Meta::local("bench"),
                period,
                &FigureFilter::default(),
                as_of,
                Audience::Internal,
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            placements = sheet.key_figures.get("placements", "value").unwrap_or(0);
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        let max = times[times.len() - 1];
        println!("Factsheet {from} t/m {to}: mediaan {median:.0} ms, langzaamst {max:.0} ms over {} runs ({placements} plaatsingen geteld).", times.len());
        results.insert(name.into(), json!({"from": from, "to": to, "median_ms": median, "max_ms": max, "placements": placements}));
    }
    let out = json!({
        "backend": backend(&url),
        "candidates": a.candidates,
        "placements": a.placements,
        "load_s": load_s,
        "factsheet": results,
    });
    if let Some(path) = &a.json {
        std::fs::write(path, serde_json::to_string_pretty(&out)?)?;
    }
    ctx.close().await;
    if a.db.is_none() {
        let _ = std::fs::remove_file(&url);
        let _ = std::fs::remove_file(format!("{url}-wal"));
        let _ = std::fs::remove_file(format!("{url}-shm"));
    }
    Ok(())
}

fn backend(url: &str) -> &'static str {
    if url.starts_with("postgres") {
        "postgresql"
    } else {
        "sqlite"
    }
}
