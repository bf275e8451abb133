//! koppel as a VUM source (Bron) for vacancies: answering selection queries with the search
//! profiles of published, open vacancies within the requested area, and giving the detail of one.
//! Only vacancies marked for publication are offered; nothing in them names a person.

use std::collections::HashMap;

use chrono::NaiveDate;
use koppel_domain::values::Postcode;
use koppel_store::vacancies::{self, OfferRow};
use koppel_vum::vacancy::{detail, search_profile, VacancyFacts};
use koppel_vum::{Query, SelectionError};
use serde_json::Value;

use crate::taxonomy_aliases::VumNames;
use crate::{AppContext, AppError};

/// At most this many matches per query (the standard's default).
pub const MAX_MATCHES: usize = 100;

/// The fields of the `MPVacature` selection this source evaluates.
const SUPPORTED: &[&str] = &[
    "beroep.codeBeroepsnaam",
    "codeWerkEnDenkniveauMinimaal",
    "datumAanvangWerkzaamheden",
    "arbeidsVoorwaarden.datumAanvangWerkzaamheden",
    "flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst",
    "rijbewijs",
    "taalbeheersing",
    "werktijden.aantalWerkurenPerWeekMaximaal",
    "werktijden.aantalWerkurenPerWeekMinimaal",
];

/// A request the source refuses, in the contract's error model.
#[derive(Debug, Clone, PartialEq)]
pub enum VumRefusal {
    /// 400: the query is not in the language, or the area is missing or wrong.
    BadRequest {
        message: String,
        details: String,
    },
    NotFound,
}

impl From<SelectionError> for VumRefusal {
    fn from(e: SelectionError) -> Self {
        VumRefusal::BadRequest {
            message: "De selectievraag valt buiten de selectietaal.".into(),
            details: e.to_string(),
        }
    }
}

/// Skill URIs per row id, from (id, skill) pairs.
fn skills_by_id(pairs: Vec<(i64, String)>) -> HashMap<i64, Vec<String>> {
    let mut map: HashMap<i64, Vec<String>> = HashMap::new();
    for (id, skill) in pairs {
        map.entry(id).or_default().push(skill);
    }
    map
}

/// What koppel offers of its published vacancies (or one of them), in VUM's names.
async fn offered(
    tx: &mut koppel_store::Tx,
    today: NaiveDate,
    id: Option<i64>,
) -> Result<Vec<VacancyFacts>, AppError> {
    let rows = vacancies::offered(tx, today, id).await?;
    let mut skills = skills_by_id(vacancies::offered_skills(tx).await?);
    let names = VumNames::load(tx).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let skills = skills.remove(&r.id).unwrap_or_default();
            facts(r, skills, &names)
        })
        .collect())
}

fn facts(r: OfferRow, skills: Vec<String>, names: &VumNames) -> Option<VacancyFacts> {
    let postcode = r
        .postcode
        .and_then(|p| Postcode::parse(&p).ok())?
        .into_string();
    Some(VacancyFacts {
        id: r.id,
        title: r.title,
        description: r.description,
        postcode,
        occupation_uri: r.occupation_uri.map(|o| names.name(&o)),
        skills: skills.iter().map(|s| names.name(s)).collect(),
        education_level: r.education_level,
        hours_per_week: r.hours_per_week,
        contract_type: r.contract_type,
        driving_licences: codes(&r.driving_licences),
        languages: languages(&r.languages),
        closing_date: r.closing_date.map(|d| d.to_string()),
        start_date: None,
        employer_name: r.employer_name,
        employer_website: r.employer_website,
    })
}

fn pc4(postcode: &str) -> Option<u16> {
    postcode.get(..4)?.parse().ok()
}

