//! `koppel-bench match` runs end to end on a small pool and reports every measurement, with the
//! baselines answering the same question (PostgreSQL too when the tests have a database).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

#[test]
fn the_benchmark_reports_koppel_and_its_baselines() {
    let out = std::env::temp_dir().join(format!("koppel-bench-{}.json", std::process::id()));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_koppel-bench"));
    cmd.args(["match", "--profiles", "5000", "--queries", "20", "--json"])
        .arg(&out)
        .env_remove("KOPPEL_BENCH_DATABASE_URL");
    let postgres = std::env::var("KOPPEL_TEST_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"));
    if let Some(url) = &postgres {
        cmd.args(["--database-url", url]);
    }
    let run = cmd.output().unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(report["profiles"], 5000);
    assert_eq!(report["queries"], 20);
    let koppel = &report["koppel"];
    for key in ["p50_ms", "p99_ms", "build_s", "bytes_per_profile"] {
        assert!(koppel[key].as_f64().unwrap() > 0.0, "{key}");
    }
    assert!(koppel["p50_ms"].as_f64() <= koppel["p99_ms"].as_f64());
    for baseline in ["scan", "tantivy"] {
        assert!(report["baselines"][baseline]["p50_ms"].as_f64().unwrap() > 0.0);
    }
    // Tantivy breaks ties its own way; most of koppel's top 100 is in its top 100 too.
    assert!(
        report["baselines"]["tantivy"]["top100_overlap"]
            .as_f64()
            .unwrap()
            > 0.7
    );
    if postgres.is_some() {
        // PostgreSQL orders exactly like koppel: the same top 100.
        assert_eq!(report["baselines"]["postgres"]["top100_overlap"], 1.0);
    }
}
