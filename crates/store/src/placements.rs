//! Placements: a candidate at work with an employer, with the contract and the target group at that time.

use chrono::{NaiveDate, Utc};
use koppel_domain::permissions::CandidateScope;
use serde::Serialize;

use crate::filter::Filter;
use crate::{vals, StoreError, Tx, Val};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Placement {
    pub id: i64,
    pub candidate_id: i64,
    pub candidate_name: String,
    pub employer_id: i64,
    pub employer_name: String,
    pub vacancy_id: Option<i64>,
    pub nomination_id: Option<i64>,
    pub contract_type: String,
    pub hours_per_week: i64,
    pub start_date: NaiveDate,
    pub hourly_wage_cents: Option<i64>,
    /// The candidate's target group at the time of placement.
    pub target_group: String,
    pub target_group_label: String,
    pub benefit_outflow: bool,
    /// Which benefit the candidate left, when they did.
    pub benefit: Option<String>,
    /// The last day in work, when the placement ended.
    pub ended_on: Option<NaiveDate>,
    pub ended_reason: Option<String>,
    /// The employer said no more follow-up is needed.
    pub follow_up_ended: bool,
    pub version: i64,
}

const SELECT: &str = "SELECT p.id, p.candidate_id, c.first_name || ' ' || c.last_name AS candidate_name, p.employer_id, \
    e.name AS employer_name, p.vacancy_id, p.nomination_id, p.contract_type, p.hours_per_week, p.start_date, p.hourly_wage_cents, \
    p.target_group, g.label AS target_group_label, p.benefit_outflow, p.benefit, p.ended_on, p.ended_reason, p.follow_up_ended, p.version \
    FROM placements p \
    JOIN candidates c ON c.id = p.candidate_id JOIN employers e ON e.id = p.employer_id JOIN target_groups g ON g.code = p.target_group";

/// The contract terms of a placement, as created and edited.
#[derive(Debug, Clone)]
pub struct PlacementTerms {
    pub contract_type: String,
    pub hours_per_week: i64,
    pub start_date: NaiveDate,
    pub hourly_wage_cents: Option<i64>,
    pub benefit_outflow: bool,
    pub benefit: Option<String>,
}

pub struct NewPlacement<'a> {
    pub org_id: i64,
    /// A candidate read within the placing actor's scope.
    pub candidate: crate::Visible,
    pub employer_id: i64,
    pub vacancy_id: Option<i64>,
    pub nomination_id: Option<i64>,
    pub target_group: &'a str,
    /// The CBS code of the municipality the candidate lived in when placed, kept for the figures.
    pub municipality_code: Option<String>,
    /// The user who registered the placement.
    pub placed_by: Option<i64>,
    pub terms: PlacementTerms,
}

pub async fn insert(tx: &mut Tx, p: &NewPlacement<'_>) -> Result<i64, StoreError> {
    let t = &p.terms;
    tx.insert(
        "INSERT INTO placements (org_id, candidate_id, employer_id, vacancy_id, nomination_id, contract_type, hours_per_week, start_date, \
         hourly_wage_cents, target_group, benefit_outflow, benefit, created_at, municipality_code, placed_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
        &vals![
            p.org_id, p.candidate.id(), p.employer_id, p.vacancy_id, p.nomination_id, t.contract_type.as_str(), t.hours_per_week, t.start_date,
            t.hourly_wage_cents, p.target_group, t.benefit_outflow, t.benefit.clone(), Utc::now(), p.municipality_code.clone(), p.placed_by
        ],
    )
    .await
}

pub async fn update(
    tx: &mut Tx,
    row: crate::Visible,
    version: i64,
    t: &PlacementTerms,
) -> Result<(), StoreError> {
    let id = row.id();
    tx.update_versioned(
        "UPDATE placements SET contract_type = $1, hours_per_week = $2, start_date = $3, hourly_wage_cents = $4, benefit_outflow = $5, \
         benefit = $6, version = version + 1 WHERE id = $7 AND version = $8",
        &vals![t.contract_type.as_str(), t.hours_per_week, t.start_date, t.hourly_wage_cents, t.benefit_outflow, t.benefit.clone(), id, version],
        "placements",
        id,
    )
    .await
}

/// A placement whose candidate is in scope, or `NotFound`.
/// A placement within the scope, with the proof that the scope may see it (for a write).
pub async fn get_visible(
    tx: &mut Tx,
    scope: CandidateScope,
    id: i64,
) -> Result<(Placement, crate::Visible), StoreError> {
    Ok((get(tx, scope, id).await?, crate::Visible::new(id)))
}

pub async fn get(tx: &mut Tx, scope: CandidateScope, id: i64) -> Result<Placement, StoreError> {
    let mut f = Filter::default();
    f.add("p.id = ?", vals![id]);
    f.candidate_scope(scope);
    tx.fetch_one(&format!("{SELECT}{}", f.where_sql()), &f.vals)
        .await
}

/// Placements of candidates in scope, optionally of one candidate or at one employer.
pub async fn list(
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
            "{SELECT}{} ORDER BY p.start_date DESC, p.id DESC LIMIT 500",
            f.where_sql()
        ),
        &f.vals,
    )
    .await
}

/// Placements per target group with a start date in [from, to], over all organisations (aggregate only).
pub async fn count_by_target_group(
    tx: &mut Tx,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(String, i64)>, StoreError> {
    tx.fetch_all(
        "SELECT target_group, COUNT(*) FROM placements WHERE start_date >= $1 AND start_date <= $2 GROUP BY target_group ORDER BY target_group",
        &[Val::from(from), Val::from(to)],
    )
    .await
}
