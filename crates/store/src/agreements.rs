//! Agreements (afspraken) made with an employer: what, who, by when, and whether it was kept.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::{vals, StoreError, Tx};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Agreement {
    pub id: i64,
    pub employer_id: i64,
    pub employer_name: String,
    pub description: String,
    pub owner_id: i64,
    pub owner_name: String,
    pub due_date: Option<NaiveDate>,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

const SELECT: &str = "SELECT a.id, a.employer_id, e.name AS employer_name, a.description, a.owner_id, u.name AS owner_name, \
    a.due_date, a.status, a.created_at, a.updated_at, a.version FROM agreements a JOIN employers e ON e.id = a.employer_id \
    JOIN users u ON u.id = a.owner_id";

/// Validated fields of an agreement.
#[derive(Debug, Clone)]
pub struct AgreementWrite {
    pub description: String,
    pub owner_id: i64,
    pub due_date: Option<NaiveDate>,
    pub status: String,
}

pub async fn insert(
    tx: &mut Tx,
    employer_id: i64,
    created_by: i64,
    w: &AgreementWrite,
) -> Result<i64, StoreError> {
    let now = Utc::now();
    tx.insert(
        "INSERT INTO agreements (employer_id, description, owner_id, due_date, status, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        &vals![employer_id, w.description.as_str(), w.owner_id, w.due_date, w.status.as_str(), created_by, now, now],
    )
    .await
}

pub async fn update(
    tx: &mut Tx,
    id: i64,
    version: i64,
    w: &AgreementWrite,
) -> Result<(), StoreError> {
    tx.update_versioned(
        "UPDATE agreements SET description = $1, owner_id = $2, due_date = $3, status = $4, updated_at = $5, version = version + 1 \
         WHERE id = $6 AND version = $7",
        &vals![w.description.as_str(), w.owner_id, w.due_date, w.status.as_str(), Utc::now(), id, version],
        "agreements",
        id,
    )
    .await
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<Agreement, StoreError> {
    tx.fetch_one(&format!("{SELECT} WHERE a.id = $1"), &vals![id])
        .await
}

pub async fn for_employer(tx: &mut Tx, employer_id: i64) -> Result<Vec<Agreement>, StoreError> {
    tx.fetch_all(
        &format!("{SELECT} WHERE a.employer_id = $1 ORDER BY a.created_at DESC, a.id DESC"),
        &vals![employer_id],
    )
    .await
}

/// Open agreements of one owner due on or before a date (or without a date), earliest first.
pub async fn due_for(
    tx: &mut Tx,
    owner_id: i64,
    until: NaiveDate,
) -> Result<Vec<Agreement>, StoreError> {
    tx.fetch_all(
        &format!("{SELECT} WHERE a.owner_id = $1 AND a.status = $2 AND (a.due_date IS NULL OR a.due_date <= $3) ORDER BY a.due_date, a.id"),
        &vals![owner_id, "open", until],
    )
    .await
}
