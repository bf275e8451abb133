//! Exact top-k search over the columns. Only the areas within reach are read: an area at distance
//! d holds its profiles furthest-travelling first, so reading stops at the first one who would not
//! travel d. Each profile read there (and each one without a usable area or travel distance) goes
//! through the filters on compact values; those that pass are scored on their skills through
//! per-query bit masks, then the best k are explained in full.

use std::cell::RefCell;

use chrono::Datelike;

use crate::filters::{
    self, Requirements, AVAILABILITY, DISTANCE, EDUCATION, HOURS, LANGUAGE, LICENCE, TARGET_GROUP,
    WORK_READY,
};
use crate::geo::{between, KM_PER_DEGREE_LATITUDE};
use crate::index::{
    Hot, Index, BIG_OCCUPATION, HAS_EXTRA, NONE, NO_LANGUAGE, NO_OCCUPATION, NO_SKILL, UNKNOWN_DAY,
    UNKNOWN_U16,
};
use crate::score::{
    explained, key, occupation_weight, skill_part, terms, SearchResult, Term, Weights, MAX_GROUPS,
};

/// The filters in the order they are applied; a profile counts for the first that excludes it.
const FILTERS: [&str; 8] = [
    DISTANCE,
    HOURS,
    EDUCATION,
    LICENCE,
    LANGUAGE,
    AVAILABILITY,
    WORK_READY,
    TARGET_GROUP,
];

/// Per skill id: the query terms it fully satisfies, and those it gives partial credit for through
/// a term's first, second and third broader concept.
type Masks = Vec<[u64; 4]>;

thread_local! {
    static MASKS: RefCell<Masks> = const { RefCell::new(Vec::new()) };
}

/// The requirements in the index's own numbers, shaped so a profile is judged without branches.
struct Compiled {
    /// Per interned organisation and consent (`org * 2 + consent`): may the scope see it? (0 or 1)
    visible: Vec<u32>,
    /// Hours the vacancy asks, or -1.
    hours: i32,
    /// Minimum education level, or 0.
    min_education: u8,
    licences: u32,
    licence_impossible: bool,
    /// (language id or none, minimum level).
    languages: Vec<(Option<u8>, u8)>,
    /// Available by (days), or `i32::MAX`.
    needed_by: i32,
    require_work_ready: bool,
    /// Per interned target group: is it let in? (all of them when the vacancy names none)
    groups: Vec<bool>,
}

impl Index {
    fn compile(&self, r: &Requirements) -> Compiled {
        let licence_bits: Vec<Option<u32>> = r
            .licences
            .iter()
            .map(|l| self.licence_codes.get(l).filter(|b| *b < 32))
            .collect();
        Compiled {
            visible: self
                .orgs
                .iter()
                .flat_map(|&o| [r.scope.allows(o, false), r.scope.allows(o, true)])
                .map(u32::from)
                .collect(),
            hours: r
                .hours_per_week
                .map(|h| h.clamp(0, i64::from(i32::MAX)) as i32)
                .unwrap_or(-1),
            min_education: r.min_education.unwrap_or(0),
            licences: licence_bits.iter().flatten().fold(0, |m, b| m | (1 << b)),
            licence_impossible: licence_bits.iter().any(Option::is_none),
            languages: r
                .languages
                .iter()
                .map(|(c, min)| {
                    (
                        self.language_codes
                            .get(c)
                            .filter(|i| *i < u32::from(NO_LANGUAGE))
                            .map(|i| i as u8),
                        *min,
                    )
                })
                .collect(),
            needed_by: r
                .needed_by
                .map(|d| d.num_days_from_ce())
                .unwrap_or(i32::MAX),
            require_work_ready: r.require_work_ready,
            groups: self
                .groups
                .values
                .iter()
                .map(|g| r.target_groups.is_empty() || r.target_groups.contains(g))
                .collect(),
        }
    }

