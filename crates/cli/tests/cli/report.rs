//! `koppel report factsheet` end to end: the binary on a demo database writes JSON, PDF, XLSX and
//! HTML; a bad period or format is refused with a Dutch message and a failing exit code.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use koppel_test_support::TestDb;

fn koppel(db: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_koppel"))
        .env("RUST_LOG", "warn")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

#[tokio::test]
async fn the_factsheet_is_written_in_every_format() {
    let db = TestDb::new().await;
    let out = koppel(&db.url, &["demo"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = tempdir();
    let base = [
        "report",
        "factsheet",
        "--from",
        "2025-01-01",
        "--to",
        "2025-06-30",
        "--as-of",
        "2026-11-01",
    ];
    let json = dir.join("f.json");
    let out = koppel(
        &db.url,
        &[
            &base[..],
            &["--format", "json", "--out", json.to_str().unwrap()],
        ]
        .concat(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["from"], "2025-01-01");
    assert_eq!(
        v["suppressedBelow"], 5,
        "figures leaving the organisation hide small counts by default"
    );
    let total: i64 = v["targets"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["yearly"].as_i64())
        .sum();
    assert_eq!(total, 425);
    let placements = v["keyFigures"]["rows"][0]["counts"][0].as_i64().unwrap();
    assert!(placements > 100, "{placements}");

    for (format, magic) in [
        ("pdf", &b"%PDF"[..]),
        ("xlsx", &b"PK"[..]),
        ("html", &b"<!doctype html>"[..]),
    ] {
        let file = dir.join(format!("f.{format}"));
        let out = koppel(
            &db.url,
            &[
                &base[..],
                &[
                    "--format",
                    format,
                    "--out",
                    file.to_str().unwrap(),
                    "--layout",
                    "rba",
                ],
            ]
            .concat(),
        );
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(std::fs::read(&file).unwrap().starts_with(magic), "{format}");
    }
    let html = std::fs::read_to_string(dir.join("f.html")).unwrap();
    assert!(html.contains("Halfjaarsamenvatting voor het RBA") && html.contains("<svg"));

    let internal = dir.join("i.json");
    let out = koppel(
        &db.url,
        &[
            &base[..],
            &[
                "--format",
                "json",
                "--internal",
                "--out",
                internal.to_str().unwrap(),
            ],
        ]
        .concat(),
    );
    assert!(out.status.success());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&internal).unwrap()).unwrap();
    assert!(
        v["suppressedBelow"].is_null()
            && v["placementsByAdviser"]["rows"]
                .as_array()
                .is_some_and(|r| !r.is_empty())
    );
    // Every report is in the audit log, with whom it was for.
    let store = koppel_store::Store::connect(&db.url).await.unwrap();
    let mut tx = store.begin().await.unwrap();
    let internal: i64 = tx
        .scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'figures.report' AND object LIKE '%Internal'", &[])
        .await
        .unwrap();
    let outside: i64 = tx
        .scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'figures.report' AND object LIKE '%Outside'", &[])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!((internal, outside), (1, 4));
}

#[tokio::test]
async fn bad_input_is_refused_in_dutch() {
    let db = TestDb::new().await;
    let dir = tempdir();
    let out_file = dir.join("x.json");
    let out = koppel(
        &db.url,
        &[
            "report",
            "factsheet",
            "--from",
            "2025-06-30",
            "--to",
            "2025-01-01",
            "--format",
            "json",
            "--out",
            out_file.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("De periode eindigt vóór het begin."));
    let out = koppel(
        &db.url,
        &[
            "report",
            "factsheet",
            "--from",
            "2025-01-01",
            "--to",
            "2025-06-30",
            "--format",
            "doc",
            "--out",
            out_file.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("onbekend formaat 'doc'"));
    assert!(!out_file.exists(), "nothing is written on bad input");
}

fn tempdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "koppel-report-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}
