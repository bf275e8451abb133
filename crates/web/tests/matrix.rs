//! The access matrix: every UI and API route × every role (and no login) × the relation to the data
//! (own organisation; another organisation without consent; with consent), on both databases.
//!
//! The tables below are the readable part: one row per route, saying whose data it touches and
//! what it needs. The test derives from them, for each role, whether the route must be refused,
//! sends a real request (with the session's CSRF token and a plausible body, so a refusal is the
//! access check's and not the form's), and checks:
//! - a route whose rule the role does not meet is refused (401, 403 or 404; a login redirect in the UI);
//! - no answer to anyone but IJmond (the owner) holds the private canary, and none to a role without
//!   candidate access holds the shared one; no answer is a server error;
//! - after everyone tried everything, IJmond's private data is exactly as it was;
//! - the owner reaches its own data, and WSP staff reach the candidate shared with consent.
//!
//! A route that has no row fails the test: the UI's routes are read from its source, the API's from
//! its OpenAPI document.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::collections::HashMap;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::*;
use koppel_app::domain::codes::Role;
use koppel_app::domain::permissions::Permission::{self, *};
use serde_json::json;

/// Whose data a route touches, and what the caller needs.
#[derive(Debug, Clone, Copy)]
enum Rule {
    /// Anyone, without logging in.
    Public,
    /// Any logged-in user: their own account, or shared data everyone may see.
    LoggedIn,
    /// A logged-in user whose role holds the permission.
    Needs(Permission),
    /// Personal data of IJmond's private candidate (or their nomination, placement, ...): refused
    /// to everyone outside IJmond, and within it to roles without the permission.
    Private(Permission),
}
use Rule::*;

