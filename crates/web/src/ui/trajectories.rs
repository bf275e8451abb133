//! Trajectories the Werkcentrum pays for: the table and booking form on a resident's page, one
//! trajectory with its outcome, the year's budget per kind (a manager sets it), and the kinds the
//! administrator keeps.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use chrono::{Datelike, Utc};
use koppel_app::desk::trajectories::{self, OutcomeInput, TrajectoryInput};
use koppel_app::domain::desk::TrajectoryOutcome;
use koppel_app::domain::permissions::Permission;
use koppel_app::input::opt;
use koppel_app::AppError;
use koppel_app::Meta;
use serde::Deserialize;

use super::views::*;
use super::{form_error, must, render, CsrfForm, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/werkcentrum/trajecten/{id}", get(detail).post(update))
        .route("/werkcentrum/budget", get(budget).post(set_budget))
        .route("/beheer/trajectsoorten", get(kinds).post(add_kind))
}

/// A resident's trajectories as a table.
pub(crate) fn section(list: &[koppel_app::desk::trajectories::Trajectory]) -> Section {
    let rows = list
        .iter()
        .map(|t| {
            vec![
                Cell::link(&t.kind_label, format!("/werkcentrum/trajecten/{}", t.id)),
                Cell::text(&t.provider),
                Cell::text(t.start_date.format("%d-%m-%Y").to_string()),
                Cell::text(euros(t.cost_cents)),
                Cell::badge(label::<TrajectoryOutcome>(&t.outcome)),
            ]
        })
        .collect();
    Section {
        title: "Trajecten".into(),
        table: Table {
            columns: vec!["Soort", "Aanbieder", "Start", "Kosten", "Uitkomst"],
            rows,
            empty: "Nog geen trajecten.",
        },
    }
}

/// The form that books a trajectory for a resident.
pub(crate) async fn booking_form(
    web: &Web,
    s: &UiSession,
    resident_id: i64,
    input: &TrajectoryInput,
) -> Result<InlineForm, AppError> {
    let kinds = trajectories::kinds(&web.ctx).await?;
    let options = kinds
        .iter()
        .filter(|k| k.active)
        .map(|k| (k.code.clone(), k.label.clone()))
        .collect();
    Ok(InlineForm {
        title: "Traject boeken".into(),
        action: format!("/werkcentrum/inwoners/{resident_id}/trajecten"),
        csrf: s.csrf.clone(),
        version: None,
        fields: vec![
            Field::select("kind", "Soort traject", input.kind.as_str(), Some("Kies"), options).required(),
            Field::text("provider", "Aanbieder", input.provider.as_str()).required(),
            Field::text("startDate", "Startdatum", input.start_date.as_str()).kind("date").required(),
            Field::text("endDate", "Einddatum (gepland)", opt(&input.end_date).unwrap_or_default()).kind("date"),
            Field::text("cost", "Kosten in euro", input.cost.as_str()).required().hint("Wordt geboekt op het budget van deze soort in het jaar van de start, bijvoorbeeld 2500 of 2500,00."),
        ],
        button: "Traject boeken",
    })
}

#[derive(Deserialize)]
struct DetailQuery {
    /// The share of the budget committed after booking, when booking warned.
    budget: Option<i64>,
}

fn outcome_fields(input: &OutcomeInput) -> Vec<Field> {
    vec![
        Field::select(
            "outcome",
            "Uitkomst",
            input.outcome.as_str(),
            None,
            options::<TrajectoryOutcome>(),
        )
        .required(),
        Field::text(
            "endDate",
            "Einddatum",
            opt(&input.end_date).unwrap_or_default(),
        )
        .kind("date"),
        Field::text(
            "spent",
            "Uitgegeven in euro",
            opt(&input.spent).unwrap_or_default(),
        )
        .hint("Wat er tot nu toe is betaald, bijvoorbeeld 1200,00."),
    ]
}

