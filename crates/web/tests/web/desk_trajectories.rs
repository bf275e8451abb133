//! Trajectories the Werkcentrum pays for, through the UI on both databases: nothing is booked
//! without a budget, a booking that leaves the budget nearly used warns, one that does not fit
//! is refused with what is left, and the outcome is recorded with its end date.

use axum::http::StatusCode;

use crate::common::*;
use crate::desk::{count, desk_region, location_of, post};

#[tokio::test]
async fn a_trajectory_is_booked_against_the_budget_and_an_overrun_is_refused() {
    let app = TestApp::new().await;
    desk_region(&app).await;
    let gids = app.browser_session("gids@werkcentrum.nl").await;
    let visit = [
        ("channel", "phone"),
        ("question", "leren"),
        ("asker", "resident"),
        ("name", "Sara Bos"),
        ("birthDate", "1995-07-01"),
        ("consent", "on"),
    ];
    let saved = post(&app, &gids, "/werkcentrum/gesprekken", &visit).await;
    let resident = location_of(&saved);
    let book = format!("{resident}/trajecten");
    let course = |cost: &'static str| {
        [
            ("kind", "opleiding"),
            ("provider", "ROC Nova"),
            ("startDate", "2026-03-01"),
            ("cost", cost),
        ]
    };

    let without = post(&app, &gids, &book, &course("8000")).await;
    assert_eq!(without.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(without
        .body
        .contains("Er is voor opleiding in 2026 geen budget vastgesteld"));

    let consultant = app.browser_session("consulent@uwv.nl").await;
    let budget = [("year", "2026"), ("kind", "opleiding"), ("amount", "10000")];
    let refused = post(&app, &consultant, "/werkcentrum/budget", &budget).await;
    assert_eq!(
        refused.status,
        StatusCode::FORBIDDEN,
        "only a manager sets budgets"
    );
    let manager = app.browser_session("manager@werkcentrum.nl").await;
    let set = post(&app, &manager, "/werkcentrum/budget", &budget).await;
    assert_eq!(set.status, StatusCode::SEE_OTHER, "{}", set.body);
    let page = app.get_page(&gids, "/werkcentrum/budget?jaar=2026").await;
    assert!(page.body.contains("€ 10.000,00"), "{}", page.body);

    let first = post(&app, &gids, &book, &course("8000")).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    assert!(
        !location_of(&first).contains("budget="),
        "80% does not warn"
    );
    let second = post(&app, &gids, &book, &course("1500,00")).await;
    let warned = location_of(&second);
    assert!(warned.ends_with("?budget=95"), "{warned}");
    let shown = app.get_page(&gids, &warned).await;
    assert!(shown
        .body
        .contains("Let op: 95% van het budget opleiding 2026 is nu vastgelegd"));

    let over = post(&app, &gids, &book, &course("600")).await;
    assert_eq!(over.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        over.body.contains("er is nog € 500,00 beschikbaar"),
        "{}",
        over.body
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM trajectories").await,
        2,
        "the overrun stored nothing"
    );

    // The outcome: an ended trajectory needs its end date.
    let trajectory = warned.split('?').next().unwrap().to_string();
    let no_end = post(
        &app,
        &gids,
        &trajectory,
        &[("version", "1"), ("outcome", "in_work")],
    )
    .await;
    assert_eq!(no_end.status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = [
        ("version", "1"),
        ("outcome", "in_work"),
        ("endDate", "2026-06-30"),
        ("spent", "1450"),
    ];
    assert_eq!(
        post(&app, &gids, &trajectory, &done).await.status,
        StatusCode::SEE_OTHER
    );
    let after = app.get_page(&gids, &trajectory).await;
    assert!(after.body.contains("Aan het werk") && after.body.contains("€ 1.450,00"));
    let page = app.get_page(&gids, "/werkcentrum/budget?jaar=2026").await;
    assert!(page.body.contains("€ 9.500,00") && page.body.contains("95%"));

    let elsewhere = app.browser_session("gids@zuid.nl").await;
    assert_eq!(
        app.get_page(&elsewhere, &trajectory).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        post(&app, &elsewhere, &book, &course("1")).await.status,
        StatusCode::NOT_FOUND
    );
}
