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

pub use input::{JobSeekerVum, JobSeekerVumInput, VacancyVum, VacancyVumInput};

use crate::logging::{activity, audit, processing};
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
    if let Err(v) = contract::validate(kind, doc) {
        let first = v.first().map(ToString::to_string).unwrap_or_default();
        return Err(AppError::Internal(format!(
            "VUM-document ongeldig: {first}"
        )));
    }
    documents::bump(tx, owner, id, version).await?;
    documents::put(tx, owner, id, &kept(kind, doc)).await?;
    Ok(())
}

/// A vacancy's VUM fields.
pub async fn vacancy(ctx: &AppContext, actor: &Actor, id: i64) -> Result<VacancyVum, AppError> {
    let v = crate::vacancies::get(ctx, actor, id).await?;
    let mut tx = ctx.store.begin().await?;
    let doc = stored(&mut tx, Owner::Vacancy, id).await?;
    tx.commit().await?;
    let extras = doc.map(|d| read_vacancy(&d)).unwrap_or_default();
    Ok(VacancyVum::of(extras, v.version))
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
    let mut tx = ctx.store.begin().await?;
    let doc = match stored(&mut tx, Owner::Vacancy, id).await? {
        Some(doc) => doc,
        None => {
            let names = VumNames::load(&mut tx).await?;
            let employer = koppel_store::employers::get(&mut tx, v.employer_id).await?;
            let mut doc = edits::vacancy(&v, &names);
            if let (None, Some(p)) = (&v.postcode, employer.postcode) {
                doc["adres"] = json!({ "postcode": p });
            }
            if let Some(site) = employer.website {
                doc["werkgever"]["webadres"] = json!([{"url": site}]);
            }
            doc
        }
    };
    save(
        &mut tx,
        Owner::Vacancy,
        id,
        version,
        &write_vacancy(&doc, &extras),
    )
    .await?;
    let object = format!("vacancy:{id}");
    audit(
        &mut tx,
        &actor.audit_name(),
        "vacancy.vum_fields",
        &object,
        "success",
        meta,
    )
    .await?;
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
    let doc = stored(&mut tx, Owner::Candidate, id).await?;
    tx.commit().await?;
    let extras = doc.map(|d| read_jobseeker(&d)).unwrap_or_default();
    Ok(JobSeekerVum::of(extras, c.version))
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
    let extras = input::jobseeker(input, c.hours_per_week)?;
    let mut tx = ctx.store.begin().await?;
    let doc = match stored(&mut tx, Owner::Candidate, id).await? {
        Some(doc) => doc,
        None => {
            let names = VumNames::load(&mut tx).await?;
            let mut doc = edits::jobseeker(&c, &names);
            doc["idWerkzoekende"] = json!(jobseeker_id(ctx, id));
            doc
        }
    };
    let written = write_jobseeker(&doc, &extras, edits::contact(&c));
    save(&mut tx, Owner::Candidate, id, version, &written).await?;
    let subject = crate::candidates::subject(id);
    processing(
        &mut tx,
        ctx,
        actor,
        meta,
        "candidate.vum_fields",
        activity::MEDIATION,
        &subject,
    )
    .await?;
    audit(
        &mut tx,
        &actor.audit_name(),
        "candidate.vum_fields",
        &subject,
        "success",
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(JobSeekerVum::of(extras, version + 1))
}
