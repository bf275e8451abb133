//! Bulk import of employers, vacancies and candidates from CSV or XLSX: column mapping, a dry run that reports every bad
//! row, batches that are all or nothing, resuming an interrupted import of the same file, and no
//! duplicates when a file is imported again (matched on external id, KvK number, and a similar
//! name at the same postcode; each match reported).

mod candidates;
mod columns;
mod employers;
mod for_user;
pub mod jobs;
mod json_array;
mod plan;
pub mod sheet;
mod vacancies;
pub mod vum;
mod vum_rows;

use koppel_store::import_jobs::{self, ImportJob, ImportProblem};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::logging::audit;
use crate::{AppContext, AppError, Meta};
use columns::{columns_of, record};
pub(crate) use columns::{list, Record};
pub use for_user::import_as;
pub use jobs::resume_abandoned;
use jobs::Source;
use plan::Plan;
pub use sheet::Sheet;

/// How far an import is: its job (0 for a dry run), the rows handled and the rows in all.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub job: i64,
    pub done: i64,
    pub total: i64,
}

/// Rows per transaction: a batch is imported completely or not at all. Small enough that SQLite's
/// write lock is held for a few milliseconds at a time, so the people working beside an import
/// wait little for it.
pub const BATCH: usize = 500;

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
    progress: &mut (dyn FnMut(Progress) + Send),
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
    progress: &mut (dyn FnMut(Progress) + Send),
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
    progress: &mut (dyn FnMut(Progress) + Send),
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
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<ImportReport, AppError> {
    let sheet = sheet::read(file_name, bytes)?;
    let hash = format!("{:x}", Sha256::digest(bytes));
    let source = Source {
        plan: Plan::new(K::NAME, file_name, by, options),
        bytes,
        hash: &hash,
    };
    run_sheet::<K>(ctx, by, meta, &source, sheet, options, progress).await
}

