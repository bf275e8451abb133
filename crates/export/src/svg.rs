//! Charts as inline SVG for the browser: horizontal bars or lines, labelled, with a legend.
//! Each chart is meant to sit next to its data table, which is the accessible alternative.

use std::fmt::Write;

use crate::{Chart, ChartKind};

const COLOURS: [&str; 4] = ["#1d4f91", "#e07b00", "#4a8c3a", "#7a3e9d"];
const WIDTH: f64 = 640.0;

pub fn chart_svg(chart: &Chart, id: &str) -> String {
    match chart.kind {
        ChartKind::Bars => bars(chart, id),
        ChartKind::Line => lines(chart, id),
    }
}

fn max_value(chart: &Chart) -> f64 {
    chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .fold(0.0_f64, |a, &b| a.max(b))
        .max(1.0)
}

fn open(out: &mut String, chart: &Chart, id: &str, height: f64) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="{id}-title" class="chart"><title id="{id}-title">{}</title>"#,
        escape(&chart.title)
    );
}

fn legend(out: &mut String, chart: &Chart, y: f64) {
    let mut x = 10.0;
    for (i, s) in chart.series.iter().enumerate() {
        let _ = write!(
            out,
            r#"<rect x="{x}" y="{}" width="12" height="12" fill="{}"/><text x="{}" y="{}" font-size="12">{}</text>"#,
            y - 10.0,
            COLOURS[i % COLOURS.len()],
            x + 16.0,
            y,
            escape(&s.name)
        );
        x += 30.0 + 7.0 * s.name.chars().count() as f64;
    }
}

fn bars(chart: &Chart, id: &str) -> String {
    let longest = chart
        .categories
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(10);
    let label_w = (longest as f64 * 7.0 + 16.0).clamp(80.0, 300.0);
    let bar_h = 14.0;
    let group_h = bar_h * chart.series.len().max(1) as f64 + 10.0;
    let height = 30.0 + group_h * chart.categories.len() as f64 + 10.0;
    let scale = (WIDTH - label_w - 60.0) / max_value(chart);
    let mut out = String::new();
    open(&mut out, chart, id, height);
    legend(&mut out, chart, 16.0);
    for (ci, cat) in chart.categories.iter().enumerate() {
        let y0 = 30.0 + group_h * ci as f64;
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="12" text-anchor="end">{}</text>"#,
            label_w - 8.0,
            y0 + group_h / 2.0,
            escape(cat)
        );
        for (si, s) in chart.series.iter().enumerate() {
            let y = y0 + bar_h * si as f64;
            let Some(v) = s.values.get(ci).copied().flatten() else {
                let _ = write!(
                    out,
                    r##"<text x="{label_w}" y="{}" font-size="11" fill="#555">{}</text>"##,
                    y + bar_h - 3.0,
                    escape(&chart.missing_label)
                );
                continue;
            };
            let w = (v * scale).max(0.5);
            let _ = write!(
                out,
                r#"<rect x="{label_w}" y="{y}" width="{w:.1}" height="{}" fill="{}"/><text x="{:.1}" y="{}" font-size="11">{}</text>"#,
                bar_h - 2.0,
                COLOURS[si % COLOURS.len()],
                label_w + w + 4.0,
                y + bar_h - 3.0,
                number(v)
            );
        }
    }
    out.push_str("</svg>");
    out
}

fn lines(chart: &Chart, id: &str) -> String {
    let height = 240.0;
    let (left, right, top, bottom) = (40.0, WIDTH - 36.0, 30.0, height - 30.0);
    let max = max_value(chart);
    let n = chart.categories.len().max(1);
    let step = if n > 1 {
        (right - left) / (n - 1) as f64
    } else {
        0.0
    };
    let y_of = |v: f64| bottom - (bottom - top) * v / max;
    let mut out = String::new();
    open(&mut out, chart, id, height);
    legend(&mut out, chart, 16.0);
    let _ = write!(
        out,
        r##"<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#888"/><text x="{}" y="{}" font-size="11" text-anchor="end">{}</text><text x="{}" y="{bottom}" font-size="11" text-anchor="end">0</text>"##,
        left - 4.0,
        top + 4.0,
        number(max),
        left - 4.0
    );
    for (i, cat) in chart.categories.iter().enumerate() {
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{}" font-size="11" text-anchor="middle">{}</text>"#,
            left + step * i as f64,
            bottom + 16.0,
            escape(cat)
        );
    }
    for (si, s) in chart.series.iter().enumerate() {
        let colour = COLOURS[si % COLOURS.len()];
        let points: Vec<String> = s
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| format!("{:.1},{:.1}", left + step * i as f64, y_of(v))))
            .collect();
        let _ = write!(
            out,
            r#"<polyline fill="none" stroke="{colour}" stroke-width="2" points="{}"/>"#,
            points.join(" ")
        );
        for p in &points {
            let (x, y) = p.split_once(',').unwrap_or(("0", "0"));
            let _ = write!(out, r#"<circle cx="{x}" cy="{y}" r="3" fill="{colour}"/>"#);
        }
    }
    out.push_str("</svg>");
    out
}

fn number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}").replace('.', ",")
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
