//! Import of VUM documents (data standard 1.5): a JSON array of `Vacature` objects, or of
//! `Werkzoekende` objects. Each is checked against the contract's JSON Schema, kept whole (its
//! detail is served as it came) and read into a koppel vacancy or candidate, with the same
//! batches and resumption as a CSV import. The line of a problem is the object's position in
//! the array (from 1).

use koppel_vum::contract::{self, Kind as DocKind};
use sha2::{Digest, Sha256};

use super::jobs::Source;
use super::json_array::{self, NotAnArray};
use super::plan::Plan;
use super::{run_sheet, vum_rows, ImportBy, ImportOptions, ImportReport, Progress, Sheet};
use crate::{AppContext, AppError, Meta};

/// What to do with what comes in, beyond reading it.
#[derive(Debug, Clone, Default)]
pub struct VumImportOptions {
    pub dry_run: bool,
    /// Vacancies: publish them (vacancy paper and koppel's VUM source). Job seekers: record that
    /// their consent covers the WSP and VUM, so koppel offers them as a source.
    pub publish: bool,
    /// Vacancies: the sector of employers the import makes (koppel needs one; VUM has none).
    pub employer_sector: Option<String>,
    /// The day consent is recorded on (job seekers with `publish`).
    pub today: Option<chrono::NaiveDate>,
}

/// The sheet of a file of VUM documents, read one document at a time: one row per document (its
/// position in the array is its line). A document the contract's schema refuses is a bad row with
/// the JSON pointer and the reason of each violation; nothing of it is stored.
fn sheet_of(
    kind: DocKind,
    file_name: &str,
    bytes: &[u8],
    options: &VumImportOptions,
    today: &str,
) -> Result<Sheet, AppError> {
    let mut sheet = Sheet {
        headers: vum_rows::FIELDS
            .iter()
            .map(|(h, _)| h.to_string())
            .collect(),
        ..Default::default()
    };
    let publish = if options.publish { "ja" } else { "nee" };
    let mut line = 0;
    let read = json_array::each(bytes, |doc| {
        line += 1;
        let cells = match contract::validate(kind, &doc) {
            Ok(()) => vec![
                contract::id_of(kind, &doc)
                    .map(|id| format!("vum:{id}"))
                    .unwrap_or_default(),
                options.employer_sector.clone().unwrap_or_default(),
                publish.to_string(),
                today.to_string(),
                doc.to_string(),
            ],
            Err(violations) => {
                sheet.invalid.insert(line, refusal(&violations));
                vec![String::new(); sheet.headers.len()]
            }
        };
        sheet.rows.push((line, cells));
    });
    let fail = |what: String| {
        let mut e = koppel_domain::FieldErrors::new();
        e.push("file", "unreadable_file", format!("{file_name}: {what}"));
        AppError::Invalid(e)
    };
    match read {
        Ok(()) => Ok(sheet),
        Err(NotAnArray::OtherJson) => Err(fail(
            "verwacht een JSON-lijst ([...]) met VUM-objecten.".into(),
        )),
        Err(NotAnArray::Syntax(line, column, why)) => Err(fail(format!(
            "geen geldige JSON (regel {line}, kolom {column}: {why})."
        ))),
    }
}

/// Why the schema refuses a document: at most five violations, then how many more.
fn refusal(violations: &[contract::Violation]) -> String {
    let shown: Vec<String> = violations.iter().take(5).map(|v| v.to_string()).collect();
    let more = violations.len().saturating_sub(5);
    let rest = if more > 0 {
        format!(" (en nog {more})")
    } else {
        String::new()
    };
    format!(
        "Geen geldig VUM-document volgens het schema: {}{rest}.",
        shown.join("; ")
    )
}

/// Imports a JSON array of VUM `Vacature` documents, each kept whole. Their employer is found by
/// name, or made when `employer_sector` is given; the competences koppel knows become essential
/// skills. A document with an `idVacature` imported before replaces that vacancy.
pub async fn import_vacancies(
    ctx: &AppContext,
    by: &ImportBy,
    meta: &Meta,
    file_name: &str,
    bytes: &[u8],
    options: &VumImportOptions,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<ImportReport, AppError> {
    let sheet = sheet_of(DocKind::Vacancy, file_name, bytes, options, "")?;
    let hash = hash(bytes);
    let source = source("vum-vacancies", file_name, by, options, None, bytes, &hash);
    run_sheet::<vum_rows::VumVacancies>(ctx, by, meta, &source, sheet, &plain(options), progress)
        .await
}

/// Imports a JSON array of VUM `Werkzoekende` documents as candidates of the importer's
/// organisation, each document kept whole. A VUM profile names nobody: the candidate is called
/// "VUM-profiel" with the profile's id as last name, and has target group "overig" until the
/// consultant knows more. With `publish` their consent covers the WSP and VUM (recorded today).
pub async fn import_jobseekers(
    ctx: &AppContext,
    by: &ImportBy,
    meta: &Meta,
    file_name: &str,
    bytes: &[u8],
    options: &VumImportOptions,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<ImportReport, AppError> {
    super::require_org(by)?;
    let today = options
        .today
        .unwrap_or_else(|| chrono::Utc::now().date_naive())
        .to_string();
    let sheet = sheet_of(DocKind::JobSeeker, file_name, bytes, options, &today)?;
    let hash = hash(bytes);
    let day = today.parse().ok();
    let source = source("vum-jobseekers", file_name, by, options, day, bytes, &hash);
    run_sheet::<vum_rows::VumJobSeekers>(ctx, by, meta, &source, sheet, &plain(options), progress)
        .await
}

/// Identifies the file, so an interrupted import of it resumes.
fn hash(bytes: &[u8]) -> String {
    format!("vum:{:x}", Sha256::digest(bytes))
}

/// The file and how to read it again (the day consent is recorded on stays the first run's).
fn source<'a>(
    kind: &str,
    file_name: &str,
    by: &ImportBy,
    options: &VumImportOptions,
    today: Option<chrono::NaiveDate>,
    bytes: &'a [u8],
    hash: &'a str,
) -> Source<'a> {
    let mut plan = Plan::new(kind, file_name, by, &plain(options));
    plan.publish = options.publish;
    plan.employer_sector = options.employer_sector.clone();
    plan.today = today;
    Source { plan, bytes, hash }
}

fn plain(options: &VumImportOptions) -> ImportOptions {
    ImportOptions {
        dry_run: options.dry_run,
        mapping: Vec::new(),
    }
}
