//! "Kandidaten zoeken" for a vacancy: the ranking, explained, to nominate from, narrowed (target
//! group, own organisation, distance, hours, data known, occupation) and sorted (by score or
//! distance), page by page.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use koppel_app::domain::permissions::{Permission, ScopeKind};
use koppel_app::matching::{self, Refine, MAX_RANK};
use serde::{Deserialize, Serialize};

use super::matching::{explain, external_profiles, MatchCard, MatchesPage};
use super::views::{Field, Nav};
use super::{paging_links, render, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new().route("/vacatures/{id}/kandidaten", get(candidates))
}

const PER_PAGE: usize = 25;

/// The page's query: the narrowing and the page, kept in the address.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
struct MatchQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    vum: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    doelgroep: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    eigen: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    afstand: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    uren: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bekend: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    beroep: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sorteren: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pagina: Option<i64>,
}

/// A whole number typed in a narrowing field, within bounds; anything else narrows nothing.
fn number(v: &Option<String>, min: i64, max: i64) -> Option<i64> {
    v.as_deref()
        .and_then(|t| t.trim().parse::<i64>().ok())
        .filter(|n| (min..=max).contains(n))
}

impl MatchQuery {
    fn target_group(&self) -> Option<String> {
        self.doelgroep.clone().filter(|g| !g.is_empty())
    }
    fn own_only(&self) -> bool {
        self.eigen.as_deref().is_some_and(|e| !e.is_empty())
    }
    fn refine(&self) -> Refine {
        Refine {
            offset: (self.page() as usize - 1) * PER_PAGE,
            limit: PER_PAGE,
            target_group: self.target_group(),
            own_only: self.own_only(),
            max_distance_km: number(&self.afstand, 1, 500).map(|d| d as f64),
            min_hours: number(&self.uren, 1, 60),
            min_known: number(&self.bekend, 0, 100),
            same_occupation: self.beroep.as_deref().is_some_and(|b| !b.is_empty()),
            by_distance: self.sorteren.as_deref() == Some("afstand"),
        }
    }
    fn page(&self) -> i64 {
        self.pagina
            .unwrap_or(1)
            .clamp(1, (MAX_RANK / PER_PAGE) as i64)
    }
}

async fn filters(
    web: &Web,
    s: &UiSession,
    q: &MatchQuery,
    occupation: Option<&str>,
) -> Result<Vec<Field>, UiError> {
    let groups = super::candidate_form::target_group_options(web, s).await?;
    let mut fields = vec![Field::select(
        "doelgroep",
        "Doelgroep",
        q.target_group().unwrap_or_default(),
        Some("Alle doelgroepen"),
        groups,
    )];
    // Only who also sees candidates shared by other organisations has something to narrow.
    if matches!(
        s.actor.candidate_scope().kind(),
        ScopeKind::OwnAndShared { .. }
    ) {
        fields.push(Field::checkbox(
            "eigen",
            "Alleen kandidaten van mijn organisatie",
            q.own_only(),
        ));
    }
    let typed = |v: &Option<String>| v.clone().unwrap_or_default();
    fields.push(
        Field::text(
            "afstand",
            "Hoogstens zoveel km van de vacature",
            typed(&q.afstand),
        )
        .kind("number")
        .hint("Wie geen postcode heeft opgegeven, blijft in de lijst."),
    );
    fields.push(
        Field::text(
            "uren",
            "Kan minstens zoveel uur per week werken",
            typed(&q.uren),
        )
        .kind("number")
        .hint("Wie geen uren heeft opgegeven, blijft in de lijst."),
    );
    let known = [70, 80, 90, 100].map(|p| (p.to_string(), format!("{p}% of meer")));
    fields.push(Field::select(
        "bekend",
        "Gegevens bekend",
        typed(&q.bekend),
        Some("Maakt niet uit"),
        known.to_vec(),
    ));
    if let Some(name) = occupation {
        fields.push(
            Field::checkbox(
                "beroep",
                "Alleen wie dit beroep of een verwant beroep wil",
                q.beroep.is_some(),
            )
            .hint(format!("Het beroep van de vacature: {name}.")),
        );
    }
    fields.push(Field::select(
        "sorteren",
        "Sorteren op",
        typed(&q.sorteren),
        None,
        vec![
            (String::new(), "Best passend".into()),
            ("afstand".into(), "Kortste afstand".into()),
        ],
    ));
    Ok(fields)
}

async fn candidates(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    Query(q): Query<MatchQuery>,
) -> Result<Response, UiError> {
    let page = q.page();
    let refine = q.refine();
    let r =
        matching::candidates_for_vacancy_refined(&web.ctx, &s.actor, &meta, id, &refine).await?;
    let can_nominate = s.actor.can(Permission::WriteNominations);
    let excluded: Vec<String> = r
        .excluded
        .iter()
        .map(|(f, n)| format!("{f} ({n})"))
        .collect();
    let ranked = (r.passed_filters as usize).min(MAX_RANK);
    let pages = ranked.div_ceil(PER_PAGE).max(1) as i64;
    let summary = format!(
        "{} kandidaten die u mag zien voldoen aan de filters{} · pagina {page} van {pages}{}.",
        r.passed_filters,
        if excluded.is_empty() {
            String::new()
        } else {
            format!("; niet getoond wegens {}", excluded.join(", "))
        },
        if refine.by_distance {
            " · de dichtstbijzijnden eerst"
        } else {
            ""
        }
    );
    let empty = if excluded.is_empty() {
        "Geen kandidaten gevonden.".to_string()
    } else {
        format!(
            "Geen kandidaat voldoet aan alle filters. Uitgesloten wegens: {}.",
            excluded.join(", ")
        )
    };
    let cards = r
        .results
        .iter()
        .map(|m| MatchCard {
            title: m.name.clone(),
            href: format!("/kandidaten/{}", m.candidate_id),
            subtitle: format!("{} · {}", m.organisation, m.target_group),
            score: m.score,
            confidence: m.confidence,
            facts: explain(&m.explanation),
            nominate_action: can_nominate.then(|| "/voordrachten".to_string()),
            vacancy_id: id,
            candidate_id: m.candidate_id,
            gap_href: Some(format!("/vacatures/{id}/gat/{}", m.candidate_id)),
        })
        .collect();
    let base = format!("/vacatures/{id}/kandidaten");
    let paging = paging_links(&base, &q, |q, p| q.pagina = Some(p), page, pages);
    let page = MatchesPage {
        title: format!("Kandidaten voor {}", r.vacancy_title),
        subtitle: "Gerangschikt op vaardigheden; alleen kandidaten die u mag zien.".into(),
        nav: Some(Nav::of(&s)),
        back_href: format!("/vacatures/{id}"),
        without_skills: r.without_skills,
        summary,
        empty,
        csrf: s.csrf.clone(),
        cards,
        external_href: (web.vum.is_some() && q.vum.is_none()).then(|| format!("{base}?vum=1")),
        external: match q.vum {
            Some(_) => Some(external_profiles(&web, &s, id).await?),
            None => None,
        },
        external_profiles: true,
        fields: filters(&web, &s, &q, r.vacancy_occupation.as_deref()).await?,
        filter_action: base,
        paging,
    };
    Ok(render(StatusCode::OK, &page))
}
