//! What the server enforces, written into the OpenAPI document: code lists as enums, required and
//! non-blank fields, lengths, patterns, ranges and formats of request bodies and query parameters,
//! and the form of `If-Match`, from the table in `contract_rules`. The input types stay lenient for
//! the browser's forms; the table is where the API's promise is kept, and schemathesis holds the
//! server to it.

pub use super::contract_rules::pattern_reason;
use super::contract_rules::Rule::{self, *};
use super::contract_rules::SAFE_INTEGER;
use super::contract_rules::{BODIES, DATE, QUERIES, REQUIRED};
use serde_json::Value;
use utoipa::openapi::path::ParameterIn;
use utoipa::openapi::schema::{Schema, SchemaFormat, SchemaType, Type};
use utoipa::openapi::{KnownFormat, OpenApi, RefOr};

/// Writes the rules into `api`.
pub fn apply(api: &mut OpenApi) {
    if let Some(components) = api.components.as_mut() {
        for (schema, property, rule) in BODIES {
            if let Some(RefOr::T(Schema::Object(o))) = components.schemas.get_mut(*schema) {
                if let Some(RefOr::T(s)) = o.properties.get_mut(*property) {
                    constrain(s, *rule);
                }
            }
        }
        for schema in components.schemas.values_mut() {
            if let RefOr::T(Schema::Object(o)) = schema {
                for property in o.properties.values_mut() {
                    if let RefOr::T(s) = property {
                        int64_bounds(s);
                    }
                }
            }
        }
        for (schema, required) in REQUIRED {
            if let Some(RefOr::T(Schema::Object(o))) = components.schemas.get_mut(*schema) {
                for r in *required {
                    if !o.required.iter().any(|x| x == r) {
                        o.required.push(r.to_string());
                    }
                }
            }
        }
    }
    for (path, item) in api.paths.paths.iter_mut() {
        for op in operations(item) {
            for p in op.parameters.iter_mut().flatten() {
                let name = p.name.clone();
                let required = matches!(p.required, utoipa::openapi::Required::True);
                let schema = p.schema.as_mut();
                match (&p.parameter_in, schema) {
                    (ParameterIn::Header, Some(RefOr::T(s))) if name == "If-Match" => {
                        constrain(s, Pattern(r#"^(W/)?"?[0-9]{1,18}"?$"#));
                    }
                    (ParameterIn::Query, Some(RefOr::T(s))) => {
                        if let Some((_, _, rule)) =
                            QUERIES.iter().find(|(q, n, _)| q == path && *n == name)
                        {
                            constrain(s, *rule);
                            if !required {
                                empty_is_absent(s);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

/// A 64-bit whole number in a body says its bounds, which a validator checks (the format alone it
/// does not): the integers JSON carries exactly, so a number is never silently rounded.
fn int64_bounds(schema: &mut Schema) {
    if let Schema::Object(o) = schema {
        let int64 = matches!(
            &o.format,
            Some(SchemaFormat::KnownFormat(KnownFormat::Int64))
        );
        if int64 {
            o.minimum.get_or_insert((-SAFE_INTEGER).into());
            o.maximum.get_or_insert(SAFE_INTEGER.into());
        }
    }
}

/// An empty query parameter (`?sector=`, as a form sends an unset choice) means no filter.
fn empty_is_absent(schema: &mut Schema) {
    if let Schema::Object(o) = schema {
        if let Some(values) = o.enum_values.as_mut() {
            values.push(Value::String(String::new()));
        }
        if let Some(p) = o.pattern.as_mut() {
            *p = optional(p);
        }
    }
}

/// A pattern that an empty text matches too.
fn optional(pattern: &str) -> String {
    format!(
        "^(?:{})?$",
        pattern.trim_start_matches('^').trim_end_matches('$')
    )
}

fn operations(
    item: &mut utoipa::openapi::path::PathItem,
) -> impl Iterator<Item = &mut utoipa::openapi::path::Operation> {
    [
        item.get.as_mut(),
        item.put.as_mut(),
        item.post.as_mut(),
        item.delete.as_mut(),
        item.patch.as_mut(),
    ]
    .into_iter()
    .flatten()
}

/// Narrows one schema by a rule; a nullable one stays nullable.
fn constrain(schema: &mut Schema, rule: Rule) {
    match schema {
        Schema::Object(o) => {
            let nullable =
                matches!(&o.schema_type, SchemaType::Array(ts) if ts.contains(&Type::Null));
            match rule {
                Codes(list) => {
                    let mut values: Vec<Value> = list().into_iter().map(Value::String).collect();
                    if nullable {
                        // An optional choice left empty is no choice.
                        values.extend([Value::Null, Value::String(String::new())]);
                    }
                    o.enum_values = Some(values);
                }
                Filled(max) => {
                    o.min_length = Some(1);
                    o.max_length = Some(max);
                    o.pattern = Some(r"\S".into());
                }
                Max(max) => o.max_length = Some(max),
                Pattern(p) if nullable => o.pattern = Some(optional(p)),
                Pattern(p) => o.pattern = Some(p.into()),
                Range(min, max) => {
                    o.minimum = Some(min.into());
                    o.maximum = Some(max.into());
                }
                Date => {
                    // The pattern says the form; the format, that it is a real day. An optional
                    // date is left out or null, never empty.
                    o.format = Some(SchemaFormat::KnownFormat(KnownFormat::Date));
                    o.pattern = Some(DATE.into());
                }
                EachCode(_) | EachPattern(_) | EachMax(_) => {}
            }
        }
        Schema::Array(a) => {
            let each = match rule {
                EachCode(list) => Codes(list),
                EachPattern(p) => Pattern(p),
                EachMax(max) => Max(max),
                _ => return,
            };
            if let utoipa::openapi::schema::ArrayItems::RefOrSchema(item) = &mut a.items {
                if let RefOr::T(s) = item.as_mut() {
                    constrain(s, each);
                }
            }
        }
        _ => {}
    }
}
