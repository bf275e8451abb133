//! Scoring and ranking: weighted skill coverage (essential above optional, rare above common),
//! balanced for the length of the profile, with capped partial credit through the skill
//! hierarchy; exact top-k with deterministic ties; explanations.

use serde::Serialize;

use crate::filters::{self, Requirements};
use crate::index::{CandidateProfile, Index};

/// Tunable weights of the score.
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    pub essential: f64,
    pub optional: f64,
    /// The share of a skill's weight given when the candidate has a skill of the same broader
    /// group (before it is divided by the square root of the group's size).
    pub hierarchy_factor: f64,
    /// The share of the occupation's weight for an occupation of the same ISCO group.
    pub occupation_group_factor: f64,
    /// The share of the score that the occupation makes up, when the vacancy names one.
    pub occupation_share: f64,
    /// How much a profile's mass (the sum of its skills' rarities) counts against the mean: the
    /// skill part is multiplied by (mean / mass) to this power, so a long profile does not win by
    /// volume and a short one is not buried (0.5 is what cosine similarity does).
    pub length_power: f64,
    /// A term weighs its importance times its rarity to this power (2 is what TF-IDF cosine does).
    pub rarity_power: f64,
    /// Hierarchy credit adds at most this share of the direct coverage; without any direct
    /// match it only orders candidates below everyone with one.
    pub hierarchy_cap: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            essential: 1.1,
            optional: 1.0,
            hierarchy_factor: 0.25,
            occupation_group_factor: 0.5,
            occupation_share: 0.2,
            length_power: 0.5,
            rarity_power: 2.0,
            hierarchy_cap: 0.5,
        }
    }
}

/// Without a direct match, hierarchy credit is scaled down this far: it orders the candidates
/// who have only related skills, below everyone with a shared one.
const RELATED_ONLY: f64 = 1e-4;

/// The skill part of the score (0 to 1) from the weight of the matched terms (`direct`), the
/// hierarchy credit (`related`), the weight of all terms (`total`) and the profile's number of
/// skills (`len`, against the mean). The one formula behind the ranking and the explanation.
pub(crate) fn skill_part(
    direct: f64,
    related: f64,
    total: f64,
    mass: f64,
    mean: f64,
    w: Weights,
) -> f64 {
    if total <= 0.0 {
        return 0.0;
    }
    let coverage = direct / total;
    let related = related / total;
    let related = if direct > 0.0 {
        related.min(coverage * w.hierarchy_cap)
    } else {
        related * RELATED_ONLY
    };
    let ratio = mean / mass.max(0.1);
    // The square root is the usual power and far cheaper than `powf` in the search's inner loop.
    let balance = if w.length_power == 0.5 {
        ratio.sqrt()
    } else {
        ratio.powf(w.length_power)
    };
    bounded((coverage + related) * balance)
}

/// Keeps the skill part at most 1 without ties at the top: unchanged up to `KNEE`, above it
/// approaching 1 (so a short profile covering much of the vacancy still ranks above one covering
/// a little less, and a score is never over 100%).
fn bounded(x: f64) -> f64 {
    const KNEE: f64 = 0.8;
    if x <= KNEE {
        x
    } else {
        KNEE + (1.0 - KNEE) * (1.0 - (-(x - KNEE) / (1.0 - KNEE)).exp())
    }
}

/// Why a candidate stands where they stand.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    pub matched_essential: Vec<String>,
    pub matched_optional: Vec<String>,
    /// Required skills the candidate lacks and earns nothing for (a skill with related credit is
    /// in `partial`, not here).
    pub missing_essential: Vec<String>,
    pub missing_optional: Vec<String>,
    /// Required skills the candidate lacks but earns partial credit for: (required skill, the
    /// broader skill group they share, the candidate's own skill in that group).
    pub partial: Vec<(String, String, String)>,
    /// What the score is made of: (a matched or partly matched skill, or none for the
    /// occupation; its points). The points add up to the score.
    pub points: Vec<(Option<String>, f64)>,
    /// How the candidate's occupation relates to the vacancy's: "zelfde beroep",
    /// "zelfde beroepsgroep" or "ander beroep"; none when either is not known.
    pub occupation: Option<&'static str>,
    pub distance_km: Option<f64>,
    /// The filters this candidate passed.
    pub passed: Vec<&'static str>,
    /// What is not known of this candidate; it lowers the confidence, it does not exclude.
    pub unknown: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Match {
    pub candidate_id: i64,
    /// Weighted skill coverage, 0 to 1.
    pub score: f64,
    /// 1 when everything is known; lower for each unknown filter.
    pub confidence: f64,
    pub explanation: Explanation,
}

/// The ranking, and why others are not in it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchResult {
    pub matches: Vec<Match>,
    /// Candidates the user may see that passed every filter.
    pub passed_filters: usize,
    /// Per filter, how many visible candidates it excluded (the first failing filter counts).
    pub excluded: Vec<(&'static str, usize)>,
    /// The vacancy names no skills: the ranking rests on the filters and confidence alone.
    pub without_skills: bool,
}

