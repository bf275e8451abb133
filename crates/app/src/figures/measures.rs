//! The factsheet's measures, one function each, from the facts the store counted for the period.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Months, NaiveDate};
use koppel_domain::codes::{CodeList, Sector};
use koppel_domain::crm::is_sustainable;
use koppel_store::candidates::TargetGroup;
use koppel_store::figures::{PlacementFact, RequestFact};
use koppel_store::targets::{Municipality, Target};

use super::period::month_label;
use super::FigureFilter;
use super::{Breakdown, Period, StageDays, TargetLine};

/// Placements per target group (with outflow and sustainability as of `as_of`), and each group's
/// target for the period in the filter's scope.
pub(super) fn by_target_group(
    placements: &[PlacementFact],
    groups: &[TargetGroup],
    year_targets: &[Target],
    filter: &FigureFilter,
    period: &Period,
    as_of: NaiveDate,
) -> (Breakdown, Vec<TargetLine>) {
    let mut by_group = Breakdown::new(&[
        ("placements", "Plaatsingen"),
        ("benefitOutflow", "Uitstroom uit uitkering"),
        ("sustainableEligible", "6 maanden of langer geleden gestart"),
        ("sustainable", "Na 6 maanden nog aan het werk"),
    ]);
    let counts = group_counts(placements, as_of);
    let (scope_kind, scope_value) = match (&filter.org_id, &filter.subregion, &filter.cluster) {
        (Some(org), _, _) => ("organisation", org.to_string()),
        (None, Some(sub), _) => ("subregion", sub.clone()),
        (None, None, Some(c)) => ("cluster", c.code().to_string()),
        _ => ("region", String::new()),
    };
    let mut target_lines = Vec::new();
    for g in groups {
        let counts = counts.get(g.code.as_str()).copied().unwrap_or_default();
        let mine: Vec<(i32, i64)> = year_targets
            .iter()
            .filter(|t| {
                t.target_group == g.code
                    && t.scope_kind == scope_kind
                    && t.scope_value == scope_value
            })
            .map(|t| (t.year as i32, t.value))
            .collect();
        let has_target = !mine.is_empty();
        if counts[0] == 0 && !has_target && !g.builtin {
            continue;
        }
        by_group.push(g.code.clone(), g.label.clone(), counts.to_vec());
        let for_period = period
            .year_shares()
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
    (by_group, target_lines)
}

/// Per target group: placements, outflow, started six months ago or more, still at work.
fn group_counts(placements: &[PlacementFact], as_of: NaiveDate) -> HashMap<&str, [i64; 4]> {
    let mut counts: HashMap<&str, [i64; 4]> = HashMap::new();
    for p in placements {
        let e = counts.entry(p.target_group.as_str()).or_default();
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
    counts
}

/// Placements per month of the period.
pub(super) fn by_month(placements: &[PlacementFact], period: &Period) -> Breakdown {
    let mut by_month = Breakdown::new(&[("placements", "Plaatsingen")]);
    for m in period.months() {
        let n = placements
            .iter()
            .filter(|p| p.start_date.year() == m.year() && p.start_date.month() == m.month())
            .count() as i64;
        by_month.push(m.format("%Y-%m").to_string(), month_label(m), vec![n]);
    }
    by_month
}

/// Placements by where they were made: organisation, municipality, subregion, cluster, sector
/// and the adviser who placed.
pub(super) struct PlacementsBy {
    pub organisation: Breakdown,
    pub municipality: Breakdown,
    pub subregion: Breakdown,
    pub cluster: Breakdown,
    pub sector: Breakdown,
    pub adviser: Breakdown,
}

pub(super) fn by_place(
    placements: &[PlacementFact],
    municipalities: &[Municipality],
) -> PlacementsBy {
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
    PlacementsBy {
        organisation: group_placements(placements, |p| (p.org_id.to_string(), p.org_name.clone())),
        municipality: group_placements(placements, |p| match &p.municipality_code {
            Some(c) => (c.clone(), municipality_name(c)),
            None => ("onbekend".into(), "Onbekend".into()),
        }),
        subregion: group_placements(placements, |p| match subregion_of(&p.municipality_code) {
            Some(s) => (s.clone(), s),
            None => ("overig".into(), "Buiten de regio of onbekend".into()),
        }),
        cluster: group_placements(placements, |p| match Sector::parse(&p.sector) {
            Ok(s) => (s.cluster().code().into(), s.cluster().label().into()),
            Err(_) => (p.sector.clone(), p.sector.clone()),
        }),
        sector: group_placements(placements, |p| {
            (p.sector.clone(), label_of::<Sector>(&p.sector))
        }),
        adviser: group_placements(placements, |p| match (p.placed_by, &p.placed_by_name) {
            (Some(id), Some(name)) => (id.to_string(), name.clone()),
            _ => ("onbekend".into(), "Onbekend".into()),
        }),
    }
}

/// The stages of the nomination funnel, in order.
const STAGES: [(&str, &str); 5] = [
    ("proposed", "Voorgedragen"),
    ("interested", "Interesse"),
    ("interview", "Gesprek"),
    ("offer", "Aanbod"),
    ("placed", "Geplaatst"),
];

/// The funnel of the nominations made in the period: how many reached each stage and moved on,
/// and the mean days spent in each.
pub(super) fn funnel(
    reach: &[(i64, String, i64)],
    stage_times: &[(String, i64, i64)],
) -> (Breakdown, Vec<StageDays>) {
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
        mean_days.push(StageDays {
            stage: code.to_string(),
            days: (moves > 0).then(|| seconds as f64 / moves as f64 / 86_400.0),
        });
    }
    (funnel, mean_days)
}

/// How the nominations made in the period ended (or that they still run).
pub(super) fn outcomes(reach: &[(i64, String, i64)]) -> Breakdown {
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
    outcomes
}

/// Contact requests received, answered, answered in time and open, and the median minutes to
/// an answer.
pub(super) fn contact_requests(requests: &[RequestFact]) -> (Breakdown, Option<i64>) {
    let mut req = Breakdown::new(&[("count", "Aantal")]);
    let answered: Vec<&RequestFact> = requests
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
    let median = (!minutes.is_empty()).then(|| minutes[(minutes.len() - 1) / 2]);
    (req, median)
}

/// Satisfaction answers per score, and the mean score.
pub(super) fn satisfaction(scores: &[(i64, i64)]) -> (Breakdown, Option<f64>) {
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
    (
        satisfaction,
        (answers > 0).then(|| sum as f64 / answers as f64),
    )
}

/// Employers reached and new, and vacancies taken and filled, per sector; with the number of
/// vacancies filled and the mean days from taking a vacancy to its first placement.
pub(super) struct BySector {
    pub employers: Breakdown,
    pub vacancies: Breakdown,
    pub filled: i64,
    pub mean_days_to_fill: Option<f64>,
}

pub(super) fn by_sector(
    reached: &[(String, i64)],
    new_employers: &[(String, i64)],
    taken: &[(String, i64, i64)],
    placements: &[PlacementFact],
) -> BySector {
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
    for p in placements {
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
    let count = |rows: &[(String, i64)], code: &str| {
        rows.iter()
            .find(|(c, _)| c == code)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    };
    for s in Sector::ALL {
        let (r, n) = (count(reached, s.code()), count(new_employers, s.code()));
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
    BySector {
        employers,
        vacancies,
        filled: first_fill.len() as i64,
        mean_days_to_fill: (!days.is_empty())
            .then(|| days.iter().sum::<i64>() as f64 / days.len() as f64),
    }
}

/// Candidates registered per target group (the built-in groups always shown).
pub(super) fn registered(groups: &[TargetGroup], registered: &[(String, i64)]) -> Breakdown {
    let mut by_group = Breakdown::new(&[("registered", "Aangemeld")]);
    for g in groups {
        let n = registered
            .iter()
            .find(|(c, _)| *c == g.code)
            .map(|(_, n)| *n)
            .unwrap_or(0);
        if n > 0 || g.builtin {
            by_group.push(g.code.clone(), g.label.clone(), vec![n]);
        }
    }
    by_group
}

/// A code's Dutch label (the code itself when it is not in the list).
pub(super) fn label_of<T: CodeList>(code: &str) -> String {
    T::parse(code)
        .map(|v| v.label().to_string())
        .unwrap_or_else(|_| code.to_string())
}

/// Placements and their outflow per key, sorted by label.
pub(super) fn group_placements(
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
