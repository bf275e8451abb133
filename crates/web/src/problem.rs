//! problem+json (RFC 9457) for every API error, with the invalid fields listed at once.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use koppel_app::AppError;
use serde::Serialize;
use utoipa::ToSchema;

/// An error as problem details (RFC 9457), with `invalidParams` for validation errors.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub invalid_params: Vec<InvalidParam>,
}

/// One invalid field.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvalidParam {
    pub name: String,
    pub code: String,
    pub reason: String,
}

impl Problem {
    pub fn new(status: StatusCode, title: &str, detail: impl Into<String>) -> Self {
        Self {
            problem_type: "about:blank".into(),
            title: title.into(),
            status: status.as_u16(),
            detail: detail.into(),
            invalid_params: Vec::new(),
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut res = (status, axum::Json(self)).into_response();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        res
    }
}

/// An `AppError` on its way to the API client.
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let p = match self.0 {
            AppError::Invalid(errors) => {
                let mut p = Problem::new(StatusCode::BAD_REQUEST, "Ongeldige invoer", format!("{} veld(en) ongeldig.", errors.0.len()));
                p.invalid_params = errors.0.into_iter().map(|e| InvalidParam { name: e.field, code: e.code.into(), reason: e.message }).collect();
                p
            }
            AppError::NotFound => Problem::new(StatusCode::NOT_FOUND, "Niet gevonden", "Deze resource bestaat niet of is niet voor u zichtbaar."),
            AppError::StaleVersion => Problem::new(
                StatusCode::PRECONDITION_FAILED,
                "Versieconflict",
                "De resource is intussen gewijzigd; haal de nieuwe versie op en probeer het opnieuw.",
            ),
            AppError::Conflict(_) => Problem::new(StatusCode::CONFLICT, "Conflict", "De wijziging botst met bestaande gegevens."),
            AppError::Forbidden => Problem::new(StatusCode::FORBIDDEN, "Geen toegang", "Uw rol staat deze handeling niet toe."),
            AppError::Unauthenticated => Problem::new(StatusCode::UNAUTHORIZED, "Niet aangemeld", "Geef een geldig API-token mee (Authorization: Bearer)."),
            AppError::Throttled => Problem::new(StatusCode::TOO_MANY_REQUESTS, "Te veel pogingen", "Probeer het later opnieuw."),
            AppError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "Interne fout", "Er ging iets mis; de fout is gelogd.")
            }
        };
        p.into_response()
    }
}
