//! Login and logout. The login form is protected by a double-submit CSRF cookie.

use axum::extract::{Form, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use koppel_app::{auth, AppError};
use serde::Deserialize;

use super::views::LoginPage;
use super::{render, CsrfOnly, UiError};
use crate::extract::{cookie, meta_of, PendingSession, SESSION_COOKIE};
use crate::Web;

const LOGIN_CSRF_COOKIE: &str = "koppel_login_csrf";

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/login", get(login_form).post(login))
        .route("/afmelden", post(logout))
}

fn cookie_header(web: &Web, name: &str, value: &str, max_age: i64) -> HeaderValue {
    let secure = if web.ctx.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .unwrap_or(HeaderValue::from_static(""))
}

fn login_page(web: &Web, status: StatusCode, email: String, message: Option<String>) -> Response {
    let csrf = auth::random_hex(16);
    let mut res = render(
        status,
        &LoginPage {
            title: "Aanmelden".into(),
            nav: None,
            csrf: csrf.clone(),
            email,
            message,
        },
    );
    res.headers_mut().append(
        header::SET_COOKIE,
        cookie_header(web, LOGIN_CSRF_COOKIE, &csrf, 3600),
    );
    res
}

async fn login_form(State(web): State<Web>) -> Response {
    login_page(&web, StatusCode::OK, String::new(), None)
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

async fn login(State(web): State<Web>, parts: Parts, Form(form): Form<LoginForm>) -> Response {
    let expected = cookie(&parts, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if form.csrf.is_empty() || form.csrf != expected {
        return login_page(
            &web,
            StatusCode::FORBIDDEN,
            form.email,
            Some("Het formulier is verlopen. Probeer het opnieuw.".into()),
        );
    }
    let meta = meta_of(&parts);
    match auth::login(&web.ctx, &form.email, &form.password, &meta).await {
        Ok(session) => {
            let max_age = web.ctx.settings.session_hours * 3600;
            let next = crate::extract::second_factor_page(session.second_factor).unwrap_or("/");
            let mut res = Redirect::to(next).into_response();
            res.headers_mut().append(
                header::SET_COOKIE,
                cookie_header(&web, SESSION_COOKIE, &session.token, max_age),
            );
            res.headers_mut().append(
                header::SET_COOKIE,
                cookie_header(&web, LOGIN_CSRF_COOKIE, "", 0),
            );
            res
        }
        Err(AppError::Throttled) => {
            crate::metrics::login_failed("throttled");
            login_page(
                &web,
                StatusCode::TOO_MANY_REQUESTS,
                form.email,
                Some(
                    "Te veel mislukte pogingen. Wacht een kwartier en probeer het dan opnieuw."
                        .into(),
                ),
            )
        }
        Err(AppError::Unauthenticated) => {
            crate::metrics::login_failed("password");
            login_page(
                &web,
                StatusCode::UNAUTHORIZED,
                form.email,
                Some("Onjuist e-mailadres of wachtwoord.".into()),
            )
        }
        Err(e) => UiError(e).into_response(),
    }
}

/// Signing out works from any live session, also one still waiting for its second factor.
async fn logout(
    State(web): State<Web>,
    p: PendingSession,
    parts: Parts,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, UiError> {
    if form.csrf.is_empty() || form.csrf != p.session.csrf {
        return Err(UiError(AppError::Forbidden));
    }
    auth::logout(&web.ctx, &p.token, &p.session.actor, &meta_of(&parts)).await?;
    let mut res = Redirect::to("/login").into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        cookie_header(&web, SESSION_COOKIE, "", 0),
    );
    Ok(res)
}
