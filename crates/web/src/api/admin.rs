//! `/target-groups`: the target-group list, which an administrator can extend.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use koppel_app::admin::{self, TargetGroupInput};
use koppel_app::store::candidates::TargetGroup;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{Body, Errors};
use crate::extract::{ApiActor, RequestMeta};
use crate::problem::ApiError;
use crate::Web;

pub fn routes() -> OpenApiRouter<Web> {
    OpenApiRouter::new().routes(routes!(list, create))
}

/// The target groups, built-in and added.
#[utoipa::path(get, path = "/target-groups", operation_id = "listTargetGroups", tag = "referentie",
    responses((status = 200, description = "De doelgroepen", body = Vec<TargetGroup>, headers(("API-Version" = String, description = "Volledige API-versie"))), Errors))]
async fn list(
    State(web): State<Web>,
    ApiActor(_actor): ApiActor,
) -> Result<Json<Vec<TargetGroup>>, ApiError> {
    Ok(Json(admin::target_groups(&web.ctx).await?))
}

/// Adds a target group (administrators only).
#[utoipa::path(post, path = "/target-groups", operation_id = "createTargetGroup", tag = "referentie", request_body = TargetGroupInput,
    responses((status = 201, description = "Toegevoegd", body = TargetGroup, headers(("API-Version" = String, description = "Volledige API-versie"))), Errors))]
async fn create(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Body(input): Body<TargetGroupInput>,
) -> Result<Response, ApiError> {
    let g = admin::add_target_group(&web.ctx, &actor, &meta, &input).await?;
    Ok((StatusCode::CREATED, Json(g)).into_response())
}
