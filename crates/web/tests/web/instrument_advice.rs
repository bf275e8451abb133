//! Instruments advice on a nomination, on both databases: the rules the administrator keeps
//! decide which instruments may apply, each with the facts it applies on, the condition and the
//! source; a rule for another municipality or target group does not show; a retired rule stops
//! advising; the advice is as private as the candidate.

use axum::http::StatusCode;
use serde_json::json;

use crate::common::*;

async fn created(app: &TestApp, token: &str, path: &str, body: serde_json::Value) -> i64 {
    let r = app.api("POST", path, Some(token), Some(body), None).await;
    assert!(r.status.is_success(), "{path}: {}", r.body);
    r.json()["id"].as_i64().unwrap()
}

async fn form(app: &TestApp, cookie: &str, path: &str, fields: &[(&str, &str)]) -> Reply {
    let csrf = app.csrf(cookie).await;
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    app.post_form(cookie, path, &all).await
}

#[tokio::test]
async fn an_adviser_sees_which_instruments_may_apply_and_why() {
    let app = TestApp::new().await;
    let consultant = app.token("consulent@ijmond.nl").await;
    let adviser = app.token("adviseur@ijmond.nl").await;
    let candidate = created(
        &app,
        &consultant,
        "/api/v1/candidates",
        candidate_json("Pwet", false),
    )
    .await;
    let employer = created(
        &app,
        &adviser,
        "/api/v1/employers",
        json!({"name": "Zorghuis", "sector": "zorg_welzijn"}),
    )
    .await;
    let vacancy = created(
        &app,
        &adviser,
        "/api/v1/vacancies",
        json!({"employerId": employer, "title": "Helpende", "status": "open"}),
    )
    .await;
    let nomination = created(
        &app,
        &adviser,
        "/api/v1/nominations",
        json!({"vacancyId": vacancy, "candidateId": candidate}),
    )
    .await;

    let admin = app.browser_session("beheer@spaarne.nl").await;
    let elsewhere = [
        ("instrument", "werkplekaanpassing"),
        ("municipalities", "GM0392"),
        ("condition", "Alleen in Haarlem"),
        ("source", "Beleidsregels Haarlem 2026"),
        ("validFrom", "2026-01-01"),
    ];
    assert_eq!(
        form(&app, &admin, "/beheer/instrumentregels", &elsewhere)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let care = [
        ("instrument", "praktijkroute"),
        ("targetGroups", "PWET, ww"),
        ("sectors", "zorg_welzijn"),
        ("condition", "Leren en werken in de zorg"),
        ("source", "Sectorplan zorg"),
        ("validFrom", "2026-01-01"),
    ];
    assert_eq!(
        form(&app, &admin, "/beheer/instrumentregels", &care)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let mut bad = care.to_vec();
    bad[2] = ("sectors", "ruimtevaart");
    let refused = form(&app, &admin, "/beheer/instrumentregels", &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);

    let cookie = app.browser_session("adviseur@ijmond.nl").await;
    let path = format!("/voordrachten/{nomination}/instrumenten");
    let nomination_page = app
        .get_page(&cookie, &format!("/voordrachten/{nomination}"))
        .await;
    assert!(
        nomination_page.body.contains(&path),
        "the nomination links to its advice"
    );
    let page = app.get_page(&cookie, &path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = &page.body;
    assert!(body.contains("Loonkostensubsidie") && body.contains("Participatiewet, artikel 10d"));
    assert!(
        body.contains("Praktijkroute")
            && body.contains("sector Zorg en Welzijn")
            && body.contains("Sectorplan zorg")
    );
    assert!(body.contains("SLIM-scholing") && body.contains("voor iedereen"));
    assert!(
        !body.contains("No-riskpolis"),
        "that rule is for other target groups"
    );
    assert!(
        !body.contains("Alleen in Haarlem"),
        "that rule is for another municipality"
    );

    let mut tx = app.ctx.store().begin().await.unwrap();
    let rule: i64 = tx
        .scalar(
            "SELECT id FROM instrument_rules WHERE instrument = 'loonkostensubsidie'",
            &[],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let rule = rule.to_string();
    let retired = form(
        &app,
        &admin,
        "/beheer/instrumentregels/intrekken",
        &[("rule", rule.as_str())],
    )
    .await;
    assert_eq!(retired.status, StatusCode::SEE_OTHER);
    assert!(!app
        .get_page(&cookie, &path)
        .await
        .body
        .contains("Loonkostensubsidie"));

    let outsider = app.browser_session("adviseur@spaarne.nl").await;
    assert_eq!(
        app.get_page(&outsider, &path).await.status,
        StatusCode::NOT_FOUND
    );
}
