//! The employer form: a new employer and editing one (with its duplicate check).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use koppel_app::domain::codes::Sector;
use koppel_app::domain::permissions::Permission;
use koppel_app::employers::{self, EmployerInput};
use koppel_app::input::opt;
use koppel_app::reference;

use super::views::*;
use super::{form_error, render, CsrfForm, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub(super) async fn form_page(
    web: &Web,
    s: &UiSession,
    input: &EmployerInput,
    id: Option<i64>,
    version: Option<i64>,
) -> Result<FormPage, UiError> {
    let advisers = reference::advisers(&web.ctx, &s.actor).await?;
    let t = |v: &Option<koppel_app::input::Text>| opt(v).unwrap_or_default().to_string();
    let fields = vec![
        Field::text("name", "Naam", input.name.as_str()).required(),
        Field::text("kvkNumber", "KvK-nummer", t(&input.kvk_number)).hint("8 cijfers"),
        Field::text("sbiCode", "SBI-code", t(&input.sbi_code)),
        Field::select(
            "sector",
            "Sector",
            input.sector.as_str(),
            Some("Kies een sector"),
            options::<Sector>(),
        )
        .required(),
        Field::text("postcode", "Postcode", t(&input.postcode)).hint("Bijvoorbeeld 2011 AB"),
        Field::text("city", "Plaats", t(&input.city)),
        Field::text(
            "municipalityCode",
            "Gemeentecode (CBS)",
            t(&input.municipality_code),
        )
        .hint("Bijvoorbeeld GM0392"),
        Field::text("website", "Website", t(&input.website)),
        Field::select(
            "accountHolderId",
            "Accounthouder",
            t(&input.account_holder_id),
            Some("Nog geen accounthouder"),
            advisers.into_iter().map(|c| (c.code, c.label)).collect(),
        ),
        Field::checkbox("strategic", "Strategisch account", input.strategic.0),
    ];
    let mut fields = fields;
    if id.is_none() {
        fields.push(
            Field::checkbox(
                "confirmDuplicate",
                "Toch aanmaken: dit is een andere werkgever dan de gemelde",
                input.confirm_duplicate.0,
            )
            .hint("Alleen nodig als koppel meldt dat deze werkgever mogelijk al bestaat"),
        );
    }
    Ok(FormPage::new(
        s,
        if id.is_some() {
            String::from("Werkgever bewerken")
        } else {
            String::from("Nieuwe werkgever")
        },
        id.map(|i| format!("/werkgevers/{i}"))
            .unwrap_or_else(|| "/werkgevers".into()),
        version,
        fields,
        id.map(|i| format!("/werkgevers/{i}"))
            .unwrap_or_else(|| "/werkgevers".into()),
    ))
}

pub(super) async fn new_form(State(web): State<Web>, s: UiSession) -> Result<Response, UiError> {
    s.actor.require(Permission::WriteEmployers)?;
    Ok(render(
        StatusCode::OK,
        &form_page(&web, &s, &EmployerInput::default(), None, None).await?,
    ))
}

pub(super) async fn edit_form(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    s.actor.require(Permission::WriteEmployers)?;
    let d = employers::get(&web.ctx, &s.actor, &meta, id).await?;
    let input = EmployerInput::from_employer(&d.employer);
    Ok(render(
        StatusCode::OK,
        &form_page(&web, &s, &input, Some(id), Some(d.employer.version)).await?,
    ))
}

pub(super) async fn create(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    CsrfForm(post): CsrfForm<FormPost<EmployerInput>>,
) -> Result<Response, UiError> {
    match employers::create(&web.ctx, &s.actor, &meta, &post.input).await {
        Ok(e) => Ok(Redirect::to(&format!("/werkgevers/{}", e.id)).into_response()),
        Err(err) => Ok(form_error(
            form_page(&web, &s, &post.input, None, None).await?,
            err,
            Nav::of(&s),
        )),
    }
}

pub(super) async fn update(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<EmployerInput>>,
) -> Result<Response, UiError> {
    let version = post.read_version()?;
    match employers::update(&web.ctx, &s.actor, &meta, id, version, &post.input).await {
        Ok(e) => Ok(Redirect::to(&format!("/werkgevers/{}", e.id)).into_response()),
        Err(err) => Ok(form_error(
            form_page(&web, &s, &post.input, Some(id), Some(version)).await?,
            err,
            Nav::of(&s),
        )),
    }
}
