//! `/events` and employer satisfaction through the API.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use koppel_app::events::{self, EventDetail, EventInput, ParticipantInput, ResultInput};
use koppel_app::satisfaction::{self, LinkRequest, Satisfaction, ScoreInput};
use koppel_app::store::events::Event;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::crm::Created;
use super::{versioned, with_version, Body, Errors, UpdateErrors};
use crate::extract::{ApiActor, RequestMeta};
use crate::problem::ApiError;
use crate::Web;

pub fn routes() -> OpenApiRouter<Web> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update))
        .routes(routes!(add_participant))
        .routes(routes!(set_attendance))
        .routes(routes!(add_result))
        .routes(routes!(employer_satisfaction, record_score))
        .routes(routes!(satisfaction_link))
        .routes(routes!(public_answer))
}

/// Events, newest first.
#[utoipa::path(get, path = "/events", operation_id = "listEvents", tag = "bijeenkomsten",
    responses((status = 200, description = "De bijeenkomsten", body = Vec<Event>, headers(("API-Version" = String))), Errors))]
async fn list(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<Event>>, ApiError> {
    Ok(Json(events::list(&web.ctx, &actor).await?))
}

/// Plans an event.
#[utoipa::path(post, path = "/events", operation_id = "createEvent", tag = "bijeenkomsten", request_body = EventInput,
    responses((status = 201, description = "Aangemaakt", body = Event, headers(("API-Version" = String), ("ETag" = String))), Errors))]
async fn create(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Body(input): Body<EventInput>,
) -> Result<Response, ApiError> {
    let e = events::create(&web.ctx, &actor, &meta, &input).await?;
    Ok(versioned(StatusCode::CREATED, e.version, e))
}

/// One event with its participants (candidates only within the caller's scope) and results.
#[utoipa::path(get, path = "/events/{id}", operation_id = "getEvent", tag = "bijeenkomsten", params(("id" = i64, Path, description = "Bijeenkomst-id")),
    responses((status = 200, description = "De bijeenkomst", body = EventDetail, headers(("API-Version" = String), ("ETag" = String))), Errors))]
async fn get_one(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let d = events::get(&web.ctx, &actor, &meta, id).await?;
    Ok(versioned(StatusCode::OK, d.event.version, d))
}

/// Changes an event, e.g. its outcome notes.
#[utoipa::path(put, path = "/events/{id}", operation_id = "updateEvent", tag = "bijeenkomsten", request_body = EventInput,
    params(("id" = i64, Path, description = "Bijeenkomst-id"), ("If-Match" = String, Header, description = "De ETag die u las")),
    responses((status = 200, description = "Bijgewerkt", body = Event, headers(("API-Version" = String), ("ETag" = String))), Errors, UpdateErrors))]
async fn update(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Body(input): Body<EventInput>,
) -> Result<Response, ApiError> {
    let version = with_version!(headers);
    let e = events::update(&web.ctx, &actor, &meta, id, version, &input).await?;
    Ok(versioned(StatusCode::OK, e.version, e))
}

/// Invites an employer or a candidate.
#[utoipa::path(post, path = "/events/{id}/participants", operation_id = "addEventParticipant", tag = "bijeenkomsten", request_body = ParticipantInput,
    params(("id" = i64, Path, description = "Bijeenkomst-id")),
    responses((status = 201, description = "Uitgenodigd", body = Created, headers(("API-Version" = String))), Errors))]
async fn add_participant(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    Body(input): Body<ParticipantInput>,
) -> Result<Response, ApiError> {
    let id = events::add_participant(&web.ctx, &actor, &meta, id, &input).await?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
struct AttendanceInput {
    /// `invited`, `attended` or `absent`.
    status: String,
}

/// Records whether an invited participant came.
#[utoipa::path(put, path = "/event-participants/{id}", operation_id = "setAttendance", tag = "bijeenkomsten", request_body = AttendanceInput,
    params(("id" = i64, Path, description = "Deelnemer-id"), ("If-Match" = String, Header, description = "De versie die u las")),
    responses((status = 200, description = "Bijgewerkt", body = Created, headers(("API-Version" = String))), Errors, UpdateErrors))]
