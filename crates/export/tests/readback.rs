//! Documents written by koppel-export read back with independent readers (calamine, lopdf).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use koppel_export::{
    csv_out, pdf, svg, xlsx, Cell, Chart, ChartKind, Report, Section, Series, Table,
};

fn sample() -> Report {
    let table = Table {
        name: "plaatsingen".into(),
        caption: "Plaatsingen per doelgroep".into(),
        columns: vec![
            "Doelgroep".into(),
            "Plaatsingen".into(),
            "Doel".into(),
            "Realisatie".into(),
        ],
        rows: vec![
            vec![
                Cell::text("Oekraïne"),
                Cell::Int(1234),
                Cell::Int(80),
                Cell::Pct(0.5),
            ],
            vec![
                Cell::text("Wajong"),
                Cell::Suppressed(5),
                Cell::Missing,
                Cell::Missing,
            ],
        ],
    };
    let chart = Chart {
        title: "Plaatsingen tegen doel".into(),
        kind: ChartKind::Bars,
        categories: vec!["Oekraïne".into(), "Wajong".into()],
        series: vec![
            Series {
                name: "Plaatsingen".into(),
                values: vec![Some(1234.0), None],
            },
            Series {
                name: "Doel".into(),
                values: vec![Some(80.0), None],
            },
        ],
        missing_label: "onbekend".into(),
    };
    let trend = Chart {
        title: "Per maand".into(),
        kind: ChartKind::Line,
        categories: vec!["jan".into(), "feb".into(), "mrt".into()],
        series: vec![Series {
            name: "Plaatsingen".into(),
            values: vec![Some(3.0), Some(7.0), Some(5.0)],
        }],
        missing_label: String::new(),
    };
    Report {
        title: "Factsheet WSP".into(),
        subtitle: "1 januari 2025 – 30 juni 2025".into(),
        notes: vec!["Aantallen onder 5 zijn verborgen.".into()],
        sections: vec![
            Section {
                heading: "Plaatsingen".into(),
                remark: None,
                chart: Some(chart),
                tables: vec![table.clone()],
            },
            Section {
                heading: "Trend".into(),
                remark: Some("Geen gegevens in deze periode.".into()),
                chart: Some(trend),
                tables: vec![table],
            },
        ],
    }
}

#[test]
fn xlsx_reads_back_with_numbers_and_hidden_cells() {
    let bytes = xlsx::report_xlsx(&sample()).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    assert_eq!(
        names,
        vec![
            "Overzicht",
            "Plaatsingen per doelgroep",
            "Plaatsingen per doelgroep 2"
        ]
    );
    let sheet = book.worksheet_range("Plaatsingen per doelgroep").unwrap();
    assert_eq!(
        sheet.get_value((2, 0)),
        Some(&Data::String("Doelgroep".into()))
    );
    assert_eq!(
        sheet.get_value((3, 0)),
        Some(&Data::String("Oekraïne".into()))
    );
    assert_eq!(sheet.get_value((3, 1)), Some(&Data::Float(1234.0)));
    assert_eq!(sheet.get_value((3, 3)), Some(&Data::Float(0.5)));
    assert_eq!(sheet.get_value((4, 1)), Some(&Data::String("<5".into())));
}

#[test]
fn pdf_reads_back_as_text() {
    let bytes = pdf::report_pdf(&sample());
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    assert!(!pages.is_empty());
    let text = doc.extract_text(&pages).unwrap();
    for expected in [
        "Factsheet WSP",
        "Plaatsingen per doelgroep",
        "Oekraïne",
        "1.234",
        "50,0%",
        "<5",
        "Geen gegevens in deze periode.",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from {text}");
    }
}

#[test]
fn long_reports_break_into_pages() {
    let mut report = sample();
    let many = Table {
        name: "lang".into(),
        caption: "Lang".into(),
        columns: vec!["Naam".into(), "Aantal".into()],
        rows: (0..200)
            .map(|i| vec![Cell::text(format!("rij {i}")), Cell::Int(i)])
            .collect(),
    };
    report.sections[0].tables.push(many);
    let doc = lopdf::Document::load_mem(&pdf::report_pdf(&report)).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    assert!(pages.len() >= 4, "{} pages", pages.len());
    let last = doc.extract_text(&pages[pages.len() - 1..]).unwrap();
    assert!(last.contains("rij 199"), "{last}");
}

#[test]
fn csv_uses_plain_values() {
    let csv = csv_out::table_csv(&sample().sections[0].tables[0]).unwrap();
    assert_eq!(
        csv,
        "Doelgroep,Plaatsingen,Doel,Realisatie\nOekraïne,1234,80,0.5000\nWajong,<5,,\n"
    );
}

#[test]
fn svg_charts_are_labelled_images() {
    let report = sample();
    let bars = svg::chart_svg(report.sections[0].chart.as_ref().unwrap(), "c1");
    assert!(
        bars.starts_with("<svg")
            && bars.contains(r#"role="img""#)
            && bars.contains("<title id=\"c1-title\">Plaatsingen tegen doel</title>")
    );
    assert!(bars.contains(">1234<") && bars.contains("onbekend"));
    let line = svg::chart_svg(report.sections[1].chart.as_ref().unwrap(), "c2");
    assert!(line.contains("<polyline") && line.contains(">mrt<"));
}