/// Runs an import as its plan says (a kept file taken over, or one the user just uploaded).
pub(crate) async fn run_plan(
    ctx: &AppContext,
    by: &ImportBy,
    meta: &Meta,
    plan: &Plan,
    bytes: &[u8],
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<ImportReport, AppError> {
    let options = ImportOptions {
        dry_run: plan.dry_run,
        mapping: plan.mapping.clone(),
    };
    let vum_options = vum::VumImportOptions {
        dry_run: plan.dry_run,
        publish: plan.publish,
        employer_sector: plan.employer_sector.clone(),
        today: plan.today,
    };
    let name = plan.file_name.as_str();
    match plan.kind.as_str() {
        "vacancies" => import_vacancies(ctx, by, meta, name, bytes, &options, progress).await,
        "candidates" => import_candidates(ctx, by, meta, name, bytes, &options, progress).await,
        "vum-vacancies" => {
            vum::import_vacancies(ctx, by, meta, name, bytes, &vum_options, progress).await
        }
        "vum-jobseekers" => {
            vum::import_jobseekers(ctx, by, meta, name, bytes, &vum_options, progress).await
        }
        _ => import_employers(ctx, by, meta, name, bytes, &options, progress).await,
    }
}

/// The rows of one batch sorted into new rows and problems (line, outcome, reason).
type Checked<W> = (Vec<(W, Option<String>)>, Vec<(i64, &'static str, String)>);

async fn check_batch<K: Kind>(
    tx: &mut koppel_store::Tx,
    sheet: &Sheet,
    columns: &[Option<&'static str>],
    batch: &[(i64, Vec<String>)],
    known: &mut K::Known,
) -> Result<Checked<K::Row>, AppError> {
    let (mut new_rows, mut problems) = (Vec::new(), Vec::new());
    for (line, cells) in batch {
        let r = record(columns, cells);
        let ext = r.get("externalId").cloned();
        let outcome = match sheet.invalid.get(line) {
            Some(reason) => Outcome::Bad(reason.clone()),
            None => K::check(tx, &r, known).await?,
        };
        match outcome {
            Outcome::New(w) => new_rows.push((w, ext)),
            Outcome::Skipped(reason) => problems.push((*line, "skipped", reason)),
            Outcome::Bad(reason) => problems.push((*line, "bad", reason)),
        }
    }
    Ok((new_rows, problems))
}

/// Imports the rows of a sheet read from `source` (whose hash identifies an earlier, interrupted
/// run to resume). A real import first takes the job's lease; a dry run writes nothing.
pub(crate) async fn run_sheet<K: Kind>(
    ctx: &AppContext,
    by: &ImportBy,
    meta: &Meta,
    source: &Source<'_>,
    sheet: Sheet,
    options: &ImportOptions,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<ImportReport, AppError> {
    let columns = columns_of::<K>(&sheet, options)?;
    let total = sheet.rows.len() as i64;
    let held = if options.dry_run {
        jobs::Held {
            job: dry_job(K::NAME, &source.plan.file_name, total),
            holder: String::new(),
        }
    } else {
        jobs::acquire(ctx, K::NAME, total, source).await?
    };
    let resumed_after = held.job.done_rows;
    progress(Progress {
        job: held.job.id,
        done: resumed_after,
        total,
    });
    let result = batches::<K>(ctx, by, meta, &held, &sheet, &columns, options, progress).await;
    let (job, mut problems) = match result {
        Ok(done) => done,
        Err(e) => {
            if !options.dry_run && !is_refusal(&e) {
                jobs::let_go(ctx, &held, &e).await;
            }
            return Err(e);
        }
    };
    let import_id = if options.dry_run {
        None
    } else {
        problems = finish(ctx, by, &job, &source.plan.file_name).await?;
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

/// Another run holds the job: nothing to let go of.
fn is_refusal(e: &AppError) -> bool {
    matches!(e, AppError::Invalid(f) if f.0.iter().any(|f| f.code == "import_running"))
}

fn dry_job(kind: &str, file_name: &str, total: i64) -> ImportJob {
    ImportJob {
        id: 0,
        kind: kind.into(),
        file_name: file_name.into(),
        total_rows: total,
        done_rows: 0,
        imported: 0,
        skipped: 0,
        bad: 0,
        status: "dry_run".into(),
        failure: None,
        lease_until: None,
        started_at: chrono::Utc::now(),
        finished_at: None,
        created_by: None,
        attempts: 0,
        resumable: false,
    }
}

/// The batches after the rows already done, each in one transaction with its claim of the job,
/// its rows, its report and its audit record, or nothing. Returns the job as it ends and the
/// problems this run found.
#[allow(clippy::too_many_arguments)]
async fn batches<K: Kind>(
    ctx: &AppContext,
    by: &ImportBy,
    meta: &Meta,
    held: &jobs::Held,
    sheet: &Sheet,
    columns: &[Option<&'static str>],
    options: &ImportOptions,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<(ImportJob, Vec<ImportProblem>), AppError> {
    let mut job = held.job.clone();
    let total = sheet.rows.len() as i64;
    let mut tx = ctx.store.begin().await?;
    let mut known = K::load(&mut tx, by).await?;
    tx.commit().await?;
    let mut problems = Vec::new();
    let start = (job.done_rows as usize).min(sheet.rows.len());
    for batch in sheet.rows[start..].chunks(BATCH) {
        let began = std::time::Instant::now();
        let mut tx = ctx.store.begin().await?;
        let (new_rows, batch_problems) =
            check_batch::<K>(&mut tx, sheet, columns, batch, &mut known).await?;
        let done_before = job.done_rows;
        job.done_rows += batch.len() as i64;
        job.imported += new_rows.len() as i64;
        job.skipped += batch_problems.iter().filter(|p| p.1 == "skipped").count() as i64;
        job.bad += batch_problems.iter().filter(|p| p.1 == "bad").count() as i64;
        if !options.dry_run {
            import_jobs::claim(&mut tx, &job, done_before, &held.holder, jobs::renewed(ctx))
                .await
                .map_err(jobs::lost_to_another)?;
            K::insert(&mut tx, ctx, by, meta, new_rows).await?;
            import_jobs::record_problems(&mut tx, &job, &batch_problems).await?;
            let action = format!(
                "{}.import",
                K::NAME.trim_end_matches('s').replace("vacancie", "vacancy")
            );
            let target = format!("import:{} rows:{}", job.id, job.done_rows);
            audit(&mut tx, &by.name, &action, &target, "success", meta).await?;
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
        progress(Progress {
            job: job.id,
            done: job.done_rows,
            total,
        });
        rest(ctx, began.elapsed()).await;
    }
    Ok((job, problems))
}

/// Rests after a batch that took `worked`, so the import takes no more than its share of the
/// time (`import_share_percent`) from the people working beside it.
async fn rest(ctx: &AppContext, worked: std::time::Duration) {
    let share = ctx.settings.import_share_percent.clamp(1, 100);
    if share < 100 {
        tokio::time::sleep(worked * (100 - share) / share).await;
    }
}

/// Ends a job whose every row is handled, tells the user who started it, and returns the report
/// of the whole file (also the batches of an earlier, interrupted run).
async fn finish(
    ctx: &AppContext,
    by: &ImportBy,
    job: &ImportJob,
    file_name: &str,
) -> Result<Vec<ImportProblem>, AppError> {
    let mut tx = ctx.store.begin().await?;
    import_jobs::finish(&mut tx, job.id, None).await?;
    let problems = import_jobs::problems(&mut tx, job.id).await?;
    if let Some(user) = by.user_id {
        let outcome = format!(
            "klaar: {} ingelezen, {} overgeslagen, {} afgekeurd",
            job.imported, job.skipped, job.bad
        );
        crate::mail::messages::import_done(&mut tx, ctx, job.id, user, file_name, &outcome).await?;
    }
    tx.commit().await?;
    Ok(problems)
}
