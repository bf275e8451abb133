//! `/figures` and `/targets`: management information for other systems (aggregates only; partners
//! get small counts hidden), and the targets per year and target group.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{NaiveDate, Utc};
use koppel_app::figures::{self, targets as target_cases, Factsheet, FigureFilter, Period};
use koppel_app::store::targets::Target;
use koppel_app::AppError;
use koppel_domain::codes::{Cluster, CodeList};
use koppel_domain::FieldErrors;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{Body, Errors, Params, UpdateErrors};
use crate::extract::{ApiActor, RequestMeta};
use crate::problem::ApiError;
use crate::Web;

pub fn routes() -> OpenApiRouter<Web> {
    OpenApiRouter::new()
        .routes(routes!(factsheet))
        .routes(routes!(list_targets))
        .routes(routes!(set_targets))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
struct FactsheetQuery {
    /// First day of the period (YYYY-MM-DD).
    from: String,
    /// Last day of the period, inclusive (YYYY-MM-DD).
    to: String,
    /// Only this organisation (id).
    organisation: Option<i64>,
    /// Only this subregion (by name).
    subregion: Option<String>,
    /// Only this cluster (code).
    cluster: Option<String>,
    /// The day sustainability is judged on (default: today).
    as_of: Option<String>,
}

/// Every measure of a period with its breakdowns and the targets. Partners get counts below the
/// small-cell threshold hidden (`null`), and no figures per adviser.
#[utoipa::path(get, path = "/figures/factsheet", operation_id = "getFactsheet", tag = "cijfers", params(FactsheetQuery),
    responses((status = 200, description = "De cijfers van de periode", body = Factsheet, headers(("API-Version" = String, description = "Volledige API-versie"))), Errors))]
async fn factsheet(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    Params(q): Params<FactsheetQuery>,
) -> Result<Json<Factsheet>, ApiError> {
    let mut errors = FieldErrors::new();
    let period = match Period::parse(&q.from, &q.to) {
        Ok(p) => Some(p),
        Err(AppError::Invalid(e)) => {
            errors.0.extend(e.0);
            None
        }
        Err(e) => return Err(e.into()),
    };
    let cluster = q
        .cluster
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        .and_then(|c| errors.check("cluster", Cluster::parse(c)));
    let as_of = match q.as_of.as_deref().filter(|s| !s.trim().is_empty()) {
        None => Some(Utc::now().date_naive()),
        Some(s) => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(
                    "asOf",
                    "invalid_date",
                    format!("'{s}' is geen datum; schrijf jjjj-mm-dd."),
                );
                None
            }
        },
    };
    let (Some(period), Some(as_of), true) = (period, as_of, errors.is_empty()) else {
        return Err(AppError::Invalid(errors).into());
    };
    let filter = FigureFilter {
        org_id: q.organisation,
        subregion: q.subregion,
        cluster,
    };
    Ok(Json(
        figures::factsheet(&web.ctx, &actor, period, &filter, as_of).await?,
    ))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct YearQuery {
    /// The year, such as 2025.
    year: i64,
}

/// The targets of a year, for the region and for any organisation, subregion or cluster; the
/// `ETag` is the year's version, for `If-Match` when setting them.
#[utoipa::path(get, path = "/targets", operation_id = "listTargets", tag = "cijfers", params(YearQuery),
    responses((status = 200, description = "De doelen van het jaar", body = Vec<Target>, headers(("API-Version" = String, description = "Volledige API-versie"), ("ETag" = String, description = "De versie van de doelen van het jaar"))), Errors))]
async fn list_targets(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    Params(q): Params<YearQuery>,
) -> Result<Response, ApiError> {
    let list = target_cases::of_year(&web.ctx, &actor, q.year).await?;
    Ok(with_etag(&target_cases::etag(&list), list))
}

/// A JSON answer with a (string) ETag.
fn with_etag(etag: &str, body: Vec<Target>) -> Response {
    let mut res = Json(body).into_response();
    if let Ok(v) = axum::http::HeaderValue::from_str(&format!("\"{etag}\"")) {
        res.headers_mut().insert(axum::http::header::ETAG, v);
    }
    res
}

/// One target group's target; `value` null removes it.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
struct TargetValue {
    target_group: String,
    value: Option<i64>,
}

/// The targets of one scope in one year.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
struct TargetsInput {
    /// `region`, `organisation`, `subregion` or `cluster`.
    scope_kind: String,
    /// Empty for the region; the organisation id, the subregion name or the cluster code otherwise.
    #[serde(default)]
    scope_value: String,
    targets: Vec<TargetValue>,
}

/// Sets targets of a year (managers and administrators); all or nothing. `If-Match` carries the ETag
/// of the year's targets as read (412 when someone changed them first, 428 without it).
#[utoipa::path(put, path = "/targets/{year}", operation_id = "setTargets", tag = "cijfers", request_body = TargetsInput,
    params(("year" = i64, Path, description = "Het jaar"), ("If-Match" = String, Header, description = "De ETag van de doelen van het jaar die u las")),
    responses((status = 200, description = "De doelen van het jaar na de wijziging", body = Vec<Target>, headers(("API-Version" = String, description = "Volledige API-versie"), ("ETag" = String, description = "De nieuwe versie"))), Errors, UpdateErrors))]
async fn set_targets(
    State(web): State<Web>,
    ApiActor(actor): ApiActor,
    RequestMeta(meta): RequestMeta,
    Path(year): Path<i64>,
    headers: HeaderMap,
    Body(input): Body<TargetsInput>,
) -> Result<Response, ApiError> {
    actor.require(koppel_domain::permissions::Permission::ManageTargets)?;
    let Some(read) = headers
        .get(axum::http::header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.trim()
                .trim_start_matches("W/")
                .trim_matches('"')
                .to_string()
        })
    else {
        return Ok(crate::problem::Problem::new(
            StatusCode::PRECONDITION_REQUIRED,
            "If-Match ontbreekt",
            "Stuur de ETag van de doelen die u heeft gelezen mee in If-Match.",
        )
        .into_response());
    };
    let values: Vec<(String, Option<i64>)> = input
        .targets
        .into_iter()
        .map(|t| (t.target_group, t.value))
        .collect();
    let list = target_cases::set_year(
        &web.ctx,
        &actor,
        &meta,
        year,
        &input.scope_kind,
        &input.scope_value,
        &values,
        &target_cases::Guard::Etag(read),
    )
    .await?;
    Ok(with_etag(&target_cases::etag(&list), list))
}
