//! The employer relationship through the API: contact moments, agreements, the timeline, contact
//! requests (also from the public, without an account), after-care and the worklist.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use koppel_app::aftercare::{self, AftercareInput};
use koppel_app::contact_requests::{self as requests, ContactRequestInput};
use koppel_app::crm::{self, AgreementInput, ContactMomentInput, TimelineEntry};
use koppel_app::domain::crm::RequestSource;
use koppel_app::store::aftercare::AftercareTask;
use koppel_app::store::agreements::Agreement;
use koppel_app::store::contact_requests::ContactRequest;
use koppel_app::worklist::{self, Worklist};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{versioned, with_version, Body, Errors, Params, UpdateErrors};
use crate::extract::{ApiActor, RequestMeta};
use crate::problem::ApiError;
use crate::Web;

pub fn routes() -> OpenApiRouter<Web> {
    OpenApiRouter::new()
        .routes(routes!(add_contact_moment))
        .routes(routes!(timeline))
        .routes(routes!(add_agreement))
        .routes(routes!(get_agreement, update_agreement))
        .routes(routes!(list_requests, create_request))
        .routes(routes!(get_request))
        .routes(routes!(escalate_request))
        .routes(routes!(link_request))
        .routes(routes!(public_request))
        .routes(routes!(placement_aftercare))
        .routes(routes!(complete_aftercare))
        .routes(routes!(get_worklist))
}

/// The id of what was created.
#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    pub id: i64,
}

/// Records a contact moment; it answers the employer's open contact requests.
#[utoipa::path(post, path = "/employers/{id}/contact-moments", operation_id = "createContactMoment", tag = "werkgevers",
    params(("id" = i64, Path, description = "Werkgever-id")), request_body = ContactMomentInput,
    responses((status = 201, description = "Vastgelegd", body = Created, headers(("API-Version" = String))), Errors))]
async fn add_contact_moment(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    Body(input): Body<ContactMomentInput>,
) -> Result<Response, ApiError> {
    let id = crm::add_contact_moment(&web.ctx, &actor, &meta, id, &input).await?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

/// Every contact moment, agreement and contact request of an employer, and the placements and
/// after-care of candidates the caller may see, newest first.
#[utoipa::path(get, path = "/employers/{id}/timeline", operation_id = "getEmployerTimeline", tag = "werkgevers",
    params(("id" = i64, Path, description = "Werkgever-id")),
    responses((status = 200, description = "De tijdlijn", body = Vec<TimelineEntry>, headers(("API-Version" = String))), Errors))]
async fn timeline(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Json<Vec<TimelineEntry>>, ApiError> {
    Ok(Json(crm::timeline(&web.ctx, &actor, &meta, id).await?))
}

/// Records an agreement with an employer.
#[utoipa::path(post, path = "/employers/{id}/agreements", operation_id = "createAgreement", tag = "werkgevers",
    params(("id" = i64, Path, description = "Werkgever-id")), request_body = AgreementInput,
    responses((status = 201, description = "Vastgelegd", body = Agreement, headers(("API-Version" = String), ("ETag" = String))), Errors))]
async fn add_agreement(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    Body(input): Body<AgreementInput>,
) -> Result<Response, ApiError> {
    let a = crm::add_agreement(&web.ctx, &actor, &meta, id, &input).await?;
    Ok(versioned(StatusCode::CREATED, a.version, a))
}

/// One agreement.
#[utoipa::path(get, path = "/agreements/{id}", operation_id = "getAgreement", tag = "werkgevers", params(("id" = i64, Path, description = "Afspraak-id")),
    responses((status = 200, description = "De afspraak", body = Agreement, headers(("API-Version" = String), ("ETag" = String))), Errors))]
async fn get_agreement(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let a = crm::get_agreement(&web.ctx, &actor, id).await?;
    Ok(versioned(StatusCode::OK, a.version, a))
}

/// Changes an agreement, e.g. marks it kept.
#[utoipa::path(put, path = "/agreements/{id}", operation_id = "updateAgreement", tag = "werkgevers", request_body = AgreementInput,
    params(("id" = i64, Path, description = "Afspraak-id"), ("If-Match" = String, Header, description = "De ETag die u las")),
    responses((status = 200, description = "Bijgewerkt", body = Agreement, headers(("API-Version" = String), ("ETag" = String))), Errors, UpdateErrors))]
async fn update_agreement(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Body(input): Body<AgreementInput>,
) -> Result<Response, ApiError> {
    let version = with_version!(headers);
    let a = crm::update_agreement(&web.ctx, &actor, &meta, id, version, &input).await?;
    Ok(versioned(StatusCode::OK, a.version, a))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct RequestQuery {
    /// Only requests not answered yet (by deadline); default true.
    open: Option<bool>,
}

/// Contact requests: open ones by deadline, or all, newest first.
#[utoipa::path(get, path = "/contact-requests", operation_id = "listContactRequests", tag = "contactverzoeken", params(RequestQuery),
    responses((status = 200, description = "De contactverzoeken", body = Vec<ContactRequest>, headers(("API-Version" = String))), Errors))]
async fn list_requests(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    Params(q): Params<RequestQuery>,
) -> Result<Json<Vec<ContactRequest>>, ApiError> {
    Ok(Json(
        requests::list(&web.ctx, &actor, q.open.unwrap_or(true)).await?,
    ))
}

