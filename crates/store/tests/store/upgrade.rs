//! Upgrading a database that holds data, on both backends: the migrations after an older version
//! run over rows that refer to each other, and nothing is lost. (Version 20 rebuilds SQLite's
//! users table for the gids role; users, the rows that name them and their mail opt-outs stay.)

use std::str::FromStr;

use koppel_store::{vals, Store};
use koppel_test_support::TestDb;
use sqlx::migrate::Migrator;

/// The migrations of this backend up to and including `last`, as a migrator of their own.
async fn migrator_until(backend: &str, last: u32) -> (Migrator, std::path::PathBuf) {
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    let dir = std::env::temp_dir().join(format!(
        "koppel-migrations-{backend}-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let version: u32 = name[..4].parse().unwrap();
        if version <= last {
            std::fs::copy(&path, dir.join(&name)).unwrap();
        }
    }
    (Migrator::new(dir.as_path()).await.unwrap(), dir)
}

/// An organisation, two users, a contact request assigned to one and a mail opt-out of the other,
/// written the way version 19 stores them.
const ROWS: &[&str] = &[
    "INSERT INTO organisations (id, name, short_name, kind, wsp_partner, created_at) VALUES (1, 'UWV', 'UWV', 'uwv', TRUE, CURRENT_TIMESTAMP)",
    "INSERT INTO users (id, org_id, email, name, role, password_hash, created_at) VALUES (7, 1, 'a@uwv.nl', 'A', 'adviser', 'x', CURRENT_TIMESTAMP)",
    "INSERT INTO users (id, org_id, email, name, role, password_hash, created_at) VALUES (8, 1, 'b@uwv.nl', 'B', 'consultant', 'x', CURRENT_TIMESTAMP)",
    "INSERT INTO contact_requests (company_name, contact_name, message, source, assigned_to, received_at, deadline_at) \
     VALUES ('Bakkerij', 'Jan', 'Graag contact', 'staff', 7, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    "INSERT INTO mail_optouts (user_id, kind) VALUES (8, 'handover')",
];

#[tokio::test]
async fn an_older_database_with_data_upgrades_without_losing_a_row() {
    let db = TestDb::new().await;
    let backend = if db.is_postgres() {
        "postgres"
    } else {
        "sqlite"
    };
    let (old, dir) = migrator_until(backend, 19).await;
    if db.is_postgres() {
        let pool = sqlx::PgPool::connect(&db.url).await.unwrap();
        old.run(&pool).await.unwrap();
        for sql in ROWS {
            sqlx::query(sql).execute(&pool).await.unwrap();
        }
        pool.close().await;
    } else {
        let options = sqlx::sqlite::SqliteConnectOptions::from_str(&db.url)
            .unwrap()
            .create_if_missing(true)
            .foreign_keys(true);
        let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
        old.run(&pool).await.unwrap();
        for sql in ROWS {
            sqlx::query(sql).execute(&pool).await.unwrap();
        }
        pool.close().await;
    }
    std::fs::remove_dir_all(dir).unwrap();

    let store = Store::connect(&db.url).await.unwrap();
    store.migrate().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    for (sql, n) in [
        ("SELECT COUNT(*) FROM users", 2),
        (
            "SELECT COUNT(*) FROM contact_requests WHERE assigned_to = 7",
            1,
        ),
        ("SELECT COUNT(*) FROM mail_optouts WHERE user_id = 8", 1),
    ] {
        assert_eq!(tx.scalar(sql, &[]).await.unwrap(), n, "{sql}");
    }
    tx.execute(
        "INSERT INTO users (org_id, email, name, role, password_hash, created_at) VALUES (1, $1, 'G', 'gids', 'x', CURRENT_TIMESTAMP)",
        &vals!["g@uwv.nl"],
    )
    .await
    .unwrap();
    let known = store.known_migrations();
    let check = koppel_store::check::run(&mut tx, known).await.unwrap();
    assert!(check.problems.is_empty(), "{:?}", check.problems);
    assert_eq!(check.migrations_applied, known);
    tx.commit().await.unwrap();
    store.close().await;
}
