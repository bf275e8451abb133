//! Instruments advice: for a nomination (a candidate at an employer), the instruments that may
//! apply, each with the facts it applies on, the condition the adviser checks and the rule's
//! source. The rules are data the administrator keeps. koppel advises; the adviser decides.

use chrono::Utc;
use koppel_domain::codes::{CodeList, Sector};
use koppel_domain::crm::Instrument;
use koppel_domain::instrument_rules::{applies, Because, Facts, RuleScope};
use koppel_domain::permissions::Permission;
use koppel_domain::values::{date, optional_text, required_text};
use koppel_domain::FieldErrors;
pub use koppel_store::instrument_rules::InstrumentRule;
use koppel_store::instrument_rules::{self as store, NewRule};
use koppel_store::{employers, targets};
use serde::{Deserialize, Serialize};

use crate::input::{opt, Text};
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

/// One instrument that may apply, and why.
#[derive(Debug, Clone)]
pub struct AdviceItem {
    pub instrument: String,
    /// The facts it applies on, in words ("doelgroep P-wet"); empty: it applies to anyone.
    pub because: Vec<String>,
    pub condition: String,
    pub source: String,
}

/// The advice for one nomination.
#[derive(Debug, Clone)]
pub struct Advice {
    pub candidate_name: String,
    pub employer_name: String,
    pub target_group: String,
    pub items: Vec<AdviceItem>,
}

pub async fn for_nomination(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    nomination_id: i64,
) -> Result<Advice, AppError> {
    let n = crate::nominations::get(ctx, actor, meta, nomination_id).await?;
    let candidate = crate::candidates::get(ctx, actor, meta, n.candidate_id).await?;
    let mut tx = ctx.store.read().await?;
    let employer = employers::get(&mut tx, n.employer_id).await?;
    let rules = store::list(&mut tx, true).await?;
    let places = targets::municipalities(&mut tx).await?;
    tx.commit().await?;
    let facts = Facts {
        target_group: &candidate.target_group,
        municipality: employer.municipality_code.as_deref(),
        sector: &employer.sector,
        on: Utc::now().date_naive(),
    };
    let place = employer
        .municipality_code
        .as_deref()
        .map(|c| {
            places
                .iter()
                .find(|m| m.code == c)
                .map_or(c.to_string(), |m| m.name.clone())
        })
        .unwrap_or_default();
    let sector =
        Sector::parse(&employer.sector).map_or(employer.sector.clone(), |s| s.label().to_string());
    let items = rules
        .iter()
        .filter_map(|r| {
            let because = applies(&scope(r), &facts)?;
            let words = because
                .iter()
                .map(|b| match b {
                    Because::TargetGroup => format!("doelgroep {}", candidate.target_group_label),
                    Because::Municipality => format!("werkgever in {place}"),
                    Because::Sector => format!("sector {sector}"),
                })
                .collect();
            Some(AdviceItem {
                instrument: Instrument::parse(&r.instrument)
                    .map_or(r.instrument.clone(), |i| i.label().to_string()),
                because: words,
                condition: r.condition.clone(),
                source: r.source.clone(),
            })
        })
        .collect();
    Ok(Advice {
        candidate_name: n.candidate_name,
        employer_name: n.employer_name,
        target_group: candidate.target_group_label,
        items,
    })
}

fn scope(r: &InstrumentRule) -> RuleScope<'_> {
    RuleScope {
        target_groups: &r.target_groups,
        municipalities: &r.municipalities,
        sectors: &r.sectors,
        valid_from: r.valid_from,
        valid_to: r.valid_to,
    }
}

/// Every rule, also those taken out of use (administrator).
pub async fn rules(ctx: &AppContext, actor: &Actor) -> Result<Vec<InstrumentRule>, AppError> {
    actor.require(Permission::ManageUsers)?;
    let mut tx = ctx.store.read().await?;
    let list = store::list(&mut tx, false).await?;
    tx.commit().await?;
    Ok(list)
}

/// A rule as the administrator fills it in: lists are codes separated by commas.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleInput {
    #[serde(default)]
    pub instrument: Text,
    pub target_groups: Option<Text>,
    pub municipalities: Option<Text>,
    pub sectors: Option<Text>,
    #[serde(default)]
    pub condition: Text,
    #[serde(default)]
    pub source: Text,
    #[serde(default)]
    pub valid_from: Text,
    pub valid_to: Option<Text>,
}

/// A list of codes, tidied: trimmed, lower case, no empty items.
fn codes(t: &Option<Text>) -> String {
    opt(t)
        .unwrap_or("")
        .split(',')
        .map(|c| c.trim().to_lowercase())
        .filter(|c| !c.is_empty())
        .collect::<Vec<_>>()
        .join(",")
}

pub async fn add_rule(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    input: &RuleInput,
) -> Result<i64, AppError> {
    actor.require(Permission::ManageUsers)?;
    let mut e = FieldErrors::new();
    let instrument = e.check("instrument", Instrument::parse(input.instrument.as_str()));
    let condition = e.check("condition", required_text(input.condition.as_str(), 1000));
    let source = e.check("source", required_text(input.source.as_str(), 300));
    let from = e.check("validFrom", date(input.valid_from.as_str()));
    let to = opt(&input.valid_to).and_then(|s| e.check("validTo", date(s)));
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            e.push(
                "validTo",
                "before_start",
                "De einddatum ligt voor de begindatum.",
            );
        }
    }
    let sectors = codes(&input.sectors);
    if sectors
        .split(',')
        .any(|s| !s.is_empty() && Sector::parse(s).is_err())
    {
        e.push(
            "sectors",
            "unknown_code",
            "Gebruik de codes van de sectoren, gescheiden door komma's.",
        );
    }
    let _ = optional_text(opt(&input.municipalities), 500)
        .map_err(|v| e.push("municipalities", v.code, v.message));
    e.clone().into_result()?;
    let (Some(instrument), Some(condition), Some(source), Some(valid_from)) =
        (instrument, condition, source, from)
    else {
        return Err(AppError::Invalid(e));
    };
    let mut op = Op::begin(ctx, actor, meta).await?;
    let id = store::insert(
        &mut op,
        &NewRule {
            instrument: instrument.code(),
            target_groups: codes(&input.target_groups),
            municipalities: codes(&input.municipalities).to_uppercase(),
            sectors,
            condition,
            source,
            valid_from,
            valid_to: to,
        },
    )
    .await?;
    op.audit("instrument_rule.create", &format!("instrument_rule:{id}"))
        .await?;
    op.commit().await?;
    Ok(id)
}

pub async fn retire_rule(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
) -> Result<(), AppError> {
    actor.require(Permission::ManageUsers)?;
    let mut op = Op::begin(ctx, actor, meta).await?;
    store::retire(&mut op, id).await?;
    op.audit("instrument_rule.retire", &format!("instrument_rule:{id}"))
        .await?;
    op.commit().await
}
