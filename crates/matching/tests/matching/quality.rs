//! Matching quality on synthetic data with known relevance: a candidate built from the vacancy's
//! own occupation is most relevant, one from a related occupation (the same group of ten) less,
//! the rest not. The engine must rank better (nDCG@10) than counting shared skills.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use koppel_domain::permissions::{CandidateScope, ScopeKind};
use koppel_matching::synthetic::{
    occupation_group, occupation_skills, occupation_uri, pool_with_occupations, Rng, OCCUPATIONS,
};
use koppel_matching::{Centroids, Index, Requirements, Taxonomy, Weights};

fn relevance(candidate_occupation: u64, vacancy_occupation: u64) -> f64 {
    if candidate_occupation == vacancy_occupation {
        2.0
    } else if candidate_occupation / 10 == vacancy_occupation / 10 {
        1.0
    } else {
        0.0
    }
}

fn dcg(gains: &[f64]) -> f64 {
    gains
        .iter()
        .enumerate()
        .map(|(i, g)| (2f64.powf(*g) - 1.0) / ((i + 2) as f64).log2())
        .sum()
}

fn ndcg_at_10(ranked: &[f64], all: &[f64]) -> f64 {
    let mut ideal = all.to_vec();
    ideal.sort_by(|a, b| b.total_cmp(a));
    let best = dcg(&ideal[..ideal.len().min(10)]);
    if best == 0.0 {
        0.0
    } else {
        dcg(&ranked[..ranked.len().min(10)]) / best
    }
}

#[test]
fn the_engine_ranks_better_than_counting_shared_skills() {
    let pool = pool_with_occupations(20_000, &[], 11);
    let occupation_of: std::collections::HashMap<i64, u64> =
        pool.iter().map(|(p, o)| (p.id, *o)).collect();
    let profiles: Vec<_> = pool.iter().map(|(p, _)| p.clone()).collect();
    let index = Index::build(profiles.clone(), Taxonomy::default(), Centroids::default());
    let mut r = Rng::new(5);
    let (mut engine_total, mut overlap_total, mut n) = (0.0, 0.0, 0);
    let mut with_occupation_total = 0.0;
    for _ in 0..40 {
        let occupation = r.zipf(OCCUPATIONS);
        let skills = occupation_skills(occupation);
        let req = Requirements {
            essential_skills: skills[..4].to_vec(),
            optional_skills: skills[4..].to_vec(),
            pc4: None,
            hours_per_week: None,
            min_education: None,
            licences: Vec::new(),
            languages: Vec::new(),
            needed_by: None,
            require_work_ready: false,
            target_groups: Vec::new(),
            scope: CandidateScope::for_tests(ScopeKind::OwnAndShared { org_id: 1 }),
            occupation: None,
            occupation_group: None,
        };
        let all: Vec<f64> = profiles
            .iter()
            .filter(|p| p.consent_wsp || p.org_id == 1)
            .map(|p| relevance(occupation_of[&p.id], occupation))
            .collect();
        if all.iter().all(|g| *g == 0.0) {
            continue;
        }
        let engine: Vec<f64> = index
            .search(&req, Weights::default(), 10)
            .matches
            .iter()
            .map(|m| relevance(occupation_of[&m.candidate_id], occupation))
            .collect();
        let mut overlap: Vec<(usize, i64)> = profiles
            .iter()
            .filter(|p| p.consent_wsp || p.org_id == 1)
            .map(|p| (p.skills.iter().filter(|s| skills.contains(s)).count(), p.id))
            .collect();
        overlap.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let overlap: Vec<f64> = overlap
            .iter()
            .take(10)
            .map(|(_, id)| relevance(occupation_of[id], occupation))
            .collect();
        // The same vacancy naming its occupation (seven in ten candidates named theirs).
        let named = Requirements {
            occupation: Some(occupation_uri(occupation)),
            occupation_group: Some(occupation_group(occupation)),
            ..req.clone()
        };
        let with_occupation: Vec<f64> = index
            .search(&named, Weights::default(), 10)
            .matches
            .iter()
            .map(|m| relevance(occupation_of[&m.candidate_id], occupation))
            .collect();
        with_occupation_total += ndcg_at_10(&with_occupation, &all);
        engine_total += ndcg_at_10(&engine, &all);
        overlap_total += ndcg_at_10(&overlap, &all);
        n += 1;
    }
    let (engine, overlap) = (engine_total / n as f64, overlap_total / n as f64);
    let with_occupation = with_occupation_total / n as f64;
    println!("nDCG@10 over {n} queries: engine {engine:.3} (skills only), {with_occupation:.3} (skills and occupation), shared-skill count {overlap:.3}");
    assert!(
        with_occupation > engine,
        "the occupation must help: {with_occupation:.3} against {engine:.3}"
    );
    assert!(n >= 20);
    assert!(
        engine > overlap,
        "engine {engine:.3} must beat plain overlap {overlap:.3}"
    );
}
