//! Vacancy use cases: list, show, create, update. Vacancies are shared by all partners of the WSP.

use koppel_domain::codes::{
    Cluster, CodeList, ContractType, DrivingLicence, EducationLevel, Sector, VacancyStatus,
};
use koppel_domain::permissions::Permission;
use koppel_domain::values::{date, int_in_range, optional_text, required_text, Postcode};
use koppel_domain::FieldErrors;
use koppel_store::vacancies::{self as store, JobCarving, Vacancy, VacancyFilter, VacancyWrite};
use koppel_store::{employers, Page, Paged, Tx};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::candidates::{codes, languages, occupation_uri, skill_uris};
use crate::employers::invalid;
use crate::input::{opt, Flag, List, Text};
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

/// The fields of a vacancy, as sent by the API (JSON) or the intake form.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct VacancyInput {
    #[schema(value_type = i64)]
    #[serde(default)]
    pub employer_id: Text,
    #[schema(value_type = String, example = "Medewerker bediening")]
    #[serde(default)]
    pub title: Text,
    #[schema(value_type = Option<String>)]
    pub description: Option<Text>,
    /// An ESCO or CompetentNL occupation URI.
    #[schema(value_type = Option<String>)]
    pub occupation_uri: Option<Text>,
    #[schema(value_type = Option<i64>, minimum = 1, maximum = 60)]
    pub hours_per_week: Option<Text>,
    #[schema(value_type = Option<String>, example = "temporary")]
    pub contract_type: Option<Text>,
    #[schema(value_type = Option<String>, example = "3")]
    pub education_level: Option<Text>,
    #[schema(value_type = Vec<String>)]
    #[serde(default)]
    pub driving_licences: List,
    /// Languages asked, as for a candidate: `nld:2`, or speaking and writing apart: `nld:3/2`.
    #[schema(value_type = Vec<String>, example = json!(["nld:2"]))]
    #[serde(default)]
    pub languages: List,
    #[schema(value_type = Option<String>)]
    pub postcode: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub city: Option<Text>,
    #[schema(value_type = Option<String>, format = Date)]
    pub closing_date: Option<Text>,
    #[schema(value_type = Option<i64>, minimum = 1)]
    pub positions: Option<Text>,
    #[schema(value_type = Option<String>, example = "open")]
    pub status: Option<Text>,
    /// Publish in the vacancy paper.
    #[schema(value_type = bool)]
    #[serde(default)]
    pub publish: Flag,
    /// Essential skill URIs.
    #[schema(value_type = Vec<String>)]
    #[serde(default)]
    pub essential_skills: List,
    /// Optional skill URIs.
    #[schema(value_type = Vec<String>)]
    #[serde(default)]
    pub optional_skills: List,
    /// Created by job carving (functiecreatie).
    #[schema(value_type = bool)]
    #[serde(default)]
    pub job_carving: Flag,
    /// The tasks split off into this job; required with job carving.
    #[schema(value_type = Option<String>)]
    pub carved_tasks: Option<Text>,
    /// The existing jobs they were split off from; required with job carving.
    #[schema(value_type = Option<String>)]
    pub carved_from: Option<Text>,
    /// The candidate the job was made for (one the caller may see).
    #[schema(value_type = Option<i64>)]
    pub carved_for_candidate_id: Option<Text>,
    /// Target-group codes the vacancy is open to (e.g. only `banenafspraak`); empty means all.
    #[schema(value_type = Vec<String>)]
    #[serde(default)]
    pub eligible_target_groups: List,
}

