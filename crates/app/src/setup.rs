//! Preparing a database: migrations, the built-in target groups and the pseudonym key.

use koppel_domain::codes::BUILTIN_TARGET_GROUPS;
use koppel_store::{candidates, vals, Store};

use crate::AppError;

/// Migrates and seeds reference data that every installation needs; returns the pseudonym key.
pub async fn prepare(store: &Store) -> Result<Vec<u8>, AppError> {
    store.migrate().await?;
    let mut tx = store.begin().await?;
    let existing: Vec<String> = candidates::target_groups(&mut tx)
        .await?
        .into_iter()
        .map(|g| g.code)
        .collect();
    for (i, g) in BUILTIN_TARGET_GROUPS.iter().enumerate() {
        if !existing.iter().any(|c| c == g.code) {
            candidates::insert_target_group(&mut tx, g.code, g.label, g.has_target, true, i as i64)
                .await?;
        }
    }
    tx.execute(
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        &vals!["pseudonym_key", crate::auth::random_hex(32)],
    )
    .await?;
    let (key,): (String,) = tx
        .fetch_one(
            "SELECT value FROM settings WHERE key = $1",
            &vals!["pseudonym_key"],
        )
        .await?;
    tx.commit().await?;
    Ok(key.into_bytes())
}