/// Records a contact request on behalf of an employer; its deadline follows from the 24-hour promise.
#[utoipa::path(post, path = "/contact-requests", operation_id = "createContactRequest", tag = "contactverzoeken", request_body = ContactRequestInput,
    responses((status = 201, description = "Vastgelegd", body = ContactRequest, headers(("API-Version" = String), ("ETag" = String))), Errors))]
async fn create_request(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Body(input): Body<ContactRequestInput>,
) -> Result<Response, ApiError> {
    let r = requests::create(&web.ctx, &actor, &meta, &input, RequestSource::Api).await?;
    Ok(versioned(StatusCode::CREATED, r.version, r))
}

/// One contact request.
#[utoipa::path(get, path = "/contact-requests/{id}", operation_id = "getContactRequest", tag = "contactverzoeken", params(("id" = i64, Path, description = "Contactverzoek-id")),
    responses((status = 200, description = "Het contactverzoek", body = ContactRequest, headers(("API-Version" = String), ("ETag" = String))), Errors))]
async fn get_request(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let r = requests::get(&web.ctx, &actor, id).await?;
    Ok(versioned(StatusCode::OK, r.version, r))
}

/// Escalates an open request to a manager.
#[utoipa::path(post, path = "/contact-requests/{id}/escalation", operation_id = "escalateContactRequest", tag = "contactverzoeken",
    params(("id" = i64, Path, description = "Contactverzoek-id"), ("If-Match" = String, Header, description = "De ETag die u las")),
    responses((status = 200, description = "Geëscaleerd", body = ContactRequest, headers(("API-Version" = String), ("ETag" = String))), Errors, UpdateErrors))]
async fn escalate_request(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let version = with_version!(headers);
    let r = requests::escalate(&web.ctx, &actor, &meta, id, version).await?;
    Ok(versioned(StatusCode::OK, r.version, r))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
struct LinkInput {
    employer_id: i64,
}

/// Links a request to an employer record; its account holder becomes responsible.
#[utoipa::path(put, path = "/contact-requests/{id}/employer", operation_id = "linkContactRequest", tag = "contactverzoeken", request_body = LinkInput,
    params(("id" = i64, Path, description = "Contactverzoek-id"), ("If-Match" = String, Header, description = "De ETag die u las")),
    responses((status = 200, description = "Gekoppeld", body = ContactRequest, headers(("API-Version" = String), ("ETag" = String))), Errors, UpdateErrors))]
async fn link_request(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Body(input): Body<LinkInput>,
) -> Result<Response, ApiError> {
    let version = with_version!(headers);
    let r =
        requests::link_employer(&web.ctx, &actor, &meta, id, version, input.employer_id).await?;
    Ok(versioned(StatusCode::OK, r.version, r))
}

/// For employers' own sites: a contact request without an account. Limited per client address.
#[utoipa::path(post, path = "/public/contact-requests", operation_id = "createPublicContactRequest", tag = "contactverzoeken", request_body = ContactRequestInput, security(()),
    responses((status = 201, description = "Ontvangen; we nemen binnen 24 uur contact op", body = Created, headers(("API-Version" = String))), Errors,
        (status = 429, description = "Te veel verzoeken van dit adres", body = crate::problem::Problem, content_type = "application/problem+json")))]
async fn public_request(
    State(web): State<Web>,
    RequestMeta(meta): RequestMeta,
    Body(input): Body<ContactRequestInput>,
) -> Result<Response, ApiError> {
    let id = requests::create_public(&web.ctx, &meta, &input, None).await?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

/// The after-care tasks of a placement.
#[utoipa::path(get, path = "/placements/{id}/aftercare", operation_id = "listAftercare", tag = "voordrachten", params(("id" = i64, Path, description = "Plaatsing-id")),
    responses((status = 200, description = "De nazorg", body = Vec<AftercareTask>, headers(("API-Version" = String))), Errors))]
async fn placement_aftercare(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> Result<Json<Vec<AftercareTask>>, ApiError> {
    Ok(Json(aftercare::for_placement(&web.ctx, &actor, id).await?))
}

/// Records the outcome of an after-care contact.
#[utoipa::path(put, path = "/aftercare-tasks/{id}", operation_id = "completeAftercare", tag = "voordrachten", request_body = AftercareInput,
    params(("id" = i64, Path, description = "Nazorgtaak-id"), ("If-Match" = String, Header, description = "De ETag die u las")),
    responses((status = 200, description = "Vastgelegd", body = AftercareTask, headers(("API-Version" = String), ("ETag" = String))), Errors, UpdateErrors))]
async fn complete_aftercare(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Body(input): Body<AftercareInput>,
) -> Result<Response, ApiError> {
    let version = with_version!(headers);
    let t = aftercare::complete(&web.ctx, &actor, &meta, id, version, &input).await?;
    Ok(versioned(StatusCode::OK, t.version, t))
}

/// My worklist: contact requests by deadline, after-care and agreements due, nominations waiting.
#[utoipa::path(get, path = "/worklist", operation_id = "getWorklist", tag = "werkgevers",
    responses((status = 200, description = "De werklijst", body = Worklist, headers(("API-Version" = String))), Errors))]
async fn get_worklist(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
) -> Result<Json<Worklist>, ApiError> {
    Ok(Json(
        worklist::worklist(&web.ctx, &actor, &meta, Utc::now()).await?,
    ))
}
