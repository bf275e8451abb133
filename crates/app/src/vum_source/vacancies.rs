//! The vacancy half of the source: `POST /vacatures/matches` and `GET /vacatures/{idVacature}`.

use chrono::NaiveDate;
use koppel_domain::values::Postcode;
use koppel_store::vacancies::{self, OfferRow};
use koppel_store::vum_documents;
use koppel_vum::contract::Kind;
use koppel_vum::vacancy::{detail, search_profile, VacancyFacts};
use serde_json::Value;

use super::{codes, documented, languages, question, skills_by_id, Answer, Offer, VumRefusal};
use crate::taxonomy_aliases::VumNames;
use crate::AppContext;

/// The published vacancies made in koppel (or one of them), in VUM's names.
async fn native(
    tx: &mut koppel_store::Tx,
    today: NaiveDate,
    id: Option<i64>,
) -> Result<Vec<VacancyFacts>, crate::AppError> {
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

/// Answers `POST /vacatures/matches`: the matches, and whether there were more than the maximum.
pub async fn matches(
    ctx: &AppContext,
    body: &Value,
    today: NaiveDate,
) -> Answer<(Vec<Value>, bool)> {
    let q = match question(body, Kind::Vacancy) {
        Ok(q) => q,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let mut tx = ctx.store.begin().await?;
    let mut offers = documented(vum_documents::offered_vacancies(&mut tx, today).await?);
    offers.extend(
        native(&mut tx, today, None)
            .await?
            .into_iter()
            .map(|f| Offer {
                id: f.id,
                postcode: Some(f.postcode.clone()),
                profile: search_profile(&f),
            }),
    );
    tx.commit().await?;
    let (found, more) = q.select(offers);
    Ok(Ok((found.into_iter().map(|o| o.profile).collect(), more)))
}

/// Answers `GET /vacatures/{idVacature}`: an imported document as it came, or the detail koppel
/// writes of a vacancy made in koppel (whose id is koppel's number).
pub async fn vacancy(ctx: &AppContext, id: &str, today: NaiveDate) -> Answer<Value> {
    let mut tx = ctx.store.begin().await?;
    if let Some((_, doc)) = vum_documents::offered_vacancy(&mut tx, today, id).await? {
        tx.commit().await?;
        return Ok(serde_json::from_str(&doc).map_err(|_| VumRefusal::NotFound));
    }
    let found = match id.parse::<i64>() {
        Ok(n) => native(&mut tx, today, Some(n)).await?.pop(),
        Err(_) => None,
    };
    tx.commit().await?;
    Ok(found.map(|f| detail(&f)).ok_or(VumRefusal::NotFound))
}
