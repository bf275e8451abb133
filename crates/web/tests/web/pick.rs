//! Picking by name: the forms take a typed name, never an internal number or a URI. One match is
//! taken, several come back as a choice, none is a clear Dutch error; the search stays in scope.
use crate::common::*;

use axum::http::StatusCode;
use koppel_store::taxonomy::{self, Concept};
use serde_json::json;

const BAKER: &str = "http://data.europa.eu/esco/occupation/baker-test";
const KNEAD: &str = "http://data.europa.eu/esco/skill/knead-test";
const PACK: &str = "http://data.europa.eu/esco/skill/pack-test";

async fn seed(app: &TestApp) {
    concepts(
        app,
        &[
            (BAKER, "occupation", "bakker", "broodbakker"),
            (KNEAD, "skill", "deeg kneden", ""),
            (PACK, "skill", "producten verpakken", "goederen verpakken"),
        ],
    )
    .await;
}

/// Puts taxonomy concepts (uri, kind, label, alternative labels) in the store.
async fn concepts(app: &TestApp, list: &[(&str, &str, &str, &str)]) {
    let mut tx = app.ctx.store().begin().await.unwrap();
    for &(uri, kind, label, alt) in list {
        let concept = Concept {
            uri: uri.into(),
            kind: kind.into(),
            label: label.into(),
            isco_group: None,
        };
        taxonomy::upsert(&mut tx, &concept, alt).await.unwrap();
    }
    tx.commit().await.unwrap();
}

async fn employer(app: &TestApp, token: &str, name: &str, city: &str) -> i64 {
    let body = json!({"name": name, "sector": "handel", "city": city});
    let r = app
        .api("POST", "/api/v1/employers", Some(token), Some(body), None)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.json()["id"].as_i64().unwrap()
}

