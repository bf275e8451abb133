//! Accounts: throttling without lock-out, the idle timeout, API tokens with expiry and scope, user
//! administration and the second factor.

use super::audit_actions;
use crate::common::*;
use axum::http::StatusCode;

/// Finding 6 of the security review: throttling was per account only, so spraying was unlimited and
/// anyone could lock any account.
#[tokio::test]
async fn throttling_stops_spraying_but_never_locks_the_owner_out() {
    use koppel_app::{auth, AppError, Meta};
    let app = TestApp::new().await;
    let from = |origin: &str| Meta {
        origin: origin.into(),
        trace_id: "t".into(),
    };
    let attacker = from("203.0.113.66");
    for _ in 0..5 {
        let r = auth::login(&app.ctx, "consulent@ijmond.nl", "fout", &attacker).await;
        assert!(matches!(r, Err(AppError::Unauthenticated)));
    }
    assert!(matches!(
        auth::login(&app.ctx, "consulent@ijmond.nl", PASSWORD, &attacker).await,
        Err(AppError::Throttled)
    ));
    let owner = from("192.0.2.10");
    assert!(
        auth::login(&app.ctx, "consulent@ijmond.nl", PASSWORD, &owner)
            .await
            .is_ok(),
        "the owner, elsewhere, still gets in (after a short delay)"
    );

    let sprayer = from("198.51.100.7");
    let accounts = [
        "adviseur@spaarne.nl",
        "consulent@spaarne.nl",
        "manager@spaarne.nl",
        "niemand@spaarne.nl",
    ];
    for i in 0..20 {
        let r = auth::login(&app.ctx, accounts[i % 4], "Welkom2026!", &sprayer).await;
        assert!(matches!(r, Err(AppError::Unauthenticated)), "attempt {i}");
    }
    assert!(
        matches!(
            auth::login(&app.ctx, "beheer@spaarne.nl", PASSWORD, &sprayer).await,
            Err(AppError::Throttled)
        ),
        "an address that sprays is refused for every account"
    );
    assert!(auth::login(&app.ctx, "beheer@spaarne.nl", PASSWORD, &owner)
        .await
        .is_ok());
}

