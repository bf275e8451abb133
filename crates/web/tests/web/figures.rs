//! The figures in the browser: the factsheet page with its filters and downloads, targets set by
//! managers only, Dutch errors for a bad period, and partners getting suppressed figures only.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{hidden, TestApp};

#[tokio::test]
async fn managers_set_targets_and_see_them_in_the_factsheet() {
    let app = TestApp::new().await;
    let manager = app.browser_session("manager@spaarne.nl").await;
    let page = app.get_page(&manager, "/cijfers/doelen?jaar=2025").await;
    assert_eq!(page.status, 200);
    let csrf = hidden(&page.body, "csrf");
    let saved = app
        .post_form(
            &manager,
            "/cijfers/doelen?jaar=2025&voor=region",
            &[
                ("csrf", &csrf),
                ("doel_ww", "140"),
                ("doel_wajong", "25"),
                ("doel_wia", ""),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let page = app
        .get_page(&manager, "/cijfers/doelen?jaar=2025&opgeslagen=1")
        .await;
    assert!(
        page.body
            .contains(r#"name="doel_ww" inputmode="numeric" value="140""#),
        "{}",
        page.body
    );

    // Two managers opened the form; one changes WW, the other Wajong: both changes stay.
    let shown = [("was_ww", "140"), ("was_wajong", "25")];
    let post = |fields: Vec<(&'static str, &'static str)>| {
        let mut all: Vec<(String, String)> = vec![("csrf".into(), csrf.clone())];
        all.extend(
            shown
                .iter()
                .chain(&fields)
                .map(|(k, v)| (k.to_string(), v.to_string())),
        );
        let app = &app;
        let manager = manager.clone();
        async move {
            let refs: Vec<(&str, &str)> =
                all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.post_form(&manager, "/cijfers/doelen?jaar=2025&voor=region", &refs)
                .await
        }
    };
    let first = post(vec![("doel_ww", "150"), ("doel_wajong", "25")]).await;
    assert_eq!(first.status, 303);
    let second = post(vec![("doel_ww", "140"), ("doel_wajong", "30")]).await;
    assert_eq!(
        second.status, 303,
        "a change to another group is no conflict"
    );
    let page = app.get_page(&manager, "/cijfers/doelen?jaar=2025").await;
    assert!(page
        .body
        .contains(r#"name="doel_ww" inputmode="numeric" value="150""#));
    assert!(page
        .body
        .contains(r#"name="doel_wajong" inputmode="numeric" value="30""#));
    // A third, who also changes WW from the 140 they saw, would undo the first: refused.
    let third = post(vec![("doel_ww", "160"), ("doel_wajong", "25")]).await;
    assert_eq!(third.status, 409);
    assert!(third.body.contains("Er is niets opgeslagen"));
    assert!(third
        .body
        .contains(r#"name="doel_ww" inputmode="numeric" value="150""#));

    let bad = app
        .post_form(
            &manager,
            "/cijfers/doelen?jaar=2025&voor=region",
            &[("csrf", &csrf), ("doel_ww", "veel")],
        )
        .await;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("geen geheel getal") && bad.body.contains(r#"value="veel""#));

    let sheet = app
        .get_page(&manager, "/cijfers?van=2025-01-01&tot=2025-06-30")
        .await;
    assert_eq!(sheet.status, 200);
    for text in [
        "Plaatsingen tegen het doel",
        "geen gegevens",
        "Jaardoel",
        "geen doel",
        "<td class=\"num\">150</td>",
    ] {
        assert!(sheet.body.contains(text), "{text} missing");
    }
    let start = app.get_page(&manager, "/").await;
    assert!(start.body.contains("Kerncijfers van de regio"));

    let adviser = app.browser_session("adviseur@spaarne.nl").await;
    let csrf = app.csrf(&adviser).await;
    let refused = app
        .post_form(
            &adviser,
            "/cijfers/doelen?jaar=2025&voor=region",
            &[("csrf", &csrf), ("doel_ww", "1")],
        )
        .await;
    assert_eq!(refused.status, 403);
    let own = app.get_page(&adviser, "/").await;
    assert!(own.body.contains("Uw cijfers") && own.body.contains("Voordrachten door u gedaan"));
}

#[tokio::test]
async fn a_bad_period_is_explained_in_dutch() {
    let app = TestApp::new().await;
    let manager = app.browser_session("manager@spaarne.nl").await;
    let reversed = app
        .get_page(&manager, "/cijfers?van=2025-06-30&tot=2025-01-01")
        .await;
    assert_eq!(reversed.status, 400);
    assert!(reversed.body.contains("De periode eindigt vóór het begin."));
    let wrong = app
        .get_page(&manager, "/cijfers?van=30-06-2025&tot=2025-07-01")
        .await;
    assert_eq!(wrong.status, 400);
    assert!(wrong.body.contains("is geen datum; schrijf jjjj-mm-dd"));
}

#[tokio::test]
async fn downloads_are_suppressed_and_partners_see_aggregates_only() {
    let app = TestApp::new().await;
    let partner = app.browser_session("partner@uitzend.nl").await;
    let page = app
        .get_page(&partner, "/cijfers?van=2025-01-01&tot=2025-12-31")
        .await;
    assert_eq!(page.status, 200);
    assert!(
        !page.body.contains("per medewerker"),
        "partners never see figures per adviser"
    );
    assert!(page.body.contains("Aantallen van 1 tot 5 zijn verborgen"));
    let json = app
        .get_page(
            &partner,
            "/cijfers/download?van=2025-01-01&tot=2025-12-31&formaat=json",
        )
        .await;
    assert_eq!(json.status, 200);
    let v: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(v["suppressedBelow"], 5);
    assert!(v["placementsByAdviser"].is_null());
    let csv = app
        .get_page(&partner, "/cijfers/download?van=2025-01-01&tot=2025-12-31&formaat=csv&tabel=plaatsingen-doelgroep")
        .await;
    assert_eq!(csv.status, 200);
    assert!(
        csv.body.starts_with("Doelgroep,Plaatsingen,Doel periode"),
        "{}",
        csv.body
    );
    let pdf = app
        .get_page(
            &partner,
            "/cijfers/download?van=2025-01-01&tot=2025-12-31&formaat=pdf",
        )
        .await;
    assert_eq!(pdf.status, 200);
    assert!(pdf.body.starts_with("%PDF"));
    let manager = app.browser_session("manager@spaarne.nl").await;
    let internal = app
        .get_page(&manager, "/cijfers?van=2025-01-01&tot=2025-12-31")
        .await;
    assert!(internal.body.contains("per medewerker (intern)"));
    let partner_targets = app.get_page(&partner, "/cijfers/doelen?jaar=2025").await;
    assert!(partner_targets.body.contains("readonly") && !partner_targets.body.contains("Opslaan"));
}

#[tokio::test]
async fn the_api_gives_figures_and_takes_targets() {
    let app = TestApp::new().await;
    let manager = app.token("manager@spaarne.nl").await;
    let empty = app
        .api(
            "GET",
            "/api/v1/targets?year=2025",
            Some(&manager),
            None,
            None,
        )
        .await;
    let read = empty.headers["etag"].to_str().unwrap().to_string();
    let body = serde_json::json!({"scopeKind": "region", "targets": [{"targetGroup": "ww", "value": 140}, {"targetGroup": "pwet", "value": 120}]});
    let missing = app
        .api(
            "PUT",
            "/api/v1/targets/2025",
            Some(&manager),
            Some(body.clone()),
            None,
        )
        .await;
    assert_eq!(missing.status, 428, "If-Match is required");
    let put = app
        .api(
            "PUT",
            "/api/v1/targets/2025",
            Some(&manager),
            Some(body),
            Some(&read),
        )
        .await;
    assert_eq!(put.status, 200, "{}", put.body);
    assert_eq!(put.json().as_array().unwrap().len(), 2);
    let now = put.headers["etag"].to_str().unwrap().to_string();
    assert_ne!(now, read);
    // A second manager who read the year before that change cannot silently undo it.
    let stale = app
        .api(
            "PUT",
            "/api/v1/targets/2025",
            Some(&manager),
            Some(serde_json::json!({"scopeKind": "region", "targets": [{"targetGroup": "wajong", "value": 25}]})),
            Some(&read),
        )
        .await;
    assert_eq!(stale.status, 412);
    let bad = app
        .api(
            "PUT",
            "/api/v1/targets/2025",
            Some(&manager),
            Some(serde_json::json!({"scopeKind": "cluster", "scopeValue": "ruimtevaart", "targets": [{"targetGroup": "nope", "value": -1}]})),
            Some(&now),
        )
        .await;
    assert_eq!(bad.status, 400);
    let names: Vec<String> = common::invalid_names(&bad);
    assert!(
        names.contains(&"scope".to_string()) && names.contains(&"targets.nope".to_string()),
        "{names:?}"
    );
    let listed = app
        .api(
            "GET",
            "/api/v1/targets?year=2025",
            Some(&manager),
            None,
            None,
        )
        .await;
    assert_eq!(
        listed.json().as_array().unwrap().len(),
        2,
        "nothing of the refused change was saved"
    );

    let adviser = app.token("adviseur@spaarne.nl").await;
    let refused = app
        .api(
            "PUT",
            "/api/v1/targets/2025",
            Some(&adviser),
            Some(serde_json::json!({"scopeKind": "region", "targets": []})),
            None,
        )
        .await;
    assert_eq!(refused.status, 403);

    let sheet = app
        .api(
            "GET",
            "/api/v1/figures/factsheet?from=2025-01-01&to=2025-06-30",
            Some(&manager),
            None,
            None,
        )
        .await;
    assert_eq!(sheet.status, 200, "{}", sheet.body);
    let v = sheet.json();
    assert_eq!(v["hasData"], false);
    assert!(v["suppressedBelow"].is_null());
    let ww = v["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["targetGroup"] == "ww")
        .unwrap();
    assert_eq!(ww["yearly"], 140);
    assert_eq!(ww["forPeriod"], 69);

    let partner = app.token("partner@uitzend.nl").await;
    let p = app
        .api(
            "GET",
            "/api/v1/figures/factsheet?from=2025-01-01&to=2025-06-30",
            Some(&partner),
            None,
            None,
        )
        .await;
    assert_eq!(p.json()["suppressedBelow"], 5);
    let reversed = app
        .api(
            "GET",
            "/api/v1/figures/factsheet?from=2025-06-30&to=2025-01-01&cluster=x",
            Some(&manager),
            None,
            None,
        )
        .await;
    assert_eq!(reversed.status, 400);
    assert_eq!(reversed.headers["content-type"], "application/problem+json");
    let names = common::invalid_names(&reversed);
    assert!(
        names.contains(&"to".to_string()) && names.contains(&"cluster".to_string()),
        "{names:?}"
    );
}

#[tokio::test]
async fn administrators_keep_the_municipalities_and_subregions() {
    let app = TestApp::new().await;
    let admin = app.browser_session("beheer@spaarne.nl").await;
    let page = app.get_page(&admin, "/beheer/gemeenten").await;
    assert_eq!(page.status, 200);
    let csrf = hidden(&page.body, "csrf");
    let saved = app
        .post_form(
            &admin,
            "/beheer/gemeenten",
            &[
                ("csrf", &csrf),
                ("code", "0453"),
                ("name", "Velsen"),
                ("subregion", "IJmond"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let bad = app
        .post_form(
            &admin,
            "/beheer/gemeenten",
            &[("csrf", &csrf), ("code", "Velsen"), ("name", "")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(
        bad.body.contains("GM gevolgd door 4 cijfers")
            && bad.body.contains("Geef de naam van de gemeente.")
    );
    let list = app.get_page(&admin, "/beheer/gemeenten").await;
    assert!(list.body.contains("GM0453") && list.body.contains("IJmond"));
    let manager = app.browser_session("manager@spaarne.nl").await;
    let sheet = app
        .get_page(&manager, "/cijfers?van=2025-01-01&tot=2025-06-30")
        .await;
    assert!(
        sheet.body.contains(r#"<option value="IJmond""#),
        "the subregion can be chosen in the figures"
    );
    assert_eq!(
        app.get_page(&manager, "/beheer/gemeenten").await.status,
        403
    );
}
