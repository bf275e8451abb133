//! The VUM selection language: field paths (dotted, reaching into arrays) with explicit operators
//! `$eq`, `$gt`, `$gte`, `$lt`, `$lte`, `$all` and `$elemMatch`, and `$or` over whole queries.
//! A query is parsed once (anything outside the language is refused, saying what and where) and
//! then evaluated against JSON documents with MongoDB's semantics for arrays.

use serde_json::{Map, Value};

/// Why a selection query is outside the language; `at` is the path inside the query.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{at}: {message}")]
pub struct SelectionError {
    pub at: String,
    pub message: String,
}

fn err(at: &str, message: impl Into<String>) -> SelectionError {
    SelectionError {
        at: at.to_string(),
        message: message.into(),
    }
}

/// A parsed query: all its clauses must hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    clauses: Vec<Clause>,
}

#[derive(Debug, Clone, PartialEq)]
enum Clause {
    Field { path: Vec<String>, conds: Vec<Cond> },
    Or(Vec<Query>),
}

#[derive(Debug, Clone, PartialEq)]
enum Cond {
    Eq(Value),
    Cmp(Op, Value),
    All(Vec<AllItem>),
    ElemMatch(Query),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Gt,
    Gte,
    Lt,
    Lte,
}

#[derive(Debug, Clone, PartialEq)]
enum AllItem {
    Value(Value),
    ElemMatch(Query),
}

impl Query {
    /// Parses a query object. `skip` names top-level fields that are not criteria (such as
    /// `selectiegebied`); `known` lists the fields a source supports: criteria on other fields
    /// have no effect, as the standard prescribes (`None`: every field counts).
    pub fn parse(
        value: &Value,
        skip: &[&str],
        known: Option<&[&str]>,
    ) -> Result<Self, SelectionError> {
        parse_query(value, "", skip, known)
    }

    /// Whether `doc` satisfies every clause.
    pub fn matches(&self, doc: &Value) -> bool {
        self.clauses.iter().all(|c| match c {
            Clause::Or(options) => options.iter().any(|q| q.matches(doc)),
            Clause::Field { path, conds } => {
                let values = resolve(doc, path);
                conds.iter().all(|c| holds(c, &values))
            }
        })
    }

    /// Whether the query has no criteria at all.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }
}

/// The query operators of MongoDB's language. Those the contract does not describe are accepted
/// and have no effect (the contract's rule for criteria outside a version); any other `$` name
/// is outside the language and refused.
const MONGO_OPERATORS: &[&str] = &[
    "$eq",
    "$ne",
    "$gt",
    "$gte",
    "$lt",
    "$lte",
    "$in",
    "$nin",
    "$and",
    "$or",
    "$nor",
    "$not",
    "$exists",
    "$type",
    "$expr",
    "$jsonSchema",
    "$mod",
    "$regex",
    "$options",
    "$text",
    "$where",
    "$geoIntersects",
    "$geoWithin",
    "$near",
    "$nearSphere",
    "$all",
    "$elemMatch",
    "$size",
    "$bitsAllClear",
    "$bitsAllSet",
    "$bitsAnyClear",
    "$bitsAnySet",
    "$comment",
];

fn object<'a>(value: &'a Value, at: &str) -> Result<&'a Map<String, Value>, SelectionError> {
    value
        .as_object()
        .ok_or_else(|| err(at, "verwacht een object"))
}

fn join(at: &str, key: &str) -> String {
    if at.is_empty() {
        key.to_string()
    } else {
        format!("{at}.{key}")
    }
}

fn parse_query(
    value: &Value,
    at: &str,
    skip: &[&str],
    known: Option<&[&str]>,
) -> Result<Query, SelectionError> {
    let mut clauses = Vec::new();
    for (key, v) in object(value, if at.is_empty() { "selectie" } else { at })? {
        let here = join(at, key);
        if key == "$or" {
            let options = v
                .as_array()
                .filter(|a| !a.is_empty())
                .ok_or_else(|| err(&here, "$or verwacht een niet-lege lijst van selecties"))?;
            let parsed = options
                .iter()
                .enumerate()
                .map(|(i, q)| parse_query(q, &format!("{here}[{i}]"), &[], known))
                .collect::<Result<Vec<_>, _>>()?;
            clauses.push(Clause::Or(parsed));
        } else if key.starts_with('$') {
            if !MONGO_OPERATORS.contains(&key.as_str()) {
                return Err(err(&here, format!("onbekende operator {key}")));
            }
            // A query operator of the language outside what the contract describes: no effect.
        } else if skip.contains(&key.as_str()) {
            continue;
        } else {
            let conds = parse_conditions(v, &here)?;
            if known.is_none_or(|k| k.contains(&key.as_str())) {
                clauses.push(Clause::Field {
                    path: key.split('.').map(String::from).collect(),
                    conds,
                });
            }
        }
    }
    Ok(Query { clauses })
}

