//! The figures in the browser: the factsheet page with its filters and downloads, targets set by
//! managers only, Dutch errors for a bad period, and partners getting suppressed figures only.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

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
        "<td class=\"num\">140</td>",
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