/// The UI: method, route (placeholders are filled in by the test) and rule.
const UI: &[(&str, &str, Rule)] = &[
    ("GET", "/", LoggedIn),
    ("GET", "/login", Public),
    ("POST", "/login", Public),
    ("POST", "/afmelden", LoggedIn),
    ("GET", "/login/code", LoggedIn),
    ("POST", "/login/code", LoggedIn),
    ("GET", "/tweede-factor", LoggedIn),
    ("POST", "/tweede-factor", LoggedIn),
    ("GET", "/instellingen", LoggedIn),
    ("POST", "/instellingen/tokens", LoggedIn),
    ("POST", "/tokens/{token_id}/intrekken", Needs(ManageUsers)),
    ("GET", "/beheer/gebruikers", Needs(ManageUsers)),
    ("GET", "/beheer/gebruikers/nieuw", Needs(ManageUsers)),
    ("POST", "/beheer/gebruikers/nieuw", Needs(ManageUsers)),
    ("GET", "/beheer/gebruikers/{user}", Needs(ManageUsers)),
    (
        "POST",
        "/beheer/gebruikers/{user}/{action}",
        Needs(ManageUsers),
    ),
    ("GET", "/beheer/doelgroepen", Needs(ManageUsers)),
    ("POST", "/beheer/doelgroepen", Needs(ManageUsers)),
    ("GET", "/beheer/gemeenten", Needs(ManageUsers)),
    ("POST", "/beheer/gemeenten", Needs(ManageUsers)),
    ("GET", "/kandidaten", Needs(ReadCandidates)),
    ("POST", "/kandidaten", Needs(WriteCandidates)),
    ("GET", "/kandidaten/nieuw", Needs(WriteCandidates)),
    ("GET", "/kandidaten/export", Needs(ReadCandidates)),
    ("GET", "/kandidaten/{candidate}", Private(ReadCandidates)),
    ("POST", "/kandidaten/{candidate}", Private(WriteCandidates)),
    (
        "GET",
        "/kandidaten/{candidate}/bewerken",
        Private(WriteCandidates),
    ),
    (
        "GET",
        "/kandidaten/{candidate}/cv-vaardigheden",
        Private(WriteCandidates),
    ),
    (
        "POST",
        "/kandidaten/{candidate}/cv-vaardigheden",
        Private(WriteCandidates),
    ),
    (
        "GET",
        "/kandidaten/{candidate}/vacatures",
        Private(ReadCandidates),
    ),
    (
        "GET",
        "/kandidaten/{candidate}/inzage.pdf",
        Private(WriteCandidates),
    ),
    (
        "GET",
        "/kandidaten/{candidate}/inzage.json",
        Private(WriteCandidates),
    ),
    (
        "GET",
        "/kandidaten/{candidate}/wissen",
        Private(WriteCandidates),
    ),
    (
        "POST",
        "/kandidaten/{candidate}/wissen",
        Private(WriteCandidates),
    ),
    (
        "GET",
        "/vacatures/{vacancy}/gat/{candidate}",
        Private(ReadCandidates),
    ),
    ("GET", "/voordrachten", Needs(ReadCandidates)),
    ("POST", "/voordrachten", Private(WriteNominations)),
    ("GET", "/voordrachten/{nomination}", Private(ReadCandidates)),
    (
        "POST",
        "/voordrachten/{nomination}",
        Private(WriteNominations),
    ),
    (
        "POST",
        "/voordrachten/{nomination}/plaatsing",
        Private(WriteNominations),
    ),
    ("GET", "/plaatsingen/{placement}", Private(ReadCandidates)),
    (
        "POST",
        "/plaatsingen/{placement}",
        Private(WriteNominations),
    ),
    (
        "GET",
        "/plaatsingen/{placement}/bewerken",
        Private(WriteNominations),
    ),
    (
        "POST",
        "/plaatsingen/{placement}/instrumenten",
        Private(WriteNominations),
    ),
    (
        "GET",
        "/instrumenten/{instrument}/bewerken",
        Private(WriteNominations),
    ),
    (
        "POST",
        "/instrumenten/{instrument}",
        Private(WriteNominations),
    ),
    ("POST", "/nazorg/{aftercare}", Private(WriteNominations)),
    ("POST", "/deelnemers/{participant}", Private(WriteEmployers)),
    ("GET", "/werkgevers", LoggedIn),
    ("POST", "/werkgevers", Needs(WriteEmployers)),
    ("GET", "/werkgevers/nieuw", Needs(WriteEmployers)),
    ("GET", "/werkgevers/export", LoggedIn),
    ("GET", "/werkgevers/importeren", LoggedIn),
    ("POST", "/werkgevers/importeren", LoggedIn),
    ("GET", "/werkgevers/{employer}", LoggedIn),
    ("POST", "/werkgevers/{employer}", Needs(WriteEmployers)),
    (
        "GET",
        "/werkgevers/{employer}/bewerken",
        Needs(WriteEmployers),
    ),
    (
        "POST",
        "/werkgevers/{employer}/samenvoegen",
        Needs(WriteEmployers),
    ),
    (
        "POST",
        "/werkgevers/{employer}/archief",
        Needs(WriteEmployers),
    ),
    (
        "POST",
        "/werkgevers/{employer}/vestigingen",
        Needs(WriteEmployers),
    ),
    (
        "GET",
        "/werkgevers/{employer}/vestigingen/nieuw",
        Needs(WriteEmployers),
    ),
    (
        "POST",
        "/werkgevers/{employer}/vestigingen/{establishment}",
        Needs(WriteEmployers),
    ),
    (
        "GET",
        "/werkgevers/{employer}/vestigingen/{establishment}/bewerken",
        Needs(WriteEmployers),
    ),
    (
        "POST",
        "/werkgevers/{employer}/contactpersonen",
        Needs(WriteEmployers),
    ),
    (
        "GET",
        "/werkgevers/{employer}/contactpersonen/nieuw",
        Needs(WriteEmployers),
    ),
    (
        "POST",
        "/werkgevers/{employer}/contactpersonen/{person}",
        Needs(WriteEmployers),
    ),
    (
        "GET",
        "/werkgevers/{employer}/contactpersonen/{person}/bewerken",
        Needs(WriteEmployers),
    ),
    (
        "GET",
        "/werkgevers/{employer}/accountteam",
        Needs(WriteEmployers),
    ),
    (
        "POST",
        "/werkgevers/{employer}/accountteam",
        Needs(WriteEmployers),
    ),
    (
        "POST",
        "/werkgevers/{employer}/contactmomenten",
        Needs(WriteEmployers),
    ),
    (
        "POST",
        "/werkgevers/{employer}/afspraken",
        Needs(WriteEmployers),
    ),
    (
        "POST",
        "/werkgevers/{employer}/tevredenheid",
        Needs(WriteEmployers),
    ),
    (
        "POST",
        "/werkgevers/{employer}/tevredenheidslink",
        Needs(WriteEmployers),
    ),
    (
        "GET",
        "/afspraken/{agreement}/bewerken",
        Needs(WriteEmployers),
    ),
    ("POST", "/afspraken/{agreement}", Needs(WriteEmployers)),
    ("GET", "/contactverzoeken", Needs(ReadContactPersons)),
    ("POST", "/contactverzoeken", Needs(WriteEmployers)),
    ("GET", "/contactverzoeken/nieuw", Needs(WriteEmployers)),
    (
        "GET",
        "/contactverzoeken/{request}",
        Needs(ReadContactPersons),
    ),
    (
        "POST",
        "/contactverzoeken/{request}/escalatie",
        Needs(WriteEmployers),
    ),
    (
        "POST",
        "/contactverzoeken/{request}/werkgever",
        Needs(WriteEmployers),
    ),
    ("GET", "/contact", Public),
    ("POST", "/contact", Public),
    ("GET", "/tevredenheid/{token}", Public),
    ("POST", "/tevredenheid/{token}", Public),
    ("GET", "/vacatures", LoggedIn),
    ("POST", "/vacatures", Needs(WriteVacancies)),
    ("GET", "/vacatures/nieuw", Needs(WriteVacancies)),
    ("GET", "/vacatures/export", LoggedIn),
    ("GET", "/vacatures/{vacancy}", LoggedIn),
    ("POST", "/vacatures/{vacancy}", Needs(WriteVacancies)),
    (
        "GET",
        "/vacatures/{vacancy}/bewerken",
        Needs(WriteVacancies),
    ),
    (
        "GET",
        "/vacatures/{vacancy}/kandidaten",
        Needs(ReadCandidates),
    ),
    ("GET", "/vacatures/{vacancy}/bord", Needs(ReadCandidates)),
    ("GET", "/vum/vacatures/{vum}", Needs(ReadCandidates)),
    ("GET", "/vum/werkzoekenden/{vum}", Needs(ReadCandidates)),
    ("GET", "/bijeenkomsten", LoggedIn),
    ("POST", "/bijeenkomsten", Needs(WriteEmployers)),
    ("GET", "/bijeenkomsten/{event}", LoggedIn),
    ("POST", "/bijeenkomsten/{event}", Needs(WriteEmployers)),
    (
        "GET",
        "/bijeenkomsten/{event}/bewerken",
        Needs(WriteEmployers),
    ),
    (
        "POST",
        "/bijeenkomsten/{event}/deelnemers",
        Private(WriteEmployers),
    ),
    (
        "POST",
        "/bijeenkomsten/{event}/resultaten",
        Needs(WriteEmployers),
    ),
    ("GET", "/cijfers", LoggedIn),
    ("GET", "/cijfers/download", LoggedIn),
    ("GET", "/cijfers/doelen", LoggedIn),
    ("POST", "/cijfers/doelen", Needs(ManageTargets)),
    ("GET", "/importeren", LoggedIn),
    ("POST", "/importeren", LoggedIn),
    ("GET", "/importeren/{token}", LoggedIn),
    ("GET", "/vacaturekrant", Public),
    ("GET", "/vacaturekrant/afdrukken", Public),
    ("GET", "/vacaturekrant/rss.xml", Public),
    ("GET", "/vacaturekrant/atom.xml", Public),
    ("GET", "/vacaturekrant/feed.json", Public),
    ("GET", "/vacaturekrant/{vacancy}", Public),
    ("GET", "/static/koppel.css", Public),
    ("GET", "/static/koppel.js", Public),
    ("GET", "/health", Public),
];

