//! Vacancy pages: list with search and filters, detail with skills and nominations (the intake
//! and edit form: `vacancy_form`).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use koppel_app::domain::codes::{Cluster, ContractType, EducationLevel, VacancyStatus};
use koppel_app::domain::nomination::NominationState;
use koppel_app::domain::permissions::Permission;
use koppel_app::nominations;
use koppel_app::vacancies::{self, VacancyQuery};

use super::vacancy_form as form;
use koppel_app::store::vacancies::Vacancy;

use super::views::*;
use super::{paging_links, render, sort_headers, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/vacatures", get(list).post(form::create))
        .route("/vacatures/nieuw", get(form::new_form))
        .route("/vacatures/{id}", get(detail).post(form::update))
        .route("/vacatures/{id}/bewerken", get(form::edit_form))
}

async fn list(
    State(web): State<Web>,
    s: UiSession,
    Query(q): Query<VacancyQuery>,
) -> Result<Response, UiError> {
    let page = vacancies::list(&web.ctx, &s.actor, &q).await?;
    let rows = page
        .items
        .iter()
        .map(|v| {
            vec![
                Cell::link(&v.title, format!("/vacatures/{}", v.id)),
                Cell::link(&v.employer_name, format!("/werkgevers/{}", v.employer_id)),
                Cell::text(&v.city),
                Cell::text(
                    v.hours_per_week
                        .map(|h| format!("{h} uur"))
                        .unwrap_or_else(|| "–".into()),
                ),
                Cell::badge(label::<VacancyStatus>(&v.status)),
            ]
        })
        .collect();
    let paging = paging_links(
        "/vacatures",
        &q,
        |q, p| q.page = Some(p),
        page.page,
        page.pages(),
    );
    let headers = sort_headers(
        "/vacatures",
        &q,
        |q, s| {
            q.sort = s;
            q.page = None;
        },
        q.sort.as_deref(),
        &[
            ("Functie", Some("titel")),
            ("Werkgever", Some("werkgever")),
            ("Plaats", Some("plaats")),
            ("Uren", None),
            ("Status", None),
        ],
    );
    let fields = vec![
        Field::text("q", "Zoeken", q.q.clone().unwrap_or_default())
            .hint("Functie, werkgever of plaats"),
        Field::select(
            "status",
            "Status",
            q.status.clone().unwrap_or_default(),
            Some("Alle statussen"),
            options::<VacancyStatus>(),
        ),
        Field::select(
            "cluster",
            "Cluster",
            q.cluster.clone().unwrap_or_default(),
            Some("Alle clusters"),
            options::<Cluster>(),
        ),
        Field::checkbox(
            "mine",
            "Alleen bij mijn werkgevers",
            q.mine.unwrap_or(false),
        )
        .with_value("true"),
    ];
    let view = ListPage {
        title: "Vacatures".into(),
        nav: Some(Nav::of(&s)),
        new_href: s
            .actor
            .can(Permission::WriteVacancies)
            .then(|| "/vacatures/nieuw".to_string()),
        new_label: "Nieuwe vacature",
        fields,
        table: Table {
            columns: vec!["Functie", "Werkgever", "Plaats", "Uren", "Status"],
            rows,
            empty: "Geen vacatures gevonden.",
        },
        total: page.total,
        page: page.page,
        pages: page.pages(),
        paging,
        headers,
        export_href: Some(format!(
            "/vacatures/export?{}&",
            serde_urlencoded::to_string(&q).unwrap_or_default()
        )),
        import_href: s
            .actor
            .can(koppel_domain::permissions::Permission::WriteVacancies)
            .then(|| "/importeren".to_string()),
    };
    Ok(render(StatusCode::OK, &view))
}

async fn detail(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    let nav = || Some(Nav::of(&s));
    let v = vacancies::get(&web.ctx, &s.actor, id).await?;
    let noms = nominations::for_vacancy(&web.ctx, &s.actor, &meta, id).await?;
    let skills = |essential: bool| {
        v.skills
            .iter()
            .filter(|k| k.essential == essential)
            .map(|k| super::format::skill_name(k.label.as_deref()))
            .collect()
    };
    let chips = vec![
        ("Vereiste vaardigheden", skills(true)),
        ("Gewenste vaardigheden", skills(false)),
    ];
    let view = DetailPage {
        chips,
        title: v.title.clone(),
        subtitle: v.employer_name.clone(),
        nav: nav(),
        edit_href: s
            .actor
            .can(Permission::WriteVacancies)
            .then(|| format!("/vacatures/{id}/bewerken")),
        actions: vacancy_actions(&s, &v),
        facts: vacancy_facts(&v),
        sections: if s.actor.can(Permission::ReadCandidates) {
            vec![nominations_section(&noms)]
        } else {
            Vec::new()
        },
        forms: nominate_form(&s, &v),
    };
    Ok(render(StatusCode::OK, &view))
}

