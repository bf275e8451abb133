//! The matching engine on small, hand-made pools: scoring, partial credit, filters, visibility,
//! unknown data, deterministic ties and exact top-k.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use koppel_domain::permissions::CandidateScope;
use koppel_matching::{CandidateProfile, Centroids, Index, Requirements, Taxonomy, Weights};

const CAREGIVING: &str = "skill:care";
const HYGIENE: &str = "skill:hygiene";
const COMMON: &str = "skill:communicate";
const FORKLIFT: &str = "skill:forklift";
const CARE_GROUP: &str = "group:care";
const WOUNDS: &str = "skill:wounds";

fn centroids() -> Centroids {
    // Haarlem 2011, IJmuiden 1971 (about 9 km), Amsterdam 1011 (about 18 km from Haarlem).
    Centroids::new(HashMap::from([
        (2011, (52.3812, 4.6356)),
        (1971, (52.4579, 4.6249)),
        (1011, (52.3745, 4.9007)),
    ]))
}

fn taxonomy() -> Taxonomy {
    Taxonomy::new(HashMap::from([
        (CAREGIVING.into(), CARE_GROUP.into()),
        (WOUNDS.into(), CARE_GROUP.into()),
        (HYGIENE.into(), CARE_GROUP.into()),
    ]))
}

fn profile(id: i64, skills: &[&str]) -> CandidateProfile {
    CandidateProfile {
        id,
        org_id: 1,
        consent_wsp: true,
        work_ready: true,
        pc4: Some(2011),
        max_travel_km: Some(20),
        hours_per_week: Some(32),
        education: Some(4),
        licences: vec!["B".into()],
        languages: vec![("nld".into(), 3)],
        available_from: None,
        target_group: "ww".into(),
        skills: skills.iter().map(|s| s.to_string()).collect(),
    }
}

fn requirements(essential: &[&str], optional: &[&str]) -> Requirements {
    Requirements {
        essential_skills: essential.iter().map(|s| s.to_string()).collect(),
        optional_skills: optional.iter().map(|s| s.to_string()).collect(),
        pc4: Some(2011),
        hours_per_week: Some(32),
        min_education: Some(3),
        licences: Vec::new(),
        languages: vec![("nld".into(), 2)],
        needed_by: None,
        require_work_ready: true,
        target_groups: Vec::new(),
        scope: CandidateScope::OwnAndShared { org_id: 1 },
    }
}

fn filler(from: i64) -> Vec<CandidateProfile> {
    // Many profiles with the common skill, so it is common and counts less.
    (from..from + 20)
        .map(|i| profile(i, &[COMMON, FORKLIFT]))
        .collect()
}

#[test]
fn essential_skills_count_more_than_optional_and_rare_more_than_common() {
    let mut pool = vec![
        profile(1, &[CAREGIVING]),
        profile(2, &[HYGIENE]),
        profile(3, &[COMMON]),
    ];
    pool.extend(filler(100));
    let index = Index::build(pool, Taxonomy::default(), centroids());
    let r = requirements(&[CAREGIVING], &[HYGIENE, COMMON]);
    let result = index.search(&r, Weights::default(), 3);
    let ids: Vec<i64> = result.matches.iter().map(|m| m.candidate_id).collect();
    assert_eq!(
        ids,
        [1, 2, 3],
        "essential beats optional, and a rare optional beats a common one"
    );
    let first = &result.matches[0];
    assert_eq!(first.explanation.matched_essential, [CAREGIVING]);
    assert_eq!(first.explanation.missing_optional, [HYGIENE, COMMON]);
    assert!(
        first.score > result.matches[1].score && result.matches[1].score > result.matches[2].score
    );
}

