//! `koppel backup`, `koppel restore` and `koppel check` as an operator runs them: a copy of a
//! database with data, restored into a new database, checks out with the same rows; a restore
//! into a database that holds data is refused.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use koppel_test_support::TestDb;

fn koppel(url: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_koppel"))
        .args(["--db", url])
        .args(args)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// The row counts `koppel check` printed.
fn counts(report: &str) -> Vec<&str> {
    report.lines().filter(|l| l.contains(" rijen")).collect()
}

#[tokio::test]
async fn a_backup_restores_into_a_new_database_with_the_same_rows() {
    let db = TestDb::new().await;
    let (ok, out) = koppel(
        &db.url,
        &[
            "org",
            "add",
            "--name",
            "Spaarne Werkt",
            "--short-name",
            "Spaarne",
            "--kind",
            "reintegration_company",
        ],
    );
    assert!(ok, "{out}");
    let (ok, live) = koppel(&db.url, &["check"]);
    assert!(ok && live.contains("De database is in orde"), "{live}");
    let file = std::env::temp_dir().join(format!("koppel-cli-backup-{}", rand_suffix()));
    let (ok, out) = koppel(&db.url, &["backup", "--to", file.to_str().unwrap()]);
    assert!(ok, "{out}");

    let fresh = TestDb::new().await;
    let (ok, restored) = koppel(&fresh.url, &["restore", "--from", file.to_str().unwrap()]);
    assert!(ok, "{restored}");
    assert!(restored.contains("De database is in orde"), "{restored}");
    assert_eq!(counts(&restored), counts(&live), "the same rows");
    assert!(
        counts(&live)
            .iter()
            .any(|l| l.contains("organisations: 1 ")),
        "{live}"
    );

    let (ok, again) = koppel(&fresh.url, &["restore", "--from", file.to_str().unwrap()]);
    assert!(!ok, "never into a database that holds data: {again}");
    let _ = std::fs::remove_file(&file);
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
}
