//! After-care: a placement gets contacts with the employer at +2 and +5 months, assigned to the
//! employer's account holder. Each records an outcome; follow-up goes on (one month later) until
//! the employer says it is no longer needed; an early end records the date and the reason.

use chrono::Months;
use koppel_domain::codes::CodeList;
use koppel_domain::crm::{aftercare_dates, AftercareOutcome};
use koppel_domain::permissions::Permission;
use koppel_domain::values::{date, optional_text};
use koppel_domain::FieldErrors;
use koppel_store::aftercare::{self as store, AftercareTask};
use koppel_store::placements::Placement;
use koppel_store::{employers, Tx};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::input::{opt, Flag, Text};
use crate::logging::activity;
use crate::nominations::subject;
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

/// Creates the two fixed after-care tasks of a new placement, for the employer's account holder
/// (or, without one, the person who recorded the placement).
pub(crate) async fn schedule(
    tx: &mut Tx,
    placement: &Placement,
    recorded_by: i64,
) -> Result<(), AppError> {
    let employer = employers::get(tx, placement.employer_id).await?;
    let assignee = employer.account_holder_id.or(Some(recorded_by));
    let [two, five] = aftercare_dates(placement.start_date);
    store::insert(tx, placement.id, assignee, two, "two_months").await?;
    store::insert(tx, placement.id, assignee, five, "five_months").await?;
    Ok(())
}

/// The outcome of an after-care contact.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AftercareInput {
    /// `going_well`, `needs_support`, `training_needed` or `ended_early`.
    #[schema(value_type = String, example = "going_well")]
    #[serde(default)]
    pub outcome: Text,
    #[schema(value_type = Option<String>)]
    pub notes: Option<Text>,
    /// The employer says no further follow-up is needed.
    #[schema(value_type = bool)]
    #[serde(default)]
    pub no_further_follow_up: Flag,
    /// For `ended_early`: the last day in work.
    #[schema(value_type = Option<String>, format = Date)]
    pub ended_on: Option<Text>,
    /// For `ended_early`: why.
    #[schema(value_type = Option<String>)]
    pub ended_reason: Option<Text>,
}

pub async fn for_placement(
    ctx: &AppContext,
    actor: &Actor,
    placement_id: i64,
) -> Result<Vec<AftercareTask>, AppError> {
    actor.require(Permission::ReadCandidates)?;
    let mut tx = ctx.store.begin().await?;
    // A placement outside the scope answers exactly like one that does not exist.
    koppel_store::placements::get(&mut tx, actor.candidate_scope(), placement_id).await?;
    let list = store::for_placement(&mut tx, actor.candidate_scope(), placement_id).await?;
    tx.commit().await?;
    Ok(list)
}

/// Records the outcome of a task. Unless the placement ended or the employer needs no more
/// follow-up, a follow-up task a month later is planned once the fixed contacts are done.
pub async fn complete(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
    version: i64,
    input: &AftercareInput,
) -> Result<AftercareTask, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let mut e = FieldErrors::new();
    let outcome = e.check("outcome", AftercareOutcome::parse(input.outcome.as_str()));
    let notes = e
        .check("notes", optional_text(opt(&input.notes), 5000))
        .flatten()
        .unwrap_or_default();
    let ended_early = outcome == Some(AftercareOutcome::EndedEarly);
    let ended_on = opt(&input.ended_on).and_then(|s| e.check("endedOn", date(s)));
    let reason = e
        .check("endedReason", optional_text(opt(&input.ended_reason), 300))
        .flatten();
    if ended_early && ended_on.is_none() && opt(&input.ended_on).is_none() {
        e.push("endedOn", "required", "Vul de laatste werkdag in.");
    }
    if ended_early && reason.is_none() {
        e.push(
            "endedReason",
            "required",
            "Vul de reden van de beëindiging in.",
        );
    }
    let Some(outcome) = outcome else {
        return Err(AppError::Invalid(e));
    };
    e.into_result()?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let scope = actor.candidate_scope();
    let (task, row) = store::get_visible(&mut tx, scope, id).await?;
    // Someone else's change since this was read is a stale version first, whatever it was.
    if task.version != version {
        return Err(AppError::StaleVersion);
    }
    if task.done_at.is_some() {
        let mut e = FieldErrors::new();
        e.push("outcome", "already_done", "Deze nazorg is al vastgelegd.");
        return Err(AppError::Invalid(e));
    }
    store::complete(
        &mut tx,
        row,
        version,
        outcome.code(),
        &notes,
        actor.user_id(),
    )
    .await?;
    let stop = ended_early || input.no_further_follow_up.0;
    let ended = if ended_early {
        ended_on.zip(reason)
    } else {
        None
    };
    if stop {
        store::close_placement(&mut tx, row, ended, true).await?;
    } else {
        let open_left = store::for_placement(&mut tx, scope, task.placement_id)
            .await?
            .iter()
            .any(|t| t.done_at.is_none() && t.id != id);
        if !open_left && task.kind != "two_months" {
            let next = task
                .due_date
                .checked_add_months(Months::new(1))
                .unwrap_or(task.due_date);
            store::insert(
                &mut tx,
                task.placement_id,
                task.assignee_id,
                next,
                "follow_up",
            )
            .await?;
        }
    }
    tx.processed(
        "aftercare.update",
        activity::MEDIATION,
        &subject(task.candidate_id),
    )
    .await?;
    tx.audit("aftercare.complete", &format!("aftercare_task:{id}"))
        .await?;
    let t = store::get(&mut tx, scope, id).await?;
    tx.commit().await?;
    Ok(t)
}
