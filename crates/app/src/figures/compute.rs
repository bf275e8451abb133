//! Computes the factsheet from the store: every number is counted from the work itself. The
//! measures are in `measures`; this module reads the facts, fills the factsheet and sums up its
//! key figures.

use chrono::{Datelike, NaiveDate};
use koppel_domain::codes::CodeList;
use koppel_store::desk_figures::{self, DeskFacts};
use koppel_store::figures::{self, FigureScope};
use koppel_store::targets::Municipality;
use koppel_store::{candidates, organisations, targets, Tx};

use super::measures;
use super::FigureFilter;
use super::{Breakdown, Factsheet, Period};
use crate::AppError;

/// Counts everything for the period, unsuppressed (the internal view).
pub async fn compute(
    tx: &mut Tx,
    period: Period,
    filter: &FigureFilter,
    as_of: NaiveDate,
) -> Result<Factsheet, AppError> {
    let span = period.span();
    let municipalities = targets::municipalities(tx).await?;
    let orgs = organisations::list(tx).await?;
    let (scope, labels) = scope_of(filter, &municipalities, &orgs);
    let groups = candidates::target_groups(tx).await?;
    let placements = figures::placements(tx, &span, &scope).await?;
    let reach = figures::nomination_reach(tx, &span, &scope).await?;
    let stage_times = figures::stage_times(tx, &span, &scope).await?;
    let by_role = figures::nominations_by_role(tx, &span, &scope).await?;
    let requests = figures::contact_requests(tx, &span, &scope).await?;
    let scores = figures::satisfaction(tx, &span, &scope).await?;
    let events = figures::events(tx, &span, &scope).await?;
    let instruments = figures::instruments(tx, &span, &scope).await?;
    let aftercare = figures::aftercare(tx, &span, &scope).await?;
    let reached = figures::employers_reached(tx, &span, &scope).await?;
    let new_employers = figures::new_employers(tx, &span, &scope).await?;
    let taken = figures::vacancies_taken(tx, &span, &scope).await?;
    let registered = figures::candidates_registered(tx, &span, &scope).await?;
    let has_data = figures::has_activity(tx, &span).await?;
    let desk_facts = if filter.subregion.is_none() && filter.cluster.is_none() {
        desk_figures::desk(tx, &span, filter.org_id).await?
    } else {
        DeskFacts::default()
    };
    let desk = super::desk::measures(&desk_facts);
    let year_targets =
        targets::for_years(tx, period.from.year() as i64, period.to.year() as i64).await?;

    let (by_group, target_lines) =
        measures::by_target_group(&placements, &groups, &year_targets, filter, &period, as_of);
    let by = measures::by_place(&placements, &municipalities);
    let (funnel, funnel_mean_days) = measures::funnel(&reach, &stage_times);
    let (contact_requests, median_response_minutes) = measures::contact_requests(&requests);
    let (satisfaction, satisfaction_mean) = measures::satisfaction(&scores);
    let [ev, people, instr, care] =
        super::activities::activities(&events, &by_role, &placements, &instruments, &aftercare);
    let sectors = measures::by_sector(&reached, &new_employers, &taken, &placements);
    let sheet = Factsheet {
        from: period.from,
        to: period.to,
        as_of,
        scope: labels,
        has_data,
        suppressed_below: None,
        key_figures: Breakdown::new(&[("value", "Aantal")]),
        targets: target_lines,
        placements_by_target_group: by_group,
        placements_by_month: measures::by_month(&placements, &period),
        placements_by_organisation: by.organisation,
        placements_by_municipality: by.municipality,
        placements_by_subregion: by.subregion,
        placements_by_cluster: by.cluster,
        placements_by_sector: by.sector,
        placements_by_adviser: Some(by.adviser),
        funnel,
        funnel_mean_days,
        nomination_outcomes: measures::outcomes(&reach),
        contact_requests,
        median_response_minutes,
        satisfaction,
        satisfaction_mean,
        events: ev,
        jobhunters_and_desk: people,
        instruments: instr,
        aftercare: care,
        employers_by_sector: sectors.employers,
        vacancies_by_sector: sectors.vacancies,
        mean_days_to_fill: sectors.mean_days_to_fill,
        candidates_registered: measures::registered(&groups, &registered),
        desk_conversations: desk.conversations,
        desk_locations: desk.locations,
        desk_referrals: desk.referrals,
        desk_trajectories: desk.trajectories,
    };
    let counted = Counted {
        placements: placements.len() as i64,
        employers_reached: reached.iter().map(|(_, n)| n).sum(),
        vacancies_filled: sectors.filled,
        ukraine_registered: registered
            .iter()
            .filter(|(c, _)| c == "oekraine")
            .map(|(_, n)| n)
            .sum(),
        desk_people: desk.people,
        desk_trajectories: desk.trajectories_paid,
    };
    Ok(Factsheet {
        key_figures: key_figures(&sheet, &counted),
        ..sheet
    })
}

