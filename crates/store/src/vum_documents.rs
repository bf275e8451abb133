//! VUM documents kept whole beside the vacancy or candidate they were imported as: the document
//! as it came (its detail), its search profile and postcode (for selection questions), and the
//! source's id it is asked for by.

use chrono::NaiveDate;

use crate::{vals, StoreError, Tx};

/// Whose documents: vacancies or candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Vacancy,
    Candidate,
}

impl Owner {
    fn table(self) -> (&'static str, &'static str) {
        match self {
            Owner::Vacancy => ("vacancy_documents", "vacancy_id"),
            Owner::Candidate => ("candidate_documents", "candidate_id"),
        }
    }
}

/// A document to keep.
#[derive(Debug, Clone)]
pub struct DocumentWrite {
    pub vum_id: Option<String>,
    pub postcode: Option<String>,
    pub document: String,
    pub profile: String,
}

/// Keeps (or replaces) the document of a vacancy or candidate.
pub async fn put(
    tx: &mut Tx,
    owner: Owner,
    record_id: i64,
    d: &DocumentWrite,
) -> Result<(), StoreError> {
    let (table, key) = owner.table();
    tx.execute(
        &format!(
            "INSERT INTO {table} ({key}, vum_id, postcode, document, profile) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT ({key}) DO UPDATE SET vum_id = $2, postcode = $3, document = $4, profile = $5"
        ),
        &vals![
            record_id,
            d.vum_id.clone(),
            d.postcode.clone(),
            d.document.as_str(),
            d.profile.as_str()
        ],
    )
    .await?;
    Ok(())
}

/// The records of this kind that were imported with their document: (record id, VUM id).
pub async fn imported(tx: &mut Tx, owner: Owner) -> Result<Vec<(i64, Option<String>)>, StoreError> {
    let (table, key) = owner.table();
    tx.fetch_all(
        &format!("SELECT {key}, vum_id FROM {table} ORDER BY {key}"),
        &[],
    )
    .await
}

/// The condition under which a vacancy (alias `v`) is offered to VUM on day `$1`.
const VACANCY_OFFERED: &str =
    "v.publish = TRUE AND v.status = 'open' AND (v.closing_date IS NULL OR v.closing_date >= $1)";

/// The condition under which a candidate (alias `c`) is offered to VUM.
const CANDIDATE_OFFERED: &str = "c.consent_wsp = TRUE AND c.consent_scope = 'wsp_vum' AND c.work_ready = TRUE AND c.purged_at IS NULL";

/// The offered vacancies kept as documents: (vacancy id, postcode, search profile).
pub async fn offered_vacancies(
    tx: &mut Tx,
    day: NaiveDate,
) -> Result<Vec<(i64, Option<String>, String)>, StoreError> {
    tx.fetch_all(
        &format!(
            "SELECT d.vacancy_id, d.postcode, d.profile FROM vacancy_documents d JOIN vacancies v ON v.id = d.vacancy_id \
             WHERE {VACANCY_OFFERED} ORDER BY d.vacancy_id"
        ),
        &vals![day],
    )
    .await
}

/// The document of an offered vacancy with this VUM id (the lowest vacancy id if several).
pub async fn offered_vacancy(
    tx: &mut Tx,
    day: NaiveDate,
    vum_id: &str,
) -> Result<Option<(i64, String)>, StoreError> {
    tx.fetch_optional(
        &format!(
            "SELECT d.vacancy_id, d.document FROM vacancy_documents d JOIN vacancies v ON v.id = d.vacancy_id \
             WHERE {VACANCY_OFFERED} AND d.vum_id = $2 ORDER BY d.vacancy_id LIMIT 1"
        ),
        &vals![day, vum_id],
    )
    .await
}

/// The offered candidates kept as documents: (candidate id, postcode, search profile).
pub async fn offered_candidates(
    tx: &mut Tx,
) -> Result<Vec<(i64, Option<String>, String)>, StoreError> {
    tx.fetch_all(
        &format!(
            "SELECT d.candidate_id, d.postcode, d.profile FROM candidate_documents d JOIN candidates c ON c.id = d.candidate_id \
             WHERE {CANDIDATE_OFFERED} ORDER BY d.candidate_id"
        ),
        &[],
    )
    .await
}

/// The document of an offered candidate with this VUM id (the lowest candidate id if several).
pub async fn offered_candidate(
    tx: &mut Tx,
    vum_id: &str,
) -> Result<Option<(i64, String)>, StoreError> {
    tx.fetch_optional(
        &format!(
            "SELECT d.candidate_id, d.document FROM candidate_documents d JOIN candidates c ON c.id = d.candidate_id \
             WHERE {CANDIDATE_OFFERED} AND d.vum_id = $1 ORDER BY d.candidate_id LIMIT 1"
        ),
        &vals![vum_id],
    )
    .await
}

/// The records imported from VUM documents by their external id (`vum:<id>`), to replace on a
/// newer import: vacancies, or the candidates of one organisation.
pub async fn by_external_id(
    tx: &mut Tx,
    owner: Owner,
    org_id: Option<i64>,
) -> Result<Vec<(String, i64)>, StoreError> {
    match owner {
        Owner::Vacancy => {
            tx.fetch_all(
                "SELECT external_id, id FROM vacancies WHERE external_id LIKE 'vum:%' ORDER BY id",
                &[],
            )
            .await
        }
        Owner::Candidate => {
            tx.fetch_all(
                "SELECT external_id, id FROM candidates WHERE external_id LIKE 'vum:%' AND org_id = $1 AND purged_at IS NULL ORDER BY id",
                &vals![org_id.unwrap_or(0)],
            )
            .await
        }
    }
}

/// The kept document of a vacancy or candidate, when it was imported as one.
pub async fn document(
    tx: &mut Tx,
    owner: Owner,
    record_id: i64,
) -> Result<Option<String>, StoreError> {
    let (table, key) = owner.table();
    let row: Option<(String,)> = tx
        .fetch_optional(
            &format!("SELECT document FROM {table} WHERE {key} = $1"),
            &vals![record_id],
        )
        .await?;
    Ok(row.map(|(d,)| d))
}

/// Counts a change to the record's VUM fields as a new version of the record, when `version` is
/// still the one read (otherwise `StaleVersion`, so a concurrent edit is never lost).
pub async fn bump(
    tx: &mut Tx,
    owner: Owner,
    record_id: i64,
    version: i64,
) -> Result<(), StoreError> {
    let table = match owner {
        Owner::Vacancy => "vacancies",
        Owner::Candidate => "candidates",
    };
    tx.update_versioned(
        &format!("UPDATE {table} SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3"),
        &vals![chrono::Utc::now(), record_id, version],
        table,
        record_id,
    )
    .await
}
