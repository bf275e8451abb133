//! Event pages (bijeenkomsten): the list, an event with its participants and results, and its
//! forms (satisfaction: `satisfaction`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use koppel_app::domain::codes::Cluster;
use koppel_app::domain::crm::{AttendanceStatus, EventKind};
use koppel_app::domain::permissions::Permission;
use koppel_app::events::{self, EventDetail, EventInput, ParticipantInput};
use koppel_app::input::opt;
use koppel_app::picking::PickKind;
use koppel_app::store::events::Event;

use super::pick::PickForm;
use super::views::*;
use super::{form_error, render, CsrfForm, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/bijeenkomsten", get(list).post(create))
        .route("/bijeenkomsten/{id}", get(detail).post(update))
        .route("/bijeenkomsten/{id}/bewerken", get(edit))
        .route("/bijeenkomsten/{id}/deelnemers", post(invite))
        .route(
            "/bijeenkomsten/{id}/resultaten",
            post(super::event_results::add_result),
        )
        .route("/deelnemers/{id}", post(attendance))
}

fn event_fields(input: &EventInput) -> Vec<Field> {
    vec![
        Field::text("title", "Titel", input.title.as_str()).required(),
        Field::select(
            "kind",
            "Soort",
            input.kind.as_str(),
            Some("Kies"),
            options::<EventKind>(),
        )
        .required(),
        Field::text("eventDate", "Datum", input.event_date.as_str())
            .kind("date")
            .required(),
        Field::text("place", "Plaats", opt(&input.place).unwrap_or_default()),
        Field::select(
            "cluster",
            "Cluster",
            opt(&input.cluster).unwrap_or_default(),
            Some("Alle clusters"),
            options::<Cluster>(),
        ),
        Field::text(
            "description",
            "Omschrijving",
            opt(&input.description).unwrap_or_default(),
        )
        .kind("textarea"),
        Field::text(
            "outcomeNotes",
            "Wat heeft het opgeleverd",
            opt(&input.outcome_notes).unwrap_or_default(),
        )
        .kind("textarea"),
    ]
}

async fn list(State(web): State<Web>, s: UiSession) -> Result<Response, UiError> {
    let list = events::list(&web.ctx, &s.actor).await?;
    let rows = list
        .iter()
        .map(|e| {
            vec![
                Cell::link(&e.title, format!("/bijeenkomsten/{}", e.id)),
                Cell::text(label::<EventKind>(&e.kind)),
                Cell::text(e.event_date.format("%d-%m-%Y").to_string()),
                Cell::text(&e.place),
                Cell::text(format!("{} van {}", e.attended, e.invited)),
            ]
        })
        .collect();
    let forms = if s.actor.can(Permission::WriteEmployers) {
        vec![InlineForm {
            title: "Bijeenkomst plannen".into(),
            action: "/bijeenkomsten".into(),
            csrf: s.csrf.clone(),
            version: None,
            fields: event_fields(&EventInput::default()),
            button: "Opslaan",
        }]
    } else {
        Vec::new()
    };
    let view = DetailPage {
        chips: Vec::new(),
        title: "Bijeenkomsten".into(),
        subtitle:
            "Werkgeversbijeenkomsten, de Care Fair, banenmarkten: wie er kwam en wat het opleverde."
                .into(),
        nav: Some(Nav::of(&s)),
        edit_href: None,
        actions: Vec::new(),
        facts: Vec::new(),
        sections: vec![Section {
            title: format!("{} bijeenkomsten", list.len()),
            table: Table {
                columns: vec!["Titel", "Soort", "Datum", "Plaats", "Aanwezig"],
                rows,
                empty: "Nog geen bijeenkomsten.",
            },
        }],
        forms,
    };
    Ok(render(StatusCode::OK, &view))
}

async fn create(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    CsrfForm(post): CsrfForm<FormPost<EventInput>>,
) -> Result<Response, UiError> {
    match events::create(&web.ctx, &s.actor, &meta, &post.input).await {
        Ok(e) => Ok(Redirect::to(&format!("/bijeenkomsten/{}", e.id)).into_response()),
        Err(e) => Ok(form_error(
            FormPage::new(
                &s,
                "Bijeenkomst plannen",
                "/bijeenkomsten",
                None,
                event_fields(&post.input),
                "/bijeenkomsten",
            ),
            e,
            Nav::of(&s),
        )),
    }
}