#[test]
fn partial_credit_through_the_skill_hierarchy_is_explained() {
    let index = Index::build(
        vec![profile(1, &[WOUNDS]), profile(2, &[FORKLIFT])],
        taxonomy(),
        centroids(),
    );
    let r = requirements(&[CAREGIVING], &[]);
    let result = index.search(&r, Weights::default(), 10);
    assert_eq!(result.matches[0].candidate_id, 1);
    assert_eq!(
        result.matches[0].explanation.partial,
        [(CAREGIVING.to_string(), CARE_GROUP.to_string())]
    );
    assert!(
        (result.matches[0].score - 0.5).abs() < 1e-9,
        "the hierarchy factor"
    );
    assert_eq!(result.matches[1].score, 0.0);
    let stricter = index.search(
        &r,
        Weights {
            hierarchy_factor: 0.2,
            ..Weights::default()
        },
        1,
    );
    assert!((stricter.matches[0].score - 0.2).abs() < 1e-9);
}

#[test]
fn hard_filters_exclude_and_say_which_one_did() {
    let mut far = profile(1, &[CAREGIVING]);
    far.pc4 = Some(1011);
    far.max_travel_km = Some(10);
    let mut few_hours = profile(2, &[CAREGIVING]);
    few_hours.hours_per_week = Some(16);
    let mut low = profile(3, &[CAREGIVING]);
    low.education = Some(2);
    let mut not_ready = profile(4, &[CAREGIVING]);
    not_ready.work_ready = false;
    let mut no_licence = profile(5, &[CAREGIVING]);
    no_licence.licences.clear();
    let near = profile(6, &[CAREGIVING]);
    let index = Index::build(
        vec![far, few_hours, low, not_ready, no_licence, near],
        Taxonomy::default(),
        centroids(),
    );
    let mut r = requirements(&[CAREGIVING], &[]);
    r.licences = vec!["B".into()];
    let result = index.search(&r, Weights::default(), 10);
    assert_eq!(
        result
            .matches
            .iter()
            .map(|m| m.candidate_id)
            .collect::<Vec<_>>(),
        [6]
    );
    let mut excluded = result.excluded.clone();
    excluded.sort();
    assert_eq!(
        excluded,
        [
            ("opleidingsniveau", 1),
            ("reisafstand", 1),
            ("rijbewijs", 1),
            ("uren", 1),
            ("werkfit", 1)
        ]
    );
    assert!(result.matches[0]
        .explanation
        .passed
        .contains(&"reisafstand"));
    assert_eq!(result.matches[0].explanation.distance_km, Some(0.0));
}

#[test]
fn unknown_data_is_no_mismatch_but_lowers_the_confidence() {
    let mut unknown = profile(1, &[CAREGIVING]);
    unknown.education = None;
    unknown.pc4 = None;
    unknown.languages.clear();
    let known = profile(2, &[CAREGIVING]);
    let index = Index::build(vec![unknown, known], Taxonomy::default(), centroids());
    let result = index.search(&requirements(&[CAREGIVING], &[]), Weights::default(), 10);
    assert_eq!(
        result.matches.len(),
        2,
        "nobody excluded for what is not known"
    );
    assert_eq!(
        result.matches[0].candidate_id, 2,
        "same score: the better-known candidate first"
    );
    let m = &result.matches[1];
    assert_eq!(
        m.explanation.unknown,
        ["reisafstand", "opleidingsniveau", "taal"]
    );
    assert!(m.confidence < result.matches[0].confidence);
}

#[test]
fn only_visible_candidates_are_ranked_or_counted() {
    let mut other_no_consent = profile(1, &[CAREGIVING]);
    other_no_consent.org_id = 2;
    other_no_consent.consent_wsp = false;
    let mut other_shared = profile(2, &[CAREGIVING]);
    other_shared.org_id = 2;
    let own = profile(3, &[CAREGIVING]);
    let index = Index::build(
        vec![other_no_consent, other_shared, own],
        Taxonomy::default(),
        centroids(),
    );
    let mut r = requirements(&[CAREGIVING], &[]);
    let ids = |r: &Requirements| {
        index
            .search(r, Weights::default(), 10)
            .matches
            .iter()
            .map(|m| m.candidate_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&r), [2, 3], "shared with consent, and own");
    r.scope = CandidateScope::Own { org_id: 1 };
    assert_eq!(ids(&r), [3]);
    r.scope = CandidateScope::Nothing;
    let none = index.search(&r, Weights::default(), 10);
    assert!(
        none.matches.is_empty() && none.excluded.is_empty() && none.passed_filters == 0,
        "invisible candidates are not even counted"
    );
}

