//! The access matrix: every UI and API route × every role (and no login) × the relation to the data
//! (own organisation; another organisation without consent; with consent), on both databases.
//!
//! The tables in `matrix/rules.rs` are the readable part: one row per route, saying whose data it touches and
//! what it needs. The test derives from them, for each role, whether the route must be refused,
//! sends a real request (with the session's CSRF token and a plausible body, so a refusal is the
//! access check's and not the form's), and checks:
//! - a route whose rule the role does not meet is refused (401, 403 or 404; a login redirect in the UI);
//! - no answer to anyone but IJmond (the owner) holds the private canary, and none to a role without
//!   candidate access holds the shared one; no answer is a server error;
//! - after everyone tried everything, IJmond's private data is exactly as it was;
//! - the owner reaches its own data, and WSP staff reach the candidate shared with consent.
//!
//! A route that has no row fails the test: the UI's routes are read from its source, the API's from
//! its OpenAPI document.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use crate::common;
#[path = "matrix/rules.rs"]
pub mod rules;
#[path = "matrix/world.rs"]
pub mod world;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::*;
use koppel_app::domain::codes::Role;
use koppel_app::domain::permissions::Permission::ReadCandidates;
use rules::*;
use world::*;

/// Who tries: every role of Spaarne Werkt (another WSP partner), the partner organisation, and
/// someone without a login.
const ACTORS: &[(&str, Option<Role>)] = &[
    ("consulent@spaarne.nl", Some(Role::Consultant)),
    ("adviseur@spaarne.nl", Some(Role::Adviser)),
    ("jobhunter@spaarne.nl", Some(Role::Jobhunter)),
    ("manager@spaarne.nl", Some(Role::Manager)),
    ("beheer@spaarne.nl", Some(Role::Admin)),
    ("partner@uitzend.nl", Some(Role::Partner)),
    ("", None),
];

/// Whether the rule refuses this role (or no login) for IJmond's private data.
fn must_refuse(rule: Rule, role: Option<Role>) -> bool {
    match (rule, role) {
        (Public, _) => false,
        (Operator, _) | (_, None) => true,
        (LoggedIn, Some(_)) => false,
        (Needs(p), Some(r)) => !r.can(p),
        (Private(_), Some(_)) => true,
    }
}

fn refused(status: StatusCode, location: Option<&str>, ui: bool) -> bool {
    matches!(
        status,
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    ) || (ui && status == StatusCode::SEE_OTHER && location == Some("/login"))
        // A write naming a candidate outside the scope is refused as an invalid field (forms
        // answer 422); the unchanged data and the absent canary show nothing got through.
        || status == StatusCode::BAD_REQUEST
        || status == StatusCode::UNPROCESSABLE_ENTITY
}

async fn send(
    app: &TestApp,
    ui: bool,
    method: &str,
    path: &str,
    cookie: &str,
    token: &str,
    fields: &[(&str, String)],
) -> Reply {
    let mut b = Request::builder().method(method).uri(path);
    if ui {
        b = b.header(header::COOKIE, cookie);
    } else if !token.is_empty() {
        b = b.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    if method == "GET" {
        return app.send(b.body(Body::empty()).unwrap()).await;
    }
    if ui {
        let form = serde_urlencoded::to_string(fields).unwrap();
        b = b.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        app.send(b.body(Body::from(form)).unwrap()).await
    } else {
        let json: serde_json::Map<String, serde_json::Value> = fields
            .iter()
            .filter(|(k, _)| *k != "csrf" && *k != "version")
            .map(|(k, v)| {
                (
                    k.to_string(),
                    v.parse::<i64>()
                        .map(Into::into)
                        .unwrap_or_else(|_| v.clone().into()),
                )
            })
            .collect();
        b = b
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::IF_MATCH, "\"1\"");
        app.send(
            b.body(Body::from(serde_json::Value::Object(json).to_string()))
                .unwrap(),
        )
        .await
    }
}