/// The API under `/api/v1`: method, route and rule.
const API: &[(&str, &str, Rule)] = &[
    ("GET", "/openapi.json", Public),
    ("GET", "/code-lists", LoggedIn),
    ("GET", "/target-groups", LoggedIn),
    ("POST", "/target-groups", Needs(ManageUsers)),
    ("GET", "/taxonomy/occupations", LoggedIn),
    ("GET", "/taxonomy/skills", LoggedIn),
    ("GET", "/taxonomy/occupation-skills", LoggedIn),
    ("POST", "/taxonomy/skills-in-text", LoggedIn),
    ("GET", "/tokens", LoggedIn),
    ("POST", "/tokens", LoggedIn),
    ("DELETE", "/tokens/{token_id}", Needs(ManageUsers)),
    ("GET", "/candidates", Needs(ReadCandidates)),
    ("POST", "/candidates", Needs(WriteCandidates)),
    ("GET", "/candidates/{candidate}", Private(ReadCandidates)),
    ("PUT", "/candidates/{candidate}", Private(WriteCandidates)),
    (
        "GET",
        "/candidates/{candidate}/vacancy-matches",
        Private(ReadCandidates),
    ),
    (
        "GET",
        "/candidates/{candidate}/subject-access",
        Private(WriteCandidates),
    ),
    (
        "POST",
        "/candidates/{candidate}/erasure",
        Private(WriteCandidates),
    ),
    (
        "GET",
        "/vacancies/{vacancy}/skills-gap",
        Private(ReadCandidates),
    ),
    ("GET", "/nominations", Needs(ReadCandidates)),
    ("POST", "/nominations", Private(WriteNominations)),
    ("GET", "/nominations/{nomination}", Private(ReadCandidates)),
    (
        "PUT",
        "/nominations/{nomination}",
        Private(WriteNominations),
    ),
    (
        "POST",
        "/nominations/{nomination}/placement",
        Private(WriteNominations),
    ),
    ("GET", "/placements/{placement}", Private(ReadCandidates)),
    ("PUT", "/placements/{placement}", Private(WriteNominations)),
    (
        "GET",
        "/placements/{placement}/aftercare",
        Private(ReadCandidates),
    ),
    (
        "GET",
        "/placements/{placement}/instruments",
        Private(ReadCandidates),
    ),
    (
        "POST",
        "/placements/{placement}/instruments",
        Private(WriteNominations),
    ),
    (
        "GET",
        "/placement-instruments/{instrument}",
        Private(ReadCandidates),
    ),
    (
        "PUT",
        "/placement-instruments/{instrument}",
        Private(WriteNominations),
    ),
    (
        "PUT",
        "/aftercare-tasks/{aftercare}",
        Private(WriteNominations),
    ),
    (
        "PUT",
        "/event-participants/{participant}",
        Private(WriteEmployers),
    ),
    (
        "POST",
        "/events/{event}/participants",
        Private(WriteEmployers),
    ),
    ("GET", "/events", LoggedIn),
    ("POST", "/events", Needs(WriteEmployers)),
    ("GET", "/events/{event}", LoggedIn),
    ("PUT", "/events/{event}", Needs(WriteEmployers)),
    ("POST", "/events/{event}/results", Needs(WriteEmployers)),
    ("GET", "/employers", LoggedIn),
    ("POST", "/employers", Needs(WriteEmployers)),
    ("GET", "/employers/{employer}", LoggedIn),
    ("PUT", "/employers/{employer}", Needs(WriteEmployers)),
    (
        "PUT",
        "/employers/{employer}/account-team",
        Needs(WriteEmployers),
    ),
    (
        "POST",
        "/employers/{employer}/agreements",
        Needs(WriteEmployers),
    ),
    (
        "PUT",
        "/employers/{employer}/archived",
        Needs(WriteEmployers),
    ),
    (
        "POST",
        "/employers/{employer}/contact-moments",
        Needs(WriteEmployers),
    ),
    (
        "POST",
        "/employers/{employer}/contact-persons",
        Needs(WriteEmployers),
    ),
    (
        "PUT",
        "/employers/{employer}/contact-persons/{person}",
        Needs(WriteEmployers),
    ),
    (
        "POST",
        "/employers/{employer}/establishments",
        Needs(WriteEmployers),
    ),
    (
        "PUT",
        "/employers/{employer}/establishments/{establishment}",
        Needs(WriteEmployers),
    ),
    ("POST", "/employers/{employer}/merge", Needs(WriteEmployers)),
    ("GET", "/employers/{employer}/satisfaction", LoggedIn),
    (
        "POST",
        "/employers/{employer}/satisfaction",
        Needs(WriteEmployers),
    ),
    (
        "POST",
        "/employers/{employer}/satisfaction-links",
        Needs(WriteEmployers),
    ),
    ("GET", "/employers/{employer}/timeline", LoggedIn),
    ("GET", "/agreements/{agreement}", Needs(ReadContactPersons)),
    ("PUT", "/agreements/{agreement}", Needs(WriteEmployers)),
    ("GET", "/contact-requests", Needs(ReadContactPersons)),
    ("POST", "/contact-requests", Needs(WriteEmployers)),
    (
        "GET",
        "/contact-requests/{request}",
        Needs(ReadContactPersons),
    ),
    (
        "PUT",
        "/contact-requests/{request}/employer",
        Needs(WriteEmployers),
    ),
    (
        "POST",
        "/contact-requests/{request}/escalation",
        Needs(WriteEmployers),
    ),
    ("GET", "/vacancies", LoggedIn),
    ("POST", "/vacancies", Needs(WriteVacancies)),
    ("GET", "/vacancies/{vacancy}", LoggedIn),
    ("PUT", "/vacancies/{vacancy}", Needs(WriteVacancies)),
    (
        "GET",
        "/vacancies/{vacancy}/candidate-matches",
        Needs(ReadCandidates),
    ),
    ("GET", "/changes", LoggedIn),
    ("GET", "/worklist", LoggedIn),
    ("GET", "/figures/factsheet", LoggedIn),
    ("GET", "/targets", LoggedIn),
    ("PUT", "/targets/{year}", Needs(ManageTargets)),
    ("POST", "/public/contact-requests", Public),
    ("POST", "/public/satisfaction/{token}", Public),
    ("GET", "/public/vacancies", Public),
    ("GET", "/public/vacancies/{vacancy}", Public),
];

