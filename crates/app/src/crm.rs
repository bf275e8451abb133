//! The employer relationship: contact moments and agreements, and one timeline of both.
//! A contact moment answers the employer's open contact requests (the 24-hour promise).

use chrono::{DateTime, NaiveDate, Utc};
use koppel_domain::codes::CodeList;
use koppel_domain::crm::{local_to_utc, AgreementStatus, ContactKind, PartnershipLevel};
use koppel_domain::permissions::Permission;
use koppel_domain::values::{date, local_datetime, optional_text, required_text};
use koppel_domain::FieldErrors;
use koppel_store::agreements::{self, Agreement, AgreementWrite};
use koppel_store::{contact_requests, employers, users, Tx};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::input::{opt, Text};
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

/// A contact moment with an employer.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactMomentInput {
    /// `visit`, `call`, `email`, `event` or `other`.
    #[schema(value_type = String, example = "call")]
    #[serde(default)]
    pub kind: Text,
    /// `strategic`, `tactical` or `operational`.
    #[schema(value_type = String, example = "operational")]
    #[serde(default)]
    pub level: Text,
    #[schema(value_type = String)]
    #[serde(default)]
    pub subject: Text,
    #[schema(value_type = Option<String>)]
    pub notes: Option<Text>,
    /// When it took place, Dutch time (`2025-03-31T14:30`); default now.
    #[schema(value_type = Option<String>, example = "2025-03-31T14:30")]
    pub occurred_at: Option<Text>,
}

/// An agreement (afspraak) with an employer.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AgreementInput {
    #[schema(value_type = String)]
    #[serde(default)]
    pub description: Text,
    /// Who keeps it (user id); default the person recording it.
    #[schema(value_type = Option<i64>)]
    pub owner_id: Option<Text>,
    #[schema(value_type = Option<String>, format = Date)]
    pub due_date: Option<Text>,
    /// `open`, `done` or `cancelled`; default `open`.
    #[schema(value_type = Option<String>)]
    pub status: Option<Text>,
}

impl AgreementInput {
    pub fn from_agreement(a: &Agreement) -> Self {
        Self {
            description: Text(a.description.clone()),
            owner_id: Some(Text(a.owner_id.to_string())),
            due_date: a.due_date.map(|d| Text(d.to_string())),
            status: Some(Text(a.status.clone())),
        }
    }
}

/// Records a contact moment; it answers the employer's open contact requests received before it.
pub async fn add_contact_moment(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    employer_id: i64,
    input: &ContactMomentInput,
) -> Result<i64, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let mut e = FieldErrors::new();
    let kind = e.check("kind", ContactKind::parse(input.kind.as_str()));
    let level = e.check("level", PartnershipLevel::parse(input.level.as_str()));
    let subject = e.check("subject", required_text(input.subject.as_str(), 200));
    let notes = e
        .check("notes", optional_text(opt(&input.notes), 5000))
        .flatten()
        .unwrap_or_default();
    let occurred_at = match opt(&input.occurred_at) {
        Some(s) => e.check("occurredAt", local_datetime(s)).map(local_to_utc),
        None => Some(Utc::now()),
    };
    if occurred_at.is_some_and(|t| t > Utc::now() + chrono::Duration::minutes(5)) {
        e.push(
            "occurredAt",
            "in_future",
            "Een contactmoment ligt niet in de toekomst; leg een afspraak vast voor later.",
        );
    }
    let (Some(kind), Some(level), Some(subject), Some(occurred_at)) =
        (kind, level, subject, occurred_at)
    else {
        return Err(AppError::Invalid(e));
    };
    e.into_result()?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    employers::get(&mut tx, employer_id).await?;
    let moment = employers::NewContactMoment {
        employer_id,
        user_id: actor.user_id(),
        kind: kind.code(),
        level: level.code(),
        subject: &subject,
        notes: &notes,
        occurred_at,
    };
    let id = employers::insert_contact_moment(&mut tx, &moment).await?;
    let answered =
        contact_requests::answer_open_for_employer(&mut tx, employer_id, id, occurred_at).await?;
    tx.audit("contact_moment.create", &format!("contact_moment:{id}"))
        .await?;
    for r in answered {
        tx.audit("contact_request.answer", &format!("contact_request:{r}"))
            .await?;
    }
    tx.commit().await?;
    Ok(id)
}

