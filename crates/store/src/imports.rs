//! Bulk imports: each import's progress (so an interrupted one resumes where its last committed
//! batch ended), its report of bad and skipped rows, and the bulk inserts of imported rows.

use chrono::Utc;
use serde::Serialize;

use crate::employers::EmployerWrite;
use crate::{vals, StoreError, Tx, Val};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImportJob {
    pub id: i64,
    pub kind: String,
    pub file_name: String,
    pub total_rows: i64,
    /// Rows handled in committed batches (an interrupted import resumes after them).
    pub done_rows: i64,
    pub imported: i64,
    pub skipped: i64,
    pub bad: i64,
    pub status: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImportProblem {
    /// The line in the file (the header is line 1).
    pub line: i64,
    /// `bad` (invalid, not imported) or `skipped` (already there).
    pub outcome: String,
    pub reason: String,
}

const JOB: &str = "SELECT id, kind, file_name, total_rows, done_rows, imported, skipped, bad, status FROM imports";

/// An unfinished import of the same file (same kind and content), to resume.
pub async fn running(
    tx: &mut Tx,
    kind: &str,
    hash: &str,
    org_id: Option<i64>,
) -> Result<Option<ImportJob>, StoreError> {
    tx.fetch_optional(
        &format!("{JOB} WHERE kind = $1 AND file_hash = $2 AND status = 'running' AND (org_id = $3 OR (org_id IS NULL AND $3 IS NULL)) ORDER BY id DESC LIMIT 1"),
        &vals![kind, hash, org_id],
    )
    .await
}

/// The unfinished imports a user started, newest first (running now, or interrupted).
pub async fn unfinished_by(tx: &mut Tx, user_id: i64) -> Result<Vec<ImportJob>, StoreError> {
    tx.fetch_all(
        &format!("{JOB} WHERE status = 'running' AND created_by = $1 ORDER BY id DESC"),
        &vals![user_id],
    )
    .await
}

pub async fn start(
    tx: &mut Tx,
    kind: &str,
    file_name: &str,
    hash: &str,
    total_rows: i64,
    org_id: Option<i64>,
    created_by: Option<i64>,
) -> Result<i64, StoreError> {
    tx.insert(
        "INSERT INTO imports (kind, file_name, file_hash, total_rows, status, org_id, created_by, started_at) \
         VALUES ($1, $2, $3, $4, 'running', $5, $6, $7) RETURNING id",
        &vals![kind, file_name, hash, total_rows, org_id, created_by, Utc::now()],
    )
    .await
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<ImportJob, StoreError> {
    tx.fetch_one(&format!("{JOB} WHERE id = $1"), &vals![id])
        .await
}

/// Claims the next batch of a job: records the rows done and the counts, but only when the job is
/// still at `done_before` rows. Another run of the same import that got there first makes this
/// `StaleVersion`, so two runs never import the same rows. Call it first in the batch's transaction:
/// on PostgreSQL it holds the job's row until the batch commits.
pub async fn claim(tx: &mut Tx, job: &ImportJob, done_before: i64) -> Result<(), StoreError> {
    let n = tx
        .execute(
            "UPDATE imports SET done_rows = $1, imported = $2, skipped = $3, bad = $4 WHERE id = $5 AND done_rows = $6",
            &vals![job.done_rows, job.imported, job.skipped, job.bad, job.id, done_before],
        )
        .await?;
    if n == 1 {
        Ok(())
    } else {
        Err(StoreError::StaleVersion)
    }
}

/// Records the problems of a claimed batch.
pub async fn record_problems(
    tx: &mut Tx,
    job: &ImportJob,
    problems: &[(i64, &str, String)],
) -> Result<(), StoreError> {
    let rows: Vec<Vec<Val>> = problems
        .iter()
        .map(|(line, outcome, reason)| vals![job.id, *line, *outcome, reason.clone()].to_vec())
        .collect();
    tx.insert_rows(
        "import_problems",
        &["import_id", "line", "outcome", "reason"],
        &rows,
    )
    .await?;
    Ok(())
}

pub async fn finish(tx: &mut Tx, id: i64) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE imports SET status = 'done', finished_at = $1 WHERE id = $2",
        &vals![Utc::now(), id],
    )
    .await?;
    Ok(())
}

pub async fn problems(tx: &mut Tx, id: i64) -> Result<Vec<ImportProblem>, StoreError> {
    tx.fetch_all(
        "SELECT line, outcome, reason FROM import_problems WHERE import_id = $1 ORDER BY line, id",
        &vals![id],
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
