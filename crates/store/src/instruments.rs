//! The instruments used for a placement: requested, granted, refused or ended, with amounts and dates.

use chrono::{DateTime, NaiveDate, Utc};
use koppel_domain::permissions::CandidateScope;
use serde::Serialize;

use crate::filter::Filter;
use crate::{vals, StoreError, Tx};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PlacementInstrument {
    pub id: i64,
    pub placement_id: i64,
    pub candidate_id: i64,
    pub instrument: String,
    pub status: String,
    pub amount_cents: Option<i64>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub notes: String,
    pub created_at: DateTime<Utc>,
    pub version: i64,
}

const SELECT: &str = "SELECT i.id, i.placement_id, p.candidate_id, i.instrument, i.status, i.amount_cents, i.start_date, i.end_date, \
    i.notes, i.created_at, i.version FROM placement_instruments i JOIN placements p ON p.id = i.placement_id \
    JOIN candidates c ON c.id = p.candidate_id";

/// Validated fields of an instrument's use.
#[derive(Debug, Clone)]
pub struct InstrumentWrite {
    pub instrument: String,
    pub status: String,
    pub amount_cents: Option<i64>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub notes: String,
}

/// Adds an instrument's use to a placement read within the scope.
pub async fn insert(
    tx: &mut Tx,
    placement: crate::Visible,
    w: &InstrumentWrite,
) -> Result<i64, StoreError> {
    let placement_id = placement.id();
    tx.insert(
        "INSERT INTO placement_instruments (placement_id, instrument, status, amount_cents, start_date, end_date, notes, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        &vals![placement_id, w.instrument.as_str(), w.status.as_str(), w.amount_cents, w.start_date, w.end_date, w.notes.as_str(), Utc::now()],
    )
    .await
}

pub async fn update(
    tx: &mut Tx,
    row: crate::Visible,
    version: i64,
    w: &InstrumentWrite,
) -> Result<(), StoreError> {
    let id = row.id();
    tx.update_versioned(
        "UPDATE placement_instruments SET instrument = $1, status = $2, amount_cents = $3, start_date = $4, end_date = $5, notes = $6, \
         version = version + 1 WHERE id = $7 AND version = $8",
        &vals![w.instrument.as_str(), w.status.as_str(), w.amount_cents, w.start_date, w.end_date, w.notes.as_str(), id, version],
        "placement_instruments",
        id,
    )
    .await
}

/// An instrument of a placement whose candidate is in scope, or `NotFound`.
/// An instrument's use within the scope, with the proof that the scope may see it (for a write).
pub async fn get_visible(
    tx: &mut Tx,
    scope: CandidateScope,
    id: i64,
) -> Result<(PlacementInstrument, crate::Visible), StoreError> {
    Ok((get(tx, scope, id).await?, crate::Visible::new(id)))
}

pub async fn get(
    tx: &mut Tx,
    scope: CandidateScope,
    id: i64,
) -> Result<PlacementInstrument, StoreError> {
    let mut f = Filter::default();
    f.add("i.id = ?", vals![id]);
    f.candidate_scope(scope);
    tx.fetch_one(&format!("{SELECT}{}", f.where_sql()), &f.vals)
        .await
}

pub async fn for_placement(
    tx: &mut Tx,
    scope: CandidateScope,
    placement_id: i64,
) -> Result<Vec<PlacementInstrument>, StoreError> {
    let mut f = Filter::default();
    f.add("i.placement_id = ?", vals![placement_id]);
    f.candidate_scope(scope);
    tx.fetch_all(
        &format!("{SELECT}{} ORDER BY i.created_at, i.id", f.where_sql()),
        &f.vals,
    )
    .await
}
