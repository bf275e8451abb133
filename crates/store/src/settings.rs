//! The installation's own settings kept in the database (such as the first pseudonym key).

use crate::{vals, StoreError, Tx};

/// The value of a setting, if it is set.
pub async fn get(tx: &mut Tx, key: &str) -> Result<Option<String>, StoreError> {
    let row: Option<(String,)> = tx
        .fetch_optional("SELECT value FROM settings WHERE key = $1", &vals![key])
        .await?;
    Ok(row.map(|r| r.0))
}

/// Sets a setting that is not yet set.
pub async fn insert(tx: &mut Tx, key: &str, value: &str) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO settings (key, value) VALUES ($1, $2)",
        &vals![key, value],
    )
    .await?;
    Ok(())
}

/// Removes a setting.
pub async fn remove(tx: &mut Tx, key: &str) -> Result<(), StoreError> {
    tx.execute("DELETE FROM settings WHERE key = $1", &vals![key])
        .await?;
    Ok(())
}
