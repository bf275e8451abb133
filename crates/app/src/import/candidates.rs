//! Candidate rows: imported into the importer's organisation, each checked like a candidate made
//! in the UI, and each import of personal data written to the processing log.

use std::collections::{HashMap, HashSet};

use koppel_store::candidates::{self as store, CandidateWrite};
use koppel_store::Tx;

use super::{ImportBy, Outcome, Record};
use crate::candidates::{subject, validate_with, CandidateInput};
use crate::input::{Flag, Text};
use crate::logging::{activity, pseudonym};
use crate::{AppContext, AppError, Meta};

pub(crate) struct Candidates;

/// What the organisation already holds, to find duplicates among the rows.
pub(crate) struct Known {
    external: HashSet<String>,
    emails: HashMap<String, i64>,
    names: HashMap<(String, String), i64>,
    /// Target-group labels (lower case) to codes.
    groups: HashMap<String, String>,
    all_groups: Vec<store::TargetGroup>,
    next: i64,
}

fn who(id: i64) -> String {
    if id < 0 {
        "een eerdere regel van dit bestand".into()
    } else {
        format!("kandidaat {id}")
    }
}

fn yes(v: Option<&String>) -> bool {
    v.is_some_and(|v| ["ja", "j", "yes", "true", "1", "x"].contains(&v.to_lowercase().as_str()))
}