async fn detail(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    let d = events::get(&web.ctx, &s.actor, &meta, id).await?;
    let e = &d.event;
    let can_write = s.actor.can(Permission::WriteEmployers);
    let mut forms = Vec::new();
    if can_write {
        forms = attendance_forms(&s, &d);
        forms.push(InlineForm {
            title: "Uitnodigen".into(),
            action: format!("/bijeenkomsten/{id}/deelnemers"),
            csrf: s.csrf.clone(),
            version: None,
            fields: invite_fields(&ParticipantInput::default()),
            button: "Uitnodigen",
        });
        forms.push(super::event_results::form(&web, &s, &meta, &d).await?);
    }
    let view = DetailPage {
        chips: Vec::new(),
        title: e.title.clone(),
        subtitle: String::new(),
        nav: Some(Nav::of(&s)),
        edit_href: can_write.then(|| format!("/bijeenkomsten/{id}/bewerken")),
        actions: vec![("Alle bijeenkomsten", "/bijeenkomsten".into())],
        facts: event_facts(e),
        sections: vec![participants_section(&d), results_section(&d)],
        forms,
    };
    Ok(render(StatusCode::OK, &view))
}

fn event_facts(e: &Event) -> Vec<(&'static str, String)> {
    vec![
        ("Soort", label::<EventKind>(&e.kind)),
        ("Datum", e.event_date.format("%d-%m-%Y").to_string()),
        ("Plaats", e.place.clone()),
        (
            "Cluster",
            e.cluster
                .as_deref()
                .map(label::<Cluster>)
                .unwrap_or_else(|| "alle".into()),
        ),
        ("Omschrijving", e.description.clone()),
        (
            "Uitgenodigd / aanwezig",
            format!("{} / {}", e.invited, e.attended),
        ),
        ("Wat heeft het opgeleverd", e.outcome_notes.clone()),
    ]
}

fn participants_section(d: &EventDetail) -> Section {
    Section {
        title: "Deelnemers".into(),
        table: Table {
            columns: vec!["Wie", "Soort", "Aanwezigheid"],
            rows: d
                .participants
                .iter()
                .map(|p| {
                    let who = match (&p.employer_name, &p.candidate_name) {
                        (Some(n), _) => Cell::link(
                            n,
                            format!("/werkgevers/{}", p.employer_id.unwrap_or_default()),
                        ),
                        (None, Some(n)) => Cell::link(
                            n,
                            format!("/kandidaten/{}", p.candidate_id.unwrap_or_default()),
                        ),
                        _ => Cell::text("–"),
                    };
                    vec![
                        who,
                        Cell::text(if p.employer_id.is_some() {
                            "Werkgever"
                        } else {
                            "Kandidaat"
                        }),
                        Cell::badge(label::<AttendanceStatus>(&p.status)),
                    ]
                })
                .collect(),
            empty: "Nog niemand uitgenodigd.",
        },
    }
}

fn results_section(d: &EventDetail) -> Section {
    Section {
        title: "Resultaten".into(),
        table: Table {
            columns: vec!["Soort", "Wat"],
            rows: d
                .results
                .iter()
                .map(|r| match (r.vacancy_id, r.placement_id) {
                    (Some(v), _) => vec![
                        Cell::text("Vacature"),
                        Cell::link(
                            r.vacancy_title.clone().unwrap_or_default(),
                            format!("/vacatures/{v}"),
                        ),
                    ],
                    (None, Some(p)) => vec![
                        Cell::text("Plaatsing"),
                        Cell::link(
                            match &r.employer_name {
                                Some(e) => format!("Plaatsing bij {e}"),
                                None => "Plaatsing".into(),
                            },
                            format!("/plaatsingen/{p}"),
                        ),
                    ],
                    _ => vec![
                        Cell::text("Contact"),
                        Cell::text(match (&r.employer_name, &r.contact_subject) {
                            (Some(e), Some(s)) if !s.is_empty() => {
                                format!("Contactmoment met {e}: {s}")
                            }
                            (Some(e), _) => format!("Contactmoment met {e}"),
                            _ => "Contactmoment".into(),
                        }),
                    ],
                })
                .collect(),
            empty: "Nog geen resultaten vastgelegd.",
        },
    }
}

