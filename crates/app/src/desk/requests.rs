//! Residents' requests through the public form: an appointment at a walk-in hour or a call back,
//! with their question. Guarded like the employers' contact form; a gids handles them.

use chrono::{Duration, Utc};
use koppel_domain::codes::CodeList;
use koppel_domain::desk::{Question, RequestKind};
use koppel_domain::permissions::Permission;
use koppel_domain::values::{required_text, Email, Phone};
use koppel_domain::FieldErrors;
use koppel_store::desk as locations;
use koppel_store::desk_requests::{self as store, DeskRequest, NewDeskRequest};
use serde::{Deserialize, Serialize};

use crate::input::{opt, Text};
use crate::logging::{activity, audit};
use crate::op::Op;
use crate::public_form::{admit, FormGuard};
use crate::{Actor, AppContext, AppError, Meta};

/// What the public action is called in the audit log (the rate limit counts it).
const PUBLIC: &str = "desk_request.public";

/// A resident's request as the public form sends it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeskRequestInput {
    #[serde(default)]
    pub kind: Text,
    #[serde(default)]
    pub name: Text,
    pub phone: Option<Text>,
    pub email: Option<Text>,
    #[serde(default)]
    pub question: Text,
    pub location_id: Option<Text>,
    #[serde(default)]
    pub message: Text,
}

fn validate(input: &DeskRequestInput) -> Result<NewDeskRequest, AppError> {
    let mut e = FieldErrors::new();
    let kind = e.check("kind", RequestKind::parse(input.kind.as_str()));
    let name = e.check("name", required_text(input.name.as_str(), 200));
    let phone = opt(&input.phone)
        .and_then(|s| e.check("phone", Phone::parse(s)))
        .map(Phone::into_string);
    let email = opt(&input.email)
        .and_then(|s| e.check("email", Email::parse(s)))
        .map(Email::into_string);
    if opt(&input.phone).is_none() && opt(&input.email).is_none() {
        e.push(
            "phone",
            "required",
            "Vul een telefoonnummer of e-mailadres in, zodat we contact kunnen opnemen.",
        );
    }
    let question = e.check("question", Question::parse(input.question.as_str()));
    let location_id = opt(&input.location_id).and_then(|s| s.parse::<i64>().ok());
    if opt(&input.location_id).is_some() && location_id.is_none() {
        e.push(
            "locationId",
            "unknown_location",
            "Kies een locatie uit de lijst.",
        );
    }
    let message = e.check("message", required_text(input.message.as_str(), 2000));
    let (Some(kind), Some(name), Some(question), Some(message)) = (kind, name, question, message)
    else {
        return Err(AppError::Invalid(e));
    };
    e.into_result()?;
    Ok(NewDeskRequest {
        kind: kind.code(),
        name,
        phone,
        email,
        question: question.code(),
        location_id,
        message,
        received_at: Utc::now(),
    })
}

/// The public form: no account, but robots and floods are refused.
pub async fn create_public(
    ctx: &AppContext,
    meta: &Meta,
    input: &DeskRequestInput,
    guard: &FormGuard,
) -> Result<i64, AppError> {
    admit(ctx, meta, Some(guard), PUBLIC).await?;
    let new = validate(input)?;
    let mut tx = ctx.store.begin().await?;
    if let Some(l) = new.location_id {
        if !locations::location(&mut tx, l)
            .await
            .is_ok_and(|l| l.active)
        {
            let mut e = FieldErrors::new();
            e.push(
                "locationId",
                "unknown_location",
                "Kies een locatie uit de lijst.",
            );
            return Err(AppError::Invalid(e));
        }
    }
    let id = store::insert(&mut tx, &new).await?;
    audit(
        &mut tx,
        "public",
        PUBLIC,
        &format!("desk_request:{id}"),
        "success",
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The requests waiting for a gids, and those handled in the last two weeks.
pub async fn list(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
) -> Result<Vec<DeskRequest>, AppError> {
    actor.require(Permission::RecordConversations)?;
    let mut op = Op::begin(ctx, actor, meta).await?;
    let list = store::list(&mut op, Utc::now() - Duration::days(14)).await?;
    let subjects = list
        .iter()
        .map(|r| format!("desk_request:{}", r.id))
        .collect();
    op.processed_each("desk_request.list", activity::DESK, subjects)
        .await?;
    op.commit().await?;
    Ok(list)
}

pub async fn get(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
) -> Result<DeskRequest, AppError> {
    actor.require(Permission::RecordConversations)?;
    let mut op = Op::begin(ctx, actor, meta).await?;
    let r = store::get(&mut op, id).await?;
    op.processed(
        "desk_request.read",
        activity::DESK,
        &format!("desk_request:{id}"),
    )
    .await?;
    op.commit().await?;
    Ok(r)
}

/// A gids records that they made the appointment or called back.
pub async fn handle(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
    version: i64,
) -> Result<(), AppError> {
    actor.require(Permission::RecordConversations)?;
    let mut op = Op::begin(ctx, actor, meta).await?;
    let r = store::get(&mut op, id).await?;
    if r.handled_at.is_some() {
        return Err(AppError::Conflict("Dit verzoek is al afgehandeld.".into()));
    }
    store::handle(&mut op, id, version, actor.user_id(), Utc::now()).await?;
    op.audit("desk_request.handle", &format!("desk_request:{id}"))
        .await?;
    op.commit().await
}
