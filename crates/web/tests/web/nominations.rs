//! Nominations and placements through the API and the UI: the state machine, scope, placements
//! recorded in one step with the nomination, and optimistic locking.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use crate::common;

use axum::http::StatusCode;
use common::*;
use serde_json::json;

/// An open vacancy (created by the Spaarne adviser) and an IJmond candidate; returns their ids.
async fn vacancy_and_candidate(app: &TestApp, consent: bool) -> (i64, i64) {
    let adviser = app.token("adviseur@spaarne.nl").await;
    let e = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&adviser),
            Some(json!({"name": "Hotel Zeezicht", "sector": "horeca_schoonmaak"})),
            None,
        )
        .await
        .json();
    let v = app
        .api(
            "POST",
            "/api/v1/vacancies",
            Some(&adviser),
            Some(json!({"employerId": e["id"], "title": "Schoonmaker", "status": "open"})),
            None,
        )
        .await
        .json();
    let consultant = app.token("consulent@ijmond.nl").await;
    let c = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&consultant),
            Some(candidate_json("Kandidaat", consent)),
            None,
        )
        .await
        .json();
    (v["id"].as_i64().unwrap(), c["id"].as_i64().unwrap())
}

#[tokio::test]
async fn a_nomination_moves_through_the_state_machine_to_a_placement() {
    let app = TestApp::new().await;
    let (vacancy, candidate) = vacancy_and_candidate(&app, true).await;
    let t = app.token("adviseur@spaarne.nl").await;
    let created = app
        .api(
            "POST",
            "/api/v1/nominations",
            Some(&t),
            Some(json!({"vacancyId": vacancy, "candidateId": candidate})),
            None,
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let n = created.json();
    assert_eq!(n["state"], "proposed");
    let id = n["id"].as_i64().unwrap();
    let again = app
        .api(
            "POST",
            "/api/v1/nominations",
            Some(&t),
            Some(json!({"vacancyId": vacancy, "candidateId": candidate})),
            None,
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::BAD_REQUEST,
        "a second running nomination for the same pair is refused"
    );

    let illegal = app
        .api(
            "PUT",
            &format!("/api/v1/nominations/{id}"),
            Some(&t),
            Some(json!({"state": "offer"})),
            Some("1"),
        )
        .await;
    assert_eq!(illegal.status, StatusCode::BAD_REQUEST);
    assert!(illegal.json()["invalidParams"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("kan niet naar"));
    let mut version = 1;
    for state in ["interested", "interview", "offer"] {
        let r = app
            .api(
                "PUT",
                &format!("/api/v1/nominations/{id}"),
                Some(&t),
                Some(json!({"state": state})),
                Some(&version.to_string()),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{state}: {}", r.body);
        version = r.json()["version"].as_i64().unwrap();
    }
    let stale = app
        .api(
            "POST",
            &format!("/api/v1/nominations/{id}/placement"),
            Some(&t),
            Some(
                json!({"contractType": "temporary", "hoursPerWeek": 24, "startDate": "2025-09-01"}),
            ),
            Some("1"),
        )
        .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    let bad = app.api("POST", &format!("/api/v1/nominations/{id}/placement"), Some(&t), Some(json!({"contractType": "x", "hoursPerWeek": 99, "startDate": "gisteren", "hourlyWage": "veel"})), Some(&version.to_string())).await;
    assert_eq!(bad.json()["invalidParams"].as_array().unwrap().len(), 4);
    let placed = app
        .api("POST", &format!("/api/v1/nominations/{id}/placement"), Some(&t), Some(json!({"contractType": "temporary", "hoursPerWeek": 24, "startDate": "2025-09-01", "hourlyWage": "14,50", "benefitOutflow": true, "benefit": "pwet"})), Some(&version.to_string()))
        .await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.body);
    let p = placed.json();
    assert_eq!(
        (
            p["targetGroup"].as_str(),
            p["hourlyWageCents"].as_i64(),
            p["startDate"].as_str(),
            p["benefitOutflow"].as_bool()
        ),
        (Some("pwet"), Some(1450), Some("2025-09-01"), Some(true))
    );
    let n = app
        .api(
            "GET",
            &format!("/api/v1/nominations/{id}"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(n["state"], "placed");
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
    assert_eq!(v["status"], "filled", "its one position is filled");
    let paper = app
        .api(
            "GET",
            &format!("/api/v1/public/vacancies/{vacancy}"),
            None,
            None,
            None,
        )
        .await;
    assert_eq!(
        paper.status,
        StatusCode::NOT_FOUND,
        "and it leaves the vacancy paper"
    );
    let pid = p["id"].as_i64().unwrap();
    let fix = app
        .api(
            "PUT",
            &format!("/api/v1/placements/{pid}"),
            Some(&t),
            Some(
                json!({"contractType": "permanent", "hoursPerWeek": 32, "startDate": "2025-09-01"}),
            ),
            Some("1"),
        )
        .await;
    assert_eq!(
        (fix.status, fix.json()["hoursPerWeek"].as_i64()),
        (StatusCode::OK, Some(32))
    );
    let stale_fix = app
        .api(
            "PUT",
            &format!("/api/v1/placements/{pid}"),
            Some(&t),
            Some(json!({"contractType": "other", "hoursPerWeek": 8, "startDate": "2025-09-01"})),
            Some("1"),
        )
        .await;
    assert_eq!(stale_fix.status, StatusCode::PRECONDITION_FAILED);
    let list = app
        .api(
            "GET",
            &format!("/api/v1/nominations?candidateId={candidate}"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    // The consultant who owns the candidate sees the nomination; a consultant elsewhere does not.
    let owner = app.token("consulent@ijmond.nl").await;
    assert_eq!(
        app.api(
            "GET",
            &format!("/api/v1/placements/{pid}"),
            Some(&owner),
            None,
            None
        )
        .await
        .status,
        StatusCode::OK
    );
    let other = app.token("consulent@spaarne.nl").await;
    assert_eq!(
        app.api(
            "GET",
            &format!("/api/v1/nominations/{id}"),
            Some(&other),
            None,
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.api(
            "GET",
            &format!("/api/v1/placements/{pid}"),
            Some(&other),
            None,
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let none = app
        .api(
            "GET",
            &format!("/api/v1/nominations?vacancyId={vacancy}"),
            Some(&other),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(none.as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn declines_and_misses_carry_a_coded_reason() {
    let app = TestApp::new().await;
    let (vacancy, candidate) = vacancy_and_candidate(&app, true).await;
    let t = app.token("adviseur@spaarne.nl").await;
    let id = app
        .api(
            "POST",
            "/api/v1/nominations",
            Some(&t),
            Some(json!({"vacancyId": vacancy, "candidateId": candidate})),
            None,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let path = format!("/api/v1/nominations/{id}");
    let missing = app
        .api(
            "PUT",
            &path,
            Some(&t),
            Some(json!({"state": "declined"})),
            Some("1"),
        )
        .await;
    assert_eq!(invalid_names(&missing), ["reasonCode"]);
    let wrong_list = app
        .api(
            "PUT",
            &path,
            Some(&t),
            Some(json!({"state": "declined", "reasonCode": "candidate_withdrew"})),
            Some("1"),
        )
        .await;
    assert_eq!(
        invalid_names(&wrong_list),
        ["reasonCode"],
        "a not-placed reason does not explain a decline"
    );
    let other = app
        .api(
            "PUT",
            &path,
            Some(&t),
            Some(json!({"state": "declined", "reasonCode": "other"})),
            Some("1"),
        )
        .await;
    assert_eq!(
        invalid_names(&other),
        ["reason"],
        "another reason needs an explanation"
    );
    let ok = app
        .api(
            "PUT",
            &path,
            Some(&t),
            Some(json!({"state": "declined", "reasonCode": "travel"})),
            Some("1"),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(
        (
            ok.json()["state"].as_str(),
            ok.json()["reasonCode"].as_str()
        ),
        (Some("declined"), Some("travel"))
    );
    let codes = app
        .api("GET", "/api/v1/code-lists", Some(&t), None, None)
        .await
        .json();
    assert!(codes["declineReasons"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["code"] == "travel"));
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let page = app.get_page(&cookie, &format!("/voordrachten/{id}")).await;
    assert!(page.body.contains("Reisafstand te groot"));
}

#[tokio::test]
async fn several_candidates_are_proposed_at_once_in_the_browser() {
    let app = TestApp::new().await;
    let (vacancy, first) = vacancy_and_candidate(&app, true).await;
    let consultant = app.token("consulent@ijmond.nl").await;
    let second = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&consultant),
            Some(candidate_json("Tweede", true)),
            None,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let csrf = app.csrf(&cookie).await;
    let bad = app
        .post_form(
            &cookie,
            "/voordrachten",
            &[
                ("csrf", &csrf),
                ("vacancyId", &vacancy.to_string()),
                ("candidateId", &format!("{first}, 999999")),
            ],
        )
        .await;
    assert!(bad
        .body
        .contains("Kandidaat 999999: Deze kandidaat bestaat niet of is niet voor u zichtbaar."));
    let third = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&consultant),
            Some(candidate_json("Derde", true)),
            None,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let ok = app
        .post_form(
            &cookie,
            "/voordrachten",
            &[
                ("csrf", &csrf),
                ("vacancyId", &vacancy.to_string()),
                ("candidateId", &format!("{second}, {third}")),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(
        ok.headers.get("location").unwrap().to_str().unwrap(),
        format!("/vacatures/{vacancy}/bord")
    );
    let board = app
        .get_page(&cookie, &format!("/vacatures/{vacancy}/bord"))
        .await;
    assert!(
        board.body.contains("Test Tweede") && board.body.contains("Test Derde"),
        "both proposed at once"
    );
}

#[tokio::test]
async fn candidates_outside_the_scope_cannot_be_nominated() {
    let app = TestApp::new().await;
    let (vacancy, candidate) = vacancy_and_candidate(&app, false).await;
    let t = app.token("adviseur@spaarne.nl").await;
    let r = app
        .api(
            "POST",
            "/api/v1/nominations",
            Some(&t),
            Some(json!({"vacancyId": vacancy, "candidateId": candidate})),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["invalidParams"][0]["name"], "candidateId");
    let unknown = app
        .api(
            "POST",
            "/api/v1/nominations",
            Some(&t),
            Some(json!({"vacancyId": vacancy, "candidateId": 999_999})),
            None,
        )
        .await;
    assert_eq!(
        unknown.json()["invalidParams"][0]["reason"],
        r.json()["invalidParams"][0]["reason"],
        "unknown and invisible look alike"
    );
    let consultant = app.token("consulent@ijmond.nl").await;
    assert_eq!(
        app.api(
            "POST",
            "/api/v1/nominations",
            Some(&consultant),
            Some(json!({"vacancyId": vacancy, "candidateId": candidate})),
            None
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn nominating_and_placing_in_the_browser() {
    let app = TestApp::new().await;
    let (vacancy, candidate) = vacancy_and_candidate(&app, true).await;
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let page = app
        .get_page(&cookie, &format!("/vacatures/{vacancy}"))
        .await;
    assert!(page.body.contains("Kandidaat voordragen"));
    let csrf = hidden(&page.body, "csrf");
    let bad = app
        .post_form(
            &cookie,
            "/voordrachten",
            &[
                ("csrf", &csrf),
                ("vacancyId", &vacancy.to_string()),
                ("candidateId", "abc"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Vul een geldig nummer in.") && bad.body.contains("value=\"abc\""));
    let ok = app
        .post_form(
            &cookie,
            "/voordrachten",
            &[
                ("csrf", &csrf),
                ("vacancyId", &vacancy.to_string()),
                ("candidateId", &candidate.to_string()),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let href = ok
        .headers
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let n = app.get_page(&cookie, &href).await;
    assert!(
        n.body.contains("Voorgedragen")
            && n.body.contains("Status wijzigen")
            && n.body.contains("value=\"interested\"")
    );
    let declined_without_reason = app
        .post_form(
            &cookie,
            &href,
            &[("csrf", &csrf), ("version", "1"), ("state", "declined")],
        )
        .await;
    assert!(declined_without_reason.body.contains("Kies de reden."));
    for (state, version) in [("interested", "1"), ("interview", "2"), ("offer", "3")] {
        let r = app
            .post_form(
                &cookie,
                &href,
                &[("csrf", &csrf), ("version", version), ("state", state)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{state}: {}", r.body);
    }
    let offer = app.get_page(&cookie, &href).await;
    assert!(offer.body.contains("Plaatsing vastleggen"));
    let placed = app
        .post_form(
            &cookie,
            &format!("{href}/plaatsing"),
            &[
                ("csrf", &csrf),
                ("version", "4"),
                ("contractType", "permanent"),
                ("hoursPerWeek", "36"),
                ("startDate", "2025-10-01"),
                ("benefitOutflow", "on"),
                ("benefit", "ww"),
            ],
        )
        .await;
    assert_eq!(placed.status, StatusCode::SEE_OTHER, "{}", placed.body);
    let p = app
        .get_page(
            &cookie,
            placed.headers.get("location").unwrap().to_str().unwrap(),
        )
        .await;
    assert!(
        p.body.contains("Plaatsing van")
            && p.body.contains("01-10-2025")
            && p.body.contains("P-wet")
            && p.body.contains("Vast")
    );
    let candidate_page = app
        .get_page(&cookie, &format!("/kandidaten/{candidate}"))
        .await;
    assert!(
        candidate_page.body.contains("Geplaatst") && candidate_page.body.contains("Hotel Zeezicht")
    );
}
