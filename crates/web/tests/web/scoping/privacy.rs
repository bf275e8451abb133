//! Privacy around candidates: refusals audited, the person's rights for the owner only, processing
//! records wherever candidates are shown, no caching, and job carving that names nobody.

use crate::common::*;
use axum::http::StatusCode;
use koppel_app::logging::pseudonym;
use koppel_store::logs;

use super::CANARY;

/// Finding 5 of the security review: refusals left no trace.
#[tokio::test]
async fn every_refused_access_is_audited_with_user_route_and_object() {
    let app = TestApp::new().await;
    let ijmond = app.token("consulent@ijmond.nl").await;
    let id = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&ijmond),
            Some(candidate_json(CANARY, false)),
            None,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let spaarne = app.token("consulent@spaarne.nl").await;
    let hidden = app
        .api(
            "GET",
            &format!("/api/v1/candidates/{id}"),
            Some(&spaarne),
            None,
            None,
        )
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    let partner = app.browser_session("partner@uitzend.nl").await;
    assert_eq!(
        app.get_page(&partner, "/kandidaten").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.api("GET", "/api/v1/candidates", Some("geen-token"), None, None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let spaarne_id = app.user_id("consulent@spaarne.nl").await;
    let partner_id = app.user_id("partner@uitzend.nl").await;
    let mut tx = app.ctx.store().begin().await.unwrap();
    let recs = logs::recent_audit(&mut tx, 50).await.unwrap();
    drop(tx);
    let refused: Vec<(&str, &str, &str, &str)> = recs
        .iter()
        .filter(|r| r.action.starts_with("access.refused"))
        .map(|r| {
            (
                r.actor.as_str(),
                r.action.as_str(),
                r.object.as_str(),
                r.result.as_str(),
            )
        })
        .collect();
    let object = format!("/api/v1/candidates/{id}");
    assert!(
        refused.contains(&(
            format!("token:user:{spaarne_id}").as_str(),
            "access.refused 404 GET /api/v1/candidates/{id}",
            object.as_str(),
            "denied"
        )),
        "{refused:?}"
    );
    assert!(
        refused.contains(&(
            format!("user:{partner_id}").as_str(),
            "access.refused 403 GET /kandidaten",
            "/kandidaten",
            "denied"
        )),
        "{refused:?}"
    );
    assert!(
        refused
            .iter()
            .any(|r| r.0 == "anonymous" && r.1.starts_with("access.refused 401")),
        "{refused:?}"
    );
    // The candidate's own processing log shows the refused attempt too.
    let subject = pseudonym(&app.ctx, &format!("candidate:{id}"));
    let mut tx = app.ctx.store().begin().await.unwrap();
    let records = logs::processing_for_subject(&mut tx, &subject)
        .await
        .unwrap();
    assert!(
        records.iter().any(|r| r.name == "candidate.refused"
            && r.status == "error"
            && r.actor_id == Some(spaarne_id)),
        "{records:?}"
    );
}

#[tokio::test]
async fn the_owning_consultant_exports_and_erases_a_candidate_and_nobody_else_can() {
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
    app.api(
        "GET",
        &format!("/api/v1/candidates/{id}"),
        Some(&adviser),
        None,
        None,
    )
    .await;
    let export = app
        .api(
            "GET",
            &format!("/api/v1/candidates/{id}/subject-access"),
            Some(&ijmond),
            None,
            None,
        )
        .await;
    assert_eq!(export.status, StatusCode::OK, "{}", export.body);
    let x = export.json();
    assert_eq!(x["candidate"]["lastName"], CANARY);
    assert_eq!(x["controller"], "IJmond Werkt!");
    let by: Vec<&str> = x["processing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["by"].as_str().unwrap())
        .collect();
    assert!(
        by.contains(&"adviseur (Spaarne Werkt)"),
        "the export names who read the data: {by:?}"
    );
    for (who, token) in [
        (
            "jobhunter@spaarne.nl",
            app.token("jobhunter@spaarne.nl").await,
        ),
        ("adviseur@spaarne.nl", adviser.clone()),
    ] {
        for (method, path) in [
            ("GET", format!("/api/v1/candidates/{id}/subject-access")),
            ("POST", format!("/api/v1/candidates/{id}/erasure")),
        ] {
            let r = app.api(method, &path, Some(&token), None, None).await;
            assert!(
                matches!(r.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
                "{who} {method} {path}: {}",
                r.status
            );
            assert!(!r.body.contains(CANARY));
        }
    }
    let cookie = app.browser_session("consulent@ijmond.nl").await;
    let page = app.get_page(&cookie, &format!("/kandidaten/{id}")).await;
    assert!(page.body.contains(&format!("/kandidaten/{id}/inzage.pdf")));
    let pdf = app
        .get_page(&cookie, &format!("/kandidaten/{id}/inzage.pdf"))
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(
        pdf.headers[axum::http::header::CONTENT_TYPE],
        "application/pdf"
    );
    assert!(pdf.body.starts_with("%PDF"));
    let confirm = app
        .get_page(&cookie, &format!("/kandidaten/{id}/wissen"))
        .await;
    assert!(confirm.body.contains("Gegevens definitief wissen"));
    let csrf = app.csrf(&cookie).await;
    let erased = app
        .post_form(
            &cookie,
            &format!("/kandidaten/{id}/wissen"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(erased.status, StatusCode::SEE_OTHER, "{}", erased.body);
    let after = app
        .api(
            "GET",
            &format!("/api/v1/candidates/{id}"),
            Some(&ijmond),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(
        (
            after["lastName"].as_str(),
            after["email"].as_str(),
            after["consentWsp"].as_bool()
        ),
        (Some("verwijderd"), None, Some(false))
    );
    let mut tx = app.ctx.store().begin().await.unwrap();
    let erasures = logs::recent_audit(&mut tx, 50)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.action == "candidate.erase" && r.object == format!("candidate:{id}"))
        .count();
    assert_eq!(erasures, 1);
}

/// Finding 8 of the security review: candidates shown by name on a vacancy's page and board, an
/// event's page and the start page's worklist left no processing record.
#[tokio::test]
async fn candidates_shown_on_boards_events_and_the_worklist_are_logged() {
    let app = TestApp::new().await;
    let adviser = app.token("adviseur@spaarne.nl").await;
    let consultant = app.token("consulent@spaarne.nl").await;
    let id = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&consultant),
            Some(candidate_json(CANARY, true)),
            None,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let employer = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&adviser),
            Some(serde_json::json!({"name": "Bakkerij", "sector": "handel"})),
            None,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let vacancy = app
        .api(
            "POST",
            "/api/v1/vacancies",
            Some(&adviser),
            Some(serde_json::json!({"employerId": employer, "title": "Bakker", "status": "open"})),
            None,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    app.api(
        "POST",
        "/api/v1/nominations",
        Some(&adviser),
        Some(serde_json::json!({"vacancyId": vacancy, "candidateId": id})),
        None,
    )
    .await;
    let event = app
        .api("POST", "/api/v1/events", Some(&adviser), Some(serde_json::json!({"title": "Banenmarkt", "kind": "care_fair", "eventDate": "2026-03-12"})), None)
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    app.api(
        "POST",
        &format!("/api/v1/events/{event}/participants"),
        Some(&adviser),
        Some(serde_json::json!({"candidateId": id})),
        None,
    )
    .await;
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    for page in [
        format!("/vacatures/{vacancy}"),
        format!("/vacatures/{vacancy}/bord"),
        format!("/bijeenkomsten/{event}"),
        "/".to_string(),
    ] {
        let r = app.get_page(&cookie, &page).await;
        assert_eq!(r.status, StatusCode::OK, "{page}");
    }
    app.api(
        "GET",
        &format!("/api/v1/events/{event}"),
        Some(&adviser),
        None,
        None,
    )
    .await;
    let subject = pseudonym(&app.ctx, &format!("candidate:{id}"));
    let mut tx = app.ctx.store().begin().await.unwrap();
    let names: Vec<String> = logs::processing_for_subject(&mut tx, &subject)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.name)
        .collect();
    for name in ["nomination.list", "event.participants", "worklist.read"] {
        assert!(
            names.iter().any(|n| n == name),
            "no {name} record in {names:?}"
        );
    }
    assert!(
        names.iter().filter(|n| *n == "event.participants").count() >= 2,
        "UI and API: {names:?}"
    );
}

#[tokio::test]
async fn pages_with_personal_data_are_never_cached_and_the_csp_is_complete() {
    let app = TestApp::new().await;
    let cookie = app.browser_session("consulent@spaarne.nl").await;
    let page = app.get_page(&cookie, "/kandidaten").await;
    assert_eq!(page.headers["cache-control"], "no-store");
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    for directive in [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(directive), "{directive} in {csp}");
    }
    let t = app.token("consulent@spaarne.nl").await;
    let api = app
        .api("GET", "/api/v1/candidates", Some(&t), None, None)
        .await;
    assert_eq!(api.headers["cache-control"], "no-store");
    let css = app.get_page("", "/static/koppel.css").await;
    assert_eq!(
        css.headers["cache-control"], "max-age=3600",
        "static files may be cached"
    );
}

/// A vacancy carved out for a candidate names them only to those who may see the candidate.
#[tokio::test]
async fn a_job_carved_vacancy_names_its_candidate_only_within_the_scope() {
    let app = TestApp::new().await;
    let consultant = app.token("consulent@ijmond.nl").await;
    let adviser = app.token("adviseur@ijmond.nl").await;
    let id = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&consultant),
            Some(candidate_json(CANARY, false)),
            None,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let employer = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&adviser),
            Some(serde_json::json!({"name": "Zorghuis", "sector": "zorg_welzijn"})),
            None,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let created = app
        .api(
            "POST",
            "/api/v1/vacancies",
            Some(&adviser),
            Some(serde_json::json!({"employerId": employer, "title": "Gastvrouw", "status": "open", "jobCarving": true,
                "carvedTasks": "Koffie schenken", "carvedFrom": "Helpende", "carvedForCandidateId": id})),
            None,
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let vacancy = created.json()["id"].as_i64().unwrap();
    assert_eq!(created.json()["carvedForCandidateId"], id);
    for email in [
        "adviseur@spaarne.nl",
        "partner@uitzend.nl",
        "consulent@spaarne.nl",
    ] {
        let t = app.token(email).await;
        let v = app
            .api(
                "GET",
                &format!("/api/v1/vacancies/{vacancy}"),
                Some(&t),
                None,
                None,
            )
            .await
            .json();
        assert!(
            v["carvedForCandidateId"].is_null(),
            "{email} learns who it is for"
        );
        let list = app
            .api("GET", "/api/v1/vacancies", Some(&t), None, None)
            .await
            .json();
        assert!(list["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|v| v["carvedForCandidateId"].is_null()));
    }
    // An editor who cannot see the candidate keeps the link when saving.
    let spaarne = app.token("adviseur@spaarne.nl").await;
    let saved = app
        .api(
            "PUT",
            &format!("/api/v1/vacancies/{vacancy}"),
            Some(&spaarne),
            Some(serde_json::json!({"employerId": employer, "title": "Gastvrouw", "status": "open", "jobCarving": true,
                "carvedTasks": "Koffie schenken", "carvedFrom": "Helpende"})),
            Some("\"1\""),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let own = app
        .api(
            "GET",
            &format!("/api/v1/vacancies/{vacancy}"),
            Some(&adviser),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(own["carvedForCandidateId"], id);
}
