//! The public statements (privacy, accessibility) as the administrator wrote them.

use chrono::{DateTime, Utc};

use crate::{vals, StoreError, Tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Statement {
    pub kind: String,
    pub body: String,
    pub updated_at: DateTime<Utc>,
    pub updated_by: String,
}

/// The statement of a kind, if one was written.
pub async fn get(tx: &mut Tx, kind: &str) -> Result<Option<Statement>, StoreError> {
    tx.fetch_optional(
        "SELECT kind, body, updated_at, updated_by FROM statements WHERE kind = $1",
        &vals![kind],
    )
    .await
}

/// Writes (or rewrites) the statement of a kind.
pub async fn put(
    tx: &mut Tx,
    kind: &str,
    body: &str,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO statements (kind, body, updated_at, updated_by) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (kind) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, \
         updated_by = excluded.updated_by",
        &vals![kind, body, at, by],
    )
    .await?;
    Ok(())
}
