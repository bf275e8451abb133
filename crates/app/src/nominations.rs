//! Nominations and placements as seen from a vacancy or a candidate, within the actor's scope.

use koppel_domain::permissions::Permission;
use koppel_store::nominations::{self as store, Nomination, Placement};

use crate::{Actor, AppContext, AppError};

/// Nominations for a vacancy, showing only candidates the actor may see.
pub async fn for_vacancy(
    ctx: &AppContext,
    actor: &Actor,
    vacancy_id: i64,
) -> Result<Vec<Nomination>, AppError> {
    if !actor.can(Permission::ReadCandidates) {
        return Ok(Vec::new());
    }
    let mut tx = ctx.store.begin().await?;
    let list = store::list(&mut tx, actor.candidate_scope(), Some(vacancy_id), None).await?;
    tx.commit().await?;
    Ok(list)
}

/// A candidate's nominations and placements (the caller has already read the candidate in scope).
pub async fn for_candidate(
    ctx: &AppContext,
    actor: &Actor,
    candidate_id: i64,
) -> Result<(Vec<Nomination>, Vec<Placement>), AppError> {
    actor.require(Permission::ReadCandidates)?;
    let mut tx = ctx.store.begin().await?;
    let scope = actor.candidate_scope();
    let n = store::list(&mut tx, scope, None, Some(candidate_id)).await?;
    let p = store::placements(&mut tx, scope, Some(candidate_id), None).await?;
    tx.commit().await?;
    Ok((n, p))
}
