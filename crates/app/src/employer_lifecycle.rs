//! The end of an employer record: archiving it (or bringing it back) and merging a duplicate into
//! it. Employers with history are never deleted.

use koppel_domain::permissions::Permission;
use koppel_domain::FieldErrors;
use koppel_store::employers::{self as store, Employer};

use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

/// Archives an employer (or brings it back); employers with history are never deleted.
pub async fn set_archived(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
    version: i64,
    archived: bool,
) -> Result<Employer, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    store::set_archived(&mut tx, id, version, archived).await?;
    let action = if archived {
        "employer.archive"
    } else {
        "employer.restore"
    };
    tx.audit(action, &format!("employer:{id}")).await?;
    let e = store::get(&mut tx, id).await?;
    tx.commit().await?;
    Ok(e)
}

/// Merges `source` into `target`: every establishment, contact person, contact moment, agreement,
/// contact request, vacancy and placement moves over; `source` is archived and points at `target`.
pub async fn merge(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    target: i64,
    target_version: i64,
    source: i64,
) -> Result<Employer, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let t = store::get(&mut tx, target).await?;
    let mut e = FieldErrors::new();
    let s = store::get(&mut tx, source).await.ok();
    match &s {
        None => e.push(
            "sourceId",
            "unknown_employer",
            "Kies een bestaande werkgever om samen te voegen.",
        ),
        Some(s) if s.id == t.id => e.push(
            "sourceId",
            "same_employer",
            "Een werkgever kan niet met zichzelf worden samengevoegd.",
        ),
        Some(s) if s.archived => e.push(
            "sourceId",
            "archived",
            "Deze werkgever is gearchiveerd of al samengevoegd.",
        ),
        _ => {}
    }
    if t.archived {
        e.push(
            "sourceId",
            "archived",
            "Voeg samen in een werkgever die niet gearchiveerd is.",
        );
    }
    e.into_result()?;
    if t.version != target_version {
        return Err(AppError::StaleVersion);
    }
    store::merge(&mut tx, source, target).await?;
    tx.audit(
        "employer.merge",
        &format!("employer:{source}->employer:{target}"),
    )
    .await?;
    let merged = store::get(&mut tx, target).await?;
    tx.commit().await?;
    Ok(merged)
}
