//! Administration pages: target groups (list and add) and users with their roles and clusters.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use koppel_app::admin::{self, TargetGroupInput};
use koppel_app::domain::codes::Cluster;
use koppel_app::domain::permissions::Permission;
use koppel_app::figures::targets::{self as figure_targets, MunicipalityInput};

use super::views::*;
use super::{form_error, render, CsrfForm, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route(
            "/beheer/doelgroepen",
            get(target_groups).post(add_target_group),
        )
        .route("/beheer/gebruikers", get(users))
        .route(
            "/beheer/gemeenten",
            get(municipalities).post(set_municipality),
        )
}

fn municipality_fields(input: &MunicipalityInput) -> Vec<Field> {
    vec![
        Field::text("code", "CBS-gemeentecode", input.code.as_str())
            .required()
            .hint("Bijvoorbeeld GM0392"),
        Field::text("name", "Naam", input.name.as_str()).required(),
        Field::text("subregion", "Subregio", input.subregion.as_str())
            .hint("Bijvoorbeeld IJmond; laat leeg als de gemeente buiten een subregio valt"),
    ]
}

async fn municipalities(State(web): State<Web>, s: UiSession) -> Result<Response, UiError> {
    let list = figure_targets::municipalities(&web.ctx, &s.actor).await?;
    let rows = list
        .iter()
        .map(|m| {
            vec![
                Cell::text(&m.code),
                Cell::text(&m.name),
                Cell::text(m.subregion.as_deref().unwrap_or("–")),
            ]
        })
        .collect();
    let view = DetailPage {
        chips: Vec::new(),
        title: "Gemeenten en subregio's".into(),
        subtitle: "De gemeenten van de regio; de cijfers kunnen per subregio worden uitgesplitst."
            .into(),
        nav: Some(Nav::of(&s)),
        edit_href: None,
        actions: vec![
            ("Doelgroepen", "/beheer/doelgroepen".into()),
            ("Gebruikers", "/beheer/gebruikers".into()),
        ],
        facts: Vec::new(),
        sections: vec![Section {
            title: "Gemeenten".into(),
            table: Table {
                columns: vec!["Code", "Naam", "Subregio"],
                rows,
                empty: "Nog geen gemeenten.",
            },
        }],
        forms: vec![InlineForm {
            title: "Gemeente toevoegen of wijzigen".into(),
            action: "/beheer/gemeenten".into(),
            csrf: s.csrf.clone(),
            version: None,
            fields: municipality_fields(&MunicipalityInput::default()),
            button: "Opslaan",
        }],
    };
    Ok(render(StatusCode::OK, &view))
}

async fn set_municipality(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    CsrfForm(post): CsrfForm<FormPost<MunicipalityInput>>,
) -> Result<Response, UiError> {
    match figure_targets::set_municipality_as(&web.ctx, &s.actor, &meta, &post.input).await {
        Ok(()) => Ok(Redirect::to("/beheer/gemeenten").into_response()),
        Err(err) => Ok(form_error(
            FormPage::new(
                &s,
                "Gemeente toevoegen of wijzigen",
                "/beheer/gemeenten",
                None,
                municipality_fields(&post.input),
                "/beheer/gemeenten",
            ),
            err,
            Nav::of(&s),
        )),
    }
}

fn group_fields(input: &TargetGroupInput) -> Vec<Field> {
    vec![
        Field::text("code", "Code", input.code.as_str())
            .required()
            .hint("Kleine letters, cijfers en _, bijvoorbeeld jonge_statushouders"),
        Field::text("label", "Naam", input.label.as_str()).required(),
        Field::checkbox(
            "hasTarget",
            "Er geldt een jaardoelstelling voor plaatsingen",
            input.has_target.0,
        ),
    ]
}

