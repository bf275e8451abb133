//! `koppel bench rebuild`: how long `koppel serve` takes at start-up to read the candidates from
//! the store and build the matching index, for a synthetic pool loaded into an empty database.

use std::time::Instant;

use anyhow::{Context, Result};
use koppel_app::context::Settings;
use koppel_app::AppContext;
use koppel_matching::synthetic;

pub async fn run(profiles: usize, runs: usize, db: Option<String>) -> Result<()> {
    let url = match db {
        Some(u) => u,
        None => {
            let path =
                std::env::temp_dir().join(format!("koppel-rebuild-{}.db", std::process::id()));
            let _ = std::fs::remove_file(&path);
            path.display().to_string()
        }
    };
    let ctx = AppContext::open(&url, Settings::default())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("opening the benchmark database")?;
    let pc4s = koppel_app::matching::centroids().codes();
    let pool = synthetic::pool(profiles, &pc4s, 2025);
    let started = Instant::now();
    koppel_app::demo::matching_pool::load(&ctx, &pool)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "Geladen: {profiles} kandidaten met hun vaardigheden in {:.1} s.",
        started.elapsed().as_secs_f64()
    );
    let mut times = Vec::new();
    for _ in 0..runs.max(1) {
        koppel_app::matching::forget(&ctx);
        let t = Instant::now();
        let n = koppel_app::matching::warm_up(&ctx)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        times.push(t.elapsed().as_secs_f64());
        anyhow::ensure!(
            n == profiles,
            "the index holds {n} profiles, not {profiles}"
        );
    }
    // One candidate changes: the next search reads only that one again.
    let mut changes = Vec::new();
    for i in 0..runs.max(1) {
        koppel_app::demo::matching_pool::change_one(&ctx, (i * 7) as i64, 20 + i as i64)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let t = Instant::now();
        koppel_app::matching::warm_up(&ctx)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        changes.push(t.elapsed().as_secs_f64());
    }
    changes.sort_by(f64::total_cmp);
    println!(
        "Na een wijziging van een kandidaat is de index bijgewerkt in {:.2} s (mediaan over {} keer).",
        changes[changes.len() / 2],
        changes.len()
    );
    times.sort_by(f64::total_cmp);
    println!(
        "Index opnieuw opgebouwd uit de database ({profiles} profielen): mediaan {:.2} s, langzaamst {:.2} s over {} keer.",
        times[times.len() / 2],
        times[times.len() - 1],
        times.len()
    );
    ctx.close().await;
    Ok(())
}
