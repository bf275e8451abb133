//! Hard filters: distance, hours, education, driving licence, languages, availability, work-ready
//! and visibility. Unknown data passes a filter, but is named in the explanation.

use chrono::NaiveDate;
use koppel_domain::permissions::CandidateScope;

use crate::index::CandidateProfile;
use crate::Centroids;

/// What a vacancy asks for, and who may be shown.
#[derive(Debug, Clone)]
pub struct Requirements {
    pub essential_skills: Vec<String>,
    pub optional_skills: Vec<String>,
    pub pc4: Option<u16>,
    pub hours_per_week: Option<i64>,
    /// Minimum VUM work and thinking level (1-6).
    pub min_education: Option<u8>,
    pub licences: Vec<String>,
    /// (ISO 639-3 code, minimum level 1-4).
    pub languages: Vec<(String, u8)>,
    /// The candidate must be available by this date.
    pub needed_by: Option<NaiveDate>,
    pub require_work_ready: bool,
    /// The target groups the vacancy is open to; empty means all.
    pub target_groups: Vec<String>,
    /// Whom the user may see.
    pub scope: CandidateScope,
    /// The vacancy's occupation (URI) and its ISCO group, when known.
    pub occupation: Option<String>,
    pub occupation_group: Option<String>,
}

/// The outcome of the filters for one candidate.
#[derive(Debug, Clone, Default)]
pub(crate) struct FilterOutcome {
    /// The first filter that excluded the candidate.
    pub excluded_by: Option<&'static str>,
    pub passed: Vec<&'static str>,
    pub unknown: Vec<&'static str>,
    pub distance_km: Option<f64>,
}

/// Filter names, in Dutch, as the explanation shows them.
pub const DISTANCE: &str = "reisafstand";
pub const HOURS: &str = "uren";
pub const EDUCATION: &str = "opleidingsniveau";
pub const LICENCE: &str = "rijbewijs";
pub const LANGUAGE: &str = "taal";
pub const AVAILABILITY: &str = "beschikbaarheid";
pub const WORK_READY: &str = "werkfit";
pub const TARGET_GROUP: &str = "doelgroep";
/// Not a filter: the candidate's occupation, unknown when they have none.
pub const OCCUPATION: &str = "beroep";

pub(crate) fn apply(
    p: &CandidateProfile,
    r: &Requirements,
    centroids: &Centroids,
) -> FilterOutcome {
    let mut out = FilterOutcome::default();
    let check = |name: &'static str, verdict: Option<bool>, out: &mut FilterOutcome| match verdict {
        Some(true) => out.passed.push(name),
        Some(false) => {
            if out.excluded_by.is_none() {
                out.excluded_by = Some(name);
            }
        }
        None => out.unknown.push(name),
    };
    out.distance_km = match (p.pc4, r.pc4) {
        (Some(a), Some(b)) => centroids.distance_km(a, b),
        _ => None,
    };
    let distance = match (out.distance_km, p.max_travel_km) {
        (Some(d), Some(max)) => Some(d <= max as f64),
        _ => None,
    };
    check(DISTANCE, distance, &mut out);
    let hours = match (p.hours_per_week, r.hours_per_week) {
        (Some(c), Some(v)) => Some(v <= c + 4),
        (_, None) => Some(true),
        _ => None,
    };
    check(HOURS, hours, &mut out);
    let education = match (p.education, r.min_education) {
        (_, None) => Some(true),
        (Some(c), Some(m)) => Some(c >= m),
        (None, Some(_)) => None,
    };
    check(EDUCATION, education, &mut out);
    let licence = r.licences.iter().all(|l| p.licences.iter().any(|c| c == l));
    check(LICENCE, Some(licence), &mut out);
    let mut language = Some(true);
    for (code, min) in &r.languages {
        match p.languages.iter().find(|(c, _)| c == code) {
            Some((_, level)) if (1..=4).contains(level) => {
                if level < min {
                    language = Some(false);
                }
            }
            _ => {
                if language == Some(true) {
                    language = None;
                }
            }
        }
    }
    check(LANGUAGE, language, &mut out);
    let available = match (p.available_from, r.needed_by) {
        (_, None) => Some(true),
        (Some(from), Some(by)) => Some(from <= by),
        (None, Some(_)) => None,
    };
    check(AVAILABILITY, available, &mut out);
    if r.require_work_ready {
        check(WORK_READY, Some(p.work_ready), &mut out);
    }
    if !r.target_groups.is_empty() {
        check(
            TARGET_GROUP,
            Some(r.target_groups.contains(&p.target_group)),
            &mut out,
        );
    }
    out
}