#[tokio::test]
async fn an_idle_session_ends() {
    let app = TestApp::new().await;
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    assert_eq!(app.get_page(&cookie, "/").await.status, StatusCode::OK);
    let mut tx = app.ctx.store().begin().await.unwrap();
    let (ends,): (chrono::DateTime<chrono::Utc>,) = tx
        .fetch_one("SELECT expires_at FROM sessions", &[])
        .await
        .unwrap();
    let idle = chrono::Duration::minutes(app.ctx.settings.session_idle_minutes);
    assert!(
        ends <= chrono::Utc::now() + idle,
        "the session ends after the idle time, not after a working day: {ends}"
    );
    // As if the last request was 31 minutes ago: the idle deadline has passed.
    tx.execute(
        "UPDATE sessions SET expires_at = $1",
        &koppel_store::vals![chrono::Utc::now() - chrono::Duration::minutes(1)],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let after = app.get_page(&cookie, "/").await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
    assert_eq!(after.headers["location"], "/login");
}

#[tokio::test]
async fn tokens_expire_can_be_read_only_and_are_revoked_by_owner_or_administrator() {
    let app = TestApp::new().await;
    let full = app.token("adviseur@spaarne.nl").await;
    let made = app
        .api(
            "POST",
            "/api/v1/tokens",
            Some(&full),
            Some(serde_json::json!({"label": "Rapportage", "days": 30, "readOnly": true})),
            None,
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let made = made.json();
    let reader = made["token"].as_str().unwrap().to_string();
    assert_eq!(made["readOnly"], true);
    let expires =
        chrono::DateTime::parse_from_rfc3339(made["expiresAt"].as_str().unwrap()).unwrap();
    let days = (expires.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_days();
    assert!((29..=30).contains(&days), "{days}");
    assert_eq!(
        app.api("GET", "/api/v1/employers", Some(&reader), None, None)
            .await
            .status,
        StatusCode::OK
    );
    let write = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&reader),
            Some(serde_json::json!({"name": "Nooit", "sector": "bouw"})),
            None,
        )
        .await;
    assert_eq!(
        write.status,
        StatusCode::FORBIDDEN,
        "a read-only token writes nothing"
    );
    let bad = app
        .api(
            "POST",
            "/api/v1/tokens",
            Some(&full),
            Some(serde_json::json!({"label": "", "days": 1000})),
            None,
        )
        .await;
    assert_eq!(invalid_names(&bad), ["days", "label"]);

    // Another user cannot revoke it; the administrator can, and then it opens nothing.
    let id = made["id"].as_i64().unwrap();
    let other = app.token("consulent@spaarne.nl").await;
    assert_eq!(
        app.api(
            "DELETE",
            &format!("/api/v1/tokens/{id}"),
            Some(&other),
            None,
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let admin = app.browser_session("beheer@spaarne.nl").await;
    let page = app
        .get_page(
            &admin,
            &format!(
                "/beheer/gebruikers/{}",
                app.user_id("adviseur@spaarne.nl").await
            ),
        )
        .await;
    assert!(
        page.body.contains("Rapportage") && page.body.contains("Alleen lezen"),
        "{}",
        page.body
    );
    let csrf = app.csrf(&admin).await;
    let revoked = app
        .post_form(
            &admin,
            &format!("/tokens/{id}/intrekken"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.api("GET", "/api/v1/employers", Some(&reader), None, None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    // An expired token opens nothing either.
    let mut tx = app.ctx.store().begin().await.unwrap();
    tx.execute(
        "UPDATE api_tokens SET expires_at = $1",
        &koppel_store::vals![chrono::Utc::now() - chrono::Duration::minutes(1)],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        app.api("GET", "/api/v1/employers", Some(&full), None, None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn administrators_add_deactivate_reactivate_and_reset_users() {
    let app = TestApp::new().await;
    let admin = app.browser_session("beheer@spaarne.nl").await;
    let csrf = app.csrf(&admin).await;
    let form = app.get_page(&admin, "/beheer/gebruikers/nieuw").await;
    assert!(
        form.body.contains("IJmond Werkt!"),
        "organisations are chosen by name"
    );
    let added = app
        .post_form(
            &admin,
            "/beheer/gebruikers/nieuw",
            &[
                ("csrf", &csrf),
                ("name", "Nieuwe Adviseur"),
                ("email", "nieuw@ijmond.nl"),
                ("organisation", "IJmond Werkt!"),
                ("role", "adviser"),
                ("password", "een-heel-lang-wachtwoord"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let page = added.headers["location"].to_str().unwrap().to_string();
    let (first, user) = app
        .login("nieuw@ijmond.nl", "een-heel-lang-wachtwoord")
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get_page(&user, "/").await.status, StatusCode::OK);

    let deactivated = app
        .post_form(&admin, &format!("{page}/deactiveren"), &[("csrf", &csrf)])
        .await;
    assert_eq!(deactivated.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get_page(&user, "/").await.status,
        StatusCode::SEE_OTHER,
        "sessions end"
    );
    let (refused, _) = app
        .login("nieuw@ijmond.nl", "een-heel-lang-wachtwoord")
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    app.post_form(&admin, &format!("{page}/heractiveren"), &[("csrf", &csrf)])
        .await;
    let short = app
        .post_form(
            &admin,
            &format!("{page}/wachtwoord"),
            &[("csrf", &csrf), ("password", "kort")],
        )
        .await;
    assert_eq!(short.status, StatusCode::BAD_REQUEST);
    app.post_form(
        &admin,
        &format!("{page}/wachtwoord"),
        &[("csrf", &csrf), ("password", "een-ander-lang-wachtwoord")],
    )
    .await;
    let (ok, _) = app
        .login("nieuw@ijmond.nl", "een-ander-lang-wachtwoord")
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    // Nobody else may do any of it.
    let adviser = app.browser_session("adviseur@spaarne.nl").await;
    let adviser_csrf = app.csrf(&adviser).await;
    let tried = app
        .post_form(
            &adviser,
            &format!("{page}/deactiveren"),
            &[("csrf", &adviser_csrf)],
        )
        .await;
    assert_eq!(tried.status, StatusCode::FORBIDDEN);
    let actions = audit_actions(&app).await;
    for action in [
        "user.create",
        "user.deactivate",
        "user.reactivate",
        "user.reset_password",
    ] {
        assert!(
            actions
                .iter()
                .any(|(a, _, r)| a == action && r == "success"),
            "{action}"
        );
    }
}

#[tokio::test]
async fn a_role_that_needs_a_second_factor_sets_one_up_and_then_always_gives_a_code() {
    use koppel_app::context::Settings;
    use koppel_app::domain::codes::Role;
    let app = TestApp::with_settings(Settings {
        second_factor_roles: vec![Role::Consultant],
        ..Settings::default()
    })
    .await;
    let (reply, cookie) = app.login("consulent@spaarne.nl", PASSWORD).await;
    assert_eq!(reply.headers["location"], "/tweede-factor");
    assert_eq!(
        app.get_page(&cookie, "/kandidaten").await.headers["location"],
        "/tweede-factor",
        "nothing opens before the second factor is set up"
    );
    let enrol = app.get_page(&cookie, "/tweede-factor").await;
    assert!(enrol.body.contains("<svg"), "a QR code to scan");
    let secret = hidden(&enrol.body, "secret");
    let csrf = hidden(&enrol.body, "csrf");
    let wrong = app
        .post_form(
            &cookie,
            "/tweede-factor",
            &[("csrf", &csrf), ("secret", &secret), ("code", "000000")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    let code = koppel_app::second_factor::current_code(&secret).unwrap();
    let done = app
        .post_form(
            &cookie,
            "/tweede-factor",
            &[("csrf", &csrf), ("secret", &secret), ("code", &code)],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK);
    assert!(done.body.contains("herstelcodes"));
    let recovery: Vec<String> = done
        .body
        .split("<li><code>")
        .skip(1)
        .map(|c| c.split('<').next().unwrap().to_string())
        .collect();
    assert_eq!(recovery.len(), 10);
    assert_eq!(
        app.get_page(&cookie, "/kandidaten").await.status,
        StatusCode::OK
    );

    // The next login asks for a code; a used code and a wrong one are refused, a recovery code works once.
    let (reply, next) = app.login("consulent@spaarne.nl", PASSWORD).await;
    assert_eq!(reply.headers["location"], "/login/code");
    let form = app.get_page(&next, "/login/code").await;
    let csrf = hidden(&form.body, "csrf");
    let replay = app
        .post_form(&next, "/login/code", &[("csrf", &csrf), ("code", &code)])
        .await;
    assert_eq!(
        replay.status,
        StatusCode::BAD_REQUEST,
        "a code is accepted once"
    );
    let rescue = app
        .post_form(
            &next,
            "/login/code",
            &[("csrf", &csrf), ("code", &recovery[0])],
        )
        .await;
    assert_eq!(rescue.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get_page(&next, "/kandidaten").await.status,
        StatusCode::OK
    );
    let (_, third) = app.login("consulent@spaarne.nl", PASSWORD).await;
    let csrf = hidden(&app.get_page(&third, "/login/code").await.body, "csrf");
    let again = app
        .post_form(
            &third,
            "/login/code",
            &[("csrf", &csrf), ("code", &recovery[0])],
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::BAD_REQUEST,
        "a recovery code works once"
    );
}
