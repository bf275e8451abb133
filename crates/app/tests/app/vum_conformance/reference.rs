//! A plain reference for VUM 3.0 selection: random questions built from the selection schemas
//! (`MPVacature`, `MPWerkzoekende`, with a criterion outside 3.0 now and then), and their answer
//! worked out directly over the documents, without koppel's selection code.

use koppel_test_support::vum_docs::{DocKind, LANGUAGES, OCCUPATIONS, PLACES};
use rand::seq::SliceRandom;
use rand::Rng;
use serde_json::{json, Map, Value};

pub fn id_field(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Vacancy => "idVacature",
        DocKind::JobSeeker => "idWerkzoekende",
    }
}

fn date(rng: &mut impl Rng) -> String {
    format!(
        "{}-{:02}-{:02}",
        rng.gen_range(2025..=2028),
        rng.gen_range(1..=12),
        rng.gen_range(1..=28)
    )
}

fn all_of(rng: &mut impl Rng, make: impl Fn(&mut dyn rand::RngCore) -> Value) -> Value {
    let n = rng.gen_range(1..=2);
    json!({"$all": (0..n).map(|_| json!({"$elemMatch": make(rng)})).collect::<Vec<_>>()})
}

fn licence(rng: &mut dyn rand::RngCore) -> Value {
    let c = ["B", "C", "BE", "A", "T"].choose(rng).unwrap();
    json!({"codeSoortRijbewijs": {"$eq": c}})
}

fn language(rng: &mut dyn rand::RngCore) -> Value {
    let mut m = json!({"codeTaal": {"$eq": LANGUAGES.choose(rng).unwrap()}});
    for field in [
        "codeNiveauTaalbeheersingMondeling",
        "codeNiveauTaalbeheersingSchriftelijk",
    ] {
        if rng.gen_bool(0.4) {
            m[field] = json!({"$gte": rng.gen_range(2..=4)});
        }
    }
    m
}

fn any_of(rng: &mut impl Rng, field: &str, pool: &[&str]) -> Value {
    let n = rng.gen_range(1..=2);
    let options: Vec<Value> = (0..n)
        .map(|_| json!({field: {"$eq": pool.choose(rng).unwrap()}}))
        .collect();
    json!({"$elemMatch": {"$or": options}})
}

/// A random question (`vraagObject`) for documents of `kind`.
pub fn question(kind: DocKind, rng: &mut impl Rng) -> Value {
    let mut q = Map::new();
    let place = format!("{}AA", PLACES.choose(rng).unwrap());
    let afstand = *[0, 5, 20, 60, 1000].choose(rng).unwrap();
    q.insert(
        "selectiegebied".into(),
        json!({"postcode": place, "afstand": afstand}),
    );
    let mut criteria: Vec<(&str, Value)> = vec![
        (
            "werktijden.aantalWerkurenPerWeekMaximaal",
            json!({"$gte": rng.gen_range(1..=99)}),
        ),
        (
            "werktijden.aantalWerkurenPerWeekMinimaal",
            json!({"$lte": rng.gen_range(1..=99)}),
        ),
        (
            "flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst",
            json!({"$eq": rng.gen_range(1..=2)}),
        ),
        // Outside 3.0: no effect.
        ("sector.codeSbi", json!({"$eq": 4711})),
    ];
    match kind {
        DocKind::Vacancy => {
            let level = if rng.gen_bool(0.8) {
                json!({"$gte": rng.gen_range(1..=6).to_string(), "$lt": "7"})
            } else {
                json!({"$eq": "7"})
            };
            criteria.extend([
                (
                    "beroep.codeBeroepsnaam",
                    json!({"$eq": OCCUPATIONS.choose(rng).unwrap()}),
                ),
                ("codeWerkEnDenkniveauMinimaal", level),
                ("datumAanvangWerkzaamheden", json!({"$gte": date(rng)})),
                ("rijbewijs", all_of(rng, licence)),
                ("taalbeheersing", all_of(rng, language)),
            ]);
        }
        DocKind::JobSeeker => criteria.extend([
            (
                "bemiddelingsberoep",
                any_of(rng, "beroep.codeBeroepsnaam", OCCUPATIONS),
            ),
            (
                "contractvorm",
                any_of(rng, "codeTypeArbeidscontract", &["O", "B"]),
            ),
            (
                "datumAanvangBeschikbaarVoorWerk",
                json!({"$lte": date(rng)}),
            ),
            (
                "werktijden.indicatieKantoortijden",
                json!({"$eq": rng.gen_range(1..=2)}),
            ),
            ("arbeidsmarktkwalificatie.rijbewijs", all_of(rng, licence)),
            (
                "arbeidsmarktkwalificatie.taalbeheersing",
                all_of(rng, language),
            ),
        ]),
    }
    for (key, value) in criteria {
        if rng.gen_bool(0.3) {
            q.insert(key.to_string(), value);
        }
    }
    Value::Object(q)
}