async fn validate_agreement(
    tx: &mut Tx,
    actor: &Actor,
    input: &AgreementInput,
) -> Result<AgreementWrite, AppError> {
    let mut e = FieldErrors::new();
    let description = e.check(
        "description",
        required_text(input.description.as_str(), 500),
    );
    let owner_id = match opt(&input.owner_id) {
        None => Some(actor.user_id()),
        Some(s) => match s.parse::<i64>() {
            Ok(id) if users::get(tx, id).await.is_ok_and(|u| u.active) => Some(id),
            _ => {
                e.push("ownerId", "unknown_user", "Kies een actieve medewerker.");
                None
            }
        },
    };
    let due_date = opt(&input.due_date).and_then(|s| e.check("dueDate", date(s)));
    let status = match opt(&input.status) {
        None => Some(AgreementStatus::Open),
        Some(s) => e.check("status", AgreementStatus::parse(s)),
    };
    let (Some(description), Some(owner_id), Some(status)) = (description, owner_id, status) else {
        return Err(AppError::Invalid(e));
    };
    e.into_result()?;
    Ok(AgreementWrite {
        description,
        owner_id,
        due_date,
        status: status.code().to_string(),
    })
}

pub async fn add_agreement(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    employer_id: i64,
    input: &AgreementInput,
) -> Result<Agreement, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    employers::get(&mut tx, employer_id).await?;
    let w = validate_agreement(&mut tx, actor, input).await?;
    let id = agreements::insert(&mut tx, employer_id, actor.user_id(), &w).await?;
    tx.audit("agreement.create", &format!("agreement:{id}"))
        .await?;
    let a = agreements::get(&mut tx, id).await?;
    tx.commit().await?;
    Ok(a)
}

pub async fn get_agreement(
    ctx: &AppContext,
    actor: &Actor,
    id: i64,
) -> Result<Agreement, AppError> {
    actor.require(Permission::ReadContactPersons)?;
    let mut tx = ctx.store.begin().await?;
    let a = agreements::get(&mut tx, id).await?;
    tx.commit().await?;
    Ok(a)
}

pub async fn update_agreement(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
    version: i64,
    input: &AgreementInput,
) -> Result<Agreement, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    agreements::get(&mut tx, id).await?;
    let w = validate_agreement(&mut tx, actor, input).await?;
    agreements::update(&mut tx, id, version, &w).await?;
    tx.audit("agreement.update", &format!("agreement:{id}"))
        .await?;
    let a = agreements::get(&mut tx, id).await?;
    tx.commit().await?;
    Ok(a)
}

/// One entry of an employer's timeline.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    /// `contact_moment`, `agreement`, `contact_request`, `account_holder`, `placement` or
    /// `aftercare` (the last two only for candidates in the reader's scope).
    pub entry_type: String,
    pub id: i64,
    /// The kind of contact, the agreement's status, or the request's source.
    pub kind: String,
    pub level: Option<String>,
    pub title: String,
    pub detail: String,
    pub by: Option<String>,
    pub due_date: Option<NaiveDate>,
}

