//! Events (invitations, attendance, results) and employer satisfaction (staff entry and the
//! single-use public link).
#![allow(clippy::unwrap_used, clippy::expect_used)]
use crate::common;

use axum::http::StatusCode;
use common::*;
use serde_json::json;

#[tokio::test]
async fn an_event_records_who_came_and_what_came_of_it() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let bad = app
        .api(
            "POST",
            "/api/v1/events",
            Some(&t),
            Some(json!({"title": "", "kind": "feest", "eventDate": "volgende week"})),
            None,
        )
        .await;
    assert_eq!(invalid_names(&bad), ["eventDate", "kind", "title"]);
    let ev = app.api("POST", "/api/v1/events", Some(&t), Some(json!({"title": "Care Fair 2026", "kind": "care_fair", "eventDate": "2026-03-12", "place": "Haarlem", "cluster": "zorg_welzijn"})), None).await;
    assert_eq!(ev.status, StatusCode::CREATED, "{}", ev.body);
    let id = ev.json()["id"].as_i64().unwrap();
    let e = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Zorggroep Kennemer", "sector": "zorg_welzijn"})),
            None,
        )
        .await
        .json();
    let consultant = app.token("consulent@ijmond.nl").await;
    let private = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&consultant),
            Some(candidate_json("Privé", false)),
            None,
        )
        .await
        .json();
    let shared = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&consultant),
            Some(candidate_json("Gedeeld", true)),
            None,
        )
        .await
        .json();
    let invited = app
        .api(
            "POST",
            &format!("/api/v1/events/{id}/participants"),
            Some(&t),
            Some(json!({"employerId": e["id"]})),
            None,
        )
        .await;
    assert_eq!(invited.status, StatusCode::CREATED, "{}", invited.body);
    let hidden = app
        .api(
            "POST",
            &format!("/api/v1/events/{id}/participants"),
            Some(&t),
            Some(json!({"candidateId": private["id"]})),
            None,
        )
        .await;
    assert_eq!(
        invalid_names(&hidden),
        ["candidateId"],
        "a candidate outside the scope cannot be invited"
    );
    let c = app
        .api(
            "POST",
            &format!("/api/v1/events/{id}/participants"),
            Some(&t),
            Some(json!({"candidateId": shared["id"]})),
            None,
        )
        .await
        .json();
    let pid = invited.json()["id"].as_i64().unwrap();
    let came = app
        .api(
            "PUT",
            &format!("/api/v1/event-participants/{pid}"),
            Some(&t),
            Some(json!({"status": "attended"})),
            Some("1"),
        )
        .await;
    assert_eq!(came.status, StatusCode::OK);
    let v = app
        .api(
            "POST",
            "/api/v1/vacancies",
            Some(&t),
            Some(json!({"employerId": e["id"], "title": "Helpende", "status": "open"})),
            None,
        )
        .await
        .json();
    let result = app
        .api(
            "POST",
            &format!("/api/v1/events/{id}/results"),
            Some(&t),
            Some(json!({"vacancyId": v["id"]})),
            None,
        )
        .await;
    assert_eq!(result.status, StatusCode::CREATED);
    let moment = app
        .api(
            "POST",
            &format!("/api/v1/employers/{}/contact-moments", e["id"]),
            Some(&t),
            Some(
                json!({"kind": "event", "level": "tactical", "subject": "Gesprek op de Care Fair"}),
            ),
            None,
        )
        .await
        .json();
    let linked = app
        .api(
            "POST",
            &format!("/api/v1/events/{id}/results"),
            Some(&t),
            Some(json!({"contactMomentId": moment["id"]})),
            None,
        )
        .await;
    assert_eq!(linked.status, StatusCode::CREATED, "{}", linked.body);
    let nothing = app
        .api(
            "POST",
            &format!("/api/v1/events/{id}/results"),
            Some(&t),
            Some(json!({})),
            None,
        )
        .await;
    assert_eq!(invalid_names(&nothing), ["vacancyId"]);
    let detail = app
        .api("GET", &format!("/api/v1/events/{id}"), Some(&t), None, None)
        .await
        .json();
    assert_eq!(detail["results"].as_array().unwrap().len(), 2);
    assert_eq!(
        (detail["invited"].as_i64(), detail["attended"].as_i64()),
        (Some(2), Some(1))
    );
    assert_eq!(detail["results"][0]["vacancyTitle"], "Helpende");
    assert_eq!(
        (
            &detail["results"][1]["employerName"],
            &detail["results"][1]["contactSubject"]
        ),
        (
            &json!("Zorggroep Kennemer"),
            &json!("Gesprek op de Care Fair")
        )
    );
    // Another organisation's consultant sees the employer but not the shared candidate's name.
    let other = app.token("consulent@spaarne.nl").await;
    let seen = app
        .api(
            "GET",
            &format!("/api/v1/events/{id}"),
            Some(&other),
            None,
            None,
        )
        .await;
    assert!(seen.body.contains("Zorggroep Kennemer") && !seen.body.contains("Gedeeld"));
    let partner = app.token("partner@uitzend.nl").await;
    let figures = app
        .api(
            "GET",
            &format!("/api/v1/events/{id}"),
            Some(&partner),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(
        (
            figures["attended"].as_i64(),
            figures["participants"].as_array().map(Vec::len)
        ),
        (Some(1), Some(0)),
        "partners get figures, not names"
    );
    let _ = c;

    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let page = app.get_page(&cookie, &format!("/bijeenkomsten/{id}")).await;
    assert!(
        page.body.contains("Care Fair 2026")
            && page.body.contains("Zorggroep Kennemer")
            && page.body.contains("Aanwezig")
            && page.body.contains("Helpende")
            && page
                .body
                .contains("Contactmoment met Zorggroep Kennemer: Gesprek op de Care Fair"),
        "a result is named by what it is, not by a number"
    );
    let list = app.get_page(&cookie, "/bijeenkomsten").await;
    assert!(list.body.contains("1 van 2"));
}

