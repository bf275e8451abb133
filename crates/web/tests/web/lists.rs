//! Lists an adviser can work with: "mine" filters, sorting by a column, numbered pages, a count,
//! and the filters kept in every link.
use crate::common::*;

use axum::http::StatusCode;
use serde_json::json;

/// The employer names in the order the list shows them.
fn names(html: &str) -> Vec<String> {
    html.split("<td><a href=\"/werkgevers/")
        .skip(1)
        .map(|part| {
            part.split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[tokio::test]
async fn the_employer_list_sorts_pages_and_shows_only_mine() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let me = app.user_id("adviseur@spaarne.nl").await;
    for (i, city) in ["Velsen", "Haarlem", "Zandvoort"]
        .iter()
        .cycle()
        .take(60)
        .enumerate()
    {
        let mut body = json!({"name": format!("Bedrijf {i:02}"), "sector": "handel", "city": city});
        if i % 10 == 0 {
            body["accountHolderId"] = json!(me);
        }
        let r = app
            .api("POST", "/api/v1/employers", Some(&t), Some(body), None)
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
    let cookie = app.browser_session("adviseur@spaarne.nl").await;

    let page = app.get_page(&cookie, "/werkgevers").await.body;
    assert!(page.contains("60 resultaten · pagina 1 van 3"));
    assert_eq!(names(&page)[0], "Bedrijf 00");
    assert!(page.contains("aria-label=\"Pagina 3\""), "numbered pages");
    assert!(page.contains("aria-current=\"page\" aria-label=\"Pagina 1, huidige pagina\""));

    // Sorting by name descending, then by place; the filter stays in the links.
    let page = app
        .get_page(&cookie, "/werkgevers?q=bedrijf&sort=-naam")
        .await
        .body;
    assert_eq!(names(&page)[0], "Bedrijf 59");
    assert!(page.contains("aria-sort=\"descending\""));
    let links: Vec<&str> = page
        .match_indices("href=\"/werkgevers?")
        .map(|(i, _)| &page[i..i + 60])
        .collect();
    assert!(
        page.contains("href=\"/werkgevers?q=bedrijf&#38;sort=naam\""),
        "one click sorts ascending again: {links:?}"
    );
    assert!(
        page.contains("href=\"/werkgevers?q=bedrijf&#38;sort=-naam&#38;page=2\""),
        "pages keep the sort"
    );
    let page = app.get_page(&cookie, "/werkgevers?sort=plaats").await.body;
    assert_eq!(names(&page)[0], "Bedrijf 01", "Haarlem first, then by id");

    // Only the employers whose account I hold.
    let page = app.get_page(&cookie, "/werkgevers?mine=true").await.body;
    assert!(page.contains("6 resultaten"), "{page}");
    assert!(
        !page.contains("aria-label=\"Pagina"),
        "one page needs no page numbers"
    );
    let other = app.browser_session("adviseur@ijmond.nl").await;
    let page = app.get_page(&other, "/werkgevers?mine=true").await.body;
    assert!(page.contains("Geen werkgevers gevonden."));

    // An unknown sort key is ignored, not an error.
    let r = app.get_page(&cookie, "/werkgevers?sort=wachtwoord").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(names(&r.body)[0], "Bedrijf 00");
}

/// Every sort key of the vacancy list, both ways, against a plain sort written here: title,
/// place and closing date order the rows; the newest first by default; ties go by number.
#[tokio::test]
async fn the_vacancy_list_sorts_by_every_key_both_ways() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let employer = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Bakkerij Zand", "sector": "handel"})),
            None,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let mut made = Vec::new();
    for i in 0..9i64 {
        let city = ["Velsen", "Haarlem", "Zandvoort"][(i % 3) as usize];
        let body = json!({"employerId": employer, "title": format!("Functie {}", (i * 5) % 9),
            "city": city,
            "closingDate": format!("2027-0{}-01", 1 + (i * 7) % 9), "status": "open"});
        let r = app
            .api("POST", "/api/v1/vacancies", Some(&t), Some(body), None)
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let v = r.json();
        made.push((
            v["id"].as_i64().unwrap(),
            v["title"].as_str().unwrap().to_string(),
            v["city"].as_str().unwrap().to_string(),
            v["closingDate"].as_str().unwrap().to_string(),
        ));
    }
    let listed = |sort: String| {
        let app = &app;
        let t = &t;
        async move {
            let r = app
                .api(
                    "GET",
                    &format!("/api/v1/vacancies?employerId={employer}&sort={sort}"),
                    Some(t),
                    None,
                    None,
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "sort={sort}: {}", r.body);
            r.json()["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v["id"].as_i64().unwrap())
                .collect::<Vec<_>>()
        }
    };
    type Key = fn(&(i64, String, String, String)) -> String;
    let keys: [(&str, Key); 3] = [
        ("titel", |v| v.1.clone()),
        ("plaats", |v| v.2.clone()),
        ("sluitingsdatum", |v| v.3.clone()),
    ];
    for (name, key) in keys {
        let mut expected = made.clone();
        expected.sort_by_key(|v| (key(v), v.0));
        let ids: Vec<i64> = expected.iter().map(|v| v.0).collect();
        assert_eq!(listed(name.to_string()).await, ids, "sort={name}");
        let mut expected = made.clone();
        expected.sort_by_key(|v| (std::cmp::Reverse(key(v)), std::cmp::Reverse(v.0)));
        let ids: Vec<i64> = expected.iter().map(|v| v.0).collect();
        assert_eq!(listed(format!("-{name}")).await, ids, "sort=-{name}");
    }
    // Created one after another: newest first by default and with -nieuw, oldest with nieuw.
    let newest: Vec<i64> = made.iter().rev().map(|v| v.0).collect();
    assert_eq!(listed(String::new()).await, newest);
    assert_eq!(listed("-nieuw".into()).await, newest);
    let oldest: Vec<i64> = made.iter().map(|v| v.0).collect();
    assert_eq!(listed("nieuw".into()).await, oldest);
    assert_eq!(
        listed("werkgever".into()).await,
        oldest,
        "one employer: by number"
    );
}
