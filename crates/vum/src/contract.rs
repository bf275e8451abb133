//! The VUM 3.0 contract's own JSON Schemas, used as they are: a document is checked with a JSON
//! Schema validator against `Vacature` or `Werkzoekende`, and its search profile is the document
//! cut down to what `MPVacatureMatch` or `MPWerkzoekendeMatch` allows.
//!
//! The schemas come from `components.yaml` (as JSON in `contract/components.json`). That file is
//! the template of the four interface files: a property named `x_V` exists only for vacancies,
//! `x_W` only for job seekers, `x_BRN` at a source and `x_VUM` only at the exchange. The schemas
//! of a kind are the template with its own suffixes taken off and the others left out; the test
//! `contract_schemas` shows they equal the Bron interface files. A document written to the
//! template literally (with the suffixes) is valid too, and kept as it came.

use std::sync::OnceLock;

use serde_json::{json, Map, Value};

/// The two kinds of VUM document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Vacancy,
    JobSeeker,
}

impl Kind {
    /// The document schema.
    pub fn document(self) -> &'static str {
        match self {
            Kind::Vacancy => "Vacature",
            Kind::JobSeeker => "Werkzoekende",
        }
    }

    /// The search profile schema.
    pub fn profile(self) -> &'static str {
        match self {
            Kind::Vacancy => "MPVacatureMatch",
            Kind::JobSeeker => "MPWerkzoekendeMatch",
        }
    }

    /// The selection schema (the question).
    pub fn selection(self) -> &'static str {
        match self {
            Kind::Vacancy => "MPVacature",
            Kind::JobSeeker => "MPWerkzoekende",
        }
    }

    /// The field holding the source's id of a document.
    pub fn id_field(self) -> &'static str {
        match self {
            Kind::Vacancy => "idVacature",
            Kind::JobSeeker => "idWerkzoekende",
        }
    }

    fn suffix(self) -> &'static str {
        match self {
            Kind::Vacancy => "V",
            Kind::JobSeeker => "W",
        }
    }
}

const TEMPLATE: &str = include_str!("../contract/components.json");

/// The template's schemas (`components.schemas`).
pub fn template() -> &'static Map<String, Value> {
    static SCHEMAS: OnceLock<Map<String, Value>> = OnceLock::new();
    SCHEMAS.get_or_init(|| {
        serde_json::from_str::<Value>(TEMPLATE)
            .ok()
            .and_then(|v| v["components"]["schemas"].as_object().cloned())
            .unwrap_or_default()
    })
}

/// A property name of the template as it is for `kind` at a source: `None` when the property
/// does not exist there.
pub fn property_for(kind: Kind, name: &str) -> Option<&str> {
    match name.rsplit_once('_') {
        Some((base, "BRN")) => Some(base),
        Some((base, s)) if s == kind.suffix() => Some(base),
        Some((_, "V" | "W" | "VUM")) => None,
        _ => Some(name),
    }
}

/// The template with `kind`'s suffixes resolved (see the module documentation).
fn resolve(kind: Kind, schema: &Value) -> Value {
    match schema {
        Value::Object(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                let v = match k.as_str() {
                    "properties" => Value::Object(
                        v.as_object()
                            .into_iter()
                            .flatten()
                            .filter_map(|(p, s)| {
                                Some((property_for(kind, p)?.to_string(), resolve(kind, s)))
                            })
                            .collect(),
                    ),
                    "required" => Value::Array(
                        v.as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(|p| property_for(kind, p.as_str()?).map(|p| json!(p)))
                            .collect(),
                    ),
                    _ => resolve(kind, v),
                };
                out.insert(k.clone(), v);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| resolve(kind, v)).collect()),
        other => other.clone(),
    }
}

/// The schemas of `kind` at a source (`components.schemas`).
pub fn schemas(kind: Kind) -> &'static Map<String, Value> {
    static VACANCY: OnceLock<Map<String, Value>> = OnceLock::new();
    static JOBSEEKER: OnceLock<Map<String, Value>> = OnceLock::new();
    let cell = match kind {
        Kind::Vacancy => &VACANCY,
        Kind::JobSeeker => &JOBSEEKER,
    };
    cell.get_or_init(|| {
        resolve(kind, &Value::Object(template().clone()))
            .as_object()
            .cloned()
            .unwrap_or_default()
    })
}

/// The schema named `name` among `schemas`, following `$ref`s.
pub fn named<'a>(schemas: &'a Map<String, Value>, name: &str) -> &'a Value {
    static EMPTY: Value = Value::Null;
    follow(schemas, schemas.get(name).unwrap_or(&EMPTY))
}

