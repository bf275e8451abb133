//! After-care and instruments of a placement: completing an after-care task, and adding or
//! changing an instrument (such as a trial placement or a wage subsidy).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use koppel_app::aftercare::{self, AftercareInput};
use koppel_app::domain::crm::{AftercareOutcome, Instrument, InstrumentStatus};
use koppel_app::domain::permissions::Permission;
use koppel_app::input::opt;
use koppel_app::instruments::{self, InstrumentInput};

use super::views::*;
use super::{form_error, must, render, CsrfForm, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/nazorg/{id}", post(complete_aftercare))
        .route("/plaatsingen/{id}/instrumenten", post(add_instrument))
        .route("/instrumenten/{id}/bewerken", get(edit_instrument))
        .route("/instrumenten/{id}", post(update_instrument))
}

pub(super) fn instrument_fields(input: &InstrumentInput) -> Vec<Field> {
    vec![
        Field::select(
            "instrument",
            "Instrument",
            input.instrument.as_str(),
            Some("Kies een instrument"),
            options::<Instrument>(),
        )
        .required(),
        Field::select(
            "status",
            "Status",
            opt(&input.status).unwrap_or("requested"),
            None,
            options::<InstrumentStatus>(),
        ),
        Field::text(
            "amount",
            "Bedrag (euro)",
            opt(&input.amount).unwrap_or_default(),
        )
        .hint("Bijvoorbeeld 7500 of 1250,50"),
        Field::text(
            "startDate",
            "Van",
            opt(&input.start_date).unwrap_or_default(),
        )
        .kind("date"),
        Field::text(
            "endDate",
            "Tot en met",
            opt(&input.end_date).unwrap_or_default(),
        )
        .kind("date"),
        Field::text("notes", "Notities", opt(&input.notes).unwrap_or_default()),
    ]
}

pub(super) fn aftercare_fields(input: &AftercareInput) -> Vec<Field> {
    vec![
        Field::select(
            "outcome",
            "Uitkomst",
            input.outcome.as_str(),
            Some("Kies de uitkomst"),
            options::<AftercareOutcome>(),
        )
        .required(),
        Field::text("notes", "Notities", opt(&input.notes).unwrap_or_default()).kind("textarea"),
        Field::checkbox(
            "noFurtherFollowUp",
            "De werkgever heeft geen verdere nazorg nodig",
            input.no_further_follow_up.0,
        ),
        Field::text(
            "endedOn",
            "Laatste werkdag (bij voortijdige beëindiging)",
            opt(&input.ended_on).unwrap_or_default(),
        )
        .kind("date"),
        Field::text(
            "endedReason",
            "Reden van beëindiging",
            opt(&input.ended_reason).unwrap_or_default(),
        ),
    ]
}

async fn complete_aftercare(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<AftercareInput>>,
) -> Result<Response, UiError> {
    let version = post.read_version()?;
    match aftercare::complete(&web.ctx, &s.actor, &meta, id, version, &post.input).await {
        Ok(t) => Ok(Redirect::to(&format!("/plaatsingen/{}", t.placement_id)).into_response()),
        Err(e) => Ok(form_error(
            FormPage::new(
                &s,
                "Nazorg vastleggen",
                format!("/nazorg/{id}"),
                Some(version),
                aftercare_fields(&post.input),
                "/",
            ),
            e,
            Nav::of(&s),
        )),
    }
}

async fn add_instrument(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<InstrumentInput>>,
) -> Result<Response, UiError> {
    match instruments::add(&web.ctx, &s.actor, &meta, id, &post.input).await {
        Ok(_) => Ok(Redirect::to(&format!("/plaatsingen/{id}")).into_response()),
        Err(e) => Ok(form_error(
            FormPage::new(
                &s,
                "Instrument toevoegen",
                format!("/plaatsingen/{id}/instrumenten"),
                None,
                instrument_fields(&post.input),
                format!("/plaatsingen/{id}"),
            ),
            e,
            Nav::of(&s),
        )),
    }
}

async fn edit_instrument(
    State(web): State<Web>,
    s: UiSession,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    must(&s, Permission::WriteNominations)?;
    let i = instruments::get(&web.ctx, &s.actor, id).await?;
    let page = FormPage::new(
        &s,
        format!("{} bewerken", label::<Instrument>(&i.instrument)),
        format!("/instrumenten/{id}"),
        Some(i.version),
        instrument_fields(&InstrumentInput::from_instrument(&i)),
        format!("/plaatsingen/{}", i.placement_id),
    );
    Ok(render(StatusCode::OK, &page))
}

async fn update_instrument(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<InstrumentInput>>,
) -> Result<Response, UiError> {
    let version = post.read_version()?;
    match instruments::update(&web.ctx, &s.actor, &meta, id, version, &post.input).await {
        Ok(i) => Ok(Redirect::to(&format!("/plaatsingen/{}", i.placement_id)).into_response()),
        Err(e) => Ok(form_error(
            FormPage::new(
                &s,
                "Instrument bewerken",
                format!("/instrumenten/{id}"),
                Some(version),
                instrument_fields(&post.input),
                "/",
            ),
            e,
            Nav::of(&s),
        )),
    }
}
