//! The start page, per role: what this person does today first (an adviser's requests and
//! agreements, a consultant's nominations, the Oekraïnebalie's intake, a manager's figures), the
//! actions they start most, and an empty part as one sentence.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use koppel_app::domain::codes::Role;
use koppel_app::domain::nomination::NominationState;
use koppel_app::domain::permissions::Permission;
use koppel_app::{dashboard, worklist};

use super::views::{label, local_time, time_left, Cell, Nav, Section, StartPage, Table};
use super::{render, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new().route("/", get(start))
}

/// What a role sees first and starts most: a sentence, and links to the day's usual actions.
fn role_intro(role: Role) -> (&'static str, Vec<(&'static str, &'static str)>) {
    match role {
        Role::Adviser => (
            "Uw contactverzoeken, afspraken en nazorg van vandaag staan hieronder, de dringendste eerst.",
            vec![
                ("Contactverzoek vastleggen", "/contactverzoeken/nieuw"),
                ("Nieuwe werkgever", "/werkgevers/nieuw"),
                ("Nieuwe vacature", "/vacatures/nieuw"),
            ],
        ),
        Role::Consultant => (
            "Uw voordrachten en de nazorg van uw kandidaten staan hieronder.",
            vec![
                ("Kandidaat overdragen", "/kandidaten/nieuw"),
                ("Kandidaten zoeken", "/kandidaten"),
                ("Vacatures zoeken", "/vacatures?status=open"),
            ],
        ),
        Role::Jobhunter => (
            "Uw voordrachten, de nazorg op de werkvloer en de nieuwste open vacatures staan hieronder.",
            vec![
                ("Open vacatures", "/vacatures?status=open"),
                ("Nieuwe vacature", "/vacatures/nieuw"),
                ("Kandidaten zoeken", "/kandidaten"),
            ],
        ),
        Role::UkraineDesk => (
            "Oekraïense kandidaten inschrijven en voordragen: begin bij de aanmelding. De nieuwste open vacatures staan hieronder.",
            vec![
                ("Oekraïense kandidaat inschrijven", "/kandidaten/nieuw?targetGroup=oekraine"),
                ("Oekraïense kandidaten", "/kandidaten?targetGroup=oekraine"),
                ("Open vacatures", "/vacatures?status=open"),
            ],
        ),
        Role::Manager => (
            "De cijfers van de regio staan bovenaan; daaronder wat naar u is geëscaleerd.",
            vec![
                ("Alle cijfers en de factsheet", "/cijfers"),
                ("Streefcijfers", "/cijfers/doelen"),
                ("Budget trajecten", "/werkcentrum/budget"),
                ("Contactverzoeken", "/contactverzoeken"),
            ],
        ),
        Role::Admin => (
            "Beheer van gebruikers, doelgroepen, gemeenten en imports.",
            vec![
                ("Gebruikers", "/beheer/gebruikers"),
                ("Doelgroepen", "/beheer/doelgroepen"),
                ("Gemeenten", "/beheer/gemeenten"),
                ("Locaties en spreekuren", "/beheer/locaties"),
                ("Soorten trajecten", "/beheer/trajectsoorten"),
                ("Regels voor instrumenten", "/beheer/instrumentregels"),
                ("Importeren", "/importeren"),
                ("E-mail", "/beheer/e-mail"),
                ("Privacyverklaring", "/beheer/privacyverklaring"),
            ],
        ),
        Role::Gids => (
            "Leg de gesprekken aan de balie vast en verwijs inwoners warm door; wat nog op antwoord wacht staat hieronder.",
            vec![
                ("Gesprek vastleggen", "/werkcentrum/gesprekken/nieuw"),
                ("Inwoner zoeken", "/werkcentrum/inwoners"),
                ("Doorverwijzingen", "/doorverwijzingen"),
            ],
        ),
        Role::Partner => (
            "De vacatures en de cijfers van de regio; persoonsgegevens ziet u niet.",
            vec![
                ("Vacatures", "/vacatures?status=open"),
                ("Vacaturekrant", "/vacaturekrant"),
                ("Cijfers", "/cijfers"),
            ],
        ),
    }
}

async fn start(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Query(q): Query<super::figures::FigureQuery>,
) -> Result<Response, UiError> {
    let err = |e| UiError(e);
    let role = s.actor.role();
    let d = dashboard::dashboard(&web.ctx, &s.actor)
        .await
        .map_err(err)?;
    let mut tiles = vec![
        ("werkgevers", d.employers, "/werkgevers"),
        ("open vacatures", d.open_vacancies, "/vacatures?status=open"),
    ];
    if let Some(n) = d.candidates {
        tiles.push(("kandidaten in uw zicht", n, "/kandidaten"));
    }
    let sections = if role == Role::Admin || role == Role::Partner {
        Vec::new()
    } else {
        let w = worklist::worklist(&web.ctx, &s.actor, &meta, chrono::Utc::now())
            .await
            .map_err(err)?;
        let mut sections = sections_for(role, worklist_sections(&w));
        if matches!(role, Role::Jobhunter | Role::UkraineDesk) {
            sections.insert(1, newest_vacancies(&web, &s).await.map_err(err)?);
        }
        if s.actor.can(Permission::HandleReferrals) {
            sections.insert(0, incoming_referrals(&web, &s, &meta).await.map_err(err)?);
        }
        if s.actor.can(Permission::RecordConversations) {
            let [requests, waiting] = super::desk::waiting(&web, &s, &meta).await.map_err(err)?;
            sections.splice(0..0, [requests, waiting]);
        }
        sections
    };
    let (figures, filters, figures_query) = if role == Role::Admin {
        (None, None, String::new())
    } else {
        super::figures::dashboard(&web, &s, &q).await.map_err(err)?
    };
    let (lead, actions) = role_intro(role);
    let page = StartPage {
        title: "Start".into(),
        nav: Some(Nav::of(&s)),
        greeting: s.actor.name().to_string(),
        lead,
        actions,
        tiles,
        figures_first: role == Role::Manager || role == Role::Partner,
        sections,
        figures,
        filters,
        figures_query,
    };
    Ok(render(StatusCode::OK, &page))
}

