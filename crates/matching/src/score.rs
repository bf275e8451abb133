//! Scoring and ranking: weighted skill coverage (essential above optional, rare above common) with
//! partial credit through the skill hierarchy; exact top-k with deterministic ties; explanations.

use serde::Serialize;

use crate::filters::{self, Requirements};
use crate::index::{CandidateProfile, Index};

/// Tunable weights of the score.
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    pub essential: f64,
    pub optional: f64,
    /// The share of a skill's weight given when the candidate has a skill of the same broader group.
    pub hierarchy_factor: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            essential: 2.0,
            optional: 1.0,
            hierarchy_factor: 0.5,
        }
    }
}

/// Why a candidate stands where they stand.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    pub matched_essential: Vec<String>,
    pub matched_optional: Vec<String>,
    pub missing_essential: Vec<String>,
    pub missing_optional: Vec<String>,
    /// (required skill, the broader skill group through which partial credit was given)
    pub partial: Vec<(String, String)>,
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

/// Scores one candidate that passed the filters.
pub(crate) fn score(
    index: &Index,
    p: &CandidateProfile,
    r: &Requirements,
    w: Weights,
) -> (f64, Explanation) {
    let mut e = Explanation::default();
    let has = |s: &str| p.skills.binary_search_by(|x| x.as_str().cmp(s)).is_ok();
    let broader_of_candidate: Vec<&str> = p
        .skills
        .iter()
        .filter_map(|s| index.taxonomy.broader(s))
        .collect();
    let (mut got, mut total) = (0.0, 0.0);
    for (skills, importance, essential) in [
        (&r.essential_skills, w.essential, true),
        (&r.optional_skills, w.optional, false),
    ] {
        for s in skills {
            let weight = importance * index.rarity(s);
            total += weight;
            if has(s) {
                got += weight;
                if essential {
                    e.matched_essential.push(s.clone())
                } else {
                    e.matched_optional.push(s.clone())
                }
                continue;
            }
            if essential {
                e.missing_essential.push(s.clone())
            } else {
                e.missing_optional.push(s.clone())
            }
            if let Some(b) = index.taxonomy.broader(s) {
                if has(b) || broader_of_candidate.contains(&b) {
                    got += weight * w.hierarchy_factor;
                    e.partial.push((s.clone(), b.to_string()));
                }
            }
        }
    }
    (if total > 0.0 { got / total } else { 0.0 }, e)
}

/// Scores compared at a fixed precision, so sums in a different order rank the same.
fn key(score: f64) -> i64 {
    (score * 1e9).round() as i64
}

/// A passing candidate's match: the score, the confidence and the full explanation.
fn explained(
    index: &Index,
    p: &CandidateProfile,
    r: &Requirements,
    w: Weights,
    f: filters::FilterOutcome,
) -> Match {
    let (score, mut explanation) = score(index, p, r, w);
    explanation.distance_km = f.distance_km.map(|d| (d * 10.0).round() / 10.0);
    explanation.passed = f.passed;
    let confidence = confidence(f.unknown.len());
    explanation.unknown = f.unknown;
    Match {
        candidate_id: p.id,
        score,
        confidence,
        explanation,
    }
}

fn confidence(unknown: usize) -> f64 {
    (1.0 - 0.1 * unknown as f64).max(0.3)
}

