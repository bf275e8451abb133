//! After-care tasks: contacts with the employer at 2 and 5 months after a placement, and follow-ups.

use chrono::{DateTime, NaiveDate, Utc};
use koppel_domain::permissions::CandidateScope;
use serde::Serialize;

use crate::filter::Filter;
use crate::{vals, StoreError, Tx};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AftercareTask {
    pub id: i64,
    pub placement_id: i64,
    pub candidate_id: i64,
    pub candidate_name: String,
    pub employer_id: i64,
    pub employer_name: String,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub due_date: NaiveDate,
    /// `two_months`, `five_months` or `follow_up`.
    pub kind: String,
    pub outcome: Option<String>,
    pub notes: String,
    pub done_at: Option<DateTime<Utc>>,
    pub version: i64,
}

const SELECT: &str = "SELECT t.id, t.placement_id, p.candidate_id, c.first_name || ' ' || c.last_name AS candidate_name, p.employer_id, \
    e.name AS employer_name, t.assignee_id, u.name AS assignee_name, t.due_date, t.kind, t.outcome, t.notes, t.done_at, t.version \
    FROM aftercare_tasks t JOIN placements p ON p.id = t.placement_id JOIN candidates c ON c.id = p.candidate_id \
    JOIN employers e ON e.id = p.employer_id LEFT JOIN users u ON u.id = t.assignee_id";

pub async fn insert(
    tx: &mut Tx,
    placement_id: i64,
    assignee_id: Option<i64>,
    due_date: NaiveDate,
    kind: &str,
) -> Result<i64, StoreError> {
    tx.insert(
        "INSERT INTO aftercare_tasks (placement_id, assignee_id, due_date, kind) VALUES ($1, $2, $3, $4) RETURNING id",
        &vals![placement_id, assignee_id, due_date, kind],
    )
    .await
}

/// A task whose candidate is in scope, or `NotFound`.
/// An after-care task within the scope, with the proof that the scope may see it (for a write).
pub async fn get_visible(
    tx: &mut Tx,
    scope: CandidateScope,
    id: i64,
) -> Result<(AftercareTask, crate::Visible), StoreError> {
    Ok((get(tx, scope, id).await?, crate::Visible::new(id)))
}

pub async fn get(tx: &mut Tx, scope: CandidateScope, id: i64) -> Result<AftercareTask, StoreError> {
    let mut f = Filter::default();
    f.add("t.id = ?", vals![id]);
    f.candidate_scope(scope);
    tx.fetch_one(&format!("{SELECT}{}", f.where_sql()), &f.vals)
        .await
}

pub async fn for_placement(
    tx: &mut Tx,
    scope: CandidateScope,
    placement_id: i64,
) -> Result<Vec<AftercareTask>, StoreError> {
    let mut f = Filter::default();
    f.add("t.placement_id = ?", vals![placement_id]);
    f.candidate_scope(scope);
    tx.fetch_all(
        &format!("{SELECT}{} ORDER BY t.due_date, t.id", f.where_sql()),
        &f.vals,
    )
    .await
}

/// Open tasks of one assignee due on or before a date, earliest first (only candidates in scope).
pub async fn due_for(
    tx: &mut Tx,
    scope: CandidateScope,
    assignee_id: i64,
    until: NaiveDate,
) -> Result<Vec<AftercareTask>, StoreError> {
    let mut f = Filter::default();
    f.add(
        "t.assignee_id = ? AND t.done_at IS NULL AND t.due_date <= ?",
        vals![assignee_id, until],
    );
    f.candidate_scope(scope);
    tx.fetch_all(
        &format!("{SELECT}{} ORDER BY t.due_date, t.id", f.where_sql()),
        &f.vals,
    )
    .await
}

/// An open task due by a date, for the reminder (employer name only: no candidate in an e-mail).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DueTask {
    pub id: i64,
    pub placement_id: i64,
    pub assignee_id: i64,
    pub employer_name: String,
    pub due_date: NaiveDate,
}

/// Every open task with an assignee due on or before `until` whose reminder is not in the outbox
/// yet (its idempotency key is `key_prefix` followed by the task's id); for koppel itself.
pub async fn open_due_unreminded(
    tx: &mut Tx,
    until: NaiveDate,
    key_prefix: &str,
) -> Result<Vec<DueTask>, StoreError> {
    tx.fetch_all(
        "SELECT t.id, t.placement_id, t.assignee_id, e.name AS employer_name, t.due_date \
         FROM aftercare_tasks t JOIN placements p ON p.id = t.placement_id \
         JOIN employers e ON e.id = p.employer_id \
         WHERE t.done_at IS NULL AND t.assignee_id IS NOT NULL AND t.due_date <= $1 \
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.idempotency_key = $2 || t.id) \
         ORDER BY t.due_date, t.id",
        &vals![until, key_prefix],
    )
    .await
}

/// Records the outcome of a task (optimistic locking).
pub async fn complete(
    tx: &mut Tx,
    row: crate::Visible,
    version: i64,
    outcome: &str,
    notes: &str,
    by: i64,
) -> Result<(), StoreError> {
    let id = row.id();
    tx.update_versioned(
        "UPDATE aftercare_tasks SET outcome = $1, notes = $2, done_at = $3, done_by = $4, version = version + 1 WHERE id = $5 AND version = $6",
        &vals![outcome, notes, Utc::now(), by, id, version],
        "aftercare_tasks",
        id,
    )
    .await
}

/// Marks a placement as ended early, or records that the employer needs no more follow-up.
/// Ends the follow-up of the placement an after-care task (`task`, read within the scope) belongs
/// to, and records its end when it ended early.
pub async fn close_placement(
    tx: &mut Tx,
    task: crate::Visible,
    ended: Option<(NaiveDate, String)>,
    follow_up_ended: bool,
) -> Result<(), StoreError> {
    let (ended_on, reason) = ended
        .map(|(d, r)| (Some(d), Some(r)))
        .unwrap_or((None, None));
    tx.execute(
        "UPDATE placements SET ended_on = COALESCE($1, ended_on), ended_reason = COALESCE($2, ended_reason), \
         follow_up_ended = $3, version = version + 1 WHERE id = (SELECT placement_id FROM aftercare_tasks WHERE id = $4)",
        &vals![ended_on, reason, follow_up_ended, task.id()],
    )
    .await?;
    Ok(())
}
