//! The rules that say which instruments may apply, kept by the administrator.

use chrono::NaiveDate;
use serde::Serialize;

use crate::{vals, StoreError, Tx};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InstrumentRule {
    pub id: i64,
    pub instrument: String,
    /// Comma-separated target-group codes; empty: any.
    pub target_groups: String,
    /// Comma-separated CBS municipality codes of the employer; empty: any.
    pub municipalities: String,
    /// Comma-separated sector codes of the employer; empty: any.
    pub sectors: String,
    /// What the adviser checks, in words.
    pub condition: String,
    pub source: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub active: bool,
}

/// A rule as the administrator writes it.
pub struct NewRule {
    pub instrument: &'static str,
    pub target_groups: String,
    pub municipalities: String,
    pub sectors: String,
    pub condition: String,
    pub source: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

/// The rules, the active ones only when `active_only`, by instrument.
pub async fn list(tx: &mut Tx, active_only: bool) -> Result<Vec<InstrumentRule>, StoreError> {
    let only = if active_only { " WHERE active" } else { "" };
    tx.fetch_all(
        &format!(
            "SELECT id, instrument, target_groups, municipalities, sectors, condition, source, valid_from, valid_to, active \
             FROM instrument_rules{only} ORDER BY instrument, id"
        ),
        &[],
    )
    .await
}

pub async fn insert(tx: &mut Tx, r: &NewRule) -> Result<i64, StoreError> {
    tx.insert(
        "INSERT INTO instrument_rules (instrument, target_groups, municipalities, sectors, condition, source, valid_from, valid_to) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        &vals![
            r.instrument,
            r.target_groups.as_str(),
            r.municipalities.as_str(),
            r.sectors.as_str(),
            r.condition.as_str(),
            r.source.as_str(),
            r.valid_from,
            r.valid_to
        ],
    )
    .await
}

/// Takes a rule out of use (it stays, for what was advised on it before).
pub async fn retire(tx: &mut Tx, id: i64) -> Result<(), StoreError> {
    let n = tx
        .execute(
            "UPDATE instrument_rules SET active = FALSE WHERE id = $1",
            &vals![id],
        )
        .await?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