#[test]
fn top_k_is_exact_and_ties_are_deterministic() {
    let pool: Vec<CandidateProfile> = (1..=200)
        .map(|i| {
            let skills: Vec<&str> = [CAREGIVING, HYGIENE, WOUNDS, COMMON]
                .iter()
                .enumerate()
                .filter(|(b, _)| i % (b + 2) as i64 == 0)
                .map(|(_, s)| *s)
                .collect();
            profile(i, &skills)
        })
        .collect();
    let index = Index::build(pool, taxonomy(), centroids());
    let r = requirements(&[CAREGIVING, WOUNDS], &[HYGIENE, COMMON]);
    let all = index.search(&r, Weights::default(), 1000);
    let top = index.search(&r, Weights::default(), 15);
    assert_eq!(
        top.matches
            .iter()
            .map(|m| m.candidate_id)
            .collect::<Vec<_>>(),
        all.matches
            .iter()
            .take(15)
            .map(|m| m.candidate_id)
            .collect::<Vec<_>>()
    );
    for pair in all.matches.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(
            a.score > b.score
                || (a.score == b.score
                    && (a.confidence > b.confidence || a.candidate_id < b.candidate_id))
        );
    }
    let again = index.search(&r, Weights::default(), 15);
    assert_eq!(
        again
            .matches
            .iter()
            .map(|m| m.candidate_id)
            .collect::<Vec<_>>(),
        top.matches
            .iter()
            .map(|m| m.candidate_id)
            .collect::<Vec<_>>()
    );
}

#[test]
fn without_skills_the_ranking_says_so() {
    let index = Index::build(
        vec![profile(1, &[]), profile(2, &[CAREGIVING])],
        Taxonomy::default(),
        centroids(),
    );
    let result = index.search(&requirements(&[], &[]), Weights::default(), 10);
    assert!(result.without_skills);
    assert_eq!(result.matches.len(), 2);
}

#[test]
fn one_candidate_against_several_vacancies() {
    let index = Index::build(
        vec![profile(1, &[CAREGIVING, HYGIENE])],
        taxonomy(),
        centroids(),
    );
    let fits = index.fit(
        1,
        &[
            requirements(&[FORKLIFT], &[]),
            requirements(&[CAREGIVING], &[HYGIENE]),
            requirements(&[WOUNDS], &[]),
        ],
        Weights::default(),
        2,
    );
    assert_eq!(
        fits.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
        [1, 2],
        "full match first, then partial credit"
    );
}

#[test]
fn the_posting_list_path_ranks_exactly_like_a_full_scan() {
    use koppel_matching::synthetic;
    let pc4s = [2011u16, 1971, 1011];
    let index = Index::build(
        synthetic::pool(5_000, &pc4s, 7),
        Taxonomy::default(),
        centroids(),
    );
    for q in synthetic::queries(25, &pc4s, 7) {
        let fast = index.search(&q, Weights::default(), 20);
        let full = index.search(&q, Weights::default(), usize::MAX / 2);
        let ids =
            |m: &[koppel_matching::Match]| m.iter().map(|m| m.candidate_id).collect::<Vec<_>>();
        let expected: Vec<i64> = ids(&full.matches).into_iter().take(20).collect();
        assert_eq!(ids(&fast.matches), expected);
        for (a, b) in fast.matches.iter().zip(&full.matches) {
            assert!((a.score - b.score).abs() < 1e-9 && a.explanation == b.explanation);
        }
    }
}
