//! The explanation tells the truth, on generated worlds: every matched skill is the candidate's,
//! every missing one is not, a partly matched skill names a skill of the candidate's in a group
//! it shares, each required skill stands in exactly one list, the points add up to the score,
//! and the explanation of one pair (the skills gap) is the ranking's card to the letter.

use std::collections::HashSet;

use koppel_domain::permissions::{CandidateScope, ScopeKind};
use koppel_matching::synthetic::Rng;
use koppel_matching::{CandidateProfile, Centroids, Index, Match, Requirements, Taxonomy, Weights};

const SKILLS: u64 = 120;
const GROUPS: u64 = 12;
const OCCUPATIONS: u64 = 8;

fn skill(i: u64) -> String {
    format!("skill:{i}")
}

/// Each skill under one or two of the groups, and each group under one of three roots (a graph,
/// as in ESCO).
fn taxonomy(r: &mut Rng) -> (Taxonomy, Vec<(String, String)>) {
    let mut pairs = Vec::new();
    for i in 0..SKILLS {
        for _ in 0..1 + r.below(2) {
            pairs.push((skill(i), format!("group:{}", r.below(GROUPS))));
        }
    }
    for g in 0..GROUPS {
        pairs.push((format!("group:{g}"), format!("root:{}", g % 3)));
    }
    (Taxonomy::from_pairs(pairs.clone()), pairs)
}

fn candidate(id: i64, r: &mut Rng) -> CandidateProfile {
    // Some candidates hold a group itself as a skill (a broad skill typed by the consultant).
    let mut skills: Vec<String> = (0..1 + r.below(10))
        .map(|_| skill(r.below(SKILLS)))
        .collect();
    if r.below(5) == 0 {
        skills.push(format!("group:{}", r.below(GROUPS)));
    }
    skills.sort();
    skills.dedup();
    let occupation = (r.below(3) > 0).then(|| r.below(OCCUPATIONS));
    CandidateProfile {
        id,
        org_id: 1,
        consent_wsp: true,
        work_ready: true,
        pc4: None,
        max_travel_km: None,
        hours_per_week: None,
        education: None,
        licences: Vec::new(),
        languages: Vec::new(),
        available_from: None,
        target_group: "ww".into(),
        skills,
        occupation: occupation.map(|o| format!("occupation:{o}")),
        occupation_group: occupation.map(|o| format!("isco:{}", o / 2)),
    }
}

fn vacancy(r: &mut Rng) -> Requirements {
    let mut asked: Vec<String> = (0..1 + r.below(10))
        .map(|_| skill(r.below(SKILLS)))
        .collect();
    asked.sort();
    asked.dedup();
    let essential = r.below(asked.len() as u64 + 1) as usize;
    let occupation = (r.below(2) == 0).then(|| r.below(OCCUPATIONS));
    Requirements {
        optional_skills: asked.split_off(essential),
        essential_skills: asked,
        pc4: None,
        hours_per_week: None,
        min_education: None,
        licences: Vec::new(),
        languages: Vec::new(),
        needed_by: None,
        require_work_ready: false,
        target_groups: Vec::new(),
        scope: CandidateScope::for_tests(ScopeKind::OwnAndShared { org_id: 1 }),
        occupation: occupation.map(|o| format!("occupation:{o}")),
        occupation_group: occupation.map(|o| format!("isco:{}", o / 2)),
    }
}

fn check(m: &Match, p: &CandidateProfile, r: &Requirements, parents: &[(String, String)]) {
    let e = &m.explanation;
    let own: HashSet<&str> = p.skills.iter().map(String::as_str).collect();
    let is_under = |child: &str, group: &str| parents.iter().any(|(c, g)| c == child && g == group);
    for s in e.matched_essential.iter().chain(&e.matched_optional) {
        assert!(own.contains(s.as_str()), "{s} is listed as matched: {e:?}");
    }
    for s in e.missing_essential.iter().chain(&e.missing_optional) {
        assert!(!own.contains(s.as_str()), "{s} is listed as missing: {e:?}");
    }
    for (s, group, mine) in &e.partial {
        assert!(
            !own.contains(s.as_str()) && own.contains(mine.as_str()),
            "{e:?}"
        );
        assert!(is_under(s, group), "{s} is not under {group}");
        assert!(
            mine == group || is_under(mine, group),
            "{mine} is not in {group}"
        );
    }
    // Each required skill stands in exactly one list, essential ones among the essential.
    let partial: Vec<&String> = e.partial.iter().map(|(s, _, _)| s).collect();
    let sorted = |v: Vec<&String>| {
        let mut v: Vec<String> = v.into_iter().cloned().collect();
        v.sort();
        v
    };
    let essential_listed: Vec<&String> = e
        .matched_essential
        .iter()
        .chain(&e.missing_essential)
        .collect();
    let optional_listed: Vec<&String> = e
        .matched_optional
        .iter()
        .chain(&e.missing_optional)
        .collect();
    let mut all_listed = sorted(essential_listed.clone());
    all_listed.extend(sorted(optional_listed.clone()));
    all_listed.extend(partial.iter().map(|s| s.to_string()));
    all_listed.sort();
    let mut asked: Vec<String> = r
        .essential_skills
        .iter()
        .chain(&r.optional_skills)
        .cloned()
        .collect();
    asked.sort();
    assert_eq!(all_listed, asked, "{e:?}");
    assert!(essential_listed
        .iter()
        .all(|s| r.essential_skills.contains(s)));
    // The points: one per matched or partly matched skill, one for the occupation when it
    // earns something, adding up to the score.
    let sum: f64 = e.points.iter().map(|(_, p)| p).sum();
    assert!(
        (sum - m.score).abs() < 1e-9,
        "points {sum} against score {}: {e:?}",
        m.score
    );
    let named: Vec<&String> = e.points.iter().filter_map(|(s, _)| s.as_ref()).collect();
    let earned: Vec<&String> = e
        .matched_essential
        .iter()
        .chain(&e.matched_optional)
        .chain(partial)
        .collect();
    assert_eq!(sorted(named), sorted(earned), "{e:?}");
    let occupation_points = e.points.iter().filter(|(s, _)| s.is_none()).count();
    let earns = matches!(e.occupation, Some("zelfde beroep" | "zelfde beroepsgroep"));
    assert_eq!(occupation_points, usize::from(earns), "{e:?}");
    assert!(e.points.iter().all(|(_, p)| *p > 0.0), "{e:?}");
}

#[test]
fn explanations_add_up_and_the_gap_agrees_with_the_card() {
    let mut checked = 0;
    for world in 0..20 {
        let mut r = Rng::new(1000 + world);
        let (taxonomy, parents) = taxonomy(&mut r);
        let pool: Vec<CandidateProfile> = (1..=300).map(|id| candidate(id, &mut r)).collect();
        let index = Index::build(pool.clone(), taxonomy, Centroids::default());
        for _ in 0..10 {
            let req = vacancy(&mut r);
            for m in index.search(&req, Weights::default(), 40).matches {
                let p = &pool[(m.candidate_id - 1) as usize];
                check(&m, p, &req, &parents);
                let alone = index
                    .explain(m.candidate_id, &req, Weights::default())
                    .unwrap();
                assert_eq!(
                    alone.explanation, m.explanation,
                    "the gap reads the card's explanation"
                );
                assert_eq!(alone.score.to_bits(), m.score.to_bits());
                checked += 1;
            }
        }
    }
    assert!(checked > 5_000, "{checked}");
}
