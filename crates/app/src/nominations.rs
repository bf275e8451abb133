//! Nominations (voordrachten): propose a candidate in scope for a vacancy, and move the nomination
//! through the domain's state machine. Every step is a processing of the candidate's data.

use chrono::Utc;
use koppel_domain::codes::CodeList;
use koppel_domain::nomination::{check_reason_code, NominationState};
use koppel_domain::permissions::Permission;
use koppel_domain::values::optional_text;
use koppel_domain::FieldErrors;
use koppel_store::nominations::{self as store, NewNomination, Nomination};
use koppel_store::{candidates, placements, vacancies};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::input::{opt, Text};
use crate::logging::activity;
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

/// Propose a candidate for a vacancy.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NominationInput {
    #[schema(value_type = i64)]
    #[serde(default)]
    pub vacancy_id: Text,
    #[schema(value_type = i64)]
    #[serde(default)]
    pub candidate_id: Text,
}

/// Move a nomination to its next state.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NominationStepInput {
    /// The next state (see `nominationStates` in `/code-lists`).
    #[schema(value_type = String, example = "interested")]
    #[serde(default)]
    pub state: Text,
    /// The coded reason, required for `declined` (see `declineReasons`) and `not_placed`
    /// (see `notPlacedReasons` in `/code-lists`).
    #[schema(value_type = Option<String>, example = "travel")]
    pub reason_code: Option<Text>,
    /// An explanation; required when the reason code is `other`.
    #[schema(value_type = Option<String>)]
    pub reason: Option<Text>,
}

fn id_field(e: &mut FieldErrors, field: &str, t: &Text) -> Option<i64> {
    match t.as_str().trim().parse::<i64>() {
        Ok(id) if id > 0 => Some(id),
        _ => {
            e.push(field, "invalid_id", "Vul een geldig nummer in.");
            None
        }
    }
}

pub(crate) fn subject(candidate_id: i64) -> String {
    format!("candidate:{candidate_id}")
}

/// Nominations for a vacancy, showing only candidates the actor may see.
pub async fn for_vacancy(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    vacancy_id: i64,
) -> Result<Vec<Nomination>, AppError> {
    if !actor.can(Permission::ReadCandidates) {
        return Ok(Vec::new());
    }
    let mut tx = ctx.store.begin().await?;
    let list = store::list(&mut tx, actor.candidate_scope(), Some(vacancy_id), None).await?;
    crate::logging::shown(
        &mut tx,
        ctx,
        actor,
        meta,
        "nomination.list",
        list.iter().map(|n| n.candidate_id),
    )
    .await?;
    tx.commit().await?;
    Ok(list)
}

/// A candidate's nominations and placements (the caller has already read the candidate in scope).
pub async fn for_candidate(
    ctx: &AppContext,
    actor: &Actor,
    candidate_id: i64,
) -> Result<(Vec<Nomination>, Vec<placements::Placement>), AppError> {
    actor.require(Permission::ReadCandidates)?;
    let mut tx = ctx.store.begin().await?;
    let scope = actor.candidate_scope();
    let n = store::list(&mut tx, scope, None, Some(candidate_id)).await?;
    let p = placements::list(&mut tx, scope, Some(candidate_id), None).await?;
    tx.commit().await?;
    Ok((n, p))
}

/// Query parameters of the nomination list: one of the two is required.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct NominationQuery {
    pub vacancy_id: Option<i64>,
    pub candidate_id: Option<i64>,
    /// Only the nominations the caller proposed.
    pub mine: Option<bool>,
    /// Only nominations in this state.
    pub state: Option<String>,
}