/// Driving-licence codes as stored (`B,C`).
fn codes(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Languages as stored (`nld:3,eng:2`), as (code, level).
fn languages(stored: &str) -> Vec<(String, i64)> {
    stored
        .split(',')
        .filter_map(|l| l.split_once(':'))
        .filter_map(|(code, level)| Some((code.to_string(), level.parse().ok()?)))
        .collect()
}

/// A selection question, checked: its criteria and its area.
struct Question {
    query: Query,
    centre: u16,
    distance_km: f64,
}

fn bad_request(message: &str, details: impl Into<String>) -> VumRefusal {
    VumRefusal::BadRequest {
        message: message.into(),
        details: details.into(),
    }
}

/// Reads `vraagObject` of a request: the mandatory `selectiegebied` and the criteria on the
/// `supported` fields; anything outside the language is refused.
fn question(body: &Value, supported: &[&str]) -> Result<Question, VumRefusal> {
    let question = body
        .get("vraagObject")
        .ok_or_else(|| bad_request("Het verzoek mist vraagObject.", "vraagObject is verplicht"))?;
    let area = question.get("selectiegebied");
    let postcode = area
        .and_then(|a| a.get("postcode"))
        .and_then(Value::as_str)
        .and_then(|p| Postcode::parse(p).ok());
    let distance = area
        .and_then(|a| a.get("afstand"))
        .and_then(Value::as_i64)
        .filter(|d| (0..=1000).contains(d));
    let (Some(postcode), Some(distance)) = (postcode, distance) else {
        return Err(bad_request(
            "Het selectiegebied ontbreekt of is onjuist.",
            "selectiegebied vraagt een postcode (zoals 2011AB) en een afstand in kilometers van 0 tot 1000",
        ));
    };
    let query = Query::parse(question, &["selectiegebied"], Some(supported))?;
    let centre = pc4(postcode.as_str()).ok_or_else(|| {
        bad_request(
            "Onbekende postcode in het selectiegebied.",
            postcode.into_string(),
        )
    })?;
    Ok(Question {
        query,
        centre,
        distance_km: distance as f64,
    })
}

impl Question {
    /// The documents (with their id and postcode) within the area that meet the criteria, nearest
    /// first and then by id, at most `MAX_MATCHES`; and whether there were more.
    fn select(
        &self,
        items: impl Iterator<Item = (i64, String, Value)>,
    ) -> (Vec<(i64, Value)>, bool) {
        let centroids = crate::matching::centroids();
        let mut found: Vec<(f64, i64, Value)> = items
            .filter_map(|(id, postcode, doc)| {
                let km = centroids.distance_km(self.centre, pc4(&postcode)?)?;
                (km <= self.distance_km && self.query.matches(&doc)).then_some((km, id, doc))
            })
            .collect();
        found.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let more = found.len() > MAX_MATCHES;
        (
            found
                .into_iter()
                .take(MAX_MATCHES)
                .map(|(_, id, doc)| (id, doc))
                .collect(),
            more,
        )
    }
}

/// Answers `POST /vacatures/matches`: the matches, and whether there were more than the maximum.
pub async fn matches(
    ctx: &AppContext,
    body: &Value,
    today: NaiveDate,
) -> Result<Result<(Vec<Value>, bool), VumRefusal>, AppError> {
    let q = match question(body, SUPPORTED) {
        Ok(q) => q,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let mut tx = ctx.store.begin().await?;
    let offers = offered(&mut tx, today, None).await?;
    tx.commit().await?;
    let docs = offers
        .into_iter()
        .map(|f| (f.id, f.postcode.clone(), search_profile(&f)));
    let (found, more) = q.select(docs);
    Ok(Ok((found.into_iter().map(|(_, doc)| doc).collect(), more)))
}

/// Answers `GET /vacatures/{idVacature}`.
pub async fn vacancy(
    ctx: &AppContext,
    id: &str,
    today: NaiveDate,
) -> Result<Result<Value, VumRefusal>, AppError> {
    let Ok(id) = id.parse::<i64>() else {
        return Ok(Err(VumRefusal::NotFound));
    };
    let mut tx = ctx.store.begin().await?;
    let found = offered(&mut tx, today, Some(id)).await?.pop();
    tx.commit().await?;
    Ok(found.map(|f| detail(&f)).ok_or(VumRefusal::NotFound))
}

/// Records a VUM request in the audit log: who asked (the OIN of the client certificate, or
/// `onbekend` on the development listener without TLS), what, and how it ended.
pub async fn record(
    ctx: &AppContext,
    caller: Option<&str>,
    origin: Option<&str>,
    action: &str,
    object: &str,
    result: &str,
) -> Result<(), AppError> {
    let mut tx = ctx.store.begin().await?;
    let actor = format!("oin:{}", caller.unwrap_or("onbekend"));
    let meta = crate::Meta {
        origin: format!("vum:{}", origin.unwrap_or("onbekend")),
        trace_id: crate::auth::random_hex(16),
    };
    crate::logging::audit(&mut tx, &actor, action, object, result, &meta).await?;
    tx.commit().await?;
    Ok(())
}

/// The VUM selection (`MPVacature`) for vacancies near a candidate: the candidate's postcode and
/// travel distance (25 km when unknown) as the area, and their hours. Nothing that names them
/// leaves koppel; the question is written to the processing log as a processing of the candidate.
pub async fn question_for_candidate(
    ctx: &AppContext,
    actor: &crate::Actor,
    meta: &crate::Meta,
    id: i64,
) -> Result<Result<Value, String>, AppError> {
    let c = crate::candidates::get(ctx, actor, meta, id).await?;
    let Some(postcode) = c.postcode.as_deref().and_then(|p| Postcode::parse(p).ok()) else {
        return Ok(Err(
            "Deze kandidaat heeft geen postcode; zonder selectiegebied kan VUM niet zoeken.".into(),
        ));
    };
    let mut question = serde_json::json!({
        "selectiegebied": {"postcode": postcode.as_str(), "afstand": c.max_travel_km.unwrap_or(25).clamp(1, 1000)}
    });
    if let Some(h) = c.hours_per_week.filter(|h| (1..=99).contains(h)) {
        question["werktijden.aantalWerkurenPerWeekMinimaal"] = serde_json::json!({"$lte": h});
    }
    let mut tx = ctx.store.begin().await?;
    crate::logging::processing(
        &mut tx,
        ctx,
        actor,
        meta,
        "candidate.vum_search",
        crate::logging::activity::MEDIATION,
        &crate::candidates::subject(id),
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(question))
}

/// The fields of the `MPWerkzoekende` selection this source evaluates.
const SUPPORTED_PROFILE: &[&str] = &[
    "bemiddelingsberoep",
    "arbeidsmarktkwalificatie.rijbewijs",
    "arbeidsmarktkwalificatie.taalbeheersing",
    "werktijden.aantalWerkurenPerWeekMaximaal",
    "werktijden.aantalWerkurenPerWeekMinimaal",
];

/// The opaque VUM id of a candidate: a keyed pseudonym, so it says nothing about them or about koppel.
fn jobseeker_id(ctx: &AppContext, id: i64) -> String {
    crate::logging::pseudonym(ctx, &format!("vum:candidate:{id}"))
}

/// The candidates koppel offers to VUM, in VUM's names: (candidate id, profile facts).
async fn jobseekers(
    ctx: &AppContext,
    tx: &mut koppel_store::Tx,
) -> Result<Vec<(i64, koppel_vum::jobseeker::JobSeekerFacts)>, AppError> {
    let rows = koppel_store::candidates::offered_to_vum(tx).await?;
    let mut skills = skills_by_id(koppel_store::candidates::vum_skills(tx).await?);
    let names = VumNames::load(tx).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let postcode = r
                .postcode
                .and_then(|p| Postcode::parse(&p).ok())?
                .into_string();
            Some((
                r.id,
                koppel_vum::jobseeker::JobSeekerFacts {
                    id: jobseeker_id(ctx, r.id),
                    postcode,
                    max_travel_km: r.max_travel_km,
                    occupation_uri: r.desired_occupation_uri.map(|o| names.name(&o)),
                    education_level: r.education_level,
                    hours_per_week: r.hours_per_week,
                    driving_licences: codes(&r.driving_licences),
                    languages: languages(&r.languages),
                    skills: skills
                        .remove(&r.id)
                        .unwrap_or_default()
                        .iter()
                        .map(|s| names.name(s))
                        .collect(),
                },
            ))
        })
        .collect())
}

