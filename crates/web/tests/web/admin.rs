//! Administration: an administrator extends the target groups (UI and API); other roles may not.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use crate::common;

use axum::http::StatusCode;
use common::*;
use serde_json::json;

#[tokio::test]
async fn administrators_extend_the_target_groups() {
    let app = TestApp::new().await;
    let adviser = app.token("adviseur@spaarne.nl").await;
    let denied = app
        .api(
            "POST",
            "/api/v1/target-groups",
            Some(&adviser),
            Some(json!({"code": "nieuw", "label": "Nieuw"})),
            None,
        )
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    let admin = app.token("beheer@spaarne.nl").await;
    let bad = app
        .api(
            "POST",
            "/api/v1/target-groups",
            Some(&admin),
            Some(json!({"code": "Met Spaties", "label": ""})),
            None,
        )
        .await;
    assert_eq!(bad.json()["invalidParams"].as_array().unwrap().len(), 2);
    let dup = app
        .api(
            "POST",
            "/api/v1/target-groups",
            Some(&admin),
            Some(json!({"code": "wajong", "label": "Dubbel"})),
            None,
        )
        .await;
    assert_eq!(dup.json()["invalidParams"][0]["code"], "duplicate");
    let ok = app.api("POST", "/api/v1/target-groups", Some(&admin), Some(json!({"code": "tata_steel", "label": "Werk-naar-werk Tata Steel", "hasTarget": true})), None).await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    let list = app
        .api("GET", "/api/v1/target-groups", Some(&adviser), None, None)
        .await
        .json();
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g["code"] == "tata_steel" && g["builtin"] == false));

    // The new group can be given to a candidate at once.
    let consultant = app.token("consulent@ijmond.nl").await;
    let mut c = candidate_json("Staal", false);
    c["targetGroup"] = json!("tata_steel");
    let created = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&consultant),
            Some(c),
            None,
        )
        .await;
    assert_eq!(
        (created.status, created.json()["targetGroupLabel"].as_str()),
        (StatusCode::CREATED, Some("Werk-naar-werk Tata Steel"))
    );

    let cookie = app.browser_session("beheer@spaarne.nl").await;
    let page = app.get_page(&cookie, "/beheer/doelgroepen").await;
    assert!(
        page.body.contains("Werk-naar-werk Tata Steel")
            && page.body.contains("Doelgroep toevoegen")
    );
    let csrf = hidden(&page.body, "csrf");
    let bad = app
        .post_form(
            &cookie,
            "/beheer/doelgroepen",
            &[("csrf", &csrf), ("code", "x"), ("label", "IPS jongeren")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("Gebruik 2 tot 40 kleine letters")
            && bad.body.contains("value=\"IPS jongeren\"")
    );
    let added = app
        .post_form(
            &cookie,
            "/beheer/doelgroepen",
            &[
                ("csrf", &csrf),
                ("code", "ips_jongeren"),
                ("label", "IPS jongeren"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    assert!(app
        .get_page(&cookie, "/beheer/doelgroepen")
        .await
        .body
        .contains("ips_jongeren"));
    let users = app.get_page(&cookie, "/beheer/gebruikers").await;
    assert!(
        users.body.contains("consulent@ijmond.nl") && users.body.contains("Functioneel beheerder")
    );
    let adviser_cookie = app.browser_session("adviseur@spaarne.nl").await;
    assert_eq!(
        app.get_page(&adviser_cookie, "/beheer/gebruikers")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}
