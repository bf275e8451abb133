//! How the columns of a file feed an import's fields: an explicit mapping first, then the
//! column's name or one of its Dutch aliases; the fields of each row by field name.

use std::collections::HashMap;

use super::{ImportOptions, Kind, Sheet};
use crate::AppError;

/// The fields of a row by field name.
pub(crate) type Record = HashMap<&'static str, String>;

/// Which field each column feeds: the explicit mapping first, then the column's name or alias.
fn map_columns(
    headers: &[String],
    options: &ImportOptions,
    fields: &[(&'static str, &[&str])],
) -> Result<Vec<Option<&'static str>>, AppError> {
    let norm = |s: &str| {
        s.to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    let mut errors = koppel_domain::FieldErrors::new();
    for (column, field) in &options.mapping {
        if !headers.iter().any(|h| h == column) {
            errors.push(
                "mapping",
                "unknown_column",
                format!("De kolom '{column}' staat niet in het bestand."),
            );
        }
        if !fields.iter().any(|(f, _)| f == field) {
            let known: Vec<&str> = fields.iter().map(|(f, _)| *f).collect();
            errors.push(
                "mapping",
                "unknown_field",
                format!("Onbekend veld '{field}'; kies uit {}.", known.join(", ")),
            );
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(headers
        .iter()
        .map(|h| {
            if let Some((_, f)) = options.mapping.iter().find(|(c, _)| c == h) {
                return fields
                    .iter()
                    .find(|(name, _)| name == f)
                    .map(|(name, _)| *name);
            }
            fields
                .iter()
                .find(|(name, aliases)| {
                    norm(name) == norm(h) || aliases.iter().any(|a| norm(a) == norm(h))
                })
                .map(|(name, _)| *name)
        })
        .collect())
}

pub(super) fn record(columns: &[Option<&'static str>], cells: &[String]) -> Record {
    columns
        .iter()
        .zip(cells)
        .filter_map(|(f, v)| f.map(|f| (f, v.clone())))
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

/// A field holding a list (items separated by commas or new lines).
pub(crate) fn list(r: &Record, field: &str) -> crate::input::List {
    crate::input::List(
        r.get(field)
            .map(String::as_str)
            .unwrap_or("")
            .split([',', '\n'])
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
    )
}

/// Which field each column feeds, or which required fields no column feeds.
pub(super) fn columns_of<K: Kind>(
    sheet: &Sheet,
    options: &ImportOptions,
) -> Result<Vec<Option<&'static str>>, AppError> {
    let columns = map_columns(&sheet.headers, options, K::FIELDS)?;
    let missing: Vec<&str> = K::REQUIRED
        .iter()
        .copied()
        .filter(|f| !columns.contains(&Some(*f)))
        .collect();
    if !missing.is_empty() {
        let mut e = koppel_domain::FieldErrors::new();
        e.push(
            "mapping",
            "missing_columns",
            format!("Het bestand mist een kolom voor: {}.", missing.join(", ")),
        );
        return Err(AppError::Invalid(e));
    }
    Ok(columns)
}
