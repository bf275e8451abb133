//! `koppel import employers` survives kill -9: after rerunning the same file every good row is
//! there exactly once, the bad rows are reported, and nothing is half-imported.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use koppel_store::Store;
use koppel_test_support::TestDb;

/// Large enough that the import is still running when the test kills it.
const ROWS: usize = 300_000;

fn big_csv(rows: usize) -> String {
    let mut out = String::from("Extern id;Naam;KvK;Sector;Postcode\n");
    for i in 0..rows {
        let sector = if i % 100 == 37 {
            "ruimtevaart"
        } else {
            "handel"
        };
        // Unique postcodes, so no row looks like another (same postcode, similar name).
        let letters = [b'A' + (i / 9000 % 26) as u8, b'A' + (i / 9000 / 26) as u8];
        let postcode = format!("{}{}", 1000 + i % 9000, String::from_utf8_lossy(&letters));
        out.push_str(&format!(
            "X{i};Bedrijf {i};{:08};{sector};{postcode}\n",
            10_000_000 + i
        ));
    }
    out
}

/// A configuration whose import lease is short, so a test need not wait a minute for one to end.
fn short_lease(dir: &std::path::Path) -> String {
    let file = dir.join("koppel.toml");
    std::fs::write(&file, "import_lease_seconds = 3\n").unwrap();
    file.to_str().unwrap().to_string()
}

/// `koppel import employers FILE` killed (SIGKILL) once its first batch is committed.
fn import_killed_after_first_batch(db: &str, config: &str, file: &std::path::Path, rows: usize) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_koppel"))
        .args(["--db", db, "--config", config, "import", "employers"])
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The progress bar is written when the job starts and after each committed batch: kill the
    // process as soon as a batch is done, so it dies in the middle of the import.
    let mut progress = child.stderr.take().unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 256];
    let started = Instant::now();
    let batch_done = |seen: &str| {
        seen.split('\r')
            .any(|l| l.contains(&format!("/{rows} regels")) && !l.contains("] 0/"))
    };
    while !batch_done(&seen) {
        let n = progress.read(&mut buf).unwrap();
        assert!(
            n > 0 && started.elapsed() < Duration::from_secs(120),
            "no progress: {seen}"
        );
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
}

