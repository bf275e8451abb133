//! Trajectories the Werkcentrum pays for: a gids books one for a resident against the year's
//! budget of its kind (refused when it does not fit, warned when the budget is nearly used), and
//! records how it went; a manager sets the budgets; the administrator keeps the kinds.

use chrono::{Datelike, Utc};
use koppel_domain::codes::CodeList;
use koppel_domain::desk::{BudgetCheck, TrajectoryOutcome};
use koppel_domain::permissions::Permission;
use koppel_domain::values::{date, euro_cents, euros, required_text};
use koppel_domain::FieldErrors;
use koppel_store::desk as residents;
use koppel_store::trajectories::{self as store, NewTrajectory};
pub use koppel_store::trajectories::{BudgetLine, Trajectory, TrajectoryKind};
use serde::{Deserialize, Serialize};

use crate::input::{opt, Text};
use crate::logging::activity;
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

/// The most a single trajectory may cost, in euros.
const MAX_COST_EUROS: i64 = 100_000;

/// A trajectory as the gids books it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrajectoryInput {
    #[serde(default)]
    pub kind: Text,
    #[serde(default)]
    pub provider: Text,
    #[serde(default)]
    pub start_date: Text,
    pub end_date: Option<Text>,
    /// What it will cost, in euros (`2500` or `2500,00`).
    #[serde(default)]
    pub cost: Text,
}

/// What booking did: the trajectory, and the budget's share now committed when that is high.
#[derive(Debug, Clone, Copy)]
pub struct Booked {
    pub id: i64,
    pub warn_percent: Option<i64>,
}

fn one_error(field: &str, code: &'static str, message: impl Into<String>) -> AppError {
    let mut e = FieldErrors::new();
    e.push(field, code, message);
    AppError::Invalid(e)
}

/// The kinds a trajectory can be of (every signed-in user may read the list).
pub async fn kinds(ctx: &AppContext) -> Result<Vec<TrajectoryKind>, AppError> {
    let mut tx = ctx.store.read().await?;
    let list = store::kinds(&mut tx).await?;
    tx.commit().await?;
    Ok(list)
}

/// The administrator adds a kind (a code is made from its name).
pub async fn add_kind(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    label: &str,
) -> Result<(), AppError> {
    actor.require(Permission::ManageUsers)?;
    let label = required_text(label, 100).map_err(|v| one_error("label", v.code, v.message))?;
    let code: String = label
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let mut op = Op::begin(ctx, actor, meta).await?;
    store::insert_kind(&mut op, &code, &label)
        .await
        .map_err(|e| match AppError::from(e) {
            AppError::Conflict(_) => {
                one_error("label", "duplicate", "Deze soort traject bestaat al.")
            }
            other => other,
        })?;
    op.audit("trajectory_kind.create", &format!("trajectory_kind:{code}"))
        .await?;
    op.commit().await
}

/// Books a trajectory for a resident of the actor's organisation against the budget of its kind
/// in the year it starts.
pub async fn book(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    resident_id: i64,
    input: &TrajectoryInput,
) -> Result<Booked, AppError> {
    actor.require(Permission::RecordConversations)?;
    let mut e = FieldErrors::new();
    let provider = e.check("provider", required_text(input.provider.as_str(), 200));
    let start = e.check("startDate", date(input.start_date.as_str()));
    let end = opt(&input.end_date).and_then(|s| e.check("endDate", date(s)));
    if let (Some(s), Some(t)) = (start, end) {
        if t < s {
            e.push(
                "endDate",
                "before_start",
                "De einddatum ligt voor de startdatum.",
            );
        }
    }
    let cost = e.check("cost", euro_cents(input.cost.as_str(), MAX_COST_EUROS));
    let kinds = kinds(ctx).await?;
    let kind = kinds
        .iter()
        .find(|k| k.active && k.code == input.kind.as_str().trim());
    if kind.is_none() {
        e.push(
            "kind",
            "unknown_kind",
            "Kies een soort traject uit de lijst.",
        );
    }
    let mut op = Op::begin(ctx, actor, meta).await?;
    let resident = residents::resident_for(&mut op, resident_id, actor.org_id()).await?;
    if resident.org_id != actor.org_id() {
        return Err(AppError::NotFound);
    }
    e.clone().into_result()?;
    let (Some(provider), Some(start), Some(cost), Some(kind)) = (provider, start, cost, kind)
    else {
        return Err(AppError::Invalid(e));
    };
    let lines = store::budget(&mut op, actor.org_id(), start.year()).await?;
    let line = lines.iter().find(|l| l.kind == kind.code);
    let check = BudgetCheck::of(
        line.and_then(|l| l.budget_cents),
        line.map_or(0, |l| l.committed_cents),
        cost,
    );
    match check {
        BudgetCheck::NoBudget => {
            return Err(one_error(
                "kind",
                "no_budget",
                format!(
                    "Er is voor {} in {} geen budget vastgesteld; vraag de manager dat te doen.",
                    kind.label.to_lowercase(),
                    start.year()
                ),
            ));
        }
        BudgetCheck::Exceeds { available } => {
            return Err(one_error(
                "cost",
                "over_budget",
                format!(
                    "Dit traject past niet in het budget {} {}: er is nog {} beschikbaar.",
                    kind.label.to_lowercase(),
                    start.year(),
                    euros(available)
                ),
            ));
        }
        BudgetCheck::Fits { .. } => {}
    }
    let id = store::insert(
        &mut op,
        &NewTrajectory {
            org_id: actor.org_id(),
            resident_id,
            kind: kind.code.clone(),
            provider,
            start_date: start,
            end_date: end,
            cost_cents: cost,
            booked_by: actor.user_id(),
            at: Utc::now(),
        },
    )
    .await?;
    op.audit("trajectory.create", &format!("trajectory:{id}"))
        .await?;
    op.processed(
        "trajectory.create",
        activity::DESK,
        &format!("resident:{resident_id}"),
    )
    .await?;
    op.commit().await?;
    let warn_percent = match check {
        BudgetCheck::Fits { used_percent } if check.warns() => Some(used_percent),
        _ => None,
    };
    Ok(Booked { id, warn_percent })
}

