//! Duplicate employers: a warning when creating one, merging two records without losing history,
//! and archiving instead of deleting.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use crate::common;

use axum::http::StatusCode;
use common::*;
use serde_json::json;

#[tokio::test]
async fn likely_duplicates_are_reported_and_can_be_merged() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let first = app.api("POST", "/api/v1/employers", Some(&t), Some(json!({"name": "Bakkerij Spaarnezicht B.V.", "kvkNumber": "11223344", "sector": "handel", "postcode": "2011AB"})), None).await.json();
    let a = first["id"].as_i64().unwrap();
    let same_kvk = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Iets heel anders", "kvkNumber": "11223344", "sector": "handel"})),
            None,
        )
        .await;
    assert_eq!(invalid_names(&same_kvk), ["confirmDuplicate"]);
    assert!(same_kvk.json()["invalidParams"][0]["reason"]
        .as_str()
        .unwrap()
        .contains(&format!("werkgever {a}")));
    let similar = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(
                json!({"name": "bakkerij spaarnezicht", "sector": "handel", "postcode": "2011 ab"}),
            ),
            None,
        )
        .await;
    assert_eq!(
        invalid_names(&similar),
        ["confirmDuplicate"],
        "a similar name at the same postcode"
    );
    let elsewhere = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(
                json!({"name": "Bakkerij Spaarnezicht", "sector": "handel", "postcode": "1971AB"}),
            ),
            None,
        )
        .await;
    assert_eq!(
        elsewhere.status,
        StatusCode::CREATED,
        "the same name elsewhere is another branch or business"
    );
    let confirmed = app.api("POST", "/api/v1/employers", Some(&t), Some(json!({"name": "bakkerij spaarnezicht", "sector": "handel", "postcode": "2011AB", "confirmDuplicate": true})), None).await;
    assert_eq!(confirmed.status, StatusCode::CREATED);
    let b = confirmed.json()["id"].as_i64().unwrap();

    // History on the duplicate: a vacancy, a contact moment, an establishment.
    app.api(
        "POST",
        "/api/v1/vacancies",
        Some(&t),
        Some(json!({"employerId": b, "title": "Broodbakker", "status": "open"})),
        None,
    )
    .await;
    app.api(
        "POST",
        &format!("/api/v1/employers/{b}/contact-moments"),
        Some(&t),
        Some(json!({"kind": "visit", "level": "operational", "subject": "Kennismaking"})),
        None,
    )
    .await;
    app.api(
        "POST",
        &format!("/api/v1/employers/{b}/establishments"),
        Some(&t),
        Some(json!({"name": "Filiaal Centrum"})),
        None,
    )
    .await;

    let itself = app
        .api(
            "POST",
            &format!("/api/v1/employers/{a}/merge"),
            Some(&t),
            Some(json!({"sourceId": a})),
            Some("1"),
        )
        .await;
    assert_eq!(invalid_names(&itself), ["sourceId"]);
    let stale = app
        .api(
            "POST",
            &format!("/api/v1/employers/{a}/merge"),
            Some(&t),
            Some(json!({"sourceId": b})),
            Some("7"),
        )
        .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    let merged = app
        .api(
            "POST",
            &format!("/api/v1/employers/{a}/merge"),
            Some(&t),
            Some(json!({"sourceId": b})),
            Some("1"),
        )
        .await;
    assert_eq!(merged.status, StatusCode::OK, "{}", merged.body);
    let detail = app
        .api(
            "GET",
            &format!("/api/v1/employers/{a}"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(detail["establishments"].as_array().unwrap().len(), 1);
    assert_eq!(detail["contactMoments"].as_array().unwrap().len(), 1);
    let vacancies = app
        .api(
            "GET",
            &format!("/api/v1/vacancies?employerId={a}"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(vacancies["total"], 1, "the vacancy moved with it");
    let old = app
        .api(
            "GET",
            &format!("/api/v1/employers/{b}"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(
        (old["archived"].as_bool(), old["mergedInto"].as_i64()),
        (Some(true), Some(a))
    );
    let list = app
        .api(
            "GET",
            "/api/v1/employers?q=spaarnezicht",
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(list["total"], 2, "the merged record leaves the list");
    let with_archive = app
        .api(
            "GET",
            "/api/v1/employers?q=spaarnezicht&archived=true",
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(with_archive["total"], 3);
    let again = app
        .api(
            "POST",
            &format!("/api/v1/employers/{a}/merge"),
            Some(&t),
            Some(json!({"sourceId": b})),
            Some(&detail["version"].to_string()),
        )
        .await;
    assert_eq!(invalid_names(&again), ["sourceId"], "already merged");
}

#[tokio::test]
async fn the_browser_warns_about_duplicates_and_archives() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let existing = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(
                json!({"name": "Garage Duinzicht", "kvkNumber": "55667788", "sector": "techniek"}),
            ),
            None,
        )
        .await
        .json();
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let csrf = app.csrf(&cookie).await;
    let warned = app
        .post_form(
            &cookie,
            "/werkgevers",
            &[
                ("csrf", &csrf),
                ("name", "Garage Duinzicht Holding"),
                ("kvkNumber", "55667788"),
                ("sector", "techniek"),
            ],
        )
        .await;
    assert_eq!(warned.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        warned
            .body
            .contains("Deze werkgever bestaat mogelijk al: Garage Duinzicht")
            && warned.body.contains("value=\"Garage Duinzicht Holding\"")
    );
    let created = app
        .post_form(
            &cookie,
            "/werkgevers",
            &[
                ("csrf", &csrf),
                ("name", "Garage Duinzicht Holding"),
                ("kvkNumber", "55667788"),
                ("sector", "techniek"),
                ("confirmDuplicate", "on"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let id = existing["id"].as_i64().unwrap();
    let page = app.get_page(&cookie, &format!("/werkgevers/{id}")).await;
    assert!(
        page.body.contains("Archiveren") && page.body.contains("Dubbele werkgever samenvoegen")
    );
    let path = format!("/werkgevers/{id}/archief");
    let asked = app
        .post_form(
            &cookie,
            &path,
            &[("csrf", &csrf), ("version", "1"), ("archived", "true")],
        )
        .await;
    assert_eq!(asked.status, StatusCode::OK, "archiving asks first");
    assert!(
        asked.body.contains("Ja, archiveren") && asked.body.contains("verdwijnt uit de lijsten")
    );
    assert!(!app
        .get_page(&cookie, &format!("/werkgevers/{id}"))
        .await
        .body
        .contains("<dd>gearchiveerd</dd>"));
    let archived = app
        .post_form(
            &cookie,
            &path,
            &[
                ("csrf", &csrf),
                ("version", "1"),
                ("archived", "true"),
                ("bevestigd", "ja"),
            ],
        )
        .await;
    assert_eq!(archived.status, StatusCode::SEE_OTHER);
    assert!(app
        .get_page(&cookie, &format!("/werkgevers/{id}"))
        .await
        .body
        .contains("<dd>gearchiveerd</dd>"));
    assert!(app
        .get_page(&cookie, "/werkgevers?q=duinzicht")
        .await
        .body
        .contains("1 resultaten"));
    assert!(app
        .get_page(&cookie, "/werkgevers?q=duinzicht&archived=true")
        .await
        .body
        .contains("2 resultaten"));
}

#[tokio::test]
async fn merging_in_the_browser_names_the_duplicate_and_asks_first() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let make = |name: &'static str| {
        let app = &app;
        let t = t.clone();
        async move {
            let body = json!({"name": name, "sector": "handel", "city": "Haarlem"});
            let r = app
                .api("POST", "/api/v1/employers", Some(&t), Some(body), None)
                .await;
            r.json()["id"].as_i64().unwrap()
        }
    };
    let keep = make("Garage Duinzicht").await;
    let twin = make("Garage Duinzicht BV").await;
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let csrf = app.csrf(&cookie).await;
    let path = format!("/werkgevers/{keep}/samenvoegen");
    let twin_id = twin.to_string();
    let asked = app
        .post_form(
            &cookie,
            &path,
            &[
                ("csrf", &csrf),
                ("version", "1"),
                ("sourceId.zoek", "Duinzicht BV"),
                ("sourceId", ""),
            ],
        )
        .await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    assert!(
        asked
            .body
            .contains("Alles van Garage Duinzicht BV (Haarlem)"),
        "{}",
        asked.body
    );
    assert!(asked
        .body
        .contains(&format!("name=\"sourceId\" value=\"{twin}\"")));
    let still = app
        .api(
            "GET",
            &format!("/api/v1/employers/{twin}"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(
        still["archived"], false,
        "nothing happens before the confirmation"
    );
    let done = app
        .post_form(
            &cookie,
            &path,
            &[
                ("csrf", &csrf),
                ("version", "1"),
                ("sourceId", &twin_id),
                ("bevestigd", "ja"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let merged = app
        .api(
            "GET",
            &format!("/api/v1/employers/{twin}"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(merged["mergedInto"], keep);
}
