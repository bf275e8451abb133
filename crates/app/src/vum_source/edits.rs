//! Edits made in koppel to a record kept as a VUM document reach that document: what the edit
//! changed in koppel's fields is written into it (see `koppel_vum::edits`), the rest of the
//! document stays as it came, and its profile is cut again.

use koppel_store::candidates::Candidate;
use koppel_store::vacancies::Vacancy;
use koppel_store::vum_documents::{self as documents, Owner};
use koppel_store::Tx;
use koppel_vum::contract::{self, Kind};
use koppel_vum::edits::{carry, JOBSEEKER_PATHS, VACANCY_PATHS};
use koppel_vum::extras::{read_jobseeker, write_jobseeker};
use koppel_vum::jobseeker::{profile, JobSeekerFacts};
use koppel_vum::vacancy::{detail, VacancyFacts};
use serde_json::Value;

use super::{codes, languages};
use crate::taxonomy_aliases::VumNames;
use crate::AppError;

/// A vacancy as koppel writes it for VUM (without an address when it has no postcode).
pub(crate) fn vacancy(v: &Vacancy, names: &VumNames) -> Value {
    let mut doc = detail(&VacancyFacts {
        id: v.id,
        title: v.title.clone(),
        description: v.description.clone(),
        postcode: v.postcode.clone().unwrap_or_default(),
        occupation_uri: v.occupation_uri.as_deref().map(|o| names.name(o)),
        education_level: v.education_level.clone(),
        hours_per_week: v.hours_per_week,
        contract_type: v.contract_type.clone(),
        driving_licences: codes(&v.driving_licences),
        languages: languages(&v.languages),
        closing_date: v.closing_date.map(|d| d.to_string()),
        skills: v.skills.iter().map(|s| names.name(&s.uri)).collect(),
        employer_name: v.employer_name.clone(),
        ..Default::default()
    });
    if v.postcode.is_none() {
        doc.as_object_mut().map(|m| m.remove("adres"));
    }
    doc
}

/// A candidate as koppel writes them for VUM (without an id, and without mobility when they
/// have no postcode).
pub(crate) fn jobseeker(c: &Candidate, names: &VumNames) -> Value {
    let mut doc = profile(&JobSeekerFacts {
        postcode: c.postcode.clone().unwrap_or_default(),
        max_travel_km: c.max_travel_km,
        occupation_uri: c.desired_occupation_uri.as_deref().map(|o| names.name(o)),
        education_level: c.education_level.clone(),
        hours_per_week: c.hours_per_week,
        driving_licences: codes(&c.driving_licences),
        languages: languages(&c.languages),
        skills: c.skills.iter().map(|s| names.name(&s.uri)).collect(),
        available_from: c.available_from.map(|d| d.to_string()),
        ..Default::default()
    });
    if c.postcode.is_none() {
        doc.as_object_mut().map(|m| m.remove("mobiliteit"));
    }
    doc
}

/// The candidate's own contact details, offered in their document only with their agreement.
pub(crate) fn contact(c: &Candidate) -> (Option<&str>, Option<&str>) {
    (c.email.as_deref(), c.phone.as_deref())
}

/// Writes the edit from `written[0]` to `written[1]` into the record's document, if it has one.
async fn follow(
    tx: &mut Tx,
    owner: Owner,
    id: i64,
    written: [Value; 2],
    contact: Option<(Option<&str>, Option<&str>)>,
) -> Result<(), AppError> {
    let Some(text) = documents::document(tx, owner, id).await? else {
        return Ok(());
    };
    let Ok(doc) = serde_json::from_str::<Value>(&text) else {
        return Ok(());
    };
    let (kind, paths) = match owner {
        Owner::Vacancy => (Kind::Vacancy, VACANCY_PATHS),
        Owner::Candidate => (Kind::JobSeeker, JOBSEEKER_PATHS),
    };
    let mut edited = carry(&doc, &written[0], &written[1], paths);
    if let Some(contact) = contact.filter(|_| read_jobseeker(&doc).contact_offered) {
        // Contact details offered with the candidate's agreement follow their record.
        edited = write_jobseeker(&edited, &read_jobseeker(&edited), contact);
    }
    if edited == doc || contract::validate(kind, &edited).is_err() {
        return Ok(());
    }
    documents::put(tx, owner, id, &super::kept(kind, &edited)).await?;
    Ok(())
}

/// After a vacancy was edited in koppel.
pub(crate) async fn vacancy_edited(
    tx: &mut Tx,
    before: &Vacancy,
    after: &Vacancy,
) -> Result<(), AppError> {
    let names = VumNames::load(tx).await?;
    let written = [vacancy(before, &names), vacancy(after, &names)];
    follow(tx, Owner::Vacancy, after.id, written, None).await
}

/// After a candidate was edited in koppel.
pub(crate) async fn candidate_edited(
    tx: &mut Tx,
    before: &Candidate,
    after: &Candidate,
) -> Result<(), AppError> {
    let names = VumNames::load(tx).await?;
    let written = [jobseeker(before, &names), jobseeker(after, &names)];
    follow(
        tx,
        Owner::Candidate,
        after.id,
        written,
        Some(contact(after)),
    )
    .await
}
