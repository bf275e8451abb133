//! The public privacy and accessibility statements, linked from every page's footer, and the
//! administrator's form to rewrite them.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use koppel_app::domain::permissions::Permission;
use koppel_app::statements::{self, StatementKind};

use super::views::*;
use super::{check_csrf, form_error, must, render, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route(
            "/privacyverklaring",
            get(|w| public(w, StatementKind::Privacy)),
        )
        .route(
            "/toegankelijkheidsverklaring",
            get(|w| public(w, StatementKind::Accessibility)),
        )
        .route(
            "/beheer/privacyverklaring",
            get(|w, s| edit(w, s, StatementKind::Privacy))
                .post(|w, s, m, f| save(w, s, m, f, StatementKind::Privacy)),
        )
        .route(
            "/beheer/toegankelijkheidsverklaring",
            get(|w, s| edit(w, s, StatementKind::Accessibility))
                .post(|w, s, m, f| save(w, s, m, f, StatementKind::Accessibility)),
        )
}

#[derive(Template)]
#[template(path = "statement.html")]
struct StatementPage {
    title: String,
    nav: Option<Nav>,
    paragraphs: Vec<String>,
    updated: Option<String>,
}

async fn public(State(web): State<Web>, kind: StatementKind) -> Response {
    match statements::get(&web.ctx, kind).await {
        Ok(s) => render(
            StatusCode::OK,
            &StatementPage {
                title: kind.title().into(),
                nav: None,
                paragraphs: s
                    .body
                    .split("\n\n")
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect(),
                updated: s.updated_at.map(local_date),
            },
        ),
        Err(e) => UiError(e).into_response(),
    }
}

fn admin_path(kind: StatementKind) -> &'static str {
    match kind {
        StatementKind::Privacy => "/beheer/privacyverklaring",
        StatementKind::Accessibility => "/beheer/toegankelijkheidsverklaring",
    }
}

fn page(s: &UiSession, kind: StatementKind, body: &str) -> FormPage {
    let field = Field::text("body", "Tekst", body)
        .kind("textarea")
        .required()
        .hint("Een lege regel begint een nieuwe alinea.");
    FormPage::new(
        s,
        format!("{} bewerken", kind.title()),
        admin_path(kind),
        None,
        vec![field],
        "/beheer/gebruikers",
    )
}

async fn edit(
    State(web): State<Web>,
    s: UiSession,
    kind: StatementKind,
) -> Result<Response, UiError> {
    must(&s, Permission::ManageUsers)?;
    let current = statements::get(&web.ctx, kind).await?;
    Ok(render(StatusCode::OK, &page(&s, kind, &current.body)))
}

#[derive(serde::Deserialize)]
struct StatementForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    body: String,
}

async fn save(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Form(form): Form<StatementForm>,
    kind: StatementKind,
) -> Result<Response, UiError> {
    check_csrf(&s, &form.csrf)?;
    match statements::put(&web.ctx, &s.actor, &meta, kind, &form.body).await {
        Ok(()) => Ok(Redirect::to(match kind {
            StatementKind::Privacy => "/privacyverklaring",
            StatementKind::Accessibility => "/toegankelijkheidsverklaring",
        })
        .into_response()),
        Err(e) => Ok(form_error(page(&s, kind, &form.body), e, Nav::of(&s))),
    }
}
