//! One candidate against vacancies: the best vacancies for a candidate, and the explanation of
//! one candidate and one vacancy (the skills gap), with the same score as the ranking.

use crate::filters::{self, Requirements};
use crate::index::Index;
use crate::score::{explained, terms, Match, Weights};

impl Index {
    /// How one candidate fits each of several requirement sets (for "the best vacancies"):
    /// (position in `list`, match) for the ones the candidate passes, best first.
    pub fn fit(
        &self,
        candidate_id: i64,
        list: &[Requirements],
        w: Weights,
        k: usize,
    ) -> Vec<(usize, Match)> {
        let Some(pos) = self.position(candidate_id) else {
            return Vec::new();
        };
        let p = &self.profile_at(pos);
        let mut out: Vec<(usize, Match)> = list
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let f = filters::apply(p, r, &self.centroids);
                if f.excluded_by.is_some() {
                    return None;
                }
                Some((i, explained(self, pos, p, r, &terms(self, r, w), w, f)))
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

    /// How one candidate fits one vacancy, whether or not they pass its filters (for the skills
    /// gap): the same score and explanation as the ranking gives; none for an unknown candidate.
    pub fn explain(&self, candidate_id: i64, r: &Requirements, w: Weights) -> Option<Match> {
        let pos = self.position(candidate_id)?;
        let p = &self.profile_at(pos);
        let f = filters::apply(p, r, &self.centroids);
        Some(explained(self, pos, p, r, &terms(self, r, w), w, f))
    }
}
