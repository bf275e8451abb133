//! E-mail in the browser: the administrator's page (is a mail server set, what waits or failed,
//! and the text of each kind of message), and each staff member's choice of which messages they
//! want.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use koppel_app::domain::codes::CodeList;
use koppel_app::domain::notifications::{MailKind, MailText};
use koppel_app::domain::permissions::Permission;
use koppel_app::mail;

use super::format::local_time;
use super::views::{Cell, DetailPage, Field, FormPage, InlineForm, Nav, Section, Table};
use super::{check_csrf, form_error, must, render, CsrfForm, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/beheer/e-mail", get(admin_page))
        .route("/beheer/e-mail/{kind}", post(save_text))
        .route("/beheer/e-mail/{kind}/standaard", post(reset_text))
        .route("/instellingen/e-mail", get(own_page).post(save_own))
}

fn outbox_table(o: &mail::OutboxOverview) -> Table {
    let rows = o
        .recent
        .iter()
        .map(|m| {
            let kind = MailKind::parse(&m.kind).map_or(m.kind.clone(), |k| k.label().to_string());
            let status = match (&m.sent_at, &m.last_error) {
                (Some(at), _) => format!("Verzonden {}", local_time(*at)),
                (None, Some(e)) => format!(
                    "Wacht (poging {}, opnieuw {}): {e}",
                    m.attempts,
                    local_time(m.next_attempt_at)
                ),
                (None, None) => "Wacht op verzending".to_string(),
            };
            vec![
                Cell::text(local_time(m.created_at)),
                Cell::text(kind),
                Cell::text(&m.recipient),
                Cell::text(&m.subject),
                Cell::text(status),
            ]
        })
        .collect();
    Table {
        columns: vec!["Gemaakt", "Soort", "Aan", "Onderwerp", "Status"],
        rows,
        empty: "Er is nog geen e-mail verstuurd.",
    }
}

/// The fields of a kind's text, with its placeholders as the hint.
fn text_fields(kind: MailKind, text: &MailText) -> Vec<Field> {
    let names: Vec<String> = kind
        .placeholders()
        .iter()
        .map(|p| format!("{{{p}}}"))
        .collect();
    vec![
        Field::text("subject", "Onderwerp", &text.subject).required(),
        Field::text("body", "Tekst", &text.body)
            .kind("textarea")
            .required()
            .hint(format!("Invulvelden: {}.", names.join(", "))),
    ]
}

fn text_forms(s: &UiSession, texts: &[mail::KindText]) -> Vec<InlineForm> {
    let mut forms = Vec::new();
    for t in texts {
        let code = t.kind.code();
        forms.push(InlineForm {
            title: format!(
                "{}{}",
                t.kind.label(),
                if t.custom { " (eigen tekst)" } else { "" }
            ),
            action: format!("/beheer/e-mail/{code}"),
            csrf: s.csrf.clone(),
            version: None,
            fields: text_fields(t.kind, &t.text),
            button: "Tekst opslaan",
        });
        if t.custom {
            forms.push(InlineForm {
                title: format!("{}: standaardtekst", t.kind.label()),
                action: format!("/beheer/e-mail/{code}/standaard"),
                csrf: s.csrf.clone(),
                version: None,
                fields: Vec::new(),
                button: "Standaardtekst terugzetten",
            });
        }
    }
    forms
}

async fn admin_page(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
) -> Result<Response, UiError> {
    must(&s, Permission::ManageUsers)?;
    let overview = mail::outbox_overview(&web.ctx, &s.actor, &meta).await?;
    let texts = mail::texts(&web.ctx, &s.actor).await?;
    let server = if web.ctx.settings.mail.smtp_url.is_empty() {
        "Niet ingesteld: berichten wachten tot smtp_url is ingesteld".to_string()
    } else {
        "Ingesteld".to_string()
    };
    let view = DetailPage {
        chips: Vec::new(),
        title: "E-mail".into(),
        subtitle: "Berichten die koppel verstuurt: wat wacht, wat verzonden is, en de teksten."
            .into(),
        nav: Some(Nav::of(&s)),
        edit_href: None,
        actions: Vec::new(),
        facts: vec![
            ("Mailserver", server),
            ("Wachtend", overview.unsent.to_string()),
        ],
        sections: vec![Section {
            title: "Laatste berichten".into(),
            table: outbox_table(&overview),
        }],
        forms: text_forms(&s, &texts),
    };
    Ok(render(StatusCode::OK, &view))
}

