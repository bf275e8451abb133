//! Placement pages: a placement with its after-care and instruments, and its edit form.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use koppel_app::aftercare::{self, AftercareInput};
use koppel_app::domain::codes::ContractType;
use koppel_app::domain::crm::{AftercareOutcome, Benefit, Instrument, InstrumentStatus};
use koppel_app::domain::permissions::Permission;
use koppel_app::input::opt;
use koppel_app::instruments::{self, InstrumentInput};
use koppel_app::placements::{self, PlacementInput};

use koppel_app::store::aftercare::AftercareTask;
use koppel_app::store::instruments::PlacementInstrument;
use koppel_app::store::placements::Placement;

use super::views::*;
use super::{form_error, render, CsrfForm, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/plaatsingen/{id}", get(placement).post(update_placement))
        .route("/plaatsingen/{id}/bewerken", get(edit_placement))
}

pub(super) fn placement_fields(input: &PlacementInput) -> Vec<Field> {
    vec![
        Field::select(
            "contractType",
            "Contractvorm",
            input.contract_type.as_str(),
            Some("Kies een contractvorm"),
            options::<ContractType>(),
        )
        .required(),
        Field::text(
            "hoursPerWeek",
            "Uren per week",
            input.hours_per_week.as_str(),
        )
        .kind("number")
        .required(),
        Field::text("startDate", "Startdatum", input.start_date.as_str())
            .kind("date")
            .required(),
        Field::text(
            "hourlyWage",
            "Bruto uurloon (euro)",
            opt(&input.hourly_wage).unwrap_or_default(),
        )
        .hint("Bijvoorbeeld 14,50"),
        Field::checkbox(
            "benefitOutflow",
            "Uitstroom uit de uitkering",
            input.benefit_outflow.0,
        ),
        Field::select(
            "benefit",
            "Uit welke uitkering",
            opt(&input.benefit).unwrap_or_default(),
            Some("Geen uitstroom"),
            options::<Benefit>(),
        ),
    ]
}

async fn placement(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    let p = placements::get(&web.ctx, &s.actor, &meta, id).await?;
    let tasks = aftercare::for_placement(&web.ctx, &s.actor, id).await?;
    let used = instruments::for_placement(&web.ctx, &s.actor, id).await?;
    let can_edit = s.actor.can(Permission::WriteNominations);
    let mut actions = vec![
        ("Kandidaat", format!("/kandidaten/{}", p.candidate_id)),
        ("Werkgever", format!("/werkgevers/{}", p.employer_id)),
    ];
    if let Some(n) = p.nomination_id {
        actions.push(("Voordracht", format!("/voordrachten/{n}")));
    }
    let view = DetailPage {
        chips: Vec::new(),
        title: format!("Plaatsing van {}", p.candidate_name),
        subtitle: p.employer_name.clone(),
        nav: Some(Nav::of(&s)),
        edit_href: can_edit.then(|| format!("/plaatsingen/{id}/bewerken")),
        actions,
        facts: placement_facts(&p),
        sections: vec![
            instruments_section(&used, can_edit),
            aftercare_section(&tasks),
        ],
        forms: placement_forms(&s, id, &tasks, can_edit),
    };
    Ok(render(StatusCode::OK, &view))
}

/// The terms of the placement, its outflow and whether it lasted.
fn placement_facts(p: &Placement) -> Vec<(&'static str, String)> {
    vec![
        ("Kandidaat", p.candidate_name.clone()),
        ("Werkgever", p.employer_name.clone()),
        ("Contractvorm", label::<ContractType>(&p.contract_type)),
        ("Uren per week", p.hours_per_week.to_string()),
        ("Startdatum", p.start_date.format("%d-%m-%Y").to_string()),
        (
            "Bruto uurloon",
            p.hourly_wage_cents.map(euros).unwrap_or_else(|| "–".into()),
        ),
        ("Doelgroep bij plaatsing", p.target_group_label.clone()),
        (
            "Uitstroom uit de uitkering",
            if p.benefit_outflow {
                format!(
                    "ja, uit {}",
                    p.benefit
                        .as_deref()
                        .map(label::<Benefit>)
                        .unwrap_or_default()
                )
            } else {
                "nee".into()
            },
        ),
        (
            "Beëindigd",
            p.ended_on
                .map(|d| {
                    format!(
                        "{} ({})",
                        d.format("%d-%m-%Y"),
                        p.ended_reason.clone().unwrap_or_default()
                    )
                })
                .unwrap_or_else(|| "nee".into()),
        ),
        (
            "Duurzaam (na 6 maanden nog aan het werk)",
            yes_no(koppel_app::domain::crm::is_sustainable(
                p.start_date,
                p.ended_on,
                chrono::Utc::now().date_naive(),
            )),
        ),
        ("Nazorg afgesloten", yes_no(p.follow_up_ended)),
    ]
}

