//! The change feed: employers and vacancies in the order they last changed, after a position, for
//! partners that keep a copy in sync. Only non-personal fields.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{vals, StoreError, Tx};

/// One changed employer or vacancy, as it is now.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// `employer` or `vacancy`.
    pub kind: String,
    pub id: i64,
    pub changed_at: DateTime<Utc>,
    /// The employer's name or the vacancy's title.
    pub name: String,
    /// Employer: `active`, `archived` or `merged`; vacancy: its status (`draft`, `open`, `on_hold`, `filled`, `closed`).
    pub status: String,
    /// Vacancy: marked for the vacancy paper; employer: always false.
    pub published: bool,
    /// Vacancy: its employer; employer: the one it was merged into, if any.
    pub employer_id: Option<i64>,
}

/// Up to `limit` changes of `kind` after (`at`, `id`), oldest first.
pub async fn after(
    tx: &mut Tx,
    kind: &str,
    at: DateTime<Utc>,
    id: i64,
    limit: i64,
) -> Result<Vec<Change>, StoreError> {
    let sql = match kind {
        "employer" => {
            "SELECT 'employer' AS kind, id, updated_at AS changed_at, name, \
             CASE WHEN merged_into IS NOT NULL THEN 'merged' WHEN archived THEN 'archived' ELSE 'active' END AS status, \
             FALSE AS published, merged_into AS employer_id FROM employers \
             WHERE updated_at > $1 OR (updated_at = $1 AND id > $2) ORDER BY updated_at, id LIMIT $3"
        }
        _ => {
            "SELECT 'vacancy' AS kind, id, updated_at AS changed_at, title AS name, status, publish AS published, employer_id FROM vacancies \
             WHERE updated_at > $1 OR (updated_at = $1 AND id > $2) ORDER BY updated_at, id LIMIT $3"
        }
    };
    tx.fetch_all(sql, &vals![at, id, limit]).await
}
