//! The browser side: login, wrong passwords, throttling, CSRF, the audit log, and the rendered pages.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#[path = "ui_auth/accounts.rs"]
mod accounts;
use crate::common;

use axum::http::StatusCode;
use common::*;
use koppel_store::logs;

async fn audit_actions(app: &TestApp) -> Vec<(String, String, String)> {
    let mut tx = app.ctx.store().begin().await.unwrap();
    let recs = logs::recent_audit(&mut tx, 100).await.unwrap();
    recs.into_iter()
        .map(|r| (r.action, r.object, r.result))
        .collect()
}
#[tokio::test]
async fn login_wrong_password_and_throttling_are_audited() {
    let app = TestApp::new().await;
    let (bad, _) = app
        .login("adviseur@spaarne.nl", "verkeerd-wachtwoord")
        .await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert!(bad.body.contains("Onjuist e-mailadres of wachtwoord"));
    assert!(
        bad.body.contains("value=\"adviseur@spaarne.nl\""),
        "the form keeps the e-mail address"
    );
    let (good, cookie) = app.login("adviseur@spaarne.nl", PASSWORD).await;
    assert_eq!(good.status, StatusCode::SEE_OTHER);
    let set_cookie = good
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"));
    let start = app.get_page(&cookie, "/").await;
    assert_eq!(start.status, StatusCode::OK);
    assert!(start.body.contains("Goedendag"));

    for _ in 0..5 {
        app.login("consulent@ijmond.nl", "fout").await;
    }
    let (blocked, _) = app.login("consulent@ijmond.nl", PASSWORD).await;
    assert_eq!(
        blocked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the right password is refused while throttled"
    );
    let actions = audit_actions(&app).await;
    let count = |object: &str, result: &str| {
        actions
            .iter()
            .filter(|(a, o, r)| a == "login" && o == object && r == result)
            .count()
    };
    assert_eq!(
        (
            count("adviseur@spaarne.nl", "failure"),
            count("adviseur@spaarne.nl", "success")
        ),
        (1, 1)
    );
    assert_eq!(
        (
            count("consulent@ijmond.nl", "failure"),
            count("consulent@ijmond.nl", "denied")
        ),
        (5, 1)
    );
}

