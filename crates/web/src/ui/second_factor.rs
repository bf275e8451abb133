//! The second factor in the browser: the code after the password (`/login/code`) and setting up an
//! authenticator app (`/tweede-factor`), with the recovery codes shown once.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use koppel_app::second_factor::{self, Enrolment, SecondFactor};
use koppel_app::AppError;

use super::render;
use super::views::Nav;
use crate::extract::{PendingSession, RequestMeta};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/login/code", get(code_form).post(code))
        .route("/tweede-factor", get(enrol_form).post(enrol))
}

#[derive(Template)]
#[template(path = "second_factor.html")]
struct SecondFactorPage {
    title: String,
    nav: Option<Nav>,
    action: String,
    csrf: String,
    message: Option<String>,
    enrolment: Option<Enrolment>,
    recovery_codes: Vec<String>,
}

impl SecondFactorPage {
    fn code(p: &PendingSession, message: Option<String>) -> Self {
        Self {
            title: "Code uit uw authenticator-app".into(),
            nav: None,
            action: "/login/code".into(),
            csrf: p.session.csrf.clone(),
            message,
            enrolment: None,
            recovery_codes: Vec::new(),
        }
    }

    fn enrol(p: &PendingSession, enrolment: Enrolment, message: Option<String>) -> Self {
        Self {
            title: "Tweede factor instellen".into(),
            nav: None,
            action: "/tweede-factor".into(),
            csrf: p.session.csrf.clone(),
            message,
            enrolment: Some(enrolment),
            recovery_codes: Vec::new(),
        }
    }
}

#[derive(serde::Deserialize)]
struct CodePost {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    secret: String,
}

fn csrf_ok(p: &PendingSession, sent: &str) -> Result<(), Response> {
    if !sent.is_empty() && sent == p.session.csrf {
        Ok(())
    } else {
        Err((StatusCode::FORBIDDEN, "Geen toegang").into_response())
    }
}

/// The message for a refused code, with its status.
fn refused(e: AppError) -> (StatusCode, String) {
    match e {
        AppError::Throttled => (
            StatusCode::TOO_MANY_REQUESTS,
            "Te veel onjuiste codes. Wacht een kwartier en probeer het dan opnieuw.".into(),
        ),
        AppError::Invalid(f) => (
            StatusCode::BAD_REQUEST,
            f.0.first().map(|x| x.message.clone()).unwrap_or_default(),
        ),
        _ => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "Er ging iets mis; probeer het opnieuw.".into(),
        ),
    }
}

async fn code_form(p: PendingSession) -> Response {
    if p.session.second_factor != SecondFactor::Needed {
        return Redirect::to("/").into_response();
    }
    render(StatusCode::OK, &SecondFactorPage::code(&p, None))
}

async fn code(
    State(web): State<Web>,
    p: PendingSession,
    RequestMeta(meta): RequestMeta,
    Form(post): Form<CodePost>,
) -> Response {
    if let Err(r) = csrf_ok(&p, &post.csrf) {
        return r;
    }
    match second_factor::verify(&web.ctx, &p.token, &post.code, &meta).await {
        Ok(()) => Redirect::to("/").into_response(),
        Err(e) => {
            let (status, message) = refused(e);
            render(status, &SecondFactorPage::code(&p, Some(message)))
        }
    }
}

/// Setting up a second factor: whoever must have one at login, and anyone who wants one later.
async fn enrol_form(p: PendingSession) -> Response {
    if p.session.second_factor == SecondFactor::Needed {
        return Redirect::to("/login/code").into_response();
    }
    let enrolment = second_factor::new_enrolment(p.session.actor.email());
    render(
        StatusCode::OK,
        &SecondFactorPage::enrol(&p, enrolment, None),
    )
}

async fn enrol(
    State(web): State<Web>,
    p: PendingSession,
    RequestMeta(meta): RequestMeta,
    Form(post): Form<CodePost>,
) -> Response {
    if let Err(r) = csrf_ok(&p, &post.csrf) {
        return r;
    }
    if p.session.second_factor == SecondFactor::Needed {
        return Redirect::to("/login/code").into_response();
    }
    match second_factor::enrol(&web.ctx, &p.token, &post.secret, &post.code, &meta).await {
        Ok(codes) => {
            let mut page = SecondFactorPage::code(&p, None);
            page.title = "Tweede factor ingesteld".into();
            page.recovery_codes = codes;
            render(StatusCode::OK, &page)
        }
        Err(e) => {
            let (status, message) = refused(e);
            let again = second_factor::enrolment_for(p.session.actor.email(), &post.secret);
            render(status, &SecondFactorPage::enrol(&p, again, Some(message)))
        }
    }
}
