//! `/nominations` and `/placements`: propose candidates, move nominations on, record and correct placements.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use koppel_app::instruments::{self, InstrumentInput};
use koppel_app::nominations::{self, NominationInput, NominationQuery, NominationStepInput};
use koppel_app::placements::{self, PlacementInput};
use koppel_app::store::instruments::PlacementInstrument;
use koppel_app::store::nominations::Nomination;
use koppel_app::store::placements::Placement;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{versioned, with_version, Body, Errors, Params, UpdateErrors};
use crate::extract::{ApiActor, RequestMeta};
use crate::problem::ApiError;
use crate::Web;

pub fn routes() -> OpenApiRouter<Web> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, step))
        .routes(routes!(place))
        .routes(routes!(get_placement, update_placement))
        .routes(routes!(list_instruments, add_instrument))
        .routes(routes!(get_instrument, update_instrument))
}

/// Nominations for a vacancy or of a candidate, for candidates the caller may see.
#[utoipa::path(get, path = "/nominations", operation_id = "listNominations", tag = "voordrachten", params(NominationQuery),
    responses((status = 200, description = "De voordrachten", body = Vec<Nomination>, headers(("API-Version" = String, description = "Volledige API-versie"))), Errors))]
async fn list(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Params(q): Params<NominationQuery>,
) -> Result<Response, ApiError> {
    Ok(axum::Json(nominations::list(&web.ctx, &actor, &meta, &q).await?).into_response())
}

/// Proposes a candidate for an open vacancy.
#[utoipa::path(post, path = "/nominations", operation_id = "createNomination", tag = "voordrachten", request_body = NominationInput,
    responses((status = 201, description = "Voorgedragen", body = Nomination, headers(("API-Version" = String), ("ETag" = String))), Errors))]
async fn create(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Body(input): Body<NominationInput>,
) -> Result<Response, ApiError> {
    let n = nominations::create(&web.ctx, &actor, &meta, &input).await?;
    Ok(versioned(StatusCode::CREATED, n.version, n))
}

/// One nomination; 404 when its candidate lies outside the caller's scope.
#[utoipa::path(get, path = "/nominations/{id}", operation_id = "getNomination", tag = "voordrachten", params(("id" = i64, Path, description = "Voordracht-id")),
    responses((status = 200, description = "De voordracht", body = Nomination, headers(("API-Version" = String), ("ETag" = String))), Errors))]
async fn get_one(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let n = nominations::get(&web.ctx, &actor, &meta, id).await?;
    Ok(versioned(StatusCode::OK, n.version, n))
}

/// Moves a nomination to its next state (the state machine refuses illegal steps with a 400).
#[utoipa::path(put, path = "/nominations/{id}", operation_id = "updateNomination", tag = "voordrachten", request_body = NominationStepInput,
    params(("id" = i64, Path, description = "Voordracht-id"), ("If-Match" = String, Header, description = "De ETag die u las")),
    responses((status = 200, description = "Bijgewerkt", body = Nomination, headers(("API-Version" = String), ("ETag" = String))), Errors, UpdateErrors))]
async fn step(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Body(input): Body<NominationStepInput>,
) -> Result<Response, ApiError> {
    let version = with_version!(headers);
    let n = nominations::step(&web.ctx, &actor, &meta, id, version, &input).await?;
    Ok(versioned(StatusCode::OK, n.version, n))
}

/// Records the placement of an offered nomination; the nomination becomes 'placed'.
#[utoipa::path(post, path = "/nominations/{id}/placement", operation_id = "createPlacement", tag = "voordrachten", request_body = PlacementInput,
    params(("id" = i64, Path, description = "Voordracht-id"), ("If-Match" = String, Header, description = "De ETag van de voordracht")),
    responses((status = 201, description = "Geplaatst", body = Placement, headers(("API-Version" = String), ("ETag" = String))), Errors, UpdateErrors))]
