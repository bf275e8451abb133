//! Exports of the lists a user sees (employers, vacancies, candidates) as tables for CSV, XLSX
//! and JSON: every matching row, within the user's scope, each candidate's access logged as
//! for the list itself.

use koppel_domain::codes::{CodeList, ContractType, EducationLevel, Sector};
use koppel_export::{Cell, Report, Section, Table};
use koppel_store::candidates::Candidate;
use koppel_store::employers::Employer;
use koppel_store::vacancies::Vacancy;

use crate::candidates::CandidateQuery;
use crate::employers::EmployerQuery;
use crate::vacancies::VacancyQuery;
use crate::{Actor, AppContext, AppError, Meta};

/// At most this many rows in one export.
pub const MAX_ROWS: i64 = 100_000;
const PAGE: i64 = 200;

fn text(s: &str) -> Cell {
    Cell::text(s)
}

fn opt(s: &Option<String>) -> Cell {
    s.as_deref().map(text).unwrap_or(Cell::Missing)
}

fn yes(b: bool) -> Cell {
    text(if b { "ja" } else { "nee" })
}

fn label<T: CodeList>(code: &Option<String>) -> Cell {
    match code.as_deref() {
        Some(c) => text(T::parse(c).map(|v| v.label()).unwrap_or(c)),
        None => Cell::Missing,
    }
}

/// Every employer matching `q`.
pub async fn employers(
    ctx: &AppContext,
    actor: &Actor,
    q: &EmployerQuery,
) -> Result<Vec<Employer>, AppError> {
    let mut out = Vec::new();
    for page in 1.. {
        let mut q = q.clone();
        q.page = Some(page);
        q.page_size = Some(PAGE);
        let found = crate::employers::list(ctx, actor, &q).await?;
        let last = found.items.len() < PAGE as usize || (page * PAGE) >= MAX_ROWS;
        out.extend(found.items);
        if last {
            break;
        }
    }
    Ok(out)
}

pub fn employer_table(rows: &[Employer]) -> Table {
    Table {
        name: "werkgevers".into(),
        caption: "Werkgevers".into(),
        columns: [
            "Id",
            "Naam",
            "KvK-nummer",
            "SBI-code",
            "Sector",
            "Postcode",
            "Plaats",
            "Gemeentecode",
            "Website",
            "Accounthouder",
            "Strategisch",
            "Gearchiveerd",
        ]
        .map(String::from)
        .to_vec(),
        rows: rows
            .iter()
            .map(|e| {
                vec![
                    Cell::Int(e.id),
                    text(&e.name),
                    opt(&e.kvk_number),
                    opt(&e.sbi_code),
                    label::<Sector>(&Some(e.sector.clone())),
                    opt(&e.postcode),
                    text(&e.city),
                    opt(&e.municipality_code),
                    opt(&e.website),
                    opt(&e.account_holder_name),
                    yes(e.strategic),
                    yes(e.archived),
                ]
            })
            .collect(),
    }
}

/// Every vacancy matching `q`.
pub async fn vacancies(
    ctx: &AppContext,
    actor: &Actor,
    q: &VacancyQuery,
) -> Result<Vec<Vacancy>, AppError> {
    let mut out = Vec::new();
    for page in 1.. {
        let mut q = q.clone();
        q.page = Some(page);
        q.page_size = Some(PAGE);
        let found = crate::vacancies::list(ctx, actor, &q).await?;
        let last = found.items.len() < PAGE as usize || (page * PAGE) >= MAX_ROWS;
        out.extend(found.items);
        if last {
            break;
        }
    }
    Ok(out)
}

pub fn vacancy_table(rows: &[Vacancy]) -> Table {
    Table {
        name: "vacatures".into(),
        caption: "Vacatures".into(),
        columns: [
            "Id",
            "Titel",
            "Werkgever",
            "Beroep",
            "Uren per week",
            "Contract",
            "Opleidingsniveau",
            "Plaats",
            "Sluitingsdatum",
            "Plaatsen",
            "Status",
            "In de vacaturekrant",
        ]
        .map(String::from)
        .to_vec(),
        rows: rows
            .iter()
            .map(|v| {
                vec![
                    Cell::Int(v.id),
                    text(&v.title),
                    text(&v.employer_name),
                    opt(&v.occupation_label),
                    v.hours_per_week.map(Cell::Int).unwrap_or(Cell::Missing),
                    label::<ContractType>(&v.contract_type),
                    label::<EducationLevel>(&v.education_level),
                    text(&v.city),
                    v.closing_date
                        .map(|d| text(&d.to_string()))
                        .unwrap_or(Cell::Missing),
                    Cell::Int(v.positions),
                    text(&v.status),
                    yes(v.publish),
                ]
            })
            .collect(),
    }
}

/// Every candidate matching `q` in the actor's scope; each is logged as read.
pub async fn candidates(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    q: &CandidateQuery,
) -> Result<Vec<Candidate>, AppError> {
    let mut out = Vec::new();
    for page in 1.. {
        let mut q = q.clone();
        q.page = Some(page);
        q.page_size = Some(PAGE);
        let found = crate::candidates::list(ctx, actor, meta, &q).await?;
        let last = found.items.len() < PAGE as usize || (page * PAGE) >= MAX_ROWS;
        out.extend(found.items);
        if last {
            break;
        }
    }
    Ok(out)
}

pub fn candidate_table(rows: &[Candidate]) -> Table {
    Table {
        name: "kandidaten".into(),
        caption: "Kandidaten".into(),
        columns: [
            "Id",
            "Voornaam",
            "Achternaam",
            "Organisatie",
            "E-mail",
            "Telefoon",
            "Postcode",
            "Plaats",
            "Doelgroep",
            "Werkfit",
            "Toestemming WSP",
            "Beschikbaar vanaf",
            "Uren per week",
            "Opleidingsniveau",
            "Consulent",
        ]
        .map(String::from)
        .to_vec(),
        rows: rows
            .iter()
            .map(|c| {
                vec![
                    Cell::Int(c.id),
                    text(&c.first_name),
                    text(&c.last_name),
                    text(&c.org_name),
                    opt(&c.email),
                    opt(&c.phone),
                    opt(&c.postcode),
                    text(&c.city),
                    text(&c.target_group_label),
                    yes(c.work_ready),
                    yes(c.consent_wsp),
                    c.available_from
                        .map(|d| text(&d.to_string()))
                        .unwrap_or(Cell::Missing),
                    c.hours_per_week.map(Cell::Int).unwrap_or(Cell::Missing),
                    label::<EducationLevel>(&c.education_level),
                    opt(&c.consultant_name),
                ]
            })
            .collect(),
    }
}

/// A table as a one-sheet workbook.
pub fn xlsx(table: &Table) -> Result<Vec<u8>, AppError> {
    let report = Report {
        title: table.caption.clone(),
        subtitle: format!("{} rijen, geëxporteerd uit koppel", table.rows.len()),
        notes: Vec::new(),
        sections: vec![Section {
            heading: table.caption.clone(),
            remark: None,
            chart: None,
            tables: vec![table.clone()],
        }],
    };
    koppel_export::xlsx::report_xlsx(&report).map_err(|e| AppError::Internal(e.to_string()))
}
