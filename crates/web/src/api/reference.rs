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
        .routes(routes!(occupation_skills))
        .routes(routes!(skills_in_text))
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
    /// Part of a Dutch label or alternative label (at least 2 characters).
    #[param(min_length = 2)]
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

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
struct OccupationQuery {
    occupation_uri: String,
}

/// A suggested skill of an occupation.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
struct SuggestedSkill {
    uri: String,
    label: String,
    essential: bool,
}

/// The essential and optional skills ESCO gives an occupation: suggestions for a vacancy.
#[utoipa::path(get, path = "/taxonomy/occupation-skills", operation_id = "occupationSkills", tag = "referentie", params(OccupationQuery),
    responses((status = 200, description = "Voorgestelde vaardigheden", body = Vec<SuggestedSkill>, headers(("API-Version" = String, description = "Volledige API-versie"))), Errors))]
async fn occupation_skills(
    State(web): State<Web>,
    ApiActor(_actor): ApiActor,
    super::Params(q): super::Params<OccupationQuery>,
) -> Result<Json<Vec<SuggestedSkill>>, ApiError> {
    let list = koppel_app::taxonomy_import::suggestions(&web.ctx, &q.occupation_uri).await?;
    Ok(Json(
        list.into_iter()
            .map(|(uri, label, essential)| SuggestedSkill {
                uri,
                label,
                essential,
            })
            .collect(),
    ))
}

/// A text to find skills in.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
struct TextInput {
    /// A vacancy text or a CV, at most 20,000 characters. It is not stored.
    text: String,
}

/// The taxonomy's skills named in a text (by Dutch label or alternative label), for an adviser to
/// confirm before they go on a vacancy or a profile.
#[utoipa::path(post, path = "/taxonomy/skills-in-text", operation_id = "findSkillsInText", tag = "referentie", request_body = TextInput,
    responses((status = 200, description = "Gevonden vaardigheden, in de volgorde van de tekst", body = Vec<koppel_app::skill_extraction::FoundSkill>, headers(("API-Version" = String, description = "Volledige API-versie"))), Errors))]
async fn skills_in_text(
    State(web): State<Web>,
    ApiActor(_actor): ApiActor,
    super::Body(input): super::Body<TextInput>,
) -> Result<Json<Vec<koppel_app::skill_extraction::FoundSkill>>, ApiError> {
    Ok(Json(
        koppel_app::skill_extraction::find_skills(&web.ctx, &input.text).await?,
    ))
}