/// Every route has a row: the UI's routes from its source, the API's from its OpenAPI document.
async fn assert_every_route_has_a_row(app: &TestApp) {
    let mut missing = Vec::new();
    let normal = |p: &str| -> String {
        let mut out = String::new();
        let mut depth = 0;
        for ch in p.split('?').next().unwrap().chars() {
            match ch {
                '{' => {
                    depth += 1;
                    out.push_str("{}");
                }
                '}' => depth -= 1,
                c if depth == 0 => out.push(c),
                _ => {}
            }
        }
        out
    };
    let ui_rows: Vec<(String, String)> = UI
        .iter()
        .map(|(m, p, _)| (m.to_string(), normal(p)))
        .collect();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/ui");
    for entry in std::fs::read_dir(dir).unwrap() {
        let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for (i, _) in source.match_indices(".route(") {
            let rest = &source[i + 7..];
            let path = rest.split('"').nth(1).unwrap();
            let next_route = rest[1..].find(".route(").map_or(rest.len(), |e| e + 1);
            let end = next_route.min(rest.find("\n}").unwrap_or(rest.len()));
            let segment = &rest[..end];
            for method in ["get", "post", "put", "delete"] {
                if segment.contains(&format!("{method}(")) {
                    let key = (method.to_uppercase(), normal(path));
                    if !ui_rows.contains(&key) {
                        missing.push(format!("UI {} {path}", key.0));
                    }
                }
            }
        }
    }
    let api_rows: Vec<(String, String)> = API
        .iter()
        .map(|(m, p, _)| (m.to_string(), normal(p)))
        .collect();
    let doc = app
        .api("GET", "/api/v1/openapi.json", None, None, None)
        .await
        .json();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            let key = (method.to_uppercase(), normal(path));
            if !api_rows.contains(&key) {
                missing.push(format!("API {} {path}", key.0));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "routes without a row in the matrix: {missing:#?}"
    );
}

#[tokio::test]
async fn every_route_refuses_what_the_matrix_says_and_leaks_nothing() {
    let app = TestApp::new().await;
    assert_every_route_has_a_row(&app).await;
    let world = world(&app).await;
    let before = private_rows(&app, &world).await;

    // The owner reaches its own candidate; WSP staff elsewhere reach the one shared with consent.
    let owner = app.browser_session("consulent@ijmond.nl").await;
    let own = app
        .get_page(&owner, &world.path("/kandidaten/{candidate}"))
        .await;
    assert!(own.status == StatusCode::OK && own.body.contains(PRIVATE));
    let wsp = app.browser_session("adviseur@spaarne.nl").await;
    let shared = app.get_page(&wsp, &format!("/kandidaten?q={SHARED}")).await;
    assert!(
        shared.body.contains(SHARED),
        "consent opens the candidate to WSP staff"
    );

    let mut wrong = Vec::new();
    let mut tried = 0;
    // Inside IJmond, the role decides: each reads its own candidate's pages where it may.
    for (email, role) in [
        ("consulent@ijmond.nl", Role::Consultant),
        ("adviseur@ijmond.nl", Role::Adviser),
    ] {
        let cookie = app.browser_session(email).await;
        let token = app.token(email).await;
        for (ui, table) in [(true, UI), (false, API)] {
            for (method, route, rule) in table {
                let (&Private(p), "GET") = (rule, *method) else {
                    continue;
                };
                let path = world.request_path(ui, route);
                let r = send(&app, ui, method, &path, &cookie, &token, &[]).await;
                tried += 1;
                let location = r
                    .headers
                    .get(header::LOCATION)
                    .and_then(|l| l.to_str().ok());
                if role.can(p) == refused(r.status, location, ui) {
                    wrong.push(format!(
                        "owner {email} {method} {path}: {} while the role {} it",
                        r.status,
                        if role.can(p) { "may do" } else { "may not do" }
                    ));
                }
            }
        }
    }
    for (email, role) in ACTORS {
        let (cookie, token) = match role {
            Some(_) => (app.browser_session(email).await, app.token(email).await),
            None => (String::new(), String::new()),
        };
        let csrf = if role.is_some() {
            app.csrf(&cookie).await
        } else {
            String::new()
        };
        let mut fields = body(&world);
        fields.push(("csrf", csrf));
        let shared_visible = role.is_some_and(|r| r.can(ReadCandidates));
        for (ui, table) in [(true, UI), (false, API)] {
            for (method, route, rule) in table {
                if *route == "/afmelden" {
                    continue; // signing out would end the session the rest of the loop uses
                }
                let path = world.request_path(ui, route);
                let r = send(&app, ui, method, &path, &cookie, &token, &fields).await;
                tried += 1;
                let location = r
                    .headers
                    .get(header::LOCATION)
                    .and_then(|l| l.to_str().ok());
                let who = if email.is_empty() { "anonymous" } else { email };
                if r.status.is_server_error() {
                    wrong.push(format!("{who} {method} {path}: server error {}", r.status));
                }
                if r.body.contains(PRIVATE) {
                    wrong.push(format!("{who} {method} {path}: the private canary leaked"));
                }
                if !shared_visible && r.body.contains(SHARED) {
                    wrong.push(format!("{who} {method} {path}: the shared canary leaked"));
                }
                if must_refuse(*rule, *role) && !refused(r.status, location, ui) {
                    wrong.push(format!(
                        "{who} {method} {path}: expected a refusal, got {} {}",
                        r.status,
                        location.unwrap_or("")
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {tried} requests went wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert_eq!(
        private_rows(&app, &world).await,
        before,
        "IJmond's private data changed"
    );
}
