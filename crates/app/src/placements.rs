//! Placements: recorded when an offered nomination is accepted, with the contract terms and the
//! candidate's target group at that moment; the terms can be corrected later.

use koppel_domain::codes::{CodeList, ContractType};
use koppel_domain::crm::Benefit;
use koppel_domain::nomination::NominationState;
use koppel_domain::permissions::Permission;
use koppel_domain::values::{date, euro_cents, int_in_range};
use koppel_domain::FieldErrors;
use koppel_store::placements::{self as store, NewPlacement, Placement, PlacementTerms};
use koppel_store::{candidates, nominations};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::input::{opt, Flag, Text};
use crate::logging::activity;
use crate::nominations::{check_step, subject, NominationStepInput};
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

/// The contract terms of a placement.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PlacementInput {
    #[schema(value_type = String, example = "temporary")]
    #[serde(default)]
    pub contract_type: Text,
    #[schema(value_type = i64, minimum = 1, maximum = 60)]
    #[serde(default)]
    pub hours_per_week: Text,
    #[schema(value_type = String, format = Date)]
    #[serde(default)]
    pub start_date: Text,
    /// Gross hourly wage in euros, e.g. `14.50`.
    #[schema(value_type = Option<String>, example = "14.50")]
    pub hourly_wage: Option<Text>,
    /// Whether the candidate left their benefit (uitstroom).
    #[schema(value_type = bool)]
    #[serde(default)]
    pub benefit_outflow: Flag,
    /// Which benefit they left (see `benefits` in `/code-lists`); required with an outflow.
    #[schema(value_type = Option<String>, example = "ww")]
    pub benefit: Option<Text>,
}

impl PlacementInput {
    pub fn from_placement(p: &Placement) -> Self {
        Self {
            contract_type: Text(p.contract_type.clone()),
            hours_per_week: Text(p.hours_per_week.to_string()),
            start_date: Text(p.start_date.to_string()),
            hourly_wage: p
                .hourly_wage_cents
                .map(|c| Text(format!("{}.{:02}", c / 100, c % 100))),
            benefit_outflow: Flag(p.benefit_outflow),
            benefit: p.benefit.clone().map(Text),
        }
    }
}

fn validate(input: &PlacementInput) -> Result<PlacementTerms, AppError> {
    let mut e = FieldErrors::new();
    let contract = e.check(
        "contractType",
        ContractType::parse(input.contract_type.as_str()),
    );
    let hours = e.check(
        "hoursPerWeek",
        int_in_range(input.hours_per_week.as_str(), 1, 60),
    );
    let start = e.check("startDate", date(input.start_date.as_str()));
    let wage = opt(&input.hourly_wage).and_then(|s| e.check("hourlyWage", euro_cents(s, 500)));
    let benefit = opt(&input.benefit).and_then(|s| e.check("benefit", Benefit::parse(s)));
    if input.benefit_outflow.0 && benefit.is_none() && opt(&input.benefit).is_none() {
        e.push(
            "benefit",
            "required",
            "Kies uit welke uitkering de kandidaat stroomt.",
        );
    }
    let (Some(contract), Some(hours), Some(start)) = (contract, hours, start) else {
        return Err(AppError::Invalid(e));
    };
    e.into_result()?;
    Ok(PlacementTerms {
        contract_type: contract.code().to_string(),
        hours_per_week: hours,
        start_date: start,
        hourly_wage_cents: wage,
        benefit_outflow: input.benefit_outflow.0,
        benefit: if input.benefit_outflow.0 {
            benefit.map(|b| b.code().to_string())
        } else {
            None
        },
    })
}

/// Places the candidate of an offered nomination: the nomination becomes 'placed' and the placement
/// is recorded with the candidate's current target group, in one transaction.
pub async fn create(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    nomination_id: i64,
    version: i64,
    input: &PlacementInput,
) -> Result<Placement, AppError> {
    actor.require(Permission::WriteNominations)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let scope = actor.candidate_scope();
    let (n, row) = nominations::get_visible(&mut tx, scope, nomination_id).await?;
    let step = NominationStepInput {
        state: Text(NominationState::Placed.code().into()),
        reason_code: None,
        reason: None,
    };
    let terms = validate(input);
    let checked = check_step(&n.state, &step);
    let (terms, _) = match (terms, checked) {
        (Ok(t), Ok(s)) => (t, s),
        (Err(AppError::Invalid(mut a)), Err(AppError::Invalid(b))) => {
            a.0.extend(b.0);
            return Err(AppError::Invalid(a));
        }
        (Err(err), _) | (_, Err(err)) => return Err(err),
    };
    let (candidate, seen) = candidates::get_visible(&mut tx, scope, n.candidate_id).await?;
    nominations::set_state(
        &mut tx,
        row,
        version,
        NominationState::Placed.code(),
        None,
        None,
    )
    .await?;
    let new = NewPlacement {
        org_id: candidate.org_id,
        candidate: seen,
        employer_id: n.employer_id,
        vacancy_id: Some(n.vacancy_id),
        nomination_id: Some(nomination_id),
        target_group: &candidate.target_group,
        municipality_code: candidate
            .postcode
            .as_deref()
            .and_then(crate::areas::municipality_of),
        placed_by: Some(actor.user_id()),
        terms,
    };
    let id = store::insert(&mut tx, &new).await?;
    let placement = store::get(&mut tx, scope, id).await?;
    crate::aftercare::schedule(&mut tx, &placement, actor.user_id()).await?;
    if koppel_store::vacancies::mark_filled_when_full(&mut tx, n.vacancy_id).await? {
        let object = format!("vacancy:{}", n.vacancy_id);
        tx.audit("vacancy.filled", &object).await?;
    }
    tx.processed(
        "placement.create",
        activity::MEDIATION,
        &subject(candidate.id),
    )
    .await?;
    tx.audit("placement.create", &format!("placement:{id}"))
        .await?;
    let p = store::get(&mut tx, scope, id).await?;
    tx.commit().await?;
    Ok(p)
}

pub async fn get(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
) -> Result<Placement, AppError> {
    actor.require(Permission::ReadCandidates)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let p = store::get(&mut tx, actor.candidate_scope(), id).await?;
    tx.processed(
        "placement.read",
        activity::MEDIATION,
        &subject(p.candidate_id),
    )
    .await?;
    tx.commit().await?;
    Ok(p)
}

/// Corrects the contract terms of a placement.
pub async fn update(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
    version: i64,
    input: &PlacementInput,
) -> Result<Placement, AppError> {
    actor.require(Permission::WriteNominations)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let scope = actor.candidate_scope();
    let (p, row) = store::get_visible(&mut tx, scope, id).await?;
    let terms = validate(input)?;
    store::update(&mut tx, row, version, &terms).await?;
    tx.processed(
        "placement.update",
        activity::MEDIATION,
        &subject(p.candidate_id),
    )
    .await?;
    tx.audit("placement.update", &format!("placement:{id}"))
        .await?;
    let p = store::get(&mut tx, scope, id).await?;
    tx.commit().await?;
    Ok(p)
}
