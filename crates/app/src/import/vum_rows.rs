//! VUM documents as import rows: each already checked against the contract's schema, read into a
//! koppel vacancy or candidate (keeping only the codes, occupations and skills koppel knows), and
//! stored with the document whole. A document whose id was imported before replaces that one.

use std::collections::{HashMap, HashSet};

use koppel_domain::codes::{CodeList, DrivingLicence, EducationLevel};
use koppel_domain::language::LanguageSkill;
use koppel_store::candidates::{CandidateWrite, TargetGroup};
use koppel_store::vacancies::VacancyWrite;
use koppel_store::vum_documents::{self as documents, DocumentWrite, Owner};
use koppel_store::Tx;
use koppel_vum::contract::Kind as DocKind;
use koppel_vum::intake;
use serde_json::Value;

use super::vacancies::{self, NewEmployer};
use super::{ImportBy, Outcome, Record};
use crate::candidates::{validate_with, CandidateInput};
use crate::input::{Flag, List, Text};
use crate::taxonomy_aliases::resolve;
use crate::{AppContext, AppError, Meta};

/// The sheet's columns: the external id (`vum:<id>`), what the import adds, and the document.
pub(crate) const FIELDS: &[(&str, &[&str])] = &[
    ("externalId", &[]),
    ("employerSector", &[]),
    ("publish", &[]),
    ("consentDate", &[]),
    ("document", &[]),
];

/// Where a row goes: a new record, or the one an earlier import of the same document made.
pub(crate) enum Target {
    New,
    Replace(i64),
}

pub(crate) struct Kept<W> {
    write: W,
    target: Target,
    document: DocumentWrite,
}

/// Records imported before, by external id, and the external ids this file has had so far.
pub(crate) struct Seen {
    earlier: HashMap<String, i64>,
    this_file: HashSet<String>,
}

impl Seen {
    async fn load(tx: &mut Tx, owner: Owner, org_id: Option<i64>) -> Result<Self, AppError> {
        Ok(Seen {
            earlier: documents::by_external_id(tx, owner, org_id)
                .await?
                .into_iter()
                .collect(),
            this_file: HashSet::new(),
        })
    }

    /// Where the row with this external id goes, or why it is skipped.
    fn target(&mut self, ext: Option<&String>, id_field: &str) -> Result<Target, String> {
        let Some(ext) = ext else {
            return Ok(Target::New);
        };
        if !self.this_file.insert(ext.clone()) {
            return Err(format!(
                "Dezelfde {id_field} staat al eerder in dit bestand."
            ));
        }
        Ok(match self.earlier.get(ext) {
            Some(id) => Target::Replace(*id),
            None => Target::New,
        })
    }
}

fn document(r: &Record) -> Result<Value, String> {
    serde_json::from_str(r.get("document").map(String::as_str).unwrap_or(""))
        .map_err(|e| format!("Geen geldig VUM-document: {e}."))
}

/// The URIs among `uris` that koppel's taxonomy knows, as koppel's concepts. A code that is not
/// a URI (VUM allows any text) stays in the document only.
async fn known_concepts(tx: &mut Tx, uris: &[String]) -> Result<Vec<String>, AppError> {
    let mut out = Vec::new();
    let uri = |u: &str| {
        (u.starts_with("http://") || u.starts_with("https://"))
            && !u.contains(|c: char| c.is_whitespace() || c == ',')
    };
    for u in uris.iter().filter(|u| uri(u)) {
        if let Some(c) = resolve(tx, u).await? {
            if !out.contains(&c) {
                out.push(c);
            }
        }
    }
    Ok(out)
}

/// The codes of `items` that are in koppel's code list `T`.
fn known_codes<T: CodeList>(items: &[String]) -> Vec<String> {
    items
        .iter()
        .filter_map(|c| T::parse(c).ok().map(|c| c.code().to_string()))
        .collect()
}

/// Language skills koppel knows, written as koppel reads them (`nld:3`, `nld:3/2`).
fn known_languages(levels: &[koppel_vum::Language]) -> Vec<String> {
    levels
        .iter()
        .filter_map(|l| {
            let optional = |v: Option<i64>| v.map_or("-".to_string(), |v| v.to_string());
            let (r, h) = (optional(l.reading), optional(l.listening));
            LanguageSkill::parse(&format!("{}:{}/{}/{r}/{h}", l.code, l.spoken, l.written)).ok()
        })
        .map(|l| l.to_code())
        .collect()
}