fn parse_conditions(value: &Value, at: &str) -> Result<Vec<Cond>, SelectionError> {
    let map = value.as_object().filter(|m| !m.is_empty()).ok_or_else(|| {
        err(
            at,
            "verwacht een object met een operator, zoals {\"$eq\": ...}",
        )
    })?;
    let mut conds = Vec::new();
    for (op, v) in map {
        let here = join(at, op);
        let scalar = |v: &Value| -> Result<Value, SelectionError> {
            match v {
                Value::String(_) | Value::Number(_) | Value::Bool(_) => Ok(v.clone()),
                _ => Err(err(&here, "verwacht een tekst, getal of waarheidswaarde")),
            }
        };
        conds.push(match op.as_str() {
            "$eq" => Cond::Eq(scalar(v)?),
            "$gt" => Cond::Cmp(Op::Gt, scalar(v)?),
            "$gte" => Cond::Cmp(Op::Gte, scalar(v)?),
            "$lt" => Cond::Cmp(Op::Lt, scalar(v)?),
            "$lte" => Cond::Cmp(Op::Lte, scalar(v)?),
            "$elemMatch" => Cond::ElemMatch(parse_query(v, &here, &[], None)?),
            "$all" => {
                let items = v
                    .as_array()
                    .filter(|a| !a.is_empty())
                    .ok_or_else(|| err(&here, "$all verwacht een niet-lege lijst"))?;
                let mut all = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let at_i = format!("{here}[{i}]");
                    all.push(match item.as_object() {
                        Some(m) if m.len() == 1 && m.contains_key("$elemMatch") => {
                            AllItem::ElemMatch(parse_query(
                                &m["$elemMatch"],
                                &join(&at_i, "$elemMatch"),
                                &[],
                                None,
                            )?)
                        }
                        Some(_) => {
                            return Err(err(&at_i, "verwacht een waarde of {\"$elemMatch\": ...}"))
                        }
                        None => AllItem::Value(scalar(item)?),
                    });
                }
                Cond::All(all)
            }
            other if MONGO_OPERATORS.contains(&other) => continue,
            other => return Err(err(&here, format!("onbekende operator {other}"))),
        });
    }
    Ok(conds)
}

/// The values at `path` in `doc`, stepping into every element of arrays on the way.
fn resolve<'a>(doc: &'a Value, path: &[String]) -> Vec<&'a Value> {
    let Some((first, rest)) = path.split_first() else {
        return vec![doc];
    };
    match doc {
        Value::Object(m) => m.get(first).map(|v| resolve(v, rest)).unwrap_or_default(),
        Value::Array(items) => items.iter().flat_map(|v| resolve(v, path)).collect(),
        _ => Vec::new(),
    }
}

/// The candidates a condition is tested against: each value, and each element of an array value.
fn leaves<'a>(values: &[&'a Value]) -> Vec<&'a Value> {
    values
        .iter()
        .flat_map(|v| match v {
            Value::Array(items) => items.iter().collect::<Vec<_>>(),
            other => vec![*other],
        })
        .collect()
}

fn compare(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64()?.partial_cmp(&y.as_f64()?),
        (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

fn equal(a: &Value, b: &Value) -> bool {
    compare(a, b).map(|o| o.is_eq()).unwrap_or(a == b)
}

fn holds(cond: &Cond, values: &[&Value]) -> bool {
    match cond {
        Cond::Eq(v) => leaves(values).iter().any(|x| equal(x, v)),
        Cond::Cmp(op, v) => leaves(values).iter().any(|x| {
            compare(x, v).is_some_and(|o| match op {
                Op::Gt => o.is_gt(),
                Op::Gte => o.is_ge(),
                Op::Lt => o.is_lt(),
                Op::Lte => o.is_le(),
            })
        }),
        Cond::ElemMatch(q) => values.iter().any(|v| {
            v.as_array()
                .is_some_and(|items| items.iter().any(|e| q.matches(e)))
        }),
        Cond::All(items) => items.iter().all(|item| match item {
            AllItem::Value(v) => leaves(values).iter().any(|x| equal(x, v)),
            AllItem::ElemMatch(q) => values.iter().any(|v| {
                v.as_array()
                    .is_some_and(|items| items.iter().any(|e| q.matches(e)))
            }),
        }),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use serde_json::json;

    use super::*;

    #[test]
    fn unknown_operators_and_shapes_are_refused_with_their_place() {
        let q = |v: Value| Query::parse(&v, &["selectiegebied"], None);
        assert_eq!(
            q(json!({"rijbewijs": {"$within": ["B"]}})).unwrap_err().at,
            "rijbewijs.$within"
        );
        assert_eq!(q(json!({"rijbewijs": "B"})).unwrap_err().at, "rijbewijs");
        assert_eq!(q(json!({"$also": []})).unwrap_err().at, "$also");
        assert_eq!(q(json!({"x": {"$all": []}})).unwrap_err().at, "x.$all");
        assert_eq!(
            q(json!({"$or": [{"a": {"$eq": 1}}, {"b": {"$like": "x"}}]}))
                .unwrap_err()
                .at,
            "$or[1].b.$like"
        );
        // Operators of the language that the contract does not describe have no effect.
        let ignored =
            q(json!({"rijbewijs": {"$in": ["B"]}, "$and": [], "b": {"$regex": "x"}})).unwrap();
        assert!(ignored.matches(&json!({})));
        assert!(
            q(json!({"selectiegebied": {"postcode": "2011AB", "afstand": 10}}))
                .unwrap()
                .is_empty()
        );
    }
}
