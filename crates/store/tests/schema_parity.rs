//! The SQLite and PostgreSQL migrations must give the same schema: both are compared against one
//! description in `tests/schema.txt` (regenerate with `KOPPEL_UPDATE_SCHEMA=1`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use koppel_store::{schema, Store};
use koppel_test_support::TestDb;

#[tokio::test]
async fn schema_matches_the_shared_description() {
    let db = TestDb::new().await;
    let store = Store::connect(&db.url).await.unwrap();
    store.migrate().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    let lines = schema::describe(&mut tx).await.unwrap().join("\n") + "\n";
    tx.commit().await.unwrap();
    store.close().await;
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/schema.txt");
    if std::env::var("KOPPEL_UPDATE_SCHEMA").is_ok() {
        std::fs::write(path, &lines).unwrap();
    }
    let expected = std::fs::read_to_string(path).unwrap();
    assert!(
        lines.lines().count() > 100,
        "schema description looks empty"
    );
    assert_eq!(
        lines,
        expected,
        "the {} schema differs from tests/schema.txt",
        if db.is_postgres() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
}

#[tokio::test]
async fn logs_are_append_only() {
    let db = TestDb::new().await;
    let store = Store::connect(&db.url).await.unwrap();
    store.migrate().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    tx.execute(
        "INSERT INTO audit_log (actor, action, object, result, origin, occurred_at) VALUES ($1, $2, $3, $4, $5, $6)",
        &koppel_store::vals!["t", "login", "x", "success", "test", chrono::Utc::now()],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    assert!(
        tx.execute("DELETE FROM audit_log", &[]).await.is_err(),
        "deleting from the audit log must fail"
    );
    drop(tx);
    let mut tx = store.begin().await.unwrap();
    assert!(
        tx.execute("UPDATE audit_log SET result = 'failure'", &[])
            .await
            .is_err(),
        "updating the audit log must fail"
    );
}