impl VacancyInput {
    pub fn from_vacancy(v: &Vacancy) -> Self {
        let t = |s: Option<String>| s.map(Text);
        let split = |s: &str| {
            List(
                s.split(',')
                    .filter(|x| !x.is_empty())
                    .map(str::to_string)
                    .collect(),
            )
        };
        let skills = |essential: bool| {
            List(
                v.skills
                    .iter()
                    .filter(|s| s.essential == essential)
                    .map(|s| s.label.clone().unwrap_or_else(|| s.uri.clone()))
                    .collect(),
            )
        };
        Self {
            employer_id: Text(v.employer_id.to_string()),
            title: Text(v.title.clone()),
            description: Some(Text(v.description.clone())),
            occupation_uri: t(v.occupation_uri.clone()),
            hours_per_week: v.hours_per_week.map(|h| Text(h.to_string())),
            contract_type: t(v.contract_type.clone()),
            education_level: t(v.education_level.clone()),
            driving_licences: split(&v.driving_licences),
            languages: split(&v.languages),
            postcode: t(v.postcode.clone()),
            city: Some(Text(v.city.clone())),
            closing_date: v.closing_date.map(|d| Text(d.to_string())),
            positions: Some(Text(v.positions.to_string())),
            status: Some(Text(v.status.clone())),
            publish: Flag(v.publish),
            essential_skills: skills(true),
            optional_skills: skills(false),
            job_carving: Flag(v.job_carving),
            carved_tasks: Some(Text(v.carved_tasks.clone())),
            carved_from: Some(Text(v.carved_from.clone())),
            carved_for_candidate_id: v.carved_for_candidate_id.map(|i| Text(i.to_string())),
            eligible_target_groups: List(
                v.eligible_target_groups
                    .split(',')
                    .filter(|g| !g.is_empty())
                    .map(str::to_string)
                    .collect(),
            ),
        }
    }
}

async fn validate(
    tx: &mut Tx,
    actor: &Actor,
    input: &VacancyInput,
) -> Result<VacancyWrite, AppError> {
    let mut e = FieldErrors::new();
    let employer_id = match input.employer_id.as_str().trim().parse::<i64>() {
        Ok(id) if employers::get(tx, id).await.is_ok() => Some(id),
        _ => {
            e.push(
                "employerId",
                "unknown_employer",
                "Kies een bestaande werkgever.",
            );
            None
        }
    };
    let title = e.check("title", required_text(input.title.as_str(), 200));
    let description = e
        .check(
            "description",
            optional_text(opt(&input.description), 10_000),
        )
        .flatten()
        .unwrap_or_default();
    let occupation =
        occupation_uri(tx, &mut e, "occupationUri", opt(&input.occupation_uri)).await?;
    let hours =
        opt(&input.hours_per_week).and_then(|s| e.check("hoursPerWeek", int_in_range(s, 1, 60)));
    let contract =
        opt(&input.contract_type).and_then(|s| e.check("contractType", ContractType::parse(s)));
    let education = opt(&input.education_level)
        .and_then(|s| e.check("educationLevel", EducationLevel::parse(s)));
    let licences = codes::<DrivingLicence>(&mut e, "drivingLicences", &input.driving_licences);
    let langs = languages(&mut e, &input.languages);
    let postcode = opt(&input.postcode).and_then(|s| e.check("postcode", Postcode::parse(s)));
    let city = e
        .check("city", optional_text(opt(&input.city), 100))
        .flatten()
        .unwrap_or_default();
    let closing = opt(&input.closing_date).and_then(|s| e.check("closingDate", date(s)));
    let positions = match opt(&input.positions) {
        None => Some(1),
        Some(s) => e.check("positions", int_in_range(s, 1, 1000)),
    };
    let status = match opt(&input.status) {
        None => Some(VacancyStatus::Draft),
        Some(s) => e.check("status", VacancyStatus::parse(s)),
    };
    let skills =
        vacancy_skills(tx, &mut e, &input.essential_skills, &input.optional_skills).await?;
    let eligible = eligible_groups(tx, &mut e, input).await?;
    let mut carving = job_carving(tx, actor, &mut e, input).await?;
    carving.eligible_target_groups = eligible.join(",");
    let (Some(employer_id), Some(title), Some(positions), Some(status)) =
        (employer_id, title, positions, status)
    else {
        return Err(AppError::Invalid(e));
    };
    e.into_result()?;
    Ok(VacancyWrite {
        employer_id,
        title,
        description,
        occupation_uri: occupation,
        hours_per_week: hours,
        contract_type: contract.map(|c| c.code().to_string()),
        education_level: education.map(|l| l.code().to_string()),
        driving_licences: licences,
        languages: langs,
        postcode: postcode.map(Postcode::into_string),
        city,
        closing_date: closing,
        positions,
        status: status.code().to_string(),
        publish: input.publish.0,
        skills,
        carving,
    })
}

