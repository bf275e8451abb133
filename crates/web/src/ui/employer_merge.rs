//! Merging a duplicate employer into this one and archiving an employer: both ask for a
//! confirmation first, naming what will happen, because neither is easily undone.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::Router;
use koppel_app::employers;
use koppel_app::picking::{self, PickKind};
use koppel_app::Meta;

use super::pick::PickForm;
use super::views::*;
use super::{form_error, render, CsrfForm, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/werkgevers/{id}/samenvoegen", post(merge))
        .route("/werkgevers/{id}/archief", post(archive))
}

/// The employer's name, for the confirmation.
async fn name(web: &Web, s: &UiSession, meta: &Meta, id: i64) -> Result<String, UiError> {
    Ok(picking::label(
        &web.ctx,
        &s.actor,
        meta,
        PickKind::Employer,
        &id.to_string(),
    )
    .await?
    .unwrap_or_else(|| format!("werkgever {id}")))
}

fn confirmed(v: &str) -> bool {
    v == "ja"
}

/// The duplicate to merge into this employer, picked by name.
pub(super) fn merge_field(source: &str) -> Field {
    Field::pick(
        "sourceId",
        "Dubbele werkgever",
        PickKind::Employer,
        source,
    )
    .required()
    .hint("Typ een deel van de naam en kies. Alles van die werkgever komt hier; die wordt gearchiveerd.")
}

#[derive(serde::Deserialize, Default)]
struct MergeForm {
    #[serde(rename = "sourceId", default)]
    source_id: String,
    #[serde(default)]
    bevestigd: String,
}

async fn merge(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    form: PickForm,
) -> Result<Response, UiError> {
    let (post, picks): (FormPost<MergeForm>, _) = form
        .resolve(&web, &s, &meta, &[("sourceId", PickKind::Employer)])
        .await?;
    let version = post.read_version()?;
    let source = post.input.source_id.trim().parse::<i64>().unwrap_or(0);
    if picks.refusal().is_none() && source > 0 && !confirmed(&post.input.bevestigd) {
        let (from, into) = (
            name(&web, &s, &meta, source).await?,
            name(&web, &s, &meta, id).await?,
        );
        let page = ConfirmPage {
            title: "Werkgevers samenvoegen".into(),
            nav: Some(Nav::of(&s)),
            explanation: vec![
                format!("Alles van {from} (vestigingen, contactpersonen, vacatures, contactmomenten, afspraken en voordrachten) komt bij {into}."),
                format!("{from} wordt daarna gearchiveerd. Samenvoegen is niet ongedaan te maken."),
            ],
            action: format!("/werkgevers/{id}/samenvoegen"),
            csrf: s.csrf.clone(),
            hidden: vec![
                ("version".into(), version.to_string()),
                ("sourceId".into(), source.to_string()),
                ("bevestigd".into(), "ja".into()),
            ],
            confirm_label: "Ja, samenvoegen".into(),
            cancel_href: format!("/werkgevers/{id}"),
        };
        return Ok(render(StatusCode::OK, &page));
    }
    let result = picks
        .then(employers::merge(
            &web.ctx, &s.actor, &meta, id, version, source,
        ))
        .await;
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/werkgevers/{id}")).into_response()),
        Err(err) => {
            let mut fields = vec![merge_field(&post.input.source_id)];
            picks.show(&web, &s, &meta, &mut fields).await?;
            Ok(form_error(
                FormPage::new(
                    &s,
                    "Dubbele werkgever samenvoegen",
                    format!("/werkgevers/{id}/samenvoegen"),
                    Some(version),
                    fields,
                    format!("/werkgevers/{id}"),
                ),
                err,
                Nav::of(&s),
            ))
        }
    }
}

#[derive(serde::Deserialize, Default)]
struct ArchiveForm {
    #[serde(default)]
    archived: String,
    #[serde(default)]
    bevestigd: String,
}

async fn archive(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<ArchiveForm>>,
) -> Result<Response, UiError> {
    let version = post.read_version()?;
    let archiving = post.input.archived == "true";
    if archiving && !confirmed(&post.input.bevestigd) {
        let employer = name(&web, &s, &meta, id).await?;
        let page = ConfirmPage {
            title: format!("{employer} archiveren"),
            nav: Some(Nav::of(&s)),
            explanation: vec![
                format!(
                    "{employer} verdwijnt uit de lijsten, de zoekresultaten en de vacaturekrant."
                ),
                "U kunt de werkgever later terughalen uit het archief.".into(),
            ],
            action: format!("/werkgevers/{id}/archief"),
            csrf: s.csrf.clone(),
            hidden: vec![
                ("version".into(), version.to_string()),
                ("archived".into(), "true".into()),
                ("bevestigd".into(), "ja".into()),
            ],
            confirm_label: "Ja, archiveren".into(),
            cancel_href: format!("/werkgevers/{id}"),
        };
        return Ok(render(StatusCode::OK, &page));
    }
    employers::set_archived(&web.ctx, &s.actor, &meta, id, version, archiving).await?;
    Ok(Redirect::to(&format!("/werkgevers/{id}")).into_response())
}
