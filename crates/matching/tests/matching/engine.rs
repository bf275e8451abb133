//! The matching engine on small, hand-made pools: scoring, partial credit, filters, visibility,
//! unknown data, deterministic ties and exact top-k.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use koppel_domain::permissions::{CandidateScope, ScopeKind};
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
    Taxonomy::from_pairs([
        (CAREGIVING.into(), CARE_GROUP.into()),
        (WOUNDS.into(), CARE_GROUP.into()),
        (HYGIENE.into(), CARE_GROUP.into()),
    ])
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
        occupation: None,
        occupation_group: None,
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
        scope: CandidateScope::for_tests(ScopeKind::OwnAndShared { org_id: 1 }),
        occupation: None,
        occupation_group: None,
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
        [(
            CAREGIVING.to_string(),
            CARE_GROUP.to_string(),
            WOUNDS.to_string()
        )]
    );
    assert!(
        result.matches[0].explanation.missing_essential.is_empty(),
        "a partly matched skill is not also listed as missing"
    );
    // Related skills alone order the candidates, far below any direct match.
    let related = result.matches[0].score;
    assert!(related > 0.0 && related < 1e-3, "{related}");
    assert_eq!(result.matches[1].score, 0.0);
    let none = index.search(
        &r,
        Weights {
            hierarchy_factor: 0.0,
            ..Weights::default()
        },
        1,
    );
    assert_eq!(none.matches[0].score, 0.0, "no hierarchy factor, no credit");
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
    r.scope = CandidateScope::for_tests(ScopeKind::Own { org_id: 1 });
    assert_eq!(ids(&r), [3]);
    r.scope = CandidateScope::for_tests(ScopeKind::Nothing);
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

/// One hundred areas on a grid of about 90 by 90 km.
fn grid() -> (Centroids, Vec<u16>) {
    let codes: Vec<u16> = (1000..1100).collect();
    let points = codes
        .iter()
        .map(|&c| {
            let (row, col) = (f64::from((c - 1000) / 10), f64::from((c - 1000) % 10));
            (c, (52.0 + row * 0.09, 4.5 + col * 0.13))
        })
        .collect();
    (Centroids::new(points), codes)
}

#[test]
fn the_area_search_ranks_exactly_like_judging_every_profile_on_its_own() {
    use koppel_matching::synthetic;
    let (centroids, pc4s) = grid();
    let mut pool = synthetic::pool(6_000, &pc4s, 7);
    for p in pool.iter_mut() {
        // Some without a place or a travel distance, some in an area koppel has no centroid for.
        match p.id % 17 {
            0 => p.pc4 = None,
            1 => p.max_travel_km = None,
            2 => p.pc4 = Some(9999),
            3 => p.education = None,
            _ => {}
        }
    }
    // A hierarchy over the synthetic skills: fifty groups.
    let broader = (0..synthetic::SKILLS).map(|i| (format!("s{i}"), format!("grp{}", i % 50)));
    let index = Index::build(pool.clone(), Taxonomy::from_pairs(broader), centroids);
    let mut queries = synthetic::queries(30, &pc4s, 7);
    queries[3].pc4 = None;
    queries[4].pc4 = Some(9999);
    queries[5].occupation = None;
    queries[6].essential_skills.clear();
    queries[6].optional_skills.clear();
    queries[7].languages = vec![("nld".into(), 2), ("eng".into(), 1)];
    queries[8].licences = vec!["B".into()];
    queries[9].scope = CandidateScope::for_tests(ScopeKind::Own { org_id: 3 });
    let w = Weights::default();
    for q in &queries {
        // Every profile judged on its own: filters, score and confidence.
        let mut each: Vec<(i64, f64, f64, koppel_matching::Match)> = pool
            .iter()
            .filter(|p| q.scope.allows(p.org_id, p.consent_wsp))
            .filter_map(|p| {
                let fit = index.fit(p.id, std::slice::from_ref(q), w, 1);
                fit.into_iter()
                    .next()
                    .map(|(_, m)| (p.id, m.score, m.confidence, m))
            })
            .collect();
        each.sort_by(|a, b| {
            let key = |s: f64| (s * 1e9).round() as i64;
            key(b.1)
                .cmp(&key(a.1))
                .then(b.2.total_cmp(&a.2))
                .then(a.0.cmp(&b.0))
        });
        let result = index.search(q, w, 25);
        assert_eq!(result.passed_filters, each.len());
        let got: Vec<(i64, f64)> = result
            .matches
            .iter()
            .map(|m| (m.candidate_id, m.score))
            .collect();
        let expected: Vec<(i64, f64)> = each
            .iter()
            .take(25)
            .map(|(id, s, _, _)| (*id, *s))
            .collect();
        assert_eq!(got, expected);
        for (m, (_, _, confidence, alone)) in result.matches.iter().zip(&each) {
            assert_eq!(m.explanation, alone.explanation);
            assert_eq!(m.confidence, *confidence);
        }
        let visible = pool
            .iter()
            .filter(|p| q.scope.allows(p.org_id, p.consent_wsp))
            .count();
        let excluded: usize = result.excluded.iter().map(|(_, n)| n).sum();
        assert_eq!(
            excluded + result.passed_filters,
            visible,
            "everyone visible is counted once"
        );
    }
}

