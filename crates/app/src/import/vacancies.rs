//! Vacancy rows: their employer found by its external id, KvK number or id; checked field by field.

use std::collections::{HashMap, HashSet};

use koppel_domain::codes::{
    CodeList, ContractType, DrivingLicence, EducationLevel, Sector, VacancyStatus,
};
use koppel_domain::values::{date, int_in_range, optional_text, required_text, Postcode};
use koppel_domain::FieldErrors;
use koppel_store::employers::EmployerWrite;
use koppel_store::vacancies::VacancyWrite;
use koppel_store::Tx;

use super::{ImportBy, Outcome, Record};
use crate::candidates::{codes, languages, occupation_uri};
use crate::{AppContext, AppError, Meta};

pub(crate) struct Vacancies;

/// An employer a row names that koppel does not know yet; the import makes it.
pub(crate) struct NewEmployer {
    name: String,
    website: Option<String>,
    sector: String,
    postcode: Option<String>,
}

pub(crate) struct Known {
    employer_external: HashMap<String, i64>,
    /// Employers by name in lower case.
    employer_names: HashMap<String, i64>,
    employer_kvk: HashMap<String, i64>,
    employer_ids: HashSet<i64>,
    external: HashSet<String>,
    /// Open vacancies by (employer, title in lower case).
    open: HashMap<(i64, String), i64>,
    /// The sectors of the employers this import makes, by name in lower case.
    made_sectors: HashMap<String, String>,
    next: i64,
}

impl super::Kind for Vacancies {
    type Known = Known;
    type Row = (VacancyWrite, Option<NewEmployer>);
    const NAME: &'static str = "vacancies";
    const FIELDS: &'static [(&'static str, &'static [&'static str])] = &[
        ("externalId", &["extern id", "externe id", "vacaturenummer"]),
        (
            "employerExternalId",
            &["werkgever extern id", "relatienummer werkgever"],
        ),
        ("employerKvk", &["kvk werkgever", "kvk", "kvk-nummer"]),
        ("employerId", &["werkgever id"]),
        ("title", &["titel", "functie", "functietitel"]),
        ("description", &["omschrijving", "beschrijving"]),
        ("hoursPerWeek", &["uren", "uren per week"]),
        ("contractType", &["contract", "contractvorm"]),
        ("educationLevel", &["opleidingsniveau"]),
        ("postcode", &[]),
        ("city", &["plaats", "standplaats", "werkplaats"]),
        ("closingDate", &["sluitingsdatum"]),
        ("positions", &["aantal plaatsen", "plaatsen"]),
        ("status", &[]),
        ("publish", &["vacaturekrant", "publiceren"]),
        ("occupationUri", &["beroep", "beroepscode"]),
        ("drivingLicences", &["rijbewijs", "rijbewijzen"]),
        ("languages", &["talen", "taalniveau"]),
        (
            "essentialSkills",
            &["vaardigheden", "essentiële vaardigheden"],
        ),
        ("optionalSkills", &["optionele vaardigheden"]),
        (
            "employerName",
            &["werkgever", "naam werkgever", "handelsnaam"],
        ),
        ("employerWebsite", &["website werkgever"]),
        ("employerSector", &["sector werkgever"]),
    ];
    const REQUIRED: &'static [&'static str] = &["title"];

    async fn load(tx: &mut Tx, _by: &ImportBy) -> Result<Known, AppError> {
        let mut k = Known {
            employer_external: HashMap::new(),
            employer_names: HashMap::new(),
            employer_kvk: HashMap::new(),
            employer_ids: HashSet::new(),
            external: HashSet::new(),
            open: HashMap::new(),
            made_sectors: HashMap::new(),
            next: -1,
        };
        for (id, ext, kvk, _, name) in koppel_store::imports::employer_keys(tx).await? {
            k.employer_ids.insert(id);
            k.employer_names.entry(name.to_lowercase()).or_insert(id);
            if let Some(e) = ext {
                k.employer_external.insert(e, id);
            }
            if let Some(v) = kvk {
                k.employer_kvk.insert(v, id);
            }
        }
        let rows = koppel_store::imports::vacancy_keys(tx).await?;
        for (id, employer, title, ext, status) in rows {
            if let Some(e) = ext {
                k.external.insert(e);
            }
            if status == "open" {
                k.open.insert((employer, title.to_lowercase()), id);
            }
        }
        Ok(k)
    }

    async fn check(
        tx: &mut Tx,
        r: &Record,
        known: &mut Known,
    ) -> Result<Outcome<(VacancyWrite, Option<NewEmployer>)>, AppError> {
        let (write, new_employer) = match fields(tx, r, known).await? {
            Ok(row) => row,
            Err(reasons) => return Ok(Outcome::Bad(reasons)),
        };
        let title = write.title.clone();
        if let Some(ext) = r.get("externalId") {
            if known.external.contains(ext) {
                return Ok(Outcome::Skipped(format!(
                    "Extern id {ext} is al geïmporteerd."
                )));
            }
        }
        // An employer this import makes has no id yet: its name stands in.
        let key = match &new_employer {
            Some(n) => (
                0,
                format!("{}\u{1f}{}", n.name.to_lowercase(), title.to_lowercase()),
            ),
            None => (write.employer_id, title.to_lowercase()),
        };
        if let Some(id) = known.open.get(&key) {
            let which = if *id < 0 {
                "een eerdere regel van dit bestand".to_string()
            } else {
                format!("vacature {id}")
            };
            return Ok(Outcome::Skipped(format!(
                "Deze werkgever heeft al een open vacature '{title}' ({which})."
            )));
        }
        if let Some(ext) = r.get("externalId") {
            known.external.insert(ext.clone());
        }
        if write.status == VacancyStatus::Open.code() {
            known.open.insert(key, known.next);
            known.next -= 1;
        }
        known.made(&new_employer);
        Ok(Outcome::New((write, new_employer)))
    }

    async fn insert(
        tx: &mut Tx,
        _ctx: &AppContext,
        by: &ImportBy,
        _meta: &Meta,
        rows: Vec<((VacancyWrite, Option<NewEmployer>), Option<String>)>,
    ) -> Result<(), AppError> {
        // Plain rows in bulk; rows with skills or a new employer one by one.
        let (plain, rich): (Vec<_>, Vec<_>) = rows
            .into_iter()
            .partition(|((w, n), _)| w.skills.is_empty() && n.is_none());
        let plain: Vec<(VacancyWrite, Option<String>)> =
            plain.into_iter().map(|((w, _), ext)| (w, ext)).collect();
        koppel_store::imports::insert_vacancies(tx, &plain, by.user_id).await?;
        for ((w, new_employer), ext) in rich {
            insert_one(tx, w, new_employer, ext.as_deref(), by).await?;
        }
        Ok(())
    }
}

