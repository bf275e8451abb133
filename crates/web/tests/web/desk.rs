//! The Werkcentrum's desk through the UI, on both databases: the administrator keeps the
//! locations and the public sees their walk-in hours; a gids records conversations (refused
//! without consent, warned of a duplicate, anonymous only counted), refers a resident to UWV, and
//! UWV finds it on its start page and accepts it; a referral sent back needs a reason, and one
//! nothing happened to is followed up.

use axum::http::StatusCode;
use koppel_app::auth::{self, NewAccount, OrganisationSpec};
use koppel_app::Meta;

use crate::common::*;

/// The Werkcentrum with a gids, UWV with a consultant, and a second Werkcentrum with a gids.
pub(crate) async fn desk_region(app: &TestApp) {
    let meta = Meta::local("test");
    for (name, kind) in [
        ("Werkcentrum IJmond", "werkcentrum"),
        ("UWV", "uwv"),
        ("Werkcentrum Zuid", "werkcentrum"),
    ] {
        let spec = OrganisationSpec {
            name,
            short_name: name,
            kind,
            wsp_partner: false,
            municipality_code: None,
            oin: None,
        };
        auth::add_organisation(&app.ctx, &spec, &meta)
            .await
            .unwrap();
    }
    for (email, org, role) in [
        ("gids@werkcentrum.nl", "Werkcentrum IJmond", "gids"),
        ("consulent@uwv.nl", "UWV", "consultant"),
        ("gids@zuid.nl", "Werkcentrum Zuid", "gids"),
        ("manager@werkcentrum.nl", "Werkcentrum IJmond", "manager"),
    ] {
        let account = NewAccount {
            email,
            name: email.split('@').next().unwrap(),
            organisation: org,
            role,
            password: PASSWORD,
            clusters: &[],
        };
        auth::add_user(&app.ctx, &account, &meta).await.unwrap();
    }
}

pub(crate) async fn count(app: &TestApp, sql: &str) -> i64 {
    let mut tx = app.ctx.store().begin().await.unwrap();
    let n = tx.scalar(sql, &[]).await.unwrap();
    tx.commit().await.unwrap();
    n
}

pub(crate) fn location_of(reply: &Reply) -> String {
    reply.headers["location"].to_str().unwrap().to_string()
}

