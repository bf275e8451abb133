//! Establishments, contact persons and the account team: API and UI, validation, versions, roles.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use crate::common;

use axum::http::StatusCode;
use common::*;
use serde_json::json;

#[tokio::test]
async fn establishments_and_contact_persons_through_the_api() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let e = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Zorggroep Lindenhof", "sector": "zorg_welzijn"})),
            None,
        )
        .await
        .json();
    let id = e["id"].as_i64().unwrap();
    let est = app
        .api(
            "POST",
            &format!("/api/v1/employers/{id}/establishments"),
            Some(&t),
            Some(json!({"name": "Locatie Noord", "postcode": "2015 cd", "city": "Haarlem"})),
            None,
        )
        .await;
    assert_eq!(est.status, StatusCode::CREATED, "{}", est.body);
    let eid = est.json()["id"].as_i64().unwrap();
    assert_eq!(est.json()["postcode"], "2015CD");
    let upd = app
        .api(
            "PUT",
            &format!("/api/v1/employers/{id}/establishments/{eid}"),
            Some(&t),
            Some(json!({"name": "Locatie Noord-Oost", "city": "Haarlem"})),
            Some("1"),
        )
        .await;
    assert_eq!(
        (upd.status, upd.json()["version"].as_i64()),
        (StatusCode::OK, Some(2))
    );
    let stale = app
        .api(
            "PUT",
            &format!("/api/v1/employers/{id}/establishments/{eid}"),
            Some(&t),
            Some(json!({"name": "Oud"})),
            Some("1"),
        )
        .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    let other = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Ander bedrijf", "sector": "ict"})),
            None,
        )
        .await
        .json();
    let wrong_parent = app
        .api(
            "PUT",
            &format!("/api/v1/employers/{}/establishments/{eid}", other["id"]),
            Some(&t),
            Some(json!({"name": "X"})),
            Some("2"),
        )
        .await;
    assert_eq!(wrong_parent.status, StatusCode::NOT_FOUND);

    let bad = app
        .api(
            "POST",
            &format!("/api/v1/employers/{id}/contact-persons"),
            Some(&t),
            Some(json!({"name": "", "email": "geen-mail", "phone": "12"})),
            None,
        )
        .await;
    assert_eq!(bad.json()["invalidParams"].as_array().unwrap().len(), 3);
    let p = app.api("POST", &format!("/api/v1/employers/{id}/contact-persons"), Some(&t), Some(json!({"name": "Ilse de Boer", "jobTitle": "HR-adviseur", "email": "ilse@lindenhof.nl", "phone": "023 5123456"})), None).await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.body);
    let pid = p.json()["id"].as_i64().unwrap();
    let changed = app
        .api(
            "PUT",
            &format!("/api/v1/employers/{id}/contact-persons/{pid}"),
            Some(&t),
            Some(json!({"name": "Ilse de Boer", "jobTitle": "Teamleider"})),
            Some("1"),
        )
        .await;
    assert_eq!(changed.json()["jobTitle"], "Teamleider");
    let detail = app
        .api(
            "GET",
            &format!("/api/v1/employers/{id}"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(
        (
            detail["establishments"].as_array().unwrap().len(),
            detail["contactPersons"].as_array().unwrap().len()
        ),
        (1, 1)
    );
    let partner = app.token("partner@uitzend.nl").await;
    let seen = app
        .api(
            "GET",
            &format!("/api/v1/employers/{id}"),
            Some(&partner),
            None,
            None,
        )
        .await;
    assert!(
        !seen.body.contains("Ilse"),
        "partners never see contact persons"
    );
    assert_eq!(
        app.api(
            "POST",
            &format!("/api/v1/employers/{id}/contact-persons"),
            Some(&partner),
            Some(json!({"name": "X"})),
            None
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_account_team_is_for_strategic_accounts_and_advisers_only() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let plain = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Klein bedrijf", "sector": "handel"})),
            None,
        )
        .await
        .json();
    let strategic = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Groot concern", "sector": "industrie", "strategic": true})),
            None,
        )
        .await
        .json();
    let users = {
        let mut tx = app.ctx.store().begin().await.unwrap();
        koppel_store::users::list(&mut tx).await.unwrap()
    };
    let id_of = |email: &str| users.iter().find(|u| u.email == email).unwrap().id;
    let (a1, a2, consultant) = (
        id_of("adviseur@spaarne.nl"),
        id_of("adviseur@ijmond.nl"),
        id_of("consulent@spaarne.nl"),
    );
    let refused = app
        .api(
            "PUT",
            &format!("/api/v1/employers/{}/account-team", plain["id"]),
            Some(&t),
            Some(json!({"userIds": [a1]})),
            Some("\"1\""),
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let not_adviser = app
        .api(
            "PUT",
            &format!("/api/v1/employers/{}/account-team", strategic["id"]),
            Some(&t),
            Some(json!({"userIds": [a1, consultant]})),
            Some("\"1\""),
        )
        .await;
    assert_eq!(not_adviser.json()["invalidParams"][0]["name"], "userIds");
    let ok = app
        .api(
            "PUT",
            &format!("/api/v1/employers/{}/account-team", strategic["id"]),
            Some(&t),
            Some(json!({"userIds": [a1, a2]})),
            Some("\"1\""),
        )
        .await;
    assert_eq!(
        (ok.status, ok.json().as_array().map(Vec::len)),
        (StatusCode::OK, Some(2))
    );
    assert_eq!(
        ok.headers["etag"], "\"2\"",
        "the team moves the employer's version on"
    );
    // Someone who read version 1 cannot silently undo that: 412, and nothing changes.
    let stale = app
        .api(
            "PUT",
            &format!("/api/v1/employers/{}/account-team", strategic["id"]),
            Some(&t),
            Some(json!({"userIds": [a1]})),
            Some("\"1\""),
        )
        .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    let without = app
        .api(
            "PUT",
            &format!("/api/v1/employers/{}/account-team", strategic["id"]),
            Some(&t),
            Some(json!({"userIds": [a1]})),
            None,
        )
        .await;
    assert_eq!(without.status, StatusCode::PRECONDITION_REQUIRED);

    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let form = app
        .get_page(
            &cookie,
            &format!("/werkgevers/{}/accountteam", strategic["id"]),
        )
        .await;
    assert!(
        form.body.contains("type=\"checkbox\" name=\"userIds\"")
            && form.body.matches(" checked").count() == 2
    );
    let csrf = hidden(&form.body, "csrf");
    let version = hidden(&form.body, "version");
    // Two advisers open the form; the first saves, the second gets a conflict instead of undoing it.
    let r = app
        .post_form(
            &cookie,
            &format!("/werkgevers/{}/accountteam", strategic["id"]),
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("userIds", &a2.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let late = app
        .post_form(
            &cookie,
            &format!("/werkgevers/{}/accountteam", strategic["id"]),
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("userIds", &a1.to_string()),
            ],
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(late.body.contains("intussen gewijzigd"));
    let page = app
        .get_page(&cookie, &format!("/werkgevers/{}", strategic["id"]))
        .await;
    assert!(
        page.body.contains("<dt>Accountteam</dt><dd>adviseur</dd>"),
        "one adviser left in the team"
    );
}

#[tokio::test]
async fn contact_persons_in_the_browser() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let e = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Bouwbedrijf Bolwerk", "sector": "bouw"})),
            None,
        )
        .await
        .json();
    let id = e["id"].as_i64().unwrap();
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let page = app.get_page(&cookie, &format!("/werkgevers/{id}")).await;
    assert!(
        page.body.contains("Contactpersoon toevoegen") && page.body.contains("Vestiging toevoegen")
    );
    let csrf = hidden(&page.body, "csrf");
    let bad = app
        .post_form(
            &cookie,
            &format!("/werkgevers/{id}/contactpersonen"),
            &[("csrf", &csrf), ("name", "Kees"), ("email", "kees@")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("Vul een geldig e-mailadres in") && bad.body.contains("value=\"kees@\"")
    );
    let ok = app
        .post_form(
            &cookie,
            &format!("/werkgevers/{id}/contactpersonen"),
            &[
                ("csrf", &csrf),
                ("name", "Kees Bakker"),
                ("email", "kees@bolwerk.nl"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let est = app
        .post_form(
            &cookie,
            &format!("/werkgevers/{id}/vestigingen"),
            &[
                ("csrf", &csrf),
                ("name", "Werf Velsen"),
                ("postcode", "1971AB"),
            ],
        )
        .await;
    assert_eq!(est.status, StatusCode::SEE_OTHER);
    let page = app.get_page(&cookie, &format!("/werkgevers/{id}")).await;
    assert!(
        page.body.contains("Kees Bakker")
            && page.body.contains("kees@bolwerk.nl")
            && page.body.contains("Werf Velsen")
    );
    let edit_link = format!("/werkgevers/{id}/contactpersonen/");
    let href: String = page
        .body
        .match_indices(&edit_link)
        .map(|(i, _)| page.body[i..].split('"').next().unwrap().to_string())
        .find(|h| h.ends_with("/bewerken"))
        .expect("an edit link per contact person");
    let form = app.get_page(&cookie, &href).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("value=\"Kees Bakker\""));
}
