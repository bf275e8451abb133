//! The start page per role and the menu that shows where the user is.
use crate::common::*;

use axum::http::StatusCode;
use koppel_app::auth::{self, NewAccount};

#[tokio::test]
async fn each_role_starts_with_its_own_work_and_the_menu_marks_the_page() {
    let app = TestApp::new().await;
    let account = NewAccount {
        email: "balie@spaarne.nl",
        name: "Balie",
        organisation: "Spaarne Werkt",
        role: "ukraine_desk",
        password: PASSWORD,
        clusters: &[],
    };
    auth::add_user(&app.ctx, &account, &koppel_app::Meta::local("test"))
        .await
        .unwrap();

    let manager = app.browser_session("manager@spaarne.nl").await;
    let page = app.get_page(&manager, "/").await.body;
    assert!(page.contains("De cijfers van de regio staan bovenaan"));
    let figures = page
        .find("Kerncijfers")
        .expect("a manager sees the figures");
    let requests = page.find(">Contactverzoeken</h2>").unwrap();
    assert!(figures < requests, "figures first for a manager");
    assert!(
        !page.contains("Nazorg deze week"),
        "no after-care table for a manager"
    );
    assert!(
        !page.contains("<th scope=\"col\">Bedrijf</th>"),
        "an empty part is a sentence, not a table"
    );
    assert!(page.contains("<a href=\"/\" aria-current=\"page\">Start</a>"));

    let desk = app.browser_session("balie@spaarne.nl").await;
    let page = app.get_page(&desk, "/").await.body;
    assert!(
        page.contains("href=\"/kandidaten/nieuw?targetGroup=oekraine\""),
        "{page}"
    );
    let form = app
        .get_page(&desk, "/kandidaten/nieuw?targetGroup=oekraine")
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("<option value=\"oekraine\" selected>"),
        "the intake starts as Oekraïne"
    );
    assert!(form
        .body
        .contains("<a href=\"/kandidaten\" aria-current=\"page\">Kandidaten</a>"));

    let adviser = app.browser_session("adviseur@spaarne.nl").await;
    let page = app.get_page(&adviser, "/").await.body;
    let requests = page.find(">Contactverzoeken</h2>").unwrap();
    let agreements = page.find(">Afspraken</h2>").unwrap();
    assert!(
        requests < agreements,
        "an adviser starts with contact requests"
    );
    assert!(page.contains("href=\"/contactverzoeken/nieuw\""));
    let list = app.get_page(&adviser, "/werkgevers/nieuw").await.body;
    assert!(list.contains("<a href=\"/werkgevers\" aria-current=\"page\">Werkgevers</a>"));
    assert!(!list.contains("<a href=\"/\" aria-current"));

    let admin = app.browser_session("beheer@spaarne.nl").await;
    let page = app.get_page(&admin, "/").await.body;
    assert!(page.contains("href=\"/beheer/doelgroepen\""));
    assert!(!page.contains("Voordrachten die wachten"));
}

/// The ids of the elements on a page that occur more than once.
fn repeated_ids(html: &str) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut twice = Vec::new();
    for part in html.split(" id=\"").skip(1) {
        let id = part.split('"').next().unwrap().to_string();
        if !seen.insert(id.clone()) {
            twice.push(id);
        }
    }
    twice
}

#[tokio::test]
async fn no_page_repeats_an_element_id() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let body = serde_json::json!({"name": "Bakkerij Jansen", "sector": "handel"});
    let e = app
        .api("POST", "/api/v1/employers", Some(&t), Some(body), None)
        .await;
    let employer = e.json()["id"].as_i64().unwrap();
    let body = serde_json::json!({"employerId": employer, "title": "Bakker", "status": "open"});
    let v = app
        .api("POST", "/api/v1/vacancies", Some(&t), Some(body), None)
        .await;
    let vacancy = v.json()["id"].as_i64().unwrap();
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    for path in [
        format!("/werkgevers/{employer}"),
        format!("/vacatures/{vacancy}"),
        "/".to_string(),
        "/werkgevers".to_string(),
    ] {
        let page = app.get_page(&cookie, &path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(
            repeated_ids(&page.body).is_empty(),
            "{path}: {:?}",
            repeated_ids(&page.body)
        );
    }
}