impl Known {
    /// Later rows naming the employer a row makes join that one.
    pub(crate) fn made(&mut self, new_employer: &Option<NewEmployer>) {
        if let Some(n) = new_employer {
            self.employer_names.insert(n.name.to_lowercase(), 0);
            if !n.sector.is_empty() {
                self.made_sectors
                    .insert(n.name.to_lowercase(), n.sector.clone());
            }
        }
    }
}

/// Inserts one vacancy (making its employer first when it is new); its id.
pub(crate) async fn insert_one(
    tx: &mut Tx,
    mut w: VacancyWrite,
    new_employer: Option<NewEmployer>,
    external_id: Option<&str>,
    by: &ImportBy,
) -> Result<i64, AppError> {
    if let Some(n) = new_employer {
        w.employer_id = employer_for(tx, n).await?;
    }
    Ok(koppel_store::imports::insert_vacancy(tx, &w, external_id, by.user_id).await?)
}

/// The employer a row names (by external id, KvK number, id or name), or the one it makes: an
/// unknown name with a sector makes a new employer (id 0 until it is inserted).
fn row_employer(
    r: &Record,
    known: &Known,
    e: &mut FieldErrors,
) -> (Option<i64>, Option<NewEmployer>) {
    let get = |f: &str| r.get(f).map(String::as_str);
    let mut new_employer = None;
    let employer = if let Some(ext) = get("employerExternalId") {
        known.employer_external.get(ext).copied()
    } else if let Some(kvk) = get("employerKvk") {
        known
            .employer_kvk
            .get(&kvk.chars().filter(char::is_ascii_digit).collect::<String>())
            .copied()
    } else if let Some(id) = get("employerId") {
        id.parse::<i64>()
            .ok()
            .filter(|i| known.employer_ids.contains(i))
    } else if let Some(name) = get("employerName") {
        let found = known
            .employer_names
            .get(&name.trim().to_lowercase())
            .copied();
        match (found, get("employerSector")) {
            (Some(0), _) => {
                // Made by an earlier row of this import: found by name when inserted.
                new_employer = Some(NewEmployer {
                    name: name.trim().to_string(),
                    website: None,
                    sector: known
                        .made_sectors
                        .get(&name.trim().to_lowercase())
                        .cloned()
                        .unwrap_or_default(),
                    postcode: None,
                });
                Some(0)
            }
            (Some(id), _) => Some(id),
            (None, Some(sector)) => {
                let sector = e.check("employerSector", Sector::parse(sector));
                new_employer = sector.map(|sector| NewEmployer {
                    name: name.trim().to_string(),
                    website: get("employerWebsite").map(str::to_string),
                    sector: sector.code().to_string(),
                    postcode: get("postcode")
                        .and_then(|p| Postcode::parse(p).ok())
                        .map(Postcode::into_string),
                });
                new_employer.as_ref().map(|_| 0)
            }
            (None, None) => {
                e.push(
                    "employer",
                    "unknown_employer",
                    format!("Werkgever '{}' is niet bekend in koppel; maak hem eerst aan, of geef een sector voor nieuwe werkgevers.", name.trim()),
                );
                None
            }
        }
    } else {
        None
    };
    if employer.is_none() && e.is_empty() {
        e.push("employer", "unknown_employer", "Geen bekende werkgever: geef het extern id, het KvK-nummer, het id of de naam van een werkgever in koppel.");
    }
    (employer, new_employer)
}

