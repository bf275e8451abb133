//! The two-way mapping between koppel's values and VUM documents: what koppel keeps of a VUM
//! document comes back unchanged when served again, and the fixed fold (a range of hours) is
//! stable.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use koppel_vum::jobseeker::{profile, JobSeekerFacts};
use koppel_vum::vacancy::{detail, search_profile, VacancyFacts};
use koppel_vum::{intake, Language};
use proptest::collection::{btree_set, vec};
use proptest::prelude::*;
use serde_json::json;

fn postcode() -> impl Strategy<Value = String> {
    "[1-9][0-9]{3}[A-Z]{2}"
}

fn uri(kind: &'static str) -> impl Strategy<Value = String> {
    "[a-z0-9]{4,12}".prop_map(move |s| format!("https://competentnl.nl/{kind}/{s}"))
}

fn languages() -> impl Strategy<Value = Vec<Language>> {
    let level = || prop_oneof![0..=4i64, Just(8i64)];
    let maybe = move || proptest::option::of(level());
    btree_set("[a-z]{3}", 0..3).prop_flat_map(move |codes| {
        let n = codes.len();
        (Just(codes), vec((level(), level(), maybe(), maybe()), n)).prop_map(|(codes, levels)| {
            codes
                .into_iter()
                .zip(levels)
                .map(|(code, (spoken, written, reading, listening))| Language {
                    code,
                    spoken,
                    written,
                    reading,
                    listening,
                })
                .collect()
        })
    })
}

fn licences() -> impl Strategy<Value = Vec<String>> {
    btree_set(
        prop::sample::select(vec!["A", "B", "BE", "C", "CE", "D"]),
        0..3,
    )
    .prop_map(|s| s.into_iter().map(String::from).collect())
}

fn date() -> impl Strategy<Value = String> {
    (2025..2028i32, 1..=12u32, 1..=28u32).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}"))
}

/// A vacancy as koppel keeps it.
fn vacancy() -> impl Strategy<Value = VacancyFacts> {
    (
        (
            1..1_000_000i64,
            "[A-Za-z][A-Za-z ]{0,60}",
            "([A-Za-z][A-Za-z .,]{0,300})?",
            postcode(),
        ),
        (
            proptest::option::of(uri("beroep")),
            proptest::option::of((0..=7u8).prop_map(|l| l.to_string())),
            proptest::option::of(1..=99i64),
            proptest::option::of(prop::sample::select(vec!["permanent", "temporary"])),
        ),
        (licences(), languages(), proptest::option::of(date())),
        (
            "[A-Z][a-z]{2,30}( BV)?",
            proptest::option::of("https://[a-z]{3,10}\\.nl"),
            btree_set(uri("competentie"), 0..4),
        ),
    )
        .prop_map(
            |(
                (id, title, description, postcode),
                (occupation, education, hours, contract),
                (driving, langs, closing),
                (employer, website, skills),
            )| {
                VacancyFacts {
                    id,
                    title,
                    description,
                    postcode,
                    occupation_uri: occupation,
                    education_level: education,
                    hours_per_week: hours,
                    contract_type: contract.map(String::from),
                    driving_licences: driving,
                    languages: langs,
                    closing_date: closing,
                    start_date: None,
                    employer_name: employer,
                    employer_website: website,
                    skills: skills.into_iter().collect(),
                }
            },
        )
}

/// A job seeker as koppel offers them.
fn jobseeker() -> impl Strategy<Value = JobSeekerFacts> {
    (
        ("[a-f0-9]{16}", postcode(), proptest::option::of(0..=300i64)),
        (
            proptest::option::of(uri("beroep")),
            proptest::option::of((0..=7u8).prop_map(|l| l.to_string())),
            proptest::option::of(1..=99i64),
        ),
        (licences(), languages(), btree_set(uri("competentie"), 0..4)),
    )
        .prop_map(
            |((id, postcode, km), (occupation, education, hours), (driving, langs, skills))| {
                JobSeekerFacts {
                    id,
                    postcode,
                    max_travel_km: km,
                    occupation_uri: occupation,
                    education_level: education,
                    hours_per_week: hours,
                    driving_licences: driving,
                    languages: langs,
                    skills: skills.into_iter().collect(),
                    available_from: None,
                }
            },
        )
}

proptest! {
    #[test]
    fn a_vacancy_served_and_read_back_is_the_same(v in vacancy()) {
        for doc in [detail(&v), search_profile(&v)] {
            let (id, back) = intake::vacancy(&doc).unwrap();
            prop_assert_eq!(id, v.id.to_string());
            prop_assert_eq!(&back, &VacancyFacts { id: 0, ..v.clone() });
            // And the document koppel would serve from it is the one that came in.
            prop_assert_eq!(detail(&VacancyFacts { id: v.id, ..back }), detail(&v));
        }
    }

    #[test]
    fn a_jobseeker_served_and_read_back_is_the_same(j in jobseeker()) {
        let doc = profile(&j);
        let back = intake::jobseeker(&doc).unwrap();
        prop_assert_eq!(&back, &j);
        prop_assert_eq!(profile(&back), doc);
    }

    #[test]
    fn folds_are_stable(j in jobseeker(), min in 1..=40i64, extra in 0..=40i64, written in 0..=4i64) {
        // A range of hours: koppel keeps the maximum; the speaking and writing levels are kept
        // apart; and reading what it serves changes nothing more.
        let mut doc = profile(&j);
        doc["werktijden"] = json!({"aantalWerkurenPerWeekMinimaal": min, "aantalWerkurenPerWeekMaximaal": min + extra});
        if let Some(first) = doc["arbeidsmarktkwalificatie"]["taalbeheersing"].get_mut(0) {
            first["codeNiveauTaalbeheersingSchriftelijk"] = json!(written);
        }
        let once = intake::jobseeker(&doc).unwrap();
        prop_assert_eq!(once.hours_per_week, Some(min + extra));
        if let Some(first) = once.languages.first() {
            prop_assert_eq!(first.spoken, j.languages[0].spoken);
            prop_assert_eq!(first.written, written);
        }
        let twice = intake::jobseeker(&profile(&once)).unwrap();
        prop_assert_eq!(twice, once);
    }
}

#[test]
fn documents_not_in_the_vum_form_are_named() {
    let e = intake::vacancy(&json!({"naamVacature": "Kok"})).unwrap_err();
    assert_eq!(e.0, "idVacature: ontbreekt");
    let e = intake::vacancy(
        &json!({"idVacature": "1", "werktijden": {"aantalWerkurenPerWeekMaximaal": "veel"}}),
    )
    .unwrap_err();
    assert_eq!(
        e.0,
        "werktijden.aantalWerkurenPerWeekMaximaal: verwacht een geheel getal"
    );
    let e = intake::jobseeker(&json!({"idWerkzoekende": "x", "arbeidsmarktkwalificatie": {"rijbewijs": {"codeSoortRijbewijs": "B"}}})).unwrap_err();
    assert_eq!(
        e.0,
        "arbeidsmarktkwalificatie.rijbewijs: verwacht een lijst"
    );
    assert!(intake::jobseeker(&json!([1])).is_err());
}
