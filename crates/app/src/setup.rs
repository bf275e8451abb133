//! Preparing a database: migrations, the built-in target groups and the pseudonym key.

use koppel_domain::codes::BUILTIN_TARGET_GROUPS;
use koppel_store::{candidates, settings, Store};

use crate::AppError;

/// Migrates and seeds reference data that every installation needs; returns the pseudonym key.
pub async fn prepare(store: &Store, configured_keys: &[String]) -> Result<Vec<Vec<u8>>, AppError> {
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
    // Tokens made before tokens expired get 90 days from now.
    koppel_store::accounts::expire_legacy_tokens(
        &mut tx,
        chrono::Utc::now() + chrono::Duration::days(90),
    )
    .await?;
    let keys = pseudonym_keys(&mut tx, configured_keys).await?;
    tx.commit().await?;
    Ok(keys)
}

/// The setting that holds the pseudonym key an installation made itself.
const PSEUDONYM_KEY: &str = "pseudonym_key";

/// The keys of the pseudonyms in the processing log, current first. Configured keys (from a key file)
/// win; the key a first installation kept in the database is then only a previous key, and is
/// deleted from the database once the key file lists it. Without configured keys, the database key
/// is made once and used.
async fn pseudonym_keys(
    tx: &mut koppel_store::Tx,
    configured: &[String],
) -> Result<Vec<Vec<u8>>, AppError> {
    let stored = settings::get(tx, PSEUDONYM_KEY).await?;
    if configured.is_empty() {
        let key = match stored {
            Some(k) => k,
            None => {
                let k = crate::random::random_hex(32);
                settings::insert(tx, PSEUDONYM_KEY, &k).await?;
                k
            }
        };
        return Ok(vec![key.into_bytes()]);
    }
    let mut keys: Vec<Vec<u8>> = configured.iter().map(|k| k.clone().into_bytes()).collect();
    if let Some(old) = stored {
        if configured.contains(&old) {
            settings::remove(tx, PSEUDONYM_KEY).await?;
        } else {
            tracing::warn!("the first pseudonym key is still in the database: add it to the key file as a previous key");
            keys.push(old.into_bytes());
        }
    }
    Ok(keys)
}
