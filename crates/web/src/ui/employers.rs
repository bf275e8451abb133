//! Employer pages: list with search and filters, detail with establishments, contacts and history, create and edit.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use koppel_app::domain::codes::{Cluster, Sector};
use koppel_app::domain::permissions::Permission;
use koppel_app::employers::{self, EmployerQuery};

use super::views::*;
use super::{paging_links, render, sort_headers, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/werkgevers", get(list).post(super::employer_form::create))
        .route("/werkgevers/nieuw", get(super::employer_form::new_form))
        .route(
            "/werkgevers/{id}",
            get(detail).post(super::employer_form::update),
        )
        .route(
            "/werkgevers/{id}/bewerken",
            get(super::employer_form::edit_form),
        )
}

async fn list(
    State(web): State<Web>,
    s: UiSession,
    Query(q): Query<EmployerQuery>,
) -> Result<Response, UiError> {
    let nav = || Some(Nav::of(&s));
    let page = employers::list(&web.ctx, &s.actor, &q).await?;
    let rows = page
        .items
        .iter()
        .map(|e| {
            vec![
                Cell::link(&e.name, format!("/werkgevers/{}", e.id)),
                Cell::text(&e.city),
                Cell::text(label::<Sector>(&e.sector)),
                Cell::text(or_dash(&e.account_holder_name)),
                Cell::text(or_dash(&e.kvk_number)),
            ]
        })
        .collect();
    let paging = paging_links(
        "/werkgevers",
        &q,
        |q, p| q.page = Some(p),
        page.page,
        page.pages(),
    );
    let headers = sort_headers(
        "/werkgevers",
        &q,
        |q, s| {
            q.sort = s;
            q.page = None;
        },
        q.sort.as_deref(),
        &[
            ("Naam", Some("naam")),
            ("Plaats", Some("plaats")),
            ("Sector", Some("sector")),
            ("Accounthouder", None),
            ("KvK-nummer", None),
        ],
    );
    let municipalities = koppel_app::reference::municipalities(&web.ctx, &s.actor)
        .await?
        .into_iter()
        .map(|c| (c.code, c.label))
        .collect();
    let fields = vec![
        Field::text("q", "Zoeken", q.q.clone().unwrap_or_default())
            .hint("Naam, plaats of KvK-nummer"),
        Field::select(
            "cluster",
            "Cluster",
            q.cluster.clone().unwrap_or_default(),
            Some("Alle clusters"),
            options::<Cluster>(),
        ),
        Field::select(
            "sector",
            "Sector",
            q.sector.clone().unwrap_or_default(),
            Some("Alle sectoren"),
            options::<Sector>(),
        ),
        Field::select(
            "municipality",
            "Gemeente",
            q.municipality.clone().unwrap_or_default(),
            Some("Alle gemeenten"),
            municipalities,
        ),
        Field::checkbox("mine", "Alleen mijn werkgevers", q.mine.unwrap_or(false))
            .with_value("true"),
        Field::checkbox("archived", "Ook gearchiveerde", q.archived.unwrap_or(false))
            .with_value("true"),
    ];
    let view = ListPage {
        title: "Werkgevers".into(),
        nav: nav(),
        new_href: s
            .actor
            .can(Permission::WriteEmployers)
            .then(|| "/werkgevers/nieuw".to_string()),
        new_label: "Nieuwe werkgever",
        fields,
        table: Table {
            columns: vec!["Naam", "Plaats", "Sector", "Accounthouder", "KvK-nummer"],
            rows,
            empty: "Geen werkgevers gevonden.",
        },
        total: page.total,
        page: page.page,
        pages: page.pages(),
        paging,
        headers,
        export_href: Some(format!(
            "/werkgevers/export?{}&",
            serde_urlencoded::to_string(&q).unwrap_or_default()
        )),
        import_href: s
            .actor
            .can(koppel_domain::permissions::Permission::WriteEmployers)
            .then(|| "/werkgevers/importeren".to_string()),
    };
    Ok(render(StatusCode::OK, &view))
}

