//! Reference data for forms and API clients: code lists, target groups, advisers, organisations.

use koppel_domain::codes::{
    Cluster, CodeList, ContractType, DrivingLicence, EducationLevel, LanguageLevel, Role, Sector,
    VacancyStatus,
};
use koppel_domain::crm::{
    AftercareOutcome, AttendanceStatus, Benefit, ContactKind, EventKind, Instrument,
    InstrumentStatus, PartnershipLevel,
};
use koppel_domain::nomination::{DeclineReason, NominationState, NotPlacedReason};
use koppel_store::{candidates, users};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{Actor, AppContext, AppError};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Code {
    pub code: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CodeLists {
    pub roles: Vec<Code>,
    pub clusters: Vec<Code>,
    pub sectors: Vec<Code>,
    pub target_groups: Vec<Code>,
    pub education_levels: Vec<Code>,
    pub driving_licences: Vec<Code>,
    pub language_levels: Vec<Code>,
    pub contract_types: Vec<Code>,
    pub vacancy_statuses: Vec<Code>,
    pub nomination_states: Vec<Code>,
    pub decline_reasons: Vec<Code>,
    pub not_placed_reasons: Vec<Code>,
    pub instruments: Vec<Code>,
    pub instrument_statuses: Vec<Code>,
    pub benefits: Vec<Code>,
    pub aftercare_outcomes: Vec<Code>,
    pub contact_kinds: Vec<Code>,
    pub partnership_levels: Vec<Code>,
    pub event_kinds: Vec<Code>,
    pub attendance_statuses: Vec<Code>,
}

pub fn codes<T: CodeList>() -> Vec<Code> {
    T::ALL
        .iter()
        .map(|c| Code {
            code: c.code().to_string(),
            label: c.label().to_string(),
        })
        .collect()
}

/// All code lists, with the target groups as configured in this installation.
pub async fn code_lists(ctx: &AppContext) -> Result<CodeLists, AppError> {
    let mut tx = ctx.store.begin().await?;
    let groups = candidates::target_groups(&mut tx).await?;
    tx.commit().await?;
    Ok(CodeLists {
        roles: codes::<Role>(),
        clusters: codes::<Cluster>(),
        sectors: codes::<Sector>(),
        target_groups: groups
            .into_iter()
            .map(|g| Code {
                code: g.code,
                label: g.label,
            })
            .collect(),
        education_levels: codes::<EducationLevel>(),
        driving_licences: codes::<DrivingLicence>(),
        language_levels: codes::<LanguageLevel>(),
        contract_types: codes::<ContractType>(),
        vacancy_statuses: codes::<VacancyStatus>(),
        nomination_states: codes::<NominationState>(),
        decline_reasons: codes::<DeclineReason>(),
        not_placed_reasons: codes::<NotPlacedReason>(),
        instruments: codes::<Instrument>(),
        instrument_statuses: codes::<InstrumentStatus>(),
        benefits: codes::<Benefit>(),
        aftercare_outcomes: codes::<AftercareOutcome>(),
        contact_kinds: codes::<ContactKind>(),
        partnership_levels: codes::<PartnershipLevel>(),
        event_kinds: codes::<EventKind>(),
        attendance_statuses: codes::<AttendanceStatus>(),
    })
}

/// Advisers who can hold an account, as (id, name).
pub async fn advisers(ctx: &AppContext, _actor: &Actor) -> Result<Vec<Code>, AppError> {
    let mut tx = ctx.store.begin().await?;
    let list = users::list_with_roles(&mut tx, &["adviser"]).await?;
    tx.commit().await?;
    Ok(list
        .into_iter()
        .map(|u| Code {
            code: u.id.to_string(),
            label: format!("{} ({})", u.name, u.org_name),
        })
        .collect())
}

/// Taxonomy concepts of the given kinds whose label or alternative label contains `term`.
pub async fn search_taxonomy(
    ctx: &AppContext,
    _actor: &Actor,
    kinds: &[&str],
    term: &str,
) -> Result<Vec<koppel_store::taxonomy::Concept>, AppError> {
    let term = term.trim();
    if term.chars().count() < 2 {
        let mut e = koppel_domain::FieldErrors::new();
        e.push("q", "too_short", "Typ minstens 2 tekens.");
        return Err(AppError::Invalid(e));
    }
    let mut tx = ctx.store.begin().await?;
    let mut out = Vec::new();
    for kind in kinds {
        out.extend(koppel_store::taxonomy::search(&mut tx, kind, term, 20).await?);
    }
    tx.commit().await?;
    out.truncate(20);
    Ok(out)
}

/// The region's municipalities as (CBS code, name), for filters.
pub async fn municipalities(ctx: &AppContext, _actor: &Actor) -> Result<Vec<Code>, AppError> {
    let mut tx = ctx.store.begin().await?;
    let list = koppel_store::targets::municipalities(&mut tx).await?;
    tx.commit().await?;
    Ok(list
        .into_iter()
        .map(|m| Code {
            code: m.code,
            label: m.name,
        })
        .collect())
}