/// A resident's trajectories.
pub async fn of_resident(
    ctx: &AppContext,
    actor: &Actor,
    resident_id: i64,
) -> Result<Vec<Trajectory>, AppError> {
    actor.require(Permission::RecordConversations)?;
    let mut tx = ctx.store.read().await?;
    let list = store::of_resident(&mut tx, resident_id, actor.org_id()).await?;
    tx.commit().await?;
    Ok(list)
}

pub async fn get(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
) -> Result<Trajectory, AppError> {
    actor.require(Permission::RecordConversations)?;
    let mut op = Op::begin(ctx, actor, meta).await?;
    let t = store::get_for(&mut op, id, actor.org_id()).await?;
    op.processed(
        "trajectory.read",
        activity::DESK,
        &format!("resident:{}", t.resident_id),
    )
    .await?;
    op.commit().await?;
    Ok(t)
}

/// How a trajectory went, as the gids records it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutcomeInput {
    #[serde(default)]
    pub outcome: Text,
    pub end_date: Option<Text>,
    /// What was spent so far, in euros.
    pub spent: Option<Text>,
}

pub async fn record_outcome(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
    version: i64,
    input: &OutcomeInput,
) -> Result<(), AppError> {
    actor.require(Permission::RecordConversations)?;
    let mut e = FieldErrors::new();
    let outcome = e.check("outcome", TrajectoryOutcome::parse(input.outcome.as_str()));
    let end = opt(&input.end_date).and_then(|s| e.check("endDate", date(s)));
    let spent = opt(&input.spent).and_then(|s| e.check("spent", euro_cents(s, MAX_COST_EUROS)));
    let mut op = Op::begin(ctx, actor, meta).await?;
    let t = store::get_for(&mut op, id, actor.org_id()).await?;
    if end.is_some_and(|d| d < t.start_date) {
        e.push(
            "endDate",
            "before_start",
            "De einddatum ligt voor de startdatum.",
        );
    }
    if outcome.is_some_and(|o| o != TrajectoryOutcome::Running) && end.or(t.end_date).is_none() {
        e.push(
            "endDate",
            "required",
            "Vul de einddatum in van een traject dat is afgelopen.",
        );
    }
    e.clone().into_result()?;
    let Some(outcome) = outcome else {
        return Err(AppError::Invalid(e));
    };
    let spent = spent.unwrap_or(t.spent_cents);
    store::update_outcome(
        &mut op,
        id,
        version,
        outcome.code(),
        end.or(t.end_date),
        spent,
    )
    .await?;
    op.audit("trajectory.update", &format!("trajectory:{id}"))
        .await?;
    op.processed(
        "trajectory.update",
        activity::DESK,
        &format!("resident:{}", t.resident_id),
    )
    .await?;
    op.commit().await
}

/// The year's budget per kind of the actor's organisation, with what is committed and spent.
pub async fn budget(
    ctx: &AppContext,
    actor: &Actor,
    year: i32,
) -> Result<Vec<BudgetLine>, AppError> {
    actor.require(Permission::ReadInternalFigures)?;
    let mut tx = ctx.store.read().await?;
    let lines = store::budget(&mut tx, actor.org_id(), year).await?;
    tx.commit().await?;
    Ok(lines)
}

/// A manager sets the budget of a kind for a year (in euros).
pub async fn set_budget(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    year: i32,
    kind: &str,
    amount: &str,
) -> Result<(), AppError> {
    actor.require(Permission::ManageTargets)?;
    let mut e = FieldErrors::new();
    if !(2000..=2100).contains(&year) {
        e.push("year", "invalid_year", "Kies een jaar.");
    }
    let cents = e.check("amount", euro_cents(amount, 100_000_000));
    if !kinds(ctx).await?.iter().any(|k| k.code == kind) {
        e.push(
            "kind",
            "unknown_kind",
            "Kies een soort traject uit de lijst.",
        );
    }
    e.clone().into_result()?;
    let Some(cents) = cents else {
        return Err(AppError::Invalid(e));
    };
    let mut op = Op::begin(ctx, actor, meta).await?;
    store::set_budget(&mut op, actor.org_id(), year, kind, cents).await?;
    op.audit(
        "trajectory_budget.set",
        &format!("trajectory_budget:{year}:{kind}"),
    )
    .await?;
    op.commit().await
}

/// Trajectories starting in a year, per kind and outcome (the organisation's own figures).
pub async fn outcome_counts(
    ctx: &AppContext,
    actor: &Actor,
    year: i32,
) -> Result<Vec<(String, String, i64)>, AppError> {
    actor.require(Permission::RecordConversations)?;
    let from = chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let to = chrono::NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap_or_default();
    let mut tx = ctx.store.read().await?;
    let counts = store::outcome_counts(&mut tx, actor.org_id(), from, to).await?;
    tx.commit().await?;
    Ok(counts)
}
