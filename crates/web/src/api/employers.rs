//! `/employers`: list, get, create and update employers.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use koppel_app::employers::{self, EmployerDetail, EmployerInput, EmployerQuery};
use koppel_app::store::employers::Employer;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{versioned, with_version, Body, Errors, Params, UpdateErrors};
use crate::extract::{ApiActor, RequestMeta};
use crate::problem::ApiError;
use crate::Web;

super::page_type!(EmployerPage, Employer);

pub fn routes() -> OpenApiRouter<Web> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update))
        .routes(routes!(merge))
        .routes(routes!(archive))
}

/// Lists employers, with search, filters and paging.
#[utoipa::path(get, path = "/employers", operation_id = "listEmployers", tag = "werkgevers", params(EmployerQuery),
    responses((status = 200, description = "Een pagina werkgevers", body = EmployerPage, headers(("API-Version" = String, description = "Volledige API-versie"))), Errors))]
async fn list(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    Params(q): Params<EmployerQuery>,
) -> Result<Response, ApiError> {
    Ok(axum::Json(EmployerPage::from(
        employers::list(&web.ctx, &actor, &q).await?,
    ))
    .into_response())
}

/// One employer with establishments, contact persons (when the role may see them) and contact history.
#[utoipa::path(get, path = "/employers/{id}", operation_id = "getEmployer", tag = "werkgevers", params(("id" = i64, Path, description = "Werkgever-id")),
    responses((status = 200, description = "De werkgever", body = EmployerDetail, headers(("API-Version" = String), ("ETag" = String))), Errors))]
async fn get_one(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let d = employers::get(&web.ctx, &actor, &meta, id).await?;
    Ok(versioned(StatusCode::OK, d.employer.version, d))
}

/// Registers an employer.
#[utoipa::path(post, path = "/employers", operation_id = "createEmployer", tag = "werkgevers", request_body = EmployerInput,
    responses((status = 201, description = "Aangemaakt", body = Employer, headers(("API-Version" = String), ("ETag" = String))), Errors))]
async fn create(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Body(input): Body<EmployerInput>,
) -> Result<Response, ApiError> {
    let e = employers::create(&web.ctx, &actor, &meta, &input).await?;
    Ok(versioned(StatusCode::CREATED, e.version, e))
}

/// Replaces an employer's fields; `If-Match` must carry the version read.
#[utoipa::path(put, path = "/employers/{id}", operation_id = "updateEmployer", tag = "werkgevers", request_body = EmployerInput,
    params(("id" = i64, Path, description = "Werkgever-id"), ("If-Match" = String, Header, description = "De ETag die u las")),
    responses((status = 200, description = "Bijgewerkt", body = Employer, headers(("API-Version" = String), ("ETag" = String))), Errors, UpdateErrors))]
async fn update(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Body(input): Body<EmployerInput>,
) -> Result<Response, ApiError> {
    let version = with_version!(headers);
    let e = employers::update(&web.ctx, &actor, &meta, id, version, &input).await?;
    Ok(versioned(StatusCode::OK, e.version, e))
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
struct MergeInput {
    /// The duplicate record to merge into this one; it is archived afterwards.
    source_id: i64,
}

/// Merges a duplicate employer record into this one without losing any history.
#[utoipa::path(post, path = "/employers/{id}/merge", operation_id = "mergeEmployers", tag = "werkgevers", request_body = MergeInput,
    params(("id" = i64, Path, description = "De werkgever die blijft"), ("If-Match" = String, Header, description = "De ETag die u las")),
    responses((status = 200, description = "Samengevoegd", body = Employer, headers(("API-Version" = String), ("ETag" = String))), Errors, UpdateErrors))]
async fn merge(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Body(input): Body<MergeInput>,
) -> Result<Response, ApiError> {
    let version = with_version!(headers);
    let e = employers::merge(&web.ctx, &actor, &meta, id, version, input.source_id).await?;
    Ok(versioned(StatusCode::OK, e.version, e))
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
struct ArchiveInput {
    archived: bool,
}

/// Archives an employer, or brings it back. Employers with history are never deleted.
#[utoipa::path(put, path = "/employers/{id}/archived", operation_id = "archiveEmployer", tag = "werkgevers", request_body = ArchiveInput,
    params(("id" = i64, Path, description = "Werkgever-id"), ("If-Match" = String, Header, description = "De ETag die u las")),
    responses((status = 200, description = "Bijgewerkt", body = Employer, headers(("API-Version" = String), ("ETag" = String))), Errors, UpdateErrors))]
async fn archive(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Body(input): Body<ArchiveInput>,
) -> Result<Response, ApiError> {
    let version = with_version!(headers);
    let e = employers::set_archived(&web.ctx, &actor, &meta, id, version, input.archived).await?;
    Ok(versioned(StatusCode::OK, e.version, e))
}