/// The scope of the figures for the filter, and its description in Dutch.
fn scope_of(
    filter: &FigureFilter,
    municipalities: &[Municipality],
    orgs: &[organisations::Organisation],
) -> (FigureScope, Vec<String>) {
    let mut scope = FigureScope {
        org_id: filter.org_id,
        cluster: filter.cluster.map(|c| c.code().to_string()),
        sectors: filter
            .cluster
            .map(|c| c.sectors().iter().map(|s| s.code().to_string()).collect()),
        municipalities: None,
    };
    let mut labels = Vec::new();
    if let Some(org) = filter.org_id {
        let name = orgs.iter().find(|o| o.id == org).map(|o| o.name.clone());
        labels.push(format!(
            "Organisatie: {}",
            name.unwrap_or_else(|| org.to_string())
        ));
    }
    if let Some(sub) = &filter.subregion {
        scope.municipalities = Some(
            municipalities
                .iter()
                .filter(|m| m.subregion.as_deref() == Some(sub.as_str()))
                .map(|m| m.code.clone())
                .collect(),
        );
        labels.push(format!("Subregio: {sub}"));
    }
    if let Some(c) = filter.cluster {
        labels.push(format!("Cluster: {}", c.label()));
    }
    (scope, labels)
}

/// The key figures no breakdown of the factsheet holds as one number.
struct Counted {
    placements: i64,
    employers_reached: i64,
    vacancies_filled: i64,
    ukraine_registered: i64,
    desk_people: i64,
    desk_trajectories: i64,
}

/// The key figures: the headline numbers of the factsheet's sections.
fn key_figures(s: &Factsheet, counted: &Counted) -> Breakdown {
    let count = |b: &Breakdown, key: &str, column: &str| b.get(key, column).unwrap_or(0);
    let by_group = &s.placements_by_target_group;
    let mut key = Breakdown::new(&[("value", "Aantal")]);
    for (code, label, n) in [
        ("placements", "Plaatsingen", counted.placements),
        (
            "benefit_outflow",
            "Uitstroom uit uitkering",
            by_group.total(1),
        ),
        (
            "sustainable_eligible",
            "Plaatsingen 6 maanden of langer geleden gestart",
            by_group.total(2),
        ),
        (
            "sustainable",
            "Duurzame plaatsingen (na 6 maanden nog aan het werk)",
            by_group.total(3),
        ),
        (
            "nominations",
            "Voordrachten",
            count(&s.funnel, "proposed", "reached"),
        ),
        (
            "employers_reached",
            "Werkgevers bereikt",
            counted.employers_reached,
        ),
        (
            "new_employers",
            "Nieuwe werkgevers",
            s.employers_by_sector.total(1),
        ),
        (
            "vacancies_taken",
            "Vacatures ingenomen",
            s.vacancies_by_sector.total(0),
        ),
        (
            "vacancies_filled",
            "Vacatures vervuld",
            counted.vacancies_filled,
        ),
        (
            "contact_requests",
            "Contactverzoeken",
            count(&s.contact_requests, "received", "count"),
        ),
        (
            "answered_within_24h",
            "Contactverzoeken binnen 24 uur beantwoord",
            count(&s.contact_requests, "within24h", "count"),
        ),
        (
            "satisfaction_answers",
            "Antwoorden tevredenheid",
            s.satisfaction.total(0),
        ),
        ("events", "Bijeenkomsten", s.events.total(0)),
        (
            "event_employers",
            "Werkgevers op bijeenkomsten",
            s.events.total(1),
        ),
        (
            "instruments_granted",
            "Instrumenten toegekend",
            s.instruments.total(1),
        ),
        (
            "candidates_registered",
            "Kandidaten aangemeld",
            s.candidates_registered.total(0),
        ),
        (
            "ukraine_registered",
            "Oekraïense kandidaten aangemeld",
            counted.ukraine_registered,
        ),
        (
            "desk_people",
            "Inwoners geholpen door het Werkcentrum",
            counted.desk_people,
        ),
        (
            "desk_trajectories",
            "Trajecten betaald door het Werkcentrum",
            counted.desk_trajectories,
        ),
    ] {
        key.push(code, label, vec![n]);
    }
    key
}
