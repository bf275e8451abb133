//! Login, logout and the start page. The login form is protected by a double-submit CSRF cookie.

use axum::extract::{Form, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use koppel_app::domain::nomination::NominationState;
use koppel_app::{auth, dashboard, worklist, AppError};
use serde::Deserialize;

use super::views::{label, local_time, time_left, Cell, LoginPage, Nav, Section, StartPage, Table};
use super::{render, CsrfOnly, UiError};
use crate::extract::{cookie, meta_of, PendingSession, RequestMeta, UiSession, SESSION_COOKIE};
use crate::Web;

const LOGIN_CSRF_COOKIE: &str = "koppel_login_csrf";

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/", get(start))
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
        Err(AppError::Throttled) => login_page(
            &web,
            StatusCode::TOO_MANY_REQUESTS,
            form.email,
            Some(
                "Te veel mislukte pogingen. Wacht een kwartier en probeer het dan opnieuw.".into(),
            ),
        ),
        Err(AppError::Unauthenticated) => login_page(
            &web,
            StatusCode::UNAUTHORIZED,
            form.email,
            Some("Onjuist e-mailadres of wachtwoord.".into()),
        ),
        Err(e) => UiError(e, None).into_response(),
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
        return Err(UiError(AppError::Forbidden, None));
    }
    auth::logout(&web.ctx, &p.token, &p.session.actor, &meta_of(&parts))
        .await
        .map_err(|e| UiError(e, None))?;
    let mut res = Redirect::to("/login").into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        cookie_header(&web, SESSION_COOKIE, "", 0),
    );
    Ok(res)
}

async fn start(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Query(q): Query<super::figures::FigureQuery>,
) -> Result<Response, UiError> {
    let err = |e| UiError(e, Some(Nav::of(&s)));
    let d = dashboard::dashboard(&web.ctx, &s.actor)
        .await
        .map_err(err)?;
    let w = worklist::worklist(&web.ctx, &s.actor, &meta, chrono::Utc::now())
        .await
        .map_err(err)?;
    let mut tiles = vec![
        ("werkgevers", d.employers, "/werkgevers"),
        ("open vacatures", d.open_vacancies, "/vacatures?status=open"),
    ];
    if let Some(n) = d.candidates {
        tiles.push(("kandidaten in uw zicht", n, "/kandidaten"));
    }
    let (figures, filters, figures_query) =
        super::figures::dashboard(&web, &s, &q).await.map_err(err)?;
    let page = StartPage {
        title: "Start".into(),
        nav: Some(Nav::of(&s)),
        greeting: s.actor.name().to_string(),
        tiles,
        sections: worklist_sections(&w),
        figures,
        filters,
        figures_query,
    };
    Ok(render(StatusCode::OK, &page))
}

/// The worklist as tables: contact requests by deadline, after-care, agreements, nominations.
fn worklist_sections(w: &worklist::Worklist) -> Vec<Section> {
    let requests = w
        .contact_requests
        .iter()
        .map(|r| {
            vec![
                Cell::link(
                    &r.request.company_name,
                    format!("/contactverzoeken/{}", r.request.id),
                ),
                Cell::text(local_time(r.request.deadline_at)),
                Cell::text(time_left(r.minutes_left)),
            ]
        })
        .collect();
    let aftercare = w
        .aftercare
        .iter()
        .map(|t| {
            vec![
                Cell::link(
                    &t.candidate_name,
                    format!("/plaatsingen/{}", t.placement_id),
                ),
                Cell::text(&t.employer_name),
                Cell::text(t.due_date.format("%d-%m-%Y").to_string()),
            ]
        })
        .collect();
    let agreements = w
        .agreements
        .iter()
        .map(|a| {
            vec![
                Cell::link(&a.description, format!("/afspraken/{}/bewerken", a.id)),
                Cell::link(&a.employer_name, format!("/werkgevers/{}", a.employer_id)),
                Cell::text(
                    a.due_date
                        .map(|d| d.format("%d-%m-%Y").to_string())
                        .unwrap_or_else(|| "–".into()),
                ),
            ]
        })
        .collect();
    let nominations = w
        .nominations
        .iter()
        .map(|n| {
            let moved = format!(
                "{} dagen{}",
                n.days_without_movement,
                if n.stale { " (blijft liggen)" } else { "" }
            );
            vec![
                Cell::link(
                    &n.nomination.candidate_name,
                    format!("/voordrachten/{}", n.nomination.id),
                ),
                Cell::text(&n.nomination.vacancy_title),
                Cell::text(label::<NominationState>(&n.nomination.state)),
                Cell::text(moved),
            ]
        })
        .collect();
    vec![
        Section {
            title: "Contactverzoeken".into(),
            table: Table {
                columns: vec!["Bedrijf", "Uiterlijk", "Tijd"],
                rows: requests,
                empty: "Geen open contactverzoeken voor u.",
            },
        },
        Section {
            title: "Nazorg deze week".into(),
            table: Table {
                columns: vec!["Kandidaat", "Werkgever", "Datum"],
                rows: aftercare,
                empty: "Geen nazorg deze week.",
            },
        },
        Section {
            title: "Afspraken".into(),
            table: Table {
                columns: vec!["Afspraak", "Werkgever", "Uiterlijk"],
                rows: agreements,
                empty: "Geen afspraken die deze week aflopen.",
            },
        },
        Section {
            title: "Voordrachten die wachten".into(),
            table: Table {
                columns: vec!["Kandidaat", "Vacature", "Status", "Zonder beweging"],
                rows: nominations,
                empty: "Geen lopende voordrachten.",
            },
        },
    ]
}
