//! What VUM holds as lists, for records made in koppel: several contract forms and the kind of
//! agreement of a vacancy, its sector by name, several desired occupations of a candidate (picked
//! by name), and a language's speaking, writing, reading and listening levels apart. Each reaches
//! the VUM source's document, a selection finds it, an ordinary edit keeps it, and matching honours
//! the speaking and the writing level.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::*;
use crate::vum_fields::{matches, vum};

use koppel_store::taxonomy::{self, Concept};
use serde_json::{json, Value};

const COOK: &str = "http://data.europa.eu/esco/occupation/cook-test";
const BAKER: &str = "http://data.europa.eu/esco/occupation/baker-test";

async fn seed(app: &TestApp) {
    let mut tx = app.ctx.store().begin().await.unwrap();
    for (uri, label) in [(COOK, "kok"), (BAKER, "bakker")] {
        let concept = Concept {
            uri: uri.into(),
            kind: "occupation".into(),
            label: label.into(),
            isco_group: None,
        };
        taxonomy::upsert(&mut tx, &concept, "").await.unwrap();
    }
    tx.commit().await.unwrap();
}

/// A new employer in Haarlem; returns its id.
async fn employer(app: &TestApp, t: &str, name: &str) -> Value {
    let body = json!({"name": name, "sector": "handel", "postcode": "2011AB"});
    let r = app
        .api("POST", "/api/v1/employers", Some(t), Some(body), None)
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.json()["id"].clone()
}

/// PUTs `body` at `path` with the ETag just read; returns the reply.
async fn put_fresh(app: &TestApp, t: &str, path: &str, body: Value) -> Reply {
    let got = app.api("GET", path, Some(t), None, None).await;
    let etag = got.headers["etag"].to_str().unwrap().to_string();
    app.api("PUT", path, Some(t), Some(body), Some(&etag)).await
}

#[tokio::test]
async fn a_vacancy_offers_several_contract_forms_and_two_language_levels() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let employer = employer(&app, &t, "Zorg BV").await;
    let vacancy = json!({"employerId": employer, "title": "Helpende", "hoursPerWeek": 24,
        "contractType": "temporary",
        "languages": ["Nederlands goed (schriftelijk redelijk)", "Engels redelijk (lezen goed; luisteren goed)"],
        "postcode": "2011AB", "status": "open", "publish": true});
    let r = app
        .api(
            "POST",
            "/api/v1/vacancies",
            Some(&t),
            Some(vacancy.clone()),
            None,
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    assert_eq!(
        r.json()["languages"],
        "nld:3/2,eng:2/2/3/3",
        "kept apart: speaking, writing, reading, listening"
    );
    let path = format!("/api/v1/vacancies/{id}/vum");
    let bad = put_fresh(
        &app,
        &t,
        &path,
        json!({"contractForms": ["X"], "agreement": "7"}),
    )
    .await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert_eq!(invalid_names(&bad), ["agreement", "contractForms"]);
    let r = put_fresh(
        &app,
        &t,
        &path,
        json!({"contractForms": ["B", "O"], "agreement": "04", "sbi": "metalen in primaire vorm"}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["agreement"], "04");
    assert_eq!(
        r.json()["sbi"],
        24,
        "the sector named, kept as its SBI code"
    );
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let form = app.get_page(&cookie, &format!("/vacatures/{id}/vum")).await;
    assert!(
        form.body
            .contains("value=\"24 Vervaardiging van metalen in primaire vorm\""),
        "shown by name"
    );
    let vague = put_fresh(&app, &t, &path, json!({"sbi": "vervaardiging"})).await;
    assert!(
        vague.body.contains("past bij meer sectoren"),
        "{}",
        vague.body
    );

    let detail = vum(&app, "GET", &format!("/vacatures/{id}"), None).await;
    assert_eq!(
        detail["contractvorm"],
        json!([{"codeTypeArbeidscontract": "B", "codeTypeOvereenkomst": "04"},
               {"codeTypeArbeidscontract": "O", "codeTypeOvereenkomst": "04"}])
    );
    assert_eq!(
        detail["taalbeheersing"],
        json!([{"codeTaal": "nld", "codeNiveauTaalbeheersingMondeling": 3, "codeNiveauTaalbeheersingSchriftelijk": 2},
               {"codeTaal": "eng", "codeNiveauTaalbeheersingMondeling": 2, "codeNiveauTaalbeheersingSchriftelijk": 2,
                "codeNiveauTaalbeheersingLezen": 3, "codeNiveauTaalbeheersingLuisteren": 3}])
    );
    let area = json!({"postcode": "2011AA", "afstand": 10});
    let open_ended = json!({"selectiegebied": area, "contractvorm": {"$elemMatch": {"$or": [{"codeTypeArbeidscontract": {"$eq": "O"}}]}}});
    assert_eq!(
        matches(&app, "/vacatures/matches", open_ended.clone())
            .await
            .len(),
        1
    );

    // The ordinary form changes the first contract form only; the second and the agreement stay.
    let mut edit = vacancy;
    edit["contractType"] = json!("permanent");
    let r = put_fresh(&app, &t, &format!("/api/v1/vacancies/{id}"), edit).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let detail = vum(&app, "GET", &format!("/vacatures/{id}"), None).await;
    assert_eq!(
        detail["contractvorm"],
        json!([{"codeTypeArbeidscontract": "O", "codeTypeOvereenkomst": "04"},
               {"codeTypeArbeidscontract": "O", "codeTypeOvereenkomst": "04"}])
    );
}

#[tokio::test]
async fn a_candidate_wants_several_occupations_named_in_the_form() {
    let app = TestApp::new().await;
    seed(&app).await;
    let t = app.token("consulent@ijmond.nl").await;
    let mut body = candidate_json("Meerberoep", true);
    body["consentScope"] = json!("wsp_vum");
    body["skills"] = json!([]);
    let r = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&t),
            Some(body.clone()),
            None,
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    let path = format!("/api/v1/candidates/{id}/vum");
    // Without a desired occupation there is no first to come after.
    let r = put_fresh(&app, &t, &path, json!({"otherOccupations": ["bakker"]})).await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(
        r.body.contains("Kies eerst het gewenste beroep"),
        "{}",
        r.body
    );

    body["desiredOccupationUri"] = json!("kok");
    let r = put_fresh(&app, &t, &format!("/api/v1/candidates/{id}"), body).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = put_fresh(
        &app,
        &t,
        &path,
        json!({"otherOccupations": ["broodbakker"]}),
    )
    .await;
    assert_eq!(r.status, 400, "an unknown name: {}", r.body);
    assert!(r.body.contains("Onbekend beroep"), "{}", r.body);

    // Through the adviser's form, by name.
    let cookie = app.browser_session("consulent@ijmond.nl").await;
    let page = format!("/kandidaten/{id}/vum");
    let form = app.get_page(&cookie, &page).await;
    assert!(
        form.body.contains("Andere gewenste beroepen"),
        "{}",
        form.body
    );
    let csrf = hidden(&form.body, "csrf");
    let version = hidden(&form.body, "version");
    let fields = [
        ("csrf", csrf.as_str()),
        ("version", version.as_str()),
        ("otherOccupations", "Bakker"),
        ("contactOffered", "on"),
    ];
    let r = app.post_form(&cookie, &page, &fields).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let saved = app.api("GET", &path, Some(&t), None, None).await.json();
    assert_eq!(
        saved["otherOccupations"],
        json!([{"uri": BAKER, "label": "bakker"}])
    );
    let form = app.get_page(&cookie, &page).await;
    assert!(form.body.contains(">bakker</textarea>"), "shown by name");

    let area = json!({"postcode": "1971AA", "afstand": 10});
    let wants = |uri: &str| json!({"selectiegebied": area, "bemiddelingsberoep": {"$elemMatch": {"$or": [{"beroep.codeBeroepsnaam": {"$eq": uri}}]}}});
    let p = "/werkzoekendeProfielen/matches";
    let found = matches(&app, p, wants(BAKER)).await;
    assert_eq!(found.len(), 1, "the second occupation is selectable");
    assert_eq!(
        found[0]["bemiddelingsberoep"],
        json!([{"codeBeroepsnaam": COOK}, {"codeBeroepsnaam": BAKER}])
    );
    assert_eq!(matches(&app, p, wants(COOK)).await.len(), 1);
}