const PRIVATE: &str = "Kanariegeheim";
const SHARED: &str = "Kanariegedeeld";

/// The objects of the test region that the routes' placeholders name.
struct World {
    ids: HashMap<&'static str, String>,
}

impl World {
    fn path(&self, template: &str) -> String {
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
async fn world(app: &TestApp) -> World {
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
    ];
    World {
        ids: ids.into_iter().collect(),
    }
}

/// A plausible body for any write: the fields most forms and inputs use, pointing at the private
/// candidate where a candidate is named.
fn body(world: &World) -> Vec<(&'static str, String)> {
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
async fn private_rows(app: &TestApp, world: &World) -> Vec<String> {
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
    let mut tx = app.ctx.store.begin().await.unwrap();
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
                &koppel_app::store::vals![c],
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
                &koppel_app::store::vals![c],
            )
            .await
            .unwrap()
        };
        rows.push(format!("{table}: {n} rows, versions {versions}"));
    }
    let (first, last, email, consent): (String, String, Option<String>, String) = tx
        .fetch_one(
            "SELECT first_name, last_name, email, consent_scope FROM candidates WHERE id = $1",
            &koppel_app::store::vals![c],
        )
        .await
        .unwrap();
    rows.push(format!("{first} {last} {email:?} {consent}"));
    rows
}

