//! Reading an import file: CSV (comma or semicolon, UTF-8) or XLSX (the first sheet), as a header
//! row and data rows that keep their line numbers.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use koppel_domain::FieldErrors;

use crate::AppError;

/// The rows of a file: `line` counts from 1 (the header).
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<(i64, Vec<String>)>,
    /// Rows that could not be read into cells, by line, with the reason.
    pub invalid: std::collections::HashMap<i64, String>,
}

fn file_error(message: String) -> AppError {
    let mut e = FieldErrors::new();
    e.push("file", "unreadable_file", message);
    AppError::Invalid(e)
}

/// Reads `bytes` as XLSX when the name ends in `.xlsx`, otherwise as CSV.
pub fn read(file_name: &str, bytes: &[u8]) -> Result<Sheet, AppError> {
    let sheet = if file_name.to_lowercase().ends_with(".xlsx") {
        read_xlsx(file_name, bytes)?
    } else {
        read_csv(file_name, bytes)?
    };
    if sheet.headers.iter().all(|h| h.trim().is_empty()) {
        return Err(file_error(format!(
            "{file_name}: de eerste regel moet de kolomnamen bevatten."
        )));
    }
    Ok(sheet)
}

fn read_csv(file_name: &str, bytes: &[u8]) -> Result<Sheet, AppError> {
    let text =
        std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(|e| {
            file_error(format!(
                "{file_name}: geen UTF-8-tekst (byte {}).",
                e.valid_up_to()
            ))
        })?;
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| file_error(format!("{file_name}: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| file_error(format!("{file_name}: {e}")))?;
        let line = record.position().map(|p| p.line() as i64).unwrap_or(0);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push((line, record.iter().map(|c| c.trim().to_string()).collect()));
    }
    Ok(Sheet {
        headers,
        rows,
        ..Default::default()
    })
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => {
            if *b {
                "ja".into()
            } else {
                "nee".into()
            }
        }
        // Excel counts days from 30 December 1899.
        Data::DateTime(dt) => chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|d| d.checked_add_signed(chrono::Duration::days(dt.as_f64().floor() as i64)))
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn read_xlsx(file_name: &str, bytes: &[u8]) -> Result<Sheet, AppError> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| file_error(format!("{file_name}: geen leesbaar XLSX-bestand ({e}).")))?;
    let Some(name) = book.sheet_names().first().cloned() else {
        return Err(file_error(format!(
            "{file_name}: het werkboek heeft geen bladen."
        )));
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| file_error(format!("{file_name}: {e}")))?;
    let (first_row, _) = range.start().unwrap_or((0, 0));
    let mut rows_iter = range.rows();
    let headers: Vec<String> = rows_iter
        .next()
        .map(|r| r.iter().map(cell_text).collect())
        .unwrap_or_default();
    let mut rows = Vec::new();
    for (i, r) in rows_iter.enumerate() {
        let cells: Vec<String> = r.iter().map(cell_text).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        rows.push((first_row as i64 + i as i64 + 2, cells));
    }
    Ok(Sheet {
        headers,
        rows,
        ..Default::default()
    })
}