/// Hours koppel's own fields can hold (1 to 60 a week); VUM allows up to 99.
fn koppel_hours(h: Option<i64>) -> Option<String> {
    h.filter(|h| (1..=60).contains(h)).map(|h| h.to_string())
}

fn cut(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

pub(crate) struct VumVacancies;

impl super::Kind for VumVacancies {
    type Known = (vacancies::Known, Seen);
    type Row = Kept<(VacancyWrite, Option<NewEmployer>)>;
    const NAME: &'static str = "vacancies";
    const FIELDS: &'static [(&'static str, &'static [&'static str])] = FIELDS;
    const REQUIRED: &'static [&'static str] = &["document"];

    async fn load(tx: &mut Tx, by: &ImportBy) -> Result<Self::Known, AppError> {
        Ok((
            <vacancies::Vacancies as super::Kind>::load(tx, by).await?,
            Seen::load(tx, Owner::Vacancy, None).await?,
        ))
    }

    async fn check(
        tx: &mut Tx,
        r: &Record,
        known: &mut Self::Known,
    ) -> Result<Outcome<Self::Row>, AppError> {
        let doc = match document(r) {
            Ok(doc) => doc,
            Err(reason) => return Ok(Outcome::Bad(reason)),
        };
        let (id, v) = match intake::vacancy(&doc) {
            Ok(read) => read,
            Err(e) => return Ok(Outcome::Bad(format!("Geen geldig VUM-object: {e}."))),
        };
        let mut fields = Record::new();
        let mut put = |k: &'static str, v: Option<String>| {
            if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
                fields.insert(k, v);
            }
        };
        let title = Some(v.title.trim().to_string())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| format!("VUM-vacature {id}"));
        put("title", Some(cut(&title, 200)));
        put("description", Some(v.description));
        put("postcode", Some(v.postcode));
        let occupation =
            known_concepts(tx, &v.occupation_uri.into_iter().collect::<Vec<_>>()).await?;
        put("occupationUri", occupation.into_iter().next());
        put(
            "educationLevel",
            v.education_level
                .filter(|l| EducationLevel::parse(l).is_ok()),
        );
        put("hoursPerWeek", koppel_hours(v.hours_per_week));
        put("contractType", v.contract_type);
        put(
            "drivingLicences",
            Some(known_codes::<DrivingLicence>(&v.driving_licences).join(",")),
        );
        put("languages", Some(known_languages(&v.languages).join(",")));
        put("closingDate", v.closing_date);
        put(
            "essentialSkills",
            Some(known_concepts(tx, &v.skills).await?.join(",")),
        );
        let employer = Some(cut(v.employer_name.trim(), 200))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "Werkgever onbekend (VUM)".to_string());
        put("employerName", Some(employer));
        put("employerWebsite", v.employer_website);
        put("employerSector", r.get("employerSector").cloned());
        put("status", Some("open".into()));
        put("publish", r.get("publish").cloned());
        let (write, new_employer) = match vacancies::fields(tx, &fields, &mut known.0).await? {
            Ok(row) => row,
            Err(reasons) => return Ok(Outcome::Bad(reasons)),
        };
        let target = match known.1.target(r.get("externalId"), "idVacature") {
            Ok(t) => t,
            Err(reason) => return Ok(Outcome::Skipped(reason)),
        };
        known.0.made(&new_employer);
        let document = crate::vum_source::kept(DocKind::Vacancy, &doc);
        Ok(Outcome::New(Kept {
            write: (write, new_employer),
            target,
            document,
        }))
    }

    async fn insert(
        tx: &mut Tx,
        _ctx: &AppContext,
        by: &ImportBy,
        _meta: &Meta,
        rows: Vec<(Self::Row, Option<String>)>,
    ) -> Result<(), AppError> {
        for (row, ext) in rows {
            let (mut w, new_employer) = row.write;
            let id = match row.target {
                Target::New => {
                    vacancies::insert_one(tx, w, new_employer, ext.as_deref(), by).await?
                }
                Target::Replace(id) => {
                    if let Some(n) = new_employer {
                        w.employer_id = vacancies::employer_for(tx, n).await?;
                    }
                    koppel_store::imports::replace_vacancy(tx, id, &w).await?;
                    id
                }
            };
            documents::put(tx, Owner::Vacancy, id, &row.document).await?;
        }
        Ok(())
    }
}