#[tokio::test]
async fn matching_asks_for_both_the_speaking_and_the_writing_level() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let employer = employer(&app, &t, "Kantoor BV").await;
    let mut vacancy = json!({"employerId": employer, "title": "Receptionist", "hoursPerWeek": 32,
        "languages": ["Nederlands goed"], "postcode": "2011AB", "status": "open", "publish": true});
    let r = app
        .api(
            "POST",
            "/api/v1/vacancies",
            Some(&t),
            Some(vacancy.clone()),
            None,
        )
        .await;
    let vid = r.json()["id"].as_i64().unwrap();
    // Writing "not applicable" (VUM code 8) asks nothing of writing.
    vacancy["languages"] = json!(["nld:3/8"]);
    let r = app
        .api("POST", "/api/v1/vacancies", Some(&t), Some(vacancy), None)
        .await;
    let spoken_only = r.json()["id"].as_i64().unwrap();
    let c = app.token("consulent@spaarne.nl").await;
    let mut ids = Vec::new();
    for (name, level) in [
        ("Spreekt", "nld:3"),
        ("Schrijft", "nld:3/2"),
        ("Zwijgt", "nld:2/3"),
    ] {
        let mut body = candidate_json(name, false);
        body["postcode"] = json!("2011AB");
        body["languages"] = json!([level]);
        body["skills"] = json!([]);
        let r = app
            .api("POST", "/api/v1/candidates", Some(&c), Some(body), None)
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
        ids.push(r.json()["id"].as_i64().unwrap());
    }
    let path = format!("/api/v1/vacancies/{vid}/candidate-matches");
    let r = app.api("GET", &path, Some(&t), None, None).await.json();
    let found: Vec<i64> = r["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["candidateId"].as_i64().unwrap())
        .collect();
    assert_eq!(found, [ids[0]], "{r}");
    assert!(r["excluded"].to_string().contains("taal"), "{r}");
    let path = format!("/api/v1/vacancies/{spoken_only}/candidate-matches");
    let r = app.api("GET", &path, Some(&t), None, None).await.json();
    let mut found: Vec<i64> = r["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["candidateId"].as_i64().unwrap())
        .collect();
    found.sort_unstable();
    assert_eq!(found, [ids[0], ids[1]], "{r}");
    let page = app.browser_session("consulent@spaarne.nl").await;
    let detail = app
        .get_page(&page, &format!("/kandidaten/{}", ids[1]))
        .await;
    assert!(
        detail
            .body
            .contains("Nederlands goed (schriftelijk redelijk)"),
        "shown in Dutch"
    );
}
