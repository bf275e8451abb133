//! Residents' requests through the public form (an appointment at a walk-in hour, or a call
//! back), until a gids has handled them.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{vals, StoreError, Tx};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeskRequest {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub question: String,
    pub location_name: Option<String>,
    pub message: String,
    pub received_at: DateTime<Utc>,
    pub handled_at: Option<DateTime<Utc>>,
    pub handled_by_name: Option<String>,
    pub version: i64,
}

/// A request as the resident sent it.
pub struct NewDeskRequest {
    pub kind: &'static str,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub question: &'static str,
    pub location_id: Option<i64>,
    pub message: String,
    pub received_at: DateTime<Utc>,
}

const SELECT: &str = "SELECT q.id, q.kind, q.name, q.phone, q.email, q.question, l.name AS location_name, q.message, \
    q.received_at, q.handled_at, u.name AS handled_by_name, q.version FROM desk_requests q \
    LEFT JOIN desk_locations l ON l.id = q.location_id LEFT JOIN users u ON u.id = q.handled_by";

pub async fn insert(tx: &mut Tx, r: &NewDeskRequest) -> Result<i64, StoreError> {
    tx.insert(
        "INSERT INTO desk_requests (kind, name, phone, email, question, location_id, message, received_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        &vals![
            r.kind,
            r.name.as_str(),
            r.phone.clone(),
            r.email.clone(),
            r.question,
            r.location_id,
            r.message.as_str(),
            r.received_at
        ],
    )
    .await
}

/// The requests not yet handled, oldest first, and those handled since `since`, newest first.
pub async fn list(tx: &mut Tx, since: DateTime<Utc>) -> Result<Vec<DeskRequest>, StoreError> {
    tx.fetch_all(
        &format!(
            "{SELECT} WHERE q.purged_at IS NULL AND (q.handled_at IS NULL OR q.handled_at >= $1) \
             ORDER BY CASE WHEN q.handled_at IS NULL THEN 0 ELSE 1 END, q.received_at, q.id LIMIT 500"
        ),
        &vals![since],
    )
    .await
}

/// Marks a request handled by `by`.
pub async fn handle(
    tx: &mut Tx,
    id: i64,
    version: i64,
    by: i64,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    tx.update_versioned(
        "UPDATE desk_requests SET handled_at = $1, handled_by = $2, version = version + 1 \
         WHERE id = $3 AND version = $4 AND handled_at IS NULL",
        &vals![at, by, id, version],
        "desk_requests",
        id,
    )
    .await
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<DeskRequest, StoreError> {
    tx.fetch_one(
        &format!("{SELECT} WHERE q.id = $1 AND q.purged_at IS NULL"),
        &vals![id],
    )
    .await
}
