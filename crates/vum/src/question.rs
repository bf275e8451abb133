//! A selection question of VUM 3.0 as a source answers it: the criteria the contract's selection
//! schema (`MPVacature`, `MPWerkzoekende`) describes are honoured, every other criterion has no
//! effect, and a question outside the language is refused.
//!
//! Three paths of the selection schemas name a field by another path than the documents use;
//! they are read as the documents hold them:
//! - vacancies: `datumAanvangWerkzaamheden` is `arbeidsVoorwaarden.datumAanvangWerkzaamheden`;
//! - job seekers: `datumAanvangBeschikbaarVoorWerk` is `flexibiliteit.datumAanvangBeschikbaarVoorWerk`;
//! - job seekers: inside `bemiddelingsberoep.$elemMatch`, `beroep.codeBeroepsnaam` is the
//!   element's own `codeBeroepsnaam` (the elements are `Beroep` objects).

use serde_json::{Map, Value};

use crate::contract::{follow, named, schemas, Kind};
use crate::{Query, SelectionError};

/// The criteria of `question` (the `vraagObject`) for documents of `kind`, ready to evaluate on
/// [`crate::contract::normalised`] search profiles. `selectiegebied` is not a criterion.
pub fn criteria(kind: Kind, question: &Value) -> Result<Query, SelectionError> {
    // Anything outside the language is refused, also where the contract would ignore it.
    Query::parse(question, &["selectiegebied"], None)?;
    let schemas = schemas(kind);
    let described = prune(schemas, named(schemas, kind.selection()), question)
        .unwrap_or_else(|| Value::Object(Map::new()));
    Query::parse(&aliased(kind, described), &["selectiegebied"], None)
}

/// The properties `schema` describes, also those of its `oneOf`/`anyOf` alternatives.
fn properties<'a>(schemas: &'a Map<String, Value>, schema: &'a Value) -> Map<String, Value> {
    let schema = follow(schemas, schema);
    let mut out = schema
        .get("properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for key in ["oneOf", "anyOf", "allOf"] {
        for alt in schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            out.extend(properties(schemas, alt));
        }
    }
    out
}

/// `value` with only what `schema` describes; `None` when nothing is left.
fn prune(schemas: &Map<String, Value>, schema: &Value, value: &Value) -> Option<Value> {
    let schema = follow(schemas, schema);
    match value {
        Value::Object(m) => {
            let props = properties(schemas, schema);
            if props.is_empty() {
                return Some(value.clone());
            }
            let kept: Map<String, Value> = m
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), prune(schemas, props.get(k)?, v)?)))
                .collect();
            (!kept.is_empty()).then_some(Value::Object(kept))
        }
        Value::Array(items) => match schema.get("items") {
            Some(sub) => {
                let kept: Vec<Value> = items
                    .iter()
                    .filter_map(|v| prune(schemas, sub, v))
                    .collect();
                (!kept.is_empty()).then_some(Value::Array(kept))
            }
            None => Some(value.clone()),
        },
        other => Some(other.clone()),
    }
}

/// The question with the selection schema's paths written as the documents hold them.
fn aliased(kind: Kind, mut question: Value) -> Value {
    let Some(m) = question.as_object_mut() else {
        return question;
    };
    let moved = match kind {
        Kind::Vacancy => (
            "datumAanvangWerkzaamheden",
            "arbeidsVoorwaarden.datumAanvangWerkzaamheden",
        ),
        Kind::JobSeeker => (
            "datumAanvangBeschikbaarVoorWerk",
            "flexibiliteit.datumAanvangBeschikbaarVoorWerk",
        ),
    };
    if let Some(v) = m.remove(moved.0) {
        m.insert(moved.1.to_string(), v);
    }
    if kind == Kind::JobSeeker {
        let options = m
            .get_mut("bemiddelingsberoep")
            .and_then(|c| c.get_mut("$elemMatch"))
            .and_then(|e| e.get_mut("$or"))
            .and_then(Value::as_array_mut);
        for option in options.into_iter().flatten() {
            if let Some(o) = option.as_object_mut() {
                if let Some(v) = o.remove("beroep.codeBeroepsnaam") {
                    o.insert("codeBeroepsnaam".into(), v);
                }
            }
        }
    }
    question
}
