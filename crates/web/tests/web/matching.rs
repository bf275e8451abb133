//! Matching through the API and the UI: visibility, explanations, filters, index updates, the
//! best vacancies for a candidate and the skills gap, on both databases.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use crate::common;

use axum::http::{header, StatusCode};
use common::*;
use koppel_store::taxonomy::{self, Concept};
use serde_json::{json, Value};

const CARE: &str = "http://data.europa.eu/esco/skill/care";
const WOUNDS: &str = "http://data.europa.eu/esco/skill/wounds";
const GROUP: &str = "http://data.europa.eu/esco/skill/care-group";
const FORKLIFT: &str = "http://data.europa.eu/esco/skill/forklift";

const POSTMAN: &str = "http://data.europa.eu/esco/occupation/post";

async fn seed_taxonomy(app: &TestApp) {
    let mut tx = app.ctx.store().begin().await.unwrap();
    for (uri, label) in [
        (CARE, "verzorgen"),
        (WOUNDS, "wonden verzorgen"),
        (GROUP, "zorg en welzijn"),
        (FORKLIFT, "heftruck besturen"),
        (POSTMAN, "postbode"),
    ] {
        taxonomy::upsert(
            &mut tx,
            &Concept {
                uri: uri.into(),
                kind: if uri == POSTMAN {
                    "occupation"
                } else {
                    "skill"
                }
                .into(),
                label: label.into(),
                isco_group: None,
            },
            "",
        )
        .await
        .unwrap();
    }
    taxonomy::set_broader(&mut tx, CARE, GROUP).await.unwrap();
    taxonomy::set_broader(&mut tx, WOUNDS, GROUP).await.unwrap();
    tx.commit().await.unwrap();
}

fn candidate(last: &str, consent: bool, skills: &[&str], postcode: &str) -> Value {
    let mut c = candidate_json(last, consent);
    c["skills"] = json!(skills);
    c["postcode"] = json!(postcode);
    c["maxTravelKm"] = json!(25);
    c
}

/// A vacancy in Haarlem asking for care (essential) and wounds (optional); returns (vacancy id, token).
async fn vacancy(app: &TestApp) -> (i64, String) {
    let t = app.token("adviseur@spaarne.nl").await;
    let e = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Zorggroep Spaarne", "sector": "zorg_welzijn"})),
            None,
        )
        .await
        .json();
    let v = app
        .api("POST", "/api/v1/vacancies", Some(&t), Some(json!({"employerId": e["id"], "title": "Verzorgende", "status": "open", "postcode": "2011AB", "hoursPerWeek": 24, "languages": ["nld:2"], "essentialSkills": [CARE], "optionalSkills": [WOUNDS]})), None)
        .await
        .json();
    (v["id"].as_i64().unwrap(), t)
}

