//! The employer relationship: contact requests and the 24-hour promise, contact moments,
//! agreements, the timeline, the public form, escalation, after-care and the worklist.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use crate::common;

use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use common::*;
use koppel_app::context::Settings;
use koppel_app::domain::crm::{response_deadline, ClockRule};
use serde_json::{json, Value};

fn time(v: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(v.as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc)
}

async fn employer_with_holder(app: &TestApp, t: &str, holder_email: &str) -> i64 {
    let users = {
        let mut tx = app.ctx.store().begin().await.unwrap();
        koppel_store::users::list(&mut tx).await.unwrap()
    };
    let holder = users.iter().find(|u| u.email == holder_email).unwrap().id;
    let e = app.api("POST", "/api/v1/employers", Some(t), Some(json!({"name": "Bakkerij Spaarnezicht", "sector": "handel", "accountHolderId": holder})), None).await;
    assert_eq!(e.status, StatusCode::CREATED, "{}", e.body);
    e.json()["id"].as_i64().unwrap()
}

#[tokio::test]
async fn a_contact_request_is_answered_by_the_first_contact_moment() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let employer = employer_with_holder(&app, &t, "adviseur@spaarne.nl").await;
    let bad = app
        .api(
            "POST",
            "/api/v1/contact-requests",
            Some(&t),
            Some(json!({"companyName": "", "contactName": "X", "message": ""})),
            None,
        )
        .await;
    assert_eq!(
        invalid_names(&bad),
        ["companyName", "message"],
        "company and a message are required"
    );
    let unreachable = app
        .api(
            "POST",
            "/api/v1/contact-requests",
            Some(&t),
            Some(json!({"companyName": "Bakkerij", "contactName": "X", "message": "Bel ons"})),
            None,
        )
        .await;
    assert_eq!(
        invalid_names(&unreachable),
        ["email"],
        "and a way to reach them"
    );

    let r = app
        .api("POST", "/api/v1/contact-requests", Some(&t), Some(json!({"employerId": employer, "companyName": "Bakkerij Spaarnezicht", "contactName": "Els de Wit", "phone": "023 5551234", "message": "Wij zoeken twee bakkers."})), None)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = r.json();
    assert_eq!(
        time(&r["deadlineAt"]) - time(&r["receivedAt"]),
        Duration::hours(24),
        "calendar hours by default"
    );
    assert_eq!(r["assignedName"], "adviseur", "the account holder answers");
    let id = r["id"].as_i64().unwrap();
    let worklist = app
        .api("GET", "/api/v1/worklist", Some(&t), None, None)
        .await
        .json();
    assert_eq!(worklist["contactRequests"][0]["id"], id);
    assert!(
        worklist["contactRequests"][0]["minutesLeft"]
            .as_i64()
            .unwrap()
            > 23 * 60
    );

    let bad_moment = app
        .api(
            "POST",
            &format!("/api/v1/employers/{employer}/contact-moments"),
            Some(&t),
            Some(json!({"kind": "fax", "level": "x", "subject": ""})),
            None,
        )
        .await;
    assert_eq!(
        bad_moment.json()["invalidParams"].as_array().unwrap().len(),
        3
    );
    let m = app.api("POST", &format!("/api/v1/employers/{employer}/contact-moments"), Some(&t), Some(json!({"kind": "call", "level": "operational", "subject": "Terugbellen over vacatures", "notes": "Twee bakkers, start in mei"})), None).await;
    assert_eq!(m.status, StatusCode::CREATED, "{}", m.body);
    let answered = app
        .api(
            "GET",
            &format!("/api/v1/contact-requests/{id}"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert!(answered["answeredAt"].is_string());
    assert!(answered["responseMinutes"].as_i64().unwrap() < 5);
    let open = app
        .api("GET", "/api/v1/contact-requests", Some(&t), None, None)
        .await
        .json();
    assert_eq!(open.as_array().unwrap().len(), 0);
    let all = app
        .api(
            "GET",
            "/api/v1/contact-requests?open=false",
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(all.as_array().unwrap().len(), 1);

    let a = app
        .api(
            "POST",
            &format!("/api/v1/employers/{employer}/agreements"),
            Some(&t),
            Some(json!({"description": "Vacaturetekst sturen", "dueDate": "2030-01-10"})),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    let aid = a.json()["id"].as_i64().unwrap();
    let done = app
        .api(
            "PUT",
            &format!("/api/v1/agreements/{aid}"),
            Some(&t),
            Some(json!({"description": "Vacaturetekst sturen", "status": "done"})),
            Some("1"),
        )
        .await;
    assert_eq!(done.json()["status"], "done");
    let stale = app
        .api(
            "PUT",
            &format!("/api/v1/agreements/{aid}"),
            Some(&t),
            Some(json!({"description": "Oud", "status": "open"})),
            Some("1"),
        )
        .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    let timeline = app
        .api(
            "GET",
            &format!("/api/v1/employers/{employer}/timeline"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    let types: Vec<&str> = timeline
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["entryType"].as_str().unwrap())
        .collect();
    assert_eq!(types.len(), 4);
    for ty in [
        "contact_moment",
        "agreement",
        "contact_request",
        "account_holder",
    ] {
        assert!(types.contains(&ty), "{ty} in the timeline");
    }
    let partner = app.token("partner@uitzend.nl").await;
    assert_eq!(
        app.api(
            "GET",
            &format!("/api/v1/employers/{employer}/timeline"),
            Some(&partner),
            None,
            None
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn office_hours_move_the_deadline() {
    let app = TestApp::with_settings(Settings {
        clock_rule: ClockRule::OfficeHours,
        ..Settings::default()
    })
    .await;
    let t = app.token("adviseur@spaarne.nl").await;
    let r = app.api("POST", "/api/v1/contact-requests", Some(&t), Some(json!({"companyName": "Hotel Zee", "contactName": "Piet", "email": "piet@hotelzee.nl", "message": "Bel mij"})), None).await.json();
    let received = time(&r["receivedAt"]);
    assert_eq!(
        time(&r["deadlineAt"]),
        response_deadline(received, 24, ClockRule::OfficeHours)
    );
    assert!(
        time(&r["deadlineAt"]) - received >= Duration::hours(48),
        "24 office hours span at least three working days"
    );
}

#[tokio::test]
async fn overdue_requests_can_be_escalated_to_a_manager() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let r = app.api("POST", "/api/v1/contact-requests", Some(&t), Some(json!({"companyName": "Garage Duin", "contactName": "Sem", "email": "sem@garageduin.nl", "message": "Monteur gezocht"})), None).await.json();
    let id = r["id"].as_i64().unwrap();
    let esc = app
        .api(
            "POST",
            &format!("/api/v1/contact-requests/{id}/escalation"),
            Some(&t),
            None,
            Some("1"),
        )
        .await;
    assert_eq!(esc.status, StatusCode::OK, "{}", esc.body);
    assert_eq!(esc.json()["escalatedToName"], "manager");
    let manager = app.token("manager@spaarne.nl").await;
    let list = app
        .api("GET", "/api/v1/worklist", Some(&manager), None, None)
        .await
        .json();
    assert!(
        list["contactRequests"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == id),
        "the manager sees it on the worklist"
    );
    let again = app
        .api(
            "POST",
            &format!("/api/v1/contact-requests/{id}/escalation"),
            Some(&t),
            None,
            Some("1"),
        )
        .await;
    assert_eq!(again.status, StatusCode::PRECONDITION_FAILED);
}

#[tokio::test]
async fn the_public_form_takes_real_requests_and_refuses_robots_and_floods() {
    let app = TestApp::new().await;
    let page = app.get_page("", "/contact").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("binnen 24 uur"));
    let fields = [
        ("companyName", "Kapsalon Knip"),
        ("contactName", "Anouk"),
        ("email", "anouk@knip.nl"),
        ("message", "Wij zoeken een leerling-kapper."),
    ];
    // Submitted at once (a robot's speed) with the token just served: refused, nothing stored.
    let fresh = hidden(&page.body, "token");
    let mut robot: Vec<(&str, &str)> = fields.to_vec();
    robot.push(("token", &fresh));
    let r = app.post_form("", "/contact", &robot).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A person who took a while: accepted.
    let older =
        koppel_app::contact_requests::form_token(&app.ctx, Utc::now() - Duration::seconds(30));
    let mut person: Vec<(&str, &str)> = fields.to_vec();
    person.push(("token", &older));
    let ok = app.post_form("", "/contact", &person).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert!(ok.body.contains("Bedankt, uw verzoek is ontvangen"));
    // The honeypot filled in: refused.
    let mut trap = person.clone();
    trap.push(("website", "http://spam.example"));
    assert_eq!(
        app.post_form("", "/contact", &trap).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // Invalid input keeps what was typed and explains in Dutch.
    let mut incomplete: Vec<(&str, &str)> = vec![
        ("companyName", "Kapsalon Knip"),
        ("contactName", ""),
        ("message", "Hallo"),
    ];
    incomplete.push(("token", &older));
    let bad = app.post_form("", "/contact", &incomplete).await;
    assert!(
        bad.body
            .contains("Vul een e-mailadres of telefoonnummer in")
            && bad.body.contains("value=\"Kapsalon Knip\"")
    );

    let t = app.token("adviseur@spaarne.nl").await;
    let open = app
        .api("GET", "/api/v1/contact-requests", Some(&t), None, None)
        .await
        .json();
    assert_eq!(
        open.as_array().unwrap().len(),
        1,
        "only the person's request was stored"
    );
    assert_eq!(open[0]["source"], "public_form");

    // The public API, without an account, is limited per client address.
    let body = json!({"companyName": "Webshop", "contactName": "Bo", "email": "bo@webshop.nl", "message": "Graag contact"});
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(
            app.api(
                "POST",
                "/api/v1/public/contact-requests",
                None,
                Some(body.clone()),
                None,
            )
            .await
            .status,
        );
    }
    // Five attempts per hour from one address, refused ones included: the form used three already.
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::CREATED)
            .count(),
        2
    );
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS));
}

#[tokio::test]
async fn a_placement_gets_after_care_at_two_and_five_months() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let employer = employer_with_holder(&app, &t, "adviseur@ijmond.nl").await;
    let v = app
        .api(
            "POST",
            "/api/v1/vacancies",
            Some(&t),
            Some(json!({"employerId": employer, "title": "Bakker", "status": "open"})),
            None,
        )
        .await
        .json();
    let consultant = app.token("consulent@spaarne.nl").await;
    let c = app
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&consultant),
            Some(candidate_json("Bakker", true)),
            None,
        )
        .await
        .json();
    let n = app
        .api(
            "POST",
            "/api/v1/nominations",
            Some(&t),
            Some(json!({"vacancyId": v["id"], "candidateId": c["id"]})),
            None,
        )
        .await
        .json();
    let nid = n["id"].as_i64().unwrap();
    for (state, version) in [("interested", "1"), ("interview", "2"), ("offer", "3")] {
        app.api(
            "PUT",
            &format!("/api/v1/nominations/{nid}"),
            Some(&t),
            Some(json!({"state": state})),
            Some(version),
        )
        .await;
    }
    let start = (Utc::now() - Duration::days(62)).date_naive();
    let p = app.api("POST", &format!("/api/v1/nominations/{nid}/placement"), Some(&t), Some(json!({"contractType": "temporary", "hoursPerWeek": 32, "startDate": start.to_string()})), Some("4")).await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.body);
    let pid = p.json()["id"].as_i64().unwrap();

    // Instruments: validated, versioned, in scope.
    let bad = app.api("POST", &format!("/api/v1/placements/{pid}/instruments"), Some(&t), Some(json!({"instrument": "gratis_geld", "startDate": "2026-03-01", "endDate": "2026-02-01"})), None).await;
    assert_eq!(invalid_names(&bad), ["instrument"]);
    let reversed = app.api("POST", &format!("/api/v1/placements/{pid}/instruments"), Some(&t), Some(json!({"instrument": "loonkostensubsidie", "startDate": "2026-03-01", "endDate": "2026-02-01"})), None).await;
    assert_eq!(invalid_names(&reversed), ["endDate"]);
    let lks = app.api("POST", &format!("/api/v1/placements/{pid}/instruments"), Some(&t), Some(json!({"instrument": "loonkostensubsidie", "amount": "7.500,00".replace('.', ""), "startDate": start.to_string()})), None).await;
    assert_eq!(lks.status, StatusCode::CREATED, "{}", lks.body);
    assert_eq!(
        (
            lks.json()["status"].as_str(),
            lks.json()["amountCents"].as_i64()
        ),
        (Some("requested"), Some(750_000))
    );
    let iid = lks.json()["id"].as_i64().unwrap();
    let granted = app
        .api(
            "PUT",
            &format!("/api/v1/placement-instruments/{iid}"),
            Some(&t),
            Some(
                json!({"instrument": "loonkostensubsidie", "status": "granted", "amount": "7500"}),
            ),
            Some("1"),
        )
        .await;
    assert_eq!(granted.json()["status"], "granted");
    let stale = app
        .api(
            "PUT",
            &format!("/api/v1/placement-instruments/{iid}"),
            Some(&t),
            Some(json!({"instrument": "loonkostensubsidie", "status": "ended"})),
            Some("1"),
        )
        .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    app.api(
        "POST",
        &format!("/api/v1/placements/{pid}/instruments"),
        Some(&t),
        Some(json!({"instrument": "jobcoaching", "status": "granted"})),
        None,
    )
    .await;
    let used = app
        .api(
            "GET",
            &format!("/api/v1/placements/{pid}/instruments"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(used.as_array().unwrap().len(), 2);
    let outflow = app.api("PUT", &format!("/api/v1/placements/{pid}"), Some(&t), Some(json!({"contractType": "temporary", "hoursPerWeek": 32, "startDate": start.to_string(), "benefitOutflow": true})), Some("1")).await;
    assert_eq!(
        invalid_names(&outflow),
        ["benefit"],
        "an outflow says which benefit"
    );
    let outflow = app.api("PUT", &format!("/api/v1/placements/{pid}"), Some(&t), Some(json!({"contractType": "temporary", "hoursPerWeek": 32, "startDate": start.to_string(), "benefitOutflow": true, "benefit": "ww"})), Some("1")).await;
    assert_eq!(outflow.json()["benefit"], "ww");
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let page = app.get_page(&cookie, &format!("/plaatsingen/{pid}")).await;
    assert!(
        page.body.contains("Loonkostensubsidie")
            && page.body.contains("Toegekend")
            && page.body.contains("€ 7.500,00")
            && page.body.contains("ja, uit WW")
    );

    let tasks = app
        .api(
            "GET",
            &format!("/api/v1/placements/{pid}/aftercare"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    let tasks = tasks.as_array().unwrap();
    let due: Vec<&str> = tasks
        .iter()
        .map(|t| t["dueDate"].as_str().unwrap())
        .collect();
    let [two, five] = koppel_app::domain::crm::aftercare_dates(start);
    assert_eq!(due, [two.to_string(), five.to_string()]);
    assert!(
        tasks.iter().all(|t| t["assigneeName"] == "adviseur"),
        "for the employer's account holder"
    );
    let ijmond_adviser = app.token("adviseur@ijmond.nl").await;
    let worklist = app
        .api("GET", "/api/v1/worklist", Some(&ijmond_adviser), None, None)
        .await
        .json();
    assert_eq!(
        worklist["aftercare"].as_array().unwrap().len(),
        1,
        "the two-month contact is due"
    );

    let first = tasks[0]["id"].as_i64().unwrap();
    let bad = app
        .api(
            "PUT",
            &format!("/api/v1/aftercare-tasks/{first}"),
            Some(&t),
            Some(json!({"outcome": "ended_early"})),
            Some("1"),
        )
        .await;
    assert_eq!(invalid_names(&bad), ["endedOn", "endedReason"]);
    let ok = app
        .api(
            "PUT",
            &format!("/api/v1/aftercare-tasks/{first}"),
            Some(&t),
            Some(json!({"outcome": "needs_support", "notes": "Jobcoach inzetten"})),
            Some("1"),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let second = tasks[1]["id"].as_i64().unwrap();
    app.api(
        "PUT",
        &format!("/api/v1/aftercare-tasks/{second}"),
        Some(&t),
        Some(json!({"outcome": "going_well"})),
        Some("1"),
    )
    .await;
    let after = app
        .api(
            "GET",
            &format!("/api/v1/placements/{pid}/aftercare"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(
        after.as_array().unwrap().len(),
        3,
        "follow-up continues a month later"
    );
    assert_eq!(after[2]["kind"], "follow_up");
    let third = after[2]["id"].as_i64().unwrap();
    let stop = app
        .api(
            "PUT",
            &format!("/api/v1/aftercare-tasks/{third}"),
            Some(&t),
            Some(json!({"outcome": "going_well", "noFurtherFollowUp": true})),
            Some("1"),
        )
        .await;
    assert_eq!(stop.status, StatusCode::OK);
    assert_eq!(
        app.api(
            "GET",
            &format!("/api/v1/placements/{pid}/aftercare"),
            Some(&t),
            None,
            None
        )
        .await
        .json()
        .as_array()
        .unwrap()
        .len(),
        3,
        "no more follow-up"
    );
    let placement = app
        .api(
            "GET",
            &format!("/api/v1/placements/{pid}"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(placement["followUpEnded"], true);
    let other = app.token("consulent@ijmond.nl").await;
    assert_eq!(
        app.api(
            "GET",
            &format!("/api/v1/placements/{pid}/aftercare"),
            Some(&other),
            None,
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND,
        "out of scope: answered like a placement that does not exist"
    );
    // The employer's timeline shows the placement and its after-care to those who may see the
    // candidate, and nothing of it to others.
    let kinds = |token: String| {
        let app = &app;
        async move {
            app.api(
                "GET",
                &format!("/api/v1/employers/{employer}/timeline"),
                Some(&token),
                None,
                None,
            )
            .await
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["entryType"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
        }
    };
    let own = kinds(t.clone()).await;
    assert!(
        own.iter().any(|k| k == "placement") && own.iter().any(|k| k == "aftercare"),
        "{own:?}"
    );
    let others = kinds(app.token("consulent@ijmond.nl").await).await;
    assert!(
        !others.iter().any(|k| k == "placement" || k == "aftercare"),
        "{others:?}"
    );
}

#[tokio::test]
async fn the_employer_page_records_contact_and_agreements_in_the_browser() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let employer = employer_with_holder(&app, &t, "adviseur@spaarne.nl").await;
    app.api("POST", "/api/v1/contact-requests", Some(&t), Some(json!({"employerId": employer, "companyName": "Bakkerij Spaarnezicht", "contactName": "Els", "email": "els@bakkerij.nl", "message": "Graag contact"})), None).await;
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let start = app.get_page(&cookie, "/").await;
    assert!(
        start.body.contains("Contactverzoeken")
            && start.body.contains("Bakkerij Spaarnezicht")
            && start.body.contains("nog 23 u")
    );
    let page = app
        .get_page(&cookie, &format!("/werkgevers/{employer}"))
        .await;
    assert!(
        page.body.contains("Tijdlijn")
            && page.body.contains("Contactmoment vastleggen")
            && page.body.contains("Contactverzoek van Els")
    );
    assert!(
        page.body
            .contains(r#"utrecht-button--warning button-danger">Archiveren</button>"#),
        "archiving does not look like saving"
    );
    let csrf = hidden(&page.body, "csrf");
    let bad = app
        .post_form(
            &cookie,
            &format!("/werkgevers/{employer}/contactmomenten"),
            &[
                ("csrf", &csrf),
                ("kind", "visit"),
                ("level", "tactical"),
                ("subject", ""),
                ("occurredAt", "morgen"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("Dit veld is verplicht.") && bad.body.contains("Vul datum en tijd in")
    );
    let ok = app
        .post_form(
            &cookie,
            &format!("/werkgevers/{employer}/contactmomenten"),
            &[
                ("csrf", &csrf),
                ("kind", "visit"),
                ("level", "tactical"),
                ("subject", "Bezoek over jobcarving"),
                ("occurredAt", ""),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let agreement = app
        .post_form(
            &cookie,
            &format!("/werkgevers/{employer}/afspraken"),
            &[
                ("csrf", &csrf),
                ("description", "Takenanalyse sturen"),
                ("dueDate", "2030-02-01"),
            ],
        )
        .await;
    assert_eq!(agreement.status, StatusCode::SEE_OTHER);
    let page = app
        .get_page(&cookie, &format!("/werkgevers/{employer}"))
        .await;
    assert!(
        page.body.contains("Bezoek over jobcarving")
            && page.body.contains("Takenanalyse sturen")
            && page.body.contains("uiterlijk 01-02-2030")
    );
    let requests = app.get_page(&cookie, "/contactverzoeken?alle=1").await;
    assert!(
        requests.body.contains("beantwoord in"),
        "the visit answered the request"
    );
    let start = app.get_page(&cookie, "/").await;
    assert!(start.body.contains("Geen open contactverzoeken voor u."));
}

#[tokio::test]
async fn an_employer_is_made_from_a_contact_request_with_its_contact_person() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let r = app
        .api("POST", "/api/v1/contact-requests", Some(&t), Some(json!({"companyName": "Strandtent De Branding", "contactName": "Noor Visser", "email": "noor@branding.nl", "message": "Vier medewerkers voor het seizoen."})), None)
        .await;
    let request = r.json()["id"].as_i64().unwrap();
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let page = app
        .get_page(&cookie, &format!("/contactverzoeken/{request}"))
        .await
        .body;
    let path = format!("/contactverzoeken/{request}/werkgever-aanmaken");
    assert!(page.contains(&format!("href=\"{path}\"")), "{page}");
    let form = app.get_page(&cookie, &path).await.body;
    assert!(
        form.contains("value=\"Strandtent De Branding\""),
        "the name comes from the request"
    );
    let csrf = app.csrf(&cookie).await;
    let bad = app
        .post_form(
            &cookie,
            &path,
            &[("csrf", &csrf), ("name", "Strandtent De Branding")],
        )
        .await;
    assert_eq!(
        bad.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the sector is required"
    );
    assert!(
        bad.body.contains(&format!("action=\"{path}\"")),
        "the form stays on the request"
    );
    let made = app
        .post_form(
            &cookie,
            &path,
            &[
                ("csrf", &csrf),
                ("name", "Strandtent De Branding"),
                ("sector", "handel"),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let employer: i64 = made.headers["location"]
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let detail = app
        .api(
            "GET",
            &format!("/api/v1/employers/{employer}"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(detail["contactPersons"][0]["name"], "Noor Visser");
    assert_eq!(detail["contactPersons"][0]["email"], "noor@branding.nl");
    let linked = app
        .api(
            "GET",
            &format!("/api/v1/contact-requests/{request}"),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(linked["employerId"], employer);
    let again = app.get_page(&cookie, &path).await;
    assert_eq!(
        again.status,
        StatusCode::CONFLICT,
        "a linked request makes no second employer"
    );
}

#[tokio::test]
async fn a_late_contact_request_is_escalated_to_the_manager_by_itself_once() {
    let app = TestApp::new().await;
    let t = app.token("adviseur@spaarne.nl").await;
    let new = |company: &str| json!({"companyName": company, "contactName": "Els", "phone": "023 5551234", "message": "Graag contact."});
    let late = app
        .api(
            "POST",
            "/api/v1/contact-requests",
            Some(&t),
            Some(new("Te Laat BV")),
            None,
        )
        .await
        .json();
    let answered = app
        .api(
            "POST",
            "/api/v1/contact-requests",
            Some(&t),
            Some(new("Op Tijd BV")),
            None,
        )
        .await
        .json();
    let e = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Op Tijd BV", "sector": "handel"})),
            None,
        )
        .await
        .json();
    let employer = e["id"].as_i64().unwrap();
    let path = format!("/api/v1/contact-requests/{}/employer", answered["id"]);
    let link = app
        .api(
            "PUT",
            &path,
            Some(&t),
            Some(json!({"employerId": employer})),
            Some("1"),
        )
        .await;
    assert!(link.status.is_success(), "{}", link.body);
    let m = app
        .api(
            "POST",
            &format!("/api/v1/employers/{employer}/contact-moments"),
            Some(&t),
            Some(json!({"kind": "call", "level": "operational", "subject": "Teruggebeld"})),
            None,
        )
        .await;
    assert_eq!(m.status, StatusCode::CREATED, "{}", m.body);

    let meta = koppel_app::Meta::local("test");
    let deadline = time(&late["deadlineAt"]);
    let before = koppel_app::contact_requests::escalate_late(
        &app.ctx,
        deadline - Duration::minutes(1),
        &meta,
    )
    .await
    .unwrap();
    assert_eq!(before, 0, "not before the deadline");
    let after = koppel_app::contact_requests::escalate_late(
        &app.ctx,
        deadline + Duration::minutes(1),
        &meta,
    )
    .await
    .unwrap();
    assert_eq!(after, 1, "the late one, not the answered one");
    let again =
        koppel_app::contact_requests::escalate_late(&app.ctx, deadline + Duration::hours(2), &meta)
            .await
            .unwrap();
    assert_eq!(again, 0, "once");
    let r = app
        .api(
            "GET",
            &format!("/api/v1/contact-requests/{}", late["id"]),
            Some(&t),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(r["escalatedToName"], "manager");
    let manager = app.browser_session("manager@spaarne.nl").await;
    let start = app.get_page(&manager, "/").await.body;
    assert!(
        start.contains("Te Laat BV"),
        "it lands on the manager's start page"
    );
}