/// One form per participant still invited, to record whether they came.
fn attendance_forms(s: &UiSession, d: &EventDetail) -> Vec<InlineForm> {
    let mut forms = Vec::new();
    for p in d.participants.iter().filter(|p| p.status == "invited") {
        let who = p
            .employer_name
            .clone()
            .or(p.candidate_name.clone())
            .unwrap_or_default();
        forms.push(InlineForm {
            title: format!("Aanwezigheid van {who}"),
            action: format!("/deelnemers/{}", p.id),
            csrf: s.csrf.clone(),
            version: Some(p.version),
            fields: vec![Field::select(
                "status",
                "Aanwezigheid",
                "attended",
                None,
                options::<AttendanceStatus>(),
            )],
            button: "Opslaan",
        });
    }
    forms
}

async fn edit(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    s.actor.require(Permission::WriteEmployers)?;
    let d = events::get(&web.ctx, &s.actor, &meta, id).await?;
    let page = FormPage::new(
        &s,
        "Bijeenkomst bewerken",
        format!("/bijeenkomsten/{id}"),
        Some(d.event.version),
        event_fields(&EventInput::from_event(&d.event)),
        format!("/bijeenkomsten/{id}"),
    );
    Ok(render(StatusCode::OK, &page))
}

async fn update(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<EventInput>>,
) -> Result<Response, UiError> {
    let version = post.read_version()?;
    match events::update(&web.ctx, &s.actor, &meta, id, version, &post.input).await {
        Ok(_) => Ok(Redirect::to(&format!("/bijeenkomsten/{id}")).into_response()),
        Err(e) => Ok(form_error(
            FormPage::new(
                &s,
                "Bijeenkomst bewerken",
                format!("/bijeenkomsten/{id}"),
                Some(version),
                event_fields(&post.input),
                format!("/bijeenkomsten/{id}"),
            ),
            e,
            Nav::of(&s),
        )),
    }
}

/// Whom to invite: an employer or a candidate, picked by name.
fn invite_fields(input: &ParticipantInput) -> Vec<Field> {
    vec![
        Field::pick(
            "employerId",
            "Werkgever",
            PickKind::Employer,
            opt(&input.employer_id).unwrap_or_default(),
        ),
        Field::pick(
            "candidateId",
            "Of kandidaat",
            PickKind::Candidate,
            opt(&input.candidate_id).unwrap_or_default(),
        ),
    ]
}

async fn invite(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    form: PickForm,
) -> Result<Response, UiError> {
    let picks_of = [
        ("employerId", PickKind::Employer),
        ("candidateId", PickKind::Candidate),
    ];
    let (post, picks): (FormPost<ParticipantInput>, _) =
        form.resolve(&web, &s, &meta, &picks_of).await?;
    let result = picks
        .then(events::add_participant(
            &web.ctx,
            &s.actor,
            &meta,
            id,
            &post.input,
        ))
        .await;
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/bijeenkomsten/{id}")).into_response()),
        Err(e) => {
            let mut fields = invite_fields(&post.input);
            picks.show(&web, &s, &meta, &mut fields).await?;
            Ok(form_error(
                FormPage::new(
                    &s,
                    "Uitnodigen",
                    format!("/bijeenkomsten/{id}/deelnemers"),
                    None,
                    fields,
                    format!("/bijeenkomsten/{id}"),
                ),
                e,
                Nav::of(&s),
            ))
        }
    }
}

#[derive(serde::Deserialize, Default)]
struct AttendanceForm {
    #[serde(default)]
    status: String,
}

async fn attendance(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<AttendanceForm>>,
) -> Result<Response, UiError> {
    let version = post.read_version()?;
    let event_id =
        events::set_attendance(&web.ctx, &s.actor, &meta, id, version, &post.input.status).await?;
    Ok(Redirect::to(&format!("/bijeenkomsten/{event_id}")).into_response())
}