/// What the vacancy asks and offers, and where.
fn vacancy_facts(v: &Vacancy) -> Vec<(&'static str, String)> {
    vec![
        ("Werkgever", v.employer_name.clone()),
        ("Beroep", or_dash(&v.occupation_label)),
        ("Status", label::<VacancyStatus>(&v.status)),
        (
            "Uren per week",
            v.hours_per_week
                .map(|h| h.to_string())
                .unwrap_or_else(|| "–".into()),
        ),
        (
            "Contractvorm",
            v.contract_type
                .as_deref()
                .map(label::<ContractType>)
                .unwrap_or_else(|| "–".into()),
        ),
        (
            "Opleidingsniveau",
            v.education_level
                .as_deref()
                .map(label::<EducationLevel>)
                .unwrap_or_else(|| "–".into()),
        ),
        (
            "Rijbewijs",
            if v.driving_licences.is_empty() {
                "–".into()
            } else {
                v.driving_licences.clone()
            },
        ),
        ("Talen", languages(&v.languages)),
        (
            "Werkplek",
            format!("{} {}", v.postcode.clone().unwrap_or_default(), v.city),
        ),
        (
            "Sluitingsdatum",
            v.closing_date
                .map(|d| d.format("%d-%m-%Y").to_string())
                .unwrap_or_else(|| "–".into()),
        ),
        ("Aantal plaatsen", v.positions.to_string()),
        ("In de vacaturekrant", yes_no(v.publish)),
        (
            "Open voor doelgroepen",
            if v.eligible_target_groups.is_empty() {
                "alle".into()
            } else {
                v.eligible_target_groups.replace(',', ", ")
            },
        ),
        ("Omschrijving", v.description.clone()),
        (
            "Functiecreatie",
            if v.job_carving {
                format!(
                    "ja: {} (afgesplitst van {}){}",
                    v.carved_tasks,
                    v.carved_from,
                    if v.carved_for_candidate_id.is_some() {
                        ", voor één kandidaat (zie de link hierboven)"
                    } else {
                        ""
                    }
                )
            } else {
                "nee".into()
            },
        ),
    ]
}

/// The nominations for the vacancy of candidates the user may see.
fn nominations_section(noms: &[koppel_app::store::nominations::Nomination]) -> Section {
    Section {
        title: "Voordrachten".into(),
        table: Table {
            columns: vec!["Kandidaat", "Status", "Door", "Datum"],
            rows: noms
                .iter()
                .map(|n| {
                    vec![
                        Cell::link(&n.candidate_name, format!("/kandidaten/{}", n.candidate_id)),
                        Cell::link(
                            label::<NominationState>(&n.state),
                            format!("/voordrachten/{}", n.id),
                        ),
                        Cell::text(&n.proposed_by_name),
                        Cell::text(local_date(n.created_at)),
                    ]
                })
                .collect(),
            empty: "Geen voordrachten van kandidaten die u mag zien.",
        },
    }
}

fn vacancy_actions(s: &UiSession, v: &Vacancy) -> Vec<(&'static str, String)> {
    let id = v.id;
    let mut a = vec![("Werkgever", format!("/werkgevers/{}", v.employer_id))];
    if let Some(c) = v.carved_for_candidate_id {
        a.push((
            "De kandidaat voor wie de functie is gemaakt",
            format!("/kandidaten/{c}"),
        ));
    }
    if s.actor.can(Permission::ReadCandidates) {
        a.push(("Kandidaten zoeken", format!("/vacatures/{id}/kandidaten")));
        a.push(("Voordrachtenbord", format!("/vacatures/{id}/bord")));
    }
    if s.actor.can(Permission::WriteVacancies) {
        a.push(("VUM-gegevens", format!("/vacatures/{id}/vum")));
    }
    if s.actor.can(Permission::WriteVacancies) && !v.description.trim().is_empty() {
        a.push((
            "Vaardigheden uit de omschrijving",
            format!("/vacatures/{id}/bewerken?uitTekst=1"),
        ));
    }
    a
}

/// The "propose a candidate" form, for users who may nominate, on vacancies that take nominations.
fn nominate_form(s: &UiSession, v: &Vacancy) -> Vec<InlineForm> {
    if !s.actor.can(Permission::WriteNominations) || !(v.status == "open" || v.status == "on_hold")
    {
        return Vec::new();
    }
    vec![InlineForm {
        title: "Kandidaat voordragen".into(),
        action: "/voordrachten".into(),
        csrf: s.csrf.clone(),
        version: None,
        fields: vec![
            Field::hidden("vacancyId", v.id.to_string()),
            Field::pick(
                "candidateId",
                "Kandidaat",
                koppel_app::picking::PickKind::Candidate,
                "",
            )
            .required(),
        ],
        button: "Voordragen",
    }]
}