/// Who tries: every role of Spaarne Werkt (another WSP partner), the partner organisation, and
/// someone without a login.
const ACTORS: &[(&str, Option<Role>)] = &[
    ("consulent@spaarne.nl", Some(Role::Consultant)),
    ("adviseur@spaarne.nl", Some(Role::Adviser)),
    ("jobhunter@spaarne.nl", Some(Role::Jobhunter)),
    ("manager@spaarne.nl", Some(Role::Manager)),
    ("beheer@spaarne.nl", Some(Role::Admin)),
    ("partner@uitzend.nl", Some(Role::Partner)),
    ("", None),
];

/// Whether the rule refuses this role (or no login) for IJmond's private data.
fn must_refuse(rule: Rule, role: Option<Role>) -> bool {
    match (rule, role) {
        (Public, _) => false,
        (_, None) => true,
        (LoggedIn, Some(_)) => false,
        (Needs(p), Some(r)) => !r.can(p),
        (Private(_), Some(_)) => true,
    }
}

fn refused(status: StatusCode, location: Option<&str>, ui: bool) -> bool {
    matches!(
        status,
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    ) || (ui && status == StatusCode::SEE_OTHER && location == Some("/login"))
        // A write naming a candidate outside the scope is refused as an invalid field (forms
        // answer 422); the unchanged data and the absent canary show nothing got through.
        || status == StatusCode::BAD_REQUEST
        || status == StatusCode::UNPROCESSABLE_ENTITY
}

