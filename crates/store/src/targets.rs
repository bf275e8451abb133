//! Targets per year and target group (for the region, or split per organisation, subregion or
//! cluster), and the municipalities of the region with their subregion.

use chrono::Utc;
use serde::Serialize;

use crate::{vals, StoreError, Tx};

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    pub year: i64,
    pub target_group: String,
    /// `region`, `organisation` (value: the organisation id), `subregion` or `cluster`.
    pub scope_kind: String,
    /// Empty for the region.
    pub scope_value: String,
    pub value: i64,
}

pub async fn for_years(tx: &mut Tx, from: i64, to: i64) -> Result<Vec<Target>, StoreError> {
    tx.fetch_all(
        "SELECT year, target_group, scope_kind, scope_value, value FROM targets WHERE year >= $1 AND year <= $2 \
         ORDER BY year, scope_kind, scope_value, target_group",
        &vals![from, to],
    )
    .await
}

/// Sets one target, replacing an earlier value for the same year, group and scope.
pub async fn set(tx: &mut Tx, t: &Target, by: Option<i64>) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM targets WHERE year = $1 AND target_group = $2 AND scope_kind = $3 AND scope_value = $4",
        &vals![t.year, t.target_group.as_str(), t.scope_kind.as_str(), t.scope_value.as_str()],
    )
    .await?;
    tx.execute(
        "INSERT INTO targets (year, target_group, scope_kind, scope_value, value, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &vals![t.year, t.target_group.as_str(), t.scope_kind.as_str(), t.scope_value.as_str(), t.value, by, Utc::now()],
    )
    .await?;
    Ok(())
}

/// Removes a target (the group then has none for that year and scope).
pub async fn clear(
    tx: &mut Tx,
    year: i64,
    target_group: &str,
    scope_kind: &str,
    scope_value: &str,
) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM targets WHERE year = $1 AND target_group = $2 AND scope_kind = $3 AND scope_value = $4",
        &vals![year, target_group, scope_kind, scope_value],
    )
    .await?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Municipality {
    pub code: String,
    pub name: String,
    pub subregion: Option<String>,
}

pub async fn municipalities(tx: &mut Tx) -> Result<Vec<Municipality>, StoreError> {
    tx.fetch_all(
        "SELECT code, name, subregion FROM municipalities ORDER BY name",
        &[],
    )
    .await
}

/// Adds a municipality to the region or changes its name or subregion.
pub async fn set_municipality(tx: &mut Tx, m: &Municipality) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM municipalities WHERE code = $1",
        &vals![m.code.as_str()],
    )
    .await?;
    tx.execute(
        "INSERT INTO municipalities (code, name, subregion) VALUES ($1, $2, $3)",
        &vals![m.code.as_str(), m.name.as_str(), m.subregion.clone()],
    )
    .await?;
    Ok(())
}
