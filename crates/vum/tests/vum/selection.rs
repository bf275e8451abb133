//! Test vectors written from the VUM-Bron-Vacatures contract (the MPVacature selection schema),
//! with the expected matches worked out by hand, and properties of the operators.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use koppel_vum::Query;
use proptest::prelude::*;
use serde_json::{json, Value};

/// Three vacancies as search profiles (MPVacatureMatch).
fn vacancies() -> Vec<Value> {
    vec![
        json!({"idVacature": "v1", "adres": {"postcode": "2011AB"}, "beroep": {"codeBeroepsnaam": "http://data.europa.eu/esco/occupation/bakker"},
               "codeWerkEnDenkniveauMinimaal": "3", "werktijden": {"aantalWerkurenPerWeekMinimaal": 24, "aantalWerkurenPerWeekMaximaal": 32},
               "rijbewijs": [{"codeSoortRijbewijs": "B"}], "taalbeheersing": [{"codeTaal": "nld", "codeNiveauTaalbeheersingMondeling": 3}],
               "flexibiliteit": {"indicatieOnregelmatigWerkOfPloegendienst": 1},
               "arbeidsVoorwaarden": {"datumAanvangWerkzaamheden": "2026-01-05"}}),
        json!({"idVacature": "v2", "adres": {"postcode": "1971AA"}, "beroep": {"codeBeroepsnaam": "http://data.europa.eu/esco/occupation/lasser"},
               "codeWerkEnDenkniveauMinimaal": "2", "werktijden": {"aantalWerkurenPerWeekMinimaal": 36, "aantalWerkurenPerWeekMaximaal": 40},
               "rijbewijs": [{"codeSoortRijbewijs": "B"}, {"codeSoortRijbewijs": "C"}],
               "taalbeheersing": [{"codeTaal": "nld", "codeNiveauTaalbeheersingMondeling": 2}, {"codeTaal": "eng", "codeNiveauTaalbeheersingMondeling": 3}]}),
        json!({"idVacature": "v3", "adres": {"postcode": "2041AA"}, "codeWerkEnDenkniveauMinimaal": "7",
               "werktijden": {"aantalWerkurenPerWeekMinimaal": 8, "aantalWerkurenPerWeekMaximaal": 16}}),
    ]
}