async fn send(
    app: &TestApp,
    ui: bool,
    method: &str,
    path: &str,
    cookie: &str,
    token: &str,
    fields: &[(&str, String)],
) -> Reply {
    let mut b = Request::builder().method(method).uri(path);
    if ui {
        b = b.header(header::COOKIE, cookie);
    } else if !token.is_empty() {
        b = b.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    if method == "GET" {
        return app.send(b.body(Body::empty()).unwrap()).await;
    }
    if ui {
        let form = serde_urlencoded::to_string(fields).unwrap();
        b = b.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        app.send(b.body(Body::from(form)).unwrap()).await
    } else {
        let json: serde_json::Map<String, serde_json::Value> = fields
            .iter()
            .filter(|(k, _)| *k != "csrf" && *k != "version")
            .map(|(k, v)| {
                (
                    k.to_string(),
                    v.parse::<i64>()
                        .map(Into::into)
                        .unwrap_or_else(|_| v.clone().into()),
                )
            })
            .collect();
        b = b
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::IF_MATCH, "\"1\"");
        app.send(
            b.body(Body::from(serde_json::Value::Object(json).to_string()))
                .unwrap(),
        )
        .await
    }
}

/// Every route has a row: the UI's routes from its source, the API's from its OpenAPI document.
async fn assert_every_route_has_a_row(app: &TestApp) {
    let mut missing = Vec::new();
    let normal = |p: &str| -> String {
        let mut out = String::new();
        let mut depth = 0;
        for ch in p.split('?').next().unwrap().chars() {
            match ch {
                '{' => {
                    depth += 1;
                    out.push_str("{}");
                }
                '}' => depth -= 1,
                c if depth == 0 => out.push(c),
                _ => {}
            }
        }
        out
    };
    let ui_rows: Vec<(String, String)> = UI
        .iter()
        .map(|(m, p, _)| (m.to_string(), normal(p)))
        .collect();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/ui");
    for entry in std::fs::read_dir(dir).unwrap() {
        let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for (i, _) in source.match_indices(".route(") {
            let rest = &source[i + 7..];
            let path = rest.split('"').nth(1).unwrap();
            let next_route = rest[1..].find(".route(").map_or(rest.len(), |e| e + 1);
            let end = next_route.min(rest.find("\n}").unwrap_or(rest.len()));
            let segment = &rest[..end];
            for method in ["get", "post", "put", "delete"] {
                if segment.contains(&format!("{method}(")) {
                    let key = (method.to_uppercase(), normal(path));
                    if !ui_rows.contains(&key) {
                        missing.push(format!("UI {} {path}", key.0));
                    }
                }
            }
        }
    }
    let api_rows: Vec<(String, String)> = API
        .iter()
        .map(|(m, p, _)| (m.to_string(), normal(p)))
        .collect();
    let doc = app
        .api("GET", "/api/v1/openapi.json", None, None, None)
        .await
        .json();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            let key = (method.to_uppercase(), normal(path));
            if !api_rows.contains(&key) {
                missing.push(format!("API {} {path}", key.0));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "routes without a row in the matrix: {missing:#?}"
    );
}

