//! A VUM document for people to read: every field it holds, under its name in the VUM
//! Gegevensstandaard (the property name in words, so `aantalWerkurenPerWeekMaximaal` reads
//! "Aantal werkuren per week maximaal"), with codes said in words from the standard's code lists.

use serde_json::Value;

/// Names that read better than the property name in words.
fn named(key: &str) -> Option<&'static str> {
    Some(match key {
        "idVacature" => "Id bij de bron",
        "idWerkzoekende" => "Id bij de bron",
        "naamVacature" => "Naam vacature",
        "adres" => "Adres",
        "codeBeroepsnaam" => "Beroep",
        "bemiddelingsberoep" => "Beroep waarin bemiddeld wordt",
        "competentiebeheersing" => "Vaardigheden",
        "codeCompetentie" => "Vaardigheid",
        "codeSoortRijbewijs" => "Rijbewijs",
        "codeTaal" => "Taal",
        "codeNiveauTaalbeheersingMondeling" => "mondeling",
        "codeNiveauTaalbeheersingSchriftelijk" => "schriftelijk",
        "codeNiveauTaalbeheersingLezen" => "lezen",
        "codeNiveauTaalbeheersingLuisteren" => "luisteren",
        "codeTypeArbeidscontract" => "Contract",
        "codeTypeOvereenkomst" => "Overeenkomst",
        "codeWerkEnDenkniveauMinimaal" => "Werk- en denkniveau (minimaal)",
        "codeWerkEnDenkniveauWerkzoekende" => "Werk- en denkniveau",
        "codeSbi" => "SBI-code",
        "url" => "Adres",
        "emailadres" => "E-mailadres",
        "bemiddelingspostcode" => "Postcode voor bemiddeling",
        "maximaleReisafstand" => "Maximale reisafstand (km)",
        "maximaleReistijd" => "Maximale reistijd (minuten)",
        _ => return None,
    })
}

