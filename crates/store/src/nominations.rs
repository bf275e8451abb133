//! Nominations (voordrachten): a candidate proposed for a vacancy. Only candidates in scope are shown.

use chrono::{DateTime, Utc};
use koppel_domain::permissions::CandidateScope;
use serde::Serialize;

use crate::filter::Filter;
use crate::{vals, StoreError, Tx};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Nomination {
    pub id: i64,
    pub vacancy_id: i64,
    pub vacancy_title: String,
    pub employer_id: i64,
    pub employer_name: String,
    pub candidate_id: i64,
    pub candidate_name: String,
    pub proposed_by_name: String,
    pub state: String,
    /// The coded reason of a decline or of not being placed.
    pub reason_code: Option<String>,
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

const SELECT: &str = "SELECT n.id, n.vacancy_id, v.title AS vacancy_title, v.employer_id, e.name AS employer_name, n.candidate_id, \
    c.first_name || ' ' || c.last_name AS candidate_name, u.name AS proposed_by_name, n.state, n.reason_code, n.reason, n.created_at, \
    n.updated_at, n.version FROM nominations n JOIN vacancies v ON v.id = n.vacancy_id JOIN employers e ON e.id = v.employer_id \
    JOIN candidates c ON c.id = n.candidate_id JOIN users u ON u.id = n.proposed_by";

pub struct NewNomination<'a> {
    pub vacancy_id: i64,
    /// A candidate read within the nominating actor's scope.
    pub candidate: crate::Visible,
    pub org_id: i64,
    pub proposed_by: i64,
    pub state: &'a str,
    pub reason_code: Option<&'a str>,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// Inserts a nomination and its first step.
pub async fn insert(tx: &mut Tx, n: &NewNomination<'_>) -> Result<i64, StoreError> {
    let id = tx.insert(
        "INSERT INTO nominations (org_id, vacancy_id, candidate_id, proposed_by, state, reason_code, reason, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        &vals![n.org_id, n.vacancy_id, n.candidate.id(), n.proposed_by, n.state, n.reason_code.map(str::to_string), n.reason.clone(), n.at, n.at],
    )
    .await?;
    record_step(tx, id, n.state, n.at).await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct LastStep {
    state: String,
    entered_at: DateTime<Utc>,
}

/// Records that a nomination entered `state` at `at`, with the time it spent in the step before.
pub async fn record_step(
    tx: &mut Tx,
    id: i64,
    state: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let last: Option<LastStep> = tx
        .fetch_optional(
            "SELECT state, entered_at FROM nomination_steps WHERE nomination_id = $1 ORDER BY id DESC LIMIT 1",
            &vals![id],
        )
        .await?;
    let (previous, seconds) = match last {
        Some(l) => (
            Some(l.state),
            Some((at - l.entered_at).num_seconds().max(0)),
        ),
        None => (None, None),
    };
    tx.execute(
        "INSERT INTO nomination_steps (nomination_id, state, previous_state, seconds_in_previous, entered_at) VALUES ($1, $2, $3, $4, $5)",
        &vals![id, state, previous, seconds, at],
    )
    .await?;
    Ok(())
}

/// Puts a nomination in its final state without a new step (for generated history whose steps
/// were recorded with `record_step`).
pub async fn settle(
    tx: &mut Tx,
    id: i64,
    state: &str,
    reason_code: Option<&str>,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE nominations SET state = $1, reason_code = $2, updated_at = $3 WHERE id = $4",
        &vals![state, reason_code.map(str::to_string), at, id],
    )
    .await?;
    Ok(())
}

/// A nomination whose candidate is in scope, or `NotFound`.
/// A nomination within the scope, with the proof that the scope may see it (for a write).
pub async fn get_visible(
    tx: &mut Tx,
    scope: CandidateScope,
    id: i64,
) -> Result<(Nomination, crate::Visible), StoreError> {
    Ok((get(tx, scope, id).await?, crate::Visible::new(id)))
}

pub async fn get(tx: &mut Tx, scope: CandidateScope, id: i64) -> Result<Nomination, StoreError> {
    let mut f = Filter::default();
    f.add("n.id = ?", vals![id]);
    f.candidate_scope(scope);
    tx.fetch_one(&format!("{SELECT}{}", f.where_sql()), &f.vals)
        .await
}

/// Moves a nomination to a new state (optimistic locking on `version`).
pub async fn set_state(
    tx: &mut Tx,
    row: crate::Visible,
    version: i64,
    state: &str,
    reason_code: Option<&str>,
    reason: Option<String>,
) -> Result<(), StoreError> {
    let id = row.id();
    let now = Utc::now();
    tx.update_versioned(
        "UPDATE nominations SET state = $1, reason_code = $2, reason = $3, updated_at = $4, version = version + 1 WHERE id = $5 AND version = $6",
        &vals![state, reason_code.map(str::to_string), reason, now, id, version],
        "nominations",
        id,
    )
    .await?;
    record_step(tx, id, state, now).await
}

/// Whether the candidate already has a nomination for this vacancy that is still running.
pub async fn open_exists(
    tx: &mut Tx,
    vacancy_id: i64,
    candidate_id: i64,
) -> Result<bool, StoreError> {
    let n = tx
        .scalar(
            "SELECT COUNT(*) FROM nominations WHERE vacancy_id = $1 AND candidate_id = $2 AND state IN ('proposed', 'interested', 'interview', 'offer')",
            &vals![vacancy_id, candidate_id],
        )
        .await?;
    Ok(n > 0)
}

/// Nominations for a vacancy or of a candidate, limited to candidates in scope.
pub async fn list(
    tx: &mut Tx,
    scope: CandidateScope,
    vacancy_id: Option<i64>,
    candidate_id: Option<i64>,
) -> Result<Vec<Nomination>, StoreError> {
    let mut f = Filter::default();
    f.candidate_scope(scope);
    if let Some(v) = vacancy_id {
        f.add("n.vacancy_id = ?", vals![v]);
    }
    if let Some(c) = candidate_id {
        f.add("n.candidate_id = ?", vals![c]);
    }
    tx.fetch_all(
        &format!(
            "{SELECT}{} ORDER BY n.created_at DESC, n.id DESC LIMIT 500",
            f.where_sql()
        ),
        &f.vals,
    )
    .await
}

/// Running nominations proposed by one user (candidates in scope), the longest unchanged first.
pub async fn waiting_for(
    tx: &mut Tx,
    scope: CandidateScope,
    user_id: i64,
) -> Result<Vec<Nomination>, StoreError> {
    let mut f = Filter::default();
    f.candidate_scope(scope);
    f.add("n.proposed_by = ?", vals![user_id]);
    f.any_of("n.state", &["proposed", "interested", "interview", "offer"]);
    tx.fetch_all(
        &format!(
            "{SELECT}{} ORDER BY n.updated_at, n.id LIMIT 200",
            f.where_sql()
        ),
        &f.vals,
    )
    .await
}

/// Nominations proposed by one user (candidates in scope), optionally in one state, newest first.
pub async fn by_proposer(
    tx: &mut Tx,
    scope: CandidateScope,
    user_id: i64,
    state: Option<&str>,
) -> Result<Vec<Nomination>, StoreError> {
    let mut f = Filter::default();
    f.candidate_scope(scope);
    f.add("n.proposed_by = ?", vals![user_id]);
    if let Some(s) = state {
        f.add("n.state = ?", vals![s]);
    }
    tx.fetch_all(
        &format!(
            "{SELECT}{} ORDER BY n.updated_at DESC, n.id DESC LIMIT 500",
            f.where_sql()
        ),
        &f.vals,
    )
    .await
}
