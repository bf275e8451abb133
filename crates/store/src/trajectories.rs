//! Trajectories the Werkcentrum pays for, their kinds (a list the administrator keeps) and the
//! yearly budget per kind they are booked against.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::{vals, StoreError, Tx};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TrajectoryKind {
    pub code: String,
    pub label: String,
    pub active: bool,
}

pub async fn kinds(tx: &mut Tx) -> Result<Vec<TrajectoryKind>, StoreError> {
    tx.fetch_all(
        "SELECT code, label, active FROM trajectory_kinds ORDER BY label, code",
        &[],
    )
    .await
}

pub async fn insert_kind(tx: &mut Tx, code: &str, label: &str) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO trajectory_kinds (code, label) VALUES ($1, $2)",
        &vals![code, label],
    )
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Trajectory {
    pub id: i64,
    pub resident_id: i64,
    pub resident_name: String,
    pub kind: String,
    pub kind_label: String,
    pub provider: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub cost_cents: i64,
    pub spent_cents: i64,
    pub outcome: String,
    pub booked_by_name: String,
    pub created_at: DateTime<Utc>,
    pub version: i64,
}

const SELECT: &str = "SELECT t.id, t.resident_id, r.name AS resident_name, t.kind, k.label AS kind_label, t.provider, \
    t.start_date, t.end_date, t.cost_cents, t.spent_cents, t.outcome, u.name AS booked_by_name, t.created_at, t.version \
    FROM trajectories t JOIN residents r ON r.id = t.resident_id JOIN trajectory_kinds k ON k.code = t.kind \
    JOIN users u ON u.id = t.booked_by";

/// A trajectory as booked.
pub struct NewTrajectory {
    pub org_id: i64,
    pub resident_id: i64,
    pub kind: String,
    pub provider: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub cost_cents: i64,
    pub booked_by: i64,
    pub at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, t: &NewTrajectory) -> Result<i64, StoreError> {
    tx.insert(
        "INSERT INTO trajectories (org_id, resident_id, kind, provider, start_date, end_date, cost_cents, outcome, booked_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'running', $8, $9) RETURNING id",
        &vals![
            t.org_id,
            t.resident_id,
            t.kind.as_str(),
            t.provider.as_str(),
            t.start_date,
            t.end_date,
            t.cost_cents,
            t.booked_by,
            t.at
        ],
    )
    .await
}

/// A trajectory of the organisation `org_id`.
pub async fn get_for(tx: &mut Tx, id: i64, org_id: i64) -> Result<Trajectory, StoreError> {
    tx.fetch_one(
        &format!("{SELECT} WHERE t.id = $1 AND t.org_id = $2"),
        &vals![id, org_id],
    )
    .await
}

/// The trajectories of one resident of `org_id`, newest first.
pub async fn of_resident(
    tx: &mut Tx,
    resident_id: i64,
    org_id: i64,
) -> Result<Vec<Trajectory>, StoreError> {
    tx.fetch_all(
        &format!("{SELECT} WHERE t.resident_id = $1 AND t.org_id = $2 ORDER BY t.start_date DESC, t.id DESC"),
        &vals![resident_id, org_id],
    )
    .await
}

/// Records how a trajectory went: its outcome, end and what was spent.
pub async fn update_outcome(
    tx: &mut Tx,
    id: i64,
    version: i64,
    outcome: &str,
    end_date: Option<NaiveDate>,
    spent_cents: i64,
) -> Result<(), StoreError> {
    tx.update_versioned(
        "UPDATE trajectories SET outcome = $1, end_date = $2, spent_cents = $3, version = version + 1 \
         WHERE id = $4 AND version = $5",
        &vals![outcome, end_date, spent_cents, id, version],
        "trajectories",
        id,
    )
    .await
}

/// One kind's budget in a year: (kind, label, budget, committed, spent).
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BudgetLine {
    pub kind: String,
    pub label: String,
    pub budget_cents: Option<i64>,
    pub committed_cents: i64,
    pub spent_cents: i64,
}

/// Every kind's budget, commitments (the cost of the trajectories starting in the year) and
/// spending in `year` for `org_id`.
pub async fn budget(tx: &mut Tx, org_id: i64, year: i32) -> Result<Vec<BudgetLine>, StoreError> {
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let to = NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap_or_default();
    tx.fetch_all(
        "SELECT k.code AS kind, k.label, b.amount_cents AS budget_cents, \
         CAST(COALESCE((SELECT SUM(t.cost_cents) FROM trajectories t WHERE t.org_id = $1 AND t.kind = k.code \
             AND t.start_date >= $2 AND t.start_date < $3), 0) AS BIGINT) AS committed_cents, \
         CAST(COALESCE((SELECT SUM(t.spent_cents) FROM trajectories t WHERE t.org_id = $1 AND t.kind = k.code \
             AND t.start_date >= $2 AND t.start_date < $3), 0) AS BIGINT) AS spent_cents \
         FROM trajectory_kinds k LEFT JOIN trajectory_budgets b ON b.kind = k.code AND b.org_id = $1 AND b.year = $4 \
         ORDER BY k.label, k.code",
        &vals![org_id, from, to, i64::from(year)],
    )
    .await
}

pub async fn set_budget(
    tx: &mut Tx,
    org_id: i64,
    year: i32,
    kind: &str,
    amount_cents: i64,
) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM trajectory_budgets WHERE org_id = $1 AND year = $2 AND kind = $3",
        &vals![org_id, i64::from(year), kind],
    )
    .await?;
    tx.execute(
        "INSERT INTO trajectory_budgets (org_id, year, kind, amount_cents) VALUES ($1, $2, $3, $4)",
        &vals![org_id, i64::from(year), kind, amount_cents],
    )
    .await?;
    Ok(())
}

/// Trajectories of `org_id` starting in [from, to), counted per (kind label, outcome).
pub async fn outcome_counts(
    tx: &mut Tx,
    org_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(String, String, i64)>, StoreError> {
    tx.fetch_all(
        "SELECT k.label, t.outcome, COUNT(*) FROM trajectories t JOIN trajectory_kinds k ON k.code = t.kind \
         WHERE t.org_id = $1 AND t.start_date >= $2 AND t.start_date < $3 GROUP BY k.label, t.outcome ORDER BY k.label, t.outcome",
        &vals![org_id, from, to],
    )
    .await
}
