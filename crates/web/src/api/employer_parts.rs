//! `/employers/{id}/establishments`, `/employers/{id}/contact-persons` and `/employers/{id}/account-team`.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use koppel_app::employer_parts::{
    self as parts, AccountTeamInput, ContactPersonInput, EstablishmentInput,
};
use koppel_app::employers;
use koppel_app::store::employers::{ContactPerson, Establishment};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{versioned, with_version, Body, Errors, UpdateErrors};
use crate::extract::{ApiActor, RequestMeta};
use crate::problem::ApiError;
use crate::Web;

pub fn routes() -> OpenApiRouter<Web> {
    OpenApiRouter::new()
        .routes(routes!(add_establishment))
        .routes(routes!(update_establishment))
        .routes(routes!(add_contact_person))
        .routes(routes!(update_contact_person))
        .routes(routes!(set_account_team))
}

/// Adds an establishment to an employer.
#[utoipa::path(post, path = "/employers/{id}/establishments", operation_id = "createEstablishment", tag = "werkgevers",
    params(("id" = i64, Path, description = "Werkgever-id")), request_body = EstablishmentInput,
    responses((status = 201, description = "Aangemaakt", body = Establishment, headers(("API-Version" = String), ("ETag" = String))), Errors))]
async fn add_establishment(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    Body(input): Body<EstablishmentInput>,
) -> Result<Response, ApiError> {
    let e = parts::add_establishment(&web.ctx, &actor, &meta, id, &input).await?;
    Ok(versioned(StatusCode::CREATED, e.version, e))
}

/// Changes an establishment; `If-Match` must carry the version read.
#[utoipa::path(put, path = "/employers/{id}/establishments/{establishmentId}", operation_id = "updateEstablishment", tag = "werkgevers",
    params(("id" = i64, Path, description = "Werkgever-id"), ("establishmentId" = i64, Path, description = "Vestiging-id"), ("If-Match" = String, Header, description = "De ETag die u las")),
    request_body = EstablishmentInput,
    responses((status = 200, description = "Bijgewerkt", body = Establishment, headers(("API-Version" = String), ("ETag" = String))), Errors, UpdateErrors))]
async fn update_establishment(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path((id, eid)): Path<(i64, i64)>,
    headers: HeaderMap,
    Body(input): Body<EstablishmentInput>,
) -> Result<Response, ApiError> {
    let version = with_version!(headers);
    let e = parts::update_establishment(&web.ctx, &actor, &meta, id, eid, version, &input).await?;
    Ok(versioned(StatusCode::OK, e.version, e))
}

/// Adds a contact person to an employer.
#[utoipa::path(post, path = "/employers/{id}/contact-persons", operation_id = "createContactPerson", tag = "werkgevers",
    params(("id" = i64, Path, description = "Werkgever-id")), request_body = ContactPersonInput,
    responses((status = 201, description = "Aangemaakt", body = ContactPerson, headers(("API-Version" = String), ("ETag" = String))), Errors))]
async fn add_contact_person(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    Body(input): Body<ContactPersonInput>,
) -> Result<Response, ApiError> {
    let p = parts::add_contact_person(&web.ctx, &actor, &meta, id, &input).await?;
    Ok(versioned(StatusCode::CREATED, p.version, p))
}

/// Changes a contact person; `If-Match` must carry the version read.
#[utoipa::path(put, path = "/employers/{id}/contact-persons/{contactPersonId}", operation_id = "updateContactPerson", tag = "werkgevers",
    params(("id" = i64, Path, description = "Werkgever-id"), ("contactPersonId" = i64, Path, description = "Contactpersoon-id"), ("If-Match" = String, Header, description = "De ETag die u las")),
    request_body = ContactPersonInput,
    responses((status = 200, description = "Bijgewerkt", body = ContactPerson, headers(("API-Version" = String), ("ETag" = String))), Errors, UpdateErrors))]
async fn update_contact_person(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path((id, pid)): Path<(i64, i64)>,
    headers: HeaderMap,
    Body(input): Body<ContactPersonInput>,
) -> Result<Response, ApiError> {
    let version = with_version!(headers);
    let p = parts::update_contact_person(&web.ctx, &actor, &meta, id, pid, version, &input).await?;
    Ok(versioned(StatusCode::OK, p.version, p))
}

/// Replaces the account team of a strategic account; `If-Match` carries the employer's ETag, since
/// the team is part of the employer's record (412 when someone changed it first).
#[utoipa::path(put, path = "/employers/{id}/account-team", operation_id = "setAccountTeam", tag = "werkgevers",
    params(("id" = i64, Path, description = "Werkgever-id"), ("If-Match" = String, Header, description = "De ETag van de werkgever die u las")),
    request_body = AccountTeamInput,
    responses((status = 200, description = "Het accountteam", body = Vec<employers::TeamMember>, headers(("API-Version" = String), ("ETag" = String))), Errors, UpdateErrors))]
async fn set_account_team(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Body(input): Body<AccountTeamInput>,
) -> Result<Response, ApiError> {
    let version = with_version!(headers);
    parts::set_account_team(&web.ctx, &actor, &meta, id, version, &input).await?;
    let d = employers::get(&web.ctx, &actor, &meta, id).await?;
    Ok(versioned(
        StatusCode::OK,
        d.employer.version,
        d.account_team,
    ))
}
