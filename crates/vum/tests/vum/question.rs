//! One test row per path and operator of the 3.0 selection schemas (`MPVacature` and
//! `MPWerkzoekende` in the Bron contracts): a document that meets the criterion and one that does
//! not, evaluated on the search profile as the source does. Then what has no effect (criteria the
//! contract does not describe) and what is refused (outside the language).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use koppel_vum::contract::{normalised, profile, Kind};
use koppel_vum::question::criteria;
use serde_json::{json, Value};

fn meets(kind: Kind, criterion: &Value, doc: &Value) -> bool {
    let mut question = criterion.clone();
    question["selectiegebied"] = json!({"postcode": "2011AB", "afstand": 10});
    criteria(kind, &question)
        .unwrap()
        .matches(&normalised(kind, &profile(kind, doc)))
}

/// (criterion, a document that meets it, one that does not).
fn vacancy_rows() -> Vec<(Value, Value, Value)> {
    vec![
        (
            json!({"beroep.codeBeroepsnaam": {"$eq": "A"}}),
            json!({"beroep": {"codeBeroepsnaam": "A"}}),
            json!({"beroep": {"codeBeroepsnaam": "B"}}),
        ),
        (
            json!({"codeWerkEnDenkniveauMinimaal": {"$gte": "3", "$lt": "7"}}),
            json!({"codeWerkEnDenkniveauMinimaal": "3"}),
            json!({"codeWerkEnDenkniveauMinimaal": "7"}),
        ),
        (
            json!({"codeWerkEnDenkniveauMinimaal": {"$gte": "3", "$lt": "7"}}),
            json!({"codeWerkEnDenkniveauMinimaal": "6"}),
            json!({"codeWerkEnDenkniveauMinimaal": "2"}),
        ),
        (
            json!({"codeWerkEnDenkniveauMinimaal": {"$eq": "7"}}),
            json!({"codeWerkEnDenkniveauMinimaal": "7"}),
            json!({"codeWerkEnDenkniveauMinimaal": "6"}),
        ),
        (
            json!({"datumAanvangWerkzaamheden": {"$gte": "2026-03-01"}}),
            json!({"arbeidsVoorwaarden": {"datumAanvangWerkzaamheden": "2026-03-01"}}),
            json!({"arbeidsVoorwaarden": {"datumAanvangWerkzaamheden": "2026-02-28"}}),
        ),
        (
            json!({"flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst": {"$eq": 1}}),
            json!({"flexibiliteit": {"indicatieOnregelmatigWerkOfPloegendienst": 1}}),
            json!({"flexibiliteit": {"indicatieOnregelmatigWerkOfPloegendienst": 2}}),
        ),
        (
            json!({"rijbewijs": {"$all": [{"$elemMatch": {"codeSoortRijbewijs": {"$eq": "B"}}}, {"$elemMatch": {"codeSoortRijbewijs": {"$eq": "C"}}}]}}),
            json!({"rijbewijs": [{"codeSoortRijbewijs": "C"}, {"codeSoortRijbewijs": "B"}]}),
            json!({"rijbewijs": [{"codeSoortRijbewijs": "B"}]}),
        ),
        (
            json!({"taalbeheersing": {"$all": [{"$elemMatch": {"codeTaal": {"$eq": "nld"}, "codeNiveauTaalbeheersingMondeling": {"$gte": 3}}}]}}),
            json!({"taalbeheersing": [{"codeTaal": "nld", "codeNiveauTaalbeheersingMondeling": 3}]}),
            json!({"taalbeheersing": [{"codeTaal": "nld", "codeNiveauTaalbeheersingMondeling": 2}, {"codeTaal": "eng", "codeNiveauTaalbeheersingMondeling": 4}]}),
        ),
        (
            json!({"taalbeheersing": {"$all": [{"$elemMatch": {"codeTaal": {"$eq": "nld"}, "codeNiveauTaalbeheersingSchriftelijk": {"$gte": 2}}}]}}),
            json!({"taalbeheersing": [{"codeTaal": "nld", "codeNiveauTaalbeheersingMondeling": 1, "codeNiveauTaalbeheersingSchriftelijk": 2}]}),
            json!({"taalbeheersing": [{"codeTaal": "nld", "codeNiveauTaalbeheersingMondeling": 4}]}),
        ),
        (
            json!({"werktijden.aantalWerkurenPerWeekMaximaal": {"$gte": 32}}),
            json!({"werktijden": {"aantalWerkurenPerWeekMaximaal": 36}}),
            json!({"werktijden": {"aantalWerkurenPerWeekMaximaal": 24}}),
        ),
        (
            json!({"werktijden.aantalWerkurenPerWeekMinimaal": {"$lte": 16}}),
            json!({"werktijden": {"aantalWerkurenPerWeekMinimaal": 16}}),
            json!({"werktijden": {"aantalWerkurenPerWeekMinimaal": 20}}),
        ),
        // A range of hours: a question for 17 to 31 hours finds a vacancy of 16 to 32 hours.
        (
            json!({"werktijden.aantalWerkurenPerWeekMinimaal": {"$lte": 17}, "werktijden.aantalWerkurenPerWeekMaximaal": {"$gte": 31}}),
            json!({"werktijden": {"aantalWerkurenPerWeekMinimaal": 16, "aantalWerkurenPerWeekMaximaal": 32}}),
            json!({"werktijden": {"aantalWerkurenPerWeekMinimaal": 24, "aantalWerkurenPerWeekMaximaal": 24}}),
        ),
    ]
}