fn at<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(doc, |v, k| v.get(k))
}

/// Whether `value` meets `{op: x}` for each operator (same JSON type only, as MongoDB compares).
fn meets(value: Option<&Value>, conds: &Value) -> bool {
    conds.as_object().unwrap().iter().all(|(op, x)| {
        let Some(v) = value else { return false };
        let order = match (v, x) {
            (Value::Number(a), Value::Number(b)) => {
                a.as_f64().unwrap().partial_cmp(&b.as_f64().unwrap())
            }
            (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
            _ => None,
        };
        match (op.as_str(), order) {
            ("$eq", Some(o)) => o.is_eq(),
            ("$gte", Some(o)) => o.is_ge(),
            ("$lte", Some(o)) => o.is_le(),
            ("$lt", Some(o)) => o.is_lt(),
            _ => false,
        }
    })
}

/// Whether an element meets every field condition of an `$elemMatch`.
fn element(e: &Value, conds: &Value) -> bool {
    conds
        .as_object()
        .unwrap()
        .iter()
        .all(|(f, c)| meets(e.get(f), c))
}

fn items<'a>(doc: &'a Value, path: &str) -> &'a [Value] {
    at(doc, path)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn holds(kind: DocKind, doc: &Value, key: &str, cond: &Value) -> bool {
    match key {
        "selectiegebied" | "sector.codeSbi" => true,
        "rijbewijs"
        | "taalbeheersing"
        | "arbeidsmarktkwalificatie.rijbewijs"
        | "arbeidsmarktkwalificatie.taalbeheersing" => cond["$all"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| items(doc, key).iter().any(|e| element(e, &m["$elemMatch"]))),
        "bemiddelingsberoep" | "contractvorm" => {
            let options = cond["$elemMatch"]["$or"].as_array().unwrap();
            items(doc, key).iter().any(|e| {
                options.iter().any(|o| {
                    let (f, c) = o.as_object().unwrap().iter().next().unwrap();
                    let f = f.strip_prefix("beroep.").unwrap_or(f);
                    meets(e.get(f), c)
                })
            })
        }
        "datumAanvangWerkzaamheden" if kind == DocKind::Vacancy => meets(
            at(doc, "arbeidsVoorwaarden.datumAanvangWerkzaamheden"),
            cond,
        ),
        "datumAanvangBeschikbaarVoorWerk" => meets(
            at(doc, "flexibiliteit.datumAanvangBeschikbaarVoorWerk"),
            cond,
        ),
        path => meets(at(doc, path), cond),
    }
}

/// The search profile: the document without what the match schema leaves out.
fn profile(kind: DocKind, doc: &Value) -> Value {
    let mut p = doc.as_object().unwrap().clone();
    match kind {
        DocKind::Vacancy => {
            p.remove("nummerVacature");
            if let Some(w) = p.get_mut("werkgever").and_then(Value::as_object_mut) {
                w.remove("contactpersoon");
            }
        }
        DocKind::JobSeeker => {
            for field in [
                "contactpersoon",
                "eisAanWerk",
                "emailadres",
                "indicatieLdrRegistratie",
                "persoonlijkePresentatie",
                "telefoonnummer",
                "webadres",
            ] {
                p.remove(field);
            }
        }
    }
    Value::Object(p)
}

fn postcode(kind: DocKind, doc: &Value) -> Option<u16> {
    let path = match kind {
        DocKind::Vacancy => "adres.postcode",
        DocKind::JobSeeker => "mobiliteit.bemiddelingspostcode",
    };
    at(doc, path)?.as_str()?.get(..4)?.parse().ok()
}

/// The answer the contract asks for: the profiles of the documents within the area that meet
/// every criterion, nearest first (then in the order they were imported), at most 100; and
/// whether there were more.
pub fn answer(kind: DocKind, docs: &[Value], question: &Value) -> (Vec<Value>, bool) {
    let area = &question["selectiegebied"];
    let centre: u16 = area["postcode"].as_str().unwrap()[..4].parse().unwrap();
    let limit = area["afstand"].as_f64().unwrap();
    let centroids = koppel_app::matching::centroids();
    let mut found: Vec<(f64, usize)> = docs
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let km = centroids.distance_km(centre, postcode(kind, d)?)?;
            let fits = km <= limit
                && question
                    .as_object()
                    .unwrap()
                    .iter()
                    .all(|(k, c)| holds(kind, d, k, c));
            fits.then_some((km, i))
        })
        .collect();
    found.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let more = found.len() > 100;
    (
        found
            .into_iter()
            .take(100)
            .map(|(_, i)| profile(kind, &docs[i]))
            .collect(),
        more,
    )
}
