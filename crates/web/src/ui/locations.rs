//! The Werkcentrum's locations: the public page with the walk-in hours (spreekuren), and the
//! administrator's list and forms.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use koppel_app::desk::locations::{self, LocationInput};
use koppel_app::domain::permissions::Permission;

use super::views::*;
use super::{form_error, must, render, CsrfForm, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/spreekuren", get(public_page))
        .route("/beheer/locaties", get(list))
        .route("/beheer/locaties/nieuw", get(new_form).post(create))
        .route("/beheer/locaties/{id}", get(edit_form).post(update))
}

/// Where and when residents can walk in; no login needed.
async fn public_page(State(web): State<Web>) -> Result<Response, UiError> {
    let list = locations::open_locations(&web.ctx).await?;
    let rows = list
        .iter()
        .map(|l| {
            vec![
                Cell::text(&l.name),
                Cell::text(format!("{}, {} {}", l.address, l.postcode, l.city)),
                Cell::text(&l.walk_in_hours),
            ]
        })
        .collect();
    let service = &web.ctx.settings.service.name;
    let view = DetailPage {
        title: format!("Spreekuren van {service}"),
        subtitle: "Met al uw vragen over werk, leren, loopbaan en personeel kunt u zonder afspraak langskomen op een van deze locaties.".into(),
        nav: None,
        edit_href: None,
        actions: vec![("Een afspraak aanvragen of teruggebeld worden", "/spreekuren/verzoek".into())],
        facts: Vec::new(),
        chips: Vec::new(),
        sections: vec![Section {
            title: "Locaties".into(),
            table: Table {
                columns: vec!["Locatie", "Adres", "Spreekuren"],
                rows,
                empty: "Er zijn nu geen spreekuren.",
            },
        }],
        forms: Vec::new(),
    };
    Ok(render(StatusCode::OK, &view))
}

async fn list(State(web): State<Web>, s: UiSession) -> Result<Response, UiError> {
    let list = locations::all(&web.ctx, &s.actor).await?;
    let rows = list
        .iter()
        .map(|l| {
            vec![
                Cell::link(&l.name, format!("/beheer/locaties/{}", l.id)),
                Cell::text(format!("{}, {}", l.address, l.city)),
                Cell::text(&l.walk_in_hours),
                Cell::badge(if l.active { "open" } else { "gesloten" }),
            ]
        })
        .collect();
    let view = DetailPage {
        title: "Locaties en spreekuren".into(),
        subtitle: "De locaties van het Werkcentrum; de open locaties staan met hun spreekuren op de openbare pagina.".into(),
        nav: Some(Nav::of(&s)),
        edit_href: None,
        actions: vec![
            ("Nieuwe locatie", "/beheer/locaties/nieuw".into()),
            ("Openbare pagina bekijken", "/spreekuren".into()),
        ],
        facts: Vec::new(),
        chips: Vec::new(),
        sections: vec![Section {
            title: format!("{} locaties", list.len()),
            table: Table {
                columns: vec!["Naam", "Adres", "Spreekuren", "Status"],
                rows,
                empty: "Nog geen locaties.",
            },
        }],
        forms: Vec::new(),
    };
    Ok(render(StatusCode::OK, &view))
}

fn fields(input: &LocationInput) -> Vec<Field> {
    vec![
        Field::text("name", "Naam", input.name.as_str()).required(),
        Field::text("address", "Straat en huisnummer", input.address.as_str()).required(),
        Field::text("postcode", "Postcode", input.postcode.as_str()).required(),
        Field::text("city", "Plaats", input.city.as_str()).required(),
        Field::text("walkInHours", "Spreekuren", input.walk_in_hours.as_str())
            .kind("textarea")
            .required()
            .hint("Zoals inwoners ze lezen, bijvoorbeeld: dinsdag 9.00-12.00 uur, donderdag 13.00-16.00 uur"),
        Field::checkbox("active", "Open: staat op de openbare pagina en in de formulieren", input.active.0),
    ]
}

async fn new_form(State(_web): State<Web>, s: UiSession) -> Result<Response, UiError> {
    must(&s, Permission::ManageUsers)?;
    let input = LocationInput {
        active: koppel_app::input::Flag(true),
        ..Default::default()
    };
    let page = FormPage::new(
        &s,
        "Nieuwe locatie",
        "/beheer/locaties/nieuw",
        None,
        fields(&input),
        "/beheer/locaties",
    );
    Ok(render(StatusCode::OK, &page))
}

async fn create(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    CsrfForm(post): CsrfForm<FormPost<LocationInput>>,
) -> Result<Response, UiError> {
    match locations::create(&web.ctx, &s.actor, &meta, &post.input).await {
        Ok(_) => Ok(Redirect::to("/beheer/locaties").into_response()),
        Err(e) => {
            let page = FormPage::new(
                &s,
                "Nieuwe locatie",
                "/beheer/locaties/nieuw",
                None,
                fields(&post.input),
                "/beheer/locaties",
            );
            Ok(form_error(page, e, Nav::of(&s)))
        }
    }
}

async fn edit_form(
    State(web): State<Web>,
    s: UiSession,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    let l = locations::get(&web.ctx, &s.actor, id).await?;
    let input = LocationInput::from_location(&l);
    let page = FormPage::new(
        &s,
        format!("Locatie {}", l.name),
        format!("/beheer/locaties/{id}"),
        Some(l.version),
        fields(&input),
        "/beheer/locaties",
    );
    Ok(render(StatusCode::OK, &page))
}

async fn update(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<LocationInput>>,
) -> Result<Response, UiError> {
    let version = post.read_version()?;
    match locations::update(&web.ctx, &s.actor, &meta, id, version, &post.input).await {
        Ok(()) => Ok(Redirect::to("/beheer/locaties").into_response()),
        Err(e) => {
            let page = FormPage::new(
                &s,
                "Locatie wijzigen",
                format!("/beheer/locaties/{id}"),
                Some(version),
                fields(&post.input),
                "/beheer/locaties",
            );
            Ok(form_error(page, e, Nav::of(&s)))
        }
    }
}
