//! The plain-scan baseline: count shared skills for every profile, sort, keep the first 100 (no
//! filters, no weights, no explanations).

use koppel_matching::{CandidateProfile, Requirements};

use crate::measure::timed;

pub fn run(pool: &[CandidateProfile], queries: &[Requirements]) -> Vec<f64> {
    let mut j = 0;
    timed(queries.len(), || {
        let q = &queries[j % queries.len()];
        let mut scored: Vec<(usize, i64)> = pool
            .iter()
            .map(|p| {
                (
                    p.skills
                        .iter()
                        .filter(|s| q.essential_skills.contains(s) || q.optional_skills.contains(s))
                        .count(),
                    p.id,
                )
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(100);
        std::hint::black_box(scored);
        j += 1;
    })
}
