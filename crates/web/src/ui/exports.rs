//! Downloads of the employer, vacancy and candidate lists as CSV, XLSX or JSON, with the list's
//! own filters and the user's own scope.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use koppel_app::candidates::CandidateQuery;
use koppel_app::employers::EmployerQuery;
use koppel_app::exports;
use koppel_app::vacancies::VacancyQuery;
use koppel_app::AppError;
use koppel_export::Table;
use serde::{Deserialize, Serialize};

use super::UiError;
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/werkgevers/export", get(employers))
        .route("/vacatures/export", get(vacancies))
        .route("/kandidaten/export", get(candidates))
}

#[derive(Debug, Deserialize)]
pub struct Format {
    #[serde(default)]
    formaat: String,
}

fn download<T: Serialize>(
    name: &str,
    format: &str,
    table: &Table,
    items: &[T],
) -> Result<Response, AppError> {
    let today = chrono::Utc::now().date_naive();
    let (content_type, ext, body) = match format {
        "csv" => (
            "text/csv; charset=utf-8",
            "csv",
            koppel_export::csv_out::table_csv(table)
                .map_err(|e| AppError::Internal(e.to_string()))?
                .into_bytes(),
        ),
        "xlsx" => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
            exports::xlsx(table)?,
        ),
        "json" => (
            "application/json",
            "json",
            serde_json::to_vec_pretty(items).map_err(|e| AppError::Internal(e.to_string()))?,
        ),
        _ => return Err(AppError::NotFound),
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}-{today}.{ext}\""),
            ),
        ],
        body,
    )
        .into_response())
}

async fn employers(
    State(web): State<Web>,
    s: UiSession,
    Query(q): Query<EmployerQuery>,
    Query(f): Query<Format>,
) -> Result<Response, UiError> {
    let err = |e| UiError(e);
    let rows = exports::employers(&web.ctx, &s.actor, &q)
        .await
        .map_err(err)?;
    download(
        "werkgevers",
        &f.formaat,
        &exports::employer_table(&rows),
        &rows,
    )
    .map_err(err)
}

async fn vacancies(
    State(web): State<Web>,
    s: UiSession,
    Query(q): Query<VacancyQuery>,
    Query(f): Query<Format>,
) -> Result<Response, UiError> {
    let err = |e| UiError(e);
    let rows = exports::vacancies(&web.ctx, &s.actor, &q)
        .await
        .map_err(err)?;
    download(
        "vacatures",
        &f.formaat,
        &exports::vacancy_table(&rows),
        &rows,
    )
    .map_err(err)
}

async fn candidates(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Query(q): Query<CandidateQuery>,
    Query(f): Query<Format>,
) -> Result<Response, UiError> {
    let err = |e| UiError(e);
    let rows = exports::candidates(&web.ctx, &s.actor, &meta, &q)
        .await
        .map_err(err)?;
    download(
        "kandidaten",
        &f.formaat,
        &exports::candidate_table(&rows),
        &rows,
    )
    .map_err(err)
}
