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
    let e = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&adviser),
            Some(json!({"name": "Zorg aan Zee", "sector": "handel"})),
            None,
        )
        .await
        .json()["id"]
        .clone();
    let v = app
        .api("POST", "/api/v1/vacancies", Some(&adviser), Some(json!({"employerId": e, "title": "Verzorgende", "status": "open", "postcode": "2011AB", "essentialSkills": [CARE]})), None)
        .await
        .json()["id"]
        .clone();
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let base = format!("/vacatures/{v}/kandidaten");

    let before = logged(&app).await;
    let first = app.get_page(&cookie, &base).await;
    assert_eq!(first.status, 200);
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
