//! The VUM fields of koppel's own vacancies and candidates beyond their ordinary fields: entered
//! through the API and the adviser's form, served by koppel's VUM source as part of the record's
//! document, selectable by the 3.0 criteria, protected against lost updates, and a candidate's
//! contact details offered only with their agreement.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use axum::body::Body;
use axum::http::Request;
use common::TestApp;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

const OIN: &str = "00000001234567890000";

/// A request to koppel's VUM source, with the contract's headers.
pub(crate) async fn vum(app: &TestApp, method: &str, path: &str, body: Option<Value>) -> Value {
    let router = koppel_web::vum::router(app.ctx.clone(), OIN.into());
    let req = Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", "application/json")
        .header("X-VUM-berichtVersie", "3.0.0")
        .header("API-Version", "3.0.0")
        .header("X-VUM-fromParty", "00000009876543210000")
        .header("X-VUM-toParty", OIN)
        .header("X-VUM-viaParty", "00000001111111110000")
        .header("X-VUM-SUWIparty", "true")
        .body(
            body.map(|b| Body::from(b.to_string()))
                .unwrap_or_else(Body::empty),
        )
        .unwrap();
    let res = router.oneshot(req).await.unwrap();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    serde_json::from_slice(&bytes).unwrap_or(Value::Null)
}

