//! Nominations (voordrachten) and placements; both are only listed for candidates in scope.

use chrono::{DateTime, NaiveDate, Utc};
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
    pub employer_name: String,
    pub candidate_id: i64,
    pub candidate_name: String,
    pub proposed_by_name: String,
    pub state: String,
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

const SELECT_NOMINATION: &str = "SELECT n.id, n.vacancy_id, v.title AS vacancy_title, e.name AS employer_name, n.candidate_id, \
    c.first_name || ' ' || c.last_name AS candidate_name, u.name AS proposed_by_name, n.state, n.reason, n.created_at, \
    n.updated_at, n.version FROM nominations n JOIN vacancies v ON v.id = n.vacancy_id JOIN employers e ON e.id = v.employer_id \
    JOIN candidates c ON c.id = n.candidate_id JOIN users u ON u.id = n.proposed_by";

pub struct NewNomination<'a> {
    pub vacancy_id: i64,
    pub candidate_id: i64,
    pub org_id: i64,
    pub proposed_by: i64,
    pub state: &'a str,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, n: &NewNomination<'_>) -> Result<i64, StoreError> {
    tx.insert(
        "INSERT INTO nominations (org_id, vacancy_id, candidate_id, proposed_by, state, reason, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        &vals![n.org_id, n.vacancy_id, n.candidate_id, n.proposed_by, n.state, n.reason.clone(), n.at, n.at],
    )
    .await
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
            "{SELECT_NOMINATION}{} ORDER BY n.created_at DESC, n.id DESC",
            f.where_sql()
        ),
        &f.vals,
    )
    .await
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Placement {
    pub id: i64,
    pub candidate_id: i64,
    pub candidate_name: String,
    pub employer_id: i64,
    pub employer_name: String,
    pub vacancy_id: Option<i64>,
    pub contract_type: String,
    pub hours_per_week: i64,
    pub start_date: NaiveDate,
    pub hourly_wage_cents: Option<i64>,
    pub target_group: String,
    pub benefit_outflow: bool,
}

pub struct NewPlacement<'a> {
    pub org_id: i64,
    pub candidate_id: i64,
    pub employer_id: i64,
    pub vacancy_id: Option<i64>,
    pub nomination_id: Option<i64>,
    pub contract_type: &'a str,
    pub hours_per_week: i64,
    pub start_date: NaiveDate,
    pub hourly_wage_cents: Option<i64>,
    pub target_group: &'a str,
    pub benefit_outflow: bool,
}

pub async fn insert_placement(tx: &mut Tx, p: &NewPlacement<'_>) -> Result<i64, StoreError> {
    tx.insert(
        "INSERT INTO placements (org_id, candidate_id, employer_id, vacancy_id, nomination_id, contract_type, hours_per_week, start_date, \
         hourly_wage_cents, target_group, benefit_outflow, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        &vals![
            p.org_id, p.candidate_id, p.employer_id, p.vacancy_id, p.nomination_id, p.contract_type, p.hours_per_week, p.start_date,
            p.hourly_wage_cents, p.target_group, p.benefit_outflow, Utc::now()
        ],
    )
    .await
}

/// Placements of candidates in scope, optionally of one candidate or at one employer.
pub async fn placements(
    tx: &mut Tx,
    scope: CandidateScope,
    candidate_id: Option<i64>,
    employer_id: Option<i64>,
) -> Result<Vec<Placement>, StoreError> {
    let mut f = Filter::default();
    f.candidate_scope(scope);
    if let Some(c) = candidate_id {
        f.add("p.candidate_id = ?", vals![c]);
    }
    if let Some(e) = employer_id {
        f.add("p.employer_id = ?", vals![e]);
    }
    tx.fetch_all(
        &format!(
            "SELECT p.id, p.candidate_id, c.first_name || ' ' || c.last_name AS candidate_name, p.employer_id, e.name AS employer_name, \
             p.vacancy_id, p.contract_type, p.hours_per_week, p.start_date, p.hourly_wage_cents, p.target_group, p.benefit_outflow \
             FROM placements p JOIN candidates c ON c.id = p.candidate_id JOIN employers e ON e.id = p.employer_id{} \
             ORDER BY p.start_date DESC, p.id DESC",
            f.where_sql()
        ),
        &f.vals,
    )
    .await
}

/// Placements per target group with a start date in [from, to], counted over all organisations (aggregate only).
pub async fn count_by_target_group(
    tx: &mut Tx,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(String, i64)>, StoreError> {
    tx.fetch_all(
        "SELECT target_group, COUNT(*) FROM placements WHERE start_date >= $1 AND start_date <= $2 GROUP BY target_group ORDER BY target_group",
        &vals![from, to],
    )
    .await
}
