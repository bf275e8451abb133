//! Organisations of the region: UWV, the re-integration companies, municipalities, the Werkcentrum, partners.

use chrono::Utc;
use serde::Serialize;

use crate::{vals, StoreError, Tx};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Organisation {
    pub id: i64,
    pub name: String,
    pub short_name: String,
    pub kind: String,
    /// Whether the organisation staffs the WerkgeversServicepunt.
    pub wsp_partner: bool,
    pub municipality_code: Option<String>,
    pub oin: Option<String>,
}

pub struct NewOrganisation<'a> {
    pub name: &'a str,
    pub short_name: &'a str,
    pub kind: &'a str,
    pub wsp_partner: bool,
    pub municipality_code: Option<String>,
    pub oin: Option<String>,
}

const COLUMNS: &str = "id, name, short_name, kind, wsp_partner, municipality_code, oin";

pub async fn insert(tx: &mut Tx, o: &NewOrganisation<'_>) -> Result<i64, StoreError> {
    tx.insert(
        "INSERT INTO organisations (name, short_name, kind, wsp_partner, municipality_code, oin, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        &vals![o.name, o.short_name, o.kind, o.wsp_partner, o.municipality_code.clone(), o.oin.clone(), Utc::now()],
    )
    .await
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<Organisation, StoreError> {
    tx.fetch_one(
        &format!("SELECT {COLUMNS} FROM organisations WHERE id = $1"),
        &vals![id],
    )
    .await
}

pub async fn by_short_name(tx: &mut Tx, short_name: &str) -> Result<Organisation, StoreError> {
    tx.fetch_one(
        &format!("SELECT {COLUMNS} FROM organisations WHERE lower(short_name) = lower($1)"),
        &vals![short_name],
    )
    .await
}

pub async fn list(tx: &mut Tx) -> Result<Vec<Organisation>, StoreError> {
    tx.fetch_all(
        &format!("SELECT {COLUMNS} FROM organisations ORDER BY name"),
        &[],
    )
    .await
}