#[test]
fn the_occupation_counts_the_same_one_above_its_group_and_unknown_lowers_the_confidence() {
    let with = |id: i64, occupation: Option<&str>, group: Option<&str>| {
        let mut p = profile(id, &[CAREGIVING]);
        p.occupation = occupation.map(String::from);
        p.occupation_group = group.map(String::from);
        p
    };
    let index = Index::build(
        vec![
            with(1, Some("occ:nurse"), Some("2221")),
            with(2, Some("occ:midwife"), Some("2221")),
            with(3, Some("occ:welder"), Some("7212")),
            with(4, None, None),
        ],
        Taxonomy::default(),
        centroids(),
    );
    let mut r = requirements(&[CAREGIVING], &[]);
    r.occupation = Some("occ:nurse".into());
    r.occupation_group = Some("2221".into());
    let result = index.search(&r, Weights::default(), 10);
    let by = |id: i64| {
        result
            .matches
            .iter()
            .find(|m| m.candidate_id == id)
            .unwrap()
    };
    // The same skills: the same occupation above its group above another one (a fifth of the
    // score is the occupation, half of it for the group).
    let skills = index.search(&requirements(&[CAREGIVING], &[]), Weights::default(), 1);
    let s = skills.matches[0].score;
    assert!((by(1).score - (s + 0.25) / 1.25).abs() < 1e-9);
    assert!((by(2).score - (s + 0.125) / 1.25).abs() < 1e-9);
    assert!((by(3).score - s / 1.25).abs() < 1e-9);
    assert_eq!(by(1).explanation.occupation, Some("zelfde beroep"));
    assert_eq!(by(2).explanation.occupation, Some("zelfde beroepsgroep"));
    assert_eq!(by(3).explanation.occupation, Some("ander beroep"));
    // Unknown is left out of the score (its skills alone count), and lowers the confidence.
    assert_eq!(by(4).explanation.occupation, None);
    assert!(by(4).explanation.unknown.contains(&"beroep"));
    assert!((by(4).score - s).abs() < 1e-9 && by(4).confidence < by(3).confidence);
    assert!(
        by(4).score > by(3).score,
        "unknown is not another occupation"
    );

    // Without skills the occupation alone ranks, and the result says it has no skills.
    let mut only = requirements(&[], &[]);
    only.occupation = Some("occ:midwife".into());
    let result = index.search(&only, Weights::default(), 10);
    assert!(result.without_skills);
    assert_eq!(result.matches[0].candidate_id, 2);
    assert!((result.matches[0].score - 1.0).abs() < 1e-9);
}

#[test]
fn hierarchy_credit_never_outranks_a_direct_match_and_target_groups_never_score() {
    // One candidate shares the vacancy's least important skill directly; the other has only
    // related skills for all of them (the same broader group). Direct evidence ranks first.
    let mut pool = filler(100);
    pool.push(profile(1, &[COMMON]));
    pool.push(profile(2, &[WOUNDS]));
    let index = Index::build(pool, taxonomy(), centroids());
    let r = requirements(&[CAREGIVING, HYGIENE], &[COMMON]);
    let result = index.search(&r, Weights::default(), 30);
    let ids: Vec<i64> = result.matches.iter().map(|m| m.candidate_id).collect();
    assert_eq!(ids[0], 1, "{:?}", result.matches);
    assert_eq!(ids.last(), Some(&2), "below everyone with a direct match");
    let related = result.matches.iter().find(|m| m.candidate_id == 2).unwrap();
    assert_eq!(
        related.explanation.partial.len(),
        2,
        "the credit is explained"
    );
    assert!(
        related.score < 0.01,
        "related skills alone count for almost nothing: {}",
        related.score
    );

    // The same profile in another target group scores the same: target groups only filter.
    let mut a = profile(10, &[CAREGIVING, HYGIENE]);
    let mut b = profile(11, &[CAREGIVING, HYGIENE]);
    a.target_group = "ww".into();
    b.target_group = "banenafspraak".into();
    let index = Index::build(vec![a, b], taxonomy(), centroids());
    let m = index.search(&r, Weights::default(), 2).matches;
    assert_eq!(m[0].score, m[1].score);
    assert_eq!(m[0].confidence, m[1].confidence);
}

#[test]
fn an_unknown_occupation_lowers_the_confidence_not_the_score() {
    let mut known = profile(1, &[CAREGIVING, HYGIENE]);
    known.occupation = Some("occ:nurse".into());
    known.occupation_group = Some("2221".into());
    let mut other = profile(2, &[CAREGIVING, HYGIENE]);
    other.occupation = Some("occ:baker".into());
    other.occupation_group = Some("7512".into());
    let unknown = profile(3, &[CAREGIVING, HYGIENE]);
    let index = Index::build(vec![known, other, unknown], taxonomy(), centroids());
    let r = Requirements {
        occupation: Some("occ:nurse".into()),
        occupation_group: Some("2221".into()),
        ..requirements(&[CAREGIVING, HYGIENE], &[])
    };
    let m = index.search(&r, Weights::default(), 3).matches;
    let by = |id: i64| m.iter().find(|x| x.candidate_id == id).unwrap();
    assert_eq!(m[0].candidate_id, 1);
    assert!(
        by(3).score > by(2).score,
        "unknown is not 'another occupation': {} against {}",
        by(3).score,
        by(2).score
    );
    let skills_only = index.search(
        &requirements(&[CAREGIVING, HYGIENE], &[]),
        Weights::default(),
        3,
    );
    let alone = skills_only
        .matches
        .iter()
        .find(|x| x.candidate_id == 3)
        .unwrap();
    assert!(
        (by(3).score - alone.score).abs() < 1e-9,
        "scored on what is known"
    );
    assert!(by(3).confidence < by(1).confidence, "it costs confidence");
}
