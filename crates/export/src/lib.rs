//! Reports as documents: a small model of sections, tables and charts, written to XLSX, PDF, CSV and SVG.

pub mod csv_out;
pub mod model;
pub mod pdf;
pub mod svg;
pub mod xlsx;

pub use model::{Cell, Chart, ChartKind, Report, Section, Series, Table};

/// Writing a document failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("xlsx: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("csv: {0}")]
    Csv(String),
}