fn jobseeker_rows() -> Vec<(Value, Value, Value)> {
    vec![
        (
            json!({"bemiddelingsberoep": {"$elemMatch": {"$or": [{"beroep.codeBeroepsnaam": {"$eq": "A"}}, {"beroep.codeBeroepsnaam": {"$eq": "B"}}]}}}),
            json!({"bemiddelingsberoep": [{"codeBeroepsnaam": "C"}, {"codeBeroepsnaam": "B"}]}),
            json!({"bemiddelingsberoep": [{"codeBeroepsnaam": "C"}]}),
        ),
        (
            json!({"contractvorm": {"$elemMatch": {"$or": [{"codeTypeArbeidscontract": {"$eq": "O"}}]}}}),
            json!({"contractvorm": [{"codeTypeArbeidscontract": "B"}, {"codeTypeArbeidscontract": "O"}]}),
            json!({"contractvorm": [{"codeTypeArbeidscontract": "B"}]}),
        ),
        (
            json!({"flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst": {"$eq": 2}}),
            json!({"flexibiliteit": {"indicatieOnregelmatigWerkOfPloegendienst": 2}}),
            json!({"flexibiliteit": {"indicatieOnregelmatigWerkOfPloegendienst": 1}}),
        ),
        (
            json!({"arbeidsmarktkwalificatie.rijbewijs": {"$all": [{"$elemMatch": {"codeSoortRijbewijs": {"$eq": "CE"}}}]}}),
            json!({"arbeidsmarktkwalificatie": {"rijbewijs": [{"codeSoortRijbewijs": "CE"}]}}),
            json!({"arbeidsmarktkwalificatie": {"rijbewijs": [{"codeSoortRijbewijs": "C"}]}}),
        ),
        (
            json!({"arbeidsmarktkwalificatie.taalbeheersing": {"$all": [{"$elemMatch": {"codeTaal": {"$eq": "pol"}, "codeNiveauTaalbeheersingMondeling": {"$gte": 2}, "codeNiveauTaalbeheersingSchriftelijk": {"$gte": 2}}}]}}),
            json!({"arbeidsmarktkwalificatie": {"taalbeheersing": [{"codeTaal": "pol", "codeNiveauTaalbeheersingMondeling": 4, "codeNiveauTaalbeheersingSchriftelijk": 2}]}}),
            json!({"arbeidsmarktkwalificatie": {"taalbeheersing": [{"codeTaal": "pol", "codeNiveauTaalbeheersingMondeling": 4}]}}),
        ),
        (
            json!({"datumAanvangBeschikbaarVoorWerk": {"$lte": "2026-02-01"}}),
            json!({"flexibiliteit": {"datumAanvangBeschikbaarVoorWerk": "2026-01-15"}}),
            json!({"flexibiliteit": {"datumAanvangBeschikbaarVoorWerk": "2026-03-01"}}),
        ),
        (
            json!({"werktijden.indicatieKantoortijden": {"$eq": 1}}),
            json!({"werktijden": {"indicatieKantoortijden": 1}}),
            json!({"werktijden": {"indicatieKantoortijden": 2}}),
        ),
        (
            json!({"werktijden.aantalWerkurenPerWeekMaximaal": {"$gte": 32}}),
            json!({"werktijden": {"aantalWerkurenPerWeekMaximaal": 40}}),
            json!({"werktijden": {}}),
        ),
        (
            json!({"werktijden.aantalWerkurenPerWeekMinimaal": {"$lte": 24}}),
            json!({"werktijden": {"aantalWerkurenPerWeekMinimaal": 8}}),
            json!({"werktijden": {"aantalWerkurenPerWeekMinimaal": 32}}),
        ),
    ]
}

#[test]
fn every_path_and_operator_of_the_selection_schemas_selects() {
    for (kind, rows) in [
        (Kind::Vacancy, vacancy_rows()),
        (Kind::JobSeeker, jobseeker_rows()),
    ] {
        for (criterion, yes, no) in rows {
            assert!(
                meets(kind, &criterion, &yes),
                "{criterion} should select {yes}"
            );
            assert!(
                !meets(kind, &criterion, &no),
                "{criterion} should not select {no}"
            );
        }
    }
}

#[test]
fn criteria_the_contract_does_not_describe_have_no_effect() {
    let doc = json!({"werktijden": {"aantalWerkurenPerWeekMinimaal": 8}, "rijbewijs": [{"codeSoortRijbewijs": "B"}]});
    for criterion in [
        json!({"werktijden.aantalWerkurenPerWeekMinimaal": {"$gte": 20}}),
        json!({"naamVacature": {"$eq": "Kok"}}),
        json!({"$or": [{"naamVacature": {"$eq": "Kok"}}]}),
        json!({"rijbewijs": {"$all": [{"$elemMatch": {"codeSoortRijbewijs": {"$in": ["C"]}}}]}}),
        json!({"rijbewijs": {"$size": 3}}),
    ] {
        assert!(
            meets(Kind::Vacancy, &criterion, &doc),
            "{criterion} should have no effect"
        );
    }
    // A described operator beside an undescribed one still counts.
    let both = json!({"werktijden.aantalWerkurenPerWeekMinimaal": {"$gte": 20, "$lte": 4}});
    assert!(!meets(Kind::Vacancy, &both, &doc));
}

#[test]
fn questions_outside_the_language_are_refused_with_their_place() {
    let area = json!({"postcode": "2011AB", "afstand": 10});
    let e = criteria(
        Kind::Vacancy,
        &json!({"selectiegebied": area, "rijbewijs": {"$contains": "B"}}),
    )
    .unwrap_err();
    assert_eq!(e.at, "rijbewijs.$contains");
    let e = criteria(
        Kind::JobSeeker,
        &json!({"selectiegebied": area, "contractvorm": "O"}),
    )
    .unwrap_err();
    assert_eq!(e.at, "contractvorm");
}
