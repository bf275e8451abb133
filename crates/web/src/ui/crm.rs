//! Contact moments and agreements (afspraken) with an employer.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use koppel_app::crm::{self, AgreementInput, ContactMomentInput};
use koppel_app::domain::crm::AgreementStatus;
use koppel_app::domain::permissions::Permission;
use koppel_app::input::opt;

use super::views::*;
use super::{form_error, must, render, CsrfForm, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/werkgevers/{id}/contactmomenten", post(add_moment))
        .route("/werkgevers/{id}/afspraken", post(add_agreement))
        .route("/afspraken/{id}/bewerken", get(edit_agreement))
        .route("/afspraken/{id}", post(update_agreement))
}

/// The fields of the contact-moment form on an employer's page.
pub fn moment_fields(input: &ContactMomentInput) -> Vec<Field> {
    use koppel_app::domain::crm::{ContactKind, PartnershipLevel};
    vec![
        Field::select(
            "kind",
            "Soort contact",
            input.kind.as_str(),
            Some("Kies"),
            options::<ContactKind>(),
        )
        .required(),
        Field::select(
            "level",
            "Niveau",
            input.level.as_str(),
            Some("Kies"),
            options::<PartnershipLevel>(),
        )
        .required(),
        Field::text("subject", "Onderwerp", input.subject.as_str()).required(),
        Field::text("notes", "Notities", opt(&input.notes).unwrap_or_default()).kind("textarea"),
        Field::text(
            "occurredAt",
            "Wanneer",
            opt(&input.occurred_at).unwrap_or_default(),
        )
        .kind("datetime-local")
        .hint("Leeg: nu"),
    ]
}

/// The fields of the agreement form.
pub fn agreement_fields(input: &AgreementInput, with_status: bool) -> Vec<Field> {
    let mut fields = vec![
        Field::text(
            "description",
            "Wat is afgesproken",
            input.description.as_str(),
        )
        .required(),
        Field::text(
            "dueDate",
            "Uiterlijk op",
            opt(&input.due_date).unwrap_or_default(),
        )
        .kind("date"),
    ];
    if with_status {
        fields.push(Field::select(
            "status",
            "Status",
            opt(&input.status).unwrap_or("open"),
            None,
            options::<AgreementStatus>(),
        ));
    }
    fields
}

async fn add_moment(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<ContactMomentInput>>,
) -> Result<Response, UiError> {
    match crm::add_contact_moment(&web.ctx, &s.actor, &meta, id, &post.input).await {
        Ok(_) => Ok(Redirect::to(&format!("/werkgevers/{id}")).into_response()),
        Err(e) => Ok(form_error(
            FormPage::new(
                &s,
                "Contactmoment vastleggen",
                format!("/werkgevers/{id}/contactmomenten"),
                None,
                moment_fields(&post.input),
                format!("/werkgevers/{id}"),
            ),
            e,
            Nav::of(&s),
        )),
    }
}

async fn add_agreement(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<AgreementInput>>,
) -> Result<Response, UiError> {
    match crm::add_agreement(&web.ctx, &s.actor, &meta, id, &post.input).await {
        Ok(_) => Ok(Redirect::to(&format!("/werkgevers/{id}")).into_response()),
        Err(e) => Ok(form_error(
            FormPage::new(
                &s,
                "Afspraak vastleggen",
                format!("/werkgevers/{id}/afspraken"),
                None,
                agreement_fields(&post.input, false),
                format!("/werkgevers/{id}"),
            ),
            e,
            Nav::of(&s),
        )),
    }
}

async fn edit_agreement(
    State(web): State<Web>,
    s: UiSession,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    must(&s, Permission::WriteEmployers)?;
    let a = crm::get_agreement(&web.ctx, &s.actor, id).await?;
    let page = FormPage::new(
        &s,
        format!("Afspraak met {}", a.employer_name),
        format!("/afspraken/{id}"),
        Some(a.version),
        agreement_fields(&AgreementInput::from_agreement(&a), true),
        format!("/werkgevers/{}", a.employer_id),
    );
    Ok(render(StatusCode::OK, &page))
}

async fn update_agreement(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<AgreementInput>>,
) -> Result<Response, UiError> {
    let version = post.read_version()?;
    match crm::update_agreement(&web.ctx, &s.actor, &meta, id, version, &post.input).await {
        Ok(a) => Ok(Redirect::to(&format!("/werkgevers/{}", a.employer_id)).into_response()),
        Err(e) => Ok(form_error(
            FormPage::new(
                &s,
                "Afspraak bewerken",
                format!("/afspraken/{id}"),
                Some(version),
                agreement_fields(&post.input, true),
                "/",
            ),
            e,
            Nav::of(&s),
        )),
    }
}
