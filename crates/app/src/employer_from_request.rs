//! "Werkgever aanmaken uit dit verzoek": a contact request from a company koppel does not know
//! yet becomes an employer, with the requester as its contact person, and the request is linked
//! to it.

use koppel_store::employers::Employer;

use crate::contact_requests;
use crate::employer_parts::{self, ContactPersonInput};
use crate::employers::{self, EmployerInput};
use crate::input::Text;
use crate::{Actor, AppContext, AppError, Meta};

/// The employer form filled from a request: the company's name.
pub async fn proposal(
    ctx: &AppContext,
    actor: &Actor,
    request_id: i64,
) -> Result<EmployerInput, AppError> {
    actor.require(koppel_domain::permissions::Permission::WriteEmployers)?;
    let r = contact_requests::get(ctx, actor, request_id).await?;
    if r.employer_id.is_some() {
        return Err(already_linked());
    }
    Ok(EmployerInput {
        name: Text(r.company_name),
        ..Default::default()
    })
}

/// Creates the employer from the form, adds the requester as contact person and links the
/// request. Each step is its own transaction: a failure after the first leaves the employer in
/// place (nothing typed is lost) and says so.
pub async fn create(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    request_id: i64,
    input: &EmployerInput,
) -> Result<Employer, AppError> {
    actor.require(koppel_domain::permissions::Permission::WriteEmployers)?;
    let r = contact_requests::get(ctx, actor, request_id).await?;
    if r.employer_id.is_some() {
        return Err(already_linked());
    }
    let employer = employers::create(ctx, actor, meta, input).await?;
    let person = ContactPersonInput {
        name: Text(r.contact_name.clone()),
        job_title: None,
        email: r.email.clone().map(Text),
        phone: r.phone.clone().map(Text),
    };
    employer_parts::add_contact_person(ctx, actor, meta, employer.id, &person).await?;
    contact_requests::link_employer(ctx, actor, meta, r.id, r.version, employer.id).await?;
    Ok(employer)
}

fn already_linked() -> AppError {
    AppError::Conflict("Dit contactverzoek hoort al bij een werkgever.".into())
}
