//! The VUM fields of koppel's own vacancies and candidates beyond their ordinary fields (hours as
//! a range, working times, education, courses, experience, transport, sector, contract forms, and
//! whether a candidate's contact details may be offered). They live in the record's VUM document:
//! the imported one, or, for a record made in koppel, the document koppel writes of it, made the
//! first time these fields are saved. The source then serves that document, as complete as an
//! imported one.

mod input;

use koppel_domain::permissions::Permission;
use koppel_store::vum_documents::{self as documents, Owner};
use koppel_store::Tx;
use koppel_vum::contract::{self, Kind};
use koppel_vum::extras::{read_jobseeker, read_vacancy, write_jobseeker, write_vacancy};
use serde_json::{json, Value};

pub use input::{JobSeekerVum, JobSeekerVumInput, Occupation, VacancyVum, VacancyVumInput};

use crate::logging::activity;
use crate::op::Op;
use crate::taxonomy_aliases::VumNames;
use crate::vum_source::{edits, jobseekers::jobseeker_id, kept};
use crate::{Actor, AppContext, AppError, Meta};

async fn stored(tx: &mut Tx, owner: Owner, id: i64) -> Result<Option<Value>, AppError> {
    Ok(documents::document(tx, owner, id)
        .await?
        .and_then(|d| serde_json::from_str(&d).ok()))
}

/// Keeps a document changed by these fields, as a new version of the record.
async fn save(
    tx: &mut Tx,
    owner: Owner,
    id: i64,
    version: i64,
    doc: &Value,
) -> Result<(), AppError> {
    let kind = match owner {
        Owner::Vacancy => Kind::Vacancy,
        Owner::Candidate => Kind::JobSeeker,
    };
    documents::bump(tx, owner, id, version).await?;
    if let Err(v) = contract::validate(kind, doc) {
        // The record itself lacks what VUM requires (a job seeker's postcode, say): the user
        // completes the record first.
        let first = v.first().map(ToString::to_string).unwrap_or_default();
        let mut e = koppel_domain::FieldErrors::new();
        e.push(
            "vum",
            "incomplete_record",
            format!("Vul eerst de gewone gegevens aan; VUM vraagt meer: {first}."),
        );
        return Err(AppError::Invalid(e));
    }
    documents::put(tx, owner, id, &kept(kind, doc)).await?;
    Ok(())
}

/// A vacancy's VUM document: the one kept, or the one koppel writes of it.
async fn vacancy_document(
    tx: &mut Tx,
    v: &koppel_store::vacancies::Vacancy,
) -> Result<Value, AppError> {
    if let Some(doc) = stored(tx, Owner::Vacancy, v.id).await? {
        return Ok(doc);
    }
    let names = VumNames::load(tx).await?;
    let employer = koppel_store::employers::get(tx, v.employer_id).await?;
    let mut doc = edits::vacancy(v, &names);
    if let (None, Some(p)) = (&v.postcode, employer.postcode) {
        doc["adres"] = json!({ "postcode": p });
    }
    if let Some(site) = employer.website {
        doc["werkgever"]["webadres"] = json!([{"url": site}]);
    }
    Ok(doc)
}

/// A vacancy's VUM fields.
pub async fn vacancy(ctx: &AppContext, actor: &Actor, id: i64) -> Result<VacancyVum, AppError> {
    let v = crate::vacancies::get(ctx, actor, id).await?;
    let mut tx = ctx.store.begin().await?;
    let doc = vacancy_document(&mut tx, &v).await?;
    tx.commit().await?;
    Ok(VacancyVum::of(read_vacancy(&doc), v.version))
}

/// Saves a vacancy's VUM fields; `version` is the vacancy's version read.
pub async fn set_vacancy(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
    version: i64,
    input: &VacancyVumInput,
) -> Result<VacancyVum, AppError> {
    actor.require(Permission::WriteVacancies)?;
    let v = crate::vacancies::get(ctx, actor, id).await?;
    let extras = input::vacancy(input, v.hours_per_week)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let doc = vacancy_document(&mut tx, &v).await?;
    save(
        &mut tx,
        Owner::Vacancy,
        id,
        version,
        &write_vacancy(&doc, &extras),
    )
    .await?;
    let object = format!("vacancy:{id}");
    tx.audit("vacancy.vum_fields", &object).await?;
    tx.commit().await?;
    Ok(VacancyVum::of(extras, version + 1))
}

