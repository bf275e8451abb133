//! A report as an XLSX workbook: a cover sheet, then one sheet per table with real numbers.

use rust_xlsxwriter::{Format, Workbook, Worksheet};

use crate::{Cell, ExportError, Report};

pub fn report_xlsx(report: &Report) -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let pct = Format::new().set_num_format("0.0%");
    let cover = book.add_worksheet();
    cover.set_name("Overzicht")?;
    cover.set_column_width(0, 60)?;
    cover.write_string_with_format(0, 0, &report.title, &title)?;
    cover.write_string(1, 0, &report.subtitle)?;
    let mut row = 3;
    for note in &report.notes {
        cover.write_string(row, 0, note)?;
        row += 1;
    }
    row += 1;
    cover.write_string_with_format(row, 0, "Tabellen", &bold)?;
    let mut used = vec!["Overzicht".to_string()];
    let mut sheets = Vec::new();
    for section in &report.sections {
        for table in &section.tables {
            row += 1;
            let name = sheet_name(&table.caption, &used);
            cover.write_string(row, 0, format!("{name}: {}", table.caption))?;
            used.push(name.clone());
            sheets.push((name, table));
        }
    }
    for (name, table) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(&name)?;
        sheet.write_string_with_format(0, 0, &table.caption, &bold)?;
        for (c, head) in table.columns.iter().enumerate() {
            let c = c as u16;
            sheet.write_string_with_format(2, c, head, &bold)?;
            sheet.set_column_width(c, if c == 0 { 34 } else { 14 })?;
        }
        for (r, cells) in table.rows.iter().enumerate() {
            for (c, cell) in cells.iter().enumerate() {
                write_cell(sheet, 3 + r as u32, c as u16, cell, &pct)?;
            }
        }
    }
    Ok(book.save_to_buffer()?)
}

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    pct: &Format,
) -> Result<(), ExportError> {
    match cell {
        Cell::Int(n) => sheet.write_number(row, col, *n as f64)?,
        Cell::Num(x, _) => sheet.write_number(row, col, *x)?,
        Cell::Pct(x) => sheet.write_number_with_format(row, col, *x, pct)?,
        Cell::Missing => sheet,
        other => sheet.write_string(row, col, other.display())?,
    };
    Ok(())
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the workbook.
fn sheet_name(caption: &str, used: &[String]) -> String {
    let clean: String = caption
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c))
        .take(28)
        .collect();
    let base = clean.trim().to_string();
    let base = if base.is_empty() {
        "Tabel".into()
    } else {
        base
    };
    let mut name = base.clone();
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        name = format!("{base} {n}");
        n += 1;
    }
    name
}
