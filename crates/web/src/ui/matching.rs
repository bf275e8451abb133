//! Matching pages: "kandidaten zoeken" for a vacancy (nominate straight from the results), the best
//! vacancies for a candidate, and the skills gap of a pair.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use koppel_app::domain::permissions::Permission;
use koppel_app::matching::{self, LabelledExplanation};

use super::views::*;
use super::{render, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/kandidaten/{id}/vacatures", get(vacancies))
        .route("/vacatures/{id}/gat/{candidate}", get(gap))
        .route("/vum/vacatures/{id}", get(external_vacancy))
        .route("/vum/werkzoekenden/{id}", get(external_profile))
}

pub struct MatchCard {
    pub title: String,
    pub href: String,
    pub subtitle: String,
    pub score: i64,
    pub confidence: i64,
    pub facts: Vec<(&'static str, String)>,
    pub nominate_action: Option<String>,
    pub vacancy_id: i64,
    pub candidate_id: i64,
    pub gap_href: Option<String>,
}

#[derive(Template)]
#[template(path = "matches.html")]
pub struct MatchesPage {
    pub title: String,
    pub subtitle: String,
    pub nav: Option<Nav>,
    pub back_href: String,
    pub without_skills: bool,
    pub summary: String,
    pub empty: String,
    pub csrf: String,
    pub cards: Vec<MatchCard>,
    /// Where to ask other sources through VUM as well (when the region is connected).
    pub external_href: Option<String>,
    /// What other sources answered.
    pub external: Option<ExternalSection>,
    /// The other sources' answers are job seekers (on a vacancy's page), not vacancies.
    pub external_profiles: bool,
    /// Narrowing the ranking (a vacancy's candidates), and its pages.
    pub fields: Vec<Field>,
    pub filter_action: String,
    pub paging: Paging,
}

/// Vacancies from other VUM sources, beside koppel's own.
pub struct ExternalSection {
    pub error: Option<String>,
    /// (title, link to the detail, employer and place)
    pub items: Vec<(String, String, String)>,
    pub more: bool,
}

pub(super) fn explain(e: &LabelledExplanation) -> Vec<(&'static str, String)> {
    vec![
        (
            "Vereiste vaardigheden die passen",
            e.matched_essential.join(", "),
        ),
        (
            "Gewenste vaardigheden die passen",
            e.matched_optional.join(", "),
        ),
        ("Deels via een verwante vaardigheid", e.partial.join(", ")),
        ("Opbouw van de score", points(e)),
        ("Beroep", e.occupation.clone().unwrap_or_default()),
        (
            "Ontbrekende vereiste vaardigheden",
            e.missing_essential.join(", "),
        ),
        (
            "Ontbrekende gewenste vaardigheden",
            e.missing_optional.join(", "),
        ),
        (
            "Afstand",
            e.distance_km
                .map(|d| format!("{d:.1} km"))
                .unwrap_or_else(|| "onbekend".into()),
        ),
        ("Voldoet aan", e.passed.join(", ")),
        (
            "Onbekend (telt niet tegen; minder gegevens bekend)",
            e.unknown.join(", "),
        ),
    ]
}

/// The score's parts in points of 100, largest first: "schoonmaken 40 · beroep (zelfde beroep) 20".
fn points(e: &LabelledExplanation) -> String {
    let mut parts: Vec<&(String, f64)> = e.points.iter().filter(|(_, p)| *p >= 0.05).collect();
    parts.sort_by(|a, b| b.1.total_cmp(&a.1));
    parts
        .iter()
        .map(|(name, p)| format!("{name} {}", format!("{p:.1}").replace('.', ",")))
        .collect::<Vec<_>>()
        .join(" · ")
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct ExternalParam {
    #[serde(default)]
    pub vum: Option<String>,
}

/// Asks the other sources for vacancies near the candidate.
async fn external_vacancies(
    web: &Web,
    s: &UiSession,
    meta: &koppel_app::Meta,
    id: i64,
) -> Result<ExternalSection, UiError> {
    let Some(client) = &web.vum else {
        return Ok(ExternalSection {
            error: Some("Deze regio is niet aangesloten op VUM.".into()),
            items: Vec::new(),
            more: false,
        });
    };
    let question =
        koppel_app::vum_source::question_for_candidate(&web.ctx, &s.actor, meta, id).await?;
    let question = match question {
        Ok(q) => q,
        Err(why) => {
            return Ok(ExternalSection {
                error: Some(why),
                items: Vec::new(),
                more: false,
            })
        }
    };
    Ok(match client.vacancy_matches(&question).await {
        Ok((found, more)) => ExternalSection {
            error: None,
            more,
            items: found
                .iter()
                .map(|v| {
                    let id = v["idVacature"].as_str().unwrap_or_default();
                    (
                        v["naamVacature"]
                            .as_str()
                            .unwrap_or("Vacature zonder naam")
                            .to_string(),
                        format!("/vum/vacatures/{id}"),
                        format!(
                            "{} · {}",
                            v["werkgever"]["handelsnaamOrganisatie"]
                                .as_str()
                                .unwrap_or("onbekende werkgever"),
                            v["adres"]["postcode"].as_str().unwrap_or("")
                        ),
                    )
                })
                .collect(),
        },
        Err(e) => ExternalSection {
            error: Some(e.to_string()),
            items: Vec::new(),
            more: false,
        },
    })
}

/// Asks the other sources for job seekers near the vacancy.
pub(super) async fn external_profiles(
    web: &Web,
    s: &UiSession,
    id: i64,
) -> Result<ExternalSection, UiError> {
    let Some(client) = &web.vum else {
        return Ok(ExternalSection {
            error: Some("Deze regio is niet aangesloten op VUM.".into()),
            items: Vec::new(),
            more: false,
        });
    };
    let question = koppel_app::vum_source::question_for_vacancy(&web.ctx, &s.actor, id).await?;
    let question = match question {
        Ok(q) => q,
        Err(why) => {
            return Ok(ExternalSection {
                error: Some(why),
                items: Vec::new(),
                more: false,
            })
        }
    };
    Ok(match client.profile_matches(&question).await {
        Ok((found, more)) => ExternalSection {
            error: None,
            more,
            items: found
                .iter()
                .map(|p| {
                    let id = p["idWerkzoekende"].as_str().unwrap_or_default();
                    let hours = p["werktijden"]["aantalWerkurenPerWeekMaximaal"]
                        .as_i64()
                        .map(|h| format!(" · {h} uur"))
                        .unwrap_or_default();
                    (
                        format!("Werkzoekende {}", id.chars().take(8).collect::<String>()),
                        format!("/vum/werkzoekenden/{id}"),
                        format!(
                            "postcode {}{hours}",
                            p["mobiliteit"]["bemiddelingspostcode"]
                                .as_str()
                                .unwrap_or("onbekend")
                        ),
                    )
                })
                .collect(),
        },
        Err(e) => ExternalSection {
            error: Some(e.to_string()),
            items: Vec::new(),
            more: false,
        },
    })
}

async fn vacancies(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    Query(ext): Query<ExternalParam>,
) -> Result<Response, UiError> {
    let found = matching::suggestions(&web.ctx, &s.actor, &meta, id, 10).await?;
    let empty = match (found.open, found.weaker) {
        (0, _) => "Er zijn geen open vacatures.".to_string(),
        _ if !found.work_ready => "Deze kandidaat is nog niet werkfit. Vacatures worden voorgesteld zodra de kandidaat werkfit is: leg dat vast bij Bewerken.".to_string(),
        (_, 0) => "Geen open vacature vraagt om een vaardigheid of beroep van deze kandidaat, of de kandidaat valt buiten de eisen (afstand, uren, opleiding, taal). Vul de vaardigheden aan, bijvoorbeeld uit het cv.".to_string(),
        (_, n) => format!(
            "{n} vacatures delen iets met deze kandidaat, maar passen voor minder dan {}%: te weinig om voor te stellen.",
            matching::MIN_SUGGESTION
        ),
    };
    let list = found.matches;
    let can_nominate = s.actor.can(Permission::WriteNominations);
    let cards = list
        .iter()
        .map(|v| MatchCard {
            title: v.title.clone(),
            href: format!("/vacatures/{}", v.vacancy_id),
            subtitle: format!("{} · {}", v.employer_name, v.city),
            score: v.score,
            confidence: v.confidence,
            facts: explain(&v.explanation),
            nominate_action: can_nominate.then(|| "/voordrachten".to_string()),
            vacancy_id: v.vacancy_id,
            candidate_id: id,
            gap_href: Some(format!("/vacatures/{}/gat/{id}", v.vacancy_id)),
        })
        .collect();
    let page = MatchesPage {
        title: "Passende vacatures".into(),
        subtitle: "Open vacatures, gerangschikt op vaardigheden, na de filters.".into(),
        nav: Some(Nav::of(&s)),
        back_href: format!("/kandidaten/{id}"),
        without_skills: false,
        summary: format!("{} vacatures", list.len()),
        empty,
        csrf: s.csrf.clone(),
        cards,
        external_href: (web.vum.is_some() && ext.vum.is_none())
            .then(|| format!("/kandidaten/{id}/vacatures?vum=1")),
        external: match ext.vum {
            Some(_) => Some(external_vacancies(&web, &s, &meta, id).await?),
            None => None,
        },
        external_profiles: false,
        fields: Vec::new(),
        filter_action: String::new(),
        paging: Paging {
            prev: None,
            next: None,
            numbers: Vec::new(),
        },
    };
    Ok(render(StatusCode::OK, &page))
}

async fn gap(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path((id, candidate)): Path<(i64, i64)>,
) -> Result<Response, UiError> {
    let g = matching::skills_gap(&web.ctx, &s.actor, &meta, id, candidate).await?;
    let rows = g
        .groups
        .iter()
        .map(|g| {
            vec![
                Cell::text(&g.group),
                Cell::text(g.essential.join(", ")),
                Cell::text(g.optional.join(", ")),
            ]
        })
        .collect();
    let view = DetailPage {
        chips: Vec::new(),
        title: format!(
            "Vaardighedengat: {} en {}",
            g.candidate_name, g.vacancy_title
        ),
        subtitle:
            "Wat de kandidaat nog mist, per vaardighedengroep: een begin voor een scholingsadvies."
                .into(),
        nav: Some(Nav::of(&s)),
        edit_href: None,
        actions: vec![
            ("Vacature", format!("/vacatures/{id}")),
            ("Kandidaat", format!("/kandidaten/{candidate}")),
        ],
        facts: vec![
            (
                "Heeft al",
                if g.has.is_empty() {
                    "geen van de gevraagde vaardigheden".into()
                } else {
                    g.has.join(", ")
                },
            ),
            ("Deels via een verwante vaardigheid", g.related.join(", ")),
        ],
        sections: vec![Section {
            title: "Ontbreekt".into(),
            table: Table {
                columns: vec!["Groep", "Vereist", "Gewenst"],
                rows,
                empty: "Niets: de kandidaat heeft alle gevraagde vaardigheden.",
            },
        }],
        forms: Vec::new(),
    };
    Ok(render(StatusCode::OK, &view))
}

#[derive(Template)]
#[template(path = "vum_vacancy.html")]
struct ExternalVacancyPage {
    title: String,
    nav: Option<Nav>,
    /// Every field of the document, under its Dutch name.
    facts: Vec<(String, String)>,
    description: String,
    error: Option<String>,
}

/// A JSON text or whole number as text; empty otherwise.
fn text(v: &serde_json::Value) -> String {
    v.as_str()
        .map(String::from)
        .or_else(|| v.as_i64().map(|n| n.to_string()))
        .unwrap_or_default()
}

/// The detail of a vacancy at another source, fetched through VUM when asked for.
async fn external_vacancy(
    State(web): State<Web>,
    s: UiSession,
    Path(id): Path<String>,
) -> Result<Response, UiError> {
    let err = |e| UiError(e);
    if !s.actor.can(Permission::ReadEmployers) {
        return Err(err(koppel_app::AppError::Forbidden));
    }
    let mut page = ExternalVacancyPage {
        title: "Vacature bij een andere bron".into(),
        nav: Some(Nav::of(&s)),
        facts: Vec::new(),
        description: String::new(),
        error: None,
    };
    let Some(client) = &web.vum else {
        return Err(err(koppel_app::AppError::NotFound));
    };
    match client.vacancy(&id).await {
        Ok(Some(v)) => {
            page.title = Some(text(&v["naamVacature"]))
                .filter(|t| !t.trim().is_empty())
                .unwrap_or(page.title);
            page.description = text(&v["omschrijvingVacature"]);
            page.facts = koppel_app::vum_source::readable(&v);
        }
        Ok(None) => return Err(err(koppel_app::AppError::NotFound)),
        Err(e) => page.error = Some(e.to_string()),
    }
    Ok(render(StatusCode::OK, &page))
}

/// The detail of a job seeker's profile at another source, fetched through VUM when asked for.
async fn external_profile(
    State(web): State<Web>,
    s: UiSession,
    Path(id): Path<String>,
) -> Result<Response, UiError> {
    let err = |e| UiError(e);
    if !s.actor.can(Permission::WriteNominations) {
        return Err(err(koppel_app::AppError::Forbidden));
    }
    let mut page = ExternalVacancyPage {
        title: "Werkzoekende bij een andere bron".into(),
        nav: Some(Nav::of(&s)),
        facts: Vec::new(),
        description: String::new(),
        error: None,
    };
    let Some(client) = &web.vum else {
        return Err(err(koppel_app::AppError::NotFound));
    };
    match client.profile(&id).await {
        Ok(Some(p)) => {
            page.facts = koppel_app::vum_source::readable(&p);
            page.description = "Draag deze werkzoekende voor via de bron. VUM geeft alleen contactgegevens als de werkzoekende daarmee instemt.".into();
        }
        Ok(None) => return Err(err(koppel_app::AppError::NotFound)),
        Err(e) => page.error = Some(e.to_string()),
    }
    Ok(render(StatusCode::OK, &page))
}
