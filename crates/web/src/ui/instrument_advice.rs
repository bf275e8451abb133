//! Instruments advice on a nomination's own page, and the rules behind it that the
//! administrator keeps (add one, take one out of use).

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use koppel_app::domain::crm::Instrument;
use koppel_app::input::opt;
use koppel_app::instrument_advice::{self as advice, RuleInput};
use koppel_app::AppError;

use super::views::*;
use super::{render, CsrfForm, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/voordrachten/{id}/instrumenten", get(for_nomination))
        .route("/beheer/instrumentregels", get(rules).post(add_rule))
        .route("/beheer/instrumentregels/intrekken", post(retire_rule))
}

async fn for_nomination(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    let a = advice::for_nomination(&web.ctx, &s.actor, &meta, id).await?;
    let rows = a
        .items
        .iter()
        .map(|i| {
            let why = if i.because.is_empty() {
                "voor iedereen".to_string()
            } else {
                i.because.join("; ")
            };
            vec![
                Cell::text(&i.instrument),
                Cell::text(why),
                Cell::text(&i.condition),
                Cell::text(&i.source),
            ]
        })
        .collect();
    let view = DetailPage {
        title: "Instrumenten die kunnen passen".into(),
        subtitle: format!("Voor {} bij {}. koppel adviseert op de regels die de beheerder bijhoudt; u beslist, en controleert bij elk instrument de voorwaarde.", a.candidate_name, a.employer_name),
        nav: Some(Nav::of(&s)),
        edit_href: None,
        actions: vec![("Terug naar de voordracht", format!("/voordrachten/{id}"))],
        facts: vec![("Kandidaat", a.candidate_name.clone()), ("Doelgroep", a.target_group.clone()), ("Werkgever", a.employer_name.clone())],
        chips: Vec::new(),
        sections: vec![Section {
            title: format!("{} instrumenten", a.items.len()),
            table: Table { columns: vec!["Instrument", "Waarom", "Voorwaarde", "Bron"], rows, empty: "Geen enkele regel past bij deze kandidaat en werkgever." },
        }],
        forms: Vec::new(),
    };
    Ok(render(StatusCode::OK, &view))
}

fn rule_fields(input: &RuleInput) -> Vec<Field> {
    let text = |t: &Option<koppel_app::input::Text>| opt(t).unwrap_or_default().to_string();
    vec![
        Field::select(
            "instrument",
            "Instrument",
            input.instrument.as_str(),
            Some("Kies"),
            options::<Instrument>(),
        )
        .required(),
        Field::text("targetGroups", "Doelgroepen", text(&input.target_groups)).hint(
            "Codes gescheiden door komma's, bijvoorbeeld pwet,banenafspraak; leeg: elke doelgroep",
        ),
        Field::text(
            "municipalities",
            "Gemeenten van de werkgever",
            text(&input.municipalities),
        )
        .hint("CBS-codes gescheiden door komma's, bijvoorbeeld GM0392; leeg: elke gemeente"),
        Field::text("sectors", "Sectoren van de werkgever", text(&input.sectors))
            .hint("Codes gescheiden door komma's, bijvoorbeeld zorg_welzijn; leeg: elke sector"),
        Field::text(
            "condition",
            "Voorwaarde die de adviseur controleert",
            input.condition.as_str(),
        )
        .kind("textarea")
        .required(),
        Field::text("source", "Bron van de regel", input.source.as_str())
            .required()
            .hint("Bijvoorbeeld: Participatiewet, artikel 10d"),
        Field::text("validFrom", "Geldig vanaf", input.valid_from.as_str())
            .kind("date")
            .required(),
        Field::text("validTo", "Geldig tot en met", text(&input.valid_to)).kind("date"),
    ]
}

async fn rules_page(web: &Web, s: &UiSession, input: &RuleInput) -> Result<DetailPage, AppError> {
    let list = advice::rules(&web.ctx, &s.actor).await?;
    let dash = |v: &str| {
        if v.is_empty() {
            "alle".to_string()
        } else {
            v.replace(',', ", ")
        }
    };
    let label = |code: &str| label::<Instrument>(code);
    let rows = list
        .iter()
        .map(|r| {
            let until = r
                .valid_to
                .map_or_else(|| "–".into(), |d| d.format("%d-%m-%Y").to_string());
            vec![
                Cell::text(label(&r.instrument)),
                Cell::text(dash(&r.target_groups)),
                Cell::text(dash(&r.municipalities)),
                Cell::text(dash(&r.sectors)),
                Cell::text(&r.condition),
                Cell::text(&r.source),
                Cell::text(format!("{} tot {until}", r.valid_from.format("%d-%m-%Y"))),
                Cell::badge(if r.active {
                    "in gebruik"
                } else {
                    "ingetrokken"
                }),
            ]
        })
        .collect();
    let active = list
        .iter()
        .filter(|r| r.active)
        .map(|r| {
            (
                r.id.to_string(),
                format!("{}: {}", label(&r.instrument), r.source),
            )
        })
        .collect();
    Ok(DetailPage {
        title: "Regels voor instrumenten".into(),
        subtitle: "Wanneer een instrument kan passen: per doelgroep, gemeente en sector, met de voorwaarde en de bron. De regels veranderen elk jaar en verschillen per gemeente.".into(),
        nav: Some(Nav::of(s)),
        edit_href: None,
        actions: Vec::new(),
        facts: Vec::new(),
        chips: Vec::new(),
        sections: vec![Section {
            title: format!("{} regels", list.len()),
            table: Table { columns: vec!["Instrument", "Doelgroepen", "Gemeenten", "Sectoren", "Voorwaarde", "Bron", "Geldig", "Status"], rows, empty: "Nog geen regels." },
        }],
        forms: vec![
            InlineForm { title: "Regel toevoegen".into(), action: "/beheer/instrumentregels".into(), csrf: s.csrf.clone(), version: None, fields: rule_fields(input), button: "Toevoegen" },
            InlineForm {
                title: "Regel intrekken".into(),
                action: "/beheer/instrumentregels/intrekken".into(),
                csrf: s.csrf.clone(),
                version: None,
                fields: vec![Field::select("rule", "Regel", "", Some("Kies"), active).required()],
                button: "Intrekken",
            },
        ],
    })
}

async fn rules(State(web): State<Web>, s: UiSession) -> Result<Response, UiError> {
    Ok(render(
        StatusCode::OK,
        &rules_page(&web, &s, &RuleInput::default()).await?,
    ))
}

async fn add_rule(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    CsrfForm(post): CsrfForm<FormPost<RuleInput>>,
) -> Result<Response, UiError> {
    match advice::add_rule(&web.ctx, &s.actor, &meta, &post.input).await {
        Ok(_) => Ok(Redirect::to("/beheer/instrumentregels").into_response()),
        Err(AppError::Invalid(errors)) => {
            let page = rules_page(&web, &s, &post.input).await?;
            Ok(super::inline_refused(page, 0, &errors))
        }
        Err(e) => Err(UiError(e)),
    }
}

async fn retire_rule(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    CsrfForm(post): CsrfForm<FormPost<HashMap<String, String>>>,
) -> Result<Response, UiError> {
    let id = post
        .input
        .get("rule")
        .and_then(|r| r.trim().parse::<i64>().ok())
        .ok_or(UiError(AppError::NotFound))?;
    advice::retire_rule(&web.ctx, &s.actor, &meta, id).await?;
    Ok(Redirect::to("/beheer/instrumentregels").into_response())
}