/// At most this many broader concepts of a term give credit (the most specific ones).
pub(crate) const MAX_GROUPS: usize = 3;

/// One skill a vacancy asks for, weighed once per search.
pub(crate) struct Term<'a> {
    pub(crate) skill: &'a str,
    pub(crate) weight: f64,
    pub(crate) essential: bool,
    /// Its id in the index, when any profile has it.
    pub(crate) id: Option<u32>,
    /// Its broader concepts the index knows, most specific first: (URI, id, the share of the
    /// weight a skill under it earns).
    pub(crate) groups: Vec<(&'a str, u32, f64)>,
}

/// The skills of the requirements, essential ones first, with their weights.
pub(crate) fn terms<'a>(index: &'a Index, r: &'a Requirements, w: Weights) -> Vec<Term<'a>> {
    let essential = r.essential_skills.iter().map(|s| (s, w.essential, true));
    let optional = r.optional_skills.iter().map(|s| (s, w.optional, false));
    essential
        .chain(optional)
        .map(|(s, importance, essential)| Term {
            skill: s,
            weight: importance * index.rarity(s).powf(w.rarity_power),
            essential,
            id: index.skill_names.get(s),
            groups: groups(index, s, w),
        })
        .collect()
}

/// The broader concepts of a skill that the index knows, most specific first, each with the
/// share of the weight it gives: the hierarchy factor, less for a larger group (divided by the
/// square root of its size: a group of one gives all of it, of four half, of a hundred a tenth).
fn groups<'a>(index: &'a Index, skill: &str, w: Weights) -> Vec<(&'a str, u32, f64)> {
    let mut out: Vec<(&'a str, u32, f64)> = index
        .taxonomy
        .broader(skill)
        .iter()
        .filter_map(|b| {
            let id = index.skill_names.get(b)?;
            let size = index.narrower.get(&id).map_or(1, Vec::len).max(1);
            let specific = 1.0 / (size as f64).sqrt();
            Some((b.as_str(), id, w.hierarchy_factor * specific))
        })
        .collect();
    out.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(b.0)));
    out.truncate(MAX_GROUPS);
    out
}

/// The credits a candidate earns on the skills: (skill, weight) for each direct match and for
/// each related one, before the length balance and the cap.
#[derive(Default)]
struct Credits {
    direct: Vec<(String, f64)>,
    related: Vec<(String, f64)>,
}

/// Scores one candidate (at position `pos`, profile `p`) that passed the filters: the same
/// `skill_part` as the search, with the explanation and the points of each part.
pub(crate) fn score(
    index: &Index,
    pos: u32,
    p: &CandidateProfile,
    r: &Requirements,
    terms: &[Term],
    w: Weights,
) -> (f64, Explanation) {
    let mut e = Explanation::default();
    let mut credits = Credits::default();
    let total: f64 = terms.iter().map(|t| t.weight).sum();
    for t in terms {
        skill_credit(index, pos, t, &mut e, &mut credits);
    }
    let direct: f64 = credits.direct.iter().map(|c| c.1).sum();
    let related: f64 = credits.related.iter().map(|c| c.1).sum();
    let mass = f64::from(index.mass_at(pos));
    let part = skill_part(direct, related, total, mass, index.mean_mass, w);
    // The cap and the balance act on the sum: each credit keeps its share of `part * total`.
    let related_kept = related_kept(direct, related, total, w);
    let before = direct + related_kept;
    let factor = if before > 0.0 {
        part * total / before
    } else {
        0.0
    };
    let mut points: Vec<(Option<String>, f64)> = credits
        .direct
        .into_iter()
        .map(|(s, c)| (Some(s), c * factor))
        .collect();
    let keep = if related > 0.0 {
        related_kept / related
    } else {
        0.0
    };
    points.extend(
        credits
            .related
            .into_iter()
            .map(|(s, c)| (Some(s), c * keep * factor)),
    );
    let mut got = part * total;
    let mut whole = total;
    let occupation = occupation_weight(r, total, w);
    if occupation > 0.0 {
        let (relation, earned) = occupation_credit(p, r, occupation, w);
        e.occupation = relation;
        if earned > 0.0 {
            got += earned;
            points.push((None, earned));
        }
        // An unknown occupation is left out of the score (it lowers the confidence only).
        if p.occupation.is_some() {
            whole += occupation;
        }
    }
    if whole <= 0.0 {
        return (0.0, e);
    }
    e.points = points.into_iter().map(|(s, c)| (s, c / whole)).collect();
    (got / whole, e)
}

