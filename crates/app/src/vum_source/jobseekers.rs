//! The job-seeker half of the source: `POST /werkzoekendeProfielen/matches` and
//! `GET /werkzoekendeProfielen/{idWerkzoekende}`. Every profile given is a processing of the
//! candidate's personal data and is logged as one.

use koppel_domain::values::Postcode;
use koppel_store::vum_documents;
use koppel_vum::contract::Kind;
use koppel_vum::jobseeker::{profile as written, JobSeekerFacts};
use serde_json::Value;

use super::{codes, documented, languages, question, skills_by_id, Answer, Offer, VumRefusal};
use crate::taxonomy_aliases::VumNames;
use crate::{AppContext, AppError};

/// The opaque VUM id of a candidate made in koppel: a keyed pseudonym, so it says nothing about
/// them or about koppel.
pub(crate) fn jobseeker_id(ctx: &AppContext, id: i64) -> String {
    crate::logging::pseudonym(ctx, &format!("vum:candidate:{id}"))
}

/// The candidates made in koppel that are offered to VUM, in VUM's names.
async fn native(
    ctx: &AppContext,
    tx: &mut koppel_store::Tx,
) -> Result<Vec<(i64, JobSeekerFacts)>, AppError> {
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
            let skills = skills.remove(&r.id).unwrap_or_default();
            Some((
                r.id,
                JobSeekerFacts {
                    id: jobseeker_id(ctx, r.id),
                    postcode,
                    max_travel_km: r.max_travel_km,
                    occupation_uri: r.desired_occupation_uri.map(|o| names.name(&o)),
                    education_level: r.education_level,
                    hours_per_week: r.hours_per_week,
                    driving_licences: codes(&r.driving_licences),
                    languages: languages(&r.languages),
                    skills: skills.iter().map(|s| names.name(s)).collect(),
                    available_from: r.available_from.map(|d| d.to_string()),
                },
            ))
        })
        .collect())
}

/// Logs that a candidate's profile left koppel.
async fn offered(
    ctx: &AppContext,
    tx: &mut koppel_store::Tx,
    name: &str,
    id: i64,
) -> Result<(), AppError> {
    crate::logging::processing_by(
        tx,
        ctx,
        None,
        &crate::Meta::local("vum"),
        name,
        crate::logging::activity::MEDIATION,
        &crate::candidates::subject(id),
    )
    .await
}

/// Answers `POST /werkzoekendeProfielen/matches`: profiles of candidates whose consent covers VUM,
/// within the area, nearest first, at most 100. Each profile offered is logged as a processing.
pub async fn profile_matches(ctx: &AppContext, body: &Value) -> Answer<(Vec<Value>, bool)> {
    let q = match question(body, Kind::JobSeeker) {
        Ok(q) => q,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let mut tx = ctx.store.begin().await?;
    let mut offers = documented(vum_documents::offered_candidates(&mut tx).await?);
    offers.extend(
        native(ctx, &mut tx)
            .await?
            .into_iter()
            .map(|(id, j)| Offer {
                id,
                postcode: Some(j.postcode.clone()),
                profile: written(&j),
            }),
    );
    let (found, more) = q.select(offers);
    for o in &found {
        offered(ctx, &mut tx, "candidate.vum_offer", o.id).await?;
    }
    tx.commit().await?;
    Ok(Ok((found.into_iter().map(|o| o.profile).collect(), more)))
}

/// Answers `GET /werkzoekendeProfielen/{idWerkzoekende}`: an imported document as it came, or
/// the profile koppel writes of a candidate made in koppel.
pub async fn profile(ctx: &AppContext, vum_id: &str) -> Answer<Value> {
    let mut tx = ctx.store.begin().await?;
    let found = match vum_documents::offered_candidate(&mut tx, vum_id).await? {
        Some((id, doc)) => serde_json::from_str(&doc).ok().map(|d| (id, d)),
        None => native(ctx, &mut tx)
            .await?
            .into_iter()
            .find(|(_, j)| j.id == vum_id)
            .map(|(id, j)| (id, written(&j))),
    };
    if let Some((id, _)) = &found {
        offered(ctx, &mut tx, "candidate.vum_detail", *id).await?;
    }
    tx.commit().await?;
    Ok(found.map(|(_, doc)| doc).ok_or(VumRefusal::NotFound))
}