pub async fn list(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    q: &NominationQuery,
) -> Result<Vec<Nomination>, AppError> {
    actor.require(Permission::ReadCandidates)?;
    let mine = q.mine.unwrap_or(false);
    if q.vacancy_id.is_none() && q.candidate_id.is_none() && !mine {
        let mut e = FieldErrors::new();
        e.push(
            "vacancyId",
            "required",
            "Geef een vacature of een kandidaat op, of vraag uw eigen voordrachten op (mine=true).",
        );
        return Err(AppError::Invalid(e));
    }
    let state = match q.state.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Some(
            NominationState::parse(s)
                .map_err(|err| crate::employers::invalid("state", err))?
                .code(),
        ),
        None => None,
    };
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let mut list = if mine {
        store::by_proposer(&mut tx, actor.candidate_scope(), actor.user_id(), state).await?
    } else {
        store::list(
            &mut tx,
            actor.candidate_scope(),
            q.vacancy_id,
            q.candidate_id,
        )
        .await?
    };
    list.retain(|n| {
        q.vacancy_id.is_none_or(|v| n.vacancy_id == v)
            && q.candidate_id.is_none_or(|c| n.candidate_id == c)
            && state.is_none_or(|s| n.state == s)
    });
    let shown = list
        .iter()
        .map(|n| subject(n.candidate_id))
        .collect::<Vec<_>>();
    tx.processed_each("nomination.list", activity::MEDIATION, shown)
        .await?;
    tx.commit().await?;
    Ok(list)
}

