//! Bulk import of employers, vacancies and candidates from CSV or XLSX: column mapping, a dry run that reports every bad
//! row, batches that are all or nothing, resuming an interrupted import of the same file, and no
//! duplicates when a file is imported again (matched on external id, KvK number, and a similar
//! name at the same postcode; each match reported).

mod candidates;
mod employers;
mod for_user;
mod json_array;
pub mod sheet;
mod vacancies;
pub mod vum;
mod vum_rows;

use std::collections::HashMap;

use koppel_store::imports::{self, ImportJob, ImportProblem};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::logging::audit;
use crate::{Actor, AppContext, AppError, Meta};
pub use for_user::import_as;
pub use sheet::Sheet;

/// Rows per transaction: a batch is imported completely or not at all.
pub const BATCH: usize = 2_000;

/// Who imports: the user (and their organisation), or the command line.
#[derive(Debug, Clone)]
pub struct ImportBy {
    pub user_id: Option<i64>,
    pub org_id: Option<i64>,
    /// As written in the audit log.
    pub name: String,
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Check every row and report, but write nothing.
    pub dry_run: bool,
    /// Column name in the file → field name (such as `kvkNumber`); other columns are matched by name.
    pub mapping: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    /// None for a dry run.
    pub import_id: Option<i64>,
    pub dry_run: bool,
    pub total_rows: i64,
    /// Rows that were already done by an earlier, interrupted run of the same file.
    pub resumed_after: i64,
    pub imported: i64,
    pub skipped: i64,
    pub bad: i64,
    /// How each column of the file was read (column → field), and columns that were not used.
    pub columns: Vec<(String, Option<String>)>,
    pub problems: Vec<ImportProblem>,
}

/// What a row became.
pub(crate) enum Outcome<W> {
    New(W),
    Skipped(String),
    Bad(String),
}

/// The fields of a row by field name.
pub(crate) type Record = HashMap<&'static str, String>;

