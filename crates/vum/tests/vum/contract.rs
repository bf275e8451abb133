//! The contract's schemas as koppel reads them: the template (`components.yaml`) with a kind's
//! suffixes resolved must be exactly the Bron interface file of that kind, for the document, the
//! search profile and every schema they use; and the validator must refuse what the schema
//! refuses and accept what it allows.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use koppel_vum::contract::{self, schemas, Kind};
use serde_json::{json, Map, Value};

fn bron(kind: Kind) -> Map<String, Value> {
    let text = match kind {
        Kind::Vacancy => include_str!("../../contract/bron-vacatures.json"),
        Kind::JobSeeker => include_str!("../../contract/bron-werkzoekenden.json"),
    };
    let v: Value = serde_json::from_str(text).unwrap();
    v["components"]["schemas"].as_object().unwrap().clone()
}

/// The names of the schemas `root` uses, itself included.
fn used(schemas: &Map<String, Value>, root: &str) -> BTreeSet<String> {
    fn walk(v: &Value, schemas: &Map<String, Value>, out: &mut BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                if let Some(name) = m
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix("#/components/schemas/"))
                {
                    if out.insert(name.to_string()) {
                        walk(&schemas[name], schemas, out);
                    }
                }
                m.values().for_each(|v| walk(v, schemas, out));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, schemas, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::from([root.to_string()]);
    walk(&schemas[root], schemas, &mut out);
    out
}

#[test]
fn the_template_resolved_per_kind_is_the_bron_interface() {
    for kind in [Kind::Vacancy, Kind::JobSeeker] {
        let ours = schemas(kind);
        let theirs = bron(kind);
        for root in [kind.document(), kind.profile(), kind.selection()] {
            let names = used(&theirs, root);
            assert!(names.len() > 3, "{root}");
            for name in names {
                assert_eq!(ours[&name], theirs[&name], "{kind:?} {name}");
            }
        }
    }
}

#[test]
fn the_validator_says_where_and_why() {
    let bad = json!({"idVacature": "V 1", "werktijden": {"aantalWerkurenPerWeekMaximaal": 100},
                     "sluitingsdatumVacature": "2026-02-30", "extra": 1});
    let violations = contract::validate(Kind::Vacancy, &bad).unwrap_err();
    let at: BTreeSet<&str> = violations.iter().map(|v| v.pointer.as_str()).collect();
    assert!(at.contains("/idVacature"), "{violations:?}");
    assert!(
        at.contains("/werktijden/aantalWerkurenPerWeekMaximaal"),
        "{violations:?}"
    );
    assert!(at.contains("/sluitingsdatumVacature"), "{violations:?}");
    assert!(at.contains(""), "{violations:?}");
    // What the schema allows is valid, however little koppel itself would keep of it.
    let good = json!({"idVacature": "V-1", "werktijden": {"aantalWerkurenPerWeekMaximaal": 99},
                      "taalbeheersing": [{"codeNiveauTaalbeheersingLezen": 2}],
                      "competentiebeheersing": [{"codeCompetentie": "lassen"}]});
    assert_eq!(contract::validate(Kind::Vacancy, &good), Ok(()));
    // A job seeker needs no id by the schema; a vacancy does.
    assert_eq!(contract::validate(Kind::JobSeeker, &json!({})), Ok(()));
    assert!(contract::validate(Kind::Vacancy, &json!({})).is_err());
    // The template's own spelling (a property with this kind's suffix) is valid too.
    let template = json!({"idWerkzoekende": "W", "flexibiliteit": {"datumAanvangBeschikbaarVoorWerk_W": "2026-01-01"}});
    assert_eq!(contract::validate(Kind::JobSeeker, &template), Ok(()));
}

#[test]
fn the_profile_is_the_document_cut_to_the_match_schema() {
    let doc = json!({"idVacature": "V", "nummerVacature": "123", "adres": {"postcode": "2011AB", "straatnaam": "Markt", "huisnummer": 1},
                     "werkgever": {"handelsnaamOrganisatie": "X", "contactpersoon": [{"naamContactpersoonAfdeling": "Jan"}], "webadres": [{"url": "https://x.test"}]}});
    let profile = contract::profile(Kind::Vacancy, &doc);
    assert_eq!(
        profile,
        json!({"idVacature": "V", "adres": {"postcode": "2011AB", "straatnaam": "Markt", "huisnummer": 1},
               "werkgever": {"handelsnaamOrganisatie": "X", "webadres": [{"url": "https://x.test"}]}})
    );
    let person = json!({"idWerkzoekende": "W", "emailadres": ["a@b.test"], "mobiliteit": {"bemiddelingspostcode": "2011AB", "maximaleReistijd": 40},
                        "persoonlijkePresentatie": "Ik", "arbeidsmarktkwalificatie": {"werkervaring": [{"naamOrganisatie": "Y"}]}});
    assert_eq!(
        contract::profile(Kind::JobSeeker, &person),
        json!({"idWerkzoekende": "W", "mobiliteit": {"bemiddelingspostcode": "2011AB", "maximaleReistijd": 40},
               "arbeidsmarktkwalificatie": {"werkervaring": [{"naamOrganisatie": "Y"}]}})
    );
}
