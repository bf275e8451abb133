//! Imports started by a user in the browser: the permission per kind, checked again when the
//! server takes over an import whose run died (the user must still be allowed to).

use koppel_domain::permissions::Permission;

use super::plan::Plan;
use super::{run_plan, vum, ImportBy, ImportOptions, ImportReport, Progress};
use crate::{AppContext, AppError, Meta};

/// Imports rows of `kind` for a user of the UI: `employers`, `vacancies` or `candidates` from
/// CSV or XLSX, `vum-vacancies` or `vum-jobseekers` from a JSON array of VUM documents (with
/// `publish`: published, or offered to VUM). Candidates join the user's own organisation;
/// `progress` follows the job's start and every batch.
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
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<ImportReport, AppError> {
    let by = ImportBy {
        user_id: Some(actor.user_id()),
        org_id: Some(actor.org_id()),
        name: actor.audit_name(),
    };
    let mut plan = Plan::new(kind, file_name, &by, options);
    plan.publish = vum.publish;
    plan.employer_sector = vum.employer_sector.clone();
    plan.today = vum.today;
    plan.dry_run = options.dry_run || vum.dry_run;
    import_plan(ctx, actor, &by, meta, &plan, bytes, progress).await
}

/// Runs a plan for `actor` once the actor's role allows its kind.
pub(crate) async fn import_plan(
    ctx: &AppContext,
    actor: &crate::Actor,
    by: &ImportBy,
    meta: &Meta,
    plan: &Plan,
    bytes: &[u8],
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<ImportReport, AppError> {
    actor.require(match plan.kind.as_str() {
        "vacancies" | "vum-vacancies" => Permission::WriteVacancies,
        "candidates" | "vum-jobseekers" => Permission::WriteCandidates,
        _ => Permission::WriteEmployers,
    })?;
    run_plan(ctx, by, meta, plan, bytes, progress).await
}
