//! A table as CSV (RFC 4180, UTF-8, header row), with machine-readable values. Text that a
//! spreadsheet would run as a formula is neutralised (OWASP, CSV injection).

use std::borrow::Cow;

use crate::{Cell, ExportError, Table};

pub fn table_csv(table: &Table) -> Result<String, ExportError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| ExportError::Csv(e.to_string());
    w.write_record(table.columns.iter().map(|c| csv_safe(c).into_owned()))
        .map_err(err)?;
    for row in &table.rows {
        w.write_record(row.iter().map(|c| match c {
            Cell::Text(s) => csv_safe(s).into_owned(),
            other => other.plain(),
        }))
        .map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ExportError::Csv(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ExportError::Csv(e.to_string()))
}

/// Text as a spreadsheet may read it from CSV: a value starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading apostrophe, so it is shown as text and never run as a formula.
pub fn csv_safe(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        let table = Table {
            name: "t".into(),
            caption: String::new(),
            columns: vec!["naam".into(), "saldo".into()],
            rows: vec![vec![Cell::text("=HYPERLINK(\"http://x\")"), Cell::Int(-5)]],
        };
        let csv = table_csv(&table).unwrap_or_default();
        assert!(csv.contains("'=HYPERLINK"), "{csv}");
        assert!(csv.contains(",-5"), "{csv}");
        for bad in ["+1", "-x", "@SUM(A1)", "\tx", "\rx"] {
            assert!(csv_safe(bad).starts_with('\''));
        }
        assert_eq!(csv_safe("Bakkerij"), "Bakkerij");
    }
}
