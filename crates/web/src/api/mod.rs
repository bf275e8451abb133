//! The JSON API under `/api/v1`: paged lists with filters, get, create, and update with `If-Match`;
//! problem+json errors; the `API-Version` header; OpenAPI generated from the code.

mod admin;
mod body_check;
mod candidates;
mod contract;
mod contract_rules;
mod crm;
mod employer_parts;
mod employers;
mod events;
mod figures;
mod matching;
mod nominations;
mod paper;
mod reference;
mod tokens;
mod vacancies;
mod vum_fields;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Json;
use koppel_app::AppError;
use serde::Serialize;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

pub use body_check::compiles as body_schema_compiles;

use crate::problem::{ApiError, Problem};
use crate::Web;

/// The full version of this API, sent in the `API-Version` header.
pub const API_VERSION: &str = "1.0.0";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "koppel API",
        version = "1.0.0",
        description = "Werkgevers, vacatures en kandidaten van het WerkgeversServicepunt. Fouten volgen RFC 9457 (problem+json).",
        contact(name = "koppel", email = "koppel@example.org", url = "https://example.org/koppel"),
        license(name = "EUPL-1.2", identifier = "EUPL-1.2")
    ),
    servers((url = "/api/v1")),
    components(schemas(Problem, crate::problem::InvalidParam)),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
    tags(
        (name = "werkgevers", description = "Werkgevers (gedeeld door alle partners)"),
        (name = "vacatures", description = "Vacatures"),
        (name = "kandidaten", description = "Kandidaten (persoonsgegevens; alleen binnen de eigen scope)"),
        (name = "voordrachten", description = "Voordrachten, plaatsingen en nazorg"),
        (name = "contactverzoeken", description = "Contactverzoeken van werkgevers en de 24-uursbelofte"),
        (name = "bijeenkomsten", description = "Bijeenkomsten, deelnemers en resultaten"),
        (name = "matching", description = "Kandidaten bij vacatures en vacatures bij kandidaten, met uitleg"),
        (name = "vacaturekrant", description = "De openbare vacaturekrant (zonder account)"),
        (name = "cijfers", description = "Managementinformatie (alleen aantallen) en doelen"),
        (name = "referentie", description = "Codelijsten"),
        (name = "accounts", description = "Eigen API-tokens (met vervaldatum en rechten)")
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(c) = openapi.components.as_mut() {
            c.add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

/// The API routes with their OpenAPI description; paths are relative to `/api/v1`.
pub fn router() -> OpenApiRouter<Web> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(employers::routes())
        .merge(employer_parts::routes())
        .merge(nominations::routes())
        .merge(vacancies::routes())
        .merge(vum_fields::routes())
        .merge(candidates::routes())
        .merge(reference::routes())
        .merge(admin::routes())
        .merge(tokens::routes())
        .merge(crm::routes())
        .merge(events::routes())
        .merge(matching::routes())
        .merge(figures::routes())
        .merge(paper::routes())
        .route("/openapi.json", get(openapi_json))
        .fallback(|| async { ApiError(AppError::NotFound) })
        .layer(axum::middleware::map_response(api_version_header))
}

/// The OpenAPI 3 document of this API.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut api = router().split_for_parts().1;
    contract::apply(&mut api);
    api
}

async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(openapi())
}

async fn api_version_header(res: Response) -> Response {
    let mut res = as_problem(res).await;
    res.headers_mut()
        .insert("API-Version", HeaderValue::from_static(API_VERSION));
    res
}

/// Every error of the API is problem+json: the plain-text rejections of the framework's extractors
/// (a path id beyond i64, a body that is no JSON, a missing content type, a method not allowed) are
/// turned into problem details with their message as the detail. A path whose id is not a whole
/// number koppel can read (`/vacancies/293.0`, `/vacancies/abc`) names nothing: 404.
async fn as_problem(res: Response) -> Response {
    let mut status = res.status();
    let is_problem = res
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/problem+json"));
    if !(status.is_client_error() || status.is_server_error()) || is_problem {
        return res;
    }
    let (parts, body) = res.into_parts();
    let text = axum::body::to_bytes(body, 64 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    if status == axum::http::StatusCode::BAD_REQUEST && text.starts_with("Invalid URL") {
        status = axum::http::StatusCode::NOT_FOUND;
    }
    let title = status.canonical_reason().unwrap_or("Fout");
    let mut problem = Problem::new(status, title, text.trim()).into_response();
    for (name, value) in parts.headers.iter() {
        if name != axum::http::header::CONTENT_TYPE && name != axum::http::header::CONTENT_LENGTH {
            problem.headers_mut().insert(name.clone(), value.clone());
        }
    }
    problem
}

/// The error responses every endpoint may give.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)]
enum Errors {
    #[response(
        status = 400,
        description = "Ongeldige invoer; `invalidParams` noemt elk ongeldig veld",
        content_type = "application/problem+json"
    )]
    BadRequest(Problem),
    #[response(
        status = 401,
        description = "Geen geldig token",
        content_type = "application/problem+json"
    )]
    Unauthorized(Problem),
    #[response(
        status = 403,
        description = "De rol staat dit niet toe",
        content_type = "application/problem+json"
    )]
    Forbidden(Problem),
    #[response(
        status = 404,
        description = "Niet gevonden of niet zichtbaar",
        content_type = "application/problem+json"
    )]
    NotFound(Problem),
}