impl Index {
    /// Exact top-`k` candidates for the requirements: visible ones only, after the filters,
    /// by score, then confidence, then candidate id (deterministic).
    ///
    /// Scores are accumulated over the posting lists of the required skills (and of their broader
    /// groups), so only candidates with a relevant skill are looked at. When fewer than `k` of
    /// them pass the filters, the whole pool is scanned, so the ranking is always exact and the
    /// counts of excluded candidates cover everyone.
    pub fn search(&self, r: &Requirements, w: Weights, k: usize) -> SearchResult {
        if r.essential_skills.is_empty() && r.optional_skills.is_empty() {
            return self.search_scan(r, w, k);
        }
        let n = self.profiles.len();
        let mut acc = vec![0f64; n];
        let mut touched: Vec<u32> = Vec::new();
        let mut total = 0.0;
        for (skills, importance) in [
            (&r.essential_skills, w.essential),
            (&r.optional_skills, w.optional),
        ] {
            for s in skills {
                let weight = importance * self.rarity(s);
                total += weight;
                let id = self.ids.get(s).copied();
                if let Some(id) = id {
                    for &p in &self.postings[id as usize] {
                        if acc[p as usize] == 0.0 {
                            touched.push(p);
                        }
                        acc[p as usize] += weight;
                    }
                }
                let Some(group) = self
                    .taxonomy
                    .broader(s)
                    .and_then(|b| self.group_postings.get(b))
                else {
                    continue;
                };
                for &p in group {
                    let has =
                        id.is_some_and(|id| self.skill_ids[p as usize].binary_search(&id).is_ok());
                    if !has {
                        if acc[p as usize] == 0.0 {
                            touched.push(p);
                        }
                        acc[p as usize] += weight * w.hierarchy_factor;
                    }
                }
            }
        }
        let mut ranked: Vec<(f64, f64, i64, u32)> = Vec::with_capacity(touched.len());
        let mut excluded: Vec<(&'static str, usize)> = Vec::new();
        for &p in &touched {
            let profile = &self.profiles[p as usize];
            if !filters::visible(profile, r) {
                continue;
            }
            let f = filters::apply(profile, r, &self.centroids);
            if let Some(name) = f.excluded_by {
                match excluded.iter_mut().find(|(n, _)| *n == name) {
                    Some(e) => e.1 += 1,
                    None => excluded.push((name, 1)),
                }
                continue;
            }
            ranked.push((
                acc[p as usize] / total,
                confidence(f.unknown.len()),
                profile.id,
                p,
            ));
        }
        if ranked.len() < k {
            return self.search_scan(r, w, k);
        }
        let order = |a: &(f64, f64, i64, u32), b: &(f64, f64, i64, u32)| {
            key(b.0)
                .cmp(&key(a.0))
                .then(b.1.total_cmp(&a.1))
                .then(a.2.cmp(&b.2))
        };
        let passed_filters = ranked.len();
        if k > 0 {
            ranked.select_nth_unstable_by(k - 1, order);
        }
        ranked.truncate(k);
        ranked.sort_by(order);
        let matches = ranked
            .into_iter()
            .map(|(_, _, _, p)| {
                let profile = &self.profiles[p as usize];
                explained(
                    self,
                    profile,
                    r,
                    w,
                    filters::apply(profile, r, &self.centroids),
                )
            })
            .collect();
        excluded.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        SearchResult {
            matches,
            passed_filters,
            excluded,
            without_skills: false,
        }
    }

    /// The same ranking by looking at every profile (for rankings without skills, or few results).
    fn search_scan(&self, r: &Requirements, w: Weights, k: usize) -> SearchResult {
        let mut matches = Vec::new();
        let mut excluded: Vec<(&'static str, usize)> = Vec::new();
        for p in &self.profiles {
            if !filters::visible(p, r) {
                continue;
            }
            let f = filters::apply(p, r, &self.centroids);
            if let Some(name) = f.excluded_by {
                match excluded.iter_mut().find(|(n, _)| *n == name) {
                    Some(e) => e.1 += 1,
                    None => excluded.push((name, 1)),
                }
                continue;
            }
            matches.push(explained(self, p, r, w, f));
        }
        let passed_filters = matches.len();
        let order = |a: &Match, b: &Match| {
            key(b.score)
                .cmp(&key(a.score))
                .then(b.confidence.total_cmp(&a.confidence))
                .then(a.candidate_id.cmp(&b.candidate_id))
        };
        if matches.len() > k && k > 0 {
            matches.select_nth_unstable_by(k - 1, order);
            matches.truncate(k);
        }
        matches.sort_by(order);
        if k == 0 {
            matches.clear();
        }
        excluded.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        SearchResult {
            matches,
            passed_filters,
            excluded,
            without_skills: r.essential_skills.is_empty() && r.optional_skills.is_empty(),
        }
    }

    /// How one candidate fits each of several requirement sets (for "the best vacancies"):
    /// (position in `list`, match) for the ones the candidate passes, best first.
    pub fn fit(
        &self,
        candidate_id: i64,
        list: &[Requirements],
        w: Weights,
        k: usize,
    ) -> Vec<(usize, Match)> {
        let Some(p) = self.profile(candidate_id) else {
            return Vec::new();
        };
        let mut out: Vec<(usize, Match)> = list
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let f = filters::apply(p, r, &self.centroids);
                if f.excluded_by.is_some() {
                    return None;
                }
                Some((i, explained(self, p, r, w, f)))
            })
            .collect();
        out.sort_by(|a, b| {
            b.1.score
                .total_cmp(&a.1.score)
                .then(b.1.confidence.total_cmp(&a.1.confidence))
                .then(a.0.cmp(&b.0))
        });
        out.truncate(k);
        out
    }
}