#[tokio::test]
async fn an_import_killed_halfway_resumes_without_duplicates() {
    let db = TestDb::new().await;
    let dir = std::env::temp_dir().join(format!("koppel-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("werkgevers.csv");
    std::fs::write(&file, big_csv(ROWS)).unwrap();
    let koppel = env!("CARGO_BIN_EXE_koppel");
    let config = short_lease(&dir);
    let migrate = Command::new(koppel)
        .args(["--db", &db.url, "migrate"])
        .output()
        .unwrap();
    assert!(migrate.status.success());
    let store = Store::connect(&db.url).await.unwrap();

    import_killed_after_first_batch(&db.url, &config, &file, ROWS);
    let mut tx = store.begin().await.unwrap();
    let done_when_killed = tx
        .scalar("SELECT MAX(done_rows) FROM imports", &[])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(
        (koppel_app::import::BATCH as i64..ROWS as i64).contains(&done_when_killed),
        "killed halfway: {done_when_killed}"
    );
    let mut tx = store.begin().await.unwrap();
    let (count, done): (i64, i64) = (
        tx.scalar("SELECT COUNT(*) FROM employers", &[])
            .await
            .unwrap(),
        tx.scalar("SELECT MAX(done_rows) FROM imports", &[])
            .await
            .unwrap(),
    );
    tx.commit().await.unwrap();
    assert_eq!(
        count,
        done - done / 100,
        "only whole batches were committed: {count} employers after {done} rows"
    );
    // While the dead run's lease holds, the same file is refused, not run twice.
    let at_once = Command::new(koppel)
        .args(["--db", &db.url, "--config", &config, "import", "employers"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(!at_once.status.success());
    assert!(
        String::from_utf8_lossy(&at_once.stderr).contains("wordt al geïmporteerd"),
        "{}",
        String::from_utf8_lossy(&at_once.stderr)
    );
    std::thread::sleep(Duration::from_millis(3_500));

    let report = dir.join("verslag.csv");
    let rerun = Command::new(koppel)
        .args([
            "--db",
            &db.url,
            "--config",
            &config,
            "import",
            "employers",
            file.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        rerun.status.success(),
        "{}",
        String::from_utf8_lossy(&rerun.stderr)
    );
    let out = String::from_utf8_lossy(&rerun.stdout);
    assert!(out.contains("Hervat na regel"), "{out}");
    let mut tx = store.begin().await.unwrap();
    let employers = tx
        .scalar("SELECT COUNT(*) FROM employers", &[])
        .await
        .unwrap();
    let distinct = tx
        .scalar("SELECT COUNT(DISTINCT external_id) FROM employers", &[])
        .await
        .unwrap();
    let jobs = tx
        .scalar("SELECT COUNT(*) FROM imports WHERE status = 'done'", &[])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let good = (ROWS - ROWS / 100) as i64;
    assert_eq!((employers, distinct, jobs), (good, good, 1));
    let lines: Vec<String> = std::fs::read_to_string(&report)
        .unwrap()
        .lines()
        .skip(1)
        .map(String::from)
        .collect();
    assert_eq!(lines.len(), ROWS / 100, "exactly the bad rows are reported");
    assert!(
        lines[0].starts_with("39,bad,") && lines[0].contains("ruimtevaart"),
        "{}",
        lines[0]
    );
    store.close().await;
}

/// kill -9 of the run that holds an import: `koppel serve` takes the job over once its lease
/// expires and finishes it from the kept file, without a new upload, every row once.
#[tokio::test]
async fn the_server_finishes_an_import_whose_run_was_killed() {
    const ROWS: usize = 20_000;
    let db = TestDb::new().await;
    let dir = std::env::temp_dir().join(format!("koppel-takeover-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("werkgevers.csv");
    std::fs::write(&file, big_csv(ROWS)).unwrap();
    let koppel = env!("CARGO_BIN_EXE_koppel");
    let config = short_lease(&dir);
    let migrate = Command::new(koppel)
        .args(["--db", &db.url, "migrate"])
        .output()
        .unwrap();
    assert!(migrate.status.success());
    import_killed_after_first_batch(&db.url, &config, &file, ROWS);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Command::new(koppel)
        .args(["--db", &db.url, "--config", &config, "serve", "--addr"])
        .arg(format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let store = Store::connect(&db.url).await.unwrap();
    let started = Instant::now();
    loop {
        let mut tx = store.begin().await.unwrap();
        let done = tx
            .scalar("SELECT COUNT(*) FROM imports WHERE status = 'done'", &[])
            .await
            .unwrap();
        tx.commit().await.unwrap();
        if done == 1 {
            break;
        }
        assert!(server.try_wait().unwrap().is_none(), "the server stopped");
        assert!(
            started.elapsed() < Duration::from_secs(180),
            "the import was not taken over"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    server.kill().unwrap();
    server.wait().unwrap();
    let mut tx = store.begin().await.unwrap();
    let employers = tx
        .scalar("SELECT COUNT(*) FROM employers", &[])
        .await
        .unwrap();
    let distinct = tx
        .scalar("SELECT COUNT(DISTINCT external_id) FROM employers", &[])
        .await
        .unwrap();
    let (attempts, files) = (
        tx.scalar("SELECT MAX(attempts) FROM imports", &[])
            .await
            .unwrap(),
        tx.scalar("SELECT COUNT(*) FROM import_files", &[])
            .await
            .unwrap(),
    );
    tx.commit().await.unwrap();
    let good = (ROWS - ROWS / 100) as i64;
    assert_eq!((employers, distinct), (good, good));
    assert_eq!(
        (attempts, files),
        (2, 0),
        "one takeover; the kept file deleted"
    );
    store.close().await;
}
