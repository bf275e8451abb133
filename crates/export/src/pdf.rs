//! A report as a PDF (A4, the standard Helvetica fonts in WinAnsi encoding): title, notes, and per
//! section its chart drawn as bars or lines and its tables, with page breaks where needed.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::{Cell, Chart, ChartKind, Report, Table};

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 50.0;
const COLOURS: [(f32, f32, f32); 4] = [
    (0.11, 0.31, 0.57),
    (0.88, 0.48, 0.0),
    (0.29, 0.55, 0.23),
    (0.48, 0.24, 0.62),
];

/// Lays pages out top to bottom; each page is one content stream.
struct Writer {
    pages: Vec<Content>,
    y: f32,
}

impl Writer {
    fn new() -> Self {
        Self {
            pages: vec![Content::new()],
            y: PAGE_H - MARGIN,
        }
    }

    fn page(&mut self) -> &mut Content {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a new page when less than `height` is left.
    fn need(&mut self, height: f32) {
        if self.y - height < MARGIN {
            self.pages.push(Content::new());
            self.y = PAGE_H - MARGIN;
        }
    }

    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, s: &str) {
        let bytes = win_ansi(s);
        let c = self.page();
        c.begin_text();
        c.set_font(Name(if bold { b"F2" } else { b"F1" }), size);
        c.next_line(x, y);
        c.show(Str(&bytes));
        c.end_text();
    }

    /// A line of text at the cursor, wrapped at the page width.
    fn paragraph(&mut self, size: f32, bold: bool, s: &str) {
        let max_chars = ((PAGE_W - 2.0 * MARGIN) / (size * 0.5)) as usize;
        for line in wrap(s, max_chars) {
            self.need(size * 1.5);
            self.y -= size * 1.4;
            self.text(MARGIN, self.y, size, bold, &line);
        }
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: (f32, f32, f32)) {
        let c = self.page();
        c.set_fill_rgb(colour.0, colour.1, colour.2);
        c.rect(x, y, w, h);
        c.fill_nonzero();
        c.set_fill_rgb(0.0, 0.0, 0.0);
    }

    fn chart(&mut self, chart: &Chart) {
        match chart.kind {
            ChartKind::Bars => self.bars(chart),
            ChartKind::Line => self.lines(chart),
        }
    }

    fn legend(&mut self, chart: &Chart) {
        self.need(30.0);
        self.paragraph(10.0, true, &chart.title);
        self.y -= 14.0;
        let mut x = MARGIN;
        for (i, s) in chart.series.iter().enumerate() {
            self.rect(x, self.y, 8.0, 8.0, COLOURS[i % COLOURS.len()]);
            self.text(x + 12.0, self.y, 8.0, false, &s.name);
            x += 24.0 + text_width(&s.name, 8.0);
        }
        self.y -= 6.0;
    }

    fn bars(&mut self, chart: &Chart) {
        self.legend(chart);
        let label_w = 150.0;
        let area = PAGE_W - 2.0 * MARGIN - label_w - 40.0;
        let max = max_value(chart);
        let bar_h = 9.0;
        for (ci, cat) in chart.categories.iter().enumerate() {
            let group_h = bar_h * chart.series.len() as f32 + 5.0;
            self.need(group_h);
            self.y -= group_h;
            self.text(MARGIN, self.y + 4.0, 8.0, false, &clip(cat, label_w, 8.0));
            for (si, s) in chart.series.iter().enumerate() {
                let y = self.y + group_h - 5.0 - bar_h * (si as f32 + 1.0);
                let Some(v) = s.values.get(ci).copied().flatten() else {
                    continue;
                };
                let w = (v as f32 / max * area).max(0.5);
                self.rect(
                    MARGIN + label_w,
                    y + 1.0,
                    w,
                    bar_h - 2.0,
                    COLOURS[si % COLOURS.len()],
                );
                self.text(MARGIN + label_w + w + 3.0, y + 2.0, 7.0, false, &short(v));
            }
        }
        self.y -= 10.0;
    }

    fn lines(&mut self, chart: &Chart) {
        self.legend(chart);
        let height = 110.0;
        self.need(height + 20.0);
        let (left, right) = (MARGIN + 25.0, PAGE_W - MARGIN);
        let bottom = self.y - height;
        let max = max_value(chart);
        let n = chart.categories.len().max(1);
        let step = if n > 1 {
            (right - left) / (n - 1) as f32
        } else {
            0.0
        };
        self.text(MARGIN, self.y - 8.0, 7.0, false, &short(max as f64));
        self.text(MARGIN, bottom, 7.0, false, "0");
        {
            let c = self.page();
            c.set_stroke_rgb(0.5, 0.5, 0.5);
            c.move_to(left, bottom);
            c.line_to(right, bottom);
            c.stroke();
        }
        for (i, cat) in chart.categories.iter().enumerate() {
            let x = left + step * i as f32 - text_width(cat, 6.0) / 2.0;
            self.text(x, bottom - 10.0, 6.0, false, cat);
        }
        for (si, s) in chart.series.iter().enumerate() {
            let (r, g, b) = COLOURS[si % COLOURS.len()];
            let c = self.page();
            c.set_stroke_rgb(r, g, b);
            c.set_line_width(1.5);
            let mut first = true;
            for (i, v) in s.values.iter().enumerate() {
                let Some(v) = v else { continue };
                let (x, y) = (
                    left + step * i as f32,
                    bottom + (height - 10.0) * (*v as f32) / max,
                );
                if first {
                    c.move_to(x, y);
                    first = false;
                } else {
                    c.line_to(x, y);
                }
            }
            c.stroke();
            c.set_line_width(1.0);
        }
        self.y = bottom - 22.0;
    }

