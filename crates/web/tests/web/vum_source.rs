//! koppel as a VUM source for vacancies, against test vectors written from VUM-Bron-Vacatures 3.0:
//! the VUM headers, the selection language and the area, at most 100 matches, the detail, and
//! the contract's error model.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use axum::body::Body;
use axum::http::Request;
use common::TestApp;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

const OIN: &str = "00000001234567890000";

async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    body: Option<Value>,
    headers: bool,
) -> (u16, Value, axum::http::HeaderMap) {
    let router = koppel_web::vum::router(app.ctx.clone(), OIN.into());
    let mut b = Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", "application/json");
    if headers {
        b = b
            .header("X-VUM-berichtVersie", "3.0.0")
            .header("API-Version", "3.0.0")
            .header("X-VUM-fromParty", "00000009876543210000")
            .header("X-VUM-toParty", OIN)
            .header("X-VUM-viaParty", "00000001111111110000")
            .header("X-VUM-SUWIparty", "true");
    }
    let res = router
        .oneshot(
            b.body(
                body.map(|v| Body::from(v.to_string()))
                    .unwrap_or_else(Body::empty),
            )
            .unwrap(),
        )
        .await
        .unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        headers,
    )
}

async fn setup(app: &TestApp) -> (i64, i64, i64) {
    let t = app.token("adviseur@spaarne.nl").await;
    let employer = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Bakkerij Spaarne", "sector": "handel", "postcode": "2011AB"})),
            None,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let mut ids = Vec::new();
    for body in [
        json!({"employerId": employer, "title": "Bakker", "hoursPerWeek": 32, "contractType": "permanent", "educationLevel": "3", "drivingLicences": ["B"], "languages": ["nld:3"], "postcode": "2011AB", "status": "open", "publish": true}),
        json!({"employerId": employer, "title": "Chauffeur IJmond", "hoursPerWeek": 40, "contractType": "temporary", "educationLevel": "2", "drivingLicences": ["B", "C"], "postcode": "1971AA", "status": "open", "publish": true}),
        json!({"employerId": employer, "title": "Intern", "postcode": "2011AB", "status": "open", "publish": false}),
    ] {
        let r = app
            .api("POST", "/api/v1/vacancies", Some(&t), Some(body), None)
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
        ids.push(r.json()["id"].as_i64().unwrap());
    }
    (ids[0], ids[1], ids[2])
}