/// How a candidate stands on one required skill: matched, partly (through a shared broader
/// group, naming the candidate's own skill in it) or missing.
fn skill_credit(index: &Index, pos: u32, t: &Term, e: &mut Explanation, credits: &mut Credits) {
    let own = index.skills_at(pos);
    let has = |id: u32| own.binary_search(&id).is_ok();
    let (matched, missing) = if t.essential {
        (&mut e.matched_essential, &mut e.missing_essential)
    } else {
        (&mut e.matched_optional, &mut e.missing_optional)
    };
    if t.id.is_some_and(has) {
        matched.push(t.skill.to_string());
        credits.direct.push((t.skill.to_string(), t.weight));
        return;
    }
    let shared = t.groups.iter().find_map(|(group_uri, group, share)| {
        let mine = own
            .iter()
            .find(|&&x| x == *group || index.broader[x as usize].contains(group))?;
        Some((group_uri, *mine, share))
    });
    match shared {
        Some((group, mine, share)) => {
            let mine = index.skill_names.values[mine as usize].clone();
            e.partial
                .push((t.skill.to_string(), group.to_string(), mine));
            credits
                .related
                .push((t.skill.to_string(), t.weight * share));
        }
        None => missing.push(t.skill.to_string()),
    }
}

/// The related credit `skill_part` keeps: at most `hierarchy_cap` of the direct coverage, and
/// next to nothing without a direct match.
fn related_kept(direct: f64, related: f64, total: f64, w: Weights) -> f64 {
    if total <= 0.0 {
        0.0
    } else if direct > 0.0 {
        related.min(direct * w.hierarchy_cap)
    } else {
        related * RELATED_ONLY
    }
}

/// The relation between the candidate's occupation and the vacancy's, and the credit it earns.
fn occupation_credit(
    p: &CandidateProfile,
    r: &Requirements,
    occupation: f64,
    w: Weights,
) -> (Option<&'static str>, f64) {
    let same = |a: &Option<String>, b: &Option<String>| a.is_some() && a == b;
    if same(&p.occupation, &r.occupation) {
        (Some(SAME_OCCUPATION), occupation)
    } else if same(&p.occupation_group, &r.occupation_group) {
        (
            Some(SAME_OCCUPATION_GROUP),
            occupation * w.occupation_group_factor,
        )
    } else if p.occupation.is_some() {
        (Some(OTHER_OCCUPATION), 0.0)
    } else {
        (None, 0.0)
    }
}

pub const SAME_OCCUPATION: &str = "zelfde beroep";
pub const SAME_OCCUPATION_GROUP: &str = "zelfde beroepsgroep";
pub const OTHER_OCCUPATION: &str = "ander beroep";

/// The weight of the occupation in the score: the configured share of the whole when the vacancy
/// names an occupation and skills; all of it when it names only an occupation.
pub(crate) fn occupation_weight(r: &Requirements, skill_total: f64, w: Weights) -> f64 {
    if r.occupation.is_none() {
        0.0
    } else if skill_total > 0.0 {
        let share = w.occupation_share.clamp(0.0, 0.9);
        skill_total * share / (1.0 - share)
    } else {
        1.0
    }
}

/// Scores compared at a fixed precision, so sums in a different order rank the same.
pub(crate) fn key(score: f64) -> i64 {
    (score * 1e9).round() as i64
}

/// A passing candidate's match: the score, the confidence and the full explanation.
pub(crate) fn explained(
    index: &Index,
    pos: u32,
    p: &CandidateProfile,
    r: &Requirements,
    terms: &[Term],
    w: Weights,
    f: filters::FilterOutcome,
) -> Match {
    let (score, mut explanation) = score(index, pos, p, r, terms, w);
    explanation.distance_km = f.distance_km.map(|d| (d * 10.0).round() / 10.0);
    explanation.passed = f.passed;
    explanation.unknown = f.unknown;
    if r.occupation.is_some() && p.occupation.is_none() {
        explanation.unknown.push(filters::OCCUPATION);
    }
    let confidence = confidence(explanation.unknown.len());
    Match {
        candidate_id: p.id,
        score,
        confidence,
        explanation,
    }
}

pub(crate) fn confidence(unknown: usize) -> f64 {
    (1.0 - 0.1 * unknown as f64).max(0.3)
}

/// How a search weighs a vacancy's requirements, for tools that score the same way (the
/// benchmark's baselines): each skill with its weight, the occupation's weight, and the total.
#[derive(Debug, Clone)]
pub struct Weighing {
    pub skills: Vec<(String, f64)>,
    pub occupation: f64,
    pub total: f64,
}

impl Index {
    pub fn weighing(&self, r: &Requirements, w: Weights) -> Weighing {
        let skills: Vec<(String, f64)> = terms(self, r, w)
            .iter()
            .map(|t| (t.skill.to_string(), t.weight))
            .collect();
        let skill_total: f64 = skills.iter().map(|(_, weight)| weight).sum();
        let occupation = occupation_weight(r, skill_total, w);
        Weighing {
            skills,
            occupation,
            total: skill_total + occupation,
        }
    }
}