async fn save_text(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(kind): Path<String>,
    CsrfForm(post): CsrfForm<FormPost<HashMap<String, String>>>,
) -> Result<Response, UiError> {
    let field = |k: &str| post.input.get(k).cloned().unwrap_or_default();
    let text = MailText {
        subject: field("subject"),
        body: field("body"),
    };
    match mail::set_text(&web.ctx, &s.actor, &meta, &kind, &text).await {
        Ok(()) => Ok(Redirect::to("/beheer/e-mail").into_response()),
        Err(e @ koppel_app::AppError::Invalid(_)) => {
            let k = MailKind::parse(&kind).map_err(|_| UiError(koppel_app::AppError::NotFound))?;
            let page = FormPage::new(
                &s,
                format!("Tekst van: {}", k.label()),
                format!("/beheer/e-mail/{kind}"),
                None,
                text_fields(k, &text),
                "/beheer/e-mail",
            );
            Ok(form_error(page, e, Nav::of(&s)))
        }
        Err(e) => Err(UiError(e)),
    }
}

async fn reset_text(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(kind): Path<String>,
    CsrfForm(_post): CsrfForm<FormPost<HashMap<String, String>>>,
) -> Result<Response, UiError> {
    mail::reset_text(&web.ctx, &s.actor, &meta, &kind).await?;
    Ok(Redirect::to("/beheer/e-mail").into_response())
}

/// The kinds a staff member can choose, with whether they get them.
fn own_fields(off: &[MailKind]) -> Vec<Field> {
    let staff: Vec<(String, String)> = MailKind::ALL
        .iter()
        .filter(|k| k.to_staff())
        .map(|k| (k.code().to_string(), k.label().to_string()))
        .collect();
    let on: Vec<String> = MailKind::ALL
        .iter()
        .filter(|k| k.to_staff() && !off.contains(k))
        .map(|k| k.code().to_string())
        .collect();
    vec![Field::checkboxes(
        "on",
        "Deze e-mail wil ik krijgen",
        on,
        staff,
    )]
}

async fn own_page(State(web): State<Web>, s: UiSession) -> Result<Response, UiError> {
    let off = mail::optouts(&web.ctx, &s.actor).await?;
    let view = DetailPage {
        chips: Vec::new(),
        title: "Mijn e-mail".into(),
        subtitle: "Welke berichten koppel u stuurt. Berichten aan werkgevers gaan altijd.".into(),
        nav: Some(Nav::of(&s)),
        edit_href: None,
        actions: vec![("Terug naar instellingen", "/instellingen".to_string())],
        facts: Vec::new(),
        sections: Vec::new(),
        forms: vec![InlineForm {
            title: "Berichten".into(),
            action: "/instellingen/e-mail".into(),
            csrf: s.csrf.clone(),
            version: None,
            fields: own_fields(&off),
            button: "Opslaan",
        }],
    };
    Ok(render(StatusCode::OK, &view))
}

async fn save_own(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    body: axum::body::Bytes,
) -> Result<Response, UiError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let csrf = pairs
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str());
    check_csrf(&s, csrf.unwrap_or_default())?;
    let on: Vec<&str> = pairs
        .iter()
        .filter(|(k, _)| k == "on")
        .map(|(_, v)| v.as_str())
        .collect();
    let off: Vec<String> = MailKind::ALL
        .iter()
        .filter(|k| k.to_staff() && !on.contains(&k.code()))
        .map(|k| k.code().to_string())
        .collect();
    mail::set_optouts(&web.ctx, &s.actor, &meta, &off).await?;
    Ok(Redirect::to("/instellingen/e-mail").into_response())
}