    /// Judges the profile at `p` on the filters after distance: a bit per failing filter (its
    /// place in `FILTERS`), and a bit per filter that could not be judged for lack of data.
    #[inline(always)]
    fn check(&self, p: usize, h: &Hot, c: &Compiled) -> (u32, u8) {
        let hours_known = h.hours != 0;
        let hours_fail = c.hours >= 0 && hours_known && c.hours > i32::from(h.hours) + 4;
        let hours_unknown = c.hours >= 0 && !hours_known;
        let education = h.education();
        let edu_known = education != 0;
        let edu_fail = c.min_education != 0 && edu_known && education < c.min_education;
        let edu_unknown = c.min_education != 0 && !edu_known;
        let licence_fail = c.licence_impossible | (h.licences & c.licences != c.licences);
        let (mut language_fail, mut language_unknown) = (false, false);
        for (code, min) in &c.languages {
            let level = match code {
                Some(code) if h.language.0 == *code => Some(h.language.1),
                Some(code) => self.langs
                    [self.lang_start[p] as usize..self.lang_start[p + 1] as usize]
                    .iter()
                    .find(|(l, _)| l == code)
                    .map(|(_, level)| *level),
                None => None,
            }
            .filter(|l| (1..=4).contains(l));
            match level {
                Some(l) => language_fail |= l < *min,
                None => language_unknown = true,
            }
        }
        let day_known = h.available != UNKNOWN_DAY;
        let available_fail = day_known && h.available > c.needed_by;
        let available_unknown = c.needed_by != i32::MAX && !day_known;
        let work_ready_fail = c.require_work_ready && !Index::work_ready(h);
        let group_fail = !c.groups[h.group as usize];
        let fails = u32::from(hours_fail) << 1
            | u32::from(edu_fail) << 2
            | u32::from(licence_fail) << 3
            | u32::from(language_fail) << 4
            | u32::from(available_fail) << 5
            | u32::from(work_ready_fail) << 6
            | u32::from(group_fail) << 7;
        let unknown = u8::from(hours_unknown) << 1
            | u8::from(edu_unknown) << 2
            | u8::from(language_unknown) << 4
            | u8::from(available_unknown) << 5;
        (fails, unknown)
    }

    /// The runs of positions a search reads, each with whether its distance is unknown: in each
    /// area within reach of the vacancy the profiles who would travel that far (they come first),
    /// and every profile without a usable area or travel distance. Without a known place of work,
    /// every profile, its distance unknown.
    fn reachable(&self, pc4: Option<u16>) -> Vec<(std::ops::Range<usize>, bool)> {
        let Some(here) = pc4.and_then(|c| self.centroids.point(c)) else {
            return vec![(0..self.len(), true)];
        };
        let reach = f64::from(self.max_travel);
        let mut runs = Vec::new();
        for area in &self.areas {
            // Most areas are too far north or south to reach: no need to measure them.
            if (area.point.0 - here.0).abs() * KM_PER_DEGREE_LATITUDE > reach {
                continue;
            }
            let d = between(here, area.point);
            if d > reach {
                continue;
            }
            // The profiles who travel at least d come first; the steps say where they end.
            let end = self.steps[area.steps.0 as usize..area.steps.1 as usize]
                .iter()
                .take_while(|(travel, _)| f64::from(*travel) >= d)
                .last()
                .map(|(_, end)| *end as usize);
            if let Some(end) = end {
                runs.push((area.start as usize..end, false));
            }
        }
        runs.push((self.unlocated as usize..self.len(), true));
        runs
    }

