//! A report (the factsheet, an evaluation) made ready for a template: cells formatted and charts
//! drawn as SVG, for a page or as one self-contained HTML file; and the period and selection form
//! shown above figures.

use askama::Template;
use koppel_export::{Report, Table};

/// A report ready for the template: cells formatted, charts as SVG.
pub struct ReportView {
    pub title: String,
    pub subtitle: String,
    pub notes: Vec<String>,
    pub sections: Vec<SectionView>,
}

pub struct SectionView {
    pub heading: String,
    pub remark: Option<String>,
    pub svg: Option<String>,
    pub tables: Vec<TableView>,
}

pub struct TableView {
    pub caption: String,
    pub csv_href: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<(String, bool)>>,
}

/// `csv_base`: the download address tables link their CSV to (empty: no links).
pub fn report_view(report: &Report, csv_base: &str) -> ReportView {
    let table = |t: &Table| TableView {
        caption: t.caption.clone(),
        csv_href: if csv_base.is_empty() {
            String::new()
        } else {
            format!("{csv_base}&formaat=csv&tabel={}", t.name)
        },
        columns: t.columns.clone(),
        rows: t
            .rows
            .iter()
            .map(|r| r.iter().map(|c| (c.display(), c.numeric())).collect())
            .collect(),
    };
    ReportView {
        title: report.title.clone(),
        subtitle: report.subtitle.clone(),
        notes: report.notes.clone(),
        sections: report
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| SectionView {
                heading: s.heading.clone(),
                remark: s.remark.clone(),
                svg: s
                    .chart
                    .as_ref()
                    .map(|c| koppel_export::svg::chart_svg(c, &format!("grafiek-{i}"))),
                tables: s.tables.iter().map(table).collect(),
            })
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "report_standalone.html")]
struct Standalone {
    report: ReportView,
}

/// A report as one self-contained HTML file (for `koppel report --format html`).
pub fn standalone_html(report: &Report) -> Result<String, askama::Error> {
    Standalone {
        report: report_view(report, ""),
    }
    .render()
}

/// The period and selection form above figures.
pub struct FilterForm {
    pub action: &'static str,
    pub errors: Vec<String>,
    pub from: String,
    pub to: String,
    pub layout: String,
    /// Empty where no layout can be chosen (the start page).
    pub layouts: Vec<(String, String)>,
    pub organisation: String,
    pub organisations: Vec<(String, String)>,
    pub subregion: String,
    pub subregions: Vec<String>,
    pub cluster: String,
    pub clusters: Vec<(String, String)>,
}
