//! Request extractors: the request's metadata for the logs, and the actor from a Bearer token (API)
//! or a session cookie (UI). Nothing else can produce an `Actor`.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use koppel_app::second_factor::SecondFactor;
use koppel_app::{auth, Actor, Meta};

use crate::observe::{ClientAddr, Who};
use crate::problem::ApiError;
use crate::Web;

pub const SESSION_COOKIE: &str = "koppel_session";

/// The request's origin and a fresh trace id.
pub struct RequestMeta(pub Meta);

impl<S: Send + Sync> FromRequestParts<S> for RequestMeta {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(RequestMeta(meta_of(parts)))
    }
}

pub fn meta_of(parts: &Parts) -> Meta {
    let origin = match parts.extensions.get::<ClientAddr>() {
        Some(addr) => addr.0.clone(),
        None => parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string())
            .unwrap_or_else(|| "onbekend".into()),
    };
    Meta {
        origin,
        trace_id: auth::random_hex(16),
    }
}

/// A cookie's value from the request.
pub fn cookie(parts: &Parts, name: &str) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            (k == name).then(|| v.to_string())
        })
}

/// The actor of an API call, from `Authorization: Bearer <token>`.
pub struct ApiActor(pub Actor);

impl FromRequestParts<Web> for ApiActor {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, web: &Web) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(ApiError(koppel_app::AppError::Unauthenticated))?;
        let actor = auth::token_actor(&web.ctx, token.trim()).await?;
        remember(parts, &actor);
        let reads = matches!(
            parts.method,
            axum::http::Method::GET | axum::http::Method::HEAD
        );
        if actor.is_read_only() && !reads {
            return Err(ApiError(koppel_app::AppError::Forbidden));
        }
        Ok(ApiActor(actor))
    }
}

/// The actor of a UI request, from the session cookie, with the session's CSRF token.
#[derive(Clone)]
pub struct UiSession {
    pub actor: Actor,
    pub csrf: String,
    pub token: String,
    /// The path of the page asked for, to mark where the user is in the menu.
    pub path: String,
}

/// The session of a UI request, left by the session extractor for the layer around the handler
/// (the error page shows that session's menu).
#[derive(Clone, Default)]
pub struct SessionSlot(Arc<Mutex<Option<UiSession>>>);

impl SessionSlot {
    fn set(&self, session: UiSession) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(session);
        }
    }

    pub fn take(&self) -> Option<UiSession> {
        self.0.lock().ok().and_then(|mut s| s.take())
    }
}

/// The CSRF token of the request's session, left by the session extractor for the form
/// extractor, which runs after it.
#[derive(Clone)]
pub struct SessionCsrf(pub String);

/// Without a complete session, the UI sends the browser to the login page, or to the page for the
/// second factor.
pub struct ToLogin(&'static str);

impl IntoResponse for ToLogin {
    fn into_response(self) -> Response {
        Redirect::to(self.0).into_response()
    }
}

/// Where a session that has not given its second factor must go.
pub fn second_factor_page(state: SecondFactor) -> Option<&'static str> {
    match state {
        SecondFactor::Done => None,
        SecondFactor::Needed => Some("/login/code"),
        SecondFactor::Enrol => Some("/tweede-factor"),
    }
}

impl FromRequestParts<Web> for UiSession {
    type Rejection = ToLogin;
    async fn from_request_parts(parts: &mut Parts, web: &Web) -> Result<Self, Self::Rejection> {
        let p = PendingSession::from_request_parts(parts, web).await?;
        if let Some(page) = second_factor_page(p.session.second_factor) {
            return Err(ToLogin(page));
        }
        remember(parts, &p.session.actor);
        let session = UiSession {
            actor: p.session.actor,
            csrf: p.session.csrf,
            token: p.token,
            path: parts.uri.path().to_string(),
        };
        if let Some(slot) = parts.extensions.get::<SessionSlot>() {
            slot.set(session.clone());
        }
        parts.extensions.insert(SessionCsrf(session.csrf.clone()));
        Ok(session)
    }
}

/// A live session that may still have to give (or set up) its second factor: only the pages for
/// that second factor take it.
pub struct PendingSession {
    pub session: auth::LiveSession,
    pub token: String,
}

impl FromRequestParts<Web> for PendingSession {
    type Rejection = ToLogin;
    async fn from_request_parts(parts: &mut Parts, web: &Web) -> Result<Self, Self::Rejection> {
        let token = cookie(parts, SESSION_COOKIE).ok_or(ToLogin("/login"))?;
        let session = auth::session_actor(&web.ctx, &token)
            .await
            .map_err(|_| ToLogin("/login"))?;
        Ok(PendingSession { session, token })
    }
}

/// Tells the request log who is acting, for the audit record of a refused access.
fn remember(parts: &Parts, actor: &Actor) {
    if let Some(who) = parts.extensions.get::<Who>() {
        who.set(actor.audit_name());
    }
}
