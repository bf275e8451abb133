//! koppel's web front-ends: the Dutch server-rendered UI and the JSON API under `/api/v1`,
//! both thin adapters over the use cases in `koppel_app`.
pub mod api;
mod extract;
pub mod metrics;
pub mod observe;
mod problem;
pub mod ui;
pub mod vum;
pub mod vum_client;
pub mod vum_tls;

use axum::http::{header, HeaderValue};
use axum::routing::get;
use axum::Router;
use koppel_app::AppContext;

/// Shared state of all handlers.
#[derive(Clone)]
pub struct Web {
    pub ctx: AppContext,
    /// The client for other VUM sources, when the region is connected to the exchange.
    pub vum: Option<vum_client::VumClient>,
    /// Imports started in the browser, running or recently finished.
    pub imports: ui::imports::Runs,
}

/// The whole application: UI, API, OpenAPI document, health, readiness and metrics.
pub fn router(ctx: AppContext) -> Router {
    router_with(ctx, None)
}

/// The whole application, asking other sources through the VUM exchange with `vum`.
pub fn router_with(ctx: AppContext, vum: Option<vum_client::VumClient>) -> Router {
    let hsts = ctx.settings.secure_cookies;
    let state = Web {
        ctx,
        vum,
        imports: Default::default(),
    };
    metrics::handle();
    let (api, _) = api::router().split_for_parts();
    let observing = state.clone();
    let serving = state.clone();
    Router::new()
        .merge(ui::router())
        .nest("/api/v1", api)
        .route("/health", get(health))
        .route("/ready", get(metrics::ready))
        .route("/metrics", get(metrics::scrape))
        .layer(axum::middleware::from_fn_with_state(
            serving,
            ui::format::with_service,
        ))
        .layer(axum::middleware::map_response(move |res| {
            security_headers(res, hsts)
        }))
        .layer(axum::middleware::from_fn_with_state(
            observing,
            observe::observe,
        ))
        .with_state(state)
}

async fn health(axum::extract::State(web): axum::extract::State<Web>) -> axum::response::Response {
    use axum::response::IntoResponse;
    let ok = web.ctx.healthy().await;
    let status = if ok {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        axum::Json(serde_json::json!({ "status": if ok { "ok" } else { "database unavailable" } })),
    )
        .into_response()
}

async fn security_headers(
    mut res: axum::response::Response,
    hsts: bool,
) -> axum::response::Response {
    let h = res.headers_mut();
    if hsts {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    );
    res
}