/// The extra error responses of an update.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)]
enum UpdateErrors {
    #[response(
        status = 412,
        description = "If-Match komt niet overeen met de huidige versie",
        content_type = "application/problem+json"
    )]
    PreconditionFailed(Problem),
    #[response(
        status = 428,
        description = "If-Match ontbreekt",
        content_type = "application/problem+json"
    )]
    PreconditionRequired(Problem),
}

/// A page of a list as the API sends it; one named schema per resource (`EmployerPage`, ...).
macro_rules! page_type {
    ($name:ident, $item:ty) => {
        #[derive(serde::Serialize, utoipa::ToSchema)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            pub items: Vec<$item>,
            /// All matching rows, over all pages.
            pub total: i64,
            pub page: i64,
            pub page_size: i64,
        }

        impl From<koppel_app::store::Paged<$item>> for $name {
            fn from(p: koppel_app::store::Paged<$item>) -> Self {
                Self {
                    items: p.items,
                    total: p.total,
                    page: p.page,
                    page_size: p.page_size,
                }
            }
        }
    };
}
pub(crate) use page_type;

/// A JSON body with its version as ETag.
fn versioned<T: Serialize>(status: StatusCode, version: i64, body: T) -> Response {
    let mut res = (status, Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("\"{version}\"")) {
        res.headers_mut().insert(header::ETAG, v);
    }
    res
}

/// The version from `If-Match`, or return the 428/400 problem from the handler.
macro_rules! with_version {
    ($headers:expr) => {
        match super::if_match(&$headers) {
            Ok(v) => v,
            Err(r) => return Ok(r),
        }
    };
}
pub(crate) use with_version;

/// The version a client read, from `If-Match` (`"3"`, `W/"3"` or `3`).
fn if_match(headers: &HeaderMap) -> Result<i64, Response> {
    let Some(raw) = headers.get(header::IF_MATCH).and_then(|v| v.to_str().ok()) else {
        return Err(Problem::new(
            StatusCode::PRECONDITION_REQUIRED,
            "If-Match ontbreekt",
            "Stuur de versie (ETag) die u heeft gelezen mee in If-Match.",
        )
        .into_response());
    };
    raw.trim()
        .trim_start_matches("W/")
        .trim_matches('"')
        .parse::<i64>()
        .map_err(|_| {
            Problem::new(
                StatusCode::BAD_REQUEST,
                "Ongeldige If-Match",
                "If-Match moet de ETag van de resource zijn, zoals \"3\".",
            )
            .into_response()
        })
}

/// A JSON body, or a 400 problem when it is not JSON, or not what the document's schema of `T`
/// allows (every violation named), or not of the expected shape.
pub struct Body<T>(pub T);

impl<T, S> axum::extract::FromRequest<S> for Body<T>
where
    T: serde::de::DeserializeOwned + utoipa::ToSchema,
    S: Send + Sync,
{
    type Rejection = Response;
    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        let bad_json = |detail: String| {
            Problem::new(StatusCode::BAD_REQUEST, "Ongeldige JSON", detail).into_response()
        };
        let Json(mut value) = Json::<serde_json::Value>::from_request(req, state)
            .await
            .map_err(|e| bad_json(e.body_text()))?;
        if let Err(params) = body_check::check(&T::name(), &value) {
            let mut p = Problem::new(
                StatusCode::BAD_REQUEST,
                "Ongeldige invoer",
                format!("{} veld(en) ongeldig.", params.len()),
            );
            p.invalid_params = params;
            return Err(p.into_response());
        }
        body_check::whole_numbers(&mut value);
        serde_json::from_value::<T>(value)
            .map(Body)
            .map_err(|e| bad_json(e.to_string()))
    }
}

/// Query parameters, or a 400 problem when one does not parse.
pub struct Params<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> axum::extract::FromRequestParts<S>
    for Params<T>
{
    type Rejection = Response;
    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(Params(v)),
            Err(e) => Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "Ongeldige queryparameter",
                e.body_text(),
            )
            .into_response()),
        }
    }
}
