//! The rights of the candidate, exercised by the owning consultant: the subject-access export
//! (readable PDF and JSON) and erasure on request, after a confirmation page.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use koppel_app::{candidates, subject_rights, AppError};

use super::views::ConfirmPage;
use super::views::Nav;
use super::{render, CsrfForm, CsrfOnly, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/kandidaten/{id}/inzage.pdf", get(export_pdf))
        .route("/kandidaten/{id}/inzage.json", get(export_json))
        .route("/kandidaten/{id}/wissen", get(confirm).post(erase))
}

fn attachment(content_type: &str, name: String, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// The subject-access export as a readable PDF or as JSON.
async fn export(
    web: &Web,
    s: &UiSession,
    meta: &koppel_app::Meta,
    id: i64,
    pdf: bool,
) -> Result<Response, UiError> {
    let x = subject_rights::export(&web.ctx, &s.actor, meta, id).await?;
    if pdf {
        let bytes = koppel_export::pdf::report_pdf(&subject_rights::report(&x));
        return Ok(attachment(
            "application/pdf",
            format!("inzage-kandidaat-{id}.pdf"),
            bytes,
        ));
    }
    let json =
        serde_json::to_vec_pretty(&x).map_err(|e| UiError(AppError::Internal(e.to_string())))?;
    Ok(attachment(
        "application/json",
        format!("inzage-kandidaat-{id}.json"),
        json,
    ))
}

async fn export_pdf(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    export(&web, &s, &meta, id, true).await
}

async fn export_json(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    export(&web, &s, &meta, id, false).await
}

async fn confirm(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    let c = candidates::get_for_edit(&web.ctx, &s.actor, &meta, id).await?;
    let page = ConfirmPage {
        title: format!("Gegevens van {} {} wissen", c.first_name, c.last_name),
        nav: Some(Nav::of(&s)),
        explanation: vec![
            "De kandidaat heeft gevraagd om zijn of haar gegevens te wissen (AVG artikel 17).".into(),
            "koppel wist direct alle persoonsgegevens: naam, contactgegevens, adres, vaardigheden, wensen, onderbouwing, toestemming en alle notities bij voordrachten, plaatsingen, instrumenten en nazorg. Alleen de anonieme feiten voor de cijfers blijven (doelgroep, organisatie, data en statussen).".into(),
            "Dit kan niet ongedaan worden gemaakt. Download eerst de inzage als de kandidaat die wil hebben.".into(),
        ],
        action: format!("/kandidaten/{id}/wissen"),
        csrf: s.csrf.clone(),
        hidden: Vec::new(),
        confirm_label: "Gegevens definitief wissen".into(),
        cancel_href: format!("/kandidaten/{id}"),
    };
    Ok(render(StatusCode::OK, &page))
}

async fn erase(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(_post): CsrfForm<CsrfOnly>,
) -> Result<Response, UiError> {
    subject_rights::erase(&web.ctx, &s.actor, &meta, id).await?;
    Ok(Redirect::to(&format!("/kandidaten/{id}")).into_response())
}