/// Answers `POST /werkzoekendeProfielen/matches`: profiles of candidates whose consent covers VUM,
/// within the area, nearest first, at most 100. Each profile offered is logged as a processing.
pub async fn profile_matches(
    ctx: &AppContext,
    body: &Value,
) -> Result<Result<(Vec<Value>, bool), VumRefusal>, AppError> {
    let q = match question(body, SUPPORTED_PROFILE) {
        Ok(q) => q,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let mut tx = ctx.store.begin().await?;
    let docs = jobseekers(ctx, &mut tx)
        .await?
        .into_iter()
        .map(|(id, j)| (id, j.postcode.clone(), koppel_vum::jobseeker::profile(&j)));
    let (found, more) = q.select(docs);
    for (id, _) in &found {
        crate::logging::processing_by(
            &mut tx,
            ctx,
            None,
            &crate::Meta::local("vum"),
            "candidate.vum_offer",
            crate::logging::activity::MEDIATION,
            &crate::candidates::subject(*id),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Ok((found.into_iter().map(|(_, doc)| doc).collect(), more)))
}

/// Answers `GET /werkzoekendeProfielen/{idWerkzoekende}`.
pub async fn profile(
    ctx: &AppContext,
    vum_id: &str,
) -> Result<Result<Value, VumRefusal>, AppError> {
    let mut tx = ctx.store.begin().await?;
    let found = jobseekers(ctx, &mut tx)
        .await?
        .into_iter()
        .find(|(_, j)| j.id == vum_id);
    if let Some((id, _)) = &found {
        crate::logging::processing_by(
            &mut tx,
            ctx,
            None,
            &crate::Meta::local("vum"),
            "candidate.vum_detail",
            crate::logging::activity::MEDIATION,
            &crate::candidates::subject(*id),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(found
        .map(|(_, j)| koppel_vum::jobseeker::profile(&j))
        .ok_or(VumRefusal::NotFound))
}

/// The VUM selection (`MPWerkzoekende`) for job seekers near a vacancy: its place of work (or its
/// employer's postcode) with 25 km as the area. A vacancy is not personal data; nothing is logged
/// beyond the audit of the request.
pub async fn question_for_vacancy(
    ctx: &AppContext,
    actor: &crate::Actor,
    id: i64,
) -> Result<Result<Value, String>, AppError> {
    let v = crate::vacancies::get(ctx, actor, id).await?;
    let mut tx = ctx.store.begin().await?;
    let employer = koppel_store::employers::get(&mut tx, v.employer_id).await?;
    tx.commit().await?;
    let Some(postcode) = v
        .postcode
        .or(employer.postcode)
        .and_then(|p| Postcode::parse(&p).ok())
    else {
        return Ok(Err("Deze vacature en haar werkgever hebben geen postcode; zonder selectiegebied kan VUM niet zoeken.".into()));
    };
    Ok(Ok(
        serde_json::json!({"selectiegebied": {"postcode": postcode.as_str(), "afstand": 25}}),
    ))
}
