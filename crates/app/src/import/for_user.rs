//! Imports started by a user in the browser: the permission per kind, and an e-mail to the user
//! when an import they started stops half-way.

use koppel_domain::permissions::Permission;
use koppel_store::imports;

use super::{
    import_candidates, import_employers, import_vacancies, vum, ImportBy, ImportOptions,
    ImportReport,
};
use crate::{AppContext, AppError, Meta};

/// Imports rows of `kind` for a user of the UI: `employers`, `vacancies` or `candidates` from
/// CSV or XLSX, `vum-vacancies` or `vum-jobseekers` from a JSON array of VUM documents (with
/// `publish`: published, or offered to VUM). Candidates join the user's own organisation;
/// `progress(done, total)` follows every batch.
#[allow(clippy::too_many_arguments)]
pub async fn import_as(
    ctx: &AppContext,
    actor: &crate::Actor,
    meta: &Meta,
    kind: &str,
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
    vum: &vum::VumImportOptions,
    progress: &mut (dyn FnMut(i64, i64) + Send),
) -> Result<ImportReport, AppError> {
    let by = ImportBy {
        user_id: Some(actor.user_id()),
        org_id: Some(actor.org_id()),
        name: actor.audit_name(),
    };
    let result = import_kind(
        ctx, actor, &by, meta, kind, file_name, bytes, options, vum, progress,
    )
    .await;
    if let Err(e) = &result {
        stopped(ctx, actor, file_name, e).await;
    }
    result
}

/// Tells the user that an import they started stopped half-way (not for refusals before it
/// started: those they see at once).
async fn stopped(ctx: &AppContext, actor: &crate::Actor, file_name: &str, e: &AppError) {
    if matches!(
        e,
        AppError::Invalid(_) | AppError::Forbidden | AppError::NotFound
    ) {
        return;
    }
    let tell = async {
        let mut tx = ctx.store.begin().await?;
        let unfinished = imports::unfinished_by(&mut tx, actor.user_id()).await?;
        if let Some(job) = unfinished.iter().find(|j| j.file_name == file_name) {
            let outcome = format!(
                "gestopt na {} van {} regels; upload hetzelfde bestand om verder te gaan",
                job.done_rows, job.total_rows
            );
            let user = actor.user_id();
            crate::mail::messages::import_done(&mut tx, ctx, job.id, user, file_name, &outcome)
                .await?;
        }
        tx.commit().await?;
        Ok::<(), AppError>(())
    };
    if let Err(e) = tell.await {
        tracing::warn!(error = %e, "could not write the import-stopped e-mail");
    }
}

#[allow(clippy::too_many_arguments)]
async fn import_kind(
    ctx: &AppContext,
    actor: &crate::Actor,
    by: &ImportBy,
    meta: &Meta,
    kind: &str,
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
    vum: &vum::VumImportOptions,
    progress: &mut (dyn FnMut(i64, i64) + Send),
) -> Result<ImportReport, AppError> {
    match kind {
        "vacancies" => {
            actor.require(Permission::WriteVacancies)?;
            import_vacancies(ctx, by, meta, file_name, bytes, options, progress).await
        }
        "vum-vacancies" => {
            actor.require(Permission::WriteVacancies)?;
            vum::import_vacancies(ctx, by, meta, file_name, bytes, vum, progress).await
        }
        "candidates" => {
            actor.require(Permission::WriteCandidates)?;
            import_candidates(ctx, by, meta, file_name, bytes, options, progress).await
        }
        "vum-jobseekers" => {
            actor.require(Permission::WriteCandidates)?;
            vum::import_jobseekers(ctx, by, meta, file_name, bytes, vum, progress).await
        }
        _ => {
            actor.require(Permission::WriteEmployers)?;
            import_employers(ctx, by, meta, file_name, bytes, options, progress).await
        }
    }
}
