//! Matching through the API: candidates for a vacancy, vacancies for a candidate, the skills gap.

use axum::extract::{Path, State};
use axum::Json;
use koppel_app::matching::{self, CandidateRanking, SkillsGap, VacancyMatch};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{Errors, Params};
use crate::extract::{ApiActor, RequestMeta};
use crate::problem::ApiError;
use crate::Web;

pub fn routes() -> OpenApiRouter<Web> {
    OpenApiRouter::new()
        .routes(routes!(candidate_matches))
        .routes(routes!(vacancy_matches))
        .routes(routes!(skills_gap))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct TopK {
    /// How many results: 1 to 200 (default 10).
    #[param(minimum = 1, maximum = 200)]
    k: Option<usize>,
}

/// Narrowing and paging the candidates for a vacancy.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase")]
struct RankingQuery {
    /// How many results: 1 to 200 (default 25).
    #[param(minimum = 1, maximum = 200)]
    k: Option<usize>,
    /// Results to skip, for the next page: 0 to 1000 (the ranking holds the best 1000).
    #[param(minimum = 0, maximum = 1000)]
    offset: Option<usize>,
    /// Only candidates of this target group.
    target_group: Option<String>,
    /// Only candidates of the caller's own organisation.
    own_only: Option<bool>,
    /// Only candidates at most this many km from the vacancy: 1 to 500 (those whose distance is
    /// not known stay).
    #[param(minimum = 1, maximum = 500)]
    max_distance_km: Option<usize>,
    /// Only candidates who can work at least these hours a week: 1 to 60 (those whose hours are
    /// not known stay).
    #[param(minimum = 1, maximum = 60)]
    min_hours: Option<usize>,
    /// Only candidates of whom at least this share (in %) of the data is known: 0 to 100.
    #[param(minimum = 0, maximum = 100)]
    min_known: Option<usize>,
    /// Only candidates who want the vacancy's occupation or one of its ISCO group.
    same_occupation: Option<bool>,
    /// `score` (best first, the default) or `distance` (nearest first, not known last).
    #[param(inline)]
    sort: Option<RankingSort>,
}

/// The order of the candidates for a vacancy.
#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
enum RankingSort {
    Score,
    Distance,
}

/// The best candidates for a vacancy among those the caller may see, each with an explanation.
#[utoipa::path(get, path = "/vacancies/{id}/candidate-matches", operation_id = "matchCandidates", tag = "matching",
    params(("id" = i64, Path, description = "Vacature-id"), RankingQuery),
    responses((status = 200, description = "De ranglijst", body = CandidateRanking, headers(("API-Version" = String))), Errors))]
async fn candidate_matches(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    Params(q): Params<RankingQuery>,
) -> Result<Json<CandidateRanking>, ApiError> {
    within("k", q.k, 1, 200)?;
    within("offset", q.offset, 0, matching::MAX_RANK)?;
    within("maxDistanceKm", q.max_distance_km, 1, 500)?;
    within("minHours", q.min_hours, 1, 60)?;
    within("minKnown", q.min_known, 0, 100)?;
    let refine = matching::Refine {
        offset: q.offset.unwrap_or(0),
        limit: q.k.unwrap_or(25),
        target_group: q.target_group.filter(|g| !g.is_empty()),
        own_only: q.own_only.unwrap_or(false),
        max_distance_km: q.max_distance_km.map(|d| d as f64),
        min_hours: q.min_hours.map(|h| h as i64),
        min_known: q.min_known.map(|k| k as i64),
        same_occupation: q.same_occupation.unwrap_or(false),
        by_distance: matches!(q.sort, Some(RankingSort::Distance)),
    };
    let ranking =
        matching::candidates_for_vacancy_refined(&web.ctx, &actor, &meta, id, &refine).await?;
    Ok(Json(ranking))
}

/// The best open vacancies for a candidate, each with an explanation.
#[utoipa::path(get, path = "/candidates/{id}/vacancy-matches", operation_id = "matchVacancies", tag = "matching",
    params(("id" = i64, Path, description = "Kandidaat-id"), TopK),
    responses((status = 200, description = "De vacatures", body = Vec<VacancyMatch>, headers(("API-Version" = String))), Errors))]
async fn vacancy_matches(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    Params(q): Params<TopK>,
) -> Result<Json<Vec<VacancyMatch>>, ApiError> {
    within("k", q.k, 1, 200)?;
    Ok(Json(
        matching::vacancies_for_candidate(&web.ctx, &actor, &meta, id, q.k.unwrap_or(10)).await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
struct GapQuery {
    candidate_id: i64,
}

/// The skills a candidate misses for a vacancy, grouped by skill group: a start for training advice.
#[utoipa::path(get, path = "/vacancies/{id}/skills-gap", operation_id = "skillsGap", tag = "matching",
    params(("id" = i64, Path, description = "Vacature-id"), GapQuery),
    responses((status = 200, description = "Het vaardighedengat", body = SkillsGap, headers(("API-Version" = String))), Errors))]
async fn skills_gap(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    Params(q): Params<GapQuery>,
) -> Result<Json<SkillsGap>, ApiError> {
    Ok(Json(
        matching::skills_gap(&web.ctx, &actor, &meta, id, q.candidate_id).await?,
    ))
}

/// A paging parameter outside its range is refused, as the document says.
fn within(name: &str, value: Option<usize>, min: usize, max: usize) -> Result<(), ApiError> {
    match value {
        Some(v) if !(min..=max).contains(&v) => {
            let mut e = koppel_app::domain::FieldErrors::new();
            e.push(
                name,
                "out_of_range",
                format!("Kies een getal van {min} tot en met {max}."),
            );
            Err(ApiError(koppel_app::AppError::Invalid(e)))
        }
        _ => Ok(()),
    }
}
