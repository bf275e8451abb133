//! Candidate use cases. Candidates are personal data: every read and write goes through the actor's
//! scope and leaves one processing-log record per candidate.

use koppel_domain::permissions::Permission;
use koppel_store::candidates::{self as store, Candidate, CandidateFilter};
use koppel_store::{Page, Paged};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::input::{Flag, List, Text};
use crate::logging::activity;
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

mod validate;
use validate::validate;
pub(crate) use validate::{codes, languages, occupation_uri, skill_uris, validate_with};

/// The fields of a candidate, as sent by the API (JSON) or the handover form.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CandidateInput {
    #[schema(value_type = String)]
    #[serde(default)]
    pub first_name: Text,
    #[schema(value_type = String)]
    #[serde(default)]
    pub last_name: Text,
    #[schema(value_type = Option<String>)]
    pub email: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub phone: Option<Text>,
    #[schema(value_type = Option<String>, example = "1971AB")]
    pub postcode: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub city: Option<Text>,
    /// A target-group code (see `/api/v1/code-lists`).
    #[schema(value_type = String, example = "ww")]
    #[serde(default)]
    pub target_group: Text,
    #[schema(value_type = bool)]
    #[serde(default)]
    pub work_ready: Flag,
    /// Consent to be shared with (and proposed by) all partner organisations of the WSP.
    #[schema(value_type = bool)]
    #[serde(default)]
    pub consent_wsp: Flag,
    #[schema(value_type = Option<String>, format = Date)]
    pub consent_date: Option<Text>,
    #[schema(value_type = Option<String>, format = Date)]
    pub available_from: Option<Text>,
    #[schema(value_type = Option<i64>, minimum = 1, maximum = 60)]
    pub hours_per_week: Option<Text>,
    /// VUM work and thinking level code, 0-7.
    #[schema(value_type = Option<String>, example = "4")]
    pub education_level: Option<Text>,
    #[schema(value_type = Vec<String>, example = json!(["B"]))]
    #[serde(default)]
    pub driving_licences: List,
    /// Languages as ISO 639-3 code and level (VUM taalbeheersing), e.g. `nld:3`; with another
    /// level for writing, speaking first: `nld:3/2`.
    #[schema(value_type = Vec<String>, example = json!(["nld:3", "eng:2"]))]
    #[serde(default)]
    pub languages: List,
    #[schema(value_type = Option<i64>, minimum = 0, maximum = 300)]
    pub max_travel_km: Option<Text>,
    #[schema(value_type = Option<i64>)]
    pub consultant_id: Option<Text>,
    /// Skill URIs (ESCO / CompetentNL).
    #[schema(value_type = Vec<String>)]
    #[serde(default)]
    pub skills: List,
    /// The date the consultant assessed the candidate as work-ready.
    #[schema(value_type = Option<String>, format = Date)]
    pub work_ready_assessed_on: Option<Text>,
    /// What the consent covers: `wsp` or `wsp_vum`; required with consent.
    #[schema(value_type = Option<String>, example = "wsp")]
    pub consent_scope: Option<Text>,
    /// The evidence of the target group, e.g. the benefit decision.
    #[schema(value_type = Option<String>)]
    pub target_group_evidence: Option<Text>,
    #[schema(value_type = Option<String>, format = Date)]
    pub target_group_valid_until: Option<Text>,
    /// The candidate's own wishes.
    #[schema(value_type = Option<String>)]
    pub wishes: Option<Text>,
    /// The occupation the candidate aims for (ESCO or CompetentNL URI); matching counts it.
    #[schema(value_type = Option<String>)]
    pub desired_occupation_uri: Option<Text>,
}

