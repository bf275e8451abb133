//! The rows of bulk imports: finding what already exists, and inserting or replacing imported
//! employers, vacancies and candidates in bulk (the jobs themselves are in `import_jobs`).

use chrono::Utc;

use crate::employers::EmployerWrite;
use crate::{vals, StoreError, Tx, Val};

/// What identifies an existing vacancy: (id, employer id, title, external id, status).
pub async fn vacancy_keys(
    tx: &mut Tx,
) -> Result<Vec<(i64, i64, String, Option<String>, String)>, StoreError> {
    tx.fetch_all(
        "SELECT id, employer_id, title, external_id, status FROM vacancies",
        &[],
    )
    .await
}

/// What identifies an existing candidate of an organisation: (id, external id, e-mail, last name,
/// postcode).
pub type CandidateKey = (i64, Option<String>, Option<String>, String, Option<String>);

/// The keys of the organisation's candidates that are not purged.
pub async fn candidate_keys(tx: &mut Tx, org_id: i64) -> Result<Vec<CandidateKey>, StoreError> {
    tx.fetch_all(
        "SELECT id, external_id, email, last_name, postcode FROM candidates WHERE org_id = $1 AND purged_at IS NULL",
        &vals![org_id],
    )
    .await
}

/// What identifies an existing employer: (id, external id, KvK number, postcode, name).
pub async fn employer_keys(
    tx: &mut Tx,
) -> Result<Vec<(i64, Option<String>, Option<String>, Option<String>, String)>, StoreError> {
    tx.fetch_all(
        "SELECT id, external_id, kvk_number, postcode, name FROM employers WHERE merged_into IS NULL",
        &[],
    )
    .await
}

/// Inserts employers in bulk, each with its external id.
pub async fn insert_employers(
    tx: &mut Tx,
    rows: &[(EmployerWrite, Option<String>)],
) -> Result<(), StoreError> {
    let now = Utc::now();
    let values: Vec<Vec<Val>> = rows
        .iter()
        .map(|(w, ext)| {
            vals![
                w.name.as_str(),
                w.kvk_number.clone(),
                w.sbi_code.clone(),
                w.sector.as_str(),
                w.postcode.clone(),
                w.city.as_str(),
                w.municipality_code.clone(),
                w.website.clone(),
                w.account_holder_id,
                w.strategic,
                now,
                now,
                ext.clone()
            ]
            .to_vec()
        })
        .collect();
    tx.insert_rows(
        "employers",
        &[
            "name",
            "kvk_number",
            "sbi_code",
            "sector",
            "postcode",
            "city",
            "municipality_code",
            "website",
            "account_holder_id",
            "strategic",
            "created_at",
            "updated_at",
            "external_id",
        ],
        &values,
    )
    .await?;
    Ok(())
}

/// Inserts vacancies in bulk (without skills), each with its external id.
pub async fn insert_vacancies(
    tx: &mut Tx,
    rows: &[(crate::vacancies::VacancyWrite, Option<String>)],
    created_by: Option<i64>,
) -> Result<(), StoreError> {
    let now = Utc::now();
    let values: Vec<Vec<Val>> = rows
        .iter()
        .map(|(w, ext)| {
            vals![
                w.employer_id,
                w.title.as_str(),
                w.description.as_str(),
                w.occupation_uri.clone(),
                w.hours_per_week,
                w.contract_type.clone(),
                w.education_level.clone(),
                w.driving_licences.as_str(),
                w.languages.as_str(),
                w.postcode.clone(),
                w.city.as_str(),
                w.closing_date,
                w.positions,
                w.status.as_str(),
                w.publish,
                created_by,
                now,
                now,
                ext.clone()
            ]
            .to_vec()
        })
        .collect();
    tx.insert_rows(
        "vacancies",
        &[
            "employer_id",
            "title",
            "description",
            "occupation_uri",
            "hours_per_week",
            "contract_type",
            "education_level",
            "driving_licences",
            "languages",
            "postcode",
            "city",
            "closing_date",
            "positions",
            "status",
            "publish",
            "created_by",
            "created_at",
            "updated_at",
            "external_id",
        ],
        &values,
    )
    .await?;
    Ok(())
}

/// Inserts one vacancy with its skills and the external id of the system it came from.
pub async fn insert_vacancy(
    tx: &mut Tx,
    w: &crate::vacancies::VacancyWrite,
    external_id: Option<&str>,
    created_by: Option<i64>,
) -> Result<i64, StoreError> {
    let id = crate::vacancies::insert(tx, w, created_by).await?;
    tx.execute(
        "UPDATE vacancies SET external_id = $1 WHERE id = $2",
        &vals![external_id.map(str::to_string), id],
    )
    .await?;
    Ok(id)
}

/// The employer with exactly this name (case-insensitive; letters outside ASCII as written, since
/// SQLite's `lower` knows only ASCII), not merged; the oldest first.
pub async fn employer_by_name(tx: &mut Tx, name: &str) -> Result<Option<i64>, StoreError> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM employers WHERE (lower(name) = $1 OR name = $2) AND merged_into IS NULL ORDER BY id LIMIT 1",
            &vals![name.trim().to_lowercase(), name.trim()],
        )
        .await?;
    Ok(row.map(|(id,)| id))
}

/// Replaces a vacancy's fields and skills with those of a newer import of the same document.
pub async fn replace_vacancy(
    tx: &mut Tx,
    id: i64,
    w: &crate::vacancies::VacancyWrite,
) -> Result<(), StoreError> {
    let current = crate::vacancies::get(tx, id).await?;
    crate::vacancies::update(tx, id, current.version, w).await
}

/// Replaces what a newer import of the same VUM document says about a candidate: where they live
/// and travel, what work they want, and what they can. Names, consent and the rest stay.
pub async fn replace_candidate_profile(
    tx: &mut Tx,
    id: i64,
    w: &crate::candidates::CandidateWrite,
) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE candidates SET postcode = $1, max_travel_km = $2, hours_per_week = $3, education_level = $4, driving_licences = $5, \
         languages = $6, desired_occupation_uri = $7, updated_at = $8, version = version + 1 WHERE id = $9",
        &vals![
            w.postcode.clone(),
            w.max_travel_km,
            w.hours_per_week,
            w.education_level.clone(),
            w.driving_licences.as_str(),
            w.languages.as_str(),
            w.handover.desired_occupation_uri.clone(),
            Utc::now(),
            id
        ],
    )
    .await?;
    tx.execute(
        "DELETE FROM candidate_skills WHERE candidate_id = $1",
        &vals![id],
    )
    .await?;
    for uri in &w.skills {
        tx.execute(
            "INSERT INTO candidate_skills (candidate_id, skill_uri) VALUES ($1, $2)",
            &vals![id, uri.as_str()],
        )
        .await?;
    }
    Ok(())
}
