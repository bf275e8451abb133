//! Request bodies held to the OpenAPI document before they are read: a body the document's schema
//! refuses (a wrong type, a code outside its list, a missing field, a pattern or range broken) is
//! a 400 naming each place, so the API enforces exactly what it says. The input types behind it
//! stay lenient for the browser's forms.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use jsonschema::error::ValidationErrorKind as K;
use serde_json::{json, Value};

use crate::problem::InvalidParam;

type Validators = Mutex<HashMap<String, Option<Arc<jsonschema::Validator>>>>;

/// The document's component schemas, read once.
fn schemas() -> &'static Value {
    static SCHEMAS: OnceLock<Value> = OnceLock::new();
    SCHEMAS.get_or_init(|| {
        serde_json::to_value(super::openapi())
            .ok()
            .and_then(|api| api.pointer("/components/schemas").cloned())
            .unwrap_or_else(|| json!({}))
    })
}

/// The compiled schema of one component, made when first needed (formats checked too: a date
/// is a real day).
fn validator(name: &str) -> Option<Arc<jsonschema::Validator>> {
    static CACHE: OnceLock<Validators> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().unwrap_or_else(|p| p.into_inner());
    map.entry(name.to_string())
        .or_insert_with(|| {
            let root = json!({
                "$ref": format!("#/components/schemas/{name}"),
                "components": {"schemas": schemas()},
            });
            jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .should_validate_formats(true)
                .build(&root)
                .ok()
                .map(Arc::new)
        })
        .clone()
}

/// Whether the document's schema `name` compiles into a validator (a schema that does not would
/// let every body through unchecked).
pub fn compiles(name: &str) -> bool {
    validator(name).is_some()
}

/// Checks `body` against the schema `name`; each violation as a field error.
pub fn check(name: &str, body: &Value) -> Result<(), Vec<InvalidParam>> {
    let Some(v) = validator(name) else {
        return Ok(());
    };
    if v.is_valid(body) {
        return Ok(());
    }
    let mut params: Vec<InvalidParam> = Vec::new();
    for e in v.iter_errors(body) {
        let name = match e.kind() {
            K::Required { property } => property.as_str().unwrap_or_default().to_string(),
            _ => field(e.instance_path().as_str()),
        };
        // One reason per field: the first the schema gives.
        if !params.iter().any(|p| p.name == name) {
            params.push(InvalidParam {
                name,
                code: code(e.kind()).into(),
                reason: reason(e.kind(), &e.to_string()),
            });
        }
    }
    Err(params)
}

/// `/targets/0/value` as `targets[0].value`, `/transport/0` as `transport`; the body itself as
/// `body`.
fn field(pointer: &str) -> String {
    let mut out = String::new();
    for part in pointer.split('/').skip(1) {
        if part.bytes().all(|b| b.is_ascii_digit()) && !part.is_empty() {
            out.push_str(&format!("[{part}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&part.replace("~1", "/").replace("~0", "~"));
        }
    }
    // An item of a list is named by its list, as the use cases name it.
    while out.ends_with(']') {
        match out.rfind('[') {
            Some(i) => out.truncate(i),
            None => break,
        }
    }
    if out.is_empty() {
        "body".into()
    } else {
        out
    }
}

fn code(kind: &K) -> &'static str {
    match kind {
        K::Required { .. } => "required",
        K::Type { .. } => "wrong_type",
        K::Enum { .. } => "unknown_code",
        K::MaxLength { .. } => "too_long",
        K::MinLength { .. } | K::Pattern { .. } => "invalid_format",
        K::Maximum { .. } | K::Minimum { .. } => "out_of_range",
        K::Format { .. } => "invalid_format",
        _ => "invalid",
    }
}

fn reason(kind: &K, fallback: &str) -> String {
    match kind {
        K::Required { property } => format!("Het veld {property} is verplicht."),
        K::Type { .. } => format!("Verkeerd soort waarde: {fallback}."),
        K::Enum { options } => format!("Kies een waarde uit de codelijst: {options}."),
        K::MaxLength { limit } => format!("Gebruik hoogstens {limit} tekens."),
        K::MinLength { .. } => "Dit veld mag niet leeg zijn.".into(),
        K::Pattern { pattern } => super::contract::pattern_reason(pattern).map_or_else(
            || format!("Past niet in de vorm {pattern}."),
            str::to_string,
        ),
        K::Maximum { limit } => format!("Hoogstens {limit}."),
        K::Minimum { limit } => format!("Minstens {limit}."),
        K::Format { format } => format!("Geen geldige waarde van de vorm {format}."),
        _ => fallback.to_string(),
    }
}

/// Whole numbers written with a fraction (`3.0`) as integers, as JSON Schema reads them.
pub fn whole_numbers(value: &mut Value) {
    match value {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => {
            if let Some(f) = n.as_f64() {
                if f.fract() == 0.0 && f.abs() <= super::contract_rules::SAFE_INTEGER as f64 {
                    *value = json!(f as i64);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers),
        Value::Object(map) => map.values_mut().for_each(whole_numbers),
        _ => {}
    }
}