fn ids(query: Value) -> Vec<String> {
    let q = Query::parse(&query, &["selectiegebied"], None).unwrap();
    vacancies()
        .iter()
        .filter(|v| q.matches(v))
        .map(|v| v["idVacature"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_contracts_selection_fields_select_the_right_vacancies() {
    let area = json!({"postcode": "2011AB", "afstand": 30});
    // Only the area: no criteria, every vacancy.
    assert_eq!(ids(json!({"selectiegebied": area})), ["v1", "v2", "v3"]);
    // beroep.codeBeroepsnaam $eq
    assert_eq!(
        ids(
            json!({"selectiegebied": area, "beroep.codeBeroepsnaam": {"$eq": "http://data.europa.eu/esco/occupation/lasser"}})
        ),
        ["v2"]
    );
    // Hours: a candidate who wants at least 30 hours ($gte on the maximum) and at most 34 ($lte on the minimum).
    assert_eq!(
        ids(
            json!({"selectiegebied": area, "werktijden.aantalWerkurenPerWeekMaximaal": {"$gte": 30}, "werktijden.aantalWerkurenPerWeekMinimaal": {"$lte": 34}})
        ),
        ["v1"]
    );
    // codeWerkEnDenkniveauMinimaal: levels 2 to 6 below "7" (unknown), or exactly "7".
    assert_eq!(
        ids(
            json!({"selectiegebied": area, "codeWerkEnDenkniveauMinimaal": {"$gte": "3", "$lt": "7"}})
        ),
        ["v1"]
    );
    assert_eq!(
        ids(json!({"selectiegebied": area, "codeWerkEnDenkniveauMinimaal": {"$eq": "7"}})),
        ["v3"]
    );
    // rijbewijs $all of $elemMatch: every listed licence must be asked for.
    let licences = |codes: &[&str]| {
        let items: Vec<Value> = codes
            .iter()
            .map(|c| json!({"$elemMatch": {"codeSoortRijbewijs": {"$eq": c}}}))
            .collect();
        json!({"selectiegebied": area, "rijbewijs": {"$all": items}})
    };
    assert_eq!(ids(licences(&["B"])), ["v1", "v2"]);
    assert_eq!(ids(licences(&["B", "C"])), ["v2"]);
    assert_eq!(ids(licences(&["D"])), Vec::<String>::new());
    // taalbeheersing $all of $elemMatch with codeTaal and a minimum level, within the same element.
    let dutch_good = json!({"selectiegebied": area, "taalbeheersing": {"$all": [{"$elemMatch": {"codeTaal": {"$eq": "nld"}, "codeNiveauTaalbeheersingMondeling": {"$gte": 3}}}]}});
    assert_eq!(
        ids(dutch_good),
        ["v1"],
        "v2 speaks Dutch at 2 and English at 3: not the same element"
    );
    // flexibiliteit, datumAanvangWerkzaamheden
    assert_eq!(
        ids(
            json!({"selectiegebied": area, "flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst": {"$eq": 1}})
        ),
        ["v1"]
    );
    assert_eq!(
        ids(
            json!({"selectiegebied": area, "arbeidsVoorwaarden.datumAanvangWerkzaamheden": {"$gte": "2026-01-01"}})
        ),
        ["v1"]
    );
    // $or over whole selections.
    assert_eq!(
        ids(
            json!({"selectiegebied": area, "$or": [{"codeWerkEnDenkniveauMinimaal": {"$eq": "7"}}, {"beroep.codeBeroepsnaam": {"$eq": "http://data.europa.eu/esco/occupation/bakker"}}]})
        ),
        ["v1", "v3"]
    );
}

#[test]
fn criteria_on_fields_a_source_does_not_support_have_no_effect() {
    let q = Query::parse(&json!({"selectiegebied": {}, "opleiding.codeOpleidingsnaam": {"$eq": "123"}, "beroep.codeBeroepsnaam": {"$eq": "x"}}), &["selectiegebied"], Some(&["beroep.codeBeroepsnaam"])).unwrap();
    assert!(q.matches(&json!({"beroep": {"codeBeroepsnaam": "x"}})));
}

proptest! {
    #[test]
    fn comparisons_follow_the_numbers(a in -1000i64..1000, b in -1000i64..1000) {
        let doc = json!({"w": {"n": a}});
        let q = |op: &str| Query::parse(&json!({"w.n": {op: b}}), &[], None).unwrap().matches(&doc);
        prop_assert_eq!(q("$gte"), a >= b);
        prop_assert_eq!(q("$lte"), a <= b);
        prop_assert_eq!(q("$gt"), a > b);
        prop_assert_eq!(q("$lt"), a < b);
        prop_assert_eq!(q("$eq"), a == b);
    }

    #[test]
    fn or_is_any_of_its_selections(a in 0i64..10, x in 0i64..10, y in 0i64..10) {
        let doc = json!({"n": a});
        let one = |v: i64| Query::parse(&json!({"n": {"$eq": v}}), &[], None).unwrap().matches(&doc);
        let either = Query::parse(&json!({"$or": [{"n": {"$eq": x}}, {"n": {"$eq": y}}]}), &[], None).unwrap().matches(&doc);
        prop_assert_eq!(either, one(x) || one(y));
    }

    #[test]
    fn eq_on_an_array_means_some_element(items in proptest::collection::vec(0i64..20, 0..6), x in 0i64..20) {
        let doc = json!({"codes": items.clone()});
        let m = Query::parse(&json!({"codes": {"$eq": x}}), &[], None).unwrap().matches(&doc);
        prop_assert_eq!(m, items.contains(&x));
        let all = Query::parse(&json!({"codes": {"$all": [x, 0]}}), &[], None).unwrap().matches(&doc);
        prop_assert_eq!(all, items.contains(&x) && items.contains(&0));
    }
}