async fn page(
    web: &Web,
    s: &UiSession,
    meta: &Meta,
    id: i64,
    warn: Option<i64>,
) -> Result<DetailPage, AppError> {
    let t = trajectories::get(&web.ctx, &s.actor, meta, id).await?;
    let input = OutcomeInput {
        outcome: koppel_app::input::Text(t.outcome.clone()),
        end_date: t.end_date.map(|d| koppel_app::input::Text(d.to_string())),
        spent: Some(koppel_app::input::Text(format!(
            "{},{:02}",
            t.spent_cents / 100,
            t.spent_cents % 100
        ))),
    };
    let subtitle = match warn {
        Some(p) => format!(
            "Geboekt. Let op: {p}% van het budget {} {} is nu vastgelegd.",
            t.kind_label.to_lowercase(),
            t.start_date.year()
        ),
        None => String::new(),
    };
    Ok(DetailPage {
        title: format!("{} voor {}", t.kind_label, t.resident_name),
        subtitle,
        nav: Some(Nav::of(s)),
        edit_href: None,
        actions: vec![
            (
                "Naar de inwoner",
                format!("/werkcentrum/inwoners/{}", t.resident_id),
            ),
            ("Budget trajecten", "/werkcentrum/budget".into()),
        ],
        facts: vec![
            ("Aanbieder", t.provider.clone()),
            ("Start", t.start_date.format("%d-%m-%Y").to_string()),
            (
                "Einde",
                t.end_date
                    .map_or_else(|| "–".into(), |d| d.format("%d-%m-%Y").to_string()),
            ),
            ("Kosten (vastgelegd)", euros(t.cost_cents)),
            ("Uitgegeven", euros(t.spent_cents)),
            ("Uitkomst", label::<TrajectoryOutcome>(&t.outcome)),
            ("Geboekt door", t.booked_by_name.clone()),
        ],
        chips: Vec::new(),
        sections: Vec::new(),
        forms: vec![InlineForm {
            title: "Uitkomst vastleggen".into(),
            action: format!("/werkcentrum/trajecten/{id}"),
            csrf: s.csrf.clone(),
            version: Some(t.version),
            fields: outcome_fields(&input),
            button: "Opslaan",
        }],
    })
}

async fn detail(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    Query(q): Query<DetailQuery>,
) -> Result<Response, UiError> {
    Ok(render(
        StatusCode::OK,
        &page(&web, &s, &meta, id, q.budget).await?,
    ))
}

async fn update(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<OutcomeInput>>,
) -> Result<Response, UiError> {
    let version = post.read_version()?;
    match trajectories::record_outcome(&web.ctx, &s.actor, &meta, id, version, &post.input).await {
        Ok(()) => Ok(Redirect::to(&format!("/werkcentrum/trajecten/{id}")).into_response()),
        Err(e) => {
            let page = FormPage::new(
                &s,
                "Uitkomst vastleggen",
                format!("/werkcentrum/trajecten/{id}"),
                Some(version),
                outcome_fields(&post.input),
                format!("/werkcentrum/trajecten/{id}"),
            );
            Ok(form_error(page, e, Nav::of(&s)))
        }
    }
}

#[derive(Deserialize)]
struct YearQuery {
    jaar: Option<i32>,
}

fn budget_fields(
    year: i32,
    kinds: Vec<(String, String)>,
    post: &HashMap<String, String>,
) -> Vec<Field> {
    let get = |k: &str| post.get(k).cloned().unwrap_or_default();
    vec![
        Field::text(
            "year",
            "Jaar",
            post.get("year")
                .cloned()
                .unwrap_or_else(|| year.to_string()),
        )
        .kind("number")
        .required(),
        Field::select("kind", "Soort traject", get("kind"), Some("Kies"), kinds).required(),
        Field::text("amount", "Budget in euro", get("amount"))
            .required()
            .hint("Bijvoorbeeld 150000"),
    ]
}

async fn budget_page(
    web: &Web,
    s: &UiSession,
    year: i32,
    post: &HashMap<String, String>,
) -> Result<DetailPage, AppError> {
    let lines = trajectories::budget(&web.ctx, &s.actor, year).await?;
    let rows = lines
        .iter()
        .map(|l| {
            let (budget, left, used) = match l.budget_cents {
                Some(b) => (
                    euros(b),
                    euros(b - l.committed_cents),
                    if b > 0 {
                        format!("{}%", l.committed_cents * 100 / b)
                    } else {
                        "–".into()
                    },
                ),
                None => ("geen budget".into(), "–".into(), "–".into()),
            };
            vec![
                Cell::text(&l.label),
                Cell::text(budget),
                Cell::text(euros(l.committed_cents)),
                Cell::text(euros(l.spent_cents)),
                Cell::text(left),
                Cell::text(used),
            ]
        })
        .collect();
    let mut forms = Vec::new();
    if s.actor.can(Permission::ManageTargets) {
        let kinds = lines
            .iter()
            .map(|l| (l.kind.clone(), l.label.clone()))
            .collect();
        forms.push(InlineForm {
            title: "Budget vaststellen".into(),
            action: "/werkcentrum/budget".into(),
            csrf: s.csrf.clone(),
            version: None,
            fields: budget_fields(year, kinds, post),
            button: "Opslaan",
        });
    }
    Ok(DetailPage {
        title: format!("Budget trajecten {year}"),
        subtitle: "Per soort traject: het budget van uw organisatie, wat met geboekte trajecten is vastgelegd en wat al is uitgegeven. Boeken boven het budget kan niet.".into(),
        nav: Some(Nav::of(s)),
        edit_href: None,
        actions: vec![("Vorig jaar", format!("/werkcentrum/budget?jaar={}", year - 1)), ("Volgend jaar", format!("/werkcentrum/budget?jaar={}", year + 1))],
        facts: Vec::new(),
        chips: Vec::new(),
        sections: vec![Section {
            title: "Per soort".into(),
            table: Table { columns: vec!["Soort", "Budget", "Vastgelegd", "Uitgegeven", "Nog vrij", "Gebruikt"], rows, empty: "Er zijn nog geen soorten trajecten." },
        }],
        forms,
    })
}