/// Which field each column feeds: the explicit mapping first, then the column's name or alias.
fn map_columns(
    headers: &[String],
    options: &ImportOptions,
    fields: &[(&'static str, &[&str])],
) -> Result<Vec<Option<&'static str>>, AppError> {
    let norm = |s: &str| {
        s.to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    let mut errors = koppel_domain::FieldErrors::new();
    for (column, field) in &options.mapping {
        if !headers.iter().any(|h| h == column) {
            errors.push(
                "mapping",
                "unknown_column",
                format!("De kolom '{column}' staat niet in het bestand."),
            );
        }
        if !fields.iter().any(|(f, _)| f == field) {
            let known: Vec<&str> = fields.iter().map(|(f, _)| *f).collect();
            errors.push(
                "mapping",
                "unknown_field",
                format!("Onbekend veld '{field}'; kies uit {}.", known.join(", ")),
            );
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(headers
        .iter()
        .map(|h| {
            if let Some((_, f)) = options.mapping.iter().find(|(c, _)| c == h) {
                return fields
                    .iter()
                    .find(|(name, _)| name == f)
                    .map(|(name, _)| *name);
            }
            fields
                .iter()
                .find(|(name, aliases)| {
                    norm(name) == norm(h) || aliases.iter().any(|a| norm(a) == norm(h))
                })
                .map(|(name, _)| *name)
        })
        .collect())
}

fn record(columns: &[Option<&'static str>], cells: &[String]) -> Record {
    columns
        .iter()
        .zip(cells)
        .filter_map(|(f, v)| f.map(|f| (f, v.clone())))
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

/// A field holding a list (items separated by commas or new lines).
pub(crate) fn list(r: &Record, field: &str) -> crate::input::List {
    crate::input::List(
        r.get(field)
            .map(String::as_str)
            .unwrap_or("")
            .split([',', '\n'])
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
    )
}

/// A kind of row that can be imported.
pub(crate) trait Kind {
    /// What already exists (and what this import added so far), for finding duplicates.
    type Known: Send;
    type Row: Send;
    /// `employers`, `vacancies` or `candidates`.
    const NAME: &'static str;
    /// Field names (as in the API) with the Dutch column names they are also known by.
    const FIELDS: &'static [(&'static str, &'static [&'static str])];
    /// Fields without which no row can be read, with a Dutch description.
    const REQUIRED: &'static [&'static str];
    async fn load(tx: &mut koppel_store::Tx, by: &ImportBy) -> Result<Self::Known, AppError>;
    async fn check(
        tx: &mut koppel_store::Tx,
        r: &Record,
        known: &mut Self::Known,
    ) -> Result<Outcome<Self::Row>, AppError>;
    async fn insert(
        tx: &mut koppel_store::Tx,
        ctx: &AppContext,
        by: &ImportBy,
        meta: &Meta,
        rows: Vec<(Self::Row, Option<String>)>,
    ) -> Result<(), AppError>;
}

/// Imports employers from `bytes`; `progress(done, total)` is called after every batch.
pub async fn import_employers(
    ctx: &AppContext,
    by: &ImportBy,
    meta: &Meta,
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
    progress: &mut (dyn FnMut(i64, i64) + Send),
) -> Result<ImportReport, AppError> {
    run::<employers::Employers>(ctx, by, meta, file_name, bytes, options, progress).await
}

/// Imports vacancies (their employer found by external id, KvK number or id).
pub async fn import_vacancies(
    ctx: &AppContext,
    by: &ImportBy,
    meta: &Meta,
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
    progress: &mut (dyn FnMut(i64, i64) + Send),
) -> Result<ImportReport, AppError> {
    run::<vacancies::Vacancies>(ctx, by, meta, file_name, bytes, options, progress).await
}

/// Imports candidates into the organisation of `by` (which is required).
pub async fn import_candidates(
    ctx: &AppContext,
    by: &ImportBy,
    meta: &Meta,
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
    progress: &mut (dyn FnMut(i64, i64) + Send),
) -> Result<ImportReport, AppError> {
    require_org(by)?;
    run::<candidates::Candidates>(ctx, by, meta, file_name, bytes, options, progress).await
}

/// Candidates belong to an organisation: the importer's, or the one given.
fn require_org(by: &ImportBy) -> Result<(), AppError> {
    if by.org_id.is_none() {
        let mut e = koppel_domain::FieldErrors::new();
        e.push(
            "organisation",
            "required",
            "Kandidaten horen bij een organisatie: geef --org.",
        );
        return Err(AppError::Invalid(e));
    }
    Ok(())
}

async fn run<K: Kind>(
    ctx: &AppContext,
    by: &ImportBy,
    meta: &Meta,
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
    progress: &mut (dyn FnMut(i64, i64) + Send),
) -> Result<ImportReport, AppError> {
    let sheet = sheet::read(file_name, bytes)?;
    let hash = format!("{:x}", Sha256::digest(bytes));
    run_sheet::<K>(ctx, by, meta, file_name, &hash, sheet, options, progress).await
}

/// The unfinished imports the actor started, newest first: the one running now, and any a restart
/// or a crash interrupted (uploading the same file again resumes it where it stopped).
pub async fn unfinished(ctx: &AppContext, actor: &Actor) -> Result<Vec<ImportJob>, AppError> {
    let mut tx = ctx.store.begin().await?;
    let list = imports::unfinished_by(&mut tx, actor.user_id()).await?;
    tx.commit().await?;
    Ok(list)
}

/// Another run of the same import (a second upload, a double click, another process) holds it: said
/// as a refusal of the file, with nothing of this run saved.
fn already_running(e: koppel_store::StoreError) -> AppError {
    match e {
        koppel_store::StoreError::StaleVersion | koppel_store::StoreError::Duplicate(_) => {
            let mut f = koppel_domain::FieldErrors::new();
            f.push(
                "file",
                "import_running",
                "Dit bestand wordt al geïmporteerd (in een ander venster of proces). Volg die import, of probeer het opnieuw als hij klaar of afgebroken is: dan gaat hij verder waar hij was.",
            );
            AppError::Invalid(f)
        }
        other => other.into(),
    }
}

/// Imports the rows of a sheet read from a file with this hash (which identifies an earlier,
/// interrupted run to resume).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn run_sheet<K: Kind>(
    ctx: &AppContext,
    by: &ImportBy,
    meta: &Meta,
    file_name: &str,
    hash: &str,
    sheet: Sheet,
    options: &ImportOptions,
    progress: &mut (dyn FnMut(i64, i64) + Send),
) -> Result<ImportReport, AppError> {
    let columns = map_columns(&sheet.headers, options, K::FIELDS)?;
    let missing: Vec<&str> = K::REQUIRED
        .iter()
        .copied()
        .filter(|f| !columns.contains(&Some(*f)))
        .collect();
    if !missing.is_empty() {
        let mut e = koppel_domain::FieldErrors::new();
        e.push(
            "mapping",
            "missing_columns",
            format!("Het bestand mist een kolom voor: {}.", missing.join(", ")),
        );
        return Err(AppError::Invalid(e));
    }
    let total = sheet.rows.len() as i64;
    let mut tx = ctx.store.begin().await?;
    let mut known = K::load(&mut tx, by).await?;
    let mut job = match (
        options.dry_run,
        imports::running(&mut tx, K::NAME, hash, by.org_id).await?,
    ) {
        (true, _) => ImportJob {
            id: 0,
            kind: K::NAME.into(),
            file_name: file_name.into(),
            total_rows: total,
            done_rows: 0,
            imported: 0,
            skipped: 0,
            bad: 0,
            status: "dry_run".into(),
        },
        (false, Some(job)) => job,
        (false, None) => {
            let id = imports::start(
                &mut tx,
                K::NAME,
                file_name,
                hash,
                total,
                by.org_id,
                by.user_id,
            )
            .await
            .map_err(already_running)?;
            imports::get(&mut tx, id).await?
        }
    };
    tx.commit().await?;
    let resumed_after = job.done_rows;
    let mut problems = Vec::new();
    let start = job.done_rows as usize;
    for batch in sheet.rows[start.min(sheet.rows.len())..].chunks(BATCH) {
        // One transaction per batch: its rows, its progress and its report, or nothing.
        let mut tx = ctx.store.begin().await?;
        let mut new_rows = Vec::new();
        let mut batch_problems: Vec<(i64, &str, String)> = Vec::new();
        for (line, cells) in batch {
            let r = record(&columns, cells);
            let ext = r.get("externalId").cloned();
            let outcome = match sheet.invalid.get(line) {
                Some(reason) => Outcome::Bad(reason.clone()),
                None => K::check(&mut tx, &r, &mut known).await?,
            };
            match outcome {
                Outcome::New(w) => new_rows.push((w, ext)),
                Outcome::Skipped(reason) => batch_problems.push((*line, "skipped", reason)),
                Outcome::Bad(reason) => batch_problems.push((*line, "bad", reason)),
            }
        }
        let done_before = job.done_rows;
        job.done_rows += batch.len() as i64;
        job.imported += new_rows.len() as i64;
        job.skipped += batch_problems.iter().filter(|p| p.1 == "skipped").count() as i64;
        job.bad += batch_problems.iter().filter(|p| p.1 == "bad").count() as i64;
        if !options.dry_run {
            imports::claim(&mut tx, &job, done_before)
                .await
                .map_err(already_running)?;
            K::insert(&mut tx, ctx, by, meta, new_rows).await?;
            imports::record_problems(&mut tx, &job, &batch_problems).await?;
            let action = format!(
                "{}.import",
                K::NAME.trim_end_matches('s').replace("vacancie", "vacancy")
            );
            audit(
                &mut tx,
                &by.name,
                &action,
                &format!("import:{} rows:{}", job.id, job.done_rows),
                "success",
                meta,
            )
            .await?;
            tx.commit().await?;
        }
        problems.extend(
            batch_problems
                .into_iter()
                .map(|(line, outcome, reason)| ImportProblem {
                    line,
                    outcome: outcome.into(),
                    reason,
                }),
        );
        progress(job.done_rows, total);
    }
    let import_id = if options.dry_run {
        None
    } else {
        let mut tx = ctx.store.begin().await?;
        imports::finish(&mut tx, job.id).await?;
        // The report covers the whole file, also the batches of an earlier, interrupted run.
        problems = imports::problems(&mut tx, job.id).await?;
        if let Some(user) = by.user_id {
            let outcome = format!(
                "klaar: {} ingelezen, {} overgeslagen, {} afgekeurd",
                job.imported, job.skipped, job.bad
            );
            crate::mail::messages::import_done(&mut tx, ctx, job.id, user, file_name, &outcome)
                .await?;
        }
        tx.commit().await?;
        Some(job.id)
    };
    Ok(ImportReport {
        import_id,
        dry_run: options.dry_run,
        total_rows: total,
        resumed_after,
        imported: job.imported,
        skipped: job.skipped,
        bad: job.bad,
        columns: sheet
            .headers
            .iter()
            .cloned()
            .zip(columns.iter().map(|c| c.map(str::to_string)))
            .collect(),
        problems,
    })
}
