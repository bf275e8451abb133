//! The employer's page: its key facts, then its vacancies, establishments, contact persons,
//! timeline and satisfaction, the actions and the forms for the contact work; one builder per part.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use koppel_app::domain::codes::{Sector, VacancyStatus};
use koppel_app::domain::permissions::Permission;
use koppel_app::employers::{self, EmployerDetail};
use koppel_app::store::employers::Employer;

use super::views::*;
use super::{render, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub(super) async fn detail(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    let d = employers::get(&web.ctx, &s.actor, &meta, id).await?;
    let e = &d.employer;
    let can_write = s.actor.can(Permission::WriteEmployers);
    let q = koppel_app::vacancies::VacancyQuery {
        employer_id: Some(id),
        page_size: Some(50),
        ..Default::default()
    };
    let vacancies = koppel_app::vacancies::list(&web.ctx, &s.actor, &q).await?;
    let mut sections = vec![
        vacancies_section(&vacancies),
        establishments_section(&d, can_write),
    ];
    let mut timeline = Vec::new();
    if s.actor.can(Permission::ReadContactPersons) {
        sections.push(contact_persons_section(&d, can_write));
        timeline = koppel_app::crm::timeline(&web.ctx, &s.actor, &meta, id).await?;
        sections.push(Section {
            title: "Tijdlijn".into(),
            table: super::timeline::table(&timeline, can_write),
        });
        let sat = koppel_app::satisfaction::for_employer(&web.ctx, &s.actor, id).await?;
        sections.push(satisfaction_section(&sat));
    }
    let view = DetailPage {
        chips: Vec::new(),
        title: e.name.clone(),
        subtitle: format!("{} · {}", label::<Sector>(&e.sector), e.city),
        nav: Some(Nav::of(&s)),
        edit_href: can_write.then(|| format!("/werkgevers/{id}/bewerken")),
        actions: actions(&s, e),
        facts: facts(&d),
        sections,
        forms: if can_write && s.actor.can(Permission::ReadContactPersons) {
            forms(&s, e, &timeline)
        } else {
            Vec::new()
        },
    };
    Ok(render(StatusCode::OK, &view))
}

fn facts(d: &EmployerDetail) -> Vec<(&'static str, String)> {
    let e = &d.employer;
    vec![
        ("KvK-nummer", or_dash(&e.kvk_number)),
        ("SBI-code", or_dash(&e.sbi_code)),
        ("Sector", label::<Sector>(&e.sector)),
        (
            "Postcode en plaats",
            format!("{} {}", e.postcode.clone().unwrap_or_default(), e.city),
        ),
        ("Gemeente (CBS)", or_dash(&e.municipality_code)),
        ("Accounthouder", or_dash(&e.account_holder_name)),
        ("Strategisch account", yes_no(e.strategic)),
        (
            "Status",
            match (e.archived, e.merged_into) {
                (_, Some(_)) => "samengevoegd (zie de link naar de werkgever hierboven)".into(),
                (true, None) => "gearchiveerd".into(),
                _ => "actief".into(),
            },
        ),
        (
            "Accountteam",
            if d.account_team.is_empty() {
                "–".into()
            } else {
                d.account_team
                    .iter()
                    .map(|m| m.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        ),
    ]
}

fn vacancies_section(
    vacancies: &koppel_app::store::Paged<koppel_app::store::vacancies::Vacancy>,
) -> Section {
    Section {
        title: format!("Vacatures ({})", vacancies.total),
        table: Table {
            columns: vec!["Functie", "Status", "Plaats"],
            rows: vacancies
                .items
                .iter()
                .map(|v| {
                    vec![
                        Cell::link(&v.title, format!("/vacatures/{}", v.id)),
                        Cell::badge(label::<VacancyStatus>(&v.status)),
                        Cell::text(&v.city),
                    ]
                })
                .collect(),
            empty: "Geen vacatures.",
        },
    }
}

/// A name that links to its edit form for those who may write.
fn name_cell(name: &str, href: String, can_write: bool) -> Cell {
    if can_write {
        Cell::link(name, href)
    } else {
        Cell::text(name)
    }
}

fn establishments_section(d: &EmployerDetail, can_write: bool) -> Section {
    let id = d.employer.id;
    Section {
        title: "Vestigingen".into(),
        table: Table {
            columns: vec!["Naam", "Adres", "Plaats"],
            rows: d
                .establishments
                .iter()
                .map(|v| {
                    let href = format!("/werkgevers/{id}/vestigingen/{}/bewerken", v.id);
                    vec![
                        name_cell(&v.name, href, can_write),
                        Cell::text(format!(
                            "{} {}",
                            or_dash(&v.street),
                            v.postcode.clone().unwrap_or_default()
                        )),
                        Cell::text(&v.city),
                    ]
                })
                .collect(),
            empty: "Geen vestigingen.",
        },
    }
}

fn contact_persons_section(d: &EmployerDetail, can_write: bool) -> Section {
    let id = d.employer.id;
    Section {
        title: "Contactpersonen".into(),
        table: Table {
            columns: vec!["Naam", "Functie", "E-mail", "Telefoon"],
            rows: d
                .contact_persons
                .iter()
                .map(|p| {
                    let href = format!("/werkgevers/{id}/contactpersonen/{}/bewerken", p.id);
                    vec![
                        name_cell(&p.name, href, can_write),
                        Cell::text(or_dash(&p.job_title)),
                        Cell::text(or_dash(&p.email)),
                        Cell::text(or_dash(&p.phone)),
                    ]
                })
                .collect(),
            empty: "Geen contactpersonen.",
        },
    }
}

fn satisfaction_section(sat: &koppel_app::satisfaction::Satisfaction) -> Section {
    let rows = sat
        .surveys
        .iter()
        .map(|v| {
            vec![
                Cell::text(local_time(v.created_at)),
                Cell::text(
                    v.score
                        .map(|n| n.to_string())
                        .unwrap_or_else(|| "nog niet ingevuld".into()),
                ),
                Cell::text(&v.comment),
                match (v.contact_request_id, v.placement_id) {
                    (Some(r), _) => Cell::link("contactverzoek", format!("/contactverzoeken/{r}")),
                    (None, Some(p)) => Cell::link("plaatsing", format!("/plaatsingen/{p}")),
                    _ => Cell::text(""),
                },
                Cell::text(
                    v.entered_by_name
                        .clone()
                        .unwrap_or_else(|| "werkgever zelf".into()),
                ),
            ]
        })
        .collect();
    let title = match sat.mean {
        Some(m) => format!(
            "Tevredenheid: gemiddeld {m:.1} uit {} antwoorden",
            sat.answers
        ),
        None => "Tevredenheid".into(),
    };
    Section {
        title,
        table: Table {
            columns: vec!["Gevraagd", "Cijfer", "Toelichting", "Over", "Ingevuld door"],
            rows,
            empty: "Nog geen tevredenheid gemeten.",
        },
    }
}

fn actions(s: &UiSession, e: &Employer) -> Vec<(&'static str, String)> {
    let id = e.id;
    let mut actions = Vec::new();
    if let Some(t) = e.merged_into {
        actions.push((
            "Naar de werkgever waarin deze is opgegaan",
            format!("/werkgevers/{t}"),
        ));
    }
    if !s.actor.can(Permission::WriteEmployers) {
        return actions;
    }
    actions.push((
        "Vestiging toevoegen",
        format!("/werkgevers/{id}/vestigingen/nieuw"),
    ));
    if s.actor.can(Permission::ReadContactPersons) {
        actions.push((
            "Contactpersoon toevoegen",
            format!("/werkgevers/{id}/contactpersonen/nieuw"),
        ));
    }
    if e.strategic {
        actions.push((
            "Accountteam wijzigen",
            format!("/werkgevers/{id}/accountteam"),
        ));
    }
    if s.actor.can(Permission::WriteVacancies) {
        actions.push((
            "Vacature toevoegen",
            format!("/vacatures/nieuw?employerId={id}"),
        ));
    }
    actions
}

fn form(
    s: &UiSession,
    title: &str,
    action: String,
    fields: Vec<Field>,
    button: &'static str,
) -> InlineForm {
    InlineForm {
        title: title.into(),
        action,
        csrf: s.csrf.clone(),
        version: None,
        fields,
        button,
    }
}

/// The forms of the contact work, then merging and archiving (with the version read).
fn forms(
    s: &UiSession,
    e: &Employer,
    timeline: &[koppel_app::crm::TimelineEntry],
) -> Vec<InlineForm> {
    let id = e.id;
    let mut forms = vec![
        form(
            s,
            "Contactmoment vastleggen",
            format!("/werkgevers/{id}/contactmomenten"),
            super::crm::moment_fields(&Default::default()),
            "Contactmoment opslaan",
        ),
        form(
            s,
            "Afspraak vastleggen",
            format!("/werkgevers/{id}/afspraken"),
            super::crm::agreement_fields(&Default::default(), false),
            "Afspraak opslaan",
        ),
        form(
            s,
            "Tevredenheid vastleggen",
            format!("/werkgevers/{id}/tevredenheid"),
            super::satisfaction::score_fields(&Default::default(), Some(timeline)),
            "Cijfer opslaan",
        ),
        form(
            s,
            "Tevredenheid vragen met een link",
            format!("/werkgevers/{id}/tevredenheidslink"),
            super::satisfaction::link_fields(&Default::default(), timeline),
            "Link maken",
        ),
    ];
    if e.merged_into.is_some() {
        return forms;
    }
    if !e.archived {
        forms.push(InlineForm {
            version: Some(e.version),
            ..form(
                s,
                "Dubbele werkgever samenvoegen",
                format!("/werkgevers/{id}/samenvoegen"),
                vec![super::employer_merge::merge_field("")],
                "Samenvoegen",
            )
        });
    }
    let (title, archived, button) = if e.archived {
        ("Terughalen uit het archief", "false", "Terughalen")
    } else {
        ("Archiveren", "true", "Archiveren")
    };
    forms.push(InlineForm {
        version: Some(e.version),
        ..form(
            s,
            title,
            format!("/werkgevers/{id}/archief"),
            vec![Field::hidden("archived", archived)],
            button,
        )
    });
    forms
}
