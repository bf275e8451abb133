//! Matching quality on real ESCO data against textbook retrieval: nDCG@10 and P@10 of koppel and
//! of shared-skill count, Jaccard, BM25 and TF-IDF cosine, on the same noisy candidates, with and
//! without the occupation, overall and per slice (short profiles, no stated occupation,
//! sibling-only). `cargo test -p koppel-matching --test matching esco -- --nocapture` prints the
//! table of docs/benchmarks.md.

mod baselines;
mod data;

use data::{Candidate, Kind, World};
use koppel_matching::{Centroids, Index, Weights};

const CANDIDATES: usize = 5_000;

/// The weights measured: koppel's defaults, or (to tune) `KOPPEL_WEIGHTS="length rarity
/// hierarchy occupation"` with the four numbers of `Weights`.
fn weights() -> Weights {
    let mut w = Weights::default();
    if let Ok(v) = std::env::var("KOPPEL_WEIGHTS") {
        let n: Vec<f64> = v.split_whitespace().map(|x| x.parse().unwrap()).collect();
        w.length_power = n[0];
        w.rarity_power = n[1];
        w.hierarchy_factor = n[2];
        w.occupation_share = n[3];
        if n.len() > 4 {
            w.essential = n[4];
        }
    }
    w
}
const QUERIES: usize = 200;

/// A part of the candidates the ranking is measured on.
struct Slice {
    name: &'static str,
    keep: fn(&Candidate) -> bool,
}

const SLICES: [Slice; 4] = [
    Slice {
        name: "alle kandidaten",
        keep: |_| true,
    },
    Slice {
        name: "korte profielen (2-4)",
        keep: |c| c.kind == Kind::Short,
    },
    Slice {
        name: "zonder beroep",
        keep: |c| !c.states_occupation,
    },
    Slice {
        name: "alleen verwante vaardigheden",
        keep: |c| c.kind == Kind::SiblingOnly,
    },
];

/// (nDCG@10, P@10) per ranker (koppel first, then the baselines), averaged over the queries.
fn measure(world: &World, pool: &[&Candidate], with_occupation: bool) -> Vec<(f64, f64)> {
    measure_with(world, pool, with_occupation, weights())
}

fn measure_with(
    world: &World,
    pool: &[&Candidate],
    with_occupation: bool,
    w: Weights,
) -> Vec<(f64, f64)> {
    let profiles: Vec<_> = pool.iter().map(|c| c.profile.clone()).collect();
    let index = Index::build(profiles, world.taxonomy(), Centroids::default());
    let docs: Vec<(i64, Vec<String>)> = pool
        .iter()
        .map(|c| {
            let occupation = c.profile.occupation.as_ref().filter(|_| with_occupation);
            (
                c.profile.id,
                baselines::terms(&c.profile.skills, occupation),
            )
        })
        .collect();
    let occupation_of: std::collections::HashMap<i64, usize> =
        pool.iter().map(|c| (c.profile.id, c.occupation)).collect();
    let mut sums = vec![(0.0, 0.0); 1 + baselines::NAMES.len()];
    let mut rng = koppel_matching::synthetic::Rng::new(77);
    let mut n = 0;
    for _ in 0..QUERIES {
        let o = rng.below(world.occupations.len() as u64) as usize;
        let all: Vec<f64> = pool
            .iter()
            .map(|c| world.relevance(c.occupation, o))
            .collect();
        if !all.iter().any(|g| *g >= 2.0) {
            continue;
        }
        let req = world.vacancy(o, with_occupation);
        let gains = |ids: &[i64]| -> Vec<f64> {
            ids.iter()
                .map(|id| world.relevance(occupation_of[id], o))
                .collect()
        };
        let ours: Vec<i64> = index
            .search(&req, w, 10)
            .matches
            .iter()
            .map(|m| m.candidate_id)
            .collect();
        let mut rankings = vec![ours];
        let query = baselines::terms(
            &[req.essential_skills.clone(), req.optional_skills.clone()].concat(),
            req.occupation.as_ref(),
        );
        rankings.extend(baselines::rankings(&docs, &query, 10));
        for (sum, ranking) in sums.iter_mut().zip(&rankings) {
            let g = gains(ranking);
            sum.0 += baselines::ndcg_at_10(&g, &all);
            sum.1 += baselines::precision_at_10(&g);
        }
        n += 1;
    }
    sums.iter()
        .map(|(a, b)| (a / n as f64, b / n as f64))
        .collect()
}