async fn set_attendance(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Body(input): Body<AttendanceInput>,
) -> Result<Response, ApiError> {
    let version = with_version!(headers);
    let event_id =
        events::set_attendance(&web.ctx, &actor, &meta, id, version, &input.status).await?;
    Ok(Json(Created { id: event_id }).into_response())
}

/// Links a vacancy or a placement that came from the event.
#[utoipa::path(post, path = "/events/{id}/results", operation_id = "addEventResult", tag = "bijeenkomsten", request_body = ResultInput,
    params(("id" = i64, Path, description = "Bijeenkomst-id")),
    responses((status = 201, description = "Vastgelegd", body = Created, headers(("API-Version" = String))), Errors))]
async fn add_result(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    Body(input): Body<ResultInput>,
) -> Result<Response, ApiError> {
    let id = events::add_result(&web.ctx, &actor, &meta, id, &input).await?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

/// The satisfaction scores of an employer and their mean.
#[utoipa::path(get, path = "/employers/{id}/satisfaction", operation_id = "getEmployerSatisfaction", tag = "werkgevers", params(("id" = i64, Path, description = "Werkgever-id")),
    responses((status = 200, description = "De scores", body = Satisfaction, headers(("API-Version" = String))), Errors))]
async fn employer_satisfaction(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> Result<Json<Satisfaction>, ApiError> {
    Ok(Json(
        satisfaction::for_employer(&web.ctx, &actor, id).await?,
    ))
}

/// Records a score the employer gave (entered by staff).
#[utoipa::path(post, path = "/employers/{id}/satisfaction", operation_id = "recordSatisfaction", tag = "werkgevers", request_body = ScoreInput,
    params(("id" = i64, Path, description = "Werkgever-id")),
    responses((status = 201, description = "Vastgelegd", body = Created, headers(("API-Version" = String))), Errors))]
async fn record_score(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    Body(input): Body<ScoreInput>,
) -> Result<Response, ApiError> {
    let id = satisfaction::record(&web.ctx, &actor, &meta, id, &input).await?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

/// A single-use link for the employer.
#[derive(Debug, Serialize, ToSchema)]
struct SurveyLink {
    token: String,
    /// The path of the public form, to put behind the installation's address.
    path: String,
}

/// Creates a single-use link the employer can use without an account.
#[utoipa::path(post, path = "/employers/{id}/satisfaction-links", operation_id = "createSatisfactionLink", tag = "werkgevers", request_body = LinkRequest,
    params(("id" = i64, Path, description = "Werkgever-id")),
    responses((status = 201, description = "De link (eenmalig getoond)", body = SurveyLink, headers(("API-Version" = String))), Errors))]
async fn satisfaction_link(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    Body(input): Body<LinkRequest>,
) -> Result<Response, ApiError> {
    let token = satisfaction::request_link(&web.ctx, &actor, &meta, id, &input).await?;
    Ok((
        StatusCode::CREATED,
        Json(SurveyLink {
            path: format!("/tevredenheid/{token}"),
            token,
        }),
    )
        .into_response())
}

/// The employer's answer through a single-use link (no account).
#[utoipa::path(post, path = "/public/satisfaction/{token}", operation_id = "answerSatisfaction", tag = "werkgevers", request_body = ScoreInput, security(()),
    params(("token" = String, Path, description = "Het token uit de link")),
    responses((status = 201, description = "Ontvangen, dank u wel", body = Created, headers(("API-Version" = String))), Errors))]
async fn public_answer(
    State(web): State<Web>,
    RequestMeta(meta): RequestMeta,
    Path(token): Path<String>,
    Body(input): Body<ScoreInput>,
) -> Result<Response, ApiError> {
    satisfaction::answer(&web.ctx, &meta, &token, &input).await?;
    Ok((StatusCode::CREATED, Json(Created { id: 0 })).into_response())
}
