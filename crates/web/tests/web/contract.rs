//! The API enforces what its document says (finding 5 of the reliability review): a body is held
//! to the schema of its operation before it is read, every violation named; what the document
//! allows is accepted, also a whole number written as `3.0`; and every request schema of the
//! document is one a validator can use.

use serde_json::{json, Value};

use crate::common::TestApp;

fn names(r: &crate::common::Reply) -> Vec<String> {
    r.json()["invalidParams"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|p| p["name"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_body_is_held_to_the_document_field_by_field() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let cases: Vec<(Value, &[&str])> = vec![
        // A code outside its list, a number for text, text for a number, a list as text.
        (
            json!({"name": "Bakkerij", "sector": "ruimtevaart"}),
            &["sector"],
        ),
        (json!({"name": 12, "sector": "handel"}), &["name"]),
        (
            json!({"name": "B", "sector": "handel", "accountHolderId": "7"}),
            &["accountHolderId"],
        ),
        // Required, and not blank.
        (json!({"sector": "handel"}), &["name"]),
        (json!({"name": "   ", "sector": "handel"}), &["name"]),
        // Patterns and lengths.
        (
            json!({"name": "B", "sector": "handel", "kvkNumber": "1234"}),
            &["kvkNumber"],
        ),
        (
            json!({"name": "x".repeat(201), "sector": "handel"}),
            &["name"],
        ),
    ];
    for (body, expected) in cases {
        let r = app
            .api(
                "POST",
                "/api/v1/employers",
                Some(&t),
                Some(body.clone()),
                None,
            )
            .await;
        assert_eq!(r.status, 400, "{body}: {}", r.body);
        assert_eq!(r.headers["content-type"], "application/problem+json");
        assert_eq!(names(&r), expected, "{body}: {}", r.body);
        assert!(
            !r.json()["invalidParams"][0]["reason"]
                .as_str()
                .unwrap_or("")
                .contains('^'),
            "a reason in words, not a regular expression: {}",
            r.body
        );
    }
    let list = app
        .api("GET", "/api/v1/employers?q=Bakkerij", Some(&t), None, None)
        .await;
    assert_eq!(list.json()["total"], 0, "nothing refused was stored");
    // What the document allows is taken: codes as people write them, a whole number as 3.0.
    let ok = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Bakkerij Duin", "sector": "handel", "kvkNumber": "3412 3456", "postcode": "2011 ab"})),
            None,
        )
        .await;
    assert_eq!(ok.status, 201, "{}", ok.body);
    let employer = ok.json()["id"].as_i64().unwrap();
    let v = app
        .api(
            "POST",
            "/api/v1/vacancies",
            Some(&t),
            Some(json!({"employerId": employer as f64, "title": "Bakker", "hoursPerWeek": 32.0})),
            None,
        )
        .await;
    assert_eq!(v.status, 201, "{}", v.body);
    assert_eq!(v.json()["hoursPerWeek"], 32);
    // A NUL character (which PostgreSQL cannot store) is dropped, on both databases alike.
    let nul = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Bakkerij\u{0} Noord", "sector": "handel"})),
            None,
        )
        .await;
    assert_eq!(nul.status, 201, "{}", nul.body);
    assert_eq!(nul.json()["name"], "Bakkerij Noord");
    let search = app
        .api("GET", "/api/v1/employers?q=%00Noord", Some(&t), None, None)
        .await;
    assert_eq!(search.status, 200, "{}", search.body);
}

#[tokio::test]
async fn the_document_says_what_is_enforced() {
    let app = TestApp::new().await;
    let doc = app
        .api("GET", "/api/v1/openapi.json", None, None, None)
        .await
        .json();
    let schemas = &doc["components"]["schemas"];
    let employer = &schemas["EmployerInput"];
    assert_eq!(employer["required"], json!(["name", "sector"]));
    assert!(employer["properties"]["sector"]["enum"]
        .as_array()
        .unwrap()
        .contains(&json!("handel")));
    assert_eq!(employer["properties"]["name"]["maxLength"], 200);
    let if_match = doc["paths"]["/employers/{id}"]["put"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "If-Match")
        .cloned()
        .unwrap();
    assert_eq!(if_match["required"], true);
    assert!(if_match["schema"]["pattern"].is_string());
    // Every request body of the document compiles into a validator the server uses.
    let mut bodies = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if let Some(r) =
                op["requestBody"]["content"]["application/json"]["schema"]["$ref"].as_str()
            {
                let name = r.rsplit('/').next().unwrap();
                assert!(
                    koppel_web::api::body_schema_compiles(name),
                    "{method} {path}: {name}"
                );
                bodies += 1;
            }
        }
    }
    assert!(bodies > 30, "{bodies} request bodies");
}
