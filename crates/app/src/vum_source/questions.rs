//! The questions koppel asks other sources as an intermediary, made from a candidate or a vacancy.

use koppel_domain::values::Postcode;
use serde_json::Value;

use crate::op::Op;
use crate::{AppContext, AppError};

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
    let mut tx = Op::begin(ctx, actor, meta).await?;
    tx.processed(
        "candidate.vum_search",
        crate::logging::activity::MEDIATION,
        &crate::candidates::subject(id),
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(question))
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