async fn vacancies_of(app: &TestApp, token: &str, employer: i64) -> Vec<serde_json::Value> {
    let path = format!("/api/v1/vacancies?employerId={employer}");
    let r = app.api("GET", &path, Some(token), None, None).await;
    r.json()["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_vacancy_is_made_by_naming_its_employer_and_occupation() {
    let app = TestApp::new().await;
    seed(&app).await;
    let t = app.token("adviseur@spaarne.nl").await;
    let jansen = employer(&app, &t, "Bakkerij Jansen", "Haarlem").await;
    let de_wit = employer(&app, &t, "Bakkerij De Wit", "Velsen").await;
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let csrf = app.csrf(&cookie).await;

    // The autocomplete's search: names and places, never a number in the label.
    let found = app.get_page(&cookie, "/kiezen/werkgevers?q=bakkerij").await;
    assert_eq!(found.status, StatusCode::OK);
    let labels: Vec<String> = found
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["label"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(labels.len(), 2, "{labels:?}");
    assert!(labels.contains(&"Bakkerij Jansen (Haarlem)".to_string()));
    let occupations = app.get_page(&cookie, "/kiezen/beroepen?q=broodbak").await;
    assert_eq!(
        occupations.json()[0]["label"],
        "bakker",
        "alternative labels find the concept"
    );

    let form = |employer_text: &str, employer_id: &str| {
        vec![
            ("csrf", csrf.clone()),
            ("employerId.zoek", employer_text.to_string()),
            ("employerId", employer_id.to_string()),
            ("title", "Broodbakker".to_string()),
            ("occupationUri.zoek", "Bakker".to_string()),
            ("occupationUri", String::new()),
            ("status", "open".to_string()),
        ]
    };
    let send = |fields: Vec<(&'static str, String)>| {
        let app = &app;
        let cookie = cookie.clone();
        async move {
            let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_form(&cookie, "/vacatures", &f).await
        }
    };

    // Several match: nothing is saved, and the adviser chooses between them by name.
    let r = send(form("bakkerij", "")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("Er zijn meerdere met ‘bakkerij’"),
        "{}",
        r.body
    );
    assert!(r.body.contains(&format!(
        "type=\"radio\" name=\"employerId\" value=\"{jansen}\""
    )));
    assert!(r.body.contains("Bakkerij De Wit (Velsen)"));
    assert!(vacancies_of(&app, &t, jansen).await.is_empty());

    // None matches: a Dutch error on the field, and what was typed stays.
    let r = send(form("Slagerij", "")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("Geen werkgever gevonden met ‘Slagerij’"),
        "{}",
        r.body
    );
    assert!(r.body.contains("value=\"Slagerij\""));

    // The choice made from the list is taken, and the occupation is found by its name.
    let r = send(form("bakkerij", &de_wit.to_string())).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let made = vacancies_of(&app, &t, de_wit).await;
    assert_eq!(made.len(), 1);
    assert_eq!(made[0]["occupationUri"], BAKER);

    // One match by a part of the name is taken directly.
    let r = send(form("jansen", "")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(vacancies_of(&app, &t, jansen).await.len(), 1);

    // The edit form names the employer and the occupation; no URI is shown.
    let id = made[0]["id"].as_i64().unwrap();
    let edit = app
        .get_page(&cookie, &format!("/vacatures/{id}/bewerken"))
        .await;
    assert!(
        edit.body.contains("value=\"Bakkerij De Wit (Velsen)\""),
        "{}",
        edit.body
    );
    assert!(edit.body.contains("value=\"bakker\""));
    let visible = edit.body.replace(&format!("value=\"{BAKER}\""), "");
    assert!(
        !visible.contains("http://data.europa.eu"),
        "only the hidden reference holds the URI"
    );
}

#[tokio::test]
async fn skills_are_named_and_an_unknown_one_gets_suggestions() {
    let app = TestApp::new().await;
    seed(&app).await;
    let t = app.token("adviseur@spaarne.nl").await;
    let e = employer(&app, &t, "Bakkerij Jansen", "Haarlem").await;
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let csrf = app.csrf(&cookie).await;
    let e = e.to_string();
    let mut fields = vec![
        ("csrf", csrf.as_str()),
        ("employerId", e.as_str()),
        ("title", "Inpakker"),
        ("status", "open"),
        ("essentialSkills", "Deeg kneden\nproducten inpakken"),
    ];
    let r = app.post_form(&cookie, "/vacatures", &fields).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains(
            "Onbekende vaardigheid: ‘producten inpakken’. Bedoelt u: producten verpakken?"
        ),
        "{}",
        r.body
    );
    fields[4] = ("essentialSkills", "Deeg kneden\ngoederen verpakken");
    let r = app.post_form(&cookie, "/vacatures", &fields).await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "synonyms are accepted: {}",
        r.body
    );
    let id = r.headers["location"]
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let edit = app
        .get_page(&cookie, &format!("/vacatures/{id}/bewerken"))
        .await;
    assert!(
        edit.body.contains("deeg kneden\nproducten verpakken"),
        "{}",
        edit.body
    );
    assert!(!edit.body.contains("http://data.europa.eu/esco/skill"));
}

#[tokio::test]
async fn the_search_for_candidates_stays_in_scope_and_needs_the_permission() {
    let app = TestApp::new().await;
    let consultant = app.token("consulent@ijmond.nl").await;
    let body = candidate_json("Zoekvandaag", false);
    let r = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&consultant),
            Some(body),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let own = app.browser_session("consulent@ijmond.nl").await;
    let found = app.get_page(&own, "/kiezen/kandidaten?q=zoekvandaag").await;
    assert_eq!(found.json().as_array().unwrap().len(), 1, "{}", found.body);
    let elsewhere = app.browser_session("consulent@spaarne.nl").await;
    let found = app
        .get_page(&elsewhere, "/kiezen/kandidaten?q=zoekvandaag")
        .await;
    assert_eq!(
        found.json().as_array().unwrap().len(),
        0,
        "no consent, no candidate"
    );
    let partner = app.browser_session("partner@uitzend.nl").await;
    let refused = app
        .get_page(&partner, "/kiezen/kandidaten?q=zoekvandaag")
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn languages_are_typed_and_shown_in_dutch_not_as_codes() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let e = employer(&app, &t, "Bakkerij Jansen", "Haarlem")
        .await
        .to_string();
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let csrf = app.csrf(&cookie).await;
    let fields = [
        ("csrf", csrf.as_str()),
        ("employerId", e.as_str()),
        ("title", "Verkoper"),
        ("status", "open"),
        ("languages", "Nederlands goed, Engels redelijk"),
    ];
    let r = app.post_form(&cookie, "/vacatures", &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = r.headers["location"]
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let stored = app
        .api(
            "GET",
            &format!("/api/v1/vacancies/{id}"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(stored["languages"], "nld:3,eng:2", "stored as VUM codes");
    let edit = app
        .get_page(&cookie, &format!("/vacatures/{id}/bewerken"))
        .await
        .body;
    assert!(
        edit.contains("value=\"Nederlands goed, Engels redelijk\""),
        "{edit}"
    );
    let bad = [
        ("languages", "Nederlands"),
        ("csrf", csrf.as_str()),
        ("employerId", e.as_str()),
        ("title", "X"),
        ("status", "open"),
    ];
    let r = app.post_form(&cookie, "/vacatures", &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("bijvoorbeeld &#39;Nederlands goed&#39;"),
        "{}",
        r.body
    );
}

/// Skills are found by their label or an ESCO synonym, labels that start with the term first; a
/// choice found by a synonym names it; one name is offered once even when two concepts (a skill
/// group at two levels) carry it; and the name chosen is what the skills field takes.
#[tokio::test]
async fn skills_are_chosen_by_name_or_synonym_and_saved_by_name() {
    let app = TestApp::new().await;
    seed(&app).await;
    concepts(
        &app,
        &[
            (
                "http://data.europa.eu/esco/skill/pack-group-a",
                "skill_group",
                "verpakken",
                "",
            ),
            (
                "http://data.europa.eu/esco/skill/pack-group-b",
                "skill_group",
                "verpakken",
                "",
            ),
            (
                "http://data.europa.eu/esco/skill/wrap-test",
                "skill",
                "cadeaus inpakken",
                "verpakken van geschenken",
            ),
        ],
    )
    .await;
    let cookie = app.browser_session("consulent@ijmond.nl").await;
    let found = app.get_page(&cookie, "/kiezen/vaardigheden?q=verpak").await;
    assert_eq!(found.status, StatusCode::OK);
    let choices: Vec<(String, String)> = found
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().into(),
                c["label"].as_str().unwrap().into(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = [
        ("verpakken", "verpakken"),
        ("producten verpakken", "producten verpakken"),
        (
            "cadeaus inpakken",
            "cadeaus inpakken (ook: verpakken van geschenken)",
        ),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(choices, expected);
    let short = app.get_page(&cookie, "/kiezen/vaardigheden?q=v").await;
    assert_eq!(short.json(), json!([]), "one letter searches nothing");

    // The chosen names, one per line, are the candidate's skills.
    let csrf = app.csrf(&cookie).await;
    let r = app
        .post_form(
            &cookie,
            "/kandidaten",
            &[
                ("csrf", csrf.as_str()),
                ("firstName", "Iryna"),
                ("lastName", "Bondar"),
                ("targetGroup", "oekraine"),
                ("skills", "producten verpakken\ncadeaus inpakken"),
                ("skills.kies", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let at = r.headers["location"].to_str().unwrap().to_string();
    let page = app.get_page(&cookie, &at).await.body;
    for chip in ["producten verpakken", "cadeaus inpakken"] {
        assert!(
            page.contains(&format!(
                "<li class=\"utrecht-data-badge chip\">{chip}</li>"
            )),
            "{chip}"
        );
    }
    assert!(
        !page.contains("http://data.europa.eu"),
        "no taxonomy address on the page"
    );
}