async fn target_groups(State(web): State<Web>, s: UiSession) -> Result<Response, UiError> {
    s.actor.require(Permission::ManageUsers)?;
    let groups = admin::target_groups(&web.ctx).await?;
    let rows = groups
        .iter()
        .map(|g| {
            vec![
                Cell::text(&g.code),
                Cell::text(&g.label),
                Cell::text(yes_no(g.has_target)),
                Cell::text(if g.builtin {
                    "meegeleverd"
                } else {
                    "toegevoegd"
                }),
            ]
        })
        .collect();
    let view = DetailPage {
        chips: Vec::new(),
        title: "Doelgroepen".into(),
        subtitle: "De doelgroepen waaraan kandidaten en plaatsingen worden toegekend.".into(),
        nav: Some(Nav::of(&s)),
        edit_href: None,
        actions: vec![
            ("Gebruikers", "/beheer/gebruikers".into()),
            ("Gemeenten", "/beheer/gemeenten".into()),
        ],
        facts: Vec::new(),
        sections: vec![Section {
            title: "Alle doelgroepen".into(),
            table: Table {
                columns: vec!["Code", "Naam", "Doelstelling", "Herkomst"],
                rows,
                empty: "Geen doelgroepen.",
            },
        }],
        forms: vec![InlineForm {
            title: "Doelgroep toevoegen".into(),
            action: "/beheer/doelgroepen".into(),
            csrf: s.csrf.clone(),
            version: None,
            fields: group_fields(&TargetGroupInput::default()),
            button: "Toevoegen",
        }],
    };
    Ok(render(StatusCode::OK, &view))
}

async fn add_target_group(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    CsrfForm(post): CsrfForm<FormPost<TargetGroupInput>>,
) -> Result<Response, UiError> {
    match admin::add_target_group(&web.ctx, &s.actor, &meta, &post.input).await {
        Ok(_) => Ok(Redirect::to("/beheer/doelgroepen").into_response()),
        Err(err) => Ok(form_error(
            FormPage::new(
                &s,
                "Doelgroep toevoegen",
                "/beheer/doelgroepen",
                None,
                group_fields(&post.input),
                "/beheer/doelgroepen",
            ),
            err,
            Nav::of(&s),
        )),
    }
}

async fn users(State(web): State<Web>, s: UiSession) -> Result<Response, UiError> {
    let list = admin::users(&web.ctx, &s.actor).await?;
    let rows = list
        .iter()
        .map(|u| {
            let clusters: Vec<String> = u.clusters.iter().map(|c| label::<Cluster>(c)).collect();
            vec![
                Cell::link(&u.user.name, format!("/beheer/gebruikers/{}", u.user.id)),
                Cell::text(&u.user.email),
                Cell::text(role_label(&u.user.role)),
                Cell::text(&u.user.org_name),
                Cell::text(clusters.join(", ")),
                Cell::text(yes_no(u.user.active)),
            ]
        })
        .collect();
    let view = DetailPage {
        chips: Vec::new(),
        title: "Gebruikers".into(),
        subtitle: "Kies een gebruiker om die te deactiveren, een nieuw wachtwoord te geven of af te melden.".into(),
        nav: Some(Nav::of(&s)),
        edit_href: None,
        actions: vec![
            ("Gebruiker toevoegen", "/beheer/gebruikers/nieuw".into()),
            ("Doelgroepen", "/beheer/doelgroepen".into()),
            ("Gemeenten", "/beheer/gemeenten".into()),
            ("E-mail", "/beheer/e-mail".into()),
            ("Privacyverklaring", "/beheer/privacyverklaring".into()),
            (
                "Toegankelijkheidsverklaring",
                "/beheer/toegankelijkheidsverklaring".into(),
            ),
        ],
        facts: Vec::new(),
        sections: vec![Section {
            title: format!("{} gebruikers", list.len()),
            table: Table {
                columns: vec!["Naam", "E-mail", "Rol", "Organisatie", "Clusters", "Actief"],
                rows,
                empty: "Geen gebruikers.",
            },
        }],
        forms: Vec::new(),
    };
    Ok(render(StatusCode::OK, &view))
}