fn found(v: &Value) -> Vec<String> {
    v["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["idVacature"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn the_source_answers_selection_queries_within_the_area() {
    let app = TestApp::new().await;
    let (bakker, chauffeur, intern) = setup(&app).await;
    let ask = |q: Value| json!({"vraagObject": q});
    let (status, v, headers) = call(
        &app,
        "POST",
        "/vacatures/matches",
        Some(ask(
            json!({"selectiegebied": {"postcode": "2011AB", "afstand": 5}}),
        )),
        true,
    )
    .await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(found(&v), [bakker.to_string()]);
    assert_eq!(v["maximumAantalResultatenBereikt"], false);
    assert_eq!(headers["x-vum-toparty"], "00000009876543210000");
    assert_eq!(headers["x-vum-fromparty"], OIN);
    assert_eq!(headers["x-vum-viaparty"], "00000001111111110000");
    assert_eq!(headers["x-vum-berichtversie"], "3.0.0");

    let (_, wide, _) = call(
        &app,
        "POST",
        "/vacatures/matches",
        Some(ask(
            json!({"selectiegebied": {"postcode": "2011AB", "afstand": 50}}),
        )),
        true,
    )
    .await;
    assert_eq!(
        found(&wide),
        [bakker.to_string(), chauffeur.to_string()],
        "nearest first; the unpublished one never"
    );
    let m = &wide["matches"][0];
    assert_eq!(m["adres"]["postcode"], "2011AB");
    assert_eq!(m["werktijden"]["aantalWerkurenPerWeekMaximaal"], 32);
    assert_eq!(m["contractvorm"][0]["codeTypeArbeidscontract"], "O");
    assert_eq!(m["taalbeheersing"][0]["codeTaal"], "nld");
    assert!(
        m.get("werkgever").is_some() && m["werkgever"].get("contactpersoon").is_none(),
        "no people in a profile"
    );

    let with_c = ask(
        json!({"selectiegebied": {"postcode": "2011AB", "afstand": 50},
        "rijbewijs": {"$all": [{"$elemMatch": {"codeSoortRijbewijs": {"$eq": "C"}}}]}}),
    );
    assert_eq!(
        found(
            &call(&app, "POST", "/vacatures/matches", Some(with_c), true)
                .await
                .1
        ),
        [chauffeur.to_string()]
    );
    let level = ask(
        json!({"selectiegebied": {"postcode": "2011AB", "afstand": 50},
        "codeWerkEnDenkniveauMinimaal": {"$gte": "3", "$lt": "7"}, "werktijden.aantalWerkurenPerWeekMinimaal": {"$lte": 36}}),
    );
    assert_eq!(
        found(
            &call(&app, "POST", "/vacatures/matches", Some(level), true)
                .await
                .1
        ),
        [bakker.to_string()]
    );

    let (status, detail, _) =
        call(&app, "GET", &format!("/vacatures/{chauffeur}"), None, true).await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            detail["idVacature"].as_str(),
            detail["naamVacature"].as_str()
        ),
        (
            Some(chauffeur.to_string().as_str()),
            Some("Chauffeur IJmond")
        )
    );
    assert_eq!(
        call(&app, "GET", &format!("/vacatures/{intern}"), None, true)
            .await
            .0,
        404
    );
    assert_eq!(
        call(&app, "GET", "/vacatures/bestaat-niet", None, true)
            .await
            .0,
        404
    );
}

