//! Residents' requests through the public form, on both databases: robots, missing contact
//! details and floods are refused; a gids sees the request and handles it once.

use axum::http::StatusCode;

use crate::common::*;
use crate::desk::{add_location, count, desk_region, post};

#[tokio::test]
async fn a_resident_asks_for_an_appointment_and_a_gids_handles_it() {
    let app = TestApp::new().await;
    desk_region(&app).await;
    let location = add_location(&app).await;
    let page = app.get_page("", "/spreekuren/verzoek").await;
    assert!(
        page.status == StatusCode::OK && page.body.contains("Werkcentrum Beverwijk (Beverwijk)")
    );
    let token = koppel_app::public_form::form_token(
        &app.ctx,
        chrono::Utc::now() - chrono::Duration::seconds(30),
    );
    let fields = vec![
        ("kind", "appointment"),
        ("question", "loopbaan"),
        ("locationId", location.as_str()),
        ("name", "Jan de Wit"),
        ("phone", "0687654321"),
        (
            "message",
            "Ik wil iets anders gaan doen na twintig jaar in de bouw.",
        ),
        ("token", token.as_str()),
    ];
    let mut robot = fields.clone();
    robot.push(("website", "http://spam.example"));
    assert_eq!(
        app.post_form("", "/spreekuren/verzoek", &robot)
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let mut no_contact = fields.clone();
    no_contact.retain(|(k, _)| *k != "phone");
    let bad = app.post_form("", "/spreekuren/verzoek", &no_contact).await;
    assert!(
        bad.status == StatusCode::UNPROCESSABLE_ENTITY
            && bad
                .body
                .contains("Vul een telefoonnummer of e-mailadres in")
    );
    assert!(
        bad.body.contains("value=\"Jan de Wit\""),
        "what was typed stays"
    );
    let ok = app.post_form("", "/spreekuren/verzoek", &fields).await;
    assert!(
        ok.status == StatusCode::OK && ok.body.contains("Bedankt, uw verzoek is ontvangen"),
        "{}",
        ok.body
    );

    let gids = app.browser_session("gids@werkcentrum.nl").await;
    let desk = app.get_page(&gids, "/werkcentrum").await;
    assert!(desk.body.contains("Jan de Wit") && desk.body.contains("wacht"));
    let id = count(&app, "SELECT id FROM desk_requests").await;
    let detail = app
        .get_page(&gids, &format!("/werkcentrum/verzoeken/{id}"))
        .await;
    assert!(detail.body.contains("twintig jaar in de bouw") && detail.body.contains("0687654321"));
    let path = format!("/werkcentrum/verzoeken/{id}/afgehandeld");
    assert_eq!(
        post(&app, &gids, &path, &[("version", "1")]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        post(&app, &gids, &path, &[("version", "2")]).await.status,
        StatusCode::CONFLICT
    );
    assert!(app
        .get_page(&gids, "/werkcentrum")
        .await
        .body
        .contains("afgehandeld door gids"));

    // A flood from one address is refused after the hourly limit.
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(
            app.post_form("", "/spreekuren/verzoek", &fields)
                .await
                .status,
        );
    }
    assert_eq!(
        statuses.last(),
        Some(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    // The robot's refusal counts towards the limit of five too: four are stored, the rest refused.
    assert_eq!(count(&app, "SELECT COUNT(*) FROM desk_requests").await, 4);
}
