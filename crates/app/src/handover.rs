//! A warm handover: an adviser hands a contact request to a named colleague with a note. The
//! request moves to the colleague's worklist, the note shows on the request, and the colleague
//! gets an e-mail (unless they turned handovers off).

use koppel_domain::codes::{CodeList, Role};
use koppel_domain::permissions::Permission;
use koppel_domain::values::optional_text;
use koppel_domain::FieldErrors;
use koppel_store::contact_requests::{self as store, ContactRequest};
use koppel_store::users;

use crate::mail::messages as mail;
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

/// Who a request can be handed to: active staff who may work on employers, by name.
pub async fn receivers(ctx: &AppContext, actor: &Actor) -> Result<Vec<users::User>, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let roles: Vec<&str> = Role::ALL
        .iter()
        .filter(|r| r.can(Permission::WriteEmployers))
        .map(|r| r.code())
        .collect();
    let mut tx = ctx.store.begin().await?;
    let list = users::list_with_roles(&mut tx, &roles).await?;
    tx.commit().await?;
    Ok(list
        .into_iter()
        .filter(|u| u.id != actor.user_id())
        .collect())
}

/// Hands request `id` (at `version`) to user `to`, with `note` (at most 1,000 characters).
pub async fn hand_over(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
    version: i64,
    to: i64,
    note: &str,
) -> Result<ContactRequest, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let mut e = FieldErrors::new();
    let note = e
        .check("note", optional_text(Some(note), 1000))
        .flatten()
        .unwrap_or_default();
    let valid = receivers(ctx, actor).await?;
    if !valid.iter().any(|u| u.id == to) {
        e.push("to", "unknown_user", "Kies een collega uit de lijst.");
    }
    e.into_result()?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let before = store::get(&mut tx, id).await?;
    if before.answered_at.is_some() {
        let mut e = FieldErrors::new();
        e.push("to", "already_answered", "Dit verzoek is al beantwoord.");
        return Err(AppError::Invalid(e));
    }
    store::hand_over(&mut tx, id, version, to, &note).await?;
    tx.audit(
        "contact_request.hand_over",
        &format!("contact_request:{id}"),
    )
    .await?;
    let r = store::get(&mut tx, id).await?;
    mail::handover(&mut tx, ctx, &r, actor.name(), &note).await?;
    tx.commit().await?;
    Ok(r)
}