#[tokio::test]
async fn employers_rate_the_service_once_through_a_link() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let e = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Hotel Kennemerduin", "sector": "horeca_schoonmaak"})),
            None,
        )
        .await
        .json();
    let eid = e["id"].as_i64().unwrap();
    let r = app.api("POST", "/api/v1/contact-requests", Some(&t), Some(json!({"employerId": eid, "companyName": "Hotel Kennemerduin", "contactName": "Ruben", "email": "ruben@hotel.nl", "message": "Wij zoeken koks"})), None).await.json();
    let rid = r["id"].as_i64().unwrap();
    let too_early = app
        .api(
            "POST",
            &format!("/api/v1/employers/{eid}/satisfaction-links"),
            Some(&t),
            Some(json!({"contactRequestId": rid})),
            None,
        )
        .await;
    assert_eq!(
        invalid_names(&too_early),
        ["contactRequestId"],
        "only after the request was answered"
    );
    app.api(
        "POST",
        &format!("/api/v1/employers/{eid}/contact-moments"),
        Some(&t),
        Some(json!({"kind": "call", "level": "operational", "subject": "Teruggebeld"})),
        None,
    )
    .await;
    let link = app
        .api(
            "POST",
            &format!("/api/v1/employers/{eid}/satisfaction-links"),
            Some(&t),
            Some(json!({"contactRequestId": rid})),
            None,
        )
        .await;
    assert_eq!(link.status, StatusCode::CREATED, "{}", link.body);
    let path = link.json()["path"].as_str().unwrap().to_string();
    let token = path.rsplit('/').next().unwrap().to_string();
    let log = capture_logs();
    let form = app.get_page("", &path).await;
    assert!(
        log.text().contains("/tevredenheid/[verborgen]"),
        "the request is logged: {}",
        log.text()
    );
    assert!(
        !log.text().contains(&token),
        "the link's token never reaches the log"
    );
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("Hotel Kennemerduin") && form.body.contains("Cijfer (1 tot en met 10)")
    );
    let bad = app
        .post_form("", &path, &[("score", "11"), ("comment", "Top")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ok = app
        .post_form("", &path, &[("score", "8"), ("comment", "Snel en prettig")])
        .await;
    assert!(ok.body.contains("Dank u wel"));
    let again = app.post_form("", &path, &[("score", "1")]).await;
    assert!(again.body.contains("al ingevuld"), "the link works once");
    assert_eq!(
        app.get_page("", "/tevredenheid/onbekend").await.status,
        StatusCode::NOT_FOUND
    );
    let staff = app
        .api(
            "POST",
            &format!("/api/v1/employers/{eid}/satisfaction"),
            Some(&t),
            Some(json!({"score": 6, "contactRequestId": rid})),
            None,
        )
        .await;
    assert_eq!(staff.status, StatusCode::CREATED, "{}", staff.body);
    let sat = app
        .api(
            "GET",
            &format!("/api/v1/employers/{eid}/satisfaction"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(
        (sat["answers"].as_i64(), sat["mean"].as_f64()),
        (Some(2), Some(7.0))
    );
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let page = app.get_page(&cookie, &format!("/werkgevers/{eid}")).await;
    assert!(
        page.body
            .contains("Tevredenheid: gemiddeld 7.0 uit 2 antwoorden")
            && page.body.contains("werkgever zelf")
    );
}