pub(crate) struct VumJobSeekers;

impl super::Kind for VumJobSeekers {
    type Known = (Vec<TargetGroup>, Seen);
    type Row = Kept<CandidateWrite>;
    const NAME: &'static str = "candidates";
    const FIELDS: &'static [(&'static str, &'static [&'static str])] = FIELDS;
    const REQUIRED: &'static [&'static str] = &["document"];

    async fn load(tx: &mut Tx, by: &ImportBy) -> Result<Self::Known, AppError> {
        Ok((
            koppel_store::candidates::target_groups(tx).await?,
            Seen::load(tx, Owner::Candidate, by.org_id).await?,
        ))
    }

    async fn check(
        tx: &mut Tx,
        r: &Record,
        known: &mut Self::Known,
    ) -> Result<Outcome<Self::Row>, AppError> {
        let doc = match document(r) {
            Ok(doc) => doc,
            Err(reason) => return Ok(Outcome::Bad(reason)),
        };
        let j = match intake::jobseeker(&doc) {
            Ok(j) => j,
            Err(e) => return Ok(Outcome::Bad(format!("Geen geldig VUM-object: {e}."))),
        };
        let text = |s: Option<String>| s.filter(|s| !s.is_empty()).map(Text);
        let offer = r.get("publish").is_some_and(|p| p == "ja");
        let occupation =
            known_concepts(tx, &j.occupation_uri.into_iter().collect::<Vec<_>>()).await?;
        let input = CandidateInput {
            first_name: Text("VUM-profiel".into()),
            last_name: Text(cut(if j.id.is_empty() { "zonder id" } else { &j.id }, 100)),
            postcode: text(Some(j.postcode)),
            target_group: Text("overig".into()),
            work_ready: Flag(true),
            consent_wsp: Flag(offer),
            consent_scope: text(offer.then(|| "wsp_vum".to_string())),
            consent_date: text(r.get("consentDate").cloned().filter(|_| offer)),
            hours_per_week: text(koppel_hours(j.hours_per_week)),
            available_from: text(j.available_from),
            education_level: text(
                j.education_level
                    .filter(|l| EducationLevel::parse(l).is_ok()),
            ),
            // koppel's own field holds up to 300 km; the document keeps what VUM allows (999).
            max_travel_km: text(
                j.max_travel_km
                    .filter(|k| (0..=300).contains(k))
                    .map(|k| k.to_string()),
            ),
            driving_licences: List(known_codes::<DrivingLicence>(&j.driving_licences)),
            languages: List(known_languages(&j.languages)),
            skills: List(known_concepts(tx, &j.skills).await?),
            desired_occupation_uri: text(occupation.into_iter().next()),
            ..Default::default()
        };
        let write = match validate_with(tx, &input, &known.0).await {
            Ok(w) => w,
            Err(AppError::Invalid(e)) => {
                let reasons: Vec<String> =
                    e.0.iter()
                        .map(|e| format!("{}: {}", e.field, e.message))
                        .collect();
                return Ok(Outcome::Bad(reasons.join(" ")));
            }
            Err(other) => return Err(other),
        };
        let target = match known.1.target(r.get("externalId"), "idWerkzoekende") {
            Ok(t) => t,
            Err(reason) => return Ok(Outcome::Skipped(reason)),
        };
        let document = crate::vum_source::kept(DocKind::JobSeeker, &doc);
        Ok(Outcome::New(Kept {
            write,
            target,
            document,
        }))
    }

    async fn insert(
        tx: &mut Tx,
        ctx: &AppContext,
        by: &ImportBy,
        meta: &Meta,
        rows: Vec<(Self::Row, Option<String>)>,
    ) -> Result<(), AppError> {
        let org = by.org_id.unwrap_or(0);
        let now = chrono::Utc::now();
        let mut records = Vec::with_capacity(rows.len());
        for (row, ext) in rows {
            let id = match row.target {
                Target::New => {
                    koppel_store::candidates::insert_imported(tx, org, &row.write, ext.as_deref())
                        .await?
                }
                Target::Replace(id) => {
                    koppel_store::imports::replace_candidate_profile(tx, id, &row.write).await?;
                    id
                }
            };
            documents::put(tx, Owner::Candidate, id, &row.document).await?;
            records.push(super::candidates::imported(ctx, by, meta, id, now));
        }
        koppel_store::logs::record_processing_many(tx, &records).await?;
        Ok(())
    }
}
