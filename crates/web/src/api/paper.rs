//! `/public/vacancies`: the vacancy paper for partners' sites and apps, without an account.

use axum::extract::{Path, State};
use axum::Json;
use chrono::Utc;
use koppel_app::changes::ChangePage;
use koppel_app::store::Page;
use koppel_app::vacancy_paper::{self, PaperQuery, PaperVacancy};
use koppel_app::AppError;
use koppel_domain::codes::{Cluster, CodeList};
use koppel_domain::FieldErrors;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{Errors, Params};
use crate::extract::ApiActor;
use crate::problem::ApiError;
use crate::Web;

super::page_type!(PaperVacancyPage, PaperVacancy);

pub fn routes() -> OpenApiRouter<Web> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get_one))
        .routes(routes!(changes))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
struct PaperParams {
    /// Search in title, employer name and place.
    q: Option<String>,
    /// Only this sector cluster (code).
    cluster: Option<String>,
    /// Only this place of work.
    city: Option<String>,
    /// At least this many hours a week.
    min_hours: Option<i64>,
    page: Option<i64>,
    page_size: Option<i64>,
}

/// The vacancies in the paper: published and still open, newest first.
#[utoipa::path(get, path = "/public/vacancies", operation_id = "listPublicVacancies", tag = "vacaturekrant", params(PaperParams), security(()),
    responses((status = 200, description = "De vacaturekrant", body = PaperVacancyPage, headers(("API-Version" = String, description = "Volledige API-versie"))), Errors))]
async fn list(
    State(web): State<Web>,
    Params(p): Params<PaperParams>,
) -> Result<Json<PaperVacancyPage>, ApiError> {
    let mut errors = FieldErrors::new();
    // An empty cluster means every cluster (the document lists it); anything else must be one
    // of the codes exactly: white space is not a way to say "all".
    let cluster = p
        .cluster
        .as_deref()
        .filter(|c| !c.is_empty())
        .and_then(|c| errors.check("cluster", Cluster::parse(c)));
    if p.min_hours.is_some_and(|h| !(0..=60).contains(&h)) {
        errors.push(
            "minHours",
            "invalid_hours",
            "Uren per week liggen tussen 0 en 60.",
        );
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors).into());
    }
    let q = PaperQuery {
        q: p.q,
        cluster,
        city: p.city,
        min_hours: p.min_hours,
    };
    let page = Page::new(p.page.unwrap_or(1), p.page_size.unwrap_or(20));
    let found = vacancy_paper::search(&web.ctx, &q, Utc::now().date_naive(), page).await?;
    Ok(Json(found.into()))
}

/// One vacancy of the paper; 404 when it is not published or no longer open.
#[utoipa::path(get, path = "/public/vacancies/{id}", operation_id = "getPublicVacancy", tag = "vacaturekrant", security(()),
    params(("id" = i64, Path, description = "Vacature-id")),
    responses((status = 200, description = "De vacature", body = PaperVacancy, headers(("API-Version" = String, description = "Volledige API-versie"))), Errors))]
async fn get_one(
    State(web): State<Web>,
    Path(id): Path<i64>,
) -> Result<Json<PaperVacancy>, ApiError> {
    Ok(Json(
        vacancy_paper::get(&web.ctx, id, Utc::now().date_naive()).await?,
    ))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ChangeParams {
    /// `next` from the previous answer, or a time (RFC 3339); empty or left out for everything.
    #[param(example = "2026-01-01T00:00:00Z")]
    since: Option<String>,
    /// At most this many changes (default 100; below 1 counts as 1, above 500 as 500).
    limit: Option<i64>,
}

/// Employers and vacancies in the order they last changed, after `since`: poll with the `next` of
/// each answer to stay in sync. Archived and merged employers and closed vacancies appear with
/// their new status; nothing is ever deleted.
#[utoipa::path(get, path = "/changes", operation_id = "listChanges", tag = "vacaturekrant", params(ChangeParams),
    responses((status = 200, description = "Wijzigingen, oudste eerst", body = ChangePage, headers(("API-Version" = String, description = "Volledige API-versie"))), Errors))]
async fn changes(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    Params(p): Params<ChangeParams>,
) -> Result<Json<ChangePage>, ApiError> {
    Ok(Json(
        koppel_app::changes::since(
            &web.ctx,
            &actor,
            p.since.as_deref().unwrap_or(""),
            p.limit.unwrap_or(100),
        )
        .await?,
    ))
}
