//! `/vacancies`: list, get, create and update vacancies.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use koppel_app::store::vacancies::Vacancy;
use koppel_app::vacancies::{self, VacancyInput, VacancyQuery};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{versioned, with_version, Body, Errors, Params, UpdateErrors};
use crate::extract::{ApiActor, RequestMeta};
use crate::problem::ApiError;
use crate::Web;

super::page_type!(VacancyPage, Vacancy);

pub fn routes() -> OpenApiRouter<Web> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update))
}

/// Lists vacancies, with search, filters and paging.
#[utoipa::path(get, path = "/vacancies", operation_id = "listVacancies", tag = "vacatures", params(VacancyQuery),
    responses((status = 200, description = "Een pagina vacatures", body = VacancyPage, headers(("API-Version" = String, description = "Volledige API-versie"))), Errors))]
async fn list(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    Params(q): Params<VacancyQuery>,
) -> Result<Response, ApiError> {
    Ok(axum::Json(VacancyPage::from(
        vacancies::list(&web.ctx, &actor, &q).await?,
    ))
    .into_response())
}

/// One vacancy with its skills.
#[utoipa::path(get, path = "/vacancies/{id}", operation_id = "getVacancy", tag = "vacatures", params(("id" = i64, Path, description = "Vacature-id")),
    responses((status = 200, description = "De vacature", body = Vacancy, headers(("API-Version" = String), ("ETag" = String))), Errors))]
async fn get_one(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let d = vacancies::get(&web.ctx, &actor, id).await?;
    Ok(versioned(StatusCode::OK, d.version, d))
}

/// Takes in a vacancy.
#[utoipa::path(post, path = "/vacancies", operation_id = "createVacancy", tag = "vacatures", request_body = VacancyInput,
    responses((status = 201, description = "Aangemaakt", body = Vacancy, headers(("API-Version" = String), ("ETag" = String))), Errors))]
async fn create(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Body(input): Body<VacancyInput>,
) -> Result<Response, ApiError> {
    let e = vacancies::create(&web.ctx, &actor, &meta, &input).await?;
    Ok(versioned(StatusCode::CREATED, e.version, e))
}

/// Replaces a vacancy's fields; `If-Match` must carry the version read.
#[utoipa::path(put, path = "/vacancies/{id}", operation_id = "updateVacancy", tag = "vacatures", request_body = VacancyInput,
    params(("id" = i64, Path, description = "Vacature-id"), ("If-Match" = String, Header, description = "De ETag die u las")),
    responses((status = 200, description = "Bijgewerkt", body = Vacancy, headers(("API-Version" = String), ("ETag" = String))), Errors, UpdateErrors))]
async fn update(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Body(input): Body<VacancyInput>,
) -> Result<Response, ApiError> {
    let version = with_version!(headers);
    let e = vacancies::update(&web.ctx, &actor, &meta, id, version, &input).await?;
    Ok(versioned(StatusCode::OK, e.version, e))
}
