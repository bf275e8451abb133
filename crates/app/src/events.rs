//! Events: plan them, invite employers and candidates, record who came and what came of it.

use koppel_domain::codes::{Cluster, CodeList};
use koppel_domain::crm::{AttendanceStatus, EventKind};
use koppel_domain::permissions::Permission;
use koppel_domain::values::{date, optional_text, required_text};
use koppel_domain::FieldErrors;
use koppel_store::events::{self as store, Event, EventResult, EventWrite, Participant};
use koppel_store::{candidates, employers, placements, vacancies};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::input::{opt, Text};
use crate::logging::activity;
use crate::nominations::subject;
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EventInput {
    #[schema(value_type = String)]
    #[serde(default)]
    pub title: Text,
    /// See `eventKinds` in `/code-lists`.
    #[schema(value_type = String, example = "employer_meeting")]
    #[serde(default)]
    pub kind: Text,
    #[schema(value_type = String, format = Date)]
    #[serde(default)]
    pub event_date: Text,
    #[schema(value_type = Option<String>)]
    pub place: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub cluster: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub description: Option<Text>,
    /// What came of it, in words.
    #[schema(value_type = Option<String>)]
    pub outcome_notes: Option<Text>,
}

impl EventInput {
    pub fn from_event(e: &Event) -> Self {
        Self {
            title: Text(e.title.clone()),
            kind: Text(e.kind.clone()),
            event_date: Text(e.event_date.to_string()),
            place: Some(Text(e.place.clone())),
            cluster: e.cluster.clone().map(Text),
            description: Some(Text(e.description.clone())),
            outcome_notes: Some(Text(e.outcome_notes.clone())),
        }
    }
}

fn validate(input: &EventInput) -> Result<EventWrite, AppError> {
    let mut e = FieldErrors::new();
    let title = e.check("title", required_text(input.title.as_str(), 200));
    let kind = e.check("kind", EventKind::parse(input.kind.as_str()));
    let event_date = e.check("eventDate", date(input.event_date.as_str()));
    let place = e
        .check("place", optional_text(opt(&input.place), 200))
        .flatten()
        .unwrap_or_default();
    let cluster = opt(&input.cluster)
        .and_then(|c| e.check("cluster", Cluster::parse(c)))
        .map(|c| c.code().to_string());
    let description = e
        .check("description", optional_text(opt(&input.description), 5000))
        .flatten()
        .unwrap_or_default();
    let outcome_notes = e
        .check(
            "outcomeNotes",
            optional_text(opt(&input.outcome_notes), 5000),
        )
        .flatten()
        .unwrap_or_default();
    let (Some(title), Some(kind), Some(event_date)) = (title, kind, event_date) else {
        return Err(AppError::Invalid(e));
    };
    e.into_result()?;
    Ok(EventWrite {
        title,
        kind: kind.code().into(),
        event_date,
        place,
        cluster,
        description,
        outcome_notes,
    })
}

pub async fn list(ctx: &AppContext, actor: &Actor) -> Result<Vec<Event>, AppError> {
    actor.require(Permission::ReadAggregates)?;
    let mut tx = ctx.store.begin().await?;
    let list = store::list(&mut tx, 500).await?;
    tx.commit().await?;
    Ok(list)
}

/// An event with its participants (candidates only within the actor's scope) and results.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EventDetail {
    #[serde(flatten)]
    pub event: Event,
    pub participants: Vec<Participant>,
    pub results: Vec<EventResult>,
}

pub async fn get(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
) -> Result<EventDetail, AppError> {
    actor.require(Permission::ReadAggregates)?;
    let mut tx = ctx.store.begin().await?;
    let event = store::get(&mut tx, id).await?;
    // Partners see the event and its figures, never who came.
    let participants = if actor.can(Permission::ReadContactPersons) {
        store::participants(&mut tx, actor.candidate_scope(), id).await?
    } else {
        Vec::new()
    };
    let results = store::results(&mut tx, id).await?;
    crate::logging::shown(
        &mut tx,
        ctx,
        actor,
        meta,
        "event.participants",
        participants.iter().filter_map(|p| p.candidate_id),
    )
    .await?;
    tx.commit().await?;
    Ok(EventDetail {
        event,
        participants,
        results,
    })
}

pub async fn create(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    input: &EventInput,
) -> Result<Event, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let w = validate(input)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let id = store::insert(&mut tx, &w, actor.user_id()).await?;
    tx.audit("event.create", &format!("event:{id}")).await?;
    let e = store::get(&mut tx, id).await?;
    tx.commit().await?;
    Ok(e)
}

pub async fn update(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
    version: i64,
    input: &EventInput,
) -> Result<Event, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let w = validate(input)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    store::update(&mut tx, id, version, &w).await?;
    tx.audit("event.update", &format!("event:{id}")).await?;
    let e = store::get(&mut tx, id).await?;
    tx.commit().await?;
    Ok(e)
}

/// Invite an employer or a candidate (one of the two).
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantInput {
    #[schema(value_type = Option<i64>)]
    pub employer_id: Option<Text>,
    #[schema(value_type = Option<i64>)]
    pub candidate_id: Option<Text>,
    /// `invited` (default), `attended` or `absent`.
    #[schema(value_type = Option<String>)]
    pub status: Option<Text>,
}