/// `schema`, or what its `$ref` (a chain of them) points at.
pub fn follow<'a>(schemas: &'a Map<String, Value>, mut schema: &'a Value) -> &'a Value {
    for _ in 0..16 {
        let Some(target) = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/components/schemas/"))
            .and_then(|name| schemas.get(name))
        else {
            break;
        };
        schema = target;
    }
    schema
}

/// Why a document is not valid: where (a JSON pointer) and what, in Dutch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub pointer: String,
    pub reason: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "{at}: {}", self.reason)
    }
}

struct Validators {
    source: jsonschema::Validator,
    template: jsonschema::Validator,
    profile: jsonschema::Validator,
}

fn validator(schemas: &Map<String, Value>, root: &str) -> Option<jsonschema::Validator> {
    let schema = json!({
        "$ref": format!("#/components/schemas/{root}"),
        "components": {"schemas": schemas},
    });
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        .build(&schema)
        .ok()
}

fn validators(kind: Kind) -> Option<&'static Validators> {
    static VACANCY: OnceLock<Option<Validators>> = OnceLock::new();
    static JOBSEEKER: OnceLock<Option<Validators>> = OnceLock::new();
    let cell = match kind {
        Kind::Vacancy => &VACANCY,
        Kind::JobSeeker => &JOBSEEKER,
    };
    cell.get_or_init(|| {
        Some(Validators {
            source: validator(schemas(kind), kind.document())?,
            template: validator(template(), kind.document())?,
            profile: validator(schemas(kind), kind.profile())?,
        })
    })
    .as_ref()
}

/// Checks a document against the contract's schema of its kind. Valid is what the source's
/// schema accepts, or the template's; otherwise the violations against the source's schema.
pub fn validate(kind: Kind, doc: &Value) -> Result<(), Vec<Violation>> {
    let Some(v) = validators(kind) else {
        return Err(vec![Violation {
            pointer: String::new(),
            reason: "het VUM-schema kon niet worden geladen".into(),
        }]);
    };
    if v.source.is_valid(doc) || v.template.is_valid(doc) {
        return Ok(());
    }
    Err(v
        .source
        .iter_errors(doc)
        .map(|e| Violation {
            pointer: e.instance_path().as_str().to_string(),
            reason: crate::violation::dutch(e.kind(), &e.to_string()),
        })
        .collect())
}

/// Whether a search profile is valid against the source's `MPVacatureMatch` or
/// `MPWerkzoekendeMatch` (what a match may carry).
pub fn valid_profile(kind: Kind, profile: &Value) -> bool {
    validators(kind).is_some_and(|v| v.profile.is_valid(profile))
}

/// `doc` cut down to what `schema` allows, recursively; a property written to the template (with
/// this kind's suffix) counts as the property it stands for.
fn project(kind: Kind, schemas: &Map<String, Value>, schema: &Value, doc: &Value) -> Value {
    let schema = follow(schemas, schema);
    match doc {
        Value::Object(m) => match schema.get("properties").and_then(Value::as_object) {
            Some(props) => Value::Object(
                m.iter()
                    .filter_map(|(k, v)| {
                        let sub = props.get(property_for(kind, k)?)?;
                        Some((k.clone(), project(kind, schemas, sub, v)))
                    })
                    .collect(),
            ),
            None => doc.clone(),
        },
        Value::Array(items) => match schema.get("items") {
            Some(sub) => Value::Array(
                items
                    .iter()
                    .map(|v| project(kind, schemas, sub, v))
                    .collect(),
            ),
            None => doc.clone(),
        },
        other => other.clone(),
    }
}

/// The search profile (`MPVacatureMatch` or `MPWerkzoekendeMatch`) of a valid document.
pub fn profile(kind: Kind, doc: &Value) -> Value {
    let schemas = schemas(kind);
    project(kind, schemas, named(schemas, kind.profile()), doc)
}

/// `doc` with every template suffix of `kind` taken off its property names (and properties of
/// the other kind left out): the form selection questions are evaluated on.
pub fn normalised(kind: Kind, doc: &Value) -> Value {
    match doc {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter_map(|(k, v)| {
                    Some((property_for(kind, k)?.to_string(), normalised(kind, v)))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|v| normalised(kind, v)).collect()),
        other => other.clone(),
    }
}

/// The source's id of a document (`idVacature` or `idWerkzoekende`), when it has one.
pub fn id_of(kind: Kind, doc: &Value) -> Option<&str> {
    doc.get(kind.id_field())
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}
