//! The parts of an employer's record: its establishments and contact persons (personal data of
//! the employer's staff), each changed only through the employer it belongs to.

use serde::Serialize;

use crate::{vals, StoreError, Tx};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Establishment {
    pub id: i64,
    pub employer_id: i64,
    pub name: String,
    pub street: Option<String>,
    pub postcode: Option<String>,
    pub city: String,
    pub version: i64,
}

/// Validated fields of an establishment.
#[derive(Debug, Clone)]
pub struct EstablishmentWrite {
    pub name: String,
    pub street: Option<String>,
    pub postcode: Option<String>,
    pub city: String,
}

pub async fn insert_establishment(
    tx: &mut Tx,
    employer_id: i64,
    w: &EstablishmentWrite,
) -> Result<i64, StoreError> {
    tx.insert(
        "INSERT INTO establishments (employer_id, name, street, postcode, city) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        &vals![employer_id, w.name.as_str(), w.street.clone(), w.postcode.clone(), w.city.as_str()],
    )
    .await
}

pub async fn establishments(
    tx: &mut Tx,
    employer_id: i64,
) -> Result<Vec<Establishment>, StoreError> {
    tx.fetch_all(
        "SELECT id, employer_id, name, street, postcode, city, version FROM establishments WHERE employer_id = $1 ORDER BY name, id",
        &vals![employer_id],
    )
    .await
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactPerson {
    pub id: i64,
    pub employer_id: i64,
    pub name: String,
    pub job_title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub version: i64,
}

/// Validated fields of a contact person.
#[derive(Debug, Clone)]
pub struct ContactPersonWrite {
    pub name: String,
    pub job_title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

pub async fn insert_contact_person(
    tx: &mut Tx,
    employer_id: i64,
    w: &ContactPersonWrite,
) -> Result<i64, StoreError> {
    tx.insert(
        "INSERT INTO contact_persons (employer_id, name, job_title, email, phone) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        &vals![employer_id, w.name.as_str(), w.job_title.clone(), w.email.clone(), w.phone.clone()],
    )
    .await
}

pub async fn contact_persons(
    tx: &mut Tx,
    employer_id: i64,
) -> Result<Vec<ContactPerson>, StoreError> {
    tx.fetch_all(
        "SELECT id, employer_id, name, job_title, email, phone, version FROM contact_persons WHERE employer_id = $1 ORDER BY name, id",
        &vals![employer_id],
    )
    .await
}

/// Changes an establishment of `employer_id` (optimistic locking); `NotFound` if it belongs elsewhere.
pub async fn update_establishment(
    tx: &mut Tx,
    employer_id: i64,
    id: i64,
    version: i64,
    w: &EstablishmentWrite,
) -> Result<(), StoreError> {
    owned_by(tx, "establishments", employer_id, id).await?;
    tx.update_versioned(
        "UPDATE establishments SET name = $1, street = $2, postcode = $3, city = $4, version = version + 1 WHERE id = $5 AND version = $6",
        &vals![w.name.as_str(), w.street.clone(), w.postcode.clone(), w.city.as_str(), id, version],
        "establishments",
        id,
    )
    .await
}

/// Changes a contact person of `employer_id` (optimistic locking); `NotFound` if they belong elsewhere.
pub async fn update_contact_person(
    tx: &mut Tx,
    employer_id: i64,
    id: i64,
    version: i64,
    w: &ContactPersonWrite,
) -> Result<(), StoreError> {
    owned_by(tx, "contact_persons", employer_id, id).await?;
    tx.update_versioned(
        "UPDATE contact_persons SET name = $1, job_title = $2, email = $3, phone = $4, version = version + 1 WHERE id = $5 AND version = $6",
        &vals![w.name.as_str(), w.job_title.clone(), w.email.clone(), w.phone.clone(), id, version],
        "contact_persons",
        id,
    )
    .await
}

async fn owned_by(tx: &mut Tx, table: &str, employer_id: i64, id: i64) -> Result<(), StoreError> {
    let n = tx
        .scalar(
            &format!("SELECT COUNT(*) FROM {table} WHERE id = $1 AND employer_id = $2"),
            &vals![id, employer_id],
        )
        .await?;
    if n == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

/// Whether a contact moment with this id exists.
pub async fn contact_moment_exists(tx: &mut Tx, id: i64) -> Result<bool, StoreError> {
    let n = tx
        .scalar(
            "SELECT COUNT(*) FROM contact_moments WHERE id = $1",
            &vals![id],
        )
        .await?;
    Ok(n == 1)
}