pub(crate) async fn matches(app: &TestApp, path: &str, question: Value) -> Vec<Value> {
    let answer = vum(app, "POST", path, Some(json!({ "vraagObject": question }))).await;
    answer["matches"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn a_vacancy_made_in_koppel_carries_its_vum_fields_to_the_source() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let employer = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Staal BV", "sector": "industrie", "postcode": "1971AB"})),
            None,
        )
        .await
        .json()["id"]
        .clone();
    let v = app
        .api(
            "POST",
            "/api/v1/vacancies",
            Some(&t),
            Some(
                json!({"employerId": employer, "title": "Lasser", "hoursPerWeek": 38,
            "postcode": "1971AB", "status": "open", "publish": true}),
            ),
            None,
        )
        .await;
    assert_eq!(v.status, 201, "{}", v.body);
    let id = v.json()["id"].as_i64().unwrap();
    let path = format!("/api/v1/vacancies/{id}/vum");
    let got = app.api("GET", &path, Some(&t), None, None).await;
    assert_eq!(got.json()["courses"], json!([]));
    let etag = got.headers["etag"].to_str().unwrap().to_string();

    // Wrong values: every problem at once, in Dutch, nothing saved.
    let bad = app
        .api(
            "PUT",
            &path,
            Some(&t),
            Some(json!({"hoursMin": "40", "transport": ["7"], "startDate": "morgen"})),
            Some(&etag),
        )
        .await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    let text = bad.body.clone();
    for field in ["transport", "startDate"] {
        assert!(text.contains(field), "{field}: {text}");
    }
    // What the document cannot say (the vacancy's own hours) is checked next.
    let more = app
        .api(
            "PUT",
            &path,
            Some(&t),
            Some(json!({"hoursMin": "40"})),
            Some(&etag),
        )
        .await;
    assert!(
        more.body.contains("hoursMin") && more.body.contains("meer dan de 38 uur"),
        "{}",
        more.body
    );

    let fields = json!({"hoursMin": "24", "officeHours": "1", "irregular": "2", "startDate": "2026-03-01", "salary": "€ 2.800 - € 3.400",
        "educationLevel": "4", "educationNote": "MBO lassen", "courses": ["VCA", "Lassen TIG"], "experienceYears": "3",
        "transport": ["1", "3"], "sbi": "2410"});
    let put = app
        .api("PUT", &path, Some(&t), Some(fields.clone()), Some(&etag))
        .await;
    assert_eq!(put.status, 200, "{}", put.body);
    // The version read is spent: the same If-Match again is refused, nothing lost.
    let again = app
        .api("PUT", &path, Some(&t), Some(json!({})), Some(&etag))
        .await;
    assert!(
        again.status == 412 || again.status == 409,
        "{}",
        again.status
    );

    let detail = vum(&app, "GET", &format!("/vacatures/{id}"), None).await;
    assert_eq!(detail["naamVacature"], "Lasser");
    assert_eq!(
        detail["werktijden"],
        json!({"aantalWerkurenPerWeekMinimaal": 24, "aantalWerkurenPerWeekMaximaal": 38, "indicatieKantoortijden": 1})
    );
    assert_eq!(
        detail["arbeidsVoorwaarden"],
        json!({"datumAanvangWerkzaamheden": "2026-03-01", "salarisIndicatie": "€ 2.800 - € 3.400"})
    );
    assert_eq!(
        detail["cursus"],
        json!([{"naamCursus": "VCA"}, {"naamCursus": "Lassen TIG"}])
    );
    assert_eq!(
        detail["opleiding"],
        json!([{"codeNiveauOpleiding": 4, "toelichtingOpleiding": "MBO lassen"}])
    );
    assert_eq!(
        detail["vervoermiddel"],
        json!([{"codeVervoermiddel": 1}, {"codeVervoermiddel": 3}])
    );
    assert_eq!(detail["sector"], json!({"codeSbi": 2410}));
    assert_eq!(detail["werkgever"]["handelsnaamOrganisatie"], "Staal BV");

    // The criteria on these fields now select it.
    let area = json!({"postcode": "1971AA", "afstand": 10});
    let q = |k: &str, c: Value| {
        let mut q = json!({"selectiegebied": area});
        q[k] = c;
        q
    };
    let p = "/vacatures/matches";
    assert_eq!(
        matches(
            &app,
            p,
            q("datumAanvangWerkzaamheden", json!({"$gte": "2026-03-01"}))
        )
        .await
        .len(),
        1
    );
    assert_eq!(
        matches(
            &app,
            p,
            q("datumAanvangWerkzaamheden", json!({"$gte": "2026-03-02"}))
        )
        .await
        .len(),
        0
    );
    assert_eq!(
        matches(
            &app,
            p,
            q(
                "flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst",
                json!({"$eq": 2})
            )
        )
        .await
        .len(),
        1
    );
    assert_eq!(
        matches(
            &app,
            p,
            q(
                "werktijden.aantalWerkurenPerWeekMinimaal",
                json!({"$lte": 23})
            )
        )
        .await
        .len(),
        0
    );

    // An ordinary edit keeps the VUM fields and reaches the document.
    let got = app
        .api(
            "GET",
            &format!("/api/v1/vacancies/{id}"),
            Some(&t),
            None,
            None,
        )
        .await;
    let etag = got.headers["etag"].to_str().unwrap().to_string();
    let edit = app
        .api(
            "PUT",
            &format!("/api/v1/vacancies/{id}"),
            Some(&t),
            Some(
                json!({"employerId": employer, "title": "TIG-lasser", "hoursPerWeek": 38,
            "postcode": "1971AB", "status": "open", "publish": true}),
            ),
            Some(&etag),
        )
        .await;
    assert_eq!(edit.status, 200, "{}", edit.body);
    let detail = vum(&app, "GET", &format!("/vacatures/{id}"), None).await;
    assert_eq!(detail["naamVacature"], "TIG-lasser");
    assert_eq!(
        detail["cursus"],
        json!([{"naamCursus": "VCA"}, {"naamCursus": "Lassen TIG"}])
    );
    let saved = app.api("GET", &path, Some(&t), None, None).await.json();
    assert_eq!(saved["hoursMin"], 24);
    assert_eq!(saved["transport"], json!([1, 3]));
}

