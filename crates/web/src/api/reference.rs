//! `/code-lists`: the code lists clients need to fill in the other resources.

use axum::extract::State;
use axum::Json;
use koppel_app::reference::{self, CodeLists};
use koppel_app::store::taxonomy::Concept;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::Errors;
use crate::extract::ApiActor;
use crate::problem::ApiError;
use crate::Web;

pub fn routes() -> OpenApiRouter<Web> {
    OpenApiRouter::new()
        .routes(routes!(code_lists))
        .routes(routes!(search_skills))
        .routes(routes!(search_occupations))
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

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct TermQuery {
    /// Part of a Dutch label or alternative label.
    q: String,
}

/// Skills and skill groups whose label or alternative label contains the term (for autocomplete).
#[utoipa::path(get, path = "/taxonomy/skills", operation_id = "searchSkills", tag = "referentie", params(TermQuery),
    responses((status = 200, description = "Gevonden vaardigheden", body = Vec<Concept>, headers(("API-Version" = String, description = "Volledige API-versie"))), Errors))]
async fn search_skills(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    super::Params(q): super::Params<TermQuery>,
) -> Result<Json<Vec<Concept>>, ApiError> {
    Ok(Json(
        reference::search_taxonomy(&web.ctx, &actor, &["skill", "skill_group"], &q.q).await?,
    ))
}

/// Occupations whose label or alternative label contains the term (for autocomplete).
#[utoipa::path(get, path = "/taxonomy/occupations", operation_id = "searchOccupations", tag = "referentie", params(TermQuery),
    responses((status = 200, description = "Gevonden beroepen", body = Vec<Concept>, headers(("API-Version" = String, description = "Volledige API-versie"))), Errors))]
async fn search_occupations(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    super::Params(q): super::Params<TermQuery>,
) -> Result<Json<Vec<Concept>>, ApiError> {
    Ok(Json(
        reference::search_taxonomy(&web.ctx, &actor, &["occupation"], &q.q).await?,
    ))
}