/// The essential skills, then the optional ones not already essential: (URI, essential).
pub(crate) async fn vacancy_skills(
    tx: &mut Tx,
    e: &mut FieldErrors,
    essential: &List,
    optional: &List,
) -> Result<Vec<(String, bool)>, AppError> {
    let mut skills: Vec<(String, bool)> = skill_uris(tx, e, "essentialSkills", essential)
        .await?
        .into_iter()
        .map(|s| (s, true))
        .collect();
    for s in skill_uris(tx, e, "optionalSkills", optional).await? {
        if !skills.iter().any(|(u, _)| *u == s) {
            skills.push((s, false));
        }
    }
    Ok(skills)
}

/// The target groups the vacancy is open to, by code or label (none: open to all).
async fn eligible_groups(
    tx: &mut Tx,
    e: &mut FieldErrors,
    input: &VacancyInput,
) -> Result<Vec<String>, AppError> {
    let groups = koppel_store::candidates::target_groups(tx).await?;
    let mut eligible: Vec<String> = Vec::new();
    for g in &input.eligible_target_groups.0 {
        match groups
            .iter()
            .find(|t| t.code == *g || t.label.eq_ignore_ascii_case(g))
        {
            Some(t) if !eligible.contains(&t.code) => eligible.push(t.code.clone()),
            Some(_) => {}
            None => e.push(
                "eligibleTargetGroups",
                "unknown_code",
                format!("Onbekende doelgroep: '{g}'."),
            ),
        }
    }
    Ok(eligible)
}

