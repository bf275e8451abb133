//! What an operator sees of a running koppel: `/metrics` in the Prometheus text format, behind the
//! installation's bearer token (the setting `metrics_token`; without one it answers 404), and
//! `/ready` for a load balancer. The metrics: requests by route template, method and status, with
//! a latency histogram; failed logins; the connection pool; the matching index's size and age;
//! whether the database answers and is fully migrated. None of them holds personal data.

use std::sync::OnceLock;
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::Web;

const REQUEST_SECONDS: &str = "koppel_http_request_duration_seconds";

/// Latency buckets in seconds, from a page served from memory to a slow import upload.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// The process's recorder, installed the first time it is asked for (when the router is built).
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        // Only an empty list of buckets is refused, and this one is not.
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(REQUEST_SECONDS.into()), &BUCKETS)
            .unwrap_or_else(|_| PrometheusBuilder::new());
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("another metrics recorder was installed first");
        }
        handle
    })
}

/// Counts one answered request under its route template (never the path: ids and tokens stay out).
pub fn request(route: Option<&str>, method: &Method, status: StatusCode, took: Duration) {
    let route = route.unwrap_or("(geen route)").to_string();
    let method = method.to_string();
    metrics::counter!(
        "koppel_http_requests_total",
        "route" => route.clone(),
        "method" => method.clone(),
        "status" => status.as_u16().to_string()
    )
    .increment(1);
    metrics::histogram!(REQUEST_SECONDS, "route" => route, "method" => method)
        .record(took.as_secs_f64());
}

/// Counts a refused login: `password` (wrong e-mail address or password) or `throttled`.
pub fn login_failed(reason: &'static str) {
    metrics::counter!("koppel_login_failures_total", "reason" => reason).increment(1);
}

/// Whether the request carries the installation's metrics token (compared in constant time).
fn authorised(headers: &HeaderMap, token: &str) -> bool {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    given.len() == token.len()
        && given
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// `GET /metrics`: the Prometheus text format, for the holder of the metrics token.
pub async fn scrape(State(web): State<Web>, headers: HeaderMap) -> Response {
    let token = &web.ctx.settings.metrics_token;
    if token.is_empty() {
        return StatusCode::NOT_FOUND.into_response();
    }
    if !authorised(&headers, token) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
        )
            .into_response();
    }
    let s = koppel_app::status::status(&web.ctx).await;
    metrics::gauge!("koppel_database_up").set(f64::from(u8::from(s.database)));
    metrics::gauge!("koppel_database_pending_migrations").set(s.pending_migrations as f64);
    for (state, n) in [
        ("open", s.pool_open),
        ("idle", s.pool_idle),
        ("max", s.pool_max),
    ] {
        metrics::gauge!("koppel_database_pool_connections", "state" => state).set(f64::from(n));
    }
    if let Some((profiles, age)) = s.index {
        metrics::gauge!("koppel_matching_index_profiles").set(profiles as f64);
        metrics::gauge!("koppel_matching_index_age_seconds").set(age);
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle().render(),
    )
        .into_response()
}

/// `GET /ready`: 200 when this node can serve (the database answers and is fully migrated, the
/// matching index is built), 503 otherwise; `/health` only says that the process answers.
pub async fn ready(State(web): State<Web>) -> Response {
    let s = koppel_app::status::status(&web.ctx).await;
    let status = if s.ready() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = serde_json::json!({
        "status": if s.ready() { "ready" } else { "not ready" },
        "database": s.database,
        "pendingMigrations": s.pending_migrations,
        "matchingIndex": s.index.is_some(),
    });
    (status, axum::Json(body)).into_response()
}