/// Referrals of residents to the user's organisation that wait for an answer: where a warm
/// handover lands.
async fn incoming_referrals(
    web: &Web,
    s: &UiSession,
    meta: &koppel_app::Meta,
) -> Result<Section, koppel_app::AppError> {
    let list = koppel_app::desk::referrals::list(&web.ctx, &s.actor, meta, true, true).await?;
    Ok(super::desk::referral_section(
        "Doorverwijzingen naar uw organisatie",
        &list,
        true,
        "Er wachten geen doorverwijzingen op antwoord.",
    ))
}

/// The open vacancies taken in most recently: where a jobhunter or the Oekraïnebalie looks for
/// work for their people.
async fn newest_vacancies(web: &Web, s: &UiSession) -> Result<Section, koppel_app::AppError> {
    let query = koppel_app::vacancies::VacancyQuery {
        status: Some("open".into()),
        sort: Some("-nieuw".into()),
        page_size: Some(8),
        ..Default::default()
    };
    let page = koppel_app::vacancies::list(&web.ctx, &s.actor, &query).await?;
    let rows = page
        .items
        .iter()
        .map(|v| {
            vec![
                Cell::link(&v.title, format!("/vacatures/{}", v.id)),
                Cell::text(&v.employer_name),
                Cell::text(&v.city),
            ]
        })
        .collect();
    Ok(Section {
        title: "Nieuwste open vacatures".into(),
        table: Table {
            columns: vec!["Vacature", "Werkgever", "Plaats"],
            rows,
            empty: "Er zijn nu geen open vacatures.",
        },
    })
}

/// The parts of the worklist a role works from, in its order: contact requests, after-care,
/// agreements, nominations.
fn sections_for(role: Role, all: [Section; 4]) -> Vec<Section> {
    let [requests, aftercare, agreements, nominations] = all;
    match role {
        Role::Adviser => vec![requests, agreements, aftercare, nominations],
        Role::Manager => vec![requests],
        Role::Consultant | Role::UkraineDesk => vec![nominations, aftercare],
        Role::Jobhunter => vec![nominations, aftercare, requests],
        Role::Admin | Role::Partner | Role::Gids => Vec::new(),
    }
}

/// The worklist as tables: contact requests by deadline, after-care, agreements, nominations.
fn worklist_sections(w: &worklist::Worklist) -> [Section; 4] {
    let requests = w
        .contact_requests
        .iter()
        .map(|r| {
            vec![
                Cell::link(
                    &r.request.company_name,
                    format!("/contactverzoeken/{}", r.request.id),
                ),
                Cell::text(local_time(r.request.deadline_at)),
                Cell::text(time_left(r.minutes_left)),
            ]
        })
        .collect();
    let aftercare = w
        .aftercare
        .iter()
        .map(|t| {
            vec![
                Cell::link(
                    &t.candidate_name,
                    format!("/plaatsingen/{}", t.placement_id),
                ),
                Cell::text(&t.employer_name),
                Cell::text(t.due_date.format("%d-%m-%Y").to_string()),
            ]
        })
        .collect();
    let agreements = w
        .agreements
        .iter()
        .map(|a| {
            vec![
                Cell::link(&a.description, format!("/afspraken/{}/bewerken", a.id)),
                Cell::link(&a.employer_name, format!("/werkgevers/{}", a.employer_id)),
                Cell::text(
                    a.due_date
                        .map(|d| d.format("%d-%m-%Y").to_string())
                        .unwrap_or_else(|| "–".into()),
                ),
            ]
        })
        .collect();
    let nominations = w
        .nominations
        .iter()
        .map(|n| {
            let moved = format!(
                "{} dagen{}",
                n.days_without_movement,
                if n.stale { " (blijft liggen)" } else { "" }
            );
            vec![
                Cell::link(
                    &n.nomination.candidate_name,
                    format!("/voordrachten/{}", n.nomination.id),
                ),
                Cell::text(&n.nomination.vacancy_title),
                Cell::badge(label::<NominationState>(&n.nomination.state)),
                Cell::text(moved),
            ]
        })
        .collect();
    [
        Section {
            title: "Contactverzoeken".into(),
            table: Table {
                columns: vec!["Bedrijf", "Uiterlijk", "Tijd"],
                rows: requests,
                empty: "Geen open contactverzoeken voor u.",
            },
        },
        Section {
            title: "Nazorg deze week".into(),
            table: Table {
                columns: vec!["Kandidaat", "Werkgever", "Datum"],
                rows: aftercare,
                empty: "Geen nazorg deze week.",
            },
        },
        Section {
            title: "Afspraken".into(),
            table: Table {
                columns: vec!["Afspraak", "Werkgever", "Uiterlijk"],
                rows: agreements,
                empty: "Geen afspraken die deze week aflopen.",
            },
        },
        Section {
            title: "Voordrachten die wachten".into(),
            table: Table {
                columns: vec!["Kandidaat", "Vacature", "Status", "Zonder beweging"],
                rows: nominations,
                empty: "Geen lopende voordrachten.",
            },
        },
    ]
}
