//! E-mail that arrives: each notification is written to the outbox with the change it tells
//! about and delivered through a real SMTP server (aiosmtpd, started by the test). With the
//! server down, nothing is lost and nothing is sent twice: every message arrives exactly once.
//! Staff can turn their kinds off, and administrators rewrite the texts.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command};

use crate::common::*;

use chrono::{Duration, Utc};
use koppel_app::contact_requests::{self, ContactRequestInput};
use koppel_app::context::Settings;
use koppel_app::input::Text;
use koppel_app::mail::{send_due, Mailer};
use koppel_app::Meta;
use serde_json::json;

/// A Python with aiosmtpd: Debian's (`apt-get install python3-aiosmtpd`), else the one on PATH.
fn python() -> &'static str {
    let debian = "/usr/bin/python3";
    let has = |p: &str| {
        Command::new(p)
            .args(["-c", "import aiosmtpd"])
            .status()
            .is_ok_and(|s| s.success())
    };
    if has(debian) {
        debian
    } else {
        "python3"
    }
}

/// An SMTP server that keeps every message it accepts in a Maildir.
struct Smtp {
    child: Child,
}

impl Smtp {
    async fn start(port: u16, dir: &Path) -> Self {
        let mut child = Command::new(python())
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(dir)
            .spawn()
            .expect("an SMTP server: apt-get install python3-aiosmtpd");
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return Self { child };
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("the SMTP server did not start on port {port}");
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A quoted-printable text as a mail client shows it: soft line breaks joined, `=XX` decoded.
fn unquoted(raw: &str) -> String {
    let joined = raw.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'=', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every message the server accepted, as text (bodies decoded).
fn received(dir: &Path) -> Vec<String> {
    ["new", "cur"]
        .iter()
        .filter_map(|sub| std::fs::read_dir(dir.join(sub)).ok())
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .map(|m| unquoted(&m))
        .collect()
}

fn header<'a>(message: &'a str, name: &str) -> Vec<&'a str> {
    message
        .lines()
        .filter_map(|l| l.strip_prefix(&format!("{name}: ")))
        .collect()
}

async fn public_request(app: &TestApp, company: &str, email: &str) {
    let input = ContactRequestInput {
        company_name: Text(company.into()),
        contact_name: Text("Noor Visser".into()),
        email: Some(Text(email.into())),
        message: Text("Wij zoeken twee monteurs.".into()),
        ..Default::default()
    };
    contact_requests::create_public(&app.ctx, &Meta::local("test"), &input, None)
        .await
        .unwrap();
}

fn settings() -> Settings {
    let mut s = Settings::default();
    s.service.name = "Werkcentrum Test".into();
    s.service.public_url = "https://werk.example.nl".into();
    s.service.phone = "023 123 45 67".into();
    s
}

#[tokio::test]
async fn every_notification_arrives_once_also_when_the_mail_server_was_down() {
    let app = TestApp::with_settings(settings()).await;
    let dir: PathBuf = std::env::temp_dir().join(format!("koppel-mail-{}", free_port()));
    let port = free_port();
    let server = Smtp::start(port, &dir).await;
    let mailer = Mailer::new(
        &format!("smtp://127.0.0.1:{port}"),
        "Werkcentrum Test <noreply@werk.example.nl>",
    )
    .unwrap();

    // A receipt to the employer, an escalation to the manager, a handover, a survey link.
    public_request(&app, "Garage Duin", "noor@garageduin.nl").await;
    let meta = Meta::local("test");
    let late = Utc::now() + Duration::days(3);
    assert_eq!(
        contact_requests::escalate_late(&app.ctx, late, &meta)
            .await
            .unwrap(),
        1
    );
    let t = app.token("adviseur@spaarne.nl").await;
    let body = json!({"companyName": "Bakkerij Zon", "contactName": "Piet", "phone": "0612345678", "message": "Vraag over een leerbaan"});
    let r = app
        .api(
            "POST",
            "/api/v1/contact-requests",
            Some(&t),
            Some(body),
            None,
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let request = r.json();
    let cookie = app.browser_session("adviseur@spaarne.nl").await;
    let page = format!("/contactverzoeken/{}", request["id"]);
    let form = app.get_page(&cookie, &page).await;
    assert!(
        form.body.contains("Overdragen aan een collega"),
        "{}",
        form.body
    );
    let colleague = app.user_id("adviseur@ijmond.nl").await.to_string();
    let handed = app
        .post_form(
            &cookie,
            &format!("{page}/overdragen"),
            &[
                ("csrf", &hidden(&form.body, "csrf")),
                ("version", &request["version"].to_string()),
                ("to", &colleague),
                ("note", "Belt liever na 16 uur."),
            ],
        )
        .await;
    assert_eq!(handed.status, 303, "{}", handed.body);
    let after = app.get_page(&cookie, &page).await;
    assert!(
        after.body.contains("Belt liever na 16 uur."),
        "the note shows on the request"
    );
    let employer = app
        .api(
            "POST",
            "/api/v1/employers",
            Some(&t),
            Some(json!({"name": "Staal BV", "sector": "handel"})),
            None,
        )
        .await
        .json()["id"]
        .clone();
    // A request of this employer, answered by a call (a survey is about something done).
    let body = json!({"employerId": employer, "companyName": "Staal BV", "contactName": "Ruben", "phone": "0251000000", "message": "Operators gezocht"});
    let answered = app
        .api(
            "POST",
            "/api/v1/contact-requests",
            Some(&t),
            Some(body),
            None,
        )
        .await
        .json()["id"]
        .clone();
    let call = json!({"kind": "call", "level": "operational", "subject": "Teruggebeld"});
    let path = format!("/api/v1/employers/{employer}/contact-moments");
    app.api("POST", &path, Some(&t), Some(call), None).await;
    let link = app
        .api(
            "POST",
            &format!("/api/v1/employers/{employer}/satisfaction-links"),
            Some(&t),
            Some(json!({"contactRequestId": answered, "sendTo": "hr@staal.nl"})),
            None,
        )
        .await;
    assert_eq!(link.status, 201, "{}", link.body);

    let sent = send_due(&app.ctx, &mailer, Utc::now()).await.unwrap();
    assert_eq!((sent.sent, sent.failed), (4, 0));
    let got = received(&dir);
    let to: Vec<&str> = got.iter().flat_map(|m| header(m, "To")).collect();
    for who in [
        "noor@garageduin.nl",
        "manager@spaarne.nl",
        "adviseur@ijmond.nl",
        "hr@staal.nl",
    ] {
        assert!(to.contains(&who), "{who} in {to:?}");
    }
    let receipt = got
        .iter()
        .find(|m| m.contains("noor@garageduin.nl"))
        .unwrap();
    assert!(
        receipt.contains("Beste Noor Visser") && receipt.contains("023 123 45 67"),
        "{receipt}"
    );
    let survey = got.iter().find(|m| m.contains("hr@staal.nl")).unwrap();
    let path = link.json()["path"].as_str().unwrap().to_string();
    assert!(
        survey.contains(&format!("https://werk.example.nl{path}")),
        "{survey}"
    );
    let handover = got
        .iter()
        .find(|m| m.contains("adviseur@ijmond.nl"))
        .unwrap();
    assert!(handover.contains("Belt liever na 16 uur."), "{handover}");

    // The server goes down: two more messages wait, nothing is lost.
    server.stop();
    public_request(&app, "Camping Zee", "info@campingzee.nl").await;
    public_request(&app, "Hotel Strand", "receptie@hotelstrand.nl").await;
    let down = send_due(&app.ctx, &mailer, Utc::now()).await.unwrap();
    assert_eq!((down.sent, down.failed), (0, 2));
    let soon = send_due(&app.ctx, &mailer, Utc::now()).await.unwrap();
    assert_eq!(
        (soon.sent, soon.failed),
        (0, 0),
        "not again before the backoff"
    );
    // The same message written again (a retried request, a second node) is one message.
    let mut tx = app.ctx.store().begin().await.unwrap();
    let kind = koppel_app::domain::notifications::MailKind::ContactReceipt;
    let again = |key: &'static str| (kind, key, "info@campingzee.nl");
    for (kind, key, to) in [again("retry"), again("retry")] {
        koppel_app::mail::to_address(&mut tx, &app.ctx, kind, key, to, &[])
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();

    let _server = Smtp::start(port, &dir).await;
    let back = send_due(&app.ctx, &mailer, Utc::now() + Duration::minutes(2))
        .await
        .unwrap();
    assert_eq!((back.sent, back.failed), (3, 0));
    let later = send_due(&app.ctx, &mailer, Utc::now() + Duration::days(1))
        .await
        .unwrap();
    assert_eq!((later.sent, later.failed), (0, 0), "nothing twice");
    let got = received(&dir);
    assert_eq!(got.len(), 7, "every message exactly once");
    let mut ids: Vec<&str> = got.iter().flat_map(|m| header(m, "Message-ID")).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 7);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn staff_turn_their_mail_off_and_administrators_rewrite_the_texts() {
    let app = TestApp::with_settings(settings()).await;
    let admin = app.browser_session("beheer@spaarne.nl").await;
    let page = app.get_page(&admin, "/beheer/e-mail").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Niet ingesteld") && page.body.contains("{bedrijf}"));
    let csrf = hidden(&page.body, "csrf");
    let bad = app
        .post_form(
            &admin,
            "/beheer/e-mail/contact_receipt",
            &[
                ("csrf", &csrf),
                ("subject", "Ontvangen"),
                ("body", "Beste {kandidaat}"),
            ],
        )
        .await;
    assert!(
        bad.body.contains("Onbekend invulveld {kandidaat}"),
        "{}",
        bad.body
    );
    let ok = app
        .post_form(
            &admin,
            "/beheer/e-mail/contact_receipt",
            &[
                ("csrf", &csrf),
                ("subject", "Uw vraag aan {dienst}"),
                ("body", "Dag {naam}, we bellen voor {antwoord_voor}."),
            ],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    public_request(&app, "Garage Duin", "noor@garageduin.nl").await;

    // The manager turns escalations off: a late request escalates, but writes no e-mail.
    let manager = app.browser_session("manager@spaarne.nl").await;
    let own = app.get_page(&manager, "/instellingen/e-mail").await;
    assert!(own.body.contains("Contactverzoek te laat"), "{}", own.body);
    let csrf = hidden(&own.body, "csrf");
    let saved = app
        .post_form(
            &manager,
            "/instellingen/e-mail",
            &[("csrf", &csrf), ("on", "handover")],
        )
        .await;
    assert_eq!(saved.status, 303);
    let late = Utc::now() + Duration::days(3);
    contact_requests::escalate_late(&app.ctx, late, &Meta::local("test"))
        .await
        .unwrap();

    let page = app.get_page(&admin, "/beheer/e-mail").await;
    assert!(
        page.body.contains("Uw vraag aan Werkcentrum Test"),
        "the new text, filled in"
    );
    assert!(page.body.contains("noor@garageduin.nl"));
    assert!(
        !page.body.contains("manager@spaarne.nl"),
        "turned off: no escalation mail"
    );
    assert!(page.body.contains("Wachtend</dt><dd>1"), "{}", page.body);
    let reset = app
        .post_form(
            &admin,
            "/beheer/e-mail/contact_receipt/standaard",
            &[("csrf", &hidden(&page.body, "csrf"))],
        )
        .await;
    assert_eq!(reset.status, 303);
    let page = app.get_page(&admin, "/beheer/e-mail").await;
    assert!(
        page.body.contains("We hebben uw vraag ontvangen"),
        "back to koppel's own text"
    );
}

/// After-care due within a week reaches its adviser once, naming the employer, never the candidate.
#[tokio::test]
async fn after_care_due_is_a_reminder_to_its_adviser_once() {
    let app = TestApp::with_settings(settings()).await;
    let w = crate::matrix::world::world(&app).await;
    let today = Utc::now().date_naive();
    let written = koppel_app::mail::messages::remind_aftercare(&app.ctx, today)
        .await
        .unwrap();
    assert!(written >= 1, "the world's after-care is due");
    let again = koppel_app::mail::messages::remind_aftercare(&app.ctx, today)
        .await
        .unwrap();
    assert_eq!(again, 0, "once per task");
    let mut tx = app.ctx.store().begin().await.unwrap();
    let mails = koppel_store::outbox::recent(&mut tx, 20).await.unwrap();
    tx.commit().await.unwrap();
    let reminder = mails
        .iter()
        .find(|m| m.kind == "aftercare_due")
        .expect("a reminder");
    assert_eq!(reminder.recipient, "adviseur@ijmond.nl");
    assert!(
        reminder.subject.contains("Staalbedrijf"),
        "{}",
        reminder.subject
    );
    let link = format!("https://werk.example.nl/plaatsingen/{}", w.ids["placement"]);
    assert!(reminder.body.contains(&link), "{}", reminder.body);
    assert!(
        !reminder.body.contains(crate::matrix::world::PRIVATE),
        "no candidate in an e-mail"
    );
}
