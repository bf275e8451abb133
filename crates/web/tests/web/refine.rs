//! Refining "kandidaten zoeken": the ranking page by page (every candidate that passes the
//! filters can be reached, not only the first 25), narrowed to one target group or to the
//! adviser's own organisation, with the narrowing kept in the address; only the candidates
//! shown are logged.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::*;

use koppel_store::taxonomy::{self, Concept};
use serde_json::json;

const CARE: &str = "http://data.europa.eu/esco/skill/care-refine";

async fn logged(app: &TestApp) -> i64 {
    let mut tx = app.ctx.store().begin().await.unwrap();
    let n = tx
        .scalar(
            "SELECT COUNT(*) FROM processing_log WHERE name = 'matching.candidates'",
            &[],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    n
}

fn cards(html: &str) -> usize {
    html.matches("<li class=\"match\">").count()
}

/// An open vacancy in Haarlem asking for care, of a new employer; `extra` adds fields. Returns
/// its id.
async fn care_vacancy(app: &TestApp, adviser: &str, extra: serde_json::Value) -> serde_json::Value {
    let e = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(adviser),
            Some(json!({"name": "Zorg aan Zee", "sector": "handel"})),
            None,
        )
        .await
        .json()["id"]
        .clone();
    let mut body = json!({"employerId": e, "title": "Verzorgende", "status": "open", "postcode": "2011AB", "essentialSkills": [CARE]});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    let v = app
        .api("POST", "/api/v1/vacancies", Some(adviser), Some(body), None)
        .await;
    assert_eq!(v.status, 201, "{}", v.body);
    v.json()["id"].clone()
}

