//! Employer satisfaction: a score from 1 to 10 with a comment, after a closed contact request or a
//! placement, entered by staff or by the employer through a single-use link.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{vals, StoreError, Tx};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Survey {
    pub id: i64,
    pub employer_id: i64,
    pub employer_name: String,
    pub contact_request_id: Option<i64>,
    pub placement_id: Option<i64>,
    pub score: Option<i64>,
    pub comment: String,
    /// Who entered it; empty when the employer answered through the link.
    pub entered_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
}

const SELECT: &str = "SELECT s.id, s.employer_id, e.name AS employer_name, s.contact_request_id, s.placement_id, s.score, s.comment, \
    u.name AS entered_by_name, s.created_at, s.answered_at FROM satisfaction_surveys s JOIN employers e ON e.id = s.employer_id \
    LEFT JOIN users u ON u.id = s.entered_by";

/// What a survey is about.
#[derive(Debug, Clone, Copy)]
pub struct Subject {
    pub employer_id: i64,
    pub contact_request_id: Option<i64>,
    pub placement_id: Option<i64>,
}

/// A survey waiting for the employer's answer through a link (only the token's hash is kept).
pub async fn create_link(tx: &mut Tx, s: Subject, token_hash: &str) -> Result<i64, StoreError> {
    tx.insert(
        "INSERT INTO satisfaction_surveys (employer_id, contact_request_id, placement_id, token_hash, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        &vals![s.employer_id, s.contact_request_id, s.placement_id, token_hash, Utc::now()],
    )
    .await
}

/// A score entered by staff.
pub async fn record(
    tx: &mut Tx,
    s: Subject,
    score: i64,
    comment: &str,
    by: i64,
) -> Result<i64, StoreError> {
    let now = Utc::now();
    tx.insert(
        "INSERT INTO satisfaction_surveys (employer_id, contact_request_id, placement_id, score, comment, entered_by, created_at, answered_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        &vals![s.employer_id, s.contact_request_id, s.placement_id, score, comment, by, now, now],
    )
    .await
}

pub async fn by_token(tx: &mut Tx, token_hash: &str) -> Result<Survey, StoreError> {
    tx.fetch_one(
        &format!("{SELECT} WHERE s.token_hash = $1"),
        &vals![token_hash],
    )
    .await
}

/// Stores the employer's answer once; false when it was answered before.
pub async fn answer(tx: &mut Tx, id: i64, score: i64, comment: &str) -> Result<bool, StoreError> {
    let n = tx
        .execute(
            "UPDATE satisfaction_surveys SET score = $1, comment = $2, answered_at = $3 WHERE id = $4 AND answered_at IS NULL",
            &vals![score, comment, Utc::now(), id],
        )
        .await?;
    Ok(n == 1)
}

pub async fn for_employer(tx: &mut Tx, employer_id: i64) -> Result<Vec<Survey>, StoreError> {
    tx.fetch_all(
        &format!("{SELECT} WHERE s.employer_id = $1 ORDER BY s.created_at DESC, s.id DESC"),
        &vals![employer_id],
    )
    .await
}
