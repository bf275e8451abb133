//! Import jobs held by one run at a time: a run takes the job's lease (or starts the job, with
//! its file and the plan to read it kept beside it), renews the lease with every batch, and lets
//! go after an error. A job whose run died is taken over by `resume_abandoned`, which the server
//! calls now and then: it finishes without a new upload, and never imports a row twice.

use chrono::{DateTime, Duration, Utc};
use koppel_store::import_jobs::{self, ImportJob, NewJob};

use super::plan::Plan;
use super::{ImportReport, Progress};
use crate::{AppContext, AppError, Meta};

/// Runs a job may have (the first and its takeovers) before the server stops taking it over and
/// ends it with the last error.
pub const MAX_ATTEMPTS: i64 = 5;

/// The file an import reads and how.
pub(crate) struct Source<'a> {
    pub plan: Plan,
    pub bytes: &'a [u8],
    pub hash: &'a str,
}

/// A job this run holds.
pub(crate) struct Held {
    pub job: ImportJob,
    pub holder: String,
}

fn lease(ctx: &AppContext, now: DateTime<Utc>) -> DateTime<Utc> {
    now + Duration::seconds(ctx.settings.import_lease_seconds)
}

/// Until when a batch claimed now holds the job.
pub(crate) fn renewed(ctx: &AppContext) -> DateTime<Utc> {
    lease(ctx, Utc::now())
}

/// Another run holds the import: a refusal of the file, with nothing of this run saved.
pub(crate) fn already_running() -> AppError {
    let mut f = koppel_domain::FieldErrors::new();
    f.push(
        "file",
        "import_running",
        "Dit bestand wordt al geïmporteerd (in een ander venster, proces of door een collega). Volg die import op de pagina Importeren; is hij afgebroken, dan gaat hij vanzelf verder waar hij was.",
    );
    AppError::Invalid(f)
}

/// A store refusal that means another run got there first.
pub(crate) fn lost_to_another(e: koppel_store::StoreError) -> AppError {
    match e {
        koppel_store::StoreError::StaleVersion | koppel_store::StoreError::Duplicate(_) => {
            already_running()
        }
        other => other.into(),
    }
}

/// Takes the running job of this file when nobody holds it, or starts one: the run that gets it
/// holds it; any other run at the same time is refused.
pub(crate) async fn acquire(
    ctx: &AppContext,
    kind: &str,
    total: i64,
    source: &Source<'_>,
) -> Result<Held, AppError> {
    let holder = crate::auth::random_hex(12);
    let now = Utc::now();
    let plan =
        serde_json::to_string(&source.plan).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut tx = ctx.store.begin().await?;
    let id = match import_jobs::running(&mut tx, kind, source.hash, source.plan.org_id).await? {
        Some(job) => {
            if !import_jobs::take(&mut tx, job.id, &holder, lease(ctx, now), now).await? {
                return Err(already_running());
            }
            job.id
        }
        None => {
            let new = NewJob {
                kind,
                file_name: &source.plan.file_name,
                hash: source.hash,
                total_rows: total,
                org_id: source.plan.org_id,
                created_by: source.plan.user_id,
                plan: &plan,
                content: source.bytes,
                holder: &holder,
                lease_until: lease(ctx, now),
            };
            import_jobs::start(&mut tx, &new)
                .await
                .map_err(lost_to_another)?
        }
    };
    let job = import_jobs::get(&mut tx, id).await?;
    tx.commit().await?;
    Ok(Held { job, holder })
}

/// After an error in a run that held `job`: lets go of it so another run takes over, or, once it
/// has had `MAX_ATTEMPTS` runs, ends it with the error (its file deleted).
pub(crate) async fn let_go(ctx: &AppContext, held: &Held, error: &AppError) {
    let result = async {
        let mut tx = ctx.store.begin().await?;
        let job = import_jobs::get(&mut tx, held.job.id).await?;
        if job.attempts >= MAX_ATTEMPTS {
            let why = format!("gestopt na {} pogingen: {error}", job.attempts);
            ended(&mut tx, ctx, &job, &why).await?;
        } else {
            import_jobs::release(&mut tx, job.id, &held.holder).await?;
        }
        tx.commit().await?;
        Ok::<(), AppError>(())
    };
    if let Err(e) = result.await {
        tracing::warn!(error = %e, job = held.job.id, "could not let go of an import job");
    }
}

