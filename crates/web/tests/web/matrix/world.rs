//! The test region of the access matrix: IJmond's private candidate with everything hanging off
//! them, a candidate shared with consent, shared employer data, and the fingerprint of what must
//! never change.

use std::collections::HashMap;

use serde_json::json;

use crate::common::*;

pub const PRIVATE: &str = "Kanariegeheim";
pub const SHARED: &str = "Kanariegedeeld";

/// The objects of the test region that the routes' placeholders name.
pub struct World {
    pub ids: HashMap<&'static str, String>,
}

impl World {
    /// The path to request for a row: the UI's as it is, the API's under `/api/v1`, with the
    /// placeholders filled in (and the skills gap's candidate as its query).
    pub fn request_path(&self, ui: bool, route: &str) -> String {
        let path = if ui {
            self.path(route)
        } else {
            format!("/api/v1{}", self.path(route))
        };
        if route.ends_with("skills-gap") {
            format!("{path}?candidateId={}", self.ids["candidate"])
        } else if route.starts_with("/kiezen/") {
            format!("{path}?q=Kanarie")
        } else {
            path
        }
    }

    pub fn path(&self, template: &str) -> String {
        let mut out = template.to_string();
        for (name, value) in &self.ids {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        assert!(
            !out.contains('{'),
            "no object for a placeholder in {template}"
        );
        out
    }
}

async fn created(app: &TestApp, token: &str, path: &str, body: serde_json::Value) -> String {
    let r = app.api("POST", path, Some(token), Some(body), None).await;
    assert!(r.status.is_success(), "{path}: {} {}", r.status, r.body);
    r.json()["id"].to_string()
}

/// IJmond's private candidate with everything hanging off them, a candidate shared with consent,
/// and shared employer data.
pub async fn world(app: &TestApp) -> World {
    koppel_app::auth::add_user(
        &app.ctx,
        &koppel_app::auth::NewAccount {
            email: "doelwit@ijmond.nl",
            name: "Doelwit",
            organisation: "IJmond Werkt!",
            role: "consultant",
            password: PASSWORD,
            clusters: &[],
        },
        &koppel_app::Meta::local("test"),
    )
    .await
    .unwrap();
    for (email, role) in [("gids@ijmond.nl", "gids"), ("manager@ijmond.nl", "manager")] {
        let account = koppel_app::auth::NewAccount {
            email,
            name: role,
            organisation: "IJmond Werkt!",
            role,
            password: PASSWORD,
            clusters: &[],
        };
        koppel_app::auth::add_user(&app.ctx, &account, &koppel_app::Meta::local("test"))
            .await
            .unwrap();
    }
    let consultant = app.token("consulent@ijmond.nl").await;
    let adviser = app.token("adviseur@ijmond.nl").await;
    let candidate = created(
        app,
        &consultant,
        "/api/v1/candidates",
        candidate_json(PRIVATE, false),
    )
    .await;
    let shared = created(
        app,
        &consultant,
        "/api/v1/candidates",
        candidate_json(SHARED, true),
    )
    .await;
    let employer = created(
        app,
        &adviser,
        "/api/v1/employers",
        json!({"name": "Staalbedrijf", "sector": "techniek"}),
    )
    .await;
    let vacancy = created(app, &adviser, "/api/v1/vacancies", json!({"employerId": employer.parse::<i64>().unwrap(), "title": "Operator", "status": "open"})).await;
    let nomination = created(app, &adviser, "/api/v1/nominations", json!({"vacancyId": vacancy.parse::<i64>().unwrap(), "candidateId": candidate.parse::<i64>().unwrap()})).await;
    for (version, state) in ["interested", "interview", "offer"].into_iter().enumerate() {
        let r = app
            .api(
                "PUT",
                &format!("/api/v1/nominations/{nomination}"),
                Some(&adviser),
                Some(json!({"state": state})),
                Some(&(version + 1).to_string()),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.body);
    }
    let placement = app
        .api(
            "POST",
            &format!("/api/v1/nominations/{nomination}/placement"),
            Some(&adviser),
            Some(
                json!({"contractType": "temporary", "hoursPerWeek": 24, "startDate": "2025-09-01"}),
            ),
            Some("4"),
        )
        .await;
    assert!(placement.status.is_success(), "{}", placement.body);
    let placement = placement.json()["id"].to_string();
    let instrument = created(
        app,
        &adviser,
        &format!("/api/v1/placements/{placement}/instruments"),
        json!({"instrument": "loonkostensubsidie", "startDate": "2025-09-01"}),
    )
    .await;
    let aftercare = app
        .api(
            "GET",
            &format!("/api/v1/placements/{placement}/aftercare"),
            Some(&adviser),
            None,
            None,
        )
        .await
        .json()[0]["id"]
        .to_string();
    let event = created(
        app,
        &adviser,
        "/api/v1/events",
        json!({"title": "Banenmarkt", "kind": "care_fair", "eventDate": "2026-03-12"}),
    )
    .await;
    let participant = created(
        app,
        &adviser,
        &format!("/api/v1/events/{event}/participants"),
        json!({"candidateId": candidate.parse::<i64>().unwrap()}),
    )
    .await;
    let establishment = created(
        app,
        &adviser,
        &format!("/api/v1/employers/{employer}/establishments"),
        json!({"name": "Locatie Noord", "city": "Velsen"}),
    )
    .await;
    let person = created(
        app,
        &adviser,
        &format!("/api/v1/employers/{employer}/contact-persons"),
        json!({"name": "Ilse de Boer"}),
    )
    .await;
    let agreement = created(
        app,
        &adviser,
        &format!("/api/v1/employers/{employer}/agreements"),
        json!({"description": "Terugbellen"}),
    )
    .await;
    let request = created(app, &adviser, "/api/v1/contact-requests", json!({"employerId": employer.parse::<i64>().unwrap(), "companyName": "Staalbedrijf", "contactName": "Ruben", "email": "ruben@staal.nl", "message": "Wij zoeken operators"})).await;
    let token_id = app
        .api("GET", "/api/v1/tokens", Some(&consultant), None, None)
        .await
        .json()[0]["id"]
        .to_string();
    let user = app.user_id("doelwit@ijmond.nl").await.to_string();
    let (location, resident, referral, desk_request, trajectory) = desk(app).await;
    let ids = [
        ("candidate", candidate),
        ("shared", shared),
        ("employer", employer),
        ("vacancy", vacancy),
        ("nomination", nomination),
        ("placement", placement),
        ("instrument", instrument),
        ("aftercare", aftercare),
        ("event", event),
        ("participant", participant),
        ("establishment", establishment),
        ("person", person),
        ("agreement", agreement),
        ("request", request),
        ("token_id", token_id),
        ("user", user),
        ("action", "sessies-beeindigen".into()),
        ("token", "0123456789abcdef0123456789abcdef".into()),
        ("vum", "999999".into()),
        ("year", "2026".into()),
        ("mail_kind", "handover".into()),
        ("location", location),
        ("resident", resident),
        ("referral", referral),
        ("desk_request", desk_request),
        ("trajectory", trajectory),
    ];
    World {
        ids: ids.into_iter().collect(),
    }
}

/// Posts a form as a signed-in user and gives the last part of the address it sends them to.
async fn form(app: &TestApp, email: &str, path: &str, fields: &[(&str, &str)]) -> String {
    let cookie = app.browser_session(email).await;
    let csrf = app.csrf(&cookie).await;
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    let r = app.post_form(&cookie, path, &all).await;
    assert_eq!(
        r.status,
        axum::http::StatusCode::SEE_OTHER,
        "{path}: {}",
        r.body
    );
    let to = r.headers["location"].to_str().unwrap();
    to.rsplit('/').next().unwrap().to_string()
}

/// A Werkcentrum location, IJmond's gids's private resident (the canary's name) and their
/// referral to the partner organisation (whose role handles no referrals).
async fn desk(app: &TestApp) -> (String, String, String, String, String) {
    let place = [
        ("name", "Balie Velsen"),
        ("address", "Plein 1"),
        ("postcode", "1971 AB"),
        ("city", "IJmuiden"),
        ("walkInHours", "maandag 9.00-12.00 uur"),
        ("active", "on"),
    ];
    form(app, "beheer@spaarne.nl", "/beheer/locaties/nieuw", &place).await;
    let mut tx = app.ctx.store().begin().await.unwrap();
    let location = tx
        .scalar("SELECT id FROM desk_locations", &[])
        .await
        .unwrap();
    let partner = tx
        .scalar(
            "SELECT id FROM organisations WHERE name = 'Uitzendpartner'",
            &[],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let visit = [
        ("channel", "phone"),
        ("question", "werken"),
        ("asker", "resident"),
        ("name", PRIVATE),
        ("birthDate", "1980-01-01"),
        ("phone", "0612345678"),
        ("consent", "on"),
    ];
    let resident = form(app, "gids@ijmond.nl", "/werkcentrum/gesprekken", &visit).await;
    let to = partner.to_string();
    let path = format!("/werkcentrum/inwoners/{resident}/doorverwijzingen");
    let referral = form(
        app,
        "gids@ijmond.nl",
        &path,
        &[("toOrgId", to.as_str()), ("note", "Geheim")],
    )
    .await;
    let budget = [("year", "2026"), ("kind", "opleiding"), ("amount", "10000")];
    form(app, "manager@ijmond.nl", "/werkcentrum/budget", &budget).await;
    let course = [
        ("kind", "opleiding"),
        ("provider", "ROC"),
        ("startDate", "2026-03-01"),
        ("cost", "2500"),
    ];
    let path = format!("/werkcentrum/inwoners/{resident}/trajecten");
    let trajectory = form(app, "gids@ijmond.nl", &path, &course).await;
    let trajectory = trajectory.split('?').next().unwrap().to_string();
    let guard = koppel_app::public_form::FormGuard {
        website: String::new(),
        token: koppel_app::public_form::form_token(
            &app.ctx,
            chrono::Utc::now() - chrono::Duration::seconds(30),
        ),
    };
    let asked = koppel_app::desk::requests::DeskRequestInput {
        kind: koppel_app::input::Text("call_back".into()),
        name: koppel_app::input::Text("Beller".into()),
        phone: Some(koppel_app::input::Text("0611111111".into())),
        question: koppel_app::input::Text("werken".into()),
        message: koppel_app::input::Text("Graag terugbellen".into()),
        ..Default::default()
    };
    let meta = koppel_app::Meta::local("test");
    let request = koppel_app::desk::requests::create_public(&app.ctx, &meta, &asked, &guard)
        .await
        .unwrap();
    (
        location.to_string(),
        resident,
        referral,
        request.to_string(),
        trajectory,
    )
}

/// A plausible body for any write: the fields most forms and inputs use, pointing at the private
/// candidate where a candidate is named.
pub fn body(world: &World) -> Vec<(&'static str, String)> {
    let id = |k: &str| world.ids[k].clone();
    vec![
        ("version", "1".into()),
        ("candidateId", id("candidate")),
        ("vacancyId", id("vacancy")),
        ("employerId", id("employer")),
        ("status", "attended".into()),
        ("state", "interested".into()),
        ("firstName", "Overschreven".into()),
        ("lastName", "Overschreven".into()),
        ("email", "overschreven@voorbeeld.nl".into()),
        ("name", "Overschreven".into()),
        ("title", "Overschreven".into()),
        ("notes", "Overschreven".into()),
        ("consentWsp", "true".into()),
        ("consentScope", "wsp_vum".into()),
        ("targetGroup", "pwet".into()),
        ("contractType", "temporary".into()),
        ("hoursPerWeek", "24".into()),
        ("startDate", "2025-09-01".into()),
        ("instrument", "jobcoach".into()),
        ("outcome", "in_work".into()),
        ("cvText", "lassen en heftruck".into()),
    ]
}

/// The fingerprint of IJmond's private data: every row about the private candidate.
pub async fn private_rows(app: &TestApp, world: &World) -> Vec<String> {
    let mut rows = rows_of(app, world.ids["candidate"].parse::<i64>().unwrap()).await;
    // Consent lets WSP staff read and propose the shared candidate, never rewrite them.
    rows.extend(
        rows_of(app, world.ids["shared"].parse::<i64>().unwrap())
            .await
            .into_iter()
            .filter(|r| r.starts_with("candidates") || !r.contains(':')),
    );
    rows
}

async fn rows_of(app: &TestApp, c: i64) -> Vec<String> {
    let mut tx = app.ctx.store().begin().await.unwrap();
    let mut rows = Vec::new();
    for (table, cond) in [
        ("candidates", "id = $1"),
        ("candidate_skills", "candidate_id = $1"),
        ("nominations", "candidate_id = $1"),
        ("placements", "candidate_id = $1"),
        (
            "placement_instruments",
            "placement_id IN (SELECT id FROM placements WHERE candidate_id = $1)",
        ),
        (
            "aftercare_tasks",
            "placement_id IN (SELECT id FROM placements WHERE candidate_id = $1)",
        ),
        ("event_participants", "candidate_id = $1"),
    ] {
        let n: i64 = tx
            .scalar(
                &format!("SELECT COUNT(*) FROM {table} WHERE {cond}"),
                &koppel_store::vals![c],
            )
            .await
            .unwrap();
        let versions: i64 = if table == "candidate_skills" {
            0
        } else {
            tx.scalar(
                &format!(
                    "SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM {table} WHERE {cond}"
                ),
                &koppel_store::vals![c],
            )
            .await
            .unwrap()
        };
        rows.push(format!("{table}: {n} rows, versions {versions}"));
    }
    let (first, last, email, consent): (String, String, Option<String>, String) = tx
        .fetch_one(
            "SELECT first_name, last_name, email, consent_scope FROM candidates WHERE id = $1",
            &koppel_store::vals![c],
        )
        .await
        .unwrap();
    rows.push(format!("{first} {last} {email:?} {consent}"));
    for sql in [
        "SELECT COUNT(*) FROM residents",
        "SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM residents",
        "SELECT COUNT(*) FROM referrals",
        "SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM referrals",
        "SELECT COUNT(*) FROM desk_conversations",
        "SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM trajectories",
    ] {
        let n: i64 = tx.scalar(sql, &[]).await.unwrap();
        rows.push(format!("{sql}: {n}"));
    }
    rows
}
