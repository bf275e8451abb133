//! Computes the factsheet's measures from the store: every number is counted from the work itself.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Months, NaiveDate};
use koppel_domain::codes::{CodeList, Sector};
use koppel_domain::crm::is_sustainable;
use koppel_store::figures::{self, FigureScope, PlacementFact};
use koppel_store::{candidates, organisations, targets, Tx};

use super::access::FigureFilter;
use super::period::month_label;
use super::{Breakdown, Factsheet, Period, TargetLine};
use crate::AppError;

pub(super) fn label_of<T: CodeList>(code: &str) -> String {
    T::parse(code)
        .map(|v| v.label().to_string())
        .unwrap_or_else(|_| code.to_string())
}

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

    // Placements per target group, with outflow and sustainability.
    let mut by_group = Breakdown::new(&[
        ("placements", "Plaatsingen"),
        ("benefitOutflow", "Uitstroom uit uitkering"),
        ("sustainableEligible", "6 maanden of langer geleden gestart"),
        ("sustainable", "Na 6 maanden nog aan het werk"),
    ]);
    let mut group_counts: HashMap<&str, [i64; 4]> = HashMap::new();
    for p in &placements {
        let e = group_counts.entry(p.target_group.as_str()).or_default();
        e[0] += 1;
        e[1] += p.benefit_outflow as i64;
        if p.start_date
            .checked_add_months(Months::new(6))
            .is_some_and(|six| six <= as_of)
        {
            e[2] += 1;
            e[3] += is_sustainable(p.start_date, p.ended_on, as_of) as i64;
        }
    }
    let year_targets =
        targets::for_years(tx, period.from.year() as i64, period.to.year() as i64).await?;
    let (scope_kind, scope_value) = match (&filter.org_id, &filter.subregion, &filter.cluster) {
        (Some(org), _, _) => ("organisation", org.to_string()),
        (None, Some(sub), _) => ("subregion", sub.clone()),
        (None, None, Some(c)) => ("cluster", c.code().to_string()),
        _ => ("region", String::new()),
    };
    let mut target_lines = Vec::new();
    for g in &groups {
        let counts = group_counts
            .get(g.code.as_str())
            .copied()
            .unwrap_or_default();
        let mine: Vec<(i32, i64)> = year_targets
            .iter()
            .filter(|t| {
                t.target_group == g.code
                    && t.scope_kind == scope_kind
                    && t.scope_value == scope_value
            })
            .map(|t| (t.year as i32, t.value))
            .collect();
        let shares = period.year_shares();
        let has_target = !mine.is_empty();
        if counts[0] == 0 && !has_target && !g.builtin {
            continue;
        }
        by_group.push(g.code.clone(), g.label.clone(), counts.to_vec());
        let for_period = shares
            .iter()
            .map(|(y, share)| {
                mine.iter()
                    .find(|(ty, _)| ty == y)
                    .map(|(_, v)| *v as f64 * share)
                    .unwrap_or(0.0)
            })
            .sum::<f64>();
        target_lines.push(TargetLine {
            target_group: g.code.clone(),
            label: g.label.clone(),
            yearly: has_target.then(|| mine.iter().map(|(_, v)| v).sum()),
            for_period: has_target.then_some(for_period.round() as i64),
        });
    }

    let mut by_month = Breakdown::new(&[("placements", "Plaatsingen")]);
    for m in period.months() {
        let n = placements
            .iter()
            .filter(|p| p.start_date.year() == m.year() && p.start_date.month() == m.month())
            .count() as i64;
        by_month.push(m.format("%Y-%m").to_string(), month_label(m), vec![n]);
    }

    let municipality_name = |code: &str| {
        municipalities
            .iter()
            .find(|m| m.code == code)
            .map(|m| m.name.clone())
            .or_else(|| crate::areas::municipality_name(code))
            .unwrap_or_else(|| code.to_string())
    };
    let subregion_of = |code: &Option<String>| {
        code.as_ref()
            .and_then(|c| municipalities.iter().find(|m| &m.code == c))
            .and_then(|m| m.subregion.clone())
    };
    let by_org = group_placements(&placements, |p| (p.org_id.to_string(), p.org_name.clone()));
    let by_municipality = group_placements(&placements, |p| match &p.municipality_code {
        Some(c) => (c.clone(), municipality_name(c)),
        None => ("onbekend".into(), "Onbekend".into()),
    });
    let by_subregion =
        group_placements(&placements, |p| match subregion_of(&p.municipality_code) {
            Some(s) => (s.clone(), s),
            None => ("overig".into(), "Buiten de regio of onbekend".into()),
        });
    let by_cluster = group_placements(&placements, |p| match Sector::parse(&p.sector) {
        Ok(s) => (s.cluster().code().into(), s.cluster().label().into()),
        Err(_) => (p.sector.clone(), p.sector.clone()),
    });
    let by_sector = group_placements(&placements, |p| {
        (p.sector.clone(), label_of::<Sector>(&p.sector))
    });
    let by_adviser = group_placements(&placements, |p| match (p.placed_by, &p.placed_by_name) {
        (Some(id), Some(name)) => (id.to_string(), name.clone()),
        _ => ("onbekend".into(), "Onbekend".into()),
    });

    // The nomination funnel of the nominations made in the period.
    const STAGES: [(&str, &str); 5] = [
        ("proposed", "Voorgedragen"),
        ("interested", "Interesse"),
        ("interview", "Gesprek"),
        ("offer", "Aanbod"),
        ("placed", "Geplaatst"),
    ];
    let mut funnel = Breakdown::new(&[
        ("reached", "Bereikt"),
        ("movedOn", "Naar een volgende fase of gestopt"),
    ]);
    let mut mean_days = Vec::new();
    for (rank, (code, label)) in STAGES.iter().enumerate() {
        let reached: i64 = reach
            .iter()
            .filter(|(r, _, _)| *r >= rank as i64)
            .map(|(_, _, n)| n)
            .sum();
        let (moves, seconds) = stage_times
            .iter()
            .find(|(s, _, _)| s == code)
            .map(|(_, n, secs)| (*n, *secs))
            .unwrap_or((0, 0));
        funnel.push(*code, *label, vec![reached, moves]);
        mean_days.push((
            *code,
            (moves > 0).then(|| seconds as f64 / moves as f64 / 86_400.0),
        ));
    }
    let mut outcomes = Breakdown::new(&[("count", "Voordrachten")]);
    for (key, label, states) in [
        ("placed", "Geplaatst", &["placed"][..]),
        ("declined", "Afgewezen door werkgever", &["declined"][..]),
        ("not_placed", "Niet geplaatst", &["not_placed"][..]),
        (
            "running",
            "Loopt nog",
            &["proposed", "interested", "interview", "offer"][..],
        ),
    ] {
        let n = reach
            .iter()
            .filter(|(_, s, _)| states.contains(&s.as_str()))
            .map(|(_, _, n)| n)
            .sum();
        outcomes.push(key, label, vec![n]);
    }

    // Contact requests and how fast they were answered.
    let mut req = Breakdown::new(&[("count", "Aantal")]);
    let answered: Vec<&figures::RequestFact> = requests
        .iter()
        .filter(|r| r.answered_at.is_some())
        .collect();
    let in_time = answered
        .iter()
        .filter(|r| r.answered_at.is_some_and(|a| a <= r.deadline_at))
        .count();
    req.push("received", "Ontvangen", vec![requests.len() as i64]);
    req.push("answered", "Beantwoord", vec![answered.len() as i64]);
    req.push(
        "within24h",
        "Binnen 24 uur beantwoord",
        vec![in_time as i64],
    );
    req.push(
        "open",
        "Nog niet beantwoord",
        vec![(requests.len() - answered.len()) as i64],
    );
    let mut minutes: Vec<i64> = answered.iter().filter_map(|r| r.response_minutes).collect();
    minutes.sort_unstable();
    let median_response_minutes = (!minutes.is_empty()).then(|| minutes[(minutes.len() - 1) / 2]);

    let mut satisfaction = Breakdown::new(&[("answers", "Antwoorden")]);
    let mut sum = 0;
    for score in 1..=10 {
        let n = scores
            .iter()
            .find(|(s, _)| *s == score)
            .map(|(_, n)| *n)
            .unwrap_or(0);
        sum += score * n;
        satisfaction.push(score.to_string(), format!("Cijfer {score}"), vec![n]);
    }
    let answers = satisfaction.total(0);
    let satisfaction_mean = (answers > 0).then(|| sum as f64 / answers as f64);

    let [ev, people, instr, care] =
        super::activities::activities(&events, &by_role, &placements, &instruments, &aftercare);

    let mut employers = Breakdown::new(&[
        ("reached", "Bereikt (contactmoment)"),
        ("new", "Nieuw geregistreerd"),
    ]);
    let mut vacancies = Breakdown::new(&[
        ("taken", "Vacatures ingenomen"),
        ("positions", "Plaatsen"),
        ("filled", "Vacatures vervuld"),
    ]);
    let mut filled_by_sector: BTreeMap<&str, HashSet<i64>> = BTreeMap::new();
    let mut first_fill: HashMap<i64, (NaiveDate, NaiveDate)> = HashMap::new();
    for p in &placements {
        if let (Some(v), Some(created)) = (p.vacancy_id, p.vacancy_created_at) {
            filled_by_sector
                .entry(p.sector.as_str())
                .or_default()
                .insert(v);
            let e = first_fill
                .entry(v)
                .or_insert((created.date_naive(), p.start_date));
            e.1 = e.1.min(p.start_date);
        }
    }
    for s in Sector::ALL {
        let r = reached
            .iter()
            .find(|(c, _)| c == s.code())
            .map(|(_, n)| *n)
            .unwrap_or(0);
        let n = new_employers
            .iter()
            .find(|(c, _)| c == s.code())
            .map(|(_, n)| *n)
            .unwrap_or(0);
        employers.push(s.code(), s.label(), vec![r, n]);
        let (t, pos) = taken
            .iter()
            .find(|(c, _, _)| c == s.code())
            .map(|(_, t, p)| (*t, *p))
            .unwrap_or((0, 0));
        let f = filled_by_sector
            .get(s.code())
            .map(|v| v.len() as i64)
            .unwrap_or(0);
        vacancies.push(s.code(), s.label(), vec![t, pos, f]);
    }
    let days: Vec<i64> = first_fill
        .values()
        .map(|(c, s)| (*s - *c).num_days().max(0))
        .collect();
    let mean_days_to_fill =
        (!days.is_empty()).then(|| days.iter().sum::<i64>() as f64 / days.len() as f64);

    let mut registered_by_group = Breakdown::new(&[("registered", "Aangemeld")]);
    for g in &groups {
        let n = registered
            .iter()
            .find(|(c, _)| *c == g.code)
            .map(|(_, n)| *n)
            .unwrap_or(0);
        if n > 0 || g.builtin {
            registered_by_group.push(g.code.clone(), g.label.clone(), vec![n]);
        }
    }

    let mut key = Breakdown::new(&[("value", "Aantal")]);
    let total_placements = placements.len() as i64;
    key.push("placements", "Plaatsingen", vec![total_placements]);
    key.push(
        "benefit_outflow",
        "Uitstroom uit uitkering",
        vec![by_group.total(1)],
    );
    key.push(
        "sustainable_eligible",
        "Plaatsingen 6 maanden of langer geleden gestart",
        vec![by_group.total(2)],
    );
    key.push(
        "sustainable",
        "Duurzame plaatsingen (na 6 maanden nog aan het werk)",
        vec![by_group.total(3)],
    );
    key.push(
        "nominations",
        "Voordrachten",
        vec![funnel.get("proposed", "reached").unwrap_or(0)],
    );
    key.push(
        "employers_reached",
        "Werkgevers bereikt",
        vec![reached.iter().map(|(_, n)| n).sum()],
    );
    key.push(
        "new_employers",
        "Nieuwe werkgevers",
        vec![employers.total(1)],
    );
    key.push(
        "vacancies_taken",
        "Vacatures ingenomen",
        vec![vacancies.total(0)],
    );
    key.push(
        "vacancies_filled",
        "Vacatures vervuld",
        vec![first_fill.len() as i64],
    );
    key.push(
        "contact_requests",
        "Contactverzoeken",
        vec![requests.len() as i64],
    );
    key.push(
        "answered_within_24h",
        "Contactverzoeken binnen 24 uur beantwoord",
        vec![in_time as i64],
    );
    key.push(
        "satisfaction_answers",
        "Antwoorden tevredenheid",
        vec![answers],
    );
    key.push("events", "Bijeenkomsten", vec![ev.total(0)]);
    key.push(
        "event_employers",
        "Werkgevers op bijeenkomsten",
        vec![ev.total(1)],
    );
    key.push(
        "instruments_granted",
        "Instrumenten toegekend",
        vec![instr.total(1)],
    );
    key.push(
        "candidates_registered",
        "Kandidaten aangemeld",
        vec![registered_by_group.total(0)],
    );
    key.push(
        "ukraine_registered",
        "Oekraïense kandidaten aangemeld",
        vec![registered
            .iter()
            .filter(|(c, _)| c == "oekraine")
            .map(|(_, n)| n)
            .sum()],
    );

    Ok(Factsheet {
        from: period.from,
        to: period.to,
        as_of,
        scope: labels,
        has_data,
        suppressed_below: None,
        key_figures: key,
        targets: target_lines,
        placements_by_target_group: by_group,
        placements_by_month: by_month,
        placements_by_organisation: by_org,
        placements_by_municipality: by_municipality,
        placements_by_subregion: by_subregion,
        placements_by_cluster: by_cluster,
        placements_by_sector: by_sector,
        placements_by_adviser: Some(by_adviser),
        funnel,
        funnel_mean_days: mean_days
            .into_iter()
            .map(|(k, v)| super::StageDays {
                stage: k.to_string(),
                days: v,
            })
            .collect(),
        nomination_outcomes: outcomes,
        contact_requests: req,
        median_response_minutes,
        satisfaction,
        satisfaction_mean,
        events: ev,
        jobhunters_and_desk: people,
        instruments: instr,
        aftercare: care,
        employers_by_sector: employers,
        vacancies_by_sector: vacancies,
        mean_days_to_fill,
        candidates_registered: registered_by_group,
    })
}

/// Placements and their outflow per key, sorted by label.
fn group_placements(
    placements: &[PlacementFact],
    key: impl Fn(&PlacementFact) -> (String, String),
) -> Breakdown {
    let mut map: BTreeMap<(String, String), (i64, i64)> = BTreeMap::new();
    for p in placements {
        let (k, label) = key(p);
        let e = map.entry((label, k)).or_default();
        e.0 += 1;
        e.1 += p.benefit_outflow as i64;
    }
    let mut b = Breakdown::new(&[
        ("placements", "Plaatsingen"),
        ("benefitOutflow", "Uitstroom uit uitkering"),
    ]);
    for ((label, k), (n, out)) in map {
        b.push(k, label, vec![n, out]);
    }
    b
}
