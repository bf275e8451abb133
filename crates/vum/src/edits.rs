//! Carrying an edit made in koppel into a kept VUM document: each field koppel holds is written
//! as koppel writes it, before and after the edit; where the two differ, the document takes the
//! new value. Everything koppel does not hold, and every field the edit left alone, stays as it
//! came.

use serde_json::{Map, Value};

/// The fields of a vacancy document that koppel's own fields determine.
pub const VACANCY_PATHS: &[&str] = &[
    "naamVacature",
    "omschrijvingVacature",
    "adres.postcode",
    "beroep.codeBeroepsnaam",
    "codeWerkEnDenkniveauMinimaal",
    "werktijden.aantalWerkurenPerWeekMinimaal",
    "werktijden.aantalWerkurenPerWeekMaximaal",
    "contractvorm",
    "rijbewijs",
    "taalbeheersing",
    "competentiebeheersing",
    "sluitingsdatumVacature",
];

/// The fields of a job-seeker document that koppel's own fields determine.
pub const JOBSEEKER_PATHS: &[&str] = &[
    "mobiliteit.bemiddelingspostcode",
    "mobiliteit.maximaleReisafstand",
    "bemiddelingsberoep",
    "arbeidsmarktkwalificatie.codeWerkEnDenkniveauWerkzoekende",
    "arbeidsmarktkwalificatie.competentiebeheersing",
    "arbeidsmarktkwalificatie.rijbewijs",
    "arbeidsmarktkwalificatie.taalbeheersing",
    "werktijden.aantalWerkurenPerWeekMinimaal",
    "werktijden.aantalWerkurenPerWeekMaximaal",
    "flexibiliteit.datumAanvangBeschikbaarVoorWerk",
];

fn at<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(doc, |v, k| v.get(k))
}

/// Sets (or with `None` removes) the value at a dotted path, making objects on the way; an
/// object left empty by a removal goes too.
pub(crate) fn set(doc: &mut Value, path: &str, value: Option<Value>) {
    let Some((head, rest)) = path.split_once('.') else {
        if let Some(m) = doc.as_object_mut() {
            match value {
                Some(v) => {
                    m.insert(path.to_string(), v);
                }
                None => {
                    m.remove(path);
                }
            }
        }
        return;
    };
    let Some(m) = doc.as_object_mut() else {
        return;
    };
    if value.is_none() && !m.contains_key(head) {
        return;
    }
    let child = m
        .entry(head.to_string())
        .or_insert_with(|| Value::Object(Map::new()));
    set(child, rest, value);
    if child.as_object().is_some_and(Map::is_empty) {
        m.remove(head);
    }
}

/// `doc` with the fields at `paths` taken from `after` wherever `before` and `after` differ.
pub fn carry(doc: &Value, before: &Value, after: &Value, paths: &[&str]) -> Value {
    let mut out = doc.clone();
    for path in paths {
        let (was, is) = (at(before, path), at(after, path));
        if was != is {
            set(&mut out, path, is.cloned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn only_what_changed_is_carried_and_the_rest_stays() {
        let doc = json!({"naamVacature": "Kok", "werktijden": {"aantalWerkurenPerWeekMinimaal": 16, "aantalWerkurenPerWeekMaximaal": 32, "indicatieKantoortijden": 1}, "cursus": [{"naamCursus": "HACCP"}]});
        let before = json!({"naamVacature": "Kok", "werktijden": {"aantalWerkurenPerWeekMinimaal": 32, "aantalWerkurenPerWeekMaximaal": 32}});
        let same = carry(&doc, &before, &before, VACANCY_PATHS);
        assert_eq!(same, doc);
        let after = json!({"naamVacature": "Chef-kok", "werktijden": {"aantalWerkurenPerWeekMinimaal": 32, "aantalWerkurenPerWeekMaximaal": 32}});
        let edited = carry(&doc, &before, &after, VACANCY_PATHS);
        assert_eq!(edited["naamVacature"], "Chef-kok");
        assert_eq!(edited["werktijden"], doc["werktijden"]);
        assert_eq!(edited["cursus"], doc["cursus"]);
        let none = json!({"naamVacature": "Chef-kok"});
        let cleared = carry(&doc, &after, &none, VACANCY_PATHS);
        assert_eq!(cleared["werktijden"], json!({"indicatieKantoortijden": 1}));
    }
}