impl CandidateInput {
    pub fn from_candidate(c: &Candidate) -> Self {
        let t = |s: Option<String>| s.map(Text);
        let split = |s: &str| {
            List(
                s.split(',')
                    .filter(|x| !x.is_empty())
                    .map(str::to_string)
                    .collect(),
            )
        };
        Self {
            first_name: Text(c.first_name.clone()),
            last_name: Text(c.last_name.clone()),
            email: t(c.email.clone()),
            phone: t(c.phone.clone()),
            postcode: t(c.postcode.clone()),
            city: Some(Text(c.city.clone())),
            target_group: Text(c.target_group.clone()),
            work_ready: Flag(c.work_ready),
            consent_wsp: Flag(c.consent_wsp),
            consent_date: c.consent_date.map(|d| Text(d.to_string())),
            available_from: c.available_from.map(|d| Text(d.to_string())),
            hours_per_week: c.hours_per_week.map(|h| Text(h.to_string())),
            education_level: t(c.education_level.clone()),
            driving_licences: split(&c.driving_licences),
            languages: split(&c.languages),
            max_travel_km: c.max_travel_km.map(|h| Text(h.to_string())),
            consultant_id: c.consultant_id.map(|h| Text(h.to_string())),
            skills: List(
                c.skills
                    .iter()
                    .map(|s| s.label.clone().unwrap_or_else(|| s.uri.clone()))
                    .collect(),
            ),
            work_ready_assessed_on: c.work_ready_assessed_on.map(|d| Text(d.to_string())),
            consent_scope: Some(Text(c.consent_scope.clone())),
            target_group_evidence: Some(Text(c.target_group_evidence.clone())),
            target_group_valid_until: c.target_group_valid_until.map(|d| Text(d.to_string())),
            wishes: Some(Text(c.wishes.clone())),
            desired_occupation_uri: c.desired_occupation_uri.clone().map(Text),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct CandidateQuery {
    /// Search in first name, last name and place.
    pub q: Option<String>,
    pub target_group: Option<String>,
    pub work_ready: Option<bool>,
    /// Only candidates the caller guides as their consultant.
    pub mine: Option<bool>,
    /// Sort by `naam`, `plaats` or `beschikbaar`; a leading `-` sorts descending.
    pub sort: Option<String>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

pub(crate) fn subject(id: i64) -> String {
    format!("candidate:{id}")
}

/// Candidates in the actor's scope; each one listed is logged as processed.
pub async fn list(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    q: &CandidateQuery,
) -> Result<Paged<Candidate>, AppError> {
    actor.require(Permission::ReadCandidates)?;
    let filter = CandidateFilter {
        q: q.q.clone(),
        target_group: q.target_group.clone().filter(|s| !s.is_empty()),
        work_ready: q.work_ready,
        org_id: None,
        consultant_id: (q.mine == Some(true)).then(|| actor.user_id()),
        sort: q.sort.clone(),
    };
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let page = store::list(
        &mut tx,
        actor.candidate_scope(),
        &filter,
        Page::new(q.page.unwrap_or(1), q.page_size.unwrap_or(25)),
    )
    .await?;
    let shown = page.items.iter().map(|c| subject(c.id)).collect::<Vec<_>>();
    tx.processed_each("candidate.list", activity::MEDIATION, shown)
        .await?;
    tx.commit().await?;
    Ok(page)
}

/// One candidate in scope, or `NotFound` (also when it exists outside the scope).
pub async fn get(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
) -> Result<Candidate, AppError> {
    actor.require(Permission::ReadCandidates)?;
    read_logged(ctx, actor, meta, actor.candidate_scope(), id).await
}

/// One candidate of the actor's own organisation, to edit; `NotFound` for anyone else's, even
/// one shared with consent.
pub async fn get_for_edit(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
) -> Result<Candidate, AppError> {
    actor.require(Permission::WriteCandidates)?;
    let owner = actor.candidate_scope().owner().ok_or(AppError::Forbidden)?;
    read_logged(ctx, actor, meta, owner.as_read_scope(), id).await
}

async fn read_logged(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    scope: koppel_domain::permissions::CandidateScope,
    id: i64,
) -> Result<Candidate, AppError> {
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let c = store::get(&mut tx, scope, id).await?;
    tx.processed("candidate.read", activity::MEDIATION, &subject(id))
        .await?;
    tx.commit().await?;
    Ok(c)
}

/// The consultant of a candidate is an active colleague in the actor's own organisation.
async fn own_consultant(
    tx: &mut koppel_store::Tx,
    actor: &Actor,
    consultant: Option<i64>,
) -> Result<(), AppError> {
    let Some(id) = consultant else {
        return Ok(());
    };
    let ok = koppel_store::users::get(tx, id)
        .await
        .is_ok_and(|u| u.active && u.org_id == actor.org_id());
    if ok {
        return Ok(());
    }
    let mut e = koppel_domain::FieldErrors::new();
    e.push(
        "consultantId",
        "unknown_consultant",
        "Kies een consulent van uw eigen organisatie.",
    );
    Err(AppError::Invalid(e))
}

/// Registers a candidate in the actor's own organisation (the warm handover).
pub async fn create(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    input: &CandidateInput,
) -> Result<Candidate, AppError> {
    actor.require(Permission::WriteCandidates)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let w = validate(&mut tx, input).await?;
    own_consultant(&mut tx, actor, w.consultant_id).await?;
    let id = store::insert(&mut tx, actor.org_id(), &w).await?;
    tx.processed("candidate.create", activity::MEDIATION, &subject(id))
        .await?;
    tx.audit("candidate.create", &subject(id)).await?;
    let c = store::get(&mut tx, actor.candidate_scope(), id).await?;
    tx.commit().await?;
    Ok(c)
}

pub async fn update(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
    version: i64,
    input: &CandidateInput,
) -> Result<Candidate, AppError> {
    actor.require(Permission::WriteCandidates)?;
    let owner = actor.candidate_scope().owner().ok_or(AppError::Forbidden)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let before = store::get(&mut tx, owner.as_read_scope(), id).await?;
    let w = validate(&mut tx, input).await?;
    own_consultant(&mut tx, actor, w.consultant_id).await?;
    store::update(&mut tx, owner, id, version, &w).await?;
    let after = store::get(&mut tx, owner.as_read_scope(), id).await?;
    crate::vum_source::edits::candidate_edited(&mut tx, &before, &after).await?;
    tx.processed("candidate.update", activity::MEDIATION, &subject(id))
        .await?;
    tx.audit("candidate.update", &subject(id)).await?;
    let c = store::get(&mut tx, actor.candidate_scope(), id).await?;
    tx.commit().await?;
    Ok(c)
}