#[tokio::test]
async fn every_route_refuses_what_the_matrix_says_and_leaks_nothing() {
    let app = TestApp::new().await;
    assert_every_route_has_a_row(&app).await;
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
    let world = world(&app).await;
    let before = private_rows(&app, &world).await;

    // The owner reaches its own candidate; WSP staff elsewhere reach the one shared with consent.
    let owner = app.browser_session("consulent@ijmond.nl").await;
    let own = app
        .get_page(&owner, &world.path("/kandidaten/{candidate}"))
        .await;
    assert!(own.status == StatusCode::OK && own.body.contains(PRIVATE));
    let wsp = app.browser_session("adviseur@spaarne.nl").await;
    let shared = app.get_page(&wsp, &format!("/kandidaten?q={SHARED}")).await;
    assert!(
        shared.body.contains(SHARED),
        "consent opens the candidate to WSP staff"
    );

    let mut wrong = Vec::new();
    let mut tried = 0;
    // Inside IJmond, the role decides: each reads its own candidate's pages where it may.
    for (email, role) in [
        ("consulent@ijmond.nl", Role::Consultant),
        ("adviseur@ijmond.nl", Role::Adviser),
    ] {
        let cookie = app.browser_session(email).await;
        let token = app.token(email).await;
        for (ui, table) in [(true, UI), (false, API)] {
            for (method, route, rule) in table {
                let (&Private(p), "GET") = (rule, *method) else {
                    continue;
                };
                let path = if ui {
                    world.path(route)
                } else {
                    format!("/api/v1{}", world.path(route))
                };
                let path = if route.ends_with("skills-gap") {
                    format!("{path}?candidateId={}", world.ids["candidate"])
                } else {
                    path
                };
                let r = send(&app, ui, method, &path, &cookie, &token, &[]).await;
                tried += 1;
                let location = r
                    .headers
                    .get(header::LOCATION)
                    .and_then(|l| l.to_str().ok());
                if role.can(p) == refused(r.status, location, ui) {
                    wrong.push(format!(
                        "owner {email} {method} {path}: {} while the role {} it",
                        r.status,
                        if role.can(p) { "may do" } else { "may not do" }
                    ));
                }
            }
        }
    }
    for (email, role) in ACTORS {
        let (cookie, token) = match role {
            Some(_) => (app.browser_session(email).await, app.token(email).await),
            None => (String::new(), String::new()),
        };
        let csrf = if role.is_some() {
            app.csrf(&cookie).await
        } else {
            String::new()
        };
        let mut fields = body(&world);
        fields.push(("csrf", csrf));
        let shared_visible = role.is_some_and(|r| r.can(ReadCandidates));
        for (ui, table) in [(true, UI), (false, API)] {
            for (method, route, rule) in table {
                if *route == "/afmelden" {
                    continue; // signing out would end the session the rest of the loop uses
                }
                let path = if ui {
                    world.path(route)
                } else {
                    format!("/api/v1{}", world.path(route))
                };
                let path = if route.ends_with("skills-gap") {
                    format!("{path}?candidateId={}", world.ids["candidate"])
                } else {
                    path
                };
                let r = send(&app, ui, method, &path, &cookie, &token, &fields).await;
                tried += 1;
                let location = r
                    .headers
                    .get(header::LOCATION)
                    .and_then(|l| l.to_str().ok());
                let who = if email.is_empty() { "anonymous" } else { email };
                if r.status.is_server_error() {
                    wrong.push(format!("{who} {method} {path}: server error {}", r.status));
                }
                if r.body.contains(PRIVATE) {
                    wrong.push(format!("{who} {method} {path}: the private canary leaked"));
                }
                if !shared_visible && r.body.contains(SHARED) {
                    wrong.push(format!("{who} {method} {path}: the shared canary leaked"));
                }
                if must_refuse(*rule, *role) && !refused(r.status, location, ui) {
                    wrong.push(format!(
                        "{who} {method} {path}: expected a refusal, got {} {}",
                        r.status,
                        location.unwrap_or("")
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {tried} requests went wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert_eq!(
        private_rows(&app, &world).await,
        before,
        "IJmond's private data changed"
    );
}
