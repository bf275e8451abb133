//! A table as CSV (RFC 4180, UTF-8, header row), with machine-readable values.

use crate::{ExportError, Table};

pub fn table_csv(table: &Table) -> Result<String, ExportError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| ExportError::Csv(e.to_string());
    w.write_record(&table.columns).map_err(err)?;
    for row in &table.rows {
        w.write_record(row.iter().map(|c| c.plain())).map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ExportError::Csv(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ExportError::Csv(e.to_string()))
}
