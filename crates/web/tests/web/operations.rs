//! What an operator sees: `/ready` for a load balancer, and `/metrics` in the Prometheus text
//! format behind the installation's token, counting requests by route template (never an id or a
//! name), failed logins, the connection pool and the matching index.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use koppel_app::context::Settings;
use serde_json::json;

use crate::common::*;

const METRICS_TOKEN: &str = "metrics-0123456789abcdef0123456789abcdef";

async fn scrape(app: &TestApp, token: Option<&str>) -> Reply {
    let mut b = Request::get("/metrics");
    if let Some(t) = token {
        b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    app.send(b.body(Body::empty()).unwrap()).await
}

#[tokio::test]
async fn ready_waits_for_the_matching_index() {
    let app = TestApp::new().await;
    let before = app.api("GET", "/ready", None, None, None).await;
    assert_eq!(
        before.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        before.body
    );
    assert_eq!(before.json()["database"], true);
    assert_eq!(before.json()["pendingMigrations"], 0);
    assert_eq!(before.json()["matchingIndex"], false);
    koppel_app::matching::warm_up(&app.ctx).await.unwrap();
    let after = app.api("GET", "/ready", None, None, None).await;
    assert_eq!(after.status, StatusCode::OK, "{}", after.body);
    assert_eq!(after.json()["status"], "ready");
}

#[tokio::test]
async fn metrics_are_off_without_a_token_and_refused_to_users() {
    let app = TestApp::new().await;
    assert_eq!(scrape(&app, None).await.status, StatusCode::NOT_FOUND);
    let on = TestApp::with_settings(Settings {
        metrics_token: METRICS_TOKEN.into(),
        ..Settings::default()
    })
    .await;
    let user = on.token("beheer@spaarne.nl").await;
    for token in [None, Some("wrong"), Some(user.as_str())] {
        let r = scrape(&on, token).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{token:?}");
        assert!(!r.body.contains("koppel_"));
    }
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_failed_logins_without_personal_data() {
    let app = TestApp::with_settings(Settings {
        metrics_token: METRICS_TOKEN.into(),
        ..Settings::default()
    })
    .await;
    let consultant = app.token("consulent@spaarne.nl").await;
    let mut c = candidate_json("Geheimnaam", false);
    c["email"] = json!("geheim@voorbeeld.nl");
    let created = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&consultant),
            Some(c),
            None,
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.json()["id"].as_i64().unwrap();
    let read = app
        .api(
            "GET",
            &format!("/api/v1/candidates/{id}"),
            Some(&consultant),
            None,
            None,
        )
        .await;
    assert_eq!(read.status, 200);
    let (bad, _) = app
        .login("adviseur@spaarne.nl", "verkeerd-wachtwoord")
        .await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    koppel_app::matching::warm_up(&app.ctx).await.unwrap();

    let r = scrape(&app, Some(METRICS_TOKEN)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/plain; version=0.0.4"));
    let m = &r.body;
    let has = |needle: &str| {
        assert!(m.contains(needle), "{needle} is not in:\n{m}");
    };
    has(r#"koppel_http_requests_total{route="/api/v1/candidates/{id}",method="GET",status="200"}"#);
    has(r#"koppel_http_requests_total{route="/api/v1/candidates",method="POST",status="201"}"#);
    has(
        r#"koppel_http_request_duration_seconds_bucket{route="/api/v1/candidates/{id}",method="GET",le="0.005"}"#,
    );
    has(r#"koppel_login_failures_total{reason="password"}"#);
    has(r#"koppel_database_pool_connections{state="max"}"#);
    has("koppel_database_up 1");
    has("koppel_database_pending_migrations 0");
    has("koppel_matching_index_profiles 1");
    has("koppel_matching_index_age_seconds");
    for secret in [
        "Geheimnaam",
        "geheim@voorbeeld.nl",
        &format!("/candidates/{id}\""),
    ] {
        assert!(!m.contains(secret), "{secret} leaked into the metrics");
    }
}