#[tokio::test]
async fn wrong_requests_get_the_contracts_error_model() {
    let app = TestApp::new().await;
    setup(&app).await;
    let (status, v, _) = call(
        &app,
        "POST",
        "/vacatures/matches",
        Some(json!({"vraagObject": {"selectiegebied": {"postcode": "2011AB", "afstand": 5}}})),
        false,
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(v["code"], "400");
    assert!(v["details"]
        .as_str()
        .unwrap()
        .contains("X-VUM-berichtVersie"));
    // An operator of the language that 3.0 does not describe has no effect; one outside the
    // language is refused.
    let ignored = json!({"vraagObject": {"selectiegebied": {"postcode": "2011AB", "afstand": 5}, "rijbewijs": {"$in": ["B"]}}});
    let (status, _, _) = call(&app, "POST", "/vacatures/matches", Some(ignored), true).await;
    assert_eq!(status, 200);
    let outside = json!({"vraagObject": {"selectiegebied": {"postcode": "2011AB", "afstand": 5}, "rijbewijs": {"$within": ["B"]}}});
    let (status, v, _) = call(&app, "POST", "/vacatures/matches", Some(outside), true).await;
    assert_eq!(status, 400);
    assert_eq!(
        v["message"],
        "De selectievraag valt buiten de selectietaal."
    );
    assert!(
        v["details"]
            .as_str()
            .unwrap()
            .starts_with("rijbewijs.$within"),
        "{v}"
    );
    let no_area = json!({"vraagObject": {"beroep.codeBeroepsnaam": {"$eq": "x"}}});
    let (status, v, _) = call(&app, "POST", "/vacatures/matches", Some(no_area), true).await;
    assert_eq!(
        (status, v["message"].as_str()),
        (400, Some("Het selectiegebied ontbreekt of is onjuist."))
    );
    let far = json!({"vraagObject": {"selectiegebied": {"postcode": "2011AB", "afstand": 5000}}});
    assert_eq!(
        call(&app, "POST", "/vacatures/matches", Some(far), true)
            .await
            .0,
        400
    );
}

#[tokio::test]
async fn at_most_a_hundred_matches_and_it_says_there_were_more() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let employer = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Uitzendbureau Duin", "sector": "zakelijke_dienstverlening"})),
            None,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    for i in 0..101 {
        let body = json!({"employerId": employer, "title": format!("Medewerker {i}"), "postcode": "2011AB", "status": "open", "publish": true});
        assert_eq!(
            app.api("POST", "/api/v1/vacancies", Some(&t), Some(body), None)
                .await
                .status,
            201
        );
    }
    let (status, v, _) = call(
        &app,
        "POST",
        "/vacatures/matches",
        Some(json!({"vraagObject": {"selectiegebied": {"postcode": "2011AB", "afstand": 1}}})),
        true,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(v["matches"].as_array().unwrap().len(), 100);
    assert_eq!(v["maximumAantalResultatenBereikt"], true);
}

#[tokio::test]
async fn only_candidates_who_agreed_to_vum_are_offered_and_never_by_name() {
    let app = TestApp::new().await;
    let t = app.token("consulent@ijmond.nl").await;
    let make = |name: &str, scope: &str, postcode: &str| {
        let mut c = common::candidate_json(name, true);
        c["consentScope"] = json!(scope);
        c["postcode"] = json!(postcode);
        c["availableFrom"] = json!("2026-02-01");
        c
    };
    for body in [
        make("Vumdeelnemer", "wsp_vum", "1971 AB"),
        make("Alleenwsp", "wsp", "1971 AB"),
        make("Verweg", "wsp_vum", "9711 AA"),
    ] {
        let r = app
            .api("POST", "/api/v1/candidates", Some(&t), Some(body), None)
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let ask = |q: Value| json!({"vraagObject": q});
    let (status, v, _) = call(
        &app,
        "POST",
        "/werkzoekendeProfielen/matches",
        Some(ask(
            json!({"selectiegebied": {"postcode": "1971AA", "afstand": 10}}),
        )),
        true,
    )
    .await;
    assert_eq!(status, 200, "{v}");
    let matches = v["matches"].as_array().unwrap();
    assert_eq!(matches.len(), 1, "{v}");
    let text = v.to_string();
    for personal in ["Vumdeelnemer", "Test", "kandidaat@voorbeeld.nl", "IJmuiden"] {
        assert!(
            !text.contains(personal),
            "{personal} must not leave koppel: {text}"
        );
    }
    let profile = &matches[0];
    assert_eq!(profile["mobiliteit"]["bemiddelingspostcode"], "1971AB");
    assert_eq!(
        profile["arbeidsmarktkwalificatie"]["rijbewijs"][0]["codeSoortRijbewijs"],
        "B"
    );
    let id = profile["idWerkzoekende"].as_str().unwrap().to_string();
    assert!(
        id.chars().all(|c| c.is_ascii_alphanumeric()) && id.len() >= 16,
        "an opaque id: {id}"
    );

    // Available from 1 February: found by a question for 1 February or later, not before.
    for (day, found) in [("2026-02-01", 1), ("2026-01-31", 0)] {
        let q = ask(
            json!({"selectiegebied": {"postcode": "1971AA", "afstand": 10},
            "datumAanvangBeschikbaarVoorWerk": {"$lte": day}}),
        );
        let (_, v, _) = call(
            &app,
            "POST",
            "/werkzoekendeProfielen/matches",
            Some(q),
            true,
        )
        .await;
        assert_eq!(v["matches"].as_array().unwrap().len(), found, "{day}: {v}");
    }

    let licence = ask(
        json!({"selectiegebied": {"postcode": "1971AA", "afstand": 10},
        "arbeidsmarktkwalificatie.rijbewijs": {"$all": [{"$elemMatch": {"codeSoortRijbewijs": {"$eq": "C"}}}]}}),
    );
    assert_eq!(
        call(
            &app,
            "POST",
            "/werkzoekendeProfielen/matches",
            Some(licence),
            true
        )
        .await
        .1["matches"]
            .as_array()
            .unwrap()
            .len(),
        0
    );

    let (status, detail, _) = call(
        &app,
        "GET",
        &format!("/werkzoekendeProfielen/{id}"),
        None,
        true,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(detail["idWerkzoekende"], id.as_str());
    assert!(detail.get("emailadres").is_none() && detail.get("telefoonnummer").is_none());
    assert_eq!(
        call(&app, "GET", "/werkzoekendeProfielen/123", None, true)
            .await
            .0,
        404
    );

    let mut tx = app.ctx.store().begin().await.unwrap();
    let logged = tx.scalar("SELECT COUNT(*) FROM processing_log WHERE name IN ('candidate.vum_offer', 'candidate.vum_detail')", &[]).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        logged, 3,
        "offering the profile (twice) and giving its detail are all logged"
    );
}

#[tokio::test]
async fn an_edit_in_koppel_reaches_the_imported_document_and_leaves_the_rest_as_it_came() {
    let app = TestApp::new().await;
    let doc = json!({"idVacature": "V-1", "naamVacature": "Kok", "omschrijvingVacature": "  Soep en sauzen ",
        "adres": {"postcode": "2011AB", "straatnaam": "Markt"},
        "werktijden": {"aantalWerkurenPerWeekMinimaal": 16, "aantalWerkurenPerWeekMaximaal": 32, "indicatieKantoortijden": 1},
        "cursus": [{"naamCursus": "HACCP"}], "sluitingsdatumVacature": "2030-01-01",
        "werkgever": {"handelsnaamOrganisatie": "Brasserie"}});
    let by = koppel_app::import::ImportBy {
        user_id: None,
        org_id: None,
        name: "test".into(),
    };
    let options = koppel_app::import::vum::VumImportOptions {
        publish: true,
        employer_sector: Some("horeca_schoonmaak".into()),
        ..Default::default()
    };
    let bytes = serde_json::to_vec(&[&doc]).unwrap();
    let meta = koppel_app::Meta::local("test");
    koppel_app::import::vum::import_vacancies(
        &app.ctx,
        &by,
        &meta,
        "v.json",
        &bytes,
        &options,
        &mut |_| {},
    )
    .await
    .unwrap();
    let (_, served, _) = call(&app, "GET", "/vacatures/V-1", None, true).await;
    assert_eq!(served, doc);

    let mut tx = app.ctx.store().begin().await.unwrap();
    let id: i64 = tx
        .scalar(
            "SELECT id FROM vacancies WHERE external_id = 'vum:V-1'",
            &[],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let t = app.token("adviseur@spaarne.nl").await;
    let edit = |title: &str, hours: i64, v: &Value| {
        json!({"employerId": v["employerId"], "title": title, "description": v["description"], "hoursPerWeek": hours,
               "postcode": "2011AB", "closingDate": "2030-01-01", "status": "open", "publish": true})
    };
    let path = format!("/api/v1/vacancies/{id}");
    for (title, hours) in [("Chef-kok", 32), ("Chef-kok", 24)] {
        let got = app.api("GET", &path, Some(&t), None, None).await;
        let etag = got
            .headers
            .get("etag")
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let put = app
            .api(
                "PUT",
                &path,
                Some(&t),
                Some(edit(title, hours, &got.json())),
                Some(&etag),
            )
            .await;
        assert_eq!(put.status, 200, "{}", put.body);
    }
    let (_, served, _) = call(&app, "GET", "/vacatures/V-1", None, true).await;
    let mut expected = doc.clone();
    expected["naamVacature"] = json!("Chef-kok");
    expected["werktijden"] = json!({"aantalWerkurenPerWeekMinimaal": 24, "aantalWerkurenPerWeekMaximaal": 24, "indicatieKantoortijden": 1});
    assert_eq!(served, expected);
}
