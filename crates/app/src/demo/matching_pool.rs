//! Loads the matching benchmark's synthetic pool into the store (organisations, candidates and
//! their skills, in bulk), so rebuilding the index from the store can be measured.

use chrono::Utc;
use koppel_matching::CandidateProfile;
use koppel_store::Val;

use crate::{AppContext, AppError};

const BATCH: usize = 2_000;

/// Inserts the profiles as candidates (their ids kept) of organisations 1 to the highest
/// organisation id they name; the store must be empty.
pub async fn load(ctx: &AppContext, pool: &[CandidateProfile]) -> Result<(), AppError> {
    let now = Utc::now();
    let mut tx = ctx.store.begin().await?;
    let orgs = pool.iter().map(|p| p.org_id).max().unwrap_or(0);
    let rows: Vec<Vec<Val>> = (1..=orgs)
        .map(|i| {
            koppel_store::vals![
                i,
                format!("Organisatie {i}"),
                format!("org{i}"),
                "reintegration_company",
                true,
                now
            ]
            .to_vec()
        })
        .collect();
    tx.insert_rows(
        "organisations",
        &[
            "id",
            "name",
            "short_name",
            "kind",
            "wsp_partner",
            "created_at",
        ],
        &rows,
    )
    .await?;
    tx.commit().await?;
    for chunk in pool.chunks(BATCH) {
        let mut tx = ctx.store.begin().await?;
        let candidates: Vec<Vec<Val>> = chunk
            .iter()
            .map(|p| {
                let languages: Vec<String> = p
                    .languages
                    .iter()
                    .map(|(c, l)| format!("{c}:{l}"))
                    .collect();
                koppel_store::vals![
                    p.id,
                    p.org_id,
                    "Kandidaat",
                    format!("{}", p.id),
                    p.pc4.map(|c| format!("{c}AB")),
                    p.target_group.as_str(),
                    p.work_ready,
                    p.consent_wsp,
                    p.hours_per_week,
                    p.education.map(|e| e.to_string()),
                    p.licences.join(","),
                    languages.join(","),
                    p.max_travel_km,
                    p.available_from,
                    p.occupation.clone(),
                    now,
                    now
                ]
                .to_vec()
            })
            .collect();
        tx.insert_rows(
            "candidates",
            &[
                "id",
                "org_id",
                "first_name",
                "last_name",
                "postcode",
                "target_group",
                "work_ready",
                "consent_wsp",
                "hours_per_week",
                "education_level",
                "driving_licences",
                "languages",
                "max_travel_km",
                "available_from",
                "desired_occupation_uri",
                "created_at",
                "updated_at",
            ],
            &candidates,
        )
        .await?;
        let skills: Vec<Vec<Val>> = chunk
            .iter()
            .flat_map(|p| {
                let mut own: Vec<&String> = p.skills.iter().collect();
                own.sort();
                own.dedup();
                own.into_iter()
                    .map(move |s| koppel_store::vals![p.id, s.as_str()].to_vec())
            })
            .collect();
        tx.insert_rows("candidate_skills", &["candidate_id", "skill_uri"], &skills)
            .await?;
        tx.commit().await?;
    }
    Ok(())
}

/// Changes one candidate of the pool (their hours), as the rebuild benchmark does between
/// searches.
pub async fn change_one(ctx: &AppContext, id: i64, hours: i64) -> Result<(), AppError> {
    let mut tx = ctx.store.begin().await?;
    koppel_store::candidates::set_hours(&mut tx, id, hours).await?;
    tx.commit().await?;
    Ok(())
}