pub async fn get(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
) -> Result<Nomination, AppError> {
    actor.require(Permission::ReadCandidates)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let n = store::get(&mut tx, actor.candidate_scope(), id).await?;
    tx.processed(
        "nomination.read",
        activity::MEDIATION,
        &subject(n.candidate_id),
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}

/// Proposes a candidate the actor may see for a vacancy that is open (or on hold).
pub async fn create(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    input: &NominationInput,
) -> Result<Nomination, AppError> {
    actor.require(Permission::WriteNominations)?;
    let mut e = FieldErrors::new();
    let vacancy_id = id_field(&mut e, "vacancyId", &input.vacancy_id);
    let candidate_id = id_field(&mut e, "candidateId", &input.candidate_id);
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let vacancy = match vacancy_id {
        Some(id) => vacancies::get(&mut tx, id).await.ok(),
        None => None,
    };
    match &vacancy {
        Some(v) if v.status == "open" || v.status == "on_hold" => {}
        Some(_) => e.push(
            "vacancyId",
            "vacancy_not_open",
            "Op deze vacature kan niet meer worden voorgedragen: zij is niet open.",
        ),
        None if vacancy_id.is_some() => e.push(
            "vacancyId",
            "unknown_vacancy",
            "Deze vacature bestaat niet.",
        ),
        None => {}
    }
    let candidate = match candidate_id {
        Some(id) => candidates::get_visible(&mut tx, actor.candidate_scope(), id)
            .await
            .ok(),
        None => None,
    };
    if candidate.is_none() && candidate_id.is_some() {
        e.push(
            "candidateId",
            "unknown_candidate",
            "Deze kandidaat bestaat niet of is niet voor u zichtbaar.",
        );
    }
    let (Some(vacancy), Some((candidate, seen))) = (vacancy, candidate) else {
        return Err(AppError::Invalid(e));
    };
    e.clone().into_result()?;
    if store::open_exists(&mut tx, vacancy.id, candidate.id).await? {
        e.push(
            "candidateId",
            "already_nominated",
            "Deze kandidaat is al voorgedragen voor deze vacature.",
        );
        return Err(AppError::Invalid(e));
    }
    let new = NewNomination {
        vacancy_id: vacancy.id,
        candidate: seen,
        org_id: candidate.org_id,
        proposed_by: actor.user_id(),
        state: NominationState::Proposed.code(),
        reason_code: None,
        reason: None,
        at: Utc::now(),
    };
    let id = store::insert(&mut tx, &new).await?;
    tx.processed(
        "nomination.create",
        activity::MEDIATION,
        &subject(candidate.id),
    )
    .await?;
    tx.audit("nomination.create", &format!("nomination:{id}"))
        .await?;
    let n = store::get(&mut tx, actor.candidate_scope(), id).await?;
    tx.commit().await?;
    Ok(n)
}

/// A checked step: the next state, its coded reason and the explanation.
pub(crate) struct Step {
    pub next: NominationState,
    pub reason_code: Option<&'static str>,
    pub reason: Option<String>,
}

/// Proposes several candidates for one vacancy, in order; it stops at the first refusal, which is
/// reported with the candidate number it concerns (the ones before it stay proposed).
pub async fn create_many(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    vacancy_id: &str,
    candidate_ids: &[String],
) -> Result<Vec<Nomination>, AppError> {
    let mut created = Vec::new();
    for id in candidate_ids {
        let input = NominationInput {
            vacancy_id: Text(vacancy_id.to_string()),
            candidate_id: Text(id.clone()),
        };
        match create(ctx, actor, meta, &input).await {
            Ok(n) => created.push(n),
            Err(AppError::Invalid(mut e)) => {
                for err in &mut e.0 {
                    err.message = format!("Kandidaat {id}: {}", err.message);
                }
                return Err(AppError::Invalid(e));
            }
            Err(other) => return Err(other),
        }
    }
    Ok(created)
}

/// Checks a step: a known next state the state machine allows, with a coded reason where one is
/// required and an explanation when the reason is "other".
pub(crate) fn check_step(current: &str, input: &NominationStepInput) -> Result<Step, AppError> {
    let mut e = FieldErrors::new();
    let current = NominationState::parse(current).map_err(|err| AppError::Internal(err.message))?;
    let next = e.check(
        "state",
        NominationState::parse(input.state.as_str()).and_then(|n| current.step_to(n)),
    );
    let reason = e
        .check("reason", optional_text(opt(&input.reason), 300))
        .flatten();
    let reason_code = next
        .and_then(|n| e.check("reasonCode", check_reason_code(n, opt(&input.reason_code))))
        .flatten();
    if reason_code == Some("other") && reason.is_none() {
        e.push("reason", "required", "Licht de andere reden toe.");
    }
    let Some(next) = next else {
        return Err(AppError::Invalid(e));
    };
    e.into_result()?;
    Ok(Step {
        next,
        reason_code,
        reason,
    })
}

/// Moves a nomination to its next state. Placing a candidate goes through `placements::create`,
/// which records the contract at the same time.
pub async fn step(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
    version: i64,
    input: &NominationStepInput,
) -> Result<Nomination, AppError> {
    actor.require(Permission::WriteNominations)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let (n, row) = store::get_visible(&mut tx, actor.candidate_scope(), id).await?;
    let Step {
        next,
        reason_code,
        reason,
    } = check_step(&n.state, input)?;
    if next == NominationState::Placed {
        let mut e = FieldErrors::new();
        e.push(
            "state",
            "use_placement",
            "Leg een plaatsing vast met de contractgegevens; dat zet de voordracht op 'Geplaatst'.",
        );
        return Err(AppError::Invalid(e));
    }
    store::set_state(&mut tx, row, version, next.code(), reason_code, reason).await?;
    tx.processed(
        "nomination.update",
        activity::MEDIATION,
        &subject(n.candidate_id),
    )
    .await?;
    tx.audit("nomination.update", &format!("nomination:{id}"))
        .await?;
    let n = store::get(&mut tx, actor.candidate_scope(), id).await?;
    tx.commit().await?;
    Ok(n)
}

/// The Dutch labels of the states a nomination may move to next.
/// The reason codes a step to `state` needs, as (code, Dutch label); empty when none is needed.
pub fn reason_options(state: &str) -> Vec<(String, String)> {
    use koppel_domain::nomination::{DeclineReason, NotPlacedReason};
    match NominationState::parse(state) {
        Ok(NominationState::Declined) => crate::reference::codes::<DeclineReason>()
            .into_iter()
            .map(|c| (c.code, c.label))
            .collect(),
        Ok(NominationState::NotPlaced) => crate::reference::codes::<NotPlacedReason>()
            .into_iter()
            .map(|c| (c.code, c.label))
            .collect(),
        _ => Vec::new(),
    }
}

pub fn next_states(state: &str) -> Vec<(String, String)> {
    NominationState::parse(state)
        .map(|s| {
            s.next_states()
                .iter()
                .map(|n| (n.code().to_string(), n.label().to_string()))
                .collect()
        })
        .unwrap_or_default()
}