#[tokio::test]
async fn a_candidates_contact_details_are_offered_only_with_their_agreement() {
    let app = TestApp::new().await;
    let t = app.token("consulent@ijmond.nl").await;
    let mut body = common::candidate_json("Contactpersoon", true);
    body["consentScope"] = json!("wsp_vum");
    let r = app
        .api("POST", "/api/v1/candidates", Some(&t), Some(body), None)
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    let path = format!("/api/v1/candidates/{id}/vum");
    // Another organisation cannot read or change these fields.
    let other = app.token("consulent@spaarne.nl").await;
    assert_eq!(
        app.api("GET", &path, Some(&other), None, None).await.status,
        404
    );

    let put = |fields: Value| {
        let app = &app;
        let t = t.clone();
        let path = path.clone();
        async move {
            let etag = app.api("GET", &path, Some(&t), None, None).await.headers["etag"]
                .to_str()
                .unwrap()
                .to_string();
            let r = app
                .api("PUT", &path, Some(&t), Some(fields), Some(&etag))
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
        }
    };
    put(json!({"contractForms": ["O"], "travelMinutes": "45", "experience": ["Lasser bij Tata Steel, 2015-2024"], "contactOffered": true})).await;
    let area = json!({"postcode": "1971AA", "afstand": 10});
    let found = matches(&app, "/werkzoekendeProfielen/matches",
        json!({"selectiegebied": area, "contractvorm": {"$elemMatch": {"$or": [{"codeTypeArbeidscontract": {"$eq": "O"}}]}}})).await;
    assert_eq!(found.len(), 1);
    assert!(
        found[0].get("emailadres").is_none(),
        "the search profile never has contact details"
    );
    let vum_id = found[0]["idWerkzoekende"].as_str().unwrap().to_string();
    let detail = vum(
        &app,
        "GET",
        &format!("/werkzoekendeProfielen/{vum_id}"),
        None,
    )
    .await;
    assert_eq!(detail["emailadres"], json!(["kandidaat@voorbeeld.nl"]));
    assert_eq!(detail["indicatieBeschikbaarheidContactgegevens"], 1);
    assert_eq!(detail["mobiliteit"]["maximaleReistijd"], 45);
    assert_eq!(
        detail["arbeidsmarktkwalificatie"]["werkervaring"],
        json!([{"toelichtingWerkervaring": "Lasser bij Tata Steel, 2015-2024"}])
    );
    assert!(detail.get("voornaam").is_none() && !detail.to_string().contains("Contactpersoon"));

    // Subject access shows what koppel can offer of them through VUM.
    let access = app
        .api(
            "GET",
            &format!("/api/v1/candidates/{id}/subject-access"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(access["vumDocument"]["mobiliteit"]["maximaleReistijd"], 45);

    put(json!({"contractForms": ["O"], "contactOffered": false})).await;
    let detail = vum(
        &app,
        "GET",
        &format!("/werkzoekendeProfielen/{vum_id}"),
        None,
    )
    .await;
    assert!(detail.get("emailadres").is_none(), "{detail}");
    assert_eq!(detail["indicatieBeschikbaarheidContactgegevens"], 2);
    assert!(detail["mobiliteit"].get("maximaleReistijd").is_none());
}

#[tokio::test]
async fn the_adviser_enters_vum_fields_in_a_form() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let employer = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Bakkerij", "sector": "handel", "postcode": "2011AB"})),
            None,
        )
        .await
        .json()["id"]
        .clone();
    let id = app
        .api("POST", "/api/v1/vacancies", Some(&t), Some(json!({"employerId": employer, "title": "Bakker", "hoursPerWeek": 32, "status": "open", "publish": true})), None)
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let detail = app.get_page(&cookie, &format!("/vacatures/{id}")).await;
    assert!(
        detail.body.contains(&format!("/vacatures/{id}/vum")),
        "a link to the VUM fields"
    );
    let form = app.get_page(&cookie, &format!("/vacatures/{id}/vum")).await;
    assert_eq!(form.status, 200);
    assert!(
        form.body.contains("Minimaal aantal uren per week")
            && form.body.contains("Openbaar vervoer")
    );
    let csrf = common::hidden(&form.body, "csrf");
    let version = common::hidden(&form.body, "version");
    let path = format!("/vacatures/{id}/vum");
    let wrong = app
        .post_form(
            &cookie,
            &path,
            &[("csrf", &csrf), ("version", &version), ("hoursMin", "50")],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(
        wrong.body.contains("Er is een probleem met uw invoer"),
        "{}",
        wrong.body
    );
    let saved = app
        .post_form(
            &cookie,
            &path,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("hoursMin", "16"),
                ("transport", "5"),
                ("transport", "3"),
                ("courses", "Hygiënecode\nHACCP"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let got = app
        .api(
            "GET",
            &format!("/api/v1/vacancies/{id}/vum"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(got["hoursMin"], 16);
    assert_eq!(got["transport"], json!([5, 3]));
    assert_eq!(got["courses"], json!(["Hygiënecode", "HACCP"]));
}
