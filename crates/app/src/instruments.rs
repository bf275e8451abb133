//! Instruments used for a placement (proefplaatsing, no-riskpolis, loonkostensubsidie, ...):
//! each requested, granted, refused or ended, with amounts and dates where they apply.

use koppel_domain::codes::CodeList;
use koppel_domain::crm::{Instrument, InstrumentStatus};
use koppel_domain::permissions::Permission;
use koppel_domain::values::{date, euro_cents, optional_text};
use koppel_domain::FieldErrors;
use koppel_store::instruments::{self as store, InstrumentWrite, PlacementInstrument};
use koppel_store::placements;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::input::{opt, Text};
use crate::logging::activity;
use crate::nominations::subject;
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InstrumentInput {
    /// See `instruments` in `/code-lists`.
    #[schema(value_type = String, example = "loonkostensubsidie")]
    #[serde(default)]
    pub instrument: Text,
    /// `requested`, `granted`, `refused` or `ended`; default `requested`.
    #[schema(value_type = Option<String>)]
    pub status: Option<Text>,
    /// An amount in euros, e.g. `7500` or `1250,50`.
    #[schema(value_type = Option<String>)]
    pub amount: Option<Text>,
    #[schema(value_type = Option<String>, format = Date)]
    pub start_date: Option<Text>,
    #[schema(value_type = Option<String>, format = Date)]
    pub end_date: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub notes: Option<Text>,
}

impl InstrumentInput {
    pub fn from_instrument(i: &PlacementInstrument) -> Self {
        Self {
            instrument: Text(i.instrument.clone()),
            status: Some(Text(i.status.clone())),
            amount: i
                .amount_cents
                .map(|c| Text(format!("{},{:02}", c / 100, c % 100))),
            start_date: i.start_date.map(|d| Text(d.to_string())),
            end_date: i.end_date.map(|d| Text(d.to_string())),
            notes: Some(Text(i.notes.clone())),
        }
    }
}

fn validate(input: &InstrumentInput) -> Result<InstrumentWrite, AppError> {
    let mut e = FieldErrors::new();
    let instrument = e.check("instrument", Instrument::parse(input.instrument.as_str()));
    let status = match opt(&input.status) {
        None => Some(InstrumentStatus::Requested),
        Some(s) => e.check("status", InstrumentStatus::parse(s)),
    };
    let amount = opt(&input.amount).and_then(|s| e.check("amount", euro_cents(s, 1_000_000)));
    let start = opt(&input.start_date).and_then(|s| e.check("startDate", date(s)));
    let end = opt(&input.end_date).and_then(|s| e.check("endDate", date(s)));
    if let (Some(s), Some(en)) = (start, end) {
        if en < s {
            e.push(
                "endDate",
                "before_start",
                "De einddatum ligt voor de begindatum.",
            );
        }
    }
    let notes = e
        .check("notes", optional_text(opt(&input.notes), 2000))
        .flatten()
        .unwrap_or_default();
    let (Some(instrument), Some(status)) = (instrument, status) else {
        return Err(AppError::Invalid(e));
    };
    e.into_result()?;
    Ok(InstrumentWrite {
        instrument: instrument.code().into(),
        status: status.code().into(),
        amount_cents: amount,
        start_date: start,
        end_date: end,
        notes,
    })
}

pub async fn for_placement(
    ctx: &AppContext,
    actor: &Actor,
    placement_id: i64,
) -> Result<Vec<PlacementInstrument>, AppError> {
    actor.require(Permission::ReadCandidates)?;
    let mut tx = ctx.store.begin().await?;
    // A placement outside the scope answers exactly like one that does not exist.
    koppel_store::placements::get(&mut tx, actor.candidate_scope(), placement_id).await?;
    let list = store::for_placement(&mut tx, actor.candidate_scope(), placement_id).await?;
    tx.commit().await?;
    Ok(list)
}

pub async fn get(
    ctx: &AppContext,
    actor: &Actor,
    id: i64,
) -> Result<PlacementInstrument, AppError> {
    actor.require(Permission::ReadCandidates)?;
    let mut tx = ctx.store.begin().await?;
    let i = store::get(&mut tx, actor.candidate_scope(), id).await?;
    tx.commit().await?;
    Ok(i)
}

pub async fn add(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    placement_id: i64,
    input: &InstrumentInput,
) -> Result<PlacementInstrument, AppError> {
    actor.require(Permission::WriteNominations)?;
    let w = validate(input)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let scope = actor.candidate_scope();
    let (p, row) = placements::get_visible(&mut tx, scope, placement_id).await?;
    let id = store::insert(&mut tx, row, &w).await?;
    tx.processed(
        "instrument.create",
        activity::MEDIATION,
        &subject(p.candidate_id),
    )
    .await?;
    tx.audit("instrument.create", &format!("placement_instrument:{id}"))
        .await?;
    let i = store::get(&mut tx, scope, id).await?;
    tx.commit().await?;
    Ok(i)
}

pub async fn update(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
    version: i64,
    input: &InstrumentInput,
) -> Result<PlacementInstrument, AppError> {
    actor.require(Permission::WriteNominations)?;
    let w = validate(input)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let scope = actor.candidate_scope();
    let (current, row) = store::get_visible(&mut tx, scope, id).await?;
    store::update(&mut tx, row, version, &w).await?;
    tx.processed(
        "instrument.update",
        activity::MEDIATION,
        &subject(current.candidate_id),
    )
    .await?;
    tx.audit("instrument.update", &format!("placement_instrument:{id}"))
        .await?;
    let i = store::get(&mut tx, scope, id).await?;
    tx.commit().await?;
    Ok(i)
}
