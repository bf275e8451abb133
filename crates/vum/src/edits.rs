//! Carrying an edit made in koppel into a kept VUM document: each field koppel holds is written
//! as koppel writes it, before and after the edit; where the two differ, the document takes the
//! new value. Everything koppel does not hold, and every field the edit left alone, stays as it
//! came. A path step that is a number is a position in a list: `contractvorm.0.codeTypeArbeidscontract`
//! is the first contract form's code, so the forms after it, and the first one's other fields,
//! stay.

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
    "contractvorm.0.codeTypeArbeidscontract",
    "rijbewijs",
    "taalbeheersing",
    "competentiebeheersing",
    "sluitingsdatumVacature",
];

/// The fields of a job-seeker document that koppel's own fields determine.
pub const JOBSEEKER_PATHS: &[&str] = &[
    "mobiliteit.bemiddelingspostcode",
    "mobiliteit.maximaleReisafstand",
    "bemiddelingsberoep.0.codeBeroepsnaam",
    "arbeidsmarktkwalificatie.codeWerkEnDenkniveauWerkzoekende",
    "arbeidsmarktkwalificatie.competentiebeheersing",
    "arbeidsmarktkwalificatie.rijbewijs",
    "arbeidsmarktkwalificatie.taalbeheersing",
    "werktijden.aantalWerkurenPerWeekMinimaal",
    "werktijden.aantalWerkurenPerWeekMaximaal",
    "flexibiliteit.datumAanvangBeschikbaarVoorWerk",
];

/// One step into a value: a key of an object, or a position in a list.
fn step<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match (v, key.parse::<usize>()) {
        (Value::Array(a), Ok(i)) => a.get(i),
        _ => v.get(key),
    }
}

pub(crate) fn at<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(doc, step)
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// Sets (or with `None` removes) the value at a dotted path, making objects and lists on the way;
/// an object or list left empty by a removal goes too (and a list item with it).
pub(crate) fn set(doc: &mut Value, path: &str, value: Option<Value>) {
    let (head, rest) = match path.split_once('.') {
        Some((h, r)) => (h, Some(r)),
        None => (path, None),
    };
    if let (Ok(i), Value::Array(a)) = (head.parse::<usize>(), &mut *doc) {
        set_item(a, i, rest, value);
        return;
    }
    let Some(m) = doc.as_object_mut() else {
        return;
    };
    let Some(rest) = rest else {
        match value {
            Some(v) => m.insert(head.to_string(), v),
            None => m.remove(head),
        };
        return;
    };
    if value.is_none() && !m.contains_key(head) {
        return;
    }
    let fresh = match rest
        .split_once('.')
        .map_or(rest, |(h, _)| h)
        .parse::<usize>()
    {
        Ok(_) => Value::Array(Vec::new()),
        Err(_) => Value::Object(Map::new()),
    };
    let child = m.entry(head.to_string()).or_insert(fresh);
    set(child, rest, value);
    if is_empty(child) {
        m.remove(head);
    }
}

/// [`set`] on item `i` of a list; an item past the end is appended.
fn set_item(a: &mut Vec<Value>, i: usize, rest: Option<&str>, value: Option<Value>) {
    if i >= a.len() {
        if value.is_none() {
            return;
        }
        a.push(Value::Object(Map::new()));
    }
    let i = i.min(a.len() - 1);
    match rest {
        None => match value {
            Some(v) => a[i] = v,
            None => {
                a.remove(i);
            }
        },
        Some(rest) => {
            set(&mut a[i], rest, value);
            if is_empty(&a[i]) {
                a.remove(i);
            }
        }
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

    #[test]
    fn a_numbered_step_changes_one_item_of_a_list_and_keeps_the_rest() {
        let doc = json!({"contractvorm": [{"codeTypeArbeidscontract": "O", "codeTypeOvereenkomst": "01"}, {"codeTypeArbeidscontract": "B"}]});
        let path = "contractvorm.0.codeTypeArbeidscontract";
        let before = json!({"contractvorm": [{"codeTypeArbeidscontract": "O"}]});
        let after = json!({"contractvorm": [{"codeTypeArbeidscontract": "B"}]});
        let edited = carry(&doc, &before, &after, &[path]);
        assert_eq!(
            edited["contractvorm"],
            json!([{"codeTypeArbeidscontract": "B", "codeTypeOvereenkomst": "01"}, {"codeTypeArbeidscontract": "B"}])
        );
        let mut bare = json!({"contractvorm": [{"codeTypeArbeidscontract": "O"}]});
        set(&mut bare, path, None);
        assert_eq!(bare, json!({}), "an emptied item and list go");
        let mut new = json!({});
        set(&mut new, path, Some(json!("O")));
        assert_eq!(
            new,
            json!({"contractvorm": [{"codeTypeArbeidscontract": "O"}]})
        );
        assert_eq!(
            at(&doc, "contractvorm.1.codeTypeArbeidscontract"),
            Some(&json!("B"))
        );
    }
}
