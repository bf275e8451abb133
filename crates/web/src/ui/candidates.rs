//! Candidate pages: only candidates in the user's scope; each view is logged as a processing of personal data.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use koppel_app::candidates::{self, CandidateQuery};
use koppel_app::domain::codes::{ConsentScope, ContractType, EducationLevel};
use koppel_app::domain::nomination::NominationState;
use koppel_app::domain::permissions::Permission;
use koppel_app::picking::PickKind;
use koppel_app::{nominations, reference};

use super::views::*;
use super::{paging_links, render, sort_headers, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/kandidaten", get(list).post(super::candidate_form::create))
        .route("/kandidaten/nieuw", get(super::candidate_form::new_form))
        .route(
            "/kandidaten/{id}",
            get(detail).post(super::candidate_form::update),
        )
        .route(
            "/kandidaten/{id}/bewerken",
            get(super::candidate_form::edit_form),
        )
}

pub(super) async fn target_group_options(
    web: &Web,
    _s: &UiSession,
) -> Result<Vec<(String, String)>, UiError> {
    let lists = reference::code_lists(&web.ctx).await?;
    Ok(lists
        .target_groups
        .into_iter()
        .map(|c| (c.code, c.label))
        .collect())
}

async fn list(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Query(q): Query<CandidateQuery>,
) -> Result<Response, UiError> {
    let page = candidates::list(&web.ctx, &s.actor, &meta, &q).await?;
    let rows = page
        .items
        .iter()
        .map(|c| {
            vec![
                Cell::link(
                    format!("{} {}", c.first_name, c.last_name),
                    format!("/kandidaten/{}", c.id),
                ),
                Cell::text(&c.city),
                Cell::text(&c.target_group_label),
                Cell::text(yes_no(c.work_ready)),
                Cell::text(&c.org_name),
            ]
        })
        .collect();
    let paging = paging_links(
        "/kandidaten",
        &q,
        |q, p| q.page = Some(p),
        page.page,
        page.pages(),
    );
    let headers = sort_headers(
        "/kandidaten",
        &q,
        |q, s| {
            q.sort = s;
            q.page = None;
        },
        q.sort.as_deref(),
        &[
            ("Naam", Some("naam")),
            ("Woonplaats", Some("plaats")),
            ("Doelgroep", None),
            ("Werkfit", None),
            ("Organisatie", None),
        ],
    );
    let fields = vec![
        Field::text("q", "Zoeken", q.q.clone().unwrap_or_default()).hint("Naam of plaats"),
        Field::select(
            "targetGroup",
            "Doelgroep",
            q.target_group.clone().unwrap_or_default(),
            Some("Alle doelgroepen"),
            target_group_options(&web, &s).await?,
        ),
        Field::checkbox("mine", "Alleen mijn kandidaten", q.mine.unwrap_or(false))
            .with_value("true"),
    ];
    let view = ListPage {
        title: "Kandidaten".into(),
        nav: Some(Nav::of(&s)),
        new_href: s
            .actor
            .can(Permission::WriteCandidates)
            .then(|| "/kandidaten/nieuw".to_string()),
        new_label: "Kandidaat overdragen",
        fields,
        table: Table {
            columns: vec!["Naam", "Woonplaats", "Doelgroep", "Werkfit", "Organisatie"],
            rows,
            empty: "Geen kandidaten gevonden.",
        },
        total: page.total,
        page: page.page,
        pages: page.pages(),
        paging,
        headers,
        export_href: Some(format!(
            "/kandidaten/export?{}&",
            serde_urlencoded::to_string(&q).unwrap_or_default()
        )),
        import_href: s
            .actor
            .can(koppel_domain::permissions::Permission::WriteCandidates)
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
    let c = candidates::get(&web.ctx, &s.actor, &meta, id).await?;
    let editable = s.actor.can(Permission::WriteCandidates) && c.org_id == s.actor.org_id();
    let (noms, placements) = nominations::for_candidate(&web.ctx, &s.actor, id).await?;
    let date = |d: Option<chrono::NaiveDate>| {
        d.map(|d| d.format("%d-%m-%Y").to_string())
            .unwrap_or_else(|| "–".into())
    };
    let facts = vec![
        ("Organisatie", c.org_name.clone()),
        ("Doelgroep", c.target_group_label.clone()),
        (
            "Bewijs doelgroep",
            if c.target_group_evidence.is_empty() {
                "–".into()
            } else {
                c.target_group_evidence.clone()
            },
        ),
        ("Doelgroep geldig tot", date(c.target_group_valid_until)),
        (
            "Werkfit",
            format!(
                "{} (beoordeeld op {})",
                yes_no(c.work_ready),
                date(c.work_ready_assessed_on)
            ),
        ),
        (
            "Toestemming delen met WSP",
            if c.consent_wsp {
                format!(
                    "ja, sinds {}: {}",
                    date(c.consent_date),
                    label::<ConsentScope>(&c.consent_scope).to_lowercase()
                )
            } else {
                "nee".into()
            },
        ),
        (
            "Wensen",
            if c.wishes.is_empty() {
                "–".into()
            } else {
                c.wishes.clone()
            },
        ),
        ("Gewenst beroep", or_dash(&c.desired_occupation_uri)),
        ("E-mail", or_dash(&c.email)),
        ("Telefoon", or_dash(&c.phone)),
        (
            "Postcode en woonplaats",
            format!("{} {}", c.postcode.clone().unwrap_or_default(), c.city),
        ),
        ("Beschikbaar vanaf", date(c.available_from)),
        (
            "Uren per week",
            c.hours_per_week
                .map(|h| h.to_string())
                .unwrap_or_else(|| "–".into()),
        ),
        (
            "Opleidingsniveau",
            c.education_level
                .as_deref()
                .map(label::<EducationLevel>)
                .unwrap_or_else(|| "onbekend".into()),
        ),
        (
            "Rijbewijs",
            if c.driving_licences.is_empty() {
                "–".into()
            } else {
                c.driving_licences.clone()
            },
        ),
        ("Talen", languages(&c.languages)),
        (
            "Maximale reisafstand",
            c.max_travel_km
                .map(|k| format!("{k} km"))
                .unwrap_or_else(|| "–".into()),
        ),
    ];
    let chips = vec![(
        "Vaardigheden",
        c.skills
            .iter()
            .map(|k| super::format::skill_name(k.label.as_deref()))
            .collect(),
    )];
    let sections = vec![
        Section {
            title: "Voordrachten".into(),
            table: Table {
                columns: vec!["Vacature", "Werkgever", "Status", "Datum"],
                rows: noms
                    .iter()
                    .map(|n| {
                        vec![
                            Cell::link(&n.vacancy_title, format!("/vacatures/{}", n.vacancy_id)),
                            Cell::text(&n.employer_name),
                            Cell::link(
                                label::<NominationState>(&n.state),
                                format!("/voordrachten/{}", n.id),
                            ),
                            Cell::text(local_date(n.created_at)),
                        ]
                    })
                    .collect(),
                empty: "Nog geen voordrachten.",
            },
        },
        Section {
            title: "Plaatsingen".into(),
            table: Table {
                columns: vec![
                    "Werkgever",
                    "Start",
                    "Contract",
                    "Uren",
                    "Uitstroom uit uitkering",
                ],
                rows: placements
                    .iter()
                    .map(|p| {
                        vec![
                            Cell::link(&p.employer_name, format!("/werkgevers/{}", p.employer_id)),
                            Cell::link(
                                p.start_date.format("%d-%m-%Y").to_string(),
                                format!("/plaatsingen/{}", p.id),
                            ),
                            Cell::text(label::<ContractType>(&p.contract_type)),
                            Cell::text(p.hours_per_week.to_string()),
                            Cell::text(yes_no(p.benefit_outflow)),
                        ]
                    })
                    .collect(),
                empty: "Nog geen plaatsingen.",
            },
        },
    ];
    let view = DetailPage {
        chips,
        title: format!("{} {}", c.first_name, c.last_name),
        subtitle: format!("{} · {}", c.target_group_label, c.org_name),
        nav: nav(),
        edit_href: editable.then(|| format!("/kandidaten/{id}/bewerken")),
        actions: {
            let mut a = vec![("Passende vacatures", format!("/kandidaten/{id}/vacatures"))];
            if editable {
                a.push((
                    "Vaardigheden uit een cv",
                    format!("/kandidaten/{id}/cv-vaardigheden"),
                ));
                a.push(("VUM-gegevens", format!("/kandidaten/{id}/vum")));
                a.push(("Inzage (PDF)", format!("/kandidaten/{id}/inzage.pdf")));
                a.push(("Inzage (JSON)", format!("/kandidaten/{id}/inzage.json")));
                a.push(("Gegevens wissen", format!("/kandidaten/{id}/wissen")));
            }
            a
        },
        facts,
        sections,
        forms: if s.actor.can(Permission::WriteNominations) {
            vec![InlineForm {
                title: "Voordragen voor een vacature".into(),
                action: "/voordrachten".into(),
                csrf: s.csrf.clone(),
                version: None,
                fields: vec![
                    Field::hidden("candidateId", id.to_string()),
                    Field::pick("vacancyId", "Vacature", PickKind::Vacancy, "").required(),
                ],
                button: "Voordragen",
            }]
        } else {
            Vec::new()
        },
    };
    Ok(render(StatusCode::OK, &view))
}