/// Every contact moment, agreement and contact request of an employer, and the placements and
/// after-care of candidates the reader may see, newest first.
pub async fn timeline(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    employer_id: i64,
) -> Result<Vec<TimelineEntry>, AppError> {
    actor.require(Permission::ReadContactPersons)?;
    // Read beside other readers; the candidates shown are logged after, in a short write of
    // their own, and nothing is shown unless that is written.
    let mut tx = ctx.store.read().await?;
    employers::get(&mut tx, employer_id).await?;
    let mut out: Vec<TimelineEntry> = employers::contact_moments(&mut tx, employer_id, 1000)
        .await?
        .into_iter()
        .map(|m| TimelineEntry {
            at: m.occurred_at,
            entry_type: "contact_moment".into(),
            id: m.id,
            kind: m.kind,
            level: Some(m.level),
            title: m.subject,
            detail: m.notes,
            by: Some(m.user_name),
            due_date: None,
        })
        .collect();
    for a in agreements::for_employer(&mut tx, employer_id).await? {
        out.push(TimelineEntry {
            at: a.created_at,
            entry_type: "agreement".into(),
            id: a.id,
            kind: a.status,
            level: None,
            title: a.description,
            detail: String::new(),
            by: Some(a.owner_name),
            due_date: a.due_date,
        });
    }
    let filter = contact_requests::RequestFilter {
        employer_id: Some(employer_id),
        ..Default::default()
    };
    for r in contact_requests::list(&mut tx, filter, 1000).await? {
        out.push(TimelineEntry {
            at: r.received_at,
            entry_type: "contact_request".into(),
            id: r.id,
            kind: r.source,
            level: None,
            title: format!("Contactverzoek van {}", r.contact_name),
            detail: r.message,
            by: None,
            due_date: None,
        });
    }
    for h in employers::holder_changes(&mut tx, employer_id).await? {
        let title = match (&h.old_holder_name, &h.new_holder_name) {
            (None, Some(n)) => format!("Accounthouder: {n}"),
            (Some(o), Some(n)) => format!("Accounthouder gewijzigd van {o} naar {n}"),
            (Some(o), None) => format!("Accounthouder {o} losgekoppeld"),
            (None, None) => "Accounthouder gewijzigd".to_string(),
        };
        out.push(TimelineEntry {
            at: h.changed_at,
            entry_type: "account_holder".into(),
            id: h.id,
            kind: "change".into(),
            level: None,
            title,
            detail: String::new(),
            by: h.changed_by_name,
            due_date: None,
        });
    }
    let (placed, shown) = placements_on_timeline(&mut tx, actor, employer_id).await?;
    out.extend(placed);
    tx.commit().await?;
    crate::logging::shown_after_read(ctx, actor, meta, "employer.timeline", shown).await?;
    out.sort_by(|a, b| b.at.cmp(&a.at).then(b.id.cmp(&a.id)));
    Ok(out)
}

/// Placements at the employer of candidates in the actor's scope, and their after-care contacts
/// (done, or planned), with the candidates shown (for the processing log).
async fn placements_on_timeline(
    tx: &mut Tx,
    actor: &Actor,
    employer_id: i64,
) -> Result<(Vec<TimelineEntry>, Vec<i64>), AppError> {
    if !actor.can(Permission::ReadCandidates) {
        return Ok((Vec::new(), Vec::new()));
    }
    let scope = actor.candidate_scope();
    let placed = koppel_store::placements::list(tx, scope, None, Some(employer_id)).await?;
    let morning = |d: NaiveDate| {
        d.and_hms_opt(9, 0, 0)
            .map(|t| t.and_utc())
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for p in &placed {
        out.push(TimelineEntry {
            at: morning(p.start_date),
            entry_type: "placement".into(),
            id: p.id,
            kind: p.contract_type.clone(),
            level: None,
            title: format!("Plaatsing van {}", p.candidate_name),
            detail: format!("{} uur per week", p.hours_per_week),
            by: None,
            due_date: None,
        });
        for t in koppel_store::aftercare::for_placement(tx, scope, p.id).await? {
            let done = t.done_at.is_some();
            out.push(TimelineEntry {
                at: t.done_at.unwrap_or_else(|| morning(t.due_date)),
                entry_type: "aftercare".into(),
                id: t.id,
                kind: t.kind,
                level: None,
                title: format!(
                    "Nazorg {} {}",
                    if done { "bij" } else { "gepland voor" },
                    p.candidate_name
                ),
                detail: t.notes,
                by: t.assignee_name,
                due_date: (!done).then_some(t.due_date),
            });
        }
    }
    Ok((out, placed.iter().map(|p| p.candidate_id).collect()))
}
