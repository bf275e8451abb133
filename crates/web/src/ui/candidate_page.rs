//! The candidate's page: the facts of their registration and profile, their skills, nominations
//! and placements, and what the consultant can do next; one builder per part.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use koppel_app::candidates;
use koppel_app::domain::codes::{ConsentScope, ContractType, EducationLevel};
use koppel_app::domain::nomination::NominationState;
use koppel_app::domain::permissions::Permission;
use koppel_app::nominations;
use koppel_app::picking::PickKind;
use koppel_app::store::candidates::Candidate;
use koppel_app::store::nominations::Nomination;
use koppel_app::store::placements::Placement;

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
    let c = candidates::get(&web.ctx, &s.actor, &meta, id).await?;
    let editable = s.actor.can(Permission::WriteCandidates) && c.org_id == s.actor.org_id();
    let (noms, placements) = nominations::for_candidate(&web.ctx, &s.actor, id).await?;
    let chips = vec![(
        "Vaardigheden",
        c.skills
            .iter()
            .map(|k| super::format::skill_name(k.label.as_deref()))
            .collect(),
    )];
    let view = DetailPage {
        chips,
        title: format!("{} {}", c.first_name, c.last_name),
        subtitle: format!("{} · {}", c.target_group_label, c.org_name),
        nav: Some(Nav::of(&s)),
        edit_href: editable.then(|| format!("/kandidaten/{id}/bewerken")),
        actions: actions(id, editable),
        facts: [registration_facts(&c), profile_facts(&c)].concat(),
        sections: vec![nominations_section(&noms), placements_section(&placements)],
        forms: if s.actor.can(Permission::WriteNominations) {
            vec![nominate_form(&s, id)]
        } else {
            Vec::new()
        },
    };
    Ok(render(StatusCode::OK, &view))
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%d-%m-%Y").to_string())
        .unwrap_or_else(|| "–".into())
}

fn or_dash_text(text: &str) -> String {
    if text.is_empty() {
        "–".into()
    } else {
        text.to_string()
    }
}

/// Who registered the candidate, their target group, work readiness and consent.
fn registration_facts(c: &Candidate) -> Vec<(&'static str, String)> {
    vec![
        ("Organisatie", c.org_name.clone()),
        ("Doelgroep", c.target_group_label.clone()),
        ("Bewijs doelgroep", or_dash_text(&c.target_group_evidence)),
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
    ]
}

/// What the candidate looks for and brings: wishes, occupation, contact, hours, education.
fn profile_facts(c: &Candidate) -> Vec<(&'static str, String)> {
    vec![
        ("Wensen", or_dash_text(&c.wishes)),
        (
            "Gewenst beroep",
            match (&c.desired_occupation_label, &c.desired_occupation_uri) {
                (Some(name), _) => name.clone(),
                (None, Some(_)) => "onbekend beroep (niet in de taxonomie)".into(),
                (None, None) => "–".into(),
            },
        ),
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
        ("Rijbewijs", or_dash_text(&c.driving_licences)),
        ("Talen", languages(&c.languages)),
        (
            "Maximale reisafstand",
            c.max_travel_km
                .map(|k| format!("{k} km"))
                .unwrap_or_else(|| "–".into()),
        ),
    ]
}

fn nominations_section(noms: &[Nomination]) -> Section {
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
    }
}

fn placements_section(placements: &[Placement]) -> Section {
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
    }
}

fn actions(id: i64, editable: bool) -> Vec<(&'static str, String)> {
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
}

fn nominate_form(s: &UiSession, id: i64) -> InlineForm {
    InlineForm {
        title: "Voordragen voor een vacature".into(),
        action: "/voordrachten".into(),
        csrf: s.csrf.clone(),
        version: None,
        fields: vec![
            Field::hidden("candidateId", id.to_string()),
            Field::pick("vacancyId", "Vacature", PickKind::Vacancy, "").required(),
        ],
        button: "Voordragen",
    }
}
