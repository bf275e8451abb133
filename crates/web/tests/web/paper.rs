//! The vacancy paper without a login: only published vacancies that are still open, with search
//! and filters, a page per vacancy, a print version, and RSS, Atom and JSON feeds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use axum::body::Body;
use axum::http::Request;
use common::TestApp;
use serde_json::json;

async fn vacancy(app: &TestApp, token: &str, employer: i64, fields: serde_json::Value) -> i64 {
    let mut body = json!({"employerId": employer, "title": "Medewerker", "hoursPerWeek": 24, "contractType": "temporary",
        "city": "Haarlem", "status": "open", "publish": true});
    for (k, v) in fields.as_object().unwrap() {
        body[k] = v.clone();
    }
    let r = app
        .api("POST", "/api/v1/vacancies", Some(token), Some(body), None)
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.json()["id"].as_i64().unwrap()
}

async fn get(app: &TestApp, path: &str) -> common::Reply {
    app.send(
        Request::builder()
            .uri(path)
            .header("host", "wsp.example.nl")
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn only_published_open_vacancies_are_in_the_paper() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let employer = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Zorggroep & Co", "sector": "zorg_welzijn", "city": "Haarlem"})),
            None,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let shop = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Bouwbedrijf Duin", "sector": "bouw", "city": "Velsen"})),
            None,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let care = vacancy(&app, &t, employer, json!({"title": "Helpende <zorg> & welzijn", "description": "Eerste alinea.\n\nTweede alinea.", "hoursPerWeek": 32})).await;
    let build = vacancy(
        &app,
        &t,
        shop,
        json!({"title": "Timmerman", "city": "IJmuiden", "hoursPerWeek": 16}),
    )
    .await;
    let hidden = vacancy(
        &app,
        &t,
        employer,
        json!({"title": "Intern", "publish": false}),
    )
    .await;
    let filled = vacancy(
        &app,
        &t,
        employer,
        json!({"title": "Vervuld", "status": "filled"}),
    )
    .await;
    let closed = vacancy(
        &app,
        &t,
        employer,
        json!({"title": "Verlopen", "closingDate": "2020-01-31"}),
    )
    .await;

    let page = get(&app, "/vacaturekrant").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Helpende &#60;zorg&#62; &#38; welzijn")
            && page.body.contains("Timmerman")
    );
    assert!(page.body.contains("2 vacatures"));
    for gone in ["Intern", "Vervuld", "Verlopen"] {
        assert!(!page.body.contains(gone), "{gone} must not be in the paper");
    }
    assert!(!page.body.contains("Afmelden"), "no session, no menu");

    let zorg = get(&app, "/vacaturekrant?cluster=zorg_welzijn").await;
    assert!(zorg.body.contains("Helpende") && !zorg.body.contains("Timmerman"));
    let place = get(&app, "/vacaturekrant?plaats=IJmuiden").await;
    assert!(place.body.contains("Timmerman") && !place.body.contains("Helpende"));
    let hours = get(&app, "/vacaturekrant?uren=20").await;
    assert!(hours.body.contains("Helpende") && !hours.body.contains("Timmerman"));
    let search = get(&app, "/vacaturekrant?q=duin").await;
    assert!(search.body.contains("Timmerman") && search.body.contains("1 vacature"));
    let bad = get(&app, "/vacaturekrant?uren=veel").await;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("is geen aantal uren per week"));

    let detail = get(&app, &format!("/vacaturekrant/{care}")).await;
    assert_eq!(detail.status, 200);
    assert!(
        detail.body.contains("<p>Eerste alinea.</p>")
            && detail.body.contains("<p>Tweede alinea.</p>")
    );
    for id in [hidden, filled, closed] {
        assert_eq!(get(&app, &format!("/vacaturekrant/{id}")).await.status, 404);
    }
    let print = get(&app, "/vacaturekrant/afdrukken?cluster=techniek").await;
    assert!(
        print.body.contains(&format!("Timmerman (nr. {build})"))
            && print.body.contains("1 vacature,")
    );

    let api = app
        .api(
            "GET",
            "/api/v1/public/vacancies?minHours=20",
            None,
            None,
            None,
        )
        .await;
    assert_eq!(api.status, 200, "{}", api.body);
    let v = api.json();
    assert_eq!(v["total"], 1);
    assert_eq!(v["items"][0]["title"], "Helpende <zorg> & welzijn");
    assert!(v["items"][0].get("carvedForCandidateId").is_none());
    assert_eq!(
        app.api(
            "GET",
            &format!("/api/v1/public/vacancies/{hidden}"),
            None,
            None,
            None
        )
        .await
        .status,
        404
    );
    let wrong = app
        .api(
            "GET",
            "/api/v1/public/vacancies?cluster=ruimtevaart&minHours=99",
            None,
            None,
            None,
        )
        .await;
    assert_eq!(common::invalid_names(&wrong), ["cluster", "minHours"]);
    // The document lists the empty cluster (every cluster); white space is not in the list.
    let all = app
        .api("GET", "/api/v1/public/vacancies?cluster=", None, None, None)
        .await;
    assert_eq!(all.status, 200);
    let blank = app
        .api(
            "GET",
            "/api/v1/public/vacancies?cluster=%0C",
            None,
            None,
            None,
        )
        .await;
    assert_eq!(common::invalid_names(&blank), ["cluster"]);
}

