//! Vacancy rows: their employer found by its external id, KvK number or id; checked field by field.

use std::collections::{HashMap, HashSet};

use koppel_domain::codes::{CodeList, ContractType, EducationLevel, VacancyStatus};
use koppel_domain::values::{date, int_in_range, optional_text, required_text, Postcode};
use koppel_domain::FieldErrors;
use koppel_store::vacancies::VacancyWrite;
use koppel_store::Tx;

use super::{ImportBy, Outcome, Record};
use crate::{AppContext, AppError, Meta};

pub(crate) struct Vacancies;

pub(crate) struct Known {
    employer_external: HashMap<String, i64>,
    employer_kvk: HashMap<String, i64>,
    employer_ids: HashSet<i64>,
    external: HashSet<String>,
    /// Open vacancies by (employer, title in lower case).
    open: HashMap<(i64, String), i64>,
    next: i64,
}

impl super::Kind for Vacancies {
    type Known = Known;
    type Row = VacancyWrite;
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
    ];
    const REQUIRED: &'static [&'static str] = &["title"];

    async fn load(tx: &mut Tx, _by: &ImportBy) -> Result<Known, AppError> {
        let mut k = Known {
            employer_external: HashMap::new(),
            employer_kvk: HashMap::new(),
            employer_ids: HashSet::new(),
            external: HashSet::new(),
            open: HashMap::new(),
            next: -1,
        };
        for (id, ext, kvk, _, _) in koppel_store::imports::employer_keys(tx).await? {
            k.employer_ids.insert(id);
            if let Some(e) = ext {
                k.employer_external.insert(e, id);
            }
            if let Some(v) = kvk {
                k.employer_kvk.insert(v, id);
            }
        }
        let rows: Vec<(i64, i64, String, Option<String>, String)> = tx
            .fetch_all(
                "SELECT id, employer_id, title, external_id, status FROM vacancies",
                &[],
            )
            .await?;
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
        _tx: &mut Tx,
        r: &Record,
        known: &mut Known,
    ) -> Result<Outcome<VacancyWrite>, AppError> {
        let mut e = FieldErrors::new();
        let get = |f: &str| r.get(f).map(String::as_str);
        let employer = if let Some(ext) = get("employerExternalId") {
            known.employer_external.get(ext).copied()
        } else if let Some(kvk) = get("employerKvk") {
            known
                .employer_kvk
                .get(&kvk.chars().filter(char::is_ascii_digit).collect::<String>())
                .copied()
        } else {
            get("employerId")
                .and_then(|i| i.parse::<i64>().ok())
                .filter(|i| known.employer_ids.contains(i))
        };
        if employer.is_none() {
            e.push("employer", "unknown_employer", "Geen bekende werkgever: geef het extern id, het KvK-nummer of het id van een werkgever in koppel.");
        }
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
            return Ok(Outcome::Bad(reasons.join(" ")));
        };
        if let Some(ext) = r.get("externalId") {
            if known.external.contains(ext) {
                return Ok(Outcome::Skipped(format!(
                    "Extern id {ext} is al geïmporteerd."
                )));
            }
        }
        let key = (employer_id, title.to_lowercase());
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
        if status == VacancyStatus::Open {
            known.open.insert(key, known.next);
            known.next -= 1;
        }
        Ok(Outcome::New(VacancyWrite {
            employer_id,
            title,
            description,
            occupation_uri: None,
            hours_per_week: hours,
            contract_type: contract.map(|c| c.code().to_string()),
            education_level: education.map(|l| l.code().to_string()),
            driving_licences: String::new(),
            languages: String::new(),
            postcode: postcode.map(Postcode::into_string),
            city,
            closing_date: closing,
            positions,
            status: status.code().to_string(),
            publish,
            skills: Vec::new(),
            carving: Default::default(),
        }))
    }

    async fn insert(
        tx: &mut Tx,
        _ctx: &AppContext,
        by: &ImportBy,
        _meta: &Meta,
        rows: Vec<(VacancyWrite, Option<String>)>,
    ) -> Result<(), AppError> {
        koppel_store::imports::insert_vacancies(tx, &rows, by.user_id).await?;
        Ok(())
    }
}
