//! Organisation scoping of candidates through every path (UI detail, UI list and search, API get,
//! API list and search, API update), that every read and every refusal is logged, and the rights of
//! the candidate (subject-access export and erasure) for the owning organisation only.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use crate::common;
#[path = "scoping/privacy.rs"]
mod privacy;

use axum::http::StatusCode;
use common::*;
use koppel_app::logging::pseudonym;
use koppel_store::logs;

const CANARY: &str = "Canarievogel";
#[tokio::test]
async fn another_organisations_candidate_without_consent_stays_invisible() {
    let app = TestApp::new().await;
    let ijmond = app.token("consulent@ijmond.nl").await;
    let created = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&ijmond),
            Some(candidate_json(CANARY, false)),
            None,
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let c = created.json();
    assert_eq!(
        (c["postcode"].as_str(), c["orgName"].as_str()),
        (Some("1971AB"), Some("IJmond Werkt!"))
    );
    let id = c["id"].as_i64().unwrap();

    for email in ["consulent@spaarne.nl", "adviseur@spaarne.nl"] {
        let t = app.token(email).await;
        let get = app
            .api(
                "GET",
                &format!("/api/v1/candidates/{id}"),
                Some(&t),
                None,
                None,
            )
            .await;
        assert_eq!(get.status, StatusCode::NOT_FOUND, "{email}");
        let list = app
            .api("GET", "/api/v1/candidates?q=Canarie", Some(&t), None, None)
            .await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(
            !list.body.contains(CANARY),
            "{email} found the canary through API search"
        );
        let put = app
            .api(
                "PUT",
                &format!("/api/v1/candidates/{id}"),
                Some(&t),
                Some(candidate_json("Overschreven", false)),
                Some("1"),
            )
            .await;
        assert_eq!(
            put.status,
            if email.starts_with("consulent") {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::FORBIDDEN
            }
        );
        let cookie = app.browser_session(email).await;
        assert_eq!(
            app.get_page(&cookie, &format!("/kandidaten/{id}"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let edit_status = if email.starts_with("adviseur") {
            StatusCode::FORBIDDEN
        } else {
            StatusCode::NOT_FOUND
        };
        assert_eq!(
            app.get_page(&cookie, &format!("/kandidaten/{id}/bewerken"))
                .await
                .status,
            edit_status
        );
        let page = app.get_page(&cookie, "/kandidaten?q=Canarie").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            !page.body.contains(CANARY),
            "{email} found the canary in the UI list"
        );
    }
    let own = app
        .api(
            "GET",
            &format!("/api/v1/candidates/{id}"),
            Some(&ijmond),
            None,
            None,
        )
        .await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.body.contains(CANARY));
    let partner = app.token("partner@uitzend.nl").await;
    assert_eq!(
        app.api("GET", "/api/v1/candidates", Some(&partner), None, None)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.api(
            "GET",
            &format!("/api/v1/candidates/{id}"),
            Some(&partner),
            None,
            None
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn consent_opens_a_candidate_to_wsp_advisers_only() {
    let app = TestApp::new().await;
    let ijmond = app.token("consulent@ijmond.nl").await;
    let id = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&ijmond),
            Some(candidate_json(CANARY, true)),
            None,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let adviser = app.token("adviseur@spaarne.nl").await;
    let seen = app
        .api(
            "GET",
            &format!("/api/v1/candidates/{id}"),
            Some(&adviser),
            None,
            None,
        )
        .await;
    assert_eq!(seen.status, StatusCode::OK);
    let list = app
        .api(
            "GET",
            &format!("/api/v1/candidates?q={CANARY}"),
            Some(&adviser),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(list["total"], 1);
    let consultant = app.token("consulent@spaarne.nl").await;
    assert_eq!(
        app.api(
            "GET",
            &format!("/api/v1/candidates/{id}"),
            Some(&consultant),
            None,
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    // Every read left a processing-log record under the candidate's pseudonym, never its plain id.
    let subject = pseudonym(&app.ctx, &format!("candidate:{id}"));
    assert_ne!(subject, format!("candidate:{id}"));
    let mut tx = app.ctx.store().begin().await.unwrap();
    let records = logs::processing_for_subject(&mut tx, &subject)
        .await
        .unwrap();
    let names: Vec<&str> = records.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "candidate.create",
            "candidate.read",
            "candidate.list",
            "candidate.refused"
        ],
        "the consultant elsewhere was refused, and that is on the candidate's record too"
    );
    assert!(records
        .iter()
        .all(|r| r.processing_activity == "bemiddeling"
            && r.status
                == if r.name == "candidate.refused" {
                    "error"
                } else {
                    "ok"
                }
            && r.trace_id.len() == 32));
}

#[tokio::test]
async fn candidate_update_uses_optimistic_locking() {
    let app = TestApp::new().await;
    let t = app.token("consulent@spaarne.nl").await;
    let id = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&t),
            Some(candidate_json("Eerste", false)),
            None,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let ok = app
        .api(
            "PUT",
            &format!("/api/v1/candidates/{id}"),
            Some(&t),
            Some(candidate_json("Tweede", true)),
            Some("\"1\""),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let c = ok.json();
    assert_eq!(
        (
            c["lastName"].as_str(),
            c["consentWsp"].as_bool(),
            c["consentDate"].as_str()
        ),
        (Some("Tweede"), Some(true), Some("2025-03-01"))
    );
    assert_eq!(
        c["skills"][0]["uri"],
        "http://data.europa.eu/esco/skill/abc"
    );
    let stale = app
        .api(
            "PUT",
            &format!("/api/v1/candidates/{id}"),
            Some(&t),
            Some(candidate_json("Derde", false)),
            Some("\"1\""),
        )
        .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    let now = app
        .api(
            "GET",
            &format!("/api/v1/candidates/{id}"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(now["lastName"], "Tweede");
}

/// Finding 1 of the security review: attendance of another organisation's candidate could be set.
#[tokio::test]
async fn attendance_of_a_candidate_outside_the_scope_cannot_be_changed() {
    let app = TestApp::new().await;
    let ijmond_consultant = app.token("consulent@ijmond.nl").await;
    let ijmond_adviser = app.token("adviseur@ijmond.nl").await;
    let private = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&ijmond_consultant),
            Some(candidate_json(CANARY, false)),
            None,
        )
        .await
        .json();
    let event = app
        .api(
            "POST",
            "/api/v1/events",
            Some(&ijmond_adviser),
            Some(serde_json::json!({"title": "Banenmarkt", "kind": "care_fair", "eventDate": "2026-03-12"})),
            None,
        )
        .await
        .json();
    let own_consent = app
        .api(
            "POST",
            &format!("/api/v1/events/{}/participants", event["id"]),
            Some(&ijmond_adviser),
            Some(serde_json::json!({"candidateId": private["id"]})),
            None,
        )
        .await;
    assert_eq!(
        own_consent.status,
        StatusCode::CREATED,
        "{}",
        own_consent.body
    );
    let pid = own_consent.json()["id"].as_i64().unwrap();
    let spaarne = app.token("adviseur@spaarne.nl").await;
    let put = app
        .api(
            "PUT",
            &format!("/api/v1/event-participants/{pid}"),
            Some(&spaarne),
            Some(serde_json::json!({"status": "attended"})),
            Some("1"),
        )
        .await;
    assert_eq!(put.status, StatusCode::NOT_FOUND, "{}", put.body);
    assert!(!put.body.contains(&event["id"].to_string()) || put.json()["id"].is_null());
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let csrf = app.csrf(&cookie).await;
    let form = app
        .post_form(
            &cookie,
            &format!("/deelnemers/{pid}"),
            &[("csrf", &csrf), ("version", "1"), ("status", "attended")],
        )
        .await;
    assert_eq!(form.status, StatusCode::NOT_FOUND);
    let detail = app
        .api(
            "GET",
            &format!("/api/v1/events/{}", event["id"]),
            Some(&ijmond_adviser),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(detail["participants"][0]["status"], "invited");
    let own = app
        .api(
            "PUT",
            &format!("/api/v1/event-participants/{pid}"),
            Some(&ijmond_adviser),
            Some(serde_json::json!({"status": "attended"})),
            Some("1"),
        )
        .await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
}

/// Finding 3 of the security review: consent let another organisation rewrite the candidate.
#[tokio::test]
async fn consent_lets_the_wsp_read_but_never_rewrite_a_candidate() {
    let app = TestApp::new().await;
    let ijmond = app.token("consulent@ijmond.nl").await;
    let id = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&ijmond),
            Some(candidate_json(CANARY, true)),
            None,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let jobhunter = app.token("jobhunter@spaarne.nl").await;
    let path = format!("/api/v1/candidates/{id}");
    let read = app.api("GET", &path, Some(&jobhunter), None, None).await;
    assert_eq!(read.status, StatusCode::OK, "consent opens reading");
    let mut widened = candidate_json(CANARY, true);
    widened["email"] = "aanvaller@voorbeeld.nl".into();
    widened["consentScope"] = "wsp_vum".into();
    let put = app
        .api("PUT", &path, Some(&jobhunter), Some(widened), Some("\"1\""))
        .await;
    assert_eq!(put.status, StatusCode::NOT_FOUND, "{}", put.body);
    let cookie = app.browser_session("jobhunter@spaarne.nl").await;
    let edit = app
        .get_page(&cookie, &format!("/kandidaten/{id}/bewerken"))
        .await;
    assert_eq!(edit.status, StatusCode::NOT_FOUND);
    let after = app
        .api("GET", &path, Some(&ijmond), None, None)
        .await
        .json();
    assert_eq!(
        (after["email"].as_str(), after["version"].as_i64()),
        (Some("kandidaat@voorbeeld.nl"), Some(1))
    );
    assert_ne!(after["consentScope"], "wsp_vum");
}
