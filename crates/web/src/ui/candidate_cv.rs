//! Skills from a CV: the consultant pastes a CV's text, koppel finds the skills in it and
//! proposes them in the candidate's edit form; the text itself is not kept.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use koppel_app::candidates::{self, CandidateInput};
use koppel_app::domain::permissions::Permission;

use super::pick::name_picks;
use super::views::*;
use super::{render, CsrfForm, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new().route(
        "/kandidaten/{id}/cv-vaardigheden",
        get(cv_form).post(cv_skills),
    )
}

fn cv_page(s: &UiSession, id: i64, text: &str) -> FormPage {
    FormPage {
        title: "Vaardigheden uit een cv".into(),
        nav: Some(Nav::of(s)),
        action: format!("/kandidaten/{id}/cv-vaardigheden"),
        csrf: s.csrf.clone(),
        version: None,
        fields: vec![Field::text("cvText", "Tekst van het cv", text)
            .kind("textarea")
            .required()
            .hint("Plak de tekst van het cv. koppel zoekt er vaardigheden uit de ESCO-lijst in en bewaart de tekst zelf niet.")],
        summary: String::new(),
        errors: Vec::new(),
        cancel_href: format!("/kandidaten/{id}"),
        conflict_href: None,
        notice: String::new(),
    }
}

/// A form to paste a CV into, to find the candidate's skills in it.
async fn cv_form(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    s.actor.require(Permission::WriteCandidates)?;
    candidates::get_for_edit(&web.ctx, &s.actor, &meta, id).await?;
    Ok(render(StatusCode::OK, &cv_page(&s, id, "")))
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct CvPost {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    cv_text: String,
}

impl super::CarriesCsrf for CvPost {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// The skills found in a pasted CV, proposed in the candidate's edit form; nothing is saved until
/// the consultant saves that form, and the CV text is not kept.
async fn cv_skills(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<CvPost>,
) -> Result<Response, UiError> {
    s.actor.require(Permission::WriteCandidates)?;
    let c = candidates::get_for_edit(&web.ctx, &s.actor, &meta, id).await?;
    if post.cv_text.trim().is_empty() {
        let mut page = cv_page(&s, id, "");
        page.errors = vec![("cvText".into(), "Plak de tekst van het cv.".into())];
        page.fields[0].error = Some("Plak de tekst van het cv.".into());
        return Ok(render(StatusCode::BAD_REQUEST, &page));
    }
    let found = match koppel_app::skill_extraction::find_skills(&web.ctx, &post.cv_text).await {
        Ok(found) => found,
        Err(koppel_app::AppError::Invalid(e)) => {
            let message = e.0.first().map(|x| x.message.clone()).unwrap_or_default();
            let mut page = cv_page(&s, id, &post.cv_text);
            page.errors = vec![("cvText".into(), message.clone())];
            page.fields[0].error = Some(message);
            return Ok(render(StatusCode::BAD_REQUEST, &page));
        }
        Err(e) => return Err(UiError(e)),
    };
    let mut input = CandidateInput::from_candidate(&c);
    let present: Vec<String> = c.skills.iter().map(|x| x.uri.clone()).collect();
    let notice = super::found_skills_notice(
        &found,
        &mut input.skills,
        &present,
        "het cv",
        "aan de vaardigheden",
    );
    let mut page =
        super::candidate_form::form_page(&web, &s, &input, Some(id), Some(c.version)).await?;
    name_picks(&web, &s, &meta, &mut page.fields).await?;
    page.notice = notice;
    Ok(render(StatusCode::OK, &page))
}
