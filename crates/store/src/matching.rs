//! What the matching reads: every candidate's profile and skills, what changed since the index
//! was built, and what a ranking shows of the candidates on one page, in one query however long
//! the page.

use chrono::{DateTime, NaiveDate, Utc};
use koppel_domain::permissions::CandidateScope;

use crate::filter::Filter;
use crate::{vals, StoreError, Tx};

/// What the matching index needs of every candidate, in one pass.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MatchingRow {
    pub id: i64,
    pub org_id: i64,
    pub consent_wsp: bool,
    pub work_ready: bool,
    pub postcode: Option<String>,
    pub max_travel_km: Option<i64>,
    pub hours_per_week: Option<i64>,
    pub education_level: Option<String>,
    pub driving_licences: String,
    pub languages: String,
    pub available_from: Option<NaiveDate>,
    pub target_group: String,
    pub desired_occupation_uri: Option<String>,
}

/// What matching reads of a candidate.
const MATCHING: &str = "SELECT id, org_id, consent_wsp, work_ready, postcode, max_travel_km, hours_per_week, education_level, \
     driving_licences, languages, available_from, target_group, desired_occupation_uri FROM candidates";

pub async fn matching_rows(tx: &mut Tx) -> Result<Vec<MatchingRow>, StoreError> {
    tx.fetch_all(&format!("{MATCHING} ORDER BY id"), &[]).await
}

/// Every (candidate, skill) pair.
pub async fn all_skills(tx: &mut Tx) -> Result<Vec<(i64, String)>, StoreError> {
    tx.fetch_all(
        "SELECT candidate_id, skill_uri FROM candidate_skills ORDER BY candidate_id",
        &[],
    )
    .await
}

/// A key that changes whenever a candidate is added or changed (skills included), for caches.
/// How many candidates and candidate skills there are, and the latest change to a candidate.
pub async fn freshness_parts(tx: &mut Tx) -> Result<(i64, i64, Option<DateTime<Utc>>), StoreError> {
    let (n, latest): (i64, Option<DateTime<Utc>>) = tx
        .fetch_one("SELECT COUNT(*), MAX(updated_at) FROM candidates", &[])
        .await?;
    let skills = tx
        .scalar("SELECT COUNT(*) FROM candidate_skills", &[])
        .await?;
    Ok((n, skills, latest))
}

/// The candidates changed at or after `since`, as matching reads them.
pub async fn matching_rows_since(
    tx: &mut Tx,
    since: DateTime<Utc>,
) -> Result<Vec<MatchingRow>, StoreError> {
    tx.fetch_all(
        &format!("{MATCHING} WHERE updated_at >= $1 ORDER BY id"),
        &vals![since],
    )
    .await
}

/// The skills of the candidates changed at or after `since`.
pub async fn skills_changed_since(
    tx: &mut Tx,
    since: DateTime<Utc>,
) -> Result<Vec<(i64, String)>, StoreError> {
    tx.fetch_all(
        "SELECT s.candidate_id, s.skill_uri FROM candidate_skills s JOIN candidates c ON c.id = s.candidate_id \
         WHERE c.updated_at >= $1 ORDER BY s.candidate_id",
        &vals![since],
    )
    .await
}

/// What a ranking shows of a candidate besides the score.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CandidateCard {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub org_name: String,
    pub target_group_label: String,
    pub hours_per_week: Option<i64>,
}

/// The cards of the candidates `ids` within the scope, in one query (in no particular order;
/// a candidate outside the scope is left out).
pub async fn cards(
    tx: &mut Tx,
    scope: CandidateScope,
    ids: &[i64],
) -> Result<Vec<CandidateCard>, StoreError> {
    let mut f = Filter::default();
    f.any_of("c.id", ids);
    f.candidate_scope(scope);
    tx.fetch_all(
        &format!(
            "SELECT c.id, c.first_name, c.last_name, o.short_name AS org_name, g.label AS target_group_label, c.hours_per_week \
             FROM candidates c JOIN organisations o ON o.id = c.org_id JOIN target_groups g ON g.code = c.target_group{}",
            f.where_sql()
        ),
        &f.vals,
    )
    .await
}
