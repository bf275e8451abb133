//! No lost update anywhere: every API route that changes a thing takes the version it was based
//! on. Per row of the table, two writers start from the same version; the first one's change is
//! kept, the second gets 412 and changes nothing; without `If-Match` it is 428. On both databases.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{json, Value};

use crate::common::*;
use crate::matrix::world::{world, World};

/// Where a row's version is read: the table and the world's id of the row (its ETag is the
/// version), or a GET whose ETag it is.
enum Version {
    Row(&'static str, &'static str),
    Get(&'static str),
}

struct Edit {
    path: &'static str,
    user: &'static str,
    version: Version,
    first: fn(&World) -> Value,
    second: fn(&World) -> Value,
}

fn id(w: &World, key: &str) -> i64 {
    w.ids[key].parse().unwrap()
}

const ADVISER: &str = "adviseur@ijmond.nl";
const CONSULTANT: &str = "consulent@ijmond.nl";

/// Every editable thing of the API (the routes with PUT), in an order where one change does not
/// stop the next (archiving last).
fn table() -> Vec<Edit> {
    use Version::*;
    vec![
        Edit {
            path: "/employers/{employer}",
            user: ADVISER,
            version: Row("employers", "employer"),
            first: |_| json!({"name": "Staalbedrijf Noord", "sector": "techniek"}),
            second: |_| json!({"name": "Staalbedrijf Zuid", "sector": "techniek"}),
        },
        Edit {
            path: "/employers/{employer}/account-team",
            user: ADVISER,
            version: Row("employers", "employer"),
            first: |_| json!({"userIds": []}),
            second: |_| json!({"userIds": []}),
        },
        Edit {
            path: "/employers/{employer}/contact-persons/{person}",
            user: ADVISER,
            version: Row("contact_persons", "person"),
            first: |_| json!({"name": "Ilse de Boer", "jobTitle": "Teamleider"}),
            second: |_| json!({"name": "Ilse de Boer", "jobTitle": "Directeur"}),
        },
        Edit {
            path: "/employers/{employer}/establishments/{establishment}",
            user: ADVISER,
            version: Row("establishments", "establishment"),
            first: |_| json!({"name": "Locatie Noord", "city": "Haarlem"}),
            second: |_| json!({"name": "Locatie Zuid", "city": "Velsen"}),
        },
        Edit {
            path: "/agreements/{agreement}",
            user: ADVISER,
            version: Row("agreements", "agreement"),
            first: |_| json!({"description": "Terugbellen", "status": "done"}),
            second: |_| json!({"description": "Mailen", "status": "open"}),
        },
        Edit {
            path: "/contact-requests/{request}/employer",
            user: ADVISER,
            version: Row("contact_requests", "request"),
            first: |w| json!({"employerId": id(w, "employer")}),
            second: |w| json!({"employerId": id(w, "employer")}),
        },
        Edit {
            path: "/vacancies/{vacancy}",
            user: ADVISER,
            version: Row("vacancies", "vacancy"),
            first: |w| json!({"employerId": id(w, "employer"), "title": "Operator A", "status": "open"}),
            second: |w| json!({"employerId": id(w, "employer"), "title": "Operator B", "status": "open"}),
        },
        Edit {
            path: "/vacancies/{vacancy}/vum",
            user: ADVISER,
            version: Row("vacancies", "vacancy"),
            first: |_| json!({"salary": "€ 2.800"}),
            second: |_| json!({"salary": "€ 3.100"}),
        },
        Edit {
            path: "/candidates/{candidate}",
            user: CONSULTANT,
            version: Row("candidates", "candidate"),
            first: |_| candidate_json("Kanariegeheim", false),
            second: |_| {
                let mut c = candidate_json("Kanariegeheim", false);
                c["city"] = json!("Velsen");
                c
            },
        },
        Edit {
            path: "/candidates/{candidate}/vum",
            user: CONSULTANT,
            version: Row("candidates", "candidate"),
            first: |_| json!({"travelMinutes": "30"}),
            second: |_| json!({"travelMinutes": "45"}),
        },
        Edit {
            path: "/events/{event}",
            user: ADVISER,
            version: Row("events", "event"),
            first: |_| json!({"title": "Banenmarkt Noord", "kind": "care_fair", "eventDate": "2026-03-12"}),
            second: |_| json!({"title": "Banenmarkt Zuid", "kind": "care_fair", "eventDate": "2026-03-12"}),
        },
        Edit {
            path: "/event-participants/{participant}",
            user: ADVISER,
            version: Row("event_participants", "participant"),
            first: |_| json!({"status": "attended"}),
            second: |_| json!({"status": "absent"}),
        },
        Edit {
            path: "/nominations/{open_nomination}",
            user: ADVISER,
            version: Row("nominations", "open_nomination"),
            first: |_| json!({"state": "interested"}),
            second: |_| json!({"state": "declined", "reasonCode": "travel"}),
        },
        Edit {
            path: "/placements/{placement}",
            user: ADVISER,
            version: Row("placements", "placement"),
            first: |_| json!({"contractType": "permanent", "hoursPerWeek": 32, "startDate": "2025-09-01"}),
            second: |_| json!({"contractType": "temporary", "hoursPerWeek": 24, "startDate": "2025-09-01"}),
        },
        Edit {
            path: "/placement-instruments/{instrument}",
            user: ADVISER,
            version: Row("placement_instruments", "instrument"),
            first: |_| json!({"instrument": "loonkostensubsidie", "status": "granted", "amount": "7500"}),
            second: |_| json!({"instrument": "loonkostensubsidie", "status": "ended"}),
        },
        Edit {
            path: "/aftercare-tasks/{aftercare}",
            user: ADVISER,
            version: Row("aftercare_tasks", "aftercare"),
            first: |_| json!({"outcome": "going_well"}),
            second: |_| json!({"outcome": "needs_support", "notes": "Jobcoach inzetten"}),
        },
        Edit {
            path: "/targets/{year}",
            user: "manager@spaarne.nl",
            version: Get("/targets?year=2026"),
            first: |_| json!({"scopeKind": "region", "targets": [{"targetGroup": "wajong", "value": 25}]}),
            second: |_| json!({"scopeKind": "region", "targets": [{"targetGroup": "wajong", "value": 30}]}),
        },
        Edit {
            path: "/employers/{employer}/archived",
            user: ADVISER,
            version: Row("employers", "employer"),
            first: |_| json!({"archived": true}),
            second: |_| json!({"archived": false}),
        },
    ]
}

async fn version(app: &TestApp, w: &World, token: &str, v: &Version) -> String {
    match v {
        Version::Row(table, key) => {
            let mut tx = app.ctx.store().begin().await.unwrap();
            let sql = format!("SELECT version FROM {table} WHERE id = $1");
            let n = tx
                .scalar(&sql, &koppel_store::vals![id(w, key)])
                .await
                .unwrap();
            tx.commit().await.unwrap();
            format!("\"{n}\"")
        }
        Version::Get(path) => {
            let r = app
                .api("GET", &format!("/api/v1{path}"), Some(token), None, None)
                .await;
            r.headers["etag"].to_str().unwrap().to_string()
        }
    }
}

#[tokio::test]
async fn two_writers_from_one_version_keep_the_first_change_and_refuse_the_second() {
    let app = TestApp::new().await;
    let mut w = world(&app).await;
    // A nomination still open (the world's own one ended in a placement that filled its vacancy).
    let adviser = app.token(ADVISER).await;
    let body = json!({"employerId": id(&w, "employer"), "title": "Monteur", "status": "open"});
    let r = app
        .api(
            "POST",
            "/api/v1/vacancies",
            Some(&adviser),
            Some(body),
            None,
        )
        .await;
    let open = r.json()["id"].clone();
    let body = json!({"vacancyId": open, "candidateId": id(&w, "shared")});
    let r = app
        .api(
            "POST",
            "/api/v1/nominations",
            Some(&adviser),
            Some(body),
            None,
        )
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    w.ids.insert("open_nomination", r.json()["id"].to_string());
    let rows = table();
    let mut failures = Vec::new();
    for row in &rows {
        let token = app.token(row.user).await;
        let path = format!("/api/v1{}", w.path(row.path));
        let read = version(&app, &w, &token, &row.version).await;
        let missing = app
            .api("PUT", &path, Some(&token), Some((row.first)(&w)), None)
            .await;
        let first = app
            .api(
                "PUT",
                &path,
                Some(&token),
                Some((row.first)(&w)),
                Some(&read),
            )
            .await;
        let after_first = version(&app, &w, &token, &row.version).await;
        let second = app
            .api(
                "PUT",
                &path,
                Some(&token),
                Some((row.second)(&w)),
                Some(&read),
            )
            .await;
        let after_second = version(&app, &w, &token, &row.version).await;
        let outcome = (
            missing.status.as_u16(),
            first.status.is_success(),
            second.status.as_u16(),
        );
        if outcome != (428, true, 412) || after_second != after_first || after_first == read {
            failures.push(format!(
                "{}: without If-Match {}, first {} {}, second {} {}; versions {read} → {after_first} → {after_second}",
                row.path, missing.status, first.status, first.body, second.status, second.body
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
    // Every PUT route of the API is in the table.
    let document = koppel_web::api::openapi();
    let json = serde_json::to_value(&document).unwrap();
    let puts: Vec<String> = json["paths"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, ops)| ops.get("put").is_some())
        .map(|(p, _)| p.clone())
        .collect();
    let covered = |p: &str| {
        rows.iter().any(|r| {
            let shape = |s: &str| {
                s.split('/')
                    .map(|x| if x.starts_with('{') { "{}" } else { x })
                    .collect::<Vec<_>>()
                    .join("/")
            };
            shape(r.path) == shape(p)
        })
    };
    let missing: Vec<&String> = puts.iter().filter(|p| !covered(p)).collect();
    assert!(missing.is_empty(), "PUT routes without a row: {missing:?}");
}
