//! Contact requests and the 24-hour promise: every request gets a deadline (by the configured clock
//! rule); the first contact moment with the employer closes it and records the response time;
//! an overdue request can be escalated to a manager. Employers can send one through a public form.

use chrono::{DateTime, Duration, Utc};
use koppel_domain::codes::CodeList;
use koppel_domain::crm::{response_deadline, RequestSource, RESPONSE_HOURS};
use koppel_domain::permissions::Permission;
use koppel_domain::values::{required_text, Email, Phone};
use koppel_domain::FieldErrors;
use koppel_store::contact_requests::{
    self as store, ContactRequest, NewContactRequest, RequestFilter,
};
use koppel_store::{employers, users};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::input::{opt, Text};
use crate::logging::audit;
use crate::mail::messages as mail;
use crate::op::Op;
use crate::public_form::admit;
pub use crate::public_form::{form_token, FormGuard};
use crate::{Actor, AppContext, AppError, Meta};

/// A request for contact from an employer.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactRequestInput {
    /// The employer record, when known (staff and API).
    #[schema(value_type = Option<i64>)]
    pub employer_id: Option<Text>,
    #[schema(value_type = String)]
    #[serde(default)]
    pub company_name: Text,
    #[schema(value_type = String)]
    #[serde(default)]
    pub contact_name: Text,
    #[schema(value_type = Option<String>)]
    pub email: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub phone: Option<Text>,
    #[schema(value_type = String)]
    #[serde(default)]
    pub message: Text,
}

struct Valid {
    company_name: String,
    contact_name: String,
    email: Option<String>,
    phone: Option<String>,
    message: String,
}

fn validate(input: &ContactRequestInput) -> Result<Valid, FieldErrors> {
    let mut e = FieldErrors::new();
    let company = e.check(
        "companyName",
        required_text(input.company_name.as_str(), 200),
    );
    let contact = e.check(
        "contactName",
        required_text(input.contact_name.as_str(), 200),
    );
    let email = opt(&input.email)
        .and_then(|s| e.check("email", Email::parse(s)))
        .map(Email::into_string);
    let phone = opt(&input.phone)
        .and_then(|s| e.check("phone", Phone::parse(s)))
        .map(Phone::into_string);
    if opt(&input.email).is_none() && opt(&input.phone).is_none() {
        e.push(
            "email",
            "required",
            "Vul een e-mailadres of telefoonnummer in, zodat we contact kunnen opnemen.",
        );
    }
    let message = e.check("message", required_text(input.message.as_str(), 2000));
    let (Some(company_name), Some(contact_name), Some(message)) = (company, contact, message)
    else {
        return Err(e);
    };
    e.into_result()?;
    Ok(Valid {
        company_name,
        contact_name,
        email,
        phone,
        message,
    })
}

fn new_request(
    ctx: &AppContext,
    v: Valid,
    employer_id: Option<i64>,
    assigned_to: Option<i64>,
    source: RequestSource,
) -> NewContactRequest {
    let received_at = Utc::now();
    NewContactRequest {
        employer_id,
        company_name: v.company_name,
        contact_name: v.contact_name,
        email: v.email,
        phone: v.phone,
        message: v.message,
        source: source.code(),
        assigned_to,
        received_at,
        deadline_at: response_deadline(received_at, RESPONSE_HOURS, ctx.settings.clock_rule),
    }
}

/// Records a request on behalf of an employer (staff in the UI, or a partner system through the API).
pub async fn create(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    input: &ContactRequestInput,
    source: RequestSource,
) -> Result<ContactRequest, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let valid = validate(input);
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let mut e = valid.as_ref().err().cloned().unwrap_or_default();
    let employer = match opt(&input.employer_id) {
        None => None,
        Some(s) => match s.parse::<i64>() {
            Ok(id) => employers::get(&mut tx, id).await.ok(),
            Err(_) => None,
        }
        .or_else(|| {
            e.push(
                "employerId",
                "unknown_employer",
                "Kies een bestaande werkgever.",
            );
            None
        }),
    };
    e.clone().into_result()?;
    let Ok(v) = valid else {
        return Err(AppError::Invalid(e));
    };
    // The account holder answers; without one, the person who took the request.
    let assigned = employer
        .as_ref()
        .and_then(|emp| emp.account_holder_id)
        .or(Some(actor.user_id()));
    let id = store::insert(
        &mut tx,
        &new_request(ctx, v, employer.map(|emp| emp.id), assigned, source),
    )
    .await?;
    tx.audit("contact_request.create", &format!("contact_request:{id}"))
        .await?;
    let r = store::get(&mut tx, id).await?;
    mail::contact_receipt(&mut tx, ctx, &r).await?;
    if r.assigned_to != Some(actor.user_id()) {
        mail::handover(&mut tx, ctx, &r, actor.name(), "").await?;
    }
    tx.commit().await?;
    Ok(r)
}

