//! Reading an import file: CSV (comma or semicolon, UTF-8) or XLSX (the first sheet), as a header
//! row and data rows that keep their line numbers.

use std::collections::BTreeMap;
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

/// Limits of an XLSX file, checked before anything is allocated for it: a small file can
/// describe a sheet of 17 billion cells, or unpack to gigabytes.
pub mod limits {
    /// The most a workbook may unpack to, all its parts together.
    pub const UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
    /// The most parts (files) a workbook may hold.
    pub const PARTS: usize = 1_000;
    /// The most columns a sheet may use (column IV).
    pub const COLUMNS: u32 = 256;
    /// The most rows a sheet may use.
    pub const ROWS: u32 = 1_048_576;
    /// The most cells the first sheet may hold, empty ones included.
    pub const CELLS: usize = 10_000_000;
}

/// Refuses a workbook whose parts would unpack beyond the limits, reading only its directory.
fn check_unpacked_size(file_name: &str, bytes: &[u8]) -> Result<(), AppError> {
    let unreadable = |e: zip::result::ZipError| {
        file_error(format!("{file_name}: geen leesbaar XLSX-bestand ({e})."))
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    if zip.len() > limits::PARTS {
        return Err(file_error(format!(
            "{file_name}: het werkboek bestaat uit meer dan {} delen.",
            limits::PARTS
        )));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        total = total.saturating_add(zip.by_index_raw(i).map_err(unreadable)?.size());
    }
    if total > limits::UNPACKED_BYTES {
        return Err(file_error(format!(
            "{file_name}: het werkboek is uitgepakt groter dan {} MB.",
            limits::UNPACKED_BYTES / 1024 / 1024
        )));
    }
    Ok(())
}

fn read_xlsx(file_name: &str, bytes: &[u8]) -> Result<Sheet, AppError> {
    check_unpacked_size(file_name, bytes)?;
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| file_error(format!("{file_name}: geen leesbaar XLSX-bestand ({e}).")))?;
    let Some(name) = book.sheet_names().first().cloned() else {
        return Err(file_error(format!(
            "{file_name}: het werkboek heeft geen bladen."
        )));
    };
    let cells = sparse_cells(file_name, &mut book, &name)?;
    Ok(rows_of(cells))
}

/// The non-empty cells of a sheet by row, streamed one at a time (never as a dense range), within
/// the limits.
fn sparse_cells(
    file_name: &str,
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
) -> Result<BTreeMap<u32, Vec<(u32, String)>>, AppError> {
    let too_large = |what: String| file_error(format!("{file_name}: {what}"));
    let mut reader = book
        .worksheet_cells_reader(name)
        .map_err(|e| file_error(format!("{file_name}: {e}")))?;
    let mut rows: BTreeMap<u32, Vec<(u32, String)>> = BTreeMap::new();
    let mut seen = 0usize;
    while let Some(cell) = reader
        .next_cell()
        .map_err(|e| file_error(format!("{file_name}: {e}")))?
    {
        seen += 1;
        if seen > limits::CELLS {
            return Err(too_large(format!(
                "het eerste blad heeft meer dan {} cellen.",
                limits::CELLS
            )));
        }
        let (row, col) = cell.get_position();
        if col >= limits::COLUMNS {
            return Err(too_large(format!(
                "het eerste blad gebruikt meer dan {} kolommen.",
                limits::COLUMNS
            )));
        }
        if row >= limits::ROWS {
            return Err(too_large(format!(
                "het eerste blad gebruikt meer dan {} regels.",
                limits::ROWS
            )));
        }
        let text = cell_text(&Data::from(cell.get_value().clone()));
        if !text.is_empty() {
            rows.entry(row).or_default().push((col, text));
        }
    }
    Ok(rows)
}

/// The header row (the first row with data) and the data rows, columns counted from the leftmost
/// column with data; `line` is the spreadsheet's own row number.
fn rows_of(cells: BTreeMap<u32, Vec<(u32, String)>>) -> Sheet {
    let first_col = cells
        .values()
        .flat_map(|r| r.iter().map(|c| c.0))
        .min()
        .unwrap_or(0);
    let width = cells
        .values()
        .flat_map(|r| r.iter().map(|c| c.0 + 1 - first_col))
        .max()
        .unwrap_or(0) as usize;
    let dense = |r: Vec<(u32, String)>| {
        let mut out = vec![String::new(); width];
        for (col, text) in r {
            out[(col - first_col) as usize] = text;
        }
        out
    };
    let mut iter = cells.into_iter();
    let headers = iter.next().map(|(_, r)| dense(r)).unwrap_or_default();
    let rows = iter
        .map(|(row, r)| (i64::from(row) + 1, dense(r)))
        .collect();
    Sheet {
        headers,
        rows,
        ..Default::default()
    }
}