/// Job carving (functiecreatie): the tasks carved out, where from, and for which candidate.
async fn job_carving(
    tx: &mut Tx,
    actor: &Actor,
    e: &mut FieldErrors,
    input: &VacancyInput,
) -> Result<JobCarving, AppError> {
    Ok(if input.job_carving.0 {
        let tasks = e.check(
            "carvedTasks",
            required_text(opt(&input.carved_tasks).unwrap_or_default(), 2000),
        );
        let from = e.check(
            "carvedFrom",
            required_text(opt(&input.carved_from).unwrap_or_default(), 500),
        );
        let candidate = match opt(&input.carved_for_candidate_id) {
            None => None,
            Some(s) => match s.parse::<i64>() {
                Ok(id)
                    if koppel_store::candidates::get(tx, actor.candidate_scope(), id)
                        .await
                        .is_ok() =>
                {
                    Some(id)
                }
                _ => {
                    e.push(
                        "carvedForCandidateId",
                        "unknown_candidate",
                        "Deze kandidaat bestaat niet of is niet voor u zichtbaar.",
                    );
                    None
                }
            },
        };
        JobCarving {
            job_carving: true,
            carved_tasks: tasks.unwrap_or_default(),
            carved_from: from.unwrap_or_default(),
            carved_for_candidate_id: candidate,
            eligible_target_groups: String::new(),
        }
    } else {
        JobCarving::default()
    })
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct VacancyQuery {
    /// Search in title, employer name and place.
    pub q: Option<String>,
    pub status: Option<String>,
    pub employer_id: Option<i64>,
    pub cluster: Option<String>,
    /// Only vacancies at employers whose account the caller holds.
    pub mine: Option<bool>,
    /// Sort by `titel`, `werkgever`, `plaats`, `sluitingsdatum` or `nieuw`; a leading `-` sorts
    /// descending (default: newest first).
    pub sort: Option<String>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

pub async fn list(
    ctx: &AppContext,
    actor: &Actor,
    q: &VacancyQuery,
) -> Result<Paged<Vacancy>, AppError> {
    actor.require(Permission::ReadEmployers)?;
    let status = match q.status.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Some(
            VacancyStatus::parse(s)
                .map_err(|e| invalid("status", e))?
                .code()
                .to_string(),
        ),
        None => None,
    };
    let sectors = match q.cluster.as_deref().filter(|s| !s.is_empty()) {
        Some(c) => Cluster::parse(c)
            .map_err(|e| invalid("cluster", e))?
            .sectors()
            .iter()
            .map(|s: &Sector| s.code().to_string())
            .collect(),
        None => Vec::new(),
    };
    let filter = VacancyFilter {
        q: q.q.clone(),
        status,
        employer_id: q.employer_id,
        sectors,
        account_holder_id: (q.mine == Some(true)).then(|| actor.user_id()),
        sort: q.sort.clone(),
        ..Default::default()
    };
    let mut tx = ctx.store.read().await?;
    let page = store::list(
        &mut tx,
        &filter,
        Page::new(q.page.unwrap_or(1), q.page_size.unwrap_or(25)),
    )
    .await?;
    let mut page = page;
    for v in &mut page.items {
        hide_carved_candidate(&mut tx, actor, v).await?;
    }
    tx.commit().await?;
    Ok(page)
}

pub async fn get(ctx: &AppContext, actor: &Actor, id: i64) -> Result<Vacancy, AppError> {
    actor.require(Permission::ReadEmployers)?;
    let mut tx = ctx.store.read().await?;
    let mut v = store::get(&mut tx, id).await?;
    hide_carved_candidate(&mut tx, actor, &mut v).await?;
    tx.commit().await?;
    Ok(v)
}

pub async fn create(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    input: &VacancyInput,
) -> Result<Vacancy, AppError> {
    actor.require(Permission::WriteVacancies)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let w = validate(&mut tx, actor, input).await?;
    let id = store::insert(&mut tx, &w, Some(actor.user_id())).await?;
    tx.audit("vacancy.create", &format!("vacancy:{id}")).await?;
    let mut v = store::get(&mut tx, id).await?;
    hide_carved_candidate(&mut tx, actor, &mut v).await?;
    tx.commit().await?;
    Ok(v)
}

pub async fn update(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
    version: i64,
    input: &VacancyInput,
) -> Result<Vacancy, AppError> {
    actor.require(Permission::WriteVacancies)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let mut w = validate(&mut tx, actor, input).await?;
    keep_hidden_carved_candidate(&mut tx, actor, id, &mut w).await?;
    let before = store::get(&mut tx, id).await?;
    store::update(&mut tx, id, version, &w).await?;
    let after = store::get(&mut tx, id).await?;
    crate::vum_source::edits::vacancy_edited(&mut tx, &before, &after).await?;
    tx.audit("vacancy.update", &format!("vacancy:{id}")).await?;
    let mut v = store::get(&mut tx, id).await?;
    hide_carved_candidate(&mut tx, actor, &mut v).await?;
    tx.commit().await?;
    Ok(v)
}

/// A vacancy carved out for a candidate names that candidate only to those who may see them.
async fn hide_carved_candidate(
    tx: &mut Tx,
    actor: &Actor,
    v: &mut Vacancy,
) -> Result<(), AppError> {
    if let Some(id) = v.carved_for_candidate_id {
        let visible = actor.can(Permission::ReadCandidates)
            && koppel_store::candidates::get(tx, actor.candidate_scope(), id)
                .await
                .is_ok();
        if !visible {
            v.carved_for_candidate_id = None;
        }
    }
    Ok(())
}

/// An editor who cannot see the candidate a vacancy was carved out for keeps that link unchanged
/// (their form could not show it, so its empty field is no request to remove it).
async fn keep_hidden_carved_candidate(
    tx: &mut Tx,
    actor: &Actor,
    id: i64,
    w: &mut VacancyWrite,
) -> Result<(), AppError> {
    let mut stored = store::get(tx, id).await?;
    let existing = stored.carved_for_candidate_id;
    hide_carved_candidate(tx, actor, &mut stored).await?;
    if existing.is_some() && stored.carved_for_candidate_id.is_none() && w.carving.job_carving {
        w.carving.carved_for_candidate_id = w.carving.carved_for_candidate_id.or(existing);
    }
    Ok(())
}