/// The public contact form and the public API: no account, but robots and floods are refused.
/// `guard` is `None` for the public API (no form to check), which still has the rate limit.
pub async fn create_public(
    ctx: &AppContext,
    meta: &Meta,
    input: &ContactRequestInput,
    guard: Option<&FormGuard>,
) -> Result<i64, AppError> {
    admit(ctx, meta, guard, "contact_request.public").await?;
    let v = validate(input).map_err(AppError::Invalid)?;
    let mut tx = ctx.store.begin().await?;
    let id = store::insert(
        &mut tx,
        &new_request(
            ctx,
            v,
            None,
            None,
            if guard.is_some() {
                RequestSource::PublicForm
            } else {
                RequestSource::Api
            },
        ),
    )
    .await?;
    audit(
        &mut tx,
        "public",
        "contact_request.public",
        &format!("contact_request:{id}"),
        "success",
        meta,
    )
    .await?;
    let r = store::get(&mut tx, id).await?;
    mail::contact_receipt(&mut tx, ctx, &r).await?;
    tx.commit().await?;
    Ok(id)
}

/// Requests for the list page: open ones by deadline, or all, newest first.
pub async fn list(
    ctx: &AppContext,
    actor: &Actor,
    open_only: bool,
) -> Result<Vec<ContactRequest>, AppError> {
    actor.require(Permission::ReadContactPersons)?;
    let mut tx = ctx.store.begin().await?;
    let list = store::list(
        &mut tx,
        RequestFilter {
            open_only,
            ..Default::default()
        },
        500,
    )
    .await?;
    tx.commit().await?;
    Ok(list)
}

pub async fn get(ctx: &AppContext, actor: &Actor, id: i64) -> Result<ContactRequest, AppError> {
    actor.require(Permission::ReadContactPersons)?;
    let mut tx = ctx.store.begin().await?;
    let r = store::get(&mut tx, id).await?;
    tx.commit().await?;
    Ok(r)
}

/// Links a request (from the public form) to an employer record; its account holder becomes responsible.
pub async fn link_employer(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
    version: i64,
    employer_id: i64,
) -> Result<ContactRequest, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    store::get(&mut tx, id).await?;
    let Ok(employer) = employers::get(&mut tx, employer_id).await else {
        let mut e = FieldErrors::new();
        e.push(
            "employerId",
            "unknown_employer",
            "Kies een bestaande werkgever.",
        );
        return Err(AppError::Invalid(e));
    };
    store::link_employer(
        &mut tx,
        id,
        version,
        employer.id,
        employer.account_holder_id.or(Some(actor.user_id())),
    )
    .await?;
    tx.audit("contact_request.link", &format!("contact_request:{id}"))
        .await?;
    let r = store::get(&mut tx, id).await?;
    if r.assigned_to != Some(actor.user_id()) {
        mail::handover(&mut tx, ctx, &r, actor.name(), "").await?;
    }
    tx.commit().await?;
    Ok(r)
}

/// Escalates, by itself, every open request that is `settings.escalate_after_minutes` past its
/// deadline without an answer, to a manager of the organisation of the adviser it was assigned to
/// (or any manager). Returns how many were escalated. Run every few minutes by `koppel serve`;
/// two nodes running it at once escalate each request once (the version check).
pub async fn escalate_late(
    ctx: &AppContext,
    now: DateTime<Utc>,
    meta: &Meta,
) -> Result<usize, AppError> {
    let before = now - Duration::minutes(ctx.settings.escalate_after_minutes);
    let mut tx = ctx.store.begin().await?;
    let late = store::late_unescalated(&mut tx, before).await?;
    let managers = users::list_with_roles(&mut tx, &["manager"]).await?;
    let holders = users::list(&mut tx).await?;
    let mut done = 0;
    for r in late {
        let org = r
            .assigned_to
            .and_then(|u| holders.iter().find(|h| h.id == u))
            .map(|h| h.org_id);
        let Some(manager) = managers
            .iter()
            .find(|m| Some(m.org_id) == org)
            .or(managers.first())
        else {
            break;
        };
        match store::escalate(&mut tx, r.id, r.version, manager.id).await {
            Ok(()) => {}
            Err(koppel_store::StoreError::StaleVersion) => continue,
            Err(e) => return Err(e.into()),
        }
        audit(
            &mut tx,
            "koppel",
            "contact_request.escalate_late",
            &format!("contact_request:{}", r.id),
            "success",
            meta,
        )
        .await?;
        mail::escalation(&mut tx, ctx, &r, manager.id).await?;
        done += 1;
    }
    tx.commit().await?;
    Ok(done)
}

/// Escalates an open request to a manager of the actor's organisation.
pub async fn escalate(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
    version: i64,
) -> Result<ContactRequest, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let r = store::get(&mut tx, id).await?;
    let mut e = FieldErrors::new();
    if r.answered_at.is_some() {
        e.push("id", "already_answered", "Dit verzoek is al beantwoord.");
        return Err(AppError::Invalid(e));
    }
    let managers = users::list_with_roles(&mut tx, &["manager"]).await?;
    let Some(manager) = managers
        .iter()
        .find(|m| m.org_id == actor.org_id())
        .or(managers.first())
    else {
        e.push(
            "id",
            "no_manager",
            "Er is geen manager om naar te escaleren.",
        );
        return Err(AppError::Invalid(e));
    };
    store::escalate(&mut tx, id, version, manager.id).await?;
    tx.audit("contact_request.escalate", &format!("contact_request:{id}"))
        .await?;
    let r = store::get(&mut tx, id).await?;
    mail::escalation(&mut tx, ctx, &r, manager.id).await?;
    tx.commit().await?;
    Ok(r)
}

/// Minutes left before the deadline (negative when overdue).
pub fn minutes_left(r: &ContactRequest, now: DateTime<Utc>) -> i64 {
    (r.deadline_at - now).num_minutes()
}