async fn budget(
    State(web): State<Web>,
    s: UiSession,
    Query(q): Query<YearQuery>,
) -> Result<Response, UiError> {
    let year = q.jaar.unwrap_or_else(|| Utc::now().year());
    Ok(render(
        StatusCode::OK,
        &budget_page(&web, &s, year, &HashMap::new()).await?,
    ))
}

async fn set_budget(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    CsrfForm(post): CsrfForm<FormPost<HashMap<String, String>>>,
) -> Result<Response, UiError> {
    let f = &post.input;
    let year = f
        .get("year")
        .and_then(|y| y.trim().parse::<i32>().ok())
        .unwrap_or(0);
    let kind = f.get("kind").map(String::as_str).unwrap_or("");
    let amount = f.get("amount").map(String::as_str).unwrap_or("");
    match trajectories::set_budget(&web.ctx, &s.actor, &meta, year, kind, amount).await {
        Ok(()) => Ok(Redirect::to(&format!("/werkcentrum/budget?jaar={year}")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let shown = if (2000..=2100).contains(&year) {
                year
            } else {
                Utc::now().year()
            };
            let page = budget_page(&web, &s, shown, f).await?;
            Ok(super::inline_refused(page, 0, &errors))
        }
        Err(e) => Err(UiError(e)),
    }
}

async fn kinds_page(web: &Web, s: &UiSession, label_value: &str) -> Result<DetailPage, AppError> {
    let list = trajectories::kinds(&web.ctx).await?;
    let rows = list
        .iter()
        .map(|k| {
            vec![
                Cell::text(&k.label),
                Cell::badge(if k.active {
                    "in gebruik"
                } else {
                    "niet meer in gebruik"
                }),
            ]
        })
        .collect();
    Ok(DetailPage {
        title: "Soorten trajecten".into(),
        subtitle:
            "De soorten trajecten die het Werkcentrum betaalt; elk heeft een eigen budget per jaar."
                .into(),
        nav: Some(Nav::of(s)),
        edit_href: None,
        actions: Vec::new(),
        facts: Vec::new(),
        chips: Vec::new(),
        sections: vec![Section {
            title: "Soorten".into(),
            table: Table {
                columns: vec!["Soort", "Status"],
                rows,
                empty: "Nog geen soorten.",
            },
        }],
        forms: vec![InlineForm {
            title: "Soort toevoegen".into(),
            action: "/beheer/trajectsoorten".into(),
            csrf: s.csrf.clone(),
            version: None,
            fields: vec![Field::text("label", "Naam", label_value)
                .required()
                .hint("Bijvoorbeeld Taaltraject")],
            button: "Toevoegen",
        }],
    })
}

async fn kinds(State(web): State<Web>, s: UiSession) -> Result<Response, UiError> {
    must(&s, Permission::ManageUsers)?;
    Ok(render(StatusCode::OK, &kinds_page(&web, &s, "").await?))
}

async fn add_kind(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    CsrfForm(post): CsrfForm<FormPost<HashMap<String, String>>>,
) -> Result<Response, UiError> {
    let label = post.input.get("label").map(String::as_str).unwrap_or("");
    match trajectories::add_kind(&web.ctx, &s.actor, &meta, label).await {
        Ok(()) => Ok(Redirect::to("/beheer/trajectsoorten").into_response()),
        Err(AppError::Invalid(errors)) => {
            let page = kinds_page(&web, &s, label).await?;
            Ok(super::inline_refused(page, 0, &errors))
        }
        Err(e) => Err(UiError(e)),
    }
}