/// Posts a form with the session's CSRF token.
pub(crate) async fn post(
    app: &TestApp,
    cookie: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> Reply {
    let csrf = app.csrf(cookie).await;
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    app.post_form(cookie, path, &all).await
}

const VISIT: &[(&str, &str)] = &[
    ("channel", "walk_in"),
    ("question", "werken"),
    ("asker", "resident"),
    ("advice", "Ingeschreven bij UWV aanraden"),
    ("nextStep", "Doorverwijzen naar UWV"),
];

pub(crate) async fn add_location(app: &TestApp) -> String {
    let admin = app.browser_session("beheer@spaarne.nl").await;
    let fields = [
        ("name", "Werkcentrum Beverwijk"),
        ("address", "Breestraat 1"),
        ("postcode", "1941 EA"),
        ("city", "Beverwijk"),
        ("walkInHours", "dinsdag 9.00-12.00 uur"),
        ("active", "on"),
    ];
    let r = post(app, &admin, "/beheer/locaties/nieuw", &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let again = post(app, &admin, "/beheer/locaties/nieuw", &fields).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("Er is al een locatie met deze naam"));
    let public = app.get_page("", "/spreekuren").await;
    assert!(public.status == StatusCode::OK && public.body.contains("dinsdag 9.00-12.00 uur"));
    count(app, "SELECT id FROM desk_locations")
        .await
        .to_string()
}

#[tokio::test]
async fn a_gids_registers_a_walk_in_visit_refers_to_uwv_and_sees_it_accepted() {
    let app = TestApp::new().await;
    desk_region(&app).await;
    let location = add_location(&app).await;
    let gids = app.browser_session("gids@werkcentrum.nl").await;
    let form = app.get_page(&gids, "/werkcentrum/gesprekken/nieuw").await;
    assert!(
        form.status == StatusCode::OK && form.body.contains("Werkcentrum Beverwijk (Beverwijk)")
    );

    let mut visit: Vec<(&str, &str)> = VISIT.to_vec();
    visit.extend([
        ("locationId", location.as_str()),
        ("name", "Fatima el Amrani"),
        ("birthDate", "12-05-1984"),
        ("phone", "0612345678"),
    ]);
    let refused = post(&app, &gids, "/werkcentrum/gesprekken", &visit).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("alleen met diens toestemming"),
        "{}",
        refused.body
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM residents").await, 0);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM desk_conversations").await,
        0,
        "a refused form stores nothing"
    );

    visit.push(("consent", "on"));
    let saved = post(&app, &gids, "/werkcentrum/gesprekken", &visit).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let resident_page = location_of(&saved);
    let resident = resident_page.rsplit('/').next().unwrap().to_string();

    // The same person again: warned, offered by name, and the gids picks them.
    let twice = post(&app, &gids, "/werkcentrum/gesprekken", &visit).await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(twice
        .body
        .contains("Er is al een inwoner met deze naam en geboortedatum"));
    assert!(twice.body.contains("Fatima el Amrani, geboren 12-05-1984"));
    let mut picked = visit.clone();
    picked.push(("residentId", resident.as_str()));
    let again = post(&app, &gids, "/werkcentrum/gesprekken", &picked).await;
    assert_eq!(location_of(&again), resident_page);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM residents").await, 1);

    // An anonymous visit is only counted, and carries no personal data.
    let mut anonymous: Vec<(&str, &str)> = VISIT.to_vec();
    anonymous.extend([
        ("locationId", location.as_str()),
        ("anonymous", "on"),
        ("name", "Iemand"),
    ]);
    let mixed = post(&app, &gids, "/werkcentrum/gesprekken", &anonymous).await;
    assert_eq!(mixed.status, StatusCode::UNPROCESSABLE_ENTITY);
    anonymous.retain(|(k, _)| *k != "name");
    let counted = post(&app, &gids, "/werkcentrum/gesprekken", &anonymous).await;
    assert_eq!(location_of(&counted), "/werkcentrum");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM desk_conversations").await,
        3
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM desk_conversations WHERE resident_id IS NULL"
        )
        .await,
        1
    );

    // Found again by name and date of birth.
    let found = app
        .get_page(
            &gids,
            "/werkcentrum/inwoners?naam=amrani&geboortedatum=1984-05-12",
        )
        .await;
    assert!(found.body.contains(&resident_page));

    // Refer to UWV, picked by name from the form's list.
    let page = app.get_page(&gids, &resident_page).await;
    assert!(page.body.contains("Doorverwijzen") && page.body.contains(">UWV<"));
    let uwv = count(&app, "SELECT id FROM organisations WHERE name = 'UWV'")
        .await
        .to_string();
    let path = format!("{resident_page}/doorverwijzingen");
    let sent = post(
        &app,
        &gids,
        &path,
        &[
            ("toOrgId", uwv.as_str()),
            ("note", "Wil zich inschrijven voor WW"),
        ],
    )
    .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let referral = location_of(&sent);

    // It lands on UWV's start page; nobody else sees it.
    let uwv_consultant = app.browser_session("consulent@uwv.nl").await;
    let start = app.get_page(&uwv_consultant, "/").await;
    assert!(
        start.body.contains("Doorverwijzingen naar uw organisatie")
            && start.body.contains("Fatima el Amrani")
    );
    for outsider in ["consulent@spaarne.nl", "gids@zuid.nl"] {
        let other = app.browser_session(outsider).await;
        assert_eq!(
            app.get_page(&other, &referral).await.status,
            StatusCode::NOT_FOUND,
            "{outsider}"
        );
        assert_eq!(
            app.get_page(&other, &resident_page).await.status,
            if outsider.starts_with("gids") {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::FORBIDDEN
            },
            "{outsider}"
        );
    }
    let detail = app.get_page(&uwv_consultant, &referral).await;
    assert!(
        detail.body.contains("Wil zich inschrijven voor WW") && detail.body.contains("0612345678")
    );
    let gids_cannot_accept = post(
        &app,
        &gids,
        &format!("{referral}/aannemen"),
        &[("version", "1")],
    )
    .await;
    assert_eq!(gids_cannot_accept.status, StatusCode::FORBIDDEN);
    let accepted = post(
        &app,
        &uwv_consultant,
        &format!("{referral}/aannemen"),
        &[("version", "1")],
    )
    .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    let twice = post(
        &app,
        &uwv_consultant,
        &format!("{referral}/aannemen"),
        &[("version", "2")],
    )
    .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);

    // The gids sees that it landed, and the year's figures.
    let desk = app.get_page(&gids, &referral).await;
    assert!(desk.body.contains("Aangenomen"));
    let overview = app.get_page(&gids, "/werkcentrum").await;
    assert!(overview.body.contains("Elke doorverwijzing is beantwoord"));
    assert!(
        overview.body.contains("Spreekuur (binnengelopen)") && overview.body.contains("<td>3</td>")
    );
    figures_show_the_desk(&app).await;
    let logged = count(&app, "SELECT COUNT(*) FROM processing_log WHERE name IN ('referral.read', 'resident.read', 'referral.accept')").await;
    assert!(
        logged >= 4,
        "every access to a resident is logged ({logged})"
    );
}