    /// Exact top-`k` candidates for the requirements: visible ones only, after the filters,
    /// by score, then confidence, then candidate id (deterministic). The counts of excluded
    /// candidates cover everyone the user may see.
    pub fn search(&self, r: &Requirements, w: Weights, k: usize) -> SearchResult {
        let c = self.compile(r);
        let runs = self.reachable(r.pc4);
        // Room for every profile read; `passing` is cut to the ones that pass.
        let mut passing: Vec<(u32, u8)> = vec![(0, 0); runs.iter().map(|(run, _)| run.len()).sum()];
        let mut n = 0usize;
        // Per filter the profiles it excluded first; the last place counts those that pass.
        let mut counts = [0usize; FILTERS.len() + 1];
        for (run, distance_unknown) in runs {
            let distance = u8::from(distance_unknown);
            for (i, h) in self.hot[run.clone()].iter().enumerate() {
                let p = run.start + i;
                let visible = c.visible[usize::from(h.org) * 2 + usize::from(Index::consent(h))];
                let (fails, unknown) = self.check(p, h, &c);
                counts[(fails | 1 << FILTERS.len()).trailing_zeros() as usize] += visible as usize;
                passing[n] = (p as u32, unknown | distance);
                n += (visible & u32::from(fails == 0)) as usize;
            }
        }
        passing.truncate(n);
        let seen: usize = counts.iter().sum();
        counts[0] = self.visible_total(r.scope).saturating_sub(seen);
        let mut excluded: Vec<(&'static str, usize)> = FILTERS
            .iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .map(|(f, n)| (*f, n))
            .collect();
        let terms = terms(self, r, w);
        let passed_filters = passing.len();
        let ranked = self.top(r, &terms, w, &passing, k);
        let matches = ranked
            .into_iter()
            .map(|(p, unknown)| {
                let profile = self.scoring_profile_at(p);
                explained(self, p, &profile, r, &terms, w, self.outcome(p, unknown, r))
            })
            .collect();
        excluded.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        SearchResult {
            matches,
            passed_filters,
            excluded,
            without_skills: r.essential_skills.is_empty() && r.optional_skills.is_empty(),
        }
    }

    /// What the filters found for a passing profile, from its bits of unknown filters.
    fn outcome(&self, p: u32, unknown: u8, r: &Requirements) -> filters::FilterOutcome {
        let applies = |i: usize| match i {
            6 => r.require_work_ready,
            7 => !r.target_groups.is_empty(),
            _ => true,
        };
        let mut f = filters::FilterOutcome {
            distance_km: match (self.pc4[p as usize], r.pc4) {
                (UNKNOWN_U16, _) | (_, None) => None,
                (a, Some(b)) => self.centroids.distance_km(a, b),
            },
            ..Default::default()
        };
        for (i, name) in FILTERS.iter().enumerate().filter(|(i, _)| applies(*i)) {
            if unknown & (1 << i) != 0 {
                f.unknown.push(name);
            } else {
                f.passed.push(name);
            }
        }
        f
    }

    /// The best `k` passing positions, best first: by score, then confidence, then candidate id.
    /// Skills are scored for every one; the occupation only for those it could lift into the
    /// best `k`; candidate ids are read only to break ties.
    fn top(
        &self,
        r: &Requirements,
        terms: &[Term],
        w: Weights,
        passing: &[(u32, u8)],
        k: usize,
    ) -> Vec<(u32, u8)> {
        if k == 0 || passing.is_empty() {
            return Vec::new();
        }
        let skill_total: f64 = terms.iter().map(|t| t.weight).sum();
        let occupation = occupation_weight(r, skill_total, w);
        let total = skill_total + occupation;
        let mut scores = self.skill_scores(terms, w, passing);
        // Ranked on the composite of score and confidence (the fewer unknowns, the higher).
        // An unknown occupation is left out of the candidate's total (it lowers the confidence).
        let composite = |score: f64, unknown: u8, occupation_unknown: bool| {
            let unknown = (unknown.count_ones() as u8 + u8::from(occupation_unknown)).min(7);
            let own_total = if occupation_unknown {
                skill_total
            } else {
                total
            };
            let key = if own_total > 0.0 {
                key(score / own_total)
            } else {
                0
            };
            (key.max(0) as u64) << 4 | u64::from(15 - unknown)
        };
        let mut ranked: Vec<(u64, u32, u8)> = if occupation > 0.0 {
            // The k-th best score without the occupation is a floor for the k-th best with it:
            // who cannot reach it even with the full occupation weight is left out.
            let floor = if scores.len() > k {
                let mut s = scores.clone();
                let (_, kth, _) = s.select_nth_unstable_by(k - 1, |a, b| b.total_cmp(a));
                *kth
            } else {
                f64::MIN
            };
            let wanted = r
                .occupation
                .as_deref()
                .and_then(|o| self.occupations.get(o));
            let group = r
                .occupation_group
                .as_deref()
                .and_then(|g| self.occupation_groups.get(g));
            passing
                .iter()
                .zip(scores.iter_mut())
                .filter(|(_, s)| **s + occupation >= floor - 1e-9 * total)
                .map(|(&(p, unknown), s)| {
                    let own = match self.hot[p as usize].occupation {
                        NO_OCCUPATION => NONE,
                        BIG_OCCUPATION => self.occupation[p as usize],
                        o => u32::from(o),
                    };
                    if own != NONE && wanted == Some(own) {
                        *s += occupation;
                    } else if own != NONE
                        && group.is_some_and(|g| self.group_of_occupation[own as usize] == g)
                    {
                        *s += occupation * w.occupation_group_factor;
                    }
                    (composite(*s, unknown, own == NONE), p, unknown)
                })
                .collect()
        } else {
            passing
                .iter()
                .zip(&scores)
                .map(|(&(p, unknown), &s)| (composite(s, unknown, false), p, unknown))
                .collect()
        };
        if ranked.len() > k {
            ranked.select_nth_unstable_by(k - 1, |a, b| b.0.cmp(&a.0));
            // Everything above the k-th composite is in; of those equal to it, the lowest ids.
            let kth = ranked[k - 1].0;
            let mut tied: Vec<(u64, u32, u8)> = ranked
                .iter()
                .copied()
                .filter(|(c, _, _)| *c == kth)
                .collect();
            ranked.retain(|(c, _, _)| *c > kth);
            tied.sort_by_key(|(_, p, _)| self.ids[*p as usize]);
            tied.truncate(k - ranked.len());
            ranked.extend(tied);
        }
        ranked.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(self.ids[a.1 as usize].cmp(&self.ids[b.1 as usize]))
        });
        ranked
            .into_iter()
            .map(|(_, p, unknown)| (p, unknown))
            .collect()
    }

    /// The skill part of the score (times the weight of all terms) of each passing position:
    /// direct matches and hierarchy credit through per-query bit masks, then `score::skill_part`,
    /// the same formula the explanation uses.
    fn skill_scores(&self, terms: &[Term], w: Weights, passing: &[(u32, u8)]) -> Vec<f64> {
        let mut got = vec![0f64; passing.len()];
        if terms.is_empty() {
            return got;
        }
        let total: f64 = terms.iter().map(|t| t.weight).sum();
        let mut direct = vec![0f64; passing.len()];
        let mut related = vec![0f64; passing.len()];
        MASKS.with(|cell| {
            let mut masks = cell.borrow_mut();
            // Every u16 id has an entry, so an empty slot (`NO_SKILL`) reads nothing, unbranched.
            let size = self.skill_names.values.len().max(usize::from(NO_SKILL) + 1);
            if masks.len() < size {
                masks.resize(size, [0; 4]);
            }
            for chunk in terms.chunks(64) {
                let touched = self.set_masks(&mut masks, chunk);
                let weights: Vec<f64> = chunk.iter().map(|t| t.weight).collect();
                let with_groups = chunk.iter().any(|t| !t.groups.is_empty());
                // Per group rank, the credit of each term through its group of that rank.
                let shares: Vec<Vec<f64>> = (0..MAX_GROUPS)
                    .map(|g| {
                        chunk
                            .iter()
                            .map(|t| t.groups.get(g).map_or(0.0, |x| t.weight * x.2))
                            .collect()
                    })
                    .collect();
                for (i, &(p, _)) in passing.iter().enumerate() {
                    let mut m = [0u64; 4];
                    let h = &self.hot[p as usize];
                    for &s in &h.skills {
                        for (a, b) in m.iter_mut().zip(masks[usize::from(s)]) {
                            *a |= b;
                        }
                    }
                    if h.flags & HAS_EXTRA != 0 {
                        for &s in self.extra(p as usize) {
                            for (a, b) in m.iter_mut().zip(masks[s as usize]) {
                                *a |= b;
                            }
                        }
                    }
                    direct[i] += sum_bits(m[0], &weights);
                    if !with_groups {
                        continue;
                    }
                    // A term counts through its most specific shared group only.
                    let mut done = m[0];
                    for (g, share) in shares.iter().enumerate() {
                        related[i] += sum_bits(m[g + 1] & !done, share);
                        done |= m[g + 1];
                    }
                }
                for t in touched {
                    masks[t as usize] = [0; 4];
                }
            }
        });
        for (i, &(p, _)) in passing.iter().enumerate() {
            let mass = f64::from(self.mass_at(p));
            got[i] = skill_part(direct[i], related[i], total, mass, self.mean_mass, w) * total;
        }
        got
    }

    /// Sets the masks for up to 64 terms: a term's own skill satisfies it (layer 0); its broader
    /// concepts, and any skill under one, give partial credit (layer 1 + the group's rank).
    /// Returns the ids set.
    fn set_masks(&self, masks: &mut Masks, chunk: &[Term]) -> Vec<u32> {
        let mut touched = Vec::new();
        for (t, term) in chunk.iter().enumerate() {
            let bit = 1u64 << t;
            if let Some(id) = term.id {
                masks[id as usize][0] |= bit;
                touched.push(id);
            }
            for (rank, &(_, group, _)) in term.groups.iter().enumerate() {
                masks[group as usize][rank + 1] |= bit;
                touched.push(group);
                for &s in self.narrower.get(&group).map(Vec::as_slice).unwrap_or(&[]) {
                    masks[s as usize][rank + 1] |= bit;
                    touched.push(s);
                }
            }
        }
        touched
    }
}

fn sum_bits(mut bits: u64, weights: &[f64]) -> f64 {
    let mut sum = 0.0;
    while bits != 0 {
        let t = bits.trailing_zeros() as usize;
        sum += weights[t];
        bits &= bits - 1;
    }
    sum
}