/// A row's fields checked one by one: the vacancy and the employer it makes, or the reasons it
/// cannot be imported. Duplicates are not looked for here.
pub(crate) async fn fields(
    tx: &mut Tx,
    r: &Record,
    known: &mut Known,
) -> Result<Result<(VacancyWrite, Option<NewEmployer>), String>, AppError> {
    {
        let mut e = FieldErrors::new();
        let get = |f: &str| r.get(f).map(String::as_str);
        let list = |f: &str| super::list(r, f);
        let (employer, new_employer) = row_employer(r, known, &mut e);
        let occupation = occupation_uri(tx, &mut e, "occupationUri", get("occupationUri")).await?;
        let licences = codes::<DrivingLicence>(&mut e, "drivingLicences", &list("drivingLicences"));
        let langs = languages(&mut e, &list("languages"));
        let (essential, optional) = (list("essentialSkills"), list("optionalSkills"));
        let skills = crate::vacancies::vacancy_skills(tx, &mut e, &essential, &optional).await?;
        let title = e.check("title", required_text(get("title").unwrap_or(""), 200));
        let description = e
            .check("description", optional_text(get("description"), 10_000))
            .flatten()
            .unwrap_or_default();
        let hours =
            get("hoursPerWeek").and_then(|s| e.check("hoursPerWeek", int_in_range(s, 1, 60)));
        let contract =
            get("contractType").and_then(|s| e.check("contractType", ContractType::parse(s)));
        let education =
            get("educationLevel").and_then(|s| e.check("educationLevel", EducationLevel::parse(s)));
        let postcode = get("postcode").and_then(|s| e.check("postcode", Postcode::parse(s)));
        let city = e
            .check("city", optional_text(get("city"), 100))
            .flatten()
            .unwrap_or_default();
        let closing = get("closingDate").and_then(|s| e.check("closingDate", date(s)));
        let positions = get("positions")
            .map(|s| e.check("positions", int_in_range(s, 1, 1000)))
            .unwrap_or(Some(1));
        let status = get("status")
            .map(|s| e.check("status", VacancyStatus::parse(s)))
            .unwrap_or(Some(VacancyStatus::Open));
        let publish = get("publish").is_some_and(|v| {
            ["ja", "j", "yes", "true", "1", "x"].contains(&v.to_lowercase().as_str())
        });
        let (Some(employer_id), Some(title), Some(positions), Some(status), true) =
            (employer, title, positions, status, e.is_empty())
        else {
            let reasons: Vec<String> =
                e.0.iter()
                    .map(|e| format!("{}: {}", e.field, e.message))
                    .collect();
            return Ok(Err(reasons.join(" ")));
        };
        let write = VacancyWrite {
            employer_id,
            title,
            description,
            occupation_uri: occupation,
            hours_per_week: hours,
            contract_type: contract.map(|c| c.code().to_string()),
            education_level: education.map(|l| l.code().to_string()),
            driving_licences: licences,
            languages: langs,
            postcode: postcode.map(Postcode::into_string),
            city,
            closing_date: closing,
            positions,
            status: status.code().to_string(),
            publish,
            skills,
            carving: Default::default(),
        };
        Ok(Ok((write, new_employer)))
    }
}

/// The employer of this name, made when it does not exist yet (an earlier row may have made it).
pub(crate) async fn employer_for(tx: &mut Tx, n: NewEmployer) -> Result<i64, AppError> {
    if let Some(id) = koppel_store::imports::employer_by_name(tx, &n.name).await? {
        return Ok(id);
    }
    let w = EmployerWrite {
        name: n.name,
        kvk_number: None,
        sbi_code: None,
        sector: n.sector,
        postcode: n.postcode,
        city: String::new(),
        municipality_code: None,
        website: n.website,
        account_holder_id: None,
        strategic: false,
    };
    Ok(koppel_store::employers::insert(tx, &w).await?)
}
