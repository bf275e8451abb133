//! Handing a contact request over to a named colleague with a note (a warm handover): the form on
//! the request's page, and what it sends.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::Router;
use koppel_app::handover;
use koppel_app::store::contact_requests::ContactRequest;

use super::views::{Field, InlineForm};
use super::FormPost;
use super::{CsrfForm, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new().route("/contactverzoeken/{id}/overdragen", post(hand_over))
}

/// The form on an open request's page: a colleague by name, and a note for them.
pub async fn form(web: &Web, s: &UiSession, r: &ContactRequest) -> Result<InlineForm, UiError> {
    let colleagues = handover::receivers(&web.ctx, &s.actor).await?;
    let options = colleagues
        .into_iter()
        .map(|u| (u.id.to_string(), format!("{} ({})", u.name, u.org_name)))
        .collect();
    Ok(InlineForm {
        title: "Overdragen aan een collega".into(),
        action: format!("/contactverzoeken/{}/overdragen", r.id),
        csrf: s.csrf.clone(),
        version: Some(r.version),
        fields: vec![
            Field::select("to", "Collega", "", Some("Kies een collega"), options).required(),
            Field::text("note", "Notitie voor uw collega", "")
                .kind("textarea")
                .hint("Wat moet uw collega weten? Hij of zij krijgt ook een e-mail."),
        ],
        button: "Overdragen",
    })
}

async fn hand_over(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<HashMap<String, String>>>,
) -> Result<Response, UiError> {
    let version = post.read_version()?;
    let field = |k: &str| post.input.get(k).cloned().unwrap_or_default();
    let to = field("to").parse::<i64>().unwrap_or(0);
    handover::hand_over(&web.ctx, &s.actor, &meta, id, version, to, &field("note")).await?;
    Ok(Redirect::to(&format!("/contactverzoeken/{id}")).into_response())
}