#[tokio::test]
async fn the_ranking_is_paged_and_narrowed_by_target_group_and_organisation() {
    let app = TestApp::new().await;
    let mut tx = app.ctx.store().begin().await.unwrap();
    let concept = Concept {
        uri: CARE.into(),
        kind: "skill".into(),
        label: "verzorgen".into(),
        isco_group: None,
    };
    taxonomy::upsert(&mut tx, &concept, "").await.unwrap();
    tx.commit().await.unwrap();
    let spaarne = app.token("consulent@spaarne.nl").await;
    let ijmond = app.token("consulent@ijmond.nl").await;
    for i in 0..30 {
        let (token, consent, group) = match i {
            0..=9 => (&spaarne, false, "pwet"),
            10..=26 => (&spaarne, false, "overig"),
            _ => (&ijmond, true, "overig"),
        };
        let mut c = candidate_json(&format!("Zorg{i}"), consent);
        c["skills"] = json!([CARE]);
        c["postcode"] = json!("2011AB");
        c["targetGroup"] = json!(group);
        if consent {
            c["consentScope"] = json!("wsp");
        }
        let r = app
            .api("POST", "/api/v1/candidates", Some(token), Some(c), None)
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let adviser = app.token("adviseur@spaarne.nl").await;
    let v = care_vacancy(&app, &adviser, json!({})).await;
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let base = format!("/vacatures/{v}/kandidaten");

    let before = logged(&app).await;
    let first = app.get_page(&cookie, &base).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert!(
        first.body.contains("30 kandidaten") && first.body.contains("pagina 1 van 2"),
        "{}",
        first.body
    );
    assert_eq!(cards(&first.body), 25);
    assert!(
        first.body.contains("rel=\"next\""),
        "a link to the next page"
    );
    assert_eq!(
        logged(&app).await - before,
        25,
        "only who is shown is logged"
    );
    let second = app.get_page(&cookie, &format!("{base}?pagina=2")).await;
    assert_eq!(cards(&second.body), 5, "the rest is on page 2");
    assert_eq!(logged(&app).await - before, 30);

    let pwet = app
        .get_page(&cookie, &format!("{base}?doelgroep=pwet"))
        .await;
    assert_eq!(cards(&pwet.body), 10);
    assert!(
        pwet.body.contains("<option value=\"pwet\" selected"),
        "the narrowing stays in the form"
    );
    let own = app.get_page(&cookie, &format!("{base}?eigen=on")).await;
    assert_eq!(cards(&own.body), 25);
    assert!(
        own.body.contains("27 kandidaten"),
        "IJmond's shared candidates left out"
    );
    let own_two = app
        .get_page(&cookie, &format!("{base}?eigen=on&pagina=2"))
        .await;
    assert_eq!(cards(&own_two.body), 2);
    assert!(!own_two.body.contains("IJmond Werkt!"), "{}", own_two.body);
    let both = app
        .get_page(&cookie, &format!("{base}?doelgroep=overig&pagina=1"))
        .await;
    assert!(
        both.body.contains("20 kandidaten"),
        "overig: 17 own and 3 shared"
    );
    let next =
        own.body.contains("eigen=on&#38;pagina=2") || own.body.contains("eigen=on&amp;pagina=2");
    assert!(next, "the next page keeps the narrowing: {}", own.body);

    // The API pages and narrows alike.
    let api = |q: &'static str| {
        let (app, adviser) = (&app, adviser.clone());
        let path = format!("/api/v1/vacancies/{v}/candidate-matches?{q}");
        async move {
            app.api("GET", &path, Some(&adviser), None, None)
                .await
                .json()
        }
    };
    assert_eq!(
        api("offset=25&k=25").await["results"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert_eq!(
        api("targetGroup=pwet").await["results"]
            .as_array()
            .unwrap()
            .len(),
        10
    );
    assert_eq!(api("ownOnly=true").await["passedFilters"], 27);
}

const POSTMAN: &str = "http://data.europa.eu/esco/occupation/post-refine";

/// Names on a page of cards, in order.
fn names(html: &str) -> Vec<String> {
    html.split("<li class=\"match\">")
        .skip(1)
        .filter_map(|card| {
            let title = card.split("</a>").next()?;
            Some(title.rsplit('>').next()?.trim().to_string())
        })
        .collect()
}

#[tokio::test]
async fn the_ranking_is_narrowed_by_distance_hours_data_and_occupation_and_sorted_by_distance() {
    let app = TestApp::new().await;
    let mut tx = app.ctx.store().begin().await.unwrap();
    for (uri, kind, label) in [
        (CARE, "skill", "verzorgen"),
        (POSTMAN, "occupation", "postbode"),
    ] {
        let concept = Concept {
            uri: uri.into(),
            kind: kind.into(),
            label: label.into(),
            isco_group: None,
        };
        taxonomy::upsert(&mut tx, &concept, "").await.unwrap();
    }
    tx.commit().await.unwrap();
    let consultant = app.token("consulent@spaarne.nl").await;
    // (name, postcode, hours, occupation): Haarlem 0 km, IJmuiden about 9, Amsterdam about 18,
    // and one whose place and hours are not known.
    for (name, postcode, hours, occupation) in [
        ("Dichtbij", Some("2011AB"), Some(32), Some(POSTMAN)),
        ("Kust", Some("1971AB"), Some(16), None),
        ("Stad", Some("1011AB"), Some(40), Some(POSTMAN)),
        ("Onbekend", None, None, None),
    ] {
        let mut c = candidate_json(name, false);
        c["skills"] = json!([CARE]);
        c["postcode"] = json!(postcode);
        c["hoursPerWeek"] = json!(hours);
        c["maxTravelKm"] = json!(30);
        c["desiredOccupationUri"] = json!(occupation);
        let r = app
            .api(
                "POST",
                "/api/v1/candidates",
                Some(&consultant),
                Some(c),
                None,
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let adviser = app.token("adviseur@spaarne.nl").await;
    let v = care_vacancy(
        &app,
        &adviser,
        json!({"title": "Bezorger", "occupationUri": POSTMAN}),
    )
    .await;
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let base = format!("/vacatures/{v}/kandidaten");
    let page = |q: &'static str| {
        let (app, cookie, base) = (&app, cookie.clone(), base.clone());
        async move { names(&app.get_page(&cookie, &format!("{base}?{q}")).await.body) }
    };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let all = page("").await;
    assert_eq!(all.len(), 4, "{all:?}");
    assert_eq!(
        sorted(page("afstand=10").await),
        ["Test Dichtbij", "Test Kust", "Test Onbekend"],
        "Amsterdam is too far; an unknown place stays"
    );
    assert_eq!(
        sorted(page("uren=30").await),
        ["Test Dichtbij", "Test Onbekend", "Test Stad"],
        "16 hours is too few; unknown hours stay"
    );
    assert_eq!(
        sorted(page("beroep=on").await),
        ["Test Dichtbij", "Test Stad"]
    );
    assert_eq!(
        page("sorteren=afstand").await,
        ["Test Dichtbij", "Test Kust", "Test Stad", "Test Onbekend"],
        "nearest first, an unknown distance last"
    );
    assert_eq!(
        page("afstand=abc").await.len(),
        4,
        "a typed word narrows nothing"
    );
    let form = app
        .get_page(&cookie, &format!("{base}?afstand=10&sorteren=afstand"))
        .await
        .body;
    assert!(form.contains("value=\"10\"") && form.contains("<option value=\"afstand\" selected"));
    assert!(
        form.contains("3 kandidaten"),
        "the count is the narrowed one"
    );
    assert!(form.contains("Het beroep van de vacature: postbode."));

    // The API narrows alike, by how much is known too, and refuses a distance out of range.
    let api = |q: String| {
        let (app, adviser) = (&app, adviser.clone());
        let path = format!("/api/v1/vacancies/{v}/candidate-matches?{q}");
        async move { app.api("GET", &path, Some(&adviser), None, None).await }
    };
    let near = api("maxDistanceKm=10&sort=distance".into()).await.json();
    assert_eq!(near["passedFilters"], 3);
    assert_eq!(near["results"][0]["name"], "Test Dichtbij");
    let whole = api(String::new()).await.json();
    let mut known: Vec<i64> = whole["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["confidence"].as_i64().unwrap())
        .collect();
    known.sort_unstable();
    let most = known[3];
    assert!(
        known[0] < most,
        "the four are not all as well known: {known:?}"
    );
    let best_known = api(format!("minKnown={most}")).await.json();
    let results = best_known["results"].as_array().unwrap();
    assert!(!results.is_empty() && results.len() < 4);
    assert!(results
        .iter()
        .all(|m| m["confidence"].as_i64().unwrap() >= most));
    let refused = api("maxDistanceKm=0".into()).await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert!(refused.body.contains("maxDistanceKm"));
}
