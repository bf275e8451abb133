//! `/code-lists`: the code lists clients need to fill in the other resources.

use axum::extract::State;
use axum::Json;
use koppel_app::reference::{self, CodeLists};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::Errors;
use crate::extract::ApiActor;
use crate::problem::ApiError;
use crate::Web;

pub fn routes() -> OpenApiRouter<Web> {
    OpenApiRouter::new().routes(routes!(code_lists))
}

/// All code lists: roles, clusters, sectors, target groups, education levels, driving licences, and more.
#[utoipa::path(get, path = "/code-lists", operation_id = "getCodeLists", tag = "referentie",
    responses((status = 200, description = "De codelijsten", body = CodeLists, headers(("API-Version" = String, description = "Volledige API-versie"))), Errors))]
async fn code_lists(
    State(web): State<Web>,
    ApiActor(_actor): ApiActor,
) -> Result<Json<CodeLists>, ApiError> {
    Ok(Json(reference::code_lists(&web.ctx).await?))
}