/// A camelCase property name in words, the first with a capital.
fn words(key: &str) -> String {
    let mut out = String::new();
    for (i, c) in key.trim_end_matches(['_', 'V', 'W']).chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else if i == 0 {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn label(key: &str) -> String {
    named(key).map(String::from).unwrap_or_else(|| words(key))
}

/// What a code means, for the fields whose code list is small enough to say.
fn meaning(key: &str, code: &str) -> Option<&'static str> {
    let yes_no = |c: &str| match c {
        "0" => Some("onbekend"),
        "1" => Some("ja"),
        "2" => Some("nee"),
        "8" => Some("niet van toepassing"),
        _ => None,
    };
    if key.starts_with("indicatie") {
        return yes_no(code);
    }
    match (key, code) {
        (k, c) if k.starts_with("codeNiveauTaalbeheersing") => match c {
            "0" => Some("onbekend"),
            "1" => Some("geen beheersing"),
            "2" => Some("redelijk"),
            "3" => Some("goed"),
            "4" => Some("uitstekend"),
            "8" => Some("niet van toepassing"),
            _ => None,
        },
        (k, c) if k.starts_with("codeWerkEnDenkniveau") => match c {
            "0" => Some("niet van toepassing"),
            "1" => Some("geen basisopleiding"),
            "2" => Some("basisniveau"),
            "3" => Some("vmbo-niveau"),
            "4" => Some("mbo/havo/vwo-niveau"),
            "5" => Some("hbo-niveau"),
            "6" => Some("wetenschappelijk onderwijs"),
            "7" => Some("(nog) niet bekend"),
            _ => None,
        },
        ("codeTypeArbeidscontract", "B") => Some("bepaalde tijd"),
        ("codeTypeArbeidscontract", "O") => Some("onbepaalde tijd"),
        ("codeTypeOvereenkomst", c) => [
            "reguliere vacature",
            "leerbaan",
            "vrijwilligerswerk",
            "werkervaringsplaats",
        ]
        .get(c.parse::<usize>().ok()?.checked_sub(1)?)
        .copied(),
        ("codeVervoermiddel", c) => match c {
            "1" => Some("auto"),
            "2" => Some("bromfiets"),
            "3" => Some("fiets"),
            "4" => Some("motor"),
            "5" => Some("openbaar vervoer"),
            "9" => Some("anders"),
            _ => None,
        },
        ("codeSollicitatiewijze", c) => [
            "per post",
            "per telefoon",
            "per e-mail",
            "per online sollicitatieformulier",
        ]
        .get(c.parse::<usize>().ok()?.checked_sub(1)?)
        .copied(),
        ("codeNiveauOpleiding", c) => match c {
            "1" => Some("basisonderwijs"),
            "2" => Some("vmbo"),
            "3" => Some("havo/vwo"),
            "4" => Some("mbo"),
            "5" => Some("hbo/bachelor"),
            "6" => Some("wo/master"),
            "9" => Some("anders"),
            _ => None,
        },
        ("codeStatusOpleiding", c) => ["onbekend", "succesvol afgerond", "afgebroken", "lopend"]
            .get(c.parse::<usize>().ok()?)
            .copied(),
        _ => None,
    }
}

fn scalar(key: &str, v: &Value) -> String {
    let raw = match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    match meaning(key.trim_end_matches(['_', 'V', 'W']), &raw) {
        Some(m) => m.to_string(),
        None => raw,
    }
}

/// One item of a list, in one line: its fields as "naam: waarde", or just the value of a
/// single field.
fn item(v: &Value) -> String {
    match v {
        Value::Object(m) if m.len() == 1 => m
            .iter()
            .map(|(k, v)| match v {
                Value::Object(_) | Value::Array(_) => item(v),
                _ => scalar(k, v),
            })
            .collect(),
        Value::Object(m) => {
            // The language first: "Taal: nld, mondeling: goed".
            let mut fields: Vec<(&String, &Value)> = m.iter().collect();
            fields.sort_by_key(|(k, _)| k.as_str() != "codeTaal");
            fields
                .into_iter()
                .map(|(k, v)| match v {
                    Value::Object(_) | Value::Array(_) => format!("{}: {}", label(k), item(v)),
                    _ => format!("{}: {}", label(k), scalar(k, v)),
                })
                .collect::<Vec<_>>()
                .join(", ")
        }
        Value::Array(items) => items.iter().map(item).collect::<Vec<_>>().join("; "),
        other => scalar("", other),
    }
}

fn walk(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
    let Some(m) = v.as_object() else {
        return;
    };
    for (k, v) in m {
        // Groups that only gather fields read best without their own name.
        if matches!(k.as_str(), "mobiliteit" | "arbeidsmarktkwalificatie") && v.is_object() {
            walk(prefix, v, out);
            continue;
        }
        let name = if prefix.is_empty() {
            label(k)
        } else {
            format!("{prefix} · {}", label(k).to_lowercase())
        };
        match v {
            Value::Object(_) => walk(&name, v, out),
            Value::Array(items) if items.is_empty() => {}
            Value::Array(items) => {
                out.push((name, items.iter().map(item).collect::<Vec<_>>().join("; ")))
            }
            _ => out.push((name, scalar(k, v))),
        }
    }
}

/// Every field of `doc` as (Dutch label, value in words), by field name.
pub fn facts(doc: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    walk("", doc, &mut out);
    out.retain(|(_, v)| !v.trim().is_empty());
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn fields_read_in_dutch_with_codes_in_words() {
        let f = facts(&json!({
            "werktijden": {"aantalWerkurenPerWeekMinimaal": 16, "indicatieKantoortijden": 1},
            "contractvorm": [{"codeTypeArbeidscontract": "B", "codeTypeOvereenkomst": "02"}],
            "taalbeheersing": [{"codeTaal": "nld", "codeNiveauTaalbeheersingMondeling": 3}],
            "rijbewijs": [{"codeSoortRijbewijs": "B"}, {"codeSoortRijbewijs": "C"}],
            "cursus": []
        }));
        assert_eq!(
            f,
            vec![
                (
                    "Contractvorm".to_string(),
                    "Contract: bepaalde tijd, Overeenkomst: leerbaan".to_string()
                ),
                ("Rijbewijs".to_string(), "B; C".to_string()),
                (
                    "Taalbeheersing".to_string(),
                    "Taal: nld, mondeling: goed".to_string()
                ),
                (
                    "Werktijden · aantal werkuren per week minimaal".to_string(),
                    "16".to_string()
                ),
                (
                    "Werktijden · indicatie kantoortijden".to_string(),
                    "ja".to_string()
                ),
            ]
        );
    }
}
