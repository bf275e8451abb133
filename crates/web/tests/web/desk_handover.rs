//! A referral to a WSP partner becomes a candidate through the existing path, on both databases:
//! the receiving consultant accepts it, starts the candidate form filled in from it, and the
//! referral then shows that the resident was registered; nobody else can start from it.

use axum::http::StatusCode;

use crate::common::*;
use crate::desk::{count, desk_region, location_of, post};

#[tokio::test]
async fn an_accepted_referral_to_a_wsp_partner_becomes_a_candidate() {
    let app = TestApp::new().await;
    desk_region(&app).await;
    let gids = app.browser_session("gids@werkcentrum.nl").await;
    let visit = [
        ("channel", "phone"),
        ("question", "werken"),
        ("asker", "resident"),
        ("name", "Ahmed Yilmaz"),
        ("birthDate", "1988-04-12"),
        ("phone", "0611223344"),
        ("consent", "on"),
    ];
    let resident = location_of(&post(&app, &gids, "/werkcentrum/gesprekken", &visit).await);
    let ijmond = count(
        &app,
        "SELECT id FROM organisations WHERE name = 'IJmond Werkt!'",
    )
    .await;
    let to = ijmond.to_string();
    let fields = [("toOrgId", to.as_str()), ("note", "Zoekt werk als lasser")];
    let referral = location_of(
        &post(
            &app,
            &gids,
            &format!("{resident}/doorverwijzingen"),
            &fields,
        )
        .await,
    );
    let id = referral.rsplit('/').next().unwrap().to_string();
    let start = format!("/kandidaten/nieuw?doorverwijzing={id}");

    let consultant = app.browser_session("consulent@ijmond.nl").await;
    assert_eq!(
        app.get_page(&consultant, &start).await.status,
        StatusCode::NOT_FOUND,
        "not before it is accepted"
    );
    post(
        &app,
        &consultant,
        &format!("{referral}/aannemen"),
        &[("version", "1")],
    )
    .await;
    let detail = app.get_page(&consultant, &referral).await;
    assert!(detail.body.contains(&start));
    let form = app.get_page(&consultant, &start).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("value=\"Ahmed\"")
            && form.body.contains("value=\"Yilmaz\"")
            && form.body.contains("Zoekt werk als lasser")
    );
    let elsewhere = app.browser_session("consulent@spaarne.nl").await;
    assert_eq!(
        app.get_page(&elsewhere, &start).await.status,
        StatusCode::NOT_FOUND
    );

    let candidate = [
        ("firstName", "Ahmed"),
        ("lastName", "Yilmaz"),
        ("phone", "0611223344"),
        ("targetGroup", "ww"),
        ("postcode", "1971AB"),
    ];
    let created = post(
        &app,
        &consultant,
        &format!("/kandidaten?doorverwijzing={id}"),
        &candidate,
    )
    .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let page = location_of(&created);
    let linked = app.get_page(&consultant, &referral).await;
    assert!(
        linked.body.contains(&page)
            && linked
                .body
                .contains("ingeschreven als kandidaat bij IJmond Werkt!")
    );
    let seen = app.get_page(&gids, &referral).await;
    assert!(
        seen.body
            .contains("ingeschreven als kandidaat bij IJmond Werkt!")
            && !seen.body.contains(&page)
    );
    assert_eq!(
        app.get_page(&consultant, &start).await.status,
        StatusCode::NOT_FOUND,
        "registered once"
    );
}