#[test]
fn koppel_against_textbook_retrieval_on_real_esco_data() {
    let world = data::load();
    let seed = std::env::var("KOPPEL_QUALITY_SEED").map_or(2026, |s| s.parse().unwrap());
    let candidates = world.candidates(CANDIDATES, seed);
    let mut lines = vec![
        "| deel | rangschikker | nDCG@10 vaardigheden | P@10 vaardigheden | nDCG@10 met beroep | P@10 met beroep |".to_string(),
        "| --- | --- | ---: | ---: | ---: | ---: |".to_string(),
    ];
    let mut losses = Vec::new();
    for slice in &SLICES {
        let pool: Vec<&Candidate> = candidates.iter().filter(|c| (slice.keep)(c)).collect();
        let skills = measure(&world, &pool, false);
        let both = measure(&world, &pool, true);
        let names = std::iter::once("koppel").chain(baselines::NAMES);
        for (i, name) in names.enumerate() {
            lines.push(format!(
                "| {} | {name} | {:.3} | {:.3} | {:.3} | {:.3} |",
                slice.name, skills[i].0, skills[i].1, both[i].0, both[i].1
            ));
            // Where koppel stands today (docs/benchmarks.md): never more than 0.015 behind any
            // baseline, and ahead of all of them without a stated occupation and, with the
            // occupation, on related skills.
            let behind = skills[i].0 - skills[0].0 > 0.015 || both[i].0 - both[0].0 > 0.015;
            let must_lead = match slice.name {
                "zonder beroep" => skills[0].0 <= skills[i].0 || both[0].0 <= both[i].0,
                "alleen verwante vaardigheden" => both[0].0 <= both[i].0,
                _ => false,
            };
            if i > 0 && (behind || must_lead) {
                losses.push(format!(
                    "{}: koppel {:.3}/{:.3} against {name} {:.3}/{:.3}",
                    slice.name, skills[0].0, both[0].0, skills[i].0, both[i].0
                ));
            }
        }
    }
    println!("{}", lines.join("\n"));
    assert!(
        losses.is_empty(),
        "koppel fell behind:\n{}",
        losses.join("\n")
    );
}

/// The tuning procedure behind `Weights::default()` (docs/algorithm.md): every combination of
/// the grid below is measured on a second, independently seeded set of candidates, and the one
/// whose worst margin over the best baseline (nDCG@10, over every slice and both columns) is
/// largest wins. Run: `cargo test --release -p koppel-matching --test matching tune -- --ignored
/// --nocapture`.
#[test]
#[ignore]
fn tune_weights() {
    let world = data::load();
    let candidates = world.candidates(CANDIDATES, 4711);
    let pools: Vec<Vec<&Candidate>> = SLICES
        .iter()
        .map(|s| candidates.iter().filter(|c| (s.keep)(c)).collect())
        .collect();
    let mut results = Vec::new();
    // Essential skills count more than optional ones (a rule of the product, so 1.0 is left
    // out); related skills keep some credit (so 0 is left out).
    for length in [0.4, 0.5] {
        for essential in [1.1, 1.25, 1.5] {
            for hierarchy in [0.1, 0.25] {
                let w = Weights {
                    length_power: length,
                    essential,
                    hierarchy_factor: hierarchy,
                    ..Weights::default()
                };
                let mut worst = f64::MAX;
                for pool in &pools {
                    for with in [false, true] {
                        let m = measure_with(&world, pool, with, w);
                        let best = m[1..].iter().map(|x| x.0).fold(0.0, f64::max);
                        worst = worst.min(m[0].0 - best);
                    }
                }
                println!("length {length} essential {essential} hierarchy {hierarchy}: worst margin {worst:+.4}");
                results.push((worst, length, essential, hierarchy));
            }
        }
    }
    results.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("best: {:?}", results[0]);
    // Within 0.001 of the best, a length power of 0.5 is preferred: it is a square root, far
    // cheaper in the search's inner loop than any other power.
    let cheap = results
        .iter()
        .find(|r| r.1 == 0.5 && r.0 >= results[0].0 - 0.001)
        .unwrap_or(&results[0]);
    println!("chosen: {cheap:?}");
}