#[tokio::test]
async fn the_feeds_are_well_formed_and_link_back() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let employer = app
        .api("POST", "/api/v1/employers", Some(&t), Some(json!({"name": "Café \"De Ark\" & zn", "sector": "horeca_schoonmaak", "city": "Zandvoort"})), None)
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let id = vacancy(
        &app,
        &t,
        employer,
        json!({"title": "Kok <m/v>", "description": "Koken & serveren"}),
    )
    .await;
    let link = format!("http://wsp.example.nl/vacaturekrant/{id}");

    let rss = get(&app, "/vacaturekrant/rss.xml").await;
    assert_eq!(
        rss.headers["content-type"],
        "application/rss+xml; charset=utf-8"
    );
    let doc = roxmltree::Document::parse(&rss.body).unwrap();
    let item = doc.descendants().find(|n| n.has_tag_name("item")).unwrap();
    let text = |tag: &str| {
        item.children()
            .find(|n| n.has_tag_name(tag))
            .and_then(|n| n.text())
            .unwrap()
            .to_string()
    };
    assert_eq!(text("title"), "Kok <m/v>");
    assert_eq!(text("link"), link);
    assert!(text("description").contains("Café \"De Ark\" & zn"));

    let atom = get(&app, "/vacaturekrant/atom.xml?cluster=handel_facilitair").await;
    let doc = roxmltree::Document::parse(&atom.body).unwrap();
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let entry = doc.descendants().find(|n| n.has_tag_name("entry")).unwrap();
    assert_eq!(
        entry
            .children()
            .find(|n| n.has_tag_name("id"))
            .and_then(|n| n.text()),
        Some(link.as_str())
    );
    let self_link = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name("link") && n.attribute("rel") == Some("self"))
        .unwrap();
    assert_eq!(
        self_link.attribute("href"),
        Some("http://wsp.example.nl/vacaturekrant/atom.xml?cluster=handel_facilitair")
    );
    let none = get(&app, "/vacaturekrant/atom.xml?cluster=zorg_welzijn").await;
    assert!(roxmltree::Document::parse(&none.body)
        .unwrap()
        .descendants()
        .all(|n| !n.has_tag_name("entry")));

    let json = get(&app, "/vacaturekrant/feed.json").await;
    let v: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(v["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(v["items"][0]["url"], link);
    assert_eq!(v["items"][0]["title"], "Kok <m/v>");
}

#[tokio::test]
async fn partners_follow_the_change_feed() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let partner = app.token("partner@uitzend.nl").await;
    let employer = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Bakkerij Kennemer", "sector": "handel", "city": "Haarlem"})),
            None,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let first = vacancy(&app, &t, employer, json!({"title": "Bakker"})).await;
    let second = vacancy(
        &app,
        &t,
        employer,
        json!({"title": "Verkoper", "publish": false}),
    )
    .await;

    // Walk the whole feed one change at a time.
    let mut since = String::new();
    let mut seen = Vec::new();
    loop {
        let r = app
            .api(
                "GET",
                &format!("/api/v1/changes?limit=1&since={}", urlencode(&since)),
                Some(&partner),
                None,
                None,
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let v = r.json();
        let items = v["items"].as_array().unwrap().clone();
        if items.is_empty() {
            assert_eq!(
                v["next"].as_str().unwrap(),
                since,
                "an empty page keeps the position"
            );
            break;
        }
        seen.push((
            items[0]["kind"].as_str().unwrap().to_string(),
            items[0]["id"].as_i64().unwrap(),
        ));
        since = v["next"].as_str().unwrap().to_string();
    }
    assert_eq!(
        seen,
        [
            ("employer".to_string(), employer),
            ("vacancy".to_string(), first),
            ("vacancy".to_string(), second)
        ]
    );

    // A change after the position shows up, once, with its new status.
    let current = app
        .api(
            "GET",
            &format!("/api/v1/vacancies/{first}"),
            Some(&t),
            None,
            None,
        )
        .await;
    let version = current.json()["version"].as_i64().unwrap();
    let mut body = json!({"employerId": employer, "title": "Bakker", "hoursPerWeek": 24, "contractType": "temporary", "city": "Haarlem", "status": "filled", "publish": true});
    body["version"] = json!(version);
    let upd = app
        .api(
            "PUT",
            &format!("/api/v1/vacancies/{first}"),
            Some(&t),
            Some(body),
            Some(&format!("\"{version}\"")),
        )
        .await;
    assert_eq!(upd.status, 200, "{}", upd.body);
    let after = app
        .api(
            "GET",
            &format!("/api/v1/changes?since={}", urlencode(&since)),
            Some(&partner),
            None,
            None,
        )
        .await
        .json();
    let items = after["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(
        (items[0]["id"].as_i64(), items[0]["status"].as_str()),
        (Some(first), Some("filled"))
    );

    let bad = app
        .api(
            "GET",
            "/api/v1/changes?since=gisteren",
            Some(&partner),
            None,
            None,
        )
        .await;
    assert_eq!(common::invalid_names(&bad), ["since"]);
    assert_eq!(
        app.api("GET", "/api/v1/changes", None, None, None)
            .await
            .status,
        401
    );
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("x", s)])
        .unwrap()
        .trim_start_matches("x=")
        .to_string()
}

#[tokio::test]
async fn partners_see_employers_without_the_names_of_people() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let mut tx = app.ctx.store().begin().await.unwrap();
    let adviser = tx
        .scalar(
            "SELECT id FROM users WHERE email = 'adviseur@spaarne.nl'",
            &[],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let id = app
        .api("POST", "/api/v1/employers", Some(&t), Some(json!({"name": "Drukkerij Kennemer", "sector": "industrie", "accountHolderId": adviser})), None)
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let inside = app
        .api(
            "GET",
            &format!("/api/v1/employers/{id}"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(inside["accountHolderName"], "adviseur");
    let partner = app.token("partner@uitzend.nl").await;
    let outside = app
        .api(
            "GET",
            &format!("/api/v1/employers/{id}"),
            Some(&partner),
            None,
            None,
        )
        .await
        .json();
    assert!(
        outside["accountHolderName"].is_null() && outside["accountHolderId"].is_null(),
        "{outside}"
    );
    let list = app
        .api("GET", "/api/v1/employers", Some(&partner), None, None)
        .await
        .json();
    assert!(list["items"][0]["accountHolderName"].is_null());
    assert_eq!(list["items"][0]["name"], "Drukkerij Kennemer");
}