async fn detail(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    let d = employers::get(&web.ctx, &s.actor, &meta, id).await?;
    let e = &d.employer;
    let can_write = s.actor.can(Permission::WriteEmployers);
    let facts = vec![
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
    ];
    let mut sections = vec![Section {
        title: "Vestigingen".into(),
        table: Table {
            columns: vec!["Naam", "Adres", "Plaats"],
            rows: d
                .establishments
                .iter()
                .map(|v| {
                    vec![
                        if can_write {
                            Cell::link(
                                &v.name,
                                format!("/werkgevers/{id}/vestigingen/{}/bewerken", v.id),
                            )
                        } else {
                            Cell::text(&v.name)
                        },
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
    }];
    let mut timeline = Vec::new();
    if s.actor.can(Permission::ReadContactPersons) {
        sections.push(Section {
            title: "Contactpersonen".into(),
            table: Table {
                columns: vec!["Naam", "Functie", "E-mail", "Telefoon"],
                rows: d
                    .contact_persons
                    .iter()
                    .map(|p| {
                        vec![
                            if can_write {
                                Cell::link(
                                    &p.name,
                                    format!("/werkgevers/{id}/contactpersonen/{}/bewerken", p.id),
                                )
                            } else {
                                Cell::text(&p.name)
                            },
                            Cell::text(or_dash(&p.job_title)),
                            Cell::text(or_dash(&p.email)),
                            Cell::text(or_dash(&p.phone)),
                        ]
                    })
                    .collect(),
                empty: "Geen contactpersonen.",
            },
        });
        timeline = koppel_app::crm::timeline(&web.ctx, &s.actor, &meta, id).await?;
        sections.push(Section {
            title: "Tijdlijn".into(),
            table: super::timeline::table(&timeline, can_write),
        });
        let sat = koppel_app::satisfaction::for_employer(&web.ctx, &s.actor, id).await?;
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
                        (Some(r), _) => {
                            Cell::link("contactverzoek", format!("/contactverzoeken/{r}"))
                        }
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
        sections.push(Section {
            title,
            table: Table {
                columns: vec!["Gevraagd", "Cijfer", "Toelichting", "Over", "Ingevuld door"],
                rows,
                empty: "Nog geen tevredenheid gemeten.",
            },
        });
    }
    let q = koppel_app::vacancies::VacancyQuery {
        employer_id: Some(id),
        page_size: Some(50),
        ..Default::default()
    };
    let vacancies = koppel_app::vacancies::list(&web.ctx, &s.actor, &q).await?;
    sections.insert(
        0,
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
                            Cell::badge(label::<koppel_app::domain::codes::VacancyStatus>(
                                &v.status,
                            )),
                            Cell::text(&v.city),
                        ]
                    })
                    .collect(),
                empty: "Geen vacatures.",
            },
        },
    );
    let mut actions = Vec::new();
    if let Some(t) = e.merged_into {
        actions.push((
            "Naar de werkgever waarin deze is opgegaan",
            format!("/werkgevers/{t}"),
        ));
    }
    if can_write {
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
    }
    let view = DetailPage {
        chips: Vec::new(),
        title: e.name.clone(),
        subtitle: format!("{} · {}", label::<Sector>(&e.sector), e.city),
        nav: Some(Nav::of(&s)),
        edit_href: can_write.then(|| format!("/werkgevers/{id}/bewerken")),
        actions,
        facts,
        sections,
        forms: if can_write && s.actor.can(Permission::ReadContactPersons) {
            let mut forms = vec![
                InlineForm {
                    title: "Contactmoment vastleggen".into(),
                    action: format!("/werkgevers/{id}/contactmomenten"),
                    csrf: s.csrf.clone(),
                    version: None,
                    fields: super::crm::moment_fields(&Default::default()),
                    button: "Contactmoment opslaan",
                },
                InlineForm {
                    title: "Afspraak vastleggen".into(),
                    action: format!("/werkgevers/{id}/afspraken"),
                    csrf: s.csrf.clone(),
                    version: None,
                    fields: super::crm::agreement_fields(&Default::default(), false),
                    button: "Afspraak opslaan",
                },
            ];
            forms.push(InlineForm {
                title: "Tevredenheid vastleggen".into(),
                action: format!("/werkgevers/{id}/tevredenheid"),
                csrf: s.csrf.clone(),
                version: None,
                fields: super::satisfaction::score_fields(&Default::default(), Some(&timeline)),
                button: "Cijfer opslaan",
            });
            forms.push(InlineForm {
                title: "Tevredenheid vragen met een link".into(),
                action: format!("/werkgevers/{id}/tevredenheidslink"),
                csrf: s.csrf.clone(),
                version: None,
                fields: super::satisfaction::link_fields(&Default::default(), &timeline),
                button: "Link maken",
            });
            if e.merged_into.is_none() {
                if !e.archived {
                    forms.push(InlineForm {
                        title: "Dubbele werkgever samenvoegen".into(),
                        action: format!("/werkgevers/{id}/samenvoegen"),
                        csrf: s.csrf.clone(),
                        version: Some(e.version),
                        fields: vec![super::employer_merge::merge_field("")],
                        button: "Samenvoegen",
                    });
                }
                forms.push(InlineForm {
                    title: if e.archived {
                        "Terughalen uit het archief".into()
                    } else {
                        "Archiveren".into()
                    },
                    action: format!("/werkgevers/{id}/archief"),
                    csrf: s.csrf.clone(),
                    version: Some(e.version),
                    fields: vec![Field::hidden(
                        "archived",
                        if e.archived { "false" } else { "true" },
                    )],
                    button: if e.archived {
                        "Terughalen"
                    } else {
                        "Archiveren"
                    },
                });
            }
            forms
        } else {
            Vec::new()
        },
    };
    Ok(render(StatusCode::OK, &view))
}
