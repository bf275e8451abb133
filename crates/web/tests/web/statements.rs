//! The service's own name and contact details on every page, the privacy and accessibility
//! statements in the footer (written by the administrator), and links sent out that work outside.
use crate::common::*;

use axum::http::StatusCode;
use koppel_app::context::{Service, Settings};

#[tokio::test]
async fn the_footer_names_the_service_and_the_administrator_writes_the_statements() {
    let settings = Settings {
        service: Service {
            name: "Werkcentrum IJmond".into(),
            public_url: "https://werk.ijmond.example".into(),
            email: "werkgevers@ijmond.example".into(),
            phone: "0255 123 456".into(),
            theme_color: "#8a1538".into(),
        },
        ..Settings::default()
    };
    let app = TestApp::with_settings(settings).await;
    // The region's colour is the theme's brand token, and every page loads the NL Design System.
    let theme = app.get_page("", "/static/thema.css").await;
    assert!(
        theme.body.contains("--koppel-brand: #8a1538;"),
        "{}",
        theme.body
    );
    let login = app.get_page("", "/login").await;
    for sheet in [
        "/static/design-tokens.css",
        "/static/nl-design-system.css",
        "/static/thema.css",
    ] {
        assert!(login.body.contains(sheet), "{sheet}");
        assert_eq!(app.get_page("", sheet).await.status, 200);
    }

    // Anyone reads the statements; until the administrator writes one, a default says what
    // koppel does, in the service's name.
    let public = app.send(get("/privacyverklaring")).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(
        public.body.contains("Werkcentrum IJmond gebruikt koppel"),
        "{}",
        public.body
    );
    assert!(public
        .body
        .contains("<a href=\"/toegankelijkheidsverklaring\">"));
    assert!(public.body.contains("0255 123 456"));
    assert!(public
        .body
        .contains("<title>Privacyverklaring · Werkcentrum IJmond</title>"));

    let adviser = app.browser_session("adviseur@spaarne.nl").await;
    let csrf = app.csrf(&adviser).await;
    let refused = app
        .post_form(
            &adviser,
            "/beheer/toegankelijkheidsverklaring",
            &[("csrf", &csrf), ("body", "Weg ermee")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let admin = app.browser_session("beheer@spaarne.nl").await;
    let csrf = app.csrf(&admin).await;
    let empty = app
        .post_form(
            &admin,
            "/beheer/toegankelijkheidsverklaring",
            &[("csrf", &csrf), ("body", " ")],
        )
        .await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "an empty statement is refused"
    );
    let text = "Wij toetsen elke pagina.\n\nMeld problemen bij de balie.";
    let saved = app
        .post_form(
            &admin,
            "/beheer/toegankelijkheidsverklaring",
            &[("csrf", &csrf), ("body", text)],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = app.send(get("/toegankelijkheidsverklaring")).await.body;
    assert!(
        page.contains("<p>Wij toetsen elke pagina.</p><p>Meld problemen bij de balie.</p>"),
        "{page}"
    );
    assert!(page.contains("Bijgewerkt op"));
    assert!(!app
        .send(get("/privacyverklaring"))
        .await
        .body
        .contains("Meld problemen"));
}

#[tokio::test]
async fn a_satisfaction_link_is_absolute_on_the_public_address() {
    let settings = Settings {
        service: Service {
            public_url: "https://werk.ijmond.example".into(),
            ..Service::default()
        },
        ..Settings::default()
    };
    let app = TestApp::with_settings(settings).await;
    let t = app.token("adviseur@spaarne.nl").await;
    let body = serde_json::json!({"name": "Bakkerij Jansen", "sector": "handel"});
    let e = app
        .api("POST", "/api/v1/employers", Some(&t), Some(body), None)
        .await;
    let id = e.json()["id"].as_i64().unwrap();
    let request = serde_json::json!({"employerId": id, "companyName": "Bakkerij Jansen",
        "contactName": "Els", "phone": "023 5551234", "message": "Wij zoeken bakkers."});
    let r = app
        .api(
            "POST",
            "/api/v1/contact-requests",
            Some(&t),
            Some(request),
            None,
        )
        .await;
    let request = r.json()["id"].as_i64().unwrap().to_string();
    let moment =
        serde_json::json!({"kind": "call", "level": "operational", "subject": "Teruggebeld"});
    let path = format!("/api/v1/employers/{id}/contact-moments");
    app.api("POST", &path, Some(&t), Some(moment), None).await;
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let page = app
        .get_page(&cookie, &format!("/werkgevers/{id}"))
        .await
        .body;
    assert!(
        page.contains(&format!("<option value=\"{request}\">")),
        "the request is chosen from a list, by date and name"
    );
    let csrf = app.csrf(&cookie).await;
    let r = app
        .post_form(
            &cookie,
            &format!("/werkgevers/{id}/tevredenheidslink"),
            &[("csrf", &csrf), ("contactRequestId", &request)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body
            .contains("<dd>https://werk.ijmond.example/tevredenheid/"),
        "{}",
        r.body
    );
}

fn get(path: &str) -> axum::http::Request<axum::body::Body> {
    axum::http::Request::get(path)
        .body(axum::body::Body::empty())
        .unwrap()
}