impl super::Kind for Candidates {
    type Known = Known;
    type Row = CandidateWrite;
    const NAME: &'static str = "candidates";
    const FIELDS: &'static [(&'static str, &'static [&'static str])] = &[
        (
            "externalId",
            &["extern id", "externe id", "klantnummer", "id bronsysteem"],
        ),
        ("firstName", &["voornaam", "roepnaam"]),
        ("lastName", &["achternaam", "naam"]),
        ("email", &["e-mail", "e-mailadres"]),
        ("phone", &["telefoon", "telefoonnummer"]),
        ("postcode", &[]),
        ("city", &["plaats", "woonplaats"]),
        ("targetGroup", &["doelgroep"]),
        ("workReady", &["werkfit"]),
        ("consentWsp", &["toestemming", "toestemming wsp"]),
        ("consentDate", &["datum toestemming"]),
        ("availableFrom", &["beschikbaar vanaf"]),
        ("hoursPerWeek", &["uren", "uren per week"]),
        (
            "educationLevel",
            &["opleidingsniveau", "werk- en denkniveau"],
        ),
        ("maxTravelKm", &["reisafstand", "maximale reisafstand"]),
        ("drivingLicences", &["rijbewijs", "rijbewijzen"]),
        ("languages", &["talen", "taalniveau"]),
        ("skills", &["vaardigheden"]),
        ("desiredOccupationUri", &["beroep", "gewenst beroep"]),
        ("consentScope", &["reikwijdte toestemming"]),
        ("workReadyAssessedOn", &["werkfit beoordeeld op"]),
    ];
    const REQUIRED: &'static [&'static str] = &["firstName", "lastName", "targetGroup"];

    async fn load(tx: &mut Tx, by: &ImportBy) -> Result<Known, AppError> {
        let org = by.org_id.unwrap_or(0);
        let rows = koppel_store::imports::candidate_keys(tx, org).await?;
        let all_groups = store::target_groups(tx).await?;
        let mut k = Known {
            external: HashSet::new(),
            emails: HashMap::new(),
            names: HashMap::new(),
            groups: HashMap::new(),
            all_groups: all_groups.clone(),
            next: -1,
        };
        for (id, ext, email, last, postcode) in rows {
            if let Some(e) = ext {
                k.external.insert(e);
            }
            if let Some(m) = email {
                k.emails.insert(m.to_lowercase(), id);
            }
            if let Some(p) = postcode {
                k.names.insert((last.to_lowercase(), p), id);
            }
        }
        for g in all_groups {
            k.groups.insert(g.label.to_lowercase(), g.code.clone());
            k.groups.insert(g.code.to_lowercase(), g.code);
        }
        Ok(k)
    }

    async fn check(
        tx: &mut Tx,
        r: &Record,
        known: &mut Known,
    ) -> Result<Outcome<CandidateWrite>, AppError> {
        let text = |f: &str| r.get(f).map(|v| Text(v.clone()));
        let list = |f: &str| super::list(r, f);
        let group = r.get("targetGroup").map(|g| {
            known
                .groups
                .get(&g.to_lowercase())
                .cloned()
                .unwrap_or_else(|| g.clone())
        });
        let input = CandidateInput {
            first_name: text("firstName").unwrap_or_default(),
            last_name: text("lastName").unwrap_or_default(),
            email: text("email"),
            phone: text("phone"),
            postcode: text("postcode"),
            city: text("city"),
            target_group: Text(group.unwrap_or_default()),
            work_ready: Flag(yes(r.get("workReady"))),
            consent_wsp: Flag(yes(r.get("consentWsp"))),
            consent_date: text("consentDate"),
            available_from: text("availableFrom"),
            hours_per_week: text("hoursPerWeek"),
            education_level: text("educationLevel"),
            max_travel_km: text("maxTravelKm"),
            driving_licences: list("drivingLicences"),
            languages: list("languages"),
            skills: list("skills"),
            desired_occupation_uri: text("desiredOccupationUri"),
            consent_scope: text("consentScope"),
            work_ready_assessed_on: text("workReadyAssessedOn"),
            ..Default::default()
        };
        let w = match validate_with(tx, &input, &known.all_groups).await {
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
        if let Some(ext) = r.get("externalId") {
            if known.external.contains(ext) {
                return Ok(Outcome::Skipped(format!(
                    "Extern id {ext} is al geïmporteerd."
                )));
            }
        }
        if let Some(id) = w
            .email
            .as_ref()
            .and_then(|m| known.emails.get(&m.to_lowercase()))
        {
            return Ok(Outcome::Skipped(format!(
                "Het e-mailadres is al van {}.",
                who(*id)
            )));
        }
        if let Some(id) = w
            .postcode
            .as_ref()
            .and_then(|p| known.names.get(&(w.last_name.to_lowercase(), p.clone())))
        {
            return Ok(Outcome::Skipped(format!(
                "Lijkt op {} (zelfde achternaam en postcode).",
                who(*id)
            )));
        }
        let id = known.next;
        known.next -= 1;
        if let Some(ext) = r.get("externalId") {
            known.external.insert(ext.clone());
        }
        if let Some(m) = &w.email {
            known.emails.insert(m.to_lowercase(), id);
        }
        if let Some(p) = &w.postcode {
            known
                .names
                .insert((w.last_name.to_lowercase(), p.clone()), id);
        }
        Ok(Outcome::New(w))
    }

    async fn insert(
        tx: &mut Tx,
        ctx: &AppContext,
        by: &ImportBy,
        meta: &Meta,
        rows: Vec<(CandidateWrite, Option<String>)>,
    ) -> Result<(), AppError> {
        let org = by.org_id.unwrap_or(0);
        let now = chrono::Utc::now();
        let mut records = Vec::with_capacity(rows.len());
        for (w, ext) in rows {
            let id = store::insert_imported(tx, org, &w, ext.as_deref()).await?;
            records.push(imported(ctx, by, meta, id, now));
        }
        koppel_store::logs::record_processing_many(tx, &records).await?;
        Ok(())
    }
}

/// The processing record of a candidate taken in by an import.
pub(crate) fn imported(
    ctx: &AppContext,
    by: &ImportBy,
    meta: &Meta,
    id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> koppel_store::logs::ProcessingRecord {
    koppel_store::logs::ProcessingRecord {
        trace_id: meta.trace_id.clone(),
        span_id: crate::random::random_hex(8),
        name: "candidate.import".into(),
        processing_activity: activity::MEDIATION.into(),
        data_subject_id: pseudonym(ctx, &subject(id)),
        actor_id: by.user_id,
        started_at: now,
        ended_at: now,
        status: "ok".into(),
    }
}