#[tokio::test]
async fn pages_need_a_session_and_forms_need_the_csrf_token() {
    let app = TestApp::new().await;
    let anonymous = app.get_page("", "/werkgevers").await;
    assert_eq!(
        (
            anonymous.status,
            anonymous.headers.get("location").unwrap().to_str().unwrap()
        ),
        (StatusCode::SEE_OTHER, "/login")
    );
    let login_without_token = app
        .post_form(
            "",
            "/login",
            &[("email", "adviseur@spaarne.nl"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(login_without_token.status, StatusCode::FORBIDDEN);
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let forged = app
        .post_form(
            &cookie,
            "/werkgevers",
            &[("csrf", "vals"), ("name", "Nep B.V."), ("sector", "ict")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(
        forged.body.contains("Geen toegang") && forged.body.contains("action=\"/afmelden\""),
        "a refused form shows the Dutch error page with the menu of the session"
    );
    let missing = app.get_page(&cookie, "/werkgevers/999999").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(
        missing.body.contains("Niet gevonden") && missing.body.contains("action=\"/afmelden\""),
        "an error of a use case shows the menu too"
    );
    let none = app
        .post_form(
            &cookie,
            "/werkgevers",
            &[("name", "Nep B.V."), ("sector", "ict")],
        )
        .await;
    assert_eq!(none.status, StatusCode::FORBIDDEN);
    let list = app.get_page(&cookie, "/werkgevers?q=Nep").await;
    assert!(
        list.body.contains("0 resultaten"),
        "nothing was created without a valid token"
    );
    let csrf = app.csrf(&cookie).await;
    let out = app
        .post_form(&cookie, "/afmelden", &[("csrf", &csrf)])
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get_page(&cookie, "/").await.status,
        StatusCode::SEE_OTHER,
        "the session ended"
    );
}

#[tokio::test]
async fn employer_forms_keep_input_show_dutch_errors_and_save() {
    let app = TestApp::new().await;
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let csrf = app.csrf(&cookie).await;
    let form = app.get_page(&cookie, "/werkgevers/nieuw").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Nieuwe werkgever") && form.body.contains("for=\"kvkNumber\">"));
    let bad = app
        .post_form(
            &cookie,
            "/werkgevers",
            &[
                ("csrf", &csrf),
                ("name", "Kwekerij Duinrand"),
                ("kvkNumber", "12ab"),
                ("sector", "groen"),
                ("postcode", "99999"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad
        .body
        .contains("Een KvK-nummer bestaat uit precies 8 cijfers."));
    assert!(bad.body.contains("Vul een postcode in als 1234 AB."));
    assert!(
        bad.body.contains("value=\"Kwekerij Duinrand\"") && bad.body.contains("value=\"12ab\""),
        "typed values are kept"
    );
    let ok = app
        .post_form(
            &cookie,
            "/werkgevers",
            &[
                ("csrf", &csrf),
                ("name", "Kwekerij Duinrand"),
                ("kvkNumber", "87654321"),
                ("sector", "groen"),
                ("postcode", "2061 ab"),
                ("strategic", "on"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let href = ok
        .headers
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let page = app.get_page(&cookie, &href).await;
    assert!(
        page.body.contains("Kwekerij Duinrand")
            && page.body.contains("87654321")
            && page.body.contains("2061AB")
    );
    let edit = app.get_page(&cookie, &format!("{href}/bewerken")).await;
    let version = hidden(&edit.body, "version");
    assert_eq!(version, "1");
    let saved = app
        .post_form(
            &cookie,
            &href,
            &[
                ("csrf", &csrf),
                ("version", "1"),
                ("name", "Kwekerij Duinrand Groep"),
                ("sector", "groen"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let stale = app
        .post_form(
            &cookie,
            &href,
            &[
                ("csrf", &csrf),
                ("version", "1"),
                ("name", "Oude versie"),
                ("sector", "groen"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(
        stale.body.contains("intussen gewijzigd")
            && stale.body.contains("value=\"Oude versie\"")
            && stale.body.contains("Bekijk de wijziging van de ander")
    );
    let list = app
        .get_page(&cookie, "/werkgevers?q=duinrand&cluster=techniek")
        .await;
    assert!(list.body.contains("Kwekerij Duinrand Groep") && list.body.contains("1 resultaten"));
    let other_cluster = app
        .get_page(&cookie, "/werkgevers?q=duinrand&cluster=zorg_welzijn")
        .await;
    assert!(other_cluster.body.contains("0 resultaten"));
    let actions = audit_actions(&app).await;
    assert!(actions
        .iter()
        .any(|(a, _, r)| a == "employer.create" && r == "success"));
    assert!(actions
        .iter()
        .any(|(a, _, r)| a == "employer.update" && r == "success"));
}

#[tokio::test]
async fn candidate_and_vacancy_pages_render_for_their_users() {
    let app = TestApp::new().await;
    let consultant = app.browser_session("consulent@spaarne.nl").await;
    let csrf = app.csrf(&consultant).await;
    let created = app
        .post_form(
            &consultant,
            "/kandidaten",
            &[
                ("csrf", &csrf),
                ("firstName", "Sanne"),
                ("lastName", "Visser"),
                ("targetGroup", "ww"),
                ("workReady", "on"),
                ("postcode", "2011AB"),
                ("languages", "nld:4, eng:3"),
                ("drivingLicences", "B"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let href = created
        .headers
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let page = app.get_page(&consultant, &href).await;
    assert!(
        page.body.contains("Sanne Visser")
            && page.body.contains("WW")
            && page.body.contains("Nederlands uitstekend, Engels goed")
            && page.body.contains("Voordrachten")
    );
    let missing_consent_date = app
        .post_form(
            &consultant,
            "/kandidaten",
            &[
                ("csrf", &csrf),
                ("firstName", "A"),
                ("lastName", "B"),
                ("targetGroup", "ww"),
                ("consentWsp", "on"),
            ],
        )
        .await;
    assert!(missing_consent_date
        .body
        .contains("Vul de datum van de toestemming in."));
    let list = app
        .get_page(&consultant, "/kandidaten?targetGroup=ww")
        .await;
    assert!(list.body.contains("Sanne Visser"));

    let adviser = app.browser_session("adviseur@spaarne.nl").await;
    let t = app.token("adviseur@spaarne.nl").await;
    let e = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(serde_json::json!({"name": "Zorggroep Lindenhof", "sector": "zorg_welzijn"})),
            None,
        )
        .await
        .json();
    let csrf = app.csrf(&adviser).await;
    let v = app
        .post_form(
            &adviser,
            "/vacatures",
            &[
                ("csrf", &csrf),
                ("employerId", &e["id"].to_string()),
                ("title", "Helpende zorg"),
                ("status", "open"),
                ("hoursPerWeek", "28"),
            ],
        )
        .await;
    assert_eq!(v.status, StatusCode::SEE_OTHER, "{}", v.body);
    let vpage = app
        .get_page(
            &adviser,
            v.headers.get("location").unwrap().to_str().unwrap(),
        )
        .await;
    assert!(
        vpage.body.contains("Helpende zorg")
            && vpage.body.contains("Zorggroep Lindenhof")
            && vpage.body.contains("28")
    );
    let vlist = app
        .get_page(&adviser, "/vacatures?status=open&cluster=zorg_welzijn")
        .await;
    assert!(vlist.body.contains("Helpende zorg"));

    let partner = app.browser_session("partner@uitzend.nl").await;
    let start = app.get_page(&partner, "/").await;
    assert!(
        !start.body.contains("href=\"/kandidaten\""),
        "partners get no candidate menu"
    );
    assert_eq!(
        app.get_page(&partner, "/kandidaten").await.status,
        StatusCode::FORBIDDEN
    );
    let employer_page = app
        .get_page(&partner, &format!("/werkgevers/{}", e["id"]))
        .await;
    assert!(
        employer_page.body.contains("Zorggroep Lindenhof")
            && !employer_page.body.contains("Contactpersonen")
    );
}