pub async fn add_participant(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    event_id: i64,
    input: &ParticipantInput,
) -> Result<i64, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let mut e = FieldErrors::new();
    let status = match opt(&input.status) {
        None => Some(AttendanceStatus::Invited),
        Some(s) => e.check("status", AttendanceStatus::parse(s)),
    };
    let mut tx = Op::begin(ctx, actor, meta).await?;
    store::get(&mut tx, event_id).await?;
    let employer = match opt(&input.employer_id).map(str::parse::<i64>) {
        None => None,
        Some(Ok(id)) if employers::get(&mut tx, id).await.is_ok() => Some(id),
        Some(_) => {
            e.push(
                "employerId",
                "unknown_employer",
                "Deze werkgever bestaat niet.",
            );
            None
        }
    };
    let candidate = match opt(&input.candidate_id).map(str::parse::<i64>) {
        None => None,
        Some(Ok(id)) => match candidates::get_visible(&mut tx, actor.candidate_scope(), id).await {
            Ok((c, seen)) => Some((seen, c.org_id)),
            Err(_) => {
                e.push(
                    "candidateId",
                    "unknown_candidate",
                    "Deze kandidaat bestaat niet of is niet voor u zichtbaar.",
                );
                None
            }
        },
        Some(Err(_)) => {
            e.push(
                "candidateId",
                "unknown_candidate",
                "Deze kandidaat bestaat niet of is niet voor u zichtbaar.",
            );
            None
        }
    };
    if employer.is_none() && candidate.is_none() && e.is_empty() {
        e.push(
            "employerId",
            "required",
            "Kies een werkgever of een kandidaat.",
        );
    }
    let Some(status) = status else {
        return Err(AppError::Invalid(e));
    };
    e.into_result()?;
    let id = store::add_participant(&mut tx, event_id, employer, candidate, status.code()).await?;
    if let Some((cid, _)) = candidate {
        tx.processed("event.invite", activity::MEDIATION, &subject(cid.id()))
            .await?;
    }
    tx.audit("event.participant", &format!("event:{event_id}"))
        .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn set_attendance(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    participant_id: i64,
    version: i64,
    status: &str,
) -> Result<i64, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let status =
        AttendanceStatus::parse(status).map_err(|e| crate::employers::invalid("status", e))?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let (p, row) =
        store::participant_visible(&mut tx, actor.candidate_scope(), participant_id).await?;
    store::set_attendance(&mut tx, row, version, status.code()).await?;
    tx.audit("event.attendance", &format!("event:{}", p.event_id))
        .await?;
    tx.commit().await?;
    Ok(p.event_id)
}

/// What came of an event: a vacancy, a placement or a contact moment.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ResultInput {
    #[schema(value_type = Option<i64>)]
    pub vacancy_id: Option<Text>,
    #[schema(value_type = Option<i64>)]
    pub placement_id: Option<Text>,
    /// A contact moment with an employer that came from the event.
    #[schema(value_type = Option<i64>)]
    pub contact_moment_id: Option<Text>,
}

pub async fn add_result(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    event_id: i64,
    input: &ResultInput,
) -> Result<i64, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let mut e = FieldErrors::new();
    let mut tx = Op::begin(ctx, actor, meta).await?;
    store::get(&mut tx, event_id).await?;
    let vacancy = match opt(&input.vacancy_id).map(str::parse::<i64>) {
        None => None,
        Some(Ok(id)) if vacancies::get(&mut tx, id).await.is_ok() => Some(id),
        Some(_) => {
            e.push(
                "vacancyId",
                "unknown_vacancy",
                "Deze vacature bestaat niet.",
            );
            None
        }
    };
    let placement = match opt(&input.placement_id).map(str::parse::<i64>) {
        None => None,
        Some(Ok(id))
            if placements::get(&mut tx, actor.candidate_scope(), id)
                .await
                .is_ok() =>
        {
            Some(id)
        }
        Some(_) => {
            e.push(
                "placementId",
                "unknown_placement",
                "Deze plaatsing bestaat niet of is niet voor u zichtbaar.",
            );
            None
        }
    };
    let contact = match opt(&input.contact_moment_id).map(str::parse::<i64>) {
        None => None,
        Some(Ok(id))
            if koppel_store::employer_parts::contact_moment_exists(&mut tx, id).await? =>
        {
            Some(id)
        }
        Some(_) => {
            e.push(
                "contactMomentId",
                "unknown_contact_moment",
                "Dit contactmoment bestaat niet.",
            );
            None
        }
    };
    if vacancy.is_none() && placement.is_none() && contact.is_none() && e.is_empty() {
        e.push(
            "vacancyId",
            "required",
            "Kies een vacature, een plaatsing of een contactmoment.",
        );
    }
    e.into_result()?;
    let id = store::add_result(&mut tx, event_id, contact, vacancy, placement).await?;
    tx.audit("event.result", &format!("event:{event_id}"))
        .await?;
    tx.commit().await?;
    Ok(id)
}