fn instruments_section(used: &[PlacementInstrument], can_edit: bool) -> Section {
    Section {
        title: "Instrumenten".into(),
        table: Table {
            columns: vec!["Instrument", "Status", "Bedrag", "Periode", "Notities"],
            rows: used
                .iter()
                .map(|i| {
                    let name = label::<Instrument>(&i.instrument);
                    vec![
                        if can_edit {
                            Cell::link(name, format!("/instrumenten/{}/bewerken", i.id))
                        } else {
                            Cell::text(name)
                        },
                        Cell::badge(label::<InstrumentStatus>(&i.status)),
                        Cell::text(i.amount_cents.map(euros).unwrap_or_else(|| "–".into())),
                        Cell::text(match (i.start_date, i.end_date) {
                            (Some(a), Some(b)) => {
                                format!("{} t/m {}", a.format("%d-%m-%Y"), b.format("%d-%m-%Y"))
                            }
                            (Some(a), None) => format!("vanaf {}", a.format("%d-%m-%Y")),
                            _ => "–".into(),
                        }),
                        Cell::text(&i.notes),
                    ]
                })
                .collect(),
            empty: "Geen instrumenten ingezet.",
        },
    }
}

fn aftercare_section(tasks: &[AftercareTask]) -> Section {
    Section {
        title: "Nazorg".into(),
        table: Table {
            columns: vec!["Datum", "Moment", "Door", "Uitkomst", "Notities"],
            rows: tasks
                .iter()
                .map(|t| {
                    vec![
                        Cell::text(t.due_date.format("%d-%m-%Y").to_string()),
                        Cell::text(match t.kind.as_str() {
                            "two_months" => "Na 2 maanden",
                            "five_months" => "Na 5 maanden",
                            _ => "Vervolg",
                        }),
                        Cell::text(or_dash(&t.assignee_name)),
                        Cell::text(
                            t.outcome
                                .as_deref()
                                .map(label::<AftercareOutcome>)
                                .unwrap_or_else(|| "open".into()),
                        ),
                        Cell::text(&t.notes),
                    ]
                })
                .collect(),
            empty: "Geen nazorg gepland.",
        },
    }
}

/// The form for the next open after-care task, and for adding an instrument.
fn placement_forms(
    s: &UiSession,
    id: i64,
    tasks: &[AftercareTask],
    can_edit: bool,
) -> Vec<InlineForm> {
    let mut forms = match tasks.iter().find(|t| t.done_at.is_none()) {
        Some(t) if s.actor.can(Permission::WriteEmployers) => vec![InlineForm {
            title: format!("Nazorg van {} vastleggen", t.due_date.format("%d-%m-%Y")),
            action: format!("/nazorg/{}", t.id),
            csrf: s.csrf.clone(),
            version: Some(t.version),
            fields: super::aftercare::aftercare_fields(&AftercareInput::default()),
            button: "Nazorg opslaan",
        }],
        _ => Vec::new(),
    };
    if can_edit {
        forms.push(InlineForm {
            title: "Instrument toevoegen".into(),
            action: format!("/plaatsingen/{id}/instrumenten"),
            csrf: s.csrf.clone(),
            version: None,
            fields: super::aftercare::instrument_fields(&InstrumentInput::default()),
            button: "Instrument opslaan",
        });
    }
    forms
}

async fn edit_placement(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    s.actor.require(Permission::WriteNominations)?;
    let p = placements::get(&web.ctx, &s.actor, &meta, id).await?;
    let fields = placement_fields(&PlacementInput::from_placement(&p));
    Ok(render(
        StatusCode::OK,
        &FormPage::new(
            &s,
            "Plaatsing bewerken",
            format!("/plaatsingen/{id}"),
            Some(p.version),
            fields,
            format!("/plaatsingen/{id}"),
        ),
    ))
}

async fn update_placement(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<PlacementInput>>,
) -> Result<Response, UiError> {
    let version = post.read_version()?;
    match placements::update(&web.ctx, &s.actor, &meta, id, version, &post.input).await {
        Ok(p) => Ok(Redirect::to(&format!("/plaatsingen/{}", p.id)).into_response()),
        Err(err) => {
            let page = FormPage::new(
                &s,
                "Plaatsing bewerken",
                format!("/plaatsingen/{id}"),
                Some(version),
                placement_fields(&post.input),
                format!("/plaatsingen/{id}"),
            );
            Ok(form_error(page, err, Nav::of(&s)))
        }
    }
}