/// A candidate's VUM fields (reading them is a processing of the candidate, and logged).
pub async fn candidate(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
) -> Result<JobSeekerVum, AppError> {
    let c = crate::candidates::get(ctx, actor, meta, id).await?;
    let mut tx = ctx.store.begin().await?;
    let extras = read_jobseeker(&candidate_document(ctx, &mut tx, &c).await?);
    let occupations = named(&mut tx, &extras.other_occupations).await?;
    tx.commit().await?;
    Ok(JobSeekerVum::of(extras, occupations, c.version))
}

/// A candidate's VUM document: the one kept, or the one koppel writes of them.
async fn candidate_document(
    ctx: &AppContext,
    tx: &mut Tx,
    c: &koppel_store::candidates::Candidate,
) -> Result<Value, AppError> {
    if let Some(doc) = stored(tx, Owner::Candidate, c.id).await? {
        return Ok(doc);
    }
    let names = VumNames::load(tx).await?;
    let mut doc = edits::jobseeker(c, &names);
    doc["idWerkzoekende"] = json!(jobseeker_id(ctx, c.id));
    Ok(doc)
}

/// Occupations by URI, with their names.
async fn named(tx: &mut Tx, uris: &[String]) -> Result<Vec<Occupation>, AppError> {
    let mut out = Vec::new();
    for uri in uris {
        let label = koppel_store::taxonomy::get(tx, uri).await?.map(|c| c.label);
        out.push(Occupation {
            uri: uri.clone(),
            label,
        });
    }
    Ok(out)
}

/// The other occupations a candidate wants, looked up by name; they come after the desired
/// occupation, so there must be one.
async fn other_occupations(
    tx: &mut Tx,
    input: &JobSeekerVumInput,
    desired: Option<&str>,
) -> Result<Vec<String>, AppError> {
    let mut e = koppel_domain::FieldErrors::new();
    let mut out: Vec<String> = Vec::new();
    let names = input.other_occupations.0.iter().map(|s| s.trim());
    for name in names.filter(|s| !s.is_empty()) {
        let uri =
            crate::candidates::occupation_uri(tx, &mut e, "otherOccupations", Some(name)).await?;
        if let Some(uri) = uri.filter(|u| !out.contains(u) && Some(u.as_str()) != desired) {
            out.push(uri);
        }
    }
    if desired.is_none() && !out.is_empty() {
        e.push(
            "otherOccupations",
            "no_desired_occupation",
            "Kies eerst het gewenste beroep van de kandidaat; andere beroepen komen daarna.",
        );
    }
    if e.is_empty() {
        Ok(out)
    } else {
        Err(AppError::Invalid(e))
    }
}

/// Saves a candidate's VUM fields; only their own organisation may, as with their other fields.
pub async fn set_candidate(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
    version: i64,
    input: &JobSeekerVumInput,
) -> Result<JobSeekerVum, AppError> {
    let c = crate::candidates::get_for_edit(ctx, actor, meta, id).await?;
    let mut extras = input::jobseeker(input, c.hours_per_week)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    extras.other_occupations =
        other_occupations(&mut tx, input, c.desired_occupation_uri.as_deref()).await?;
    let occupations = named(&mut tx, &extras.other_occupations).await?;
    let doc = candidate_document(ctx, &mut tx, &c).await?;
    let written = write_jobseeker(&doc, &extras, edits::contact(&c));
    save(&mut tx, Owner::Candidate, id, version, &written).await?;
    let subject = crate::candidates::subject(id);
    tx.processed("candidate.vum_fields", activity::MEDIATION, &subject)
        .await?;
    tx.audit("candidate.vum_fields", &subject).await?;
    tx.commit().await?;
    Ok(JobSeekerVum::of(extras, occupations, version + 1))
}
