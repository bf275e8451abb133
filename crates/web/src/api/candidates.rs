//! `/candidates`: list, get, create and update candidates, always within the caller's scope.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use koppel_app::candidates::{self, CandidateInput, CandidateQuery};
use koppel_app::store::candidates::Candidate;
use koppel_app::subject_rights::{self, SubjectExport};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{versioned, with_version, Body, Errors, Params, UpdateErrors};
use crate::extract::{ApiActor, RequestMeta};
use crate::problem::ApiError;
use crate::Web;

super::page_type!(CandidatePage, Candidate);

pub fn routes() -> OpenApiRouter<Web> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update))
        .routes(routes!(subject_access))
        .routes(routes!(erase))
}

/// Everything koppel holds about a candidate of the caller's organisation, with who processed it,
/// when and why (AVG articles 15 and 20); 404 for anyone else's candidate.
#[utoipa::path(get, path = "/candidates/{id}/subject-access", operation_id = "getCandidateSubjectAccess", tag = "kandidaten",
    params(("id" = i64, Path, description = "Kandidaat-id")),
    responses((status = 200, description = "Alle gegevens van de kandidaat", body = SubjectExport, headers(("API-Version" = String))), Errors))]
async fn subject_access(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let x = subject_rights::export(&web.ctx, &actor, &meta, id).await?;
    Ok(axum::Json(x).into_response())
}

/// Erases a candidate's personal data at once, on the candidate's request (AVG article 17); the
/// anonymous facts the figures count stay.
#[utoipa::path(post, path = "/candidates/{id}/erasure", operation_id = "eraseCandidate", tag = "kandidaten",
    params(("id" = i64, Path, description = "Kandidaat-id")),
    responses((status = 204, description = "Gewist", headers(("API-Version" = String))), Errors))]
async fn erase(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    subject_rights::erase(&web.ctx, &actor, &meta, id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Lists the candidates the caller may see, with search, filters and paging; each is logged as processed.
#[utoipa::path(get, path = "/candidates", operation_id = "listCandidates", tag = "kandidaten", params(CandidateQuery),
    responses((status = 200, description = "Een pagina kandidaten binnen uw scope", body = CandidatePage, headers(("API-Version" = String, description = "Volledige API-versie"))), Errors))]
async fn list(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Params(q): Params<CandidateQuery>,
) -> Result<Response, ApiError> {
    Ok(axum::Json(CandidatePage::from(
        candidates::list(&web.ctx, &actor, &meta, &q).await?,
    ))
    .into_response())
}

/// One candidate; 404 when it does not exist or lies outside the caller's scope.
#[utoipa::path(get, path = "/candidates/{id}", operation_id = "getCandidate", tag = "kandidaten", params(("id" = i64, Path, description = "Kandidaat-id")),
    responses((status = 200, description = "De kandidaat", body = Candidate, headers(("API-Version" = String), ("ETag" = String))), Errors))]
async fn get_one(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let d = candidates::get(&web.ctx, &actor, &meta, id).await?;
    Ok(versioned(StatusCode::OK, d.version, d))
}

/// Registers a candidate in the caller's organisation (warm handover).
#[utoipa::path(post, path = "/candidates", operation_id = "createCandidate", tag = "kandidaten", request_body = CandidateInput,
    responses((status = 201, description = "Aangemaakt", body = Candidate, headers(("API-Version" = String), ("ETag" = String))), Errors))]
async fn create(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Body(input): Body<CandidateInput>,
) -> Result<Response, ApiError> {
    let e = candidates::create(&web.ctx, &actor, &meta, &input).await?;
    Ok(versioned(StatusCode::CREATED, e.version, e))
}

/// Replaces a candidate's fields; `If-Match` must carry the version read.
#[utoipa::path(put, path = "/candidates/{id}", operation_id = "updateCandidate", tag = "kandidaten", request_body = CandidateInput,
    params(("id" = i64, Path, description = "Kandidaat-id"), ("If-Match" = String, Header, description = "De ETag die u las")),
    responses((status = 200, description = "Bijgewerkt", body = Candidate, headers(("API-Version" = String), ("ETag" = String))), Errors, UpdateErrors))]
async fn update(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Body(input): Body<CandidateInput>,
) -> Result<Response, ApiError> {
    let version = with_version!(headers);
    let e = candidates::update(&web.ctx, &actor, &meta, id, version, &input).await?;
    Ok(versioned(StatusCode::OK, e.version, e))
}
