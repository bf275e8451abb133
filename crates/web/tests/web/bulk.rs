//! Bulk work in the browser: importing employers from an uploaded file with its report, and
//! exporting the lists a user sees as CSV, XLSX and JSON, within their scope.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use axum::body::Body;
use axum::http::{header, Request};
use common::{candidate_json, TestApp};

fn multipart(fields: &[(&str, Option<&str>, &str)]) -> (String, String) {
    let boundary = "----koppeltestgrens";
    let mut body = String::new();
    for (name, file, value) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\""
        ));
        if let Some(f) = file {
            body.push_str(&format!("; filename=\"{f}\"\r\nContent-Type: text/csv"));
        }
        body.push_str(&format!("\r\n\r\n{value}\r\n"));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(
    app: &TestApp,
    cookie: &str,
    fields: &[(&str, Option<&str>, &str)],
) -> common::Reply {
    upload_to(app, cookie, "/werkgevers/importeren", fields).await
}

/// Posts an import and, when it was accepted, follows its page until the import is done.
async fn upload_to(
    app: &TestApp,
    cookie: &str,
    path: &str,
    fields: &[(&str, Option<&str>, &str)],
) -> common::Reply {
    let (content_type, body) = multipart(fields);
    let reply = app
        .send(
            Request::post(path)
                .header(header::COOKIE, cookie)
                .header(header::CONTENT_TYPE, content_type)
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    if reply.status != 303 {
        return reply;
    }
    let location = reply.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    assert!(location.starts_with("/importeren/"));
    follow(app, cookie, location).await
}

/// Follows an import's page (on to its job's page) until the import is done.
async fn follow(app: &TestApp, cookie: &str, location: String) -> common::Reply {
    let mut location = location;
    for _ in 0..400 {
        let page = app.get_page(cookie, &location).await;
        if page.status == 303 {
            // A real import moves on to its job's own page once the job started.
            location = page.headers[header::LOCATION].to_str().unwrap().to_string();
            continue;
        }
        if !page.body.contains("De import loopt") {
            return page;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the import did not finish");
}

const FILE: &str = "Relatienr;Naam;KvK;Sector;Plaats\nA1;Fietsenmaker Duin;11223344;handel;Velsen\nA2;Schilder Kust;;schilderen;Haarlem\n";

#[tokio::test]
async fn an_adviser_imports_employers_and_reads_the_report() {
    let app = TestApp::new().await;
    let adviser = app.browser_session("adviseur@spaarne.nl").await;
    let form = app.get_page(&adviser, "/werkgevers/importeren").await;
    assert_eq!(form.status, 200);
    let csrf = common::hidden(&form.body, "csrf");
    let list = app.get_page(&adviser, "/werkgevers").await;
    assert!(list.body.contains(r#"href="/werkgevers/importeren""#));

    let dry = upload(
        &app,
        &adviser,
        &[
            ("csrf", None, &csrf),
            ("file", Some("lijst.csv"), FILE),
            ("mapping", None, "Relatienr=externalId"),
            ("dry_run", None, "1"),
        ],
    )
    .await;
    assert_eq!(dry.status, 200, "{}", dry.body);
    assert!(
        dry.body.contains("Verslag van de proefimport")
            && dry.body.contains("1 te importeren")
            && dry.body.contains("1 afgekeurd")
    );
    assert!(
        dry.body
            .contains("Onbekende waarde voor sector: &#39;schilderen&#39;")
            || dry.body.contains("schilderen")
    );
    assert!(
        !app.get_page(&adviser, "/werkgevers")
            .await
            .body
            .contains("Fietsenmaker Duin"),
        "a dry run saves nothing"
    );

    let real = upload(
        &app,
        &adviser,
        &[
            ("csrf", None, &csrf),
            ("file", Some("lijst.csv"), FILE),
            ("mapping", None, "Relatienr=externalId"),
        ],
    )
    .await;
    assert!(real.body.contains("1 geïmporteerd"), "{}", real.body);
    assert!(app
        .get_page(&adviser, "/werkgevers")
        .await
        .body
        .contains("Fietsenmaker Duin"));
    let again = upload(
        &app,
        &adviser,
        &[
            ("csrf", None, &csrf),
            ("file", Some("lijst.csv"), FILE),
            ("mapping", None, "Relatienr=externalId"),
        ],
    )
    .await;
    assert!(
        again.body.contains("0 geïmporteerd, 1 overgeslagen"),
        "{}",
        again.body
    );

    let bad_map = upload(
        &app,
        &adviser,
        &[
            ("csrf", None, &csrf),
            ("file", Some("lijst.csv"), FILE),
            ("mapping", None, "Relatienr=klantnummer"),
        ],
    )
    .await;
    assert_eq!(bad_map.status, 400);
    assert!(bad_map.body.contains("Onbekend veld"));
    let forged = upload(
        &app,
        &adviser,
        &[("csrf", None, "vals"), ("file", Some("lijst.csv"), FILE)],
    )
    .await;
    assert_eq!(forged.status, 403);
    let partner = app.browser_session("partner@uitzend.nl").await;
    assert_eq!(
        app.get_page(&partner, "/werkgevers/importeren")
            .await
            .status,
        403
    );
}

#[tokio::test]
async fn lists_export_within_the_users_scope() {
    let app = TestApp::new().await;
    let spaarne = app.token("consulent@spaarne.nl").await;
    let ijmond = app.token("consulent@ijmond.nl").await;
    for (token, name, consent) in [
        (&spaarne, "Eigen", false),
        (&ijmond, "Gedeeld", true),
        (&ijmond, "Verborgen", false),
    ] {
        let r = app
            .api(
                "POST",
                "/api/v1/candidates",
                Some(token),
                Some(candidate_json(name, consent)),
                None,
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let adviser = app.browser_session("adviseur@spaarne.nl").await;
    let csv = app
        .get_page(&adviser, "/kandidaten/export?formaat=csv")
        .await;
    assert_eq!(csv.status, 200);
    assert_eq!(csv.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    assert!(csv.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .starts_with("attachment; filename=\"kandidaten-"));
    assert!(csv.body.starts_with("Id,Voornaam,Achternaam,Organisatie"));
    assert!(
        csv.body.contains("Gedeeld") && !csv.body.contains("Verborgen"),
        "{}",
        csv.body
    );
    let json = app
        .get_page(&adviser, "/kandidaten/export?formaat=json&q=gedeeld")
        .await;
    let v: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    let xlsx = app
        .get_page(&adviser, "/werkgevers/export?formaat=xlsx")
        .await;
    assert_eq!(xlsx.status, 200);
    assert!(xlsx.body.starts_with("PK"));
    assert_eq!(
        app.get_page(&adviser, "/vacatures/export?formaat=pdf")
            .await
            .status,
        404
    );
    let partner = app.browser_session("partner@uitzend.nl").await;
    assert_eq!(
        app.get_page(&partner, "/kandidaten/export?formaat=csv")
            .await
            .status,
        403
    );

    let mut tx = app.ctx.store().begin().await.unwrap();
    let logged = tx
        .scalar(
            "SELECT COUNT(*) FROM processing_log WHERE name = 'candidate.list'",
            &[],
        )
        .await
        .unwrap();
    assert!(logged >= 3, "every exported candidate is logged: {logged}");
}

#[tokio::test]
async fn a_consultant_imports_candidates_into_their_own_organisation() {
    let app = TestApp::new().await;
    let consultant = app.browser_session("consulent@ijmond.nl").await;
    let form = app.get_page(&consultant, "/importeren").await;
    assert_eq!(form.status, 200);
    assert!(
        form.body.contains(r#"<option value="candidates""#)
            && !form.body.contains(r#"<option value="employers""#)
    );
    let csrf = common::hidden(&form.body, "csrf");
    let file =
        "Voornaam;Achternaam;Doelgroep;E-mail\nSara;Bakker;WW;sara@voorbeeld.nl\nTom;;P-wet;\n";
    let reply = upload_to(
        &app,
        &consultant,
        "/importeren",
        &[
            ("csrf", None, &csrf),
            ("kind", None, "candidates"),
            ("file", Some("k.csv"), file),
        ],
    )
    .await;
    assert!(
        reply.body.contains("1 geïmporteerd") && reply.body.contains("1 afgekeurd"),
        "{}",
        reply.body
    );
    let own = app.get_page(&consultant, "/kandidaten").await;
    assert!(own.body.contains("Bakker"));
    let other = app.browser_session("consulent@spaarne.nl").await;
    assert!(
        !app.get_page(&other, "/kandidaten")
            .await
            .body
            .contains("Bakker"),
        "another organisation does not see them"
    );
    // The consultant gets the import's report by e-mail (written to the outbox).
    let mut tx = app.ctx.store().begin().await.unwrap();
    let mails = koppel_store::outbox::recent(&mut tx, 10).await.unwrap();
    tx.commit().await.unwrap();
    let report = mails
        .iter()
        .find(|m| m.kind == "import_done")
        .expect("an import e-mail");
    assert_eq!(report.recipient, "consulent@ijmond.nl");
    assert!(
        report.subject.contains("k.csv") && report.subject.contains("1 ingelezen"),
        "{}",
        report.subject
    );
}

#[tokio::test]
async fn vum_documents_are_imported_in_the_browser_and_only_their_importer_sees_the_run() {
    let app = TestApp::new().await;
    let adviser = app.browser_session("adviseur@spaarne.nl").await;
    let form = app.get_page(&adviser, "/importeren").await;
    assert!(form.body.contains(r#"<option value="vum-vacancies""#));
    let csrf = common::hidden(&form.body, "csrf");
    let file = r#"[{"idVacature": "V-77", "naamVacature": "Monteur zonnepanelen", "adres": {"postcode": "2011AB"},
        "werktijden": {"aantalWerkurenPerWeekMaximaal": 36}, "werkgever": {"handelsnaamOrganisatie": "Zon op Dak"}},
        {"idVacature": "V-78", "werktijden": {"aantalWerkurenPerWeekMaximaal": 120}, "werkgever": {"handelsnaamOrganisatie": "Zon op Dak"}}]"#;
    let (content_type, body) = multipart(&[
        ("csrf", None, &csrf),
        ("kind", None, "vum-vacancies"),
        ("sector", None, "techniek"),
        ("publish", None, "1"),
        ("file", Some("vum.json"), file),
    ]);
    let started = app
        .send(
            Request::post("/importeren")
                .header(header::COOKIE, &adviser)
                .header(header::CONTENT_TYPE, content_type)
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(started.status, 303);
    let location = started.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    // Another user cannot follow it, nor guess another run.
    let other = app.browser_session("adviseur@ijmond.nl").await;
    assert_eq!(app.get_page(&other, &location).await.status, 404);
    assert_eq!(
        app.get_page(&adviser, "/importeren/0123abcd").await.status,
        404
    );
    let done = follow(&app, &adviser, location).await;
    assert!(
        done.body.contains("1 geïmporteerd") && done.body.contains("1 afgekeurd"),
        "{}",
        done.body
    );
    assert!(
        done.body
            .contains("/werktijden/aantalWerkurenPerWeekMaximaal: groter dan 99"),
        "the vacancy the schema refuses is named with the place and the reason"
    );
    let paper = app.get_page(&other, "/vacaturekrant").await;
    assert!(paper.body.contains("Monteur zonnepanelen"), "published");

    let bad = upload_to(
        &app,
        &adviser,
        "/importeren",
        &[
            ("csrf", None, &csrf),
            ("kind", None, "vum-vacancies"),
            ("file", Some("vum.json"), "{\"geen\": \"lijst\"}"),
        ],
    )
    .await;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("verwacht een JSON-lijst"), "{}", bad.body);
}

/// A multipart body with binary content: `(name, file name, bytes)` in the given order.
fn multipart_bytes(fields: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----koppeltestgrens";
    let mut body = Vec::new();
    for (name, file, value) in fields {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"").bytes(),
        );
        if let Some(f) = file {
            body.extend(
                format!("; filename=\"{f}\"\r\nContent-Type: application/octet-stream").bytes(),
            );
        }
        body.extend(b"\r\n\r\n");
        body.extend_from_slice(value);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Finding 2 of the security review: a workbook with cells A1 and XFD1048576 killed the server.
/// Now it is refused with a Dutch message, the server answers the next request, and an upload
/// without a valid CSRF token first, or by a role that may import nothing, is refused before the
/// file is read.
#[tokio::test]
async fn a_hostile_workbook_is_refused_and_the_server_stays_up() {
    let app = TestApp::new().await;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "naam").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    assert!(bytes.len() < 10_000, "a small file: {} bytes", bytes.len());
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let csrf = app.csrf(&cookie).await;
    let send = |fields: Vec<(&'static str, Option<&'static str>, Vec<u8>)>, cookie: String| {
        let refs: Vec<(&str, Option<&str>, &[u8])> = fields
            .iter()
            .map(|(n, f, v)| (*n, *f, v.as_slice()))
            .collect();
        let (content_type, body) = multipart_bytes(&refs);
        Request::post("/werkgevers/importeren")
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .unwrap()
    };
    let accepted = app
        .send(send(
            vec![
                ("csrf", None, csrf.clone().into_bytes()),
                ("kind", None, b"employers".to_vec()),
                ("file", Some("aanval.xlsx"), bytes.clone()),
            ],
            cookie.clone(),
        ))
        .await;
    assert_eq!(accepted.status, 303, "{}", accepted.body);
    let location = accepted.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    let mut report = String::new();
    for _ in 0..400 {
        report = app.get_page(&cookie, &location).await.body;
        if !report.contains("De import loopt") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert!(
        report.contains("kolommen"),
        "refused with the reason: {report}"
    );
    assert_eq!(
        app.get_page(&cookie, "/werkgevers").await.status,
        200,
        "the server is still up"
    );

    let file_first = app
        .send(send(
            vec![
                ("file", Some("aanval.xlsx"), bytes.clone()),
                ("csrf", None, csrf.into_bytes()),
            ],
            cookie.clone(),
        ))
        .await;
    assert_eq!(
        file_first.status, 403,
        "the token must come before the file"
    );
    let partner = app.browser_session("partner@uitzend.nl").await;
    let partner_csrf = app.csrf(&partner).await;
    let refused = app
        .send(send(
            vec![
                ("csrf", None, partner_csrf.into_bytes()),
                ("file", Some("aanval.xlsx"), bytes),
            ],
            partner,
        ))
        .await;
    assert_eq!(
        refused.status, 403,
        "a role that may import nothing is refused first"
    );
}

/// An import that a restart interrupted is not invisible (finding 2 of the reliability review): the
/// import page lists it with how far it got and that it goes on by itself, its own page shows its
/// progress from the database, and an old progress link of a process that is gone explains.
#[tokio::test]
async fn an_interrupted_import_is_shown_with_how_far_it_got() {
    use koppel_store::import_jobs;
    let app = TestApp::new().await;
    let user = app.user_id("adviseur@spaarne.nl").await;
    let mut tx = app.ctx.store().begin().await.unwrap();
    let past = chrono::Utc::now() - chrono::Duration::seconds(30);
    let new = import_jobs::NewJob {
        kind: "employers",
        file_name: "werkgevers-2026.csv",
        hash: "abc",
        total_rows: 5000,
        org_id: None,
        created_by: Some(user),
        plan: "{}",
        content: b"Naam\n",
        holder: "dood",
        lease_until: past,
    };
    let id = import_jobs::start(&mut tx, &new).await.unwrap();
    let mut job = import_jobs::get(&mut tx, id).await.unwrap();
    job.done_rows = 2000;
    import_jobs::claim(&mut tx, &job, 0, "dood", past)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let page = app.get_page(&cookie, "/importeren").await;
    assert!(page.body.contains("Uw imports"), "{}", page.body);
    assert!(page.body.contains("werkgevers-2026.csv"));
    assert!(page
        .body
        .contains("Onderbroken; gaat vanzelf verder waar hij was"));
    assert!(page.body.contains("2000 van 5000"));
    let own = app.get_page(&cookie, &format!("/importeren/{id}")).await;
    assert_eq!(own.status, 200);
    assert!(
        own.body.contains("2000 van 5000 regels verwerkt"),
        "{}",
        own.body
    );
    let gone = app
        .get_page(&cookie, "/importeren/0123456789abcdef0123456789abcdef")
        .await;
    assert_eq!(gone.status, 404);
    assert!(
        gone.body.contains("niet (meer) te volgen") && gone.body.contains("werkgevers-2026.csv")
    );
    let other = app.browser_session("consulent@spaarne.nl").await;
    let theirs = app.get_page(&other, "/importeren").await;
    assert!(
        !theirs.body.contains("werkgevers-2026.csv"),
        "only the user who started it sees it"
    );
    let foreign = app.get_page(&other, &format!("/importeren/{id}")).await;
    assert_eq!(foreign.status, 404, "nor its page");
}