/// Takes over one import whose run died (its lease expired) and finishes it, as the user who
/// started it (who must still be active and allowed to); None when there was none to take.
pub async fn resume_abandoned(ctx: &AppContext) -> Result<Option<ImportReport>, AppError> {
    let mut tx = ctx.store.begin().await?;
    let waiting = import_jobs::abandoned(&mut tx, Utc::now()).await?;
    tx.commit().await?;
    for (id, plan) in waiting {
        let Ok(plan) = serde_json::from_str::<Plan>(&plan) else {
            end(ctx, id, "het importplan is onleesbaar").await?;
            continue;
        };
        let mut tx = ctx.store.begin().await?;
        let job = import_jobs::get(&mut tx, id).await?;
        let bytes = import_jobs::file(&mut tx, id).await?;
        tx.commit().await?;
        let Some(bytes) = bytes else { continue };
        if job.attempts >= MAX_ATTEMPTS {
            end(ctx, id, "na herhaalde pogingen gestopt").await?;
            continue;
        }
        let meta = Meta::local("import takeover");
        let by = plan.by();
        let mut quiet = |_: Progress| {};
        let result = match plan.user_id {
            Some(user) => {
                let actor = match crate::auth::actor_of(ctx, user).await {
                    Ok(a) => a,
                    Err(_) => {
                        end(ctx, id, "wie de import begon, heeft geen toegang meer").await?;
                        continue;
                    }
                };
                super::for_user::import_plan(ctx, &actor, &by, &meta, &plan, &bytes, &mut quiet)
                    .await
            }
            None => super::run_plan(ctx, &by, &meta, &plan, &bytes, &mut quiet).await,
        };
        match result {
            Ok(report) => return Ok(Some(report)),
            // Another node took it first.
            Err(AppError::Invalid(e)) if e.0.iter().any(|f| f.code == "import_running") => {}
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}

/// Ends a job that cannot be taken over, with the reason.
async fn end(ctx: &AppContext, id: i64, why: &str) -> Result<(), AppError> {
    let mut tx = ctx.store.begin().await?;
    let job = import_jobs::get(&mut tx, id).await?;
    ended(&mut tx, ctx, &job, why).await?;
    tx.commit().await?;
    Ok(())
}

/// Ends a job for good before its last row, and tells the user who started it.
async fn ended(
    tx: &mut koppel_store::Tx,
    ctx: &AppContext,
    job: &ImportJob,
    why: &str,
) -> Result<(), AppError> {
    import_jobs::finish(tx, job.id, Some(why)).await?;
    if let Some(user) = job.created_by {
        let outcome = format!(
            "gestopt na {} van {} regels: {why}",
            job.done_rows, job.total_rows
        );
        crate::mail::messages::import_done(tx, ctx, job.id, user, &job.file_name, &outcome).await?;
    }
    Ok(())
}

/// The imports the actor started, newest first (running, interrupted and finished).
pub async fn started_by(
    ctx: &AppContext,
    actor: &crate::Actor,
) -> Result<Vec<ImportJob>, AppError> {
    let mut tx = ctx.store.begin().await?;
    let jobs = import_jobs::started_by(&mut tx, actor.user_id(), 20).await?;
    tx.commit().await?;
    Ok(jobs)
}

/// One import the actor started, with its problems (NotFound for anyone else's).
pub async fn job_of(
    ctx: &AppContext,
    actor: &crate::Actor,
    id: i64,
) -> Result<(ImportJob, Vec<import_jobs::ImportProblem>), AppError> {
    let mut tx = ctx.store.begin().await?;
    let job = import_jobs::get(&mut tx, id).await?;
    if job.created_by != Some(actor.user_id()) {
        return Err(AppError::NotFound);
    }
    let problems = import_jobs::problems(&mut tx, id).await?;
    tx.commit().await?;
    Ok((job, problems))
}