async fn place(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Body(input): Body<PlacementInput>,
) -> Result<Response, ApiError> {
    let version = with_version!(headers);
    let p = placements::create(&web.ctx, &actor, &meta, id, version, &input).await?;
    Ok(versioned(StatusCode::CREATED, p.version, p))
}

/// One placement; 404 when its candidate lies outside the caller's scope.
#[utoipa::path(get, path = "/placements/{id}", operation_id = "getPlacement", tag = "voordrachten", params(("id" = i64, Path, description = "Plaatsing-id")),
    responses((status = 200, description = "De plaatsing", body = Placement, headers(("API-Version" = String), ("ETag" = String))), Errors))]
async fn get_placement(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let p = placements::get(&web.ctx, &actor, &meta, id).await?;
    Ok(versioned(StatusCode::OK, p.version, p))
}

/// Corrects the contract terms of a placement.
#[utoipa::path(put, path = "/placements/{id}", operation_id = "updatePlacement", tag = "voordrachten", request_body = PlacementInput,
    params(("id" = i64, Path, description = "Plaatsing-id"), ("If-Match" = String, Header, description = "De ETag die u las")),
    responses((status = 200, description = "Bijgewerkt", body = Placement, headers(("API-Version" = String), ("ETag" = String))), Errors, UpdateErrors))]
async fn update_placement(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Body(input): Body<PlacementInput>,
) -> Result<Response, ApiError> {
    let version = with_version!(headers);
    let p = placements::update(&web.ctx, &actor, &meta, id, version, &input).await?;
    Ok(versioned(StatusCode::OK, p.version, p))
}

/// The instruments used for a placement.
#[utoipa::path(get, path = "/placements/{id}/instruments", operation_id = "listInstruments", tag = "voordrachten", params(("id" = i64, Path, description = "Plaatsing-id")),
    responses((status = 200, description = "De instrumenten", body = Vec<PlacementInstrument>, headers(("API-Version" = String))), Errors))]
async fn list_instruments(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    Ok(axum::Json(instruments::for_placement(&web.ctx, &actor, id).await?).into_response())
}

/// Records the use of an instrument for a placement.
#[utoipa::path(post, path = "/placements/{id}/instruments", operation_id = "createInstrument", tag = "voordrachten", request_body = InstrumentInput,
    params(("id" = i64, Path, description = "Plaatsing-id")),
    responses((status = 201, description = "Vastgelegd", body = PlacementInstrument, headers(("API-Version" = String), ("ETag" = String))), Errors))]
async fn add_instrument(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    Body(input): Body<InstrumentInput>,
) -> Result<Response, ApiError> {
    let i = instruments::add(&web.ctx, &actor, &meta, id, &input).await?;
    Ok(versioned(StatusCode::CREATED, i.version, i))
}

/// One instrument of a placement.
#[utoipa::path(get, path = "/placement-instruments/{id}", operation_id = "getInstrument", tag = "voordrachten", params(("id" = i64, Path, description = "Instrument-id")),
    responses((status = 200, description = "Het instrument", body = PlacementInstrument, headers(("API-Version" = String), ("ETag" = String))), Errors))]
async fn get_instrument(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let i = instruments::get(&web.ctx, &actor, id).await?;
    Ok(versioned(StatusCode::OK, i.version, i))
}

/// Changes an instrument, e.g. when it is granted or ends.
#[utoipa::path(put, path = "/placement-instruments/{id}", operation_id = "updateInstrument", tag = "voordrachten", request_body = InstrumentInput,
    params(("id" = i64, Path, description = "Instrument-id"), ("If-Match" = String, Header, description = "De ETag die u las")),
    responses((status = 200, description = "Bijgewerkt", body = PlacementInstrument, headers(("API-Version" = String), ("ETag" = String))), Errors, UpdateErrors))]
async fn update_instrument(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Body(input): Body<InstrumentInput>,
) -> Result<Response, ApiError> {
    let version = with_version!(headers);
    let i = instruments::update(&web.ctx, &actor, &meta, id, version, &input).await?;
    Ok(versioned(StatusCode::OK, i.version, i))
}