    fn table(&mut self, table: &Table) {
        let row_h = 12.0;
        self.need(row_h * 3.0);
        self.paragraph(9.0, true, &table.caption);
        let widths = column_widths(table.columns.len());
        self.y -= 4.0;
        self.row(
            &table
                .columns
                .iter()
                .map(|c| Cell::text(c.clone()))
                .collect::<Vec<_>>(),
            &widths,
            true,
        );
        for row in &table.rows {
            self.row(row, &widths, false);
        }
        self.y -= 8.0;
    }

    fn row(&mut self, cells: &[Cell], widths: &[f32], header: bool) {
        let row_h = 12.0;
        self.need(row_h);
        self.y -= row_h;
        let mut x = MARGIN;
        for (i, cell) in cells.iter().enumerate() {
            let w = widths.get(i).copied().unwrap_or(60.0);
            let s = clip(&cell.display(), w - 4.0, 8.0);
            let tx = if i > 0 && (header || cell.numeric()) {
                x + w - 4.0 - text_width(&s, 8.0)
            } else {
                x
            };
            self.text(tx, self.y + 3.0, 8.0, header, &s);
            x += w;
        }
        let y = self.y;
        let c = self.page();
        c.set_stroke_rgb(0.8, 0.8, 0.8);
        c.move_to(MARGIN, y);
        c.line_to(PAGE_W - MARGIN, y);
        c.stroke();
    }
}

pub fn report_pdf(report: &Report) -> Vec<u8> {
    let mut w = Writer::new();
    w.paragraph(18.0, true, &report.title);
    w.paragraph(11.0, false, &report.subtitle);
    for note in &report.notes {
        w.paragraph(8.0, false, note);
    }
    for section in &report.sections {
        w.y -= 10.0;
        w.need(60.0);
        w.paragraph(13.0, true, &section.heading);
        if let Some(remark) = &section.remark {
            w.paragraph(9.0, false, remark);
        }
        if let Some(chart) = &section.chart {
            w.chart(chart);
        }
        for table in &section.tables {
            w.table(table);
        }
    }
    assemble(w.pages, &report.title)
}

fn assemble(pages: Vec<Content>, title: &str) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let regular = Ref::new(3);
    let bold = Ref::new(4);
    let info = Ref::new(5);
    let first = 6;
    let page_ids: Vec<Ref> = (0..pages.len())
        .map(|i| Ref::new(first + 2 * i as i32))
        .collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(pages.len() as i32);
    pdf.document_info(info)
        .title(TextStr(title))
        .producer(TextStr("koppel"));
    pdf.type1_font(regular)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold)
        .base_font(Name(b"Helvetica-Bold"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    for (i, content) in pages.into_iter().enumerate() {
        let page_id = page_ids[i];
        let content_id = Ref::new(page_id.get() + 1);
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
        page.parent(tree);
        page.contents(content_id);
        let mut resources = page.resources();
        resources
            .fonts()
            .pair(Name(b"F1"), regular)
            .pair(Name(b"F2"), bold);
        resources.finish();
        page.finish();
        pdf.stream(content_id, &content.finish());
    }
    pdf.finish()
}

fn column_widths(n: usize) -> Vec<f32> {
    let total = PAGE_W - 2.0 * MARGIN;
    if n <= 1 {
        return vec![total];
    }
    let first = (total * 0.4)
        .max(total - 70.0 * (n - 1) as f32)
        .min(total * 0.5);
    let rest = (total - first) / (n - 1) as f32;
    std::iter::once(first)
        .chain(std::iter::repeat_n(rest, n - 1))
        .collect()
}

fn max_value(chart: &Chart) -> f32 {
    chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .fold(0.0_f64, |a, &b| a.max(b))
        .max(1.0) as f32
}

fn short(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}").replace('.', ",")
    }
}

/// An estimate of Helvetica's width of `s` at `size` points.
fn text_width(s: &str, size: f32) -> f32 {
    s.chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.25,
            ' ' | 'f' | 't' | 'r' | 'I' => 0.3,
            'm' | 'w' | 'M' | 'W' | '%' => 0.85,
            'A'..='Z' => 0.68,
            _ => 0.56,
        })
        .sum::<f32>()
        * size
}

/// Cuts `s` to fit `width`, ending in an ellipsis when cut.
fn clip(s: &str, width: f32, size: f32) -> String {
    if text_width(s, size) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if text_width(&out, size) + text_width("…", size) + text_width(&c.to_string(), size) > width
        {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn wrap(s: &str, max_chars: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > max_chars {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Text in the WinAnsi encoding of the standard fonts; characters it lacks become '?'.
fn win_ansi(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            '\u{20}'..='\u{7e}' => c as u8,
            '\u{a0}'..='\u{ff}' => c as u32 as u8,
            '€' => 0x80,
            '…' => 0x85,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            _ => b'?',
        })
        .collect()
}
