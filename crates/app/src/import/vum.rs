//! Import of VUM documents (data standard 1.5): a JSON array of `Vacature` objects, or of
//! `Werkzoekende` objects, read into koppel's vacancies and candidates through the same checks,
//! batches, resumption and duplicate detection as a CSV import. The line of a problem is the
//! object's position in the array (from 1).

use koppel_vum::intake;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::{run_sheet, ImportBy, ImportOptions, ImportReport, Sheet};
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

fn parse_array(file_name: &str, bytes: &[u8]) -> Result<Vec<Value>, AppError> {
    let fail = |what: String| {
        let mut e = koppel_domain::FieldErrors::new();
        e.push("file", "unreadable_file", format!("{file_name}: {what}"));
        AppError::Invalid(e)
    };
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Array(items)) => Ok(items),
        Ok(_) => Err(fail(
            "verwacht een JSON-lijst ([...]) met VUM-objecten.".into(),
        )),
        Err(e) => Err(fail(format!(
            "geen geldige JSON (regel {}, kolom {}: {e}).",
            e.line(),
            e.column()
        ))),
    }
}

/// A sheet with these field names as headers and one row per object.
fn sheet_of<F>(items: &[Value], headers: &[&str], mut row: F) -> Sheet
where
    F: FnMut(&Value) -> Result<Vec<Option<String>>, intake::IntakeError>,
{
    let mut sheet = Sheet {
        headers: headers.iter().map(|h| h.to_string()).collect(),
        ..Default::default()
    };
    for (i, item) in items.iter().enumerate() {
        let line = i as i64 + 1;
        let cells = match row(item) {
            Ok(cells) => cells.into_iter().map(Option::unwrap_or_default).collect(),
            Err(e) => {
                sheet
                    .invalid
                    .insert(line, format!("Geen geldig VUM-object: {e}."));
                vec![String::new(); headers.len()]
            }
        };
        sheet.rows.push((line, cells));
    }
    sheet
}

fn yes(b: bool) -> Option<String> {
    Some(if b { "ja" } else { "nee" }.to_string())
}

fn languages(levels: &[(String, i64)]) -> Option<String> {
    let items: Vec<String> = levels.iter().map(|(c, l)| format!("{c}:{l}")).collect();
    Some(items.join(","))
}

const VACANCY_FIELDS: &[&str] = &[
    "externalId",
    "title",
    "description",
    "postcode",
    "occupationUri",
    "educationLevel",
    "hoursPerWeek",
    "contractType",
    "drivingLicences",
    "languages",
    "closingDate",
    "essentialSkills",
    "employerName",
    "employerWebsite",
    "employerSector",
    "status",
    "publish",
];

/// Imports a JSON array of VUM `Vacature` objects. Their employer is found by name, or made
/// when `employer_sector` is given; the competences become essential skills.
pub async fn import_vacancies(
    ctx: &AppContext,
    by: &ImportBy,
    meta: &Meta,
    file_name: &str,
    bytes: &[u8],
    options: &VumImportOptions,
    progress: &mut (dyn FnMut(i64, i64) + Send),
) -> Result<ImportReport, AppError> {
    let items = parse_array(file_name, bytes)?;
    let sheet = sheet_of(&items, VACANCY_FIELDS, |doc| {
        let (id, v) = intake::vacancy(doc)?;
        Ok(vec![
            Some(format!("vum:{id}")),
            Some(v.title),
            Some(v.description),
            Some(v.postcode),
            v.occupation_uri,
            v.education_level,
            v.hours_per_week.map(|h| h.to_string()),
            v.contract_type,
            Some(v.driving_licences.join(",")),
            languages(&v.languages),
            v.closing_date,
            Some(v.skills.join(",")),
            Some(v.employer_name),
            v.employer_website,
            options.employer_sector.clone(),
            Some("open".into()),
            yes(options.publish),
        ])
    });
    run(
        ctx, by, meta, file_name, bytes, sheet, options, progress, true,
    )
    .await
}

const JOBSEEKER_FIELDS: &[&str] = &[
    "externalId",
    "firstName",
    "lastName",
    "postcode",
    "maxTravelKm",
    "desiredOccupationUri",
    "educationLevel",
    "hoursPerWeek",
    "drivingLicences",
    "languages",
    "skills",
    "targetGroup",
    "workReady",
    "consentWsp",
    "consentScope",
    "consentDate",
];

/// Imports a JSON array of VUM `Werkzoekende` objects as candidates of the importer's
/// organisation. A VUM profile names nobody: the candidate is called "VUM-profiel" with the
/// profile's id as last name, and has target group "overig" until the consultant knows more.
pub async fn import_jobseekers(
    ctx: &AppContext,
    by: &ImportBy,
    meta: &Meta,
    file_name: &str,
    bytes: &[u8],
    options: &VumImportOptions,
    progress: &mut (dyn FnMut(i64, i64) + Send),
) -> Result<ImportReport, AppError> {
    let items = parse_array(file_name, bytes)?;
    let today = options
        .today
        .unwrap_or_else(|| chrono::Utc::now().date_naive())
        .to_string();
    let sheet = sheet_of(&items, JOBSEEKER_FIELDS, |doc| {
        let j = intake::jobseeker(doc)?;
        let offer = options.publish;
        Ok(vec![
            Some(format!("vum:{}", j.id)),
            Some("VUM-profiel".into()),
            Some(j.id),
            Some(j.postcode),
            j.max_travel_km.map(|k| k.to_string()),
            j.occupation_uri,
            j.education_level,
            j.hours_per_week.map(|h| h.to_string()),
            Some(j.driving_licences.join(",")),
            languages(&j.languages),
            Some(j.skills.join(",")),
            Some("overig".into()),
            yes(true),
            yes(offer),
            offer.then(|| "wsp_vum".to_string()),
            offer.then(|| today.clone()),
        ])
    });
    run(
        ctx, by, meta, file_name, bytes, sheet, options, progress, false,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn run(
    ctx: &AppContext,
    by: &ImportBy,
    meta: &Meta,
    file_name: &str,
    bytes: &[u8],
    sheet: Sheet,
    options: &VumImportOptions,
    progress: &mut (dyn FnMut(i64, i64) + Send),
    vacancies: bool,
) -> Result<ImportReport, AppError> {
    let hash = format!("vum:{:x}", Sha256::digest(bytes));
    let plain = ImportOptions {
        dry_run: options.dry_run,
        mapping: Vec::new(),
    };
    if vacancies {
        run_sheet::<super::vacancies::Vacancies>(
            ctx, by, meta, file_name, &hash, sheet, &plain, progress,
        )
        .await
    } else {
        super::require_org(by)?;
        run_sheet::<super::candidates::Candidates>(
            ctx, by, meta, file_name, &hash, sheet, &plain, progress,
        )
        .await
    }
}
