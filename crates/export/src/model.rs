//! The document model: a report of sections, each with an optional chart and its tables.

use serde::Serialize;

/// A whole report, such as the factsheet of a period.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub title: String,
    pub subtitle: String,
    /// Remarks printed under the title (for example how small numbers are hidden).
    pub notes: Vec<String>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub heading: String,
    /// A sentence shown instead of charts when the section has no data, or above them otherwise.
    pub remark: Option<String>,
    pub chart: Option<Chart>,
    pub tables: Vec<Table>,
}

/// A table with a header row; `name` is a short file-safe name for its CSV file and sheet.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub name: String,
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// One value in a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "camelCase")]
pub enum Cell {
    Text(String),
    Int(i64),
    /// A number with a fixed number of decimals.
    Num(f64, u8),
    /// A share between 0 and 1, shown as a percentage.
    Pct(f64),
    /// A count below the threshold, hidden: shown as "<threshold".
    Suppressed(u32),
    /// No value (no target, nothing to average).
    Missing,
}

/// A chart: categories along one axis, one or more series of values.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub title: String,
    pub kind: ChartKind,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// Shown where a value is missing (for example "geen doel").
    pub missing_label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ChartKind {
    /// Horizontal bars, one bar per series in each category.
    Bars,
    /// A line per series over the categories (for example months).
    Line,
}

#[derive(Debug, Clone, Serialize)]
pub struct Series {
    pub name: String,
    /// `None` where the value is unknown or hidden.
    pub values: Vec<Option<f64>>,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Self {
        Cell::Text(s.into())
    }

    /// The value as shown to a Dutch reader: thousands with a dot, decimals with a comma.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => group_thousands(*n),
            Cell::Num(x, d) => dutch_decimal(*x, *d),
            Cell::Pct(x) => format!("{}%", dutch_decimal(x * 100.0, 1)),
            Cell::Suppressed(t) => format!("<{t}"),
            Cell::Missing => "–".into(),
        }
    }

    /// The value for a machine reader (CSV): plain digits, a dot for decimals, shares as fractions.
    pub fn plain(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Num(x, d) => format!("{x:.*}", *d as usize),
            Cell::Pct(x) => format!("{x:.4}"),
            Cell::Suppressed(t) => format!("<{t}"),
            Cell::Missing => String::new(),
        }
    }

    /// Whether the cell is right-aligned in print (numbers).
    pub fn numeric(&self) -> bool {
        !matches!(self, Cell::Text(_))
    }
}

fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

fn dutch_decimal(x: f64, decimals: u8) -> String {
    let s = format!("{x:.*}", decimals as usize);
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let int_part = int
        .parse::<i64>()
        .map(group_thousands)
        .unwrap_or_else(|_| int.to_string());
    let int_part = if x < 0.0 && !int_part.starts_with('-') {
        format!("-{int_part}")
    } else {
        int_part
    };
    if frac.is_empty() {
        int_part
    } else {
        format!("{int_part},{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_number_forms() {
        assert_eq!(Cell::Int(1234567).display(), "1.234.567");
        assert_eq!(Cell::Int(-1200).display(), "-1.200");
        assert_eq!(Cell::Int(12).display(), "12");
        assert_eq!(Cell::Num(1234.5, 1).display(), "1.234,5");
        assert_eq!(Cell::Num(-0.25, 2).display(), "-0,25");
        assert_eq!(Cell::Pct(0.5634).display(), "56,3%");
        assert_eq!(Cell::Suppressed(5).display(), "<5");
        assert_eq!(Cell::Pct(0.5634).plain(), "0.5634");
    }
}
