//! Employer rows: their columns, their checks, and what already exists.

use std::collections::HashMap;

use koppel_domain::crm::similar_names;
use koppel_domain::FieldErrors;
use koppel_store::employers::EmployerWrite;
use koppel_store::{imports, Tx};

use super::{Outcome, Record};
use crate::employers::{check_fields, EmployerInput};
use crate::input::{Flag, Text};
use crate::AppError;

/// Employers.
pub(crate) struct Employers;

impl super::Kind for Employers {
    type Known = Known;
    type Row = EmployerWrite;
    const NAME: &'static str = "employers";
    const FIELDS: &'static [(&'static str, &'static [&'static str])] = FIELDS;
    const REQUIRED: &'static [&'static str] = &["name", "sector"];

    async fn load(tx: &mut Tx, _by: &super::ImportBy) -> Result<Known, AppError> {
        Known::load(tx).await
    }

    async fn check(
        _tx: &mut Tx,
        r: &Record,
        known: &mut Known,
    ) -> Result<Outcome<EmployerWrite>, AppError> {
        Ok(check(r, known))
    }

    async fn insert(
        tx: &mut Tx,
        _ctx: &crate::AppContext,
        _by: &super::ImportBy,
        _meta: &crate::Meta,
        rows: Vec<(EmployerWrite, Option<String>)>,
    ) -> Result<(), AppError> {
        Ok(imports::insert_employers(tx, &rows).await?)
    }
}

/// Field names (as in the API) with the Dutch column names they are also known by.
const FIELDS: &[(&str, &[&str])] = &[
    (
        "externalId",
        &["extern id", "externe id", "id bronsysteem", "relatienummer"],
    ),
    ("name", &["naam", "bedrijfsnaam", "werkgever"]),
    ("kvkNumber", &["kvk", "kvk-nummer", "kvknummer"]),
    ("sbiCode", &["sbi", "sbi-code"]),
    ("sector", &[]),
    ("postcode", &[]),
    ("city", &["plaats", "vestigingsplaats", "woonplaats"]),
    ("municipalityCode", &["gemeentecode", "gemeente"]),
    ("website", &["site", "internetadres"]),
    ("strategic", &["strategisch"]),
];

/// The employers that exist, and those added earlier in this import.
pub(crate) struct Known {
    external: HashMap<String, i64>,
    kvk: HashMap<String, i64>,
    by_postcode: HashMap<String, Vec<(i64, String)>>,
    next: i64,
}

impl Known {
    pub(crate) async fn load(tx: &mut Tx) -> Result<Self, AppError> {
        let mut k = Known {
            external: HashMap::new(),
            kvk: HashMap::new(),
            by_postcode: HashMap::new(),
            next: -1,
        };
        for (id, ext, kvk, postcode, name) in imports::employer_keys(tx).await? {
            k.add(id, ext, kvk, postcode, name);
        }
        Ok(k)
    }

    fn add(
        &mut self,
        id: i64,
        ext: Option<String>,
        kvk: Option<String>,
        postcode: Option<String>,
        name: String,
    ) {
        if let Some(e) = ext {
            self.external.insert(e, id);
        }
        if let Some(k) = kvk {
            self.kvk.insert(k, id);
        }
        if let Some(p) = postcode {
            self.by_postcode.entry(p).or_default().push((id, name));
        }
    }
}

fn describe(id: i64) -> String {
    if id < 0 {
        "een eerdere regel van dit bestand".into()
    } else {
        format!("werkgever {id}")
    }
}

/// What a row becomes: a new employer, a skip (it exists), or bad (with every reason).
pub(crate) fn check(r: &Record, known: &mut Known) -> Outcome<EmployerWrite> {
    let text = |f: &str| r.get(f).map(|v| Text(v.clone()));
    let input = EmployerInput {
        name: text("name").unwrap_or_default(),
        kvk_number: text("kvkNumber"),
        sbi_code: text("sbiCode"),
        sector: text("sector").unwrap_or_default(),
        postcode: text("postcode"),
        city: text("city"),
        municipality_code: text("municipalityCode"),
        website: text("website"),
        account_holder_id: None,
        strategic: Flag(r.get("strategic").is_some_and(|v| {
            ["ja", "j", "yes", "true", "1", "x"].contains(&v.to_lowercase().as_str())
        })),
        confirm_duplicate: Flag(false),
    };
    let mut errors = FieldErrors::new();
    let w = check_fields(&input, &mut errors);
    let ext = r.get("externalId").cloned();
    if ext.as_ref().is_some_and(|e| e.chars().count() > 100) {
        errors.push(
            "externalId",
            "too_long",
            "Een extern id heeft hoogstens 100 tekens.",
        );
    }
    let (Some(w), true) = (w, errors.is_empty()) else {
        let reasons: Vec<String> = errors
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        return Outcome::Bad(reasons.join(" "));
    };
    if let Some(id) = ext.as_ref().and_then(|e| known.external.get(e)) {
        return Outcome::Skipped(format!(
            "Extern id {} is al geïmporteerd ({}).",
            ext.unwrap_or_default(),
            describe(*id)
        ));
    }
    if let Some(id) = w.kvk_number.as_ref().and_then(|k| known.kvk.get(k)) {
        return Outcome::Skipped(format!(
            "KvK-nummer {} bestaat al ({}).",
            w.kvk_number.clone().unwrap_or_default(),
            describe(*id)
        ));
    }
    if let Some(p) = &w.postcode {
        if let Some((id, name)) = known
            .by_postcode
            .get(p)
            .and_then(|list| list.iter().find(|(_, n)| similar_names(n, &w.name)))
        {
            return Outcome::Skipped(format!(
                "Lijkt op {} '{}' met dezelfde postcode {p}; niet geïmporteerd.",
                describe(*id),
                name
            ));
        }
    }
    let id = known.next;
    known.next -= 1;
    known.add(
        id,
        ext.clone(),
        w.kvk_number.clone(),
        w.postcode.clone(),
        w.name.clone(),
    );
    Outcome::New(w)
}