#[tokio::test]
async fn the_ranking_is_explained_and_never_shows_a_hidden_candidate() {
    let app = TestApp::new().await;
    seed_taxonomy(&app).await;
    let (vid, t) = vacancy(&app).await;
    let ijmond = app.token("consulent@ijmond.nl").await;
    app.api(
        "POST",
        "/api/v1/candidates",
        Some(&ijmond),
        Some(candidate("Verborgen", false, &[CARE, WOUNDS], "1971AB")),
        None,
    )
    .await;
    let shared = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&ijmond),
            Some(candidate("Gedeeld", true, &[CARE], "1971AB")),
            None,
        )
        .await
        .json();
    let spaarne = app.token("consulent@spaarne.nl").await;
    let own = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&spaarne),
            Some(candidate("Eigen", false, &[WOUNDS], "2011AB")),
            None,
        )
        .await
        .json();
    let far = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&spaarne),
            Some(candidate("Ver", false, &[CARE], "9401AB")),
            None,
        )
        .await
        .json();
    let _ = far;

    let r = app
        .api(
            "GET",
            &format!("/api/v1/vacancies/{vid}/candidate-matches"),
            Some(&t),
            None,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        !r.body.contains("Verborgen"),
        "never a candidate the user may not see"
    );
    let r = r.json();
    let ids: Vec<i64> = r["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["candidateId"].as_i64().unwrap())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    let mut expected = [shared["id"].as_i64().unwrap(), own["id"].as_i64().unwrap()];
    expected.sort_unstable();
    assert_eq!(
        sorted, expected,
        "the visible candidates with a skill asked for"
    );
    let at = |id: &Value| ids.iter().position(|i| Some(*i) == id.as_i64()).unwrap();
    let first = &r["results"][at(&shared["id"])]["explanation"];
    assert_eq!(first["matchedEssential"], json!(["verzorgen"]));
    // The optional skill is related to one she has: partly credited, and not also missing.
    assert_eq!(first["missingOptional"], json!([]));
    assert_eq!(
        first["partial"],
        json!([
            "wonden verzorgen (verwant: de kandidaat heeft verzorgen, ook onder zorg en welzijn)"
        ])
    );
    // The points name what the score is made of, and add up to it.
    let points: f64 = first["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[1].as_f64().unwrap())
        .sum();
    let score = r["results"][at(&shared["id"])]["score"].as_f64().unwrap();
    assert!(
        (points - score).abs() <= 0.6,
        "{points} against {score}: {first}"
    );
    assert_eq!(first["points"][0][0], "verzorgen");
    assert!(first["distanceKm"].as_f64().unwrap() > 5.0);
    let second = &r["results"][at(&own["id"])]["explanation"];
    assert_eq!(
        second["partial"],
        json!([
            "verzorgen (verwant: de kandidaat heeft wonden verzorgen, ook onder zorg en welzijn)"
        ])
    );
    assert_eq!(
        r["excluded"],
        json!([["reisafstand", 1]]),
        "the candidate in Assen is too far"
    );

    // A change is visible to the next search.
    let mut changed = candidate("Eigen", false, &[CARE, WOUNDS], "2011AB");
    changed["skills"] = json!([CARE, WOUNDS]);
    let upd = app
        .api(
            "PUT",
            &format!("/api/v1/candidates/{}", own["id"]),
            Some(&spaarne),
            Some(changed),
            Some("1"),
        )
        .await;
    assert_eq!(upd.status, StatusCode::OK, "{}", upd.body);
    let again = app
        .api(
            "GET",
            &format!("/api/v1/vacancies/{vid}/candidate-matches"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(
        again["results"][0]["candidateId"], own["id"],
        "now the best match"
    );
    // Every skill asked for: nearly all of the score (the profile's length is balanced against
    // the others', so a match is never over 100%).
    let best = again["results"][0]["score"].as_i64().unwrap();
    assert!((90..=100).contains(&best), "{best}");

    // Only the owner and WSP staff search; partners never.
    let partner = app.token("partner@uitzend.nl").await;
    assert_eq!(
        app.api(
            "GET",
            &format!("/api/v1/vacancies/{vid}/candidate-matches"),
            Some(&partner),
            None,
            None
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let other_consultant = app
        .api(
            "GET",
            &format!("/api/v1/vacancies/{vid}/candidate-matches"),
            Some(&ijmond),
            None,
            None,
        )
        .await;
    assert!(
        !other_consultant.body.contains("\"Eigen"),
        "a consultant sees only their own organisation's candidates"
    );
}

#[tokio::test]
async fn filters_that_exclude_everyone_say_which_did() {
    let app = TestApp::new().await;
    let (vid, t) = vacancy(&app).await;
    let consultant = app.token("consulent@spaarne.nl").await;
    let mut c = candidate("Parttime", false, &[CARE], "2011AB");
    c["hoursPerWeek"] = json!(8);
    app.api(
        "POST",
        "/api/v1/candidates",
        Some(&consultant),
        Some(c),
        None,
    )
    .await;
    let r = app
        .api(
            "GET",
            &format!("/api/v1/vacancies/{vid}/candidate-matches"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(
        (
            r["results"].as_array().unwrap().len(),
            r["excluded"].clone()
        ),
        (0, json!([["uren", 1]]))
    );
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let page = app
        .get_page(&cookie, &format!("/vacatures/{vid}/kandidaten"))
        .await;
    assert!(page
        .body
        .contains("Geen kandidaat voldoet aan alle filters. Uitgesloten wegens: uren (1)."));
}

#[tokio::test]
async fn the_best_vacancies_and_the_skills_gap_and_nominating_from_the_results() {
    let app = TestApp::new().await;
    seed_taxonomy(&app).await;
    let (vid, _) = vacancy(&app).await;
    let consultant = app.token("consulent@spaarne.nl").await;
    let c = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&consultant),
            Some(candidate("Zorgzaam", true, &[WOUNDS], "2011AB")),
            None,
        )
        .await
        .json();
    let cid = c["id"].as_i64().unwrap();
    // A vacancy with nothing in common with the candidate is no suggestion at all.
    let adviser = app.token("adviseur@spaarne.nl").await;
    let employer = app
        .api("GET", "/api/v1/employers", Some(&adviser), None, None)
        .await
        .json()["items"][0]["id"]
        .clone();
    let unrelated = app
        .api(
            "POST",
            "/api/v1/vacancies",
            Some(&adviser),
            Some(json!({"employerId": employer, "title": "Heftruckchauffeur",
            "status": "open", "postcode": "2011AB", "essentialSkills": [FORKLIFT]})),
            None,
        )
        .await;
    assert_eq!(unrelated.status, 201, "{}", unrelated.body);
    let best = app
        .api(
            "GET",
            &format!("/api/v1/candidates/{cid}/vacancy-matches"),
            Some(&consultant),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(best[0]["vacancyId"], vid);
    assert!(
        best.as_array()
            .unwrap()
            .iter()
            .all(|m| m["score"].as_i64().unwrap() > 0),
        "no 0% suggestions: {best}"
    );
    let gap = app
        .api(
            "GET",
            &format!("/api/v1/vacancies/{vid}/skills-gap?candidateId={cid}"),
            Some(&consultant),
            None,
            None,
        )
        .await
        .json();
    // The gap says what the ranking's card says: one skill she has, one related, none missing.
    assert_eq!(gap["groups"], json!([]));
    assert_eq!(gap["has"], json!(["wonden verzorgen"]));
    let ranking = app
        .api(
            "GET",
            &format!("/api/v1/vacancies/{vid}/candidate-matches"),
            Some(&consultant),
            None,
            None,
        )
        .await
        .json();
    let card = &ranking["results"][0]["explanation"];
    assert_eq!(gap["related"], card["partial"]);
    assert_eq!(gap["has"], card["matchedOptional"]);
    assert_eq!(card["missingEssential"], json!([]));

    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let page = app
        .get_page(&cookie, &format!("/vacatures/{vid}/kandidaten"))
        .await;
    assert!(
        page.body.contains("Test Zorgzaam")
            && page.body.contains("Deels via een verwante vaardigheid")
            && page.body.contains("Voordragen")
    );
    let csrf = hidden(&page.body, "csrf");
    let nominated = app
        .post_form(
            &cookie,
            "/voordrachten",
            &[
                ("csrf", &csrf),
                ("vacancyId", &vid.to_string()),
                ("candidateId", &cid.to_string()),
            ],
        )
        .await;
    assert_eq!(
        nominated.status,
        StatusCode::SEE_OTHER,
        "nominate straight from the results"
    );
    let gap_page = app
        .get_page(&cookie, &format!("/vacatures/{vid}/gat/{cid}"))
        .await;
    assert!(gap_page.body.contains("zorg en welzijn") && gap_page.body.contains("verzorgen"));
    let vacancies_page = app
        .get_page(&cookie, &format!("/kandidaten/{cid}/vacatures"))
        .await;
    assert!(vacancies_page.body.contains("Verzorgende"));

    // More than a page of open vacancies: good ones made first and last are both found.
    for i in 0..200 {
        let r = app
            .api(
                "POST",
                "/api/v1/vacancies",
                Some(&adviser),
                Some(
                    json!({"employerId": employer, "title": format!("Heftruck {i}"),
                "status": "open", "postcode": "2011AB", "essentialSkills": [FORKLIFT]}),
                ),
                None,
            )
            .await;
        assert_eq!(r.status, 201);
    }
    let last = app
        .api(
            "POST",
            "/api/v1/vacancies",
            Some(&adviser),
            Some(json!({"employerId": employer, "title": "Wondverzorger",
            "status": "open", "postcode": "2011AB", "essentialSkills": [WOUNDS]})),
            None,
        )
        .await
        .json()["id"]
        .clone();
    let best = app
        .api(
            "GET",
            &format!("/api/v1/candidates/{cid}/vacancy-matches"),
            Some(&consultant),
            None,
            None,
        )
        .await
        .json();
    let found: Vec<&Value> = best
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["vacancyId"])
        .collect();
    assert!(
        found.contains(&&json!(vid)) && found.contains(&&last),
        "the first and the last of 203 open vacancies: {best}"
    );
}

#[tokio::test]
async fn skills_by_label_and_unknown_ones_named() {
    let app = TestApp::new().await;
    seed_taxonomy(&app).await;
    let consultant = app.token("consulent@spaarne.nl").await;
    let mut c = candidate_json("Labels", false);
    c["skills"] = json!(["Verzorgen", WOUNDS]);
    let ok = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&consultant),
            Some(c.clone()),
            None,
        )
        .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    let body = ok.json();
    let mut uris: Vec<&str> = body["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["uri"].as_str().unwrap())
        .collect();
    uris.sort();
    assert_eq!(uris, [CARE, WOUNDS], "the label 'Verzorgen' was looked up");
    c["skills"] = json!([
        "toveren",
        "http://data.europa.eu/esco/skill/onbekend",
        "verzorgen"
    ]);
    let bad = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&consultant),
            Some(c),
            None,
        )
        .await;
    let reason: Vec<String> = bad.json()["invalidParams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["reason"].as_str().unwrap().to_string())
        .collect();
    let reason = reason.join(" | ");
    assert!(
        reason.contains("‘toveren’")
            && reason.contains("‘http://data.europa.eu/esco/skill/onbekend’")
            && !reason.contains("‘verzorgen’"),
        "{reason}"
    );
    let found = app
        .api(
            "GET",
            "/api/v1/taxonomy/skills?q=wonden",
            Some(&consultant),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(found[0]["uri"], WOUNDS);
    assert_eq!(
        app.api(
            "GET",
            "/api/v1/taxonomy/skills?q=w",
            Some(&consultant),
            None,
            None
        )
        .await
        .status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn a_vacancy_gets_its_occupations_skills_suggested() {
    let app = TestApp::new().await;
    let dir =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../app/tests/fixtures/esco");
    koppel_app::taxonomy_import::import_esco_dir(&app.ctx, &dir, &koppel_app::Meta::local("test"))
        .await
        .unwrap();
    let t = app.token("adviseur@spaarne.nl").await;
    let occupation = "http://data.europa.eu/esco/occupation/apo-1";
    let suggested = app
        .api(
            "GET",
            &format!("/api/v1/taxonomy/occupation-skills?occupationUri={occupation}"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(suggested[0]["label"], "geneesmiddelen verstrekken");
    assert_eq!(suggested[0]["essential"], true);
    let e = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Apotheek Duin", "sector": "zorg_welzijn"})),
            None,
        )
        .await
        .json();
    let v = app.api("POST", "/api/v1/vacancies", Some(&t), Some(json!({"employerId": e["id"], "title": "Apothekersassistent", "occupationUri": occupation})), None).await.json();
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let form = app
        .get_page(&cookie, &format!("/vacatures/{}/bewerken", v["id"]))
        .await;
    assert!(
        form.body.contains("voorgesteld op grond van het beroep")
            && form.body.contains("geneesmiddelen verstrekken")
            && form.body.contains("kassa bedienen")
    );
    // Saving the form as suggested stores the skills, looked up by label.
    let csrf = hidden(&form.body, "csrf");
    let saved = app
        .post_form(
            &cookie,
            &format!("/vacatures/{}", v["id"]),
            &[
                ("csrf", &csrf),
                ("version", "1"),
                ("employerId", &e["id"].to_string()),
                ("title", "Apothekersassistent"),
                ("status", "open"),
                ("occupationUri", occupation),
                ("essentialSkills", "geneesmiddelen verstrekken"),
                ("optionalSkills", "kassa bedienen"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stored = app
        .api(
            "GET",
            &format!("/api/v1/vacancies/{}", v["id"]),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(stored["skills"].as_array().unwrap().len(), 2);
    assert_eq!(stored["occupationLabel"], "apothekersassistent");
}

#[tokio::test]
async fn a_vacancy_open_to_some_target_groups_filters_the_others() {
    let app = TestApp::new().await;
    seed_taxonomy(&app).await;
    let t = app.token("adviseur@spaarne.nl").await;
    let e = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Gemeente Werkplaats", "sector": "overheid"})),
            None,
        )
        .await
        .json();
    let bad = app.api("POST", "/api/v1/vacancies", Some(&t), Some(json!({"employerId": e["id"], "title": "Medewerker post", "eligibleTargetGroups": ["iedereen"]})), None).await;
    assert_eq!(invalid_names(&bad), ["eligibleTargetGroups"]);
    let v = app.api("POST", "/api/v1/vacancies", Some(&t), Some(json!({"employerId": e["id"], "title": "Medewerker post", "status": "open", "eligibleTargetGroups": ["banenafspraak"], "essentialSkills": [CARE]})), None).await.json();
    assert_eq!(v["eligibleTargetGroups"], "banenafspraak");
    let consultant = app.token("consulent@spaarne.nl").await;
    app.api(
        "POST",
        "/api/v1/candidates",
        Some(&consultant),
        Some(candidate("Pwet", false, &[CARE], "2011AB")),
        None,
    )
    .await;
    let mut c = candidate("Banen", false, &[CARE], "2011AB");
    c["targetGroup"] = json!("banenafspraak");
    c["desiredOccupationUri"] = json!("http://data.europa.eu/esco/occupation/post");
    let stored = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&consultant),
            Some(c),
            None,
        )
        .await
        .json();
    assert_eq!(stored["desiredOccupationUri"], POSTMAN);
    assert_eq!(stored["desiredOccupationLabel"], "postbode");
    let page = app
        .get_page(
            &app.browser_session("consulent@spaarne.nl").await,
            &format!("/kandidaten/{}", stored["id"]),
        )
        .await;
    assert!(
        page.body.contains("postbode") && !page.body.contains(POSTMAN),
        "the candidate's page names the occupation, never its URI"
    );
    let r = app
        .api(
            "GET",
            &format!("/api/v1/vacancies/{}/candidate-matches", v["id"]),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(r["results"].as_array().unwrap().len(), 1);
    assert_eq!(r["results"][0]["name"], "Test Banen");
    assert!(r["results"][0]["explanation"]["passed"]
        .as_array()
        .unwrap()
        .contains(&json!("doelgroep")));
    assert_eq!(r["excluded"], json!([["doelgroep", 1]]));
}

#[tokio::test]
async fn skills_are_found_in_a_vacancy_text_and_a_cv_for_the_adviser_to_confirm() {
    let app = TestApp::new().await;
    seed_taxonomy(&app).await;
    let (vid, t) = vacancy(&app).await;

    // API: the skills a text names, in its order, with the words that named them.
    let found = app
        .api(
            "POST",
            "/api/v1/taxonomy/skills-in-text",
            Some(&t),
            Some(json!({"text": "Je kunt een heftruck besturen en houdt van Wonden verzorgen."})),
            None,
        )
        .await;
    assert_eq!(found.status, 200, "{}", found.body);
    let body: Value = serde_json::from_str(&found.body).unwrap();
    let uris: Vec<&str> = body
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["uri"].as_str().unwrap())
        .collect();
    assert_eq!(uris, [FORKLIFT, WOUNDS]);
    assert_eq!(body[1]["matched"], "Wonden verzorgen");
    let too_long = app
        .api(
            "POST",
            "/api/v1/taxonomy/skills-in-text",
            Some(&t),
            Some(json!({"text": "a".repeat(20_001)})),
            None,
        )
        .await;
    assert_eq!(too_long.status, 400);
    assert!(too_long.body.contains("te lang"));

    // The vacancy's description names the forklift: proposed as a wanted skill, not yet saved.
    let adviser = app.browser_session("adviseur@spaarne.nl").await;
    let v = app
        .api(
            "GET",
            &format!("/api/v1/vacancies/{vid}"),
            Some(&t),
            None,
            None,
        )
        .await;
    let mut input: Value = serde_json::from_str(&v.body).unwrap();
    // A vacancy is read with its lists as text and written with them as arrays.
    for list in ["drivingLicences", "languages", "eligibleTargetGroups"] {
        let items: Vec<String> = input[list]
            .as_str()
            .unwrap_or("")
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        input[list] = json!(items);
    }
    input["description"] = json!("Soms moet je ook een heftruck besturen.");
    input["essentialSkills"] = json!([CARE]);
    input["optionalSkills"] = json!([WOUNDS]);
    let etag = v.headers[header::ETAG].to_str().unwrap().to_string();
    let put = app
        .api(
            "PUT",
            &format!("/api/v1/vacancies/{vid}"),
            Some(&t),
            Some(input),
            Some(&etag),
        )
        .await;
    assert_eq!(put.status, 200, "{}", put.body);
    let detail = app.get_page(&adviser, &format!("/vacatures/{vid}")).await;
    assert!(detail
        .body
        .contains(&format!("/vacatures/{vid}/bewerken?uitTekst=1")));
    let form = app
        .get_page(&adviser, &format!("/vacatures/{vid}/bewerken?uitTekst=1"))
        .await;
    assert!(
        form.body
            .contains("toegevoegd als gewenste vaardigheden: heftruck besturen"),
        "{}",
        form.body
    );
    let again = app
        .api(
            "GET",
            &format!("/api/v1/vacancies/{vid}"),
            Some(&t),
            None,
            None,
        )
        .await;
    assert!(
        !again.body.contains(FORKLIFT),
        "nothing saved before the adviser confirms"
    );

    // A consultant pastes a CV: its skills are proposed in the candidate's form; nothing is kept.
    let consultant = app.token("consulent@spaarne.nl").await;
    let c = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&consultant),
            Some(candidate("Visser", true, &[], "2011AB")),
            None,
        )
        .await;
    let cid = serde_json::from_str::<Value>(&c.body).unwrap()["id"]
        .as_i64()
        .unwrap();
    let browser = app.browser_session("consulent@spaarne.nl").await;
    let page = app
        .get_page(&browser, &format!("/kandidaten/{cid}/cv-vaardigheden"))
        .await;
    assert_eq!(page.status, 200);
    let csrf = common::hidden(&page.body, "csrf");
    let proposed = app
        .post_form(
            &browser,
            &format!("/kandidaten/{cid}/cv-vaardigheden"),
            &[
                ("csrf", &csrf),
                ("cvText", "2019-2024: heftruck besturen bij Tata Steel."),
            ],
        )
        .await;
    assert_eq!(proposed.status, 200, "{}", proposed.body);
    assert!(proposed
        .body
        .contains("Gevonden in het cv en toegevoegd aan de vaardigheden: heftruck besturen"));
    assert!(proposed
        .body
        .contains(&format!("action=\"/kandidaten/{cid}\"")));
    assert!(
        proposed.body.contains("heftruck besturen</textarea>") && !proposed.body.contains(FORKLIFT),
        "proposed by name, never as a URI"
    );
    let empty = app
        .post_form(
            &browser,
            &format!("/kandidaten/{cid}/cv-vaardigheden"),
            &[("csrf", &csrf), ("cvText", " ")],
        )
        .await;
    assert_eq!(empty.status, 400);
    // Another organisation's consultant cannot use it on this candidate.
    let other = app.browser_session("consulent@ijmond.nl").await;
    assert_eq!(
        app.get_page(&other, &format!("/kandidaten/{cid}/cv-vaardigheden"))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn a_candidate_without_suggestions_is_told_why() {
    let app = TestApp::new().await;
    seed_taxonomy(&app).await;
    let (_vid, _) = vacancy(&app).await;
    let spaarne = app.token("consulent@spaarne.nl").await;
    let c = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&spaarne),
            Some(candidate("Heftrucker", false, &[FORKLIFT], "2011AB")),
            None,
        )
        .await
        .json();
    let cookie = app.browser_session("consulent@spaarne.nl").await;
    let page = app
        .get_page(&cookie, &format!("/kandidaten/{}/vacatures", c["id"]))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Geen open vacature vraagt om een vaardigheid of beroep van deze kandidaat"),
        "{}",
        page.body
    );
}
