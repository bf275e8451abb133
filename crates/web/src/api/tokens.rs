//! `/tokens`: a user's own API tokens (an administrator sees and revokes everyone's). A token is
//! shown once, when it is made; a read-only token can neither make nor revoke tokens.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use koppel_app::accounts::{self, NewToken, TokenInput};
use koppel_app::store::accounts::TokenInfo;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{Body, Errors};
use crate::extract::{ApiActor, RequestMeta};
use crate::problem::ApiError;
use crate::Web;

pub fn routes() -> OpenApiRouter<Web> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(revoke))
}

/// The caller's tokens (an administrator: everyone's), newest first, without the secrets.
#[utoipa::path(get, path = "/tokens", operation_id = "listTokens", tag = "accounts",
    responses((status = 200, description = "De tokens", body = Vec<TokenInfo>, headers(("API-Version" = String, description = "Volledige API-versie"))), Errors))]
async fn list(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<TokenInfo>>, ApiError> {
    Ok(Json(accounts::tokens(&web.ctx, &actor).await?))
}

/// Makes a token for the caller, with an expiry (1 to 365 days) and optionally read-only; the
/// token is in this answer only.
#[utoipa::path(post, path = "/tokens", operation_id = "createToken", tag = "accounts", request_body = TokenInput,
    responses((status = 201, description = "Aangemaakt", body = NewToken, headers(("API-Version" = String, description = "Volledige API-versie"))), Errors))]
async fn create(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Body(input): Body<TokenInput>,
) -> Result<Response, ApiError> {
    let made = accounts::create_token(&web.ctx, &actor, &meta, &input).await?;
    Ok((StatusCode::CREATED, Json(made)).into_response())
}

/// Revokes a token of the caller (an administrator: anyone's).
#[utoipa::path(delete, path = "/tokens/{id}", operation_id = "revokeToken", tag = "accounts",
    params(("id" = i64, Path, description = "Token-id")),
    responses((status = 204, description = "Ingetrokken", headers(("API-Version" = String, description = "Volledige API-versie"))), Errors))]
async fn revoke(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    accounts::revoke_token(&web.ctx, &actor, &meta, id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
