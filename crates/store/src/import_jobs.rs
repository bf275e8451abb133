//! The life of an import job: started once per file, held by one run at a time through a lease
//! (holder and expiry, renewed with every batch), its progress (so an interrupted one resumes
//! where its last committed batch ended), its report of bad and skipped rows, and the file kept
//! until it ends so that another run can take over a job whose holder died.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{vals, StoreError, Tx, Val};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
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
    /// `running` (held by a run, or waiting to be taken over) or `done`.
    pub status: String,
    /// Why a job stopped for good (`done` with a failure: not every row was handled).
    pub failure: Option<String>,
    /// Until when its holder holds it; after that another run may take it over.
    pub lease_until: Option<DateTime<Utc>>,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// The user who started it (none: the command line).
    pub created_by: Option<i64>,
    /// Runs that held it so far.
    pub attempts: i64,
    /// Whether its file and plan are kept, so another run can take it over (not for imports
    /// started before koppel kept them).
    pub resumable: bool,
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

/// A new job: what it is, the file it reads, and the run that holds it first.
pub struct NewJob<'a> {
    pub kind: &'a str,
    pub file_name: &'a str,
    pub hash: &'a str,
    pub total_rows: i64,
    pub org_id: Option<i64>,
    pub created_by: Option<i64>,
    /// How to read the file again (JSON, the application's to define).
    pub plan: &'a str,
    pub content: &'a [u8],
    pub holder: &'a str,
    pub lease_until: DateTime<Utc>,
}

const JOB: &str = "SELECT id, kind, file_name, total_rows, done_rows, imported, skipped, bad, status, failure, \
    lease_until, started_at, finished_at, created_by, attempts, plan IS NOT NULL AS resumable FROM imports";

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

/// The imports a user started, newest first (running, interrupted and finished), at most `limit`.
pub async fn started_by(
    tx: &mut Tx,
    user_id: i64,
    limit: i64,
) -> Result<Vec<ImportJob>, StoreError> {
    tx.fetch_all(
        &format!("{JOB} WHERE created_by = $1 ORDER BY id DESC LIMIT $2"),
        &vals![user_id, limit],
    )
    .await
}

/// Starts a job held by `job.holder`, with its file kept beside it. Another running job of the
/// same file makes this `Duplicate`.
pub async fn start(tx: &mut Tx, job: &NewJob<'_>) -> Result<i64, StoreError> {
    let id = tx
        .insert(
            "INSERT INTO imports (kind, file_name, file_hash, total_rows, status, org_id, created_by, started_at, \
             holder, lease_until, plan, attempts) VALUES ($1, $2, $3, $4, 'running', $5, $6, $7, $8, $9, $10, 1) RETURNING id",
            &vals![
                job.kind,
                job.file_name,
                job.hash,
                job.total_rows,
                job.org_id,
                job.created_by,
                Utc::now(),
                job.holder,
                job.lease_until,
                job.plan
            ],
        )
        .await?;
    tx.execute(
        "INSERT INTO import_files (import_id, content) VALUES ($1, $2)",
        &vals![id, job.content.to_vec()],
    )
    .await?;
    Ok(id)
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<ImportJob, StoreError> {
    tx.fetch_one(&format!("{JOB} WHERE id = $1"), &vals![id])
        .await
}

/// Takes the lease of a running job for `holder` when nobody holds it (its lease expired, or it
/// was released): true when taken. Two runs that try at once: one gets it.
pub async fn take(
    tx: &mut Tx,
    id: i64,
    holder: &str,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = tx
        .execute(
            "UPDATE imports SET holder = $1, lease_until = $2, attempts = attempts + 1 \
             WHERE id = $3 AND status = 'running' AND (lease_until IS NULL OR lease_until < $4)",
            &vals![holder, until, id, now],
        )
        .await?;
    Ok(n == 1)
}

/// Claims the next batch of a job for its holder and renews the lease: records the rows done and
/// the counts, but only when `holder` still holds the job and it is still at `done_before` rows.
/// Otherwise (another run took it over, or got there first) this is `StaleVersion`, so two runs
/// never import the same rows. Call it first in the batch's transaction: on PostgreSQL it holds
/// the job's row until the batch commits.
pub async fn claim(
    tx: &mut Tx,
    job: &ImportJob,
    done_before: i64,
    holder: &str,
    until: DateTime<Utc>,
) -> Result<(), StoreError> {
    let n = tx
        .execute(
            "UPDATE imports SET done_rows = $1, imported = $2, skipped = $3, bad = $4, lease_until = $5 \
             WHERE id = $6 AND done_rows = $7 AND holder = $8 AND status = 'running'",
            &vals![
                job.done_rows,
                job.imported,
                job.skipped,
                job.bad,
                until,
                job.id,
                done_before,
                holder
            ],
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

/// Ends a job (with the reason it stopped early, if it did) and deletes its file.
pub async fn finish(tx: &mut Tx, id: i64, failure: Option<&str>) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE imports SET status = 'done', finished_at = $1, holder = NULL, lease_until = NULL, failure = $2 WHERE id = $3",
        &vals![Utc::now(), failure.map(str::to_string), id],
    )
    .await?;
    tx.execute("DELETE FROM import_files WHERE import_id = $1", &vals![id])
        .await?;
    Ok(())
}

/// Lets go of a job `holder` holds (after an error), so another run may take it over at once.
pub async fn release(tx: &mut Tx, id: i64, holder: &str) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE imports SET holder = NULL, lease_until = NULL WHERE id = $1 AND holder = $2",
        &vals![id, holder],
    )
    .await?;
    Ok(())
}

/// Running jobs nobody holds (the lease expired or was released) whose file is kept, oldest
/// first: (id, plan).
pub async fn abandoned(tx: &mut Tx, now: DateTime<Utc>) -> Result<Vec<(i64, String)>, StoreError> {
    tx.fetch_all(
        "SELECT i.id, i.plan FROM imports i JOIN import_files f ON f.import_id = i.id \
         WHERE i.status = 'running' AND i.plan IS NOT NULL AND (i.lease_until IS NULL OR i.lease_until < $1) ORDER BY i.id",
        &vals![now],
    )
    .await
}

/// The file of a job, while it is kept.
pub async fn file(tx: &mut Tx, id: i64) -> Result<Option<Vec<u8>>, StoreError> {
    let row: Option<(Vec<u8>,)> = tx
        .fetch_optional(
            "SELECT content FROM import_files WHERE import_id = $1",
            &vals![id],
        )
        .await?;
    Ok(row.map(|(c,)| c))
}

pub async fn problems(tx: &mut Tx, id: i64) -> Result<Vec<ImportProblem>, StoreError> {
    tx.fetch_all(
        "SELECT line, outcome, reason FROM import_problems WHERE import_id = $1 ORDER BY line, id",
        &vals![id],
    )
    .await
}
