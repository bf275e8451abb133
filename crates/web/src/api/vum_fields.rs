//! `/vacancies/{id}/vum` and `/candidates/{id}/vum`: the VUM fields of a vacancy or candidate
//! beyond its ordinary ones, which koppel's VUM source serves with it.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use koppel_app::vum_extras::{self, JobSeekerVum, JobSeekerVumInput, VacancyVum, VacancyVumInput};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{versioned, with_version, Body, Errors, UpdateErrors};
use crate::extract::{ApiActor, RequestMeta};
use crate::problem::ApiError;
use crate::Web;

pub fn routes() -> OpenApiRouter<Web> {
    OpenApiRouter::new()
        .routes(routes!(get_vacancy, put_vacancy))
        .routes(routes!(get_candidate, put_candidate))
}

/// A vacancy's VUM fields beyond its ordinary ones.
#[utoipa::path(get, path = "/vacancies/{id}/vum", operation_id = "getVacancyVumFields", tag = "vacatures", params(("id" = i64, Path, description = "Vacature-id")),
    responses((status = 200, description = "De VUM-gegevens", body = VacancyVum, headers(("API-Version" = String), ("ETag" = String))), Errors))]
async fn get_vacancy(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let v = vum_extras::vacancy(&web.ctx, &actor, id).await?;
    Ok(versioned(StatusCode::OK, v.version, v))
}

/// Replaces a vacancy's VUM fields; `If-Match` must carry the vacancy's version read.
#[utoipa::path(put, path = "/vacancies/{id}/vum", operation_id = "updateVacancyVumFields", tag = "vacatures", request_body = VacancyVumInput,
    params(("id" = i64, Path, description = "Vacature-id"), ("If-Match" = String, Header, description = "De ETag die u las")),
    responses((status = 200, description = "Bijgewerkt", body = VacancyVum, headers(("API-Version" = String), ("ETag" = String))), Errors, UpdateErrors))]
async fn put_vacancy(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Body(input): Body<VacancyVumInput>,
) -> Result<Response, ApiError> {
    let version = with_version!(headers);
    let v = vum_extras::set_vacancy(&web.ctx, &actor, &meta, id, version, &input).await?;
    Ok(versioned(StatusCode::OK, v.version, v))
}

/// A candidate's VUM fields beyond their ordinary ones (a processing of the candidate, logged).
#[utoipa::path(get, path = "/candidates/{id}/vum", operation_id = "getCandidateVumFields", tag = "kandidaten", params(("id" = i64, Path, description = "Kandidaat-id")),
    responses((status = 200, description = "De VUM-gegevens", body = JobSeekerVum, headers(("API-Version" = String), ("ETag" = String))), Errors))]
async fn get_candidate(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let c = vum_extras::candidate(&web.ctx, &actor, &meta, id).await?;
    Ok(versioned(StatusCode::OK, c.version, c))
}

/// Replaces a candidate's VUM fields; only their own organisation may. `If-Match` must carry the
/// candidate's version read.
#[utoipa::path(put, path = "/candidates/{id}/vum", operation_id = "updateCandidateVumFields", tag = "kandidaten", request_body = JobSeekerVumInput,
    params(("id" = i64, Path, description = "Kandidaat-id"), ("If-Match" = String, Header, description = "De ETag die u las")),
    responses((status = 200, description = "Bijgewerkt", body = JobSeekerVum, headers(("API-Version" = String), ("ETag" = String))), Errors, UpdateErrors))]
async fn put_candidate(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Body(input): Body<JobSeekerVumInput>,
) -> Result<Response, ApiError> {
    let version = with_version!(headers);
    let c = vum_extras::set_candidate(&web.ctx, &actor, &meta, id, version, &input).await?;
    Ok(versioned(StatusCode::OK, c.version, c))
}