#[tokio::test]
async fn a_referral_sent_back_needs_a_reason_and_one_left_waiting_is_followed_up() {
    let app = TestApp::new().await;
    desk_region(&app).await;
    let gids = app.browser_session("gids@werkcentrum.nl").await;
    let mut visit: Vec<(&str, &str)> = VISIT.to_vec();
    visit.extend([
        ("channel", "phone"),
        ("name", "Kees Visser"),
        ("birthDate", "1970-01-02"),
        ("consent", "on"),
    ]);
    visit.remove(0);
    let saved = post(&app, &gids, "/werkcentrum/gesprekken", &visit).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let uwv = count(&app, "SELECT id FROM organisations WHERE name = 'UWV'")
        .await
        .to_string();
    let spaarne_adviser = app.user_id("adviseur@spaarne.nl").await.to_string();
    let path = format!("{}/doorverwijzingen", location_of(&saved));
    let wrong_person = post(
        &app,
        &gids,
        &path,
        &[
            ("toOrgId", uwv.as_str()),
            ("toUserId", spaarne_adviser.as_str()),
        ],
    )
    .await;
    assert_eq!(
        wrong_person.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a person of another organisation"
    );
    let sent = post(&app, &gids, &path, &[("toOrgId", uwv.as_str())]).await;
    let referral = location_of(&sent);
    let too_early = post(
        &app,
        &gids,
        &format!("{referral}/opgevolgd"),
        &[("version", "1")],
    )
    .await;
    assert_eq!(too_early.status, StatusCode::CONFLICT);

    // Nothing happened for six days: flagged for the gids, who follows it up.
    let mut tx = app.ctx.store().begin().await.unwrap();
    let week_ago = chrono::Utc::now() - chrono::Duration::days(6);
    tx.execute(
        "UPDATE referrals SET sent_at = $1",
        &koppel_store::vals![week_ago],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let overview = app.get_page(&gids, "/werkcentrum").await;
    assert!(
        overview.body.contains("Verstuurd · opvolgen"),
        "{}",
        overview.body
    );
    let followed = post(
        &app,
        &gids,
        &format!("{referral}/opgevolgd"),
        &[("version", "1")],
    )
    .await;
    assert_eq!(followed.status, StatusCode::SEE_OTHER);
    assert!(!app
        .get_page(&gids, "/werkcentrum")
        .await
        .body
        .contains("opvolgen"));

    let uwv_consultant = app.browser_session("consulent@uwv.nl").await;
    let no_reason = post(
        &app,
        &uwv_consultant,
        &format!("{referral}/terugsturen"),
        &[("version", "2"), ("reason", " ")],
    )
    .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    let back = post(
        &app,
        &uwv_consultant,
        &format!("{referral}/terugsturen"),
        &[
            ("version", "2"),
            ("reason", "Geen WW-recht; verwijs naar de gemeente"),
        ],
    )
    .await;
    assert_eq!(back.status, StatusCode::SEE_OTHER, "{}", back.body);
    let seen = app.get_page(&gids, &referral).await;
    assert!(seen.body.contains("Teruggestuurd") && seen.body.contains("Geen WW-recht"));

    // After the retention period without contact, the resident is erased in place.
    let months = i64::from(app.ctx.settings.retention_months) + 1;
    let later = chrono::Utc::now() + chrono::Duration::days(31 * months);
    let done = koppel_app::retention::purge(&app.ctx, later, &Meta::local("test"))
        .await
        .unwrap();
    assert_eq!(done.residents, 1);
    let erased = "SELECT COUNT(*) FROM residents WHERE name = 'verwijderd' AND phone IS NULL AND birth_date = '1970-01-01'";
    assert_eq!(count(&app, erased).await, 1);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM referrals WHERE return_reason <> '' OR note <> ''"
        )
        .await,
        0
    );
}

/// The factsheet and its downloads count the desk's conversations, people and referrals; what
/// leaves the organisation hides the small counts.
async fn figures_show_the_desk(app: &TestApp) {
    let year = chrono::Utc::now().format("%Y").to_string();
    let range = format!("van={year}-01-01&tot={year}-12-31");
    let manager = app.browser_session("manager@spaarne.nl").await;
    let sheet = app.get_page(&manager, &format!("/cijfers?{range}")).await;
    assert!(sheet.body.contains("Gesprekken per vraag en kanaal"));
    // Fatima (twice) and one anonymous visitor: two people helped; the referral to UWV landed.
    let row = |label: &str, counts: &str| format!("<th scope=\"row\">{label}</th>{counts}");
    let num = |n: i64| format!("<td class=\"num\">{n}</td>");
    let people = row("Inwoners geholpen door het Werkcentrum", &num(2));
    assert!(sheet.body.contains(&people), "{people}");
    let uwv = row("UWV", &format!("{}{}", num(1), num(1)));
    assert!(sheet.body.contains(&uwv), "accepted: it landed");
    // A download leaves the organisation: its small counts are hidden.
    let json = app
        .get_page(&manager, &format!("/cijfers/download?{range}&formaat=json"))
        .await;
    let v: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    let rows = v["keyFigures"]["rows"].as_array().unwrap();
    let helped = rows.iter().find(|r| r["key"] == "desk_people").unwrap();
    assert!(
        helped["counts"][0].is_null(),
        "two is a count to hide: {helped}"
    );
    let partner = app.browser_session("partner@uitzend.nl").await;
    let table = format!("/cijfers/download?{range}&formaat=csv&tabel=werkcentrum-gesprekken");
    let hidden = app.get_page(&partner, &table).await;
    assert!(
        hidden.body.starts_with("Vraag,Spreekuur (binnengelopen)"),
        "{}",
        hidden.body
    );
    assert!(
        hidden.body.contains("<5") && !hidden.body.contains(",3,"),
        "{}",
        hidden.body
    );
}
