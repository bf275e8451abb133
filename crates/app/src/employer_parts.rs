//! The parts of an employer record: establishments, contact persons (personal data of the
//! employer's staff) and the account team of a strategic account.

use koppel_domain::permissions::Permission;
use koppel_domain::values::{optional_text, required_text, Email, Phone, Postcode};
use koppel_domain::FieldErrors;
use koppel_store::employers::{
    self as store, ContactPerson, ContactPersonWrite, Establishment, EstablishmentWrite,
};
use koppel_store::{users, Tx};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::input::{opt, List, Text};
use crate::logging::activity;
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EstablishmentInput {
    #[schema(value_type = String)]
    #[serde(default)]
    pub name: Text,
    #[schema(value_type = Option<String>)]
    pub street: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub postcode: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub city: Option<Text>,
}

impl EstablishmentInput {
    pub fn from_establishment(e: &Establishment) -> Self {
        Self {
            name: Text(e.name.clone()),
            street: e.street.clone().map(Text),
            postcode: e.postcode.clone().map(Text),
            city: Some(Text(e.city.clone())),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactPersonInput {
    #[schema(value_type = String)]
    #[serde(default)]
    pub name: Text,
    #[schema(value_type = Option<String>)]
    pub job_title: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub email: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub phone: Option<Text>,
}

impl ContactPersonInput {
    pub fn from_contact_person(p: &ContactPerson) -> Self {
        Self {
            name: Text(p.name.clone()),
            job_title: p.job_title.clone().map(Text),
            email: p.email.clone().map(Text),
            phone: p.phone.clone().map(Text),
        }
    }
}

/// The advisers of a strategic account's team, by user id.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccountTeamInput {
    #[schema(value_type = Vec<i64>)]
    #[serde(default)]
    pub user_ids: List,
}

fn validate_establishment(input: &EstablishmentInput) -> Result<EstablishmentWrite, AppError> {
    let mut e = FieldErrors::new();
    let name = e.check("name", required_text(input.name.as_str(), 200));
    let street = e
        .check("street", optional_text(opt(&input.street), 200))
        .flatten();
    let postcode = opt(&input.postcode)
        .and_then(|s| e.check("postcode", Postcode::parse(s)))
        .map(Postcode::into_string);
    let city = e
        .check("city", optional_text(opt(&input.city), 100))
        .flatten()
        .unwrap_or_default();
    let Some(name) = name else {
        return Err(AppError::Invalid(e));
    };
    e.into_result()?;
    Ok(EstablishmentWrite {
        name,
        street,
        postcode,
        city,
    })
}

fn validate_contact(input: &ContactPersonInput) -> Result<ContactPersonWrite, AppError> {
    let mut e = FieldErrors::new();
    let name = e.check("name", required_text(input.name.as_str(), 200));
    let job_title = e
        .check("jobTitle", optional_text(opt(&input.job_title), 100))
        .flatten();
    let email = opt(&input.email)
        .and_then(|s| e.check("email", Email::parse(s)))
        .map(Email::into_string);
    let phone = opt(&input.phone)
        .and_then(|s| e.check("phone", Phone::parse(s)))
        .map(Phone::into_string);
    let Some(name) = name else {
        return Err(AppError::Invalid(e));
    };
    e.into_result()?;
    Ok(ContactPersonWrite {
        name,
        job_title,
        email,
        phone,
    })
}

/// One establishment of an employer, or `NotFound`.
pub async fn establishment(
    tx: &mut Tx,
    employer_id: i64,
    id: i64,
) -> Result<Establishment, AppError> {
    store::establishments(tx, employer_id)
        .await?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or(AppError::NotFound)
}

/// One contact person of an employer, or `NotFound`.
pub async fn contact_person(
    tx: &mut Tx,
    employer_id: i64,
    id: i64,
) -> Result<ContactPerson, AppError> {
    store::contact_persons(tx, employer_id)
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or(AppError::NotFound)
}

/// An establishment with its employer's name, for an edit page.
pub async fn get_establishment(
    ctx: &AppContext,
    actor: &Actor,
    employer_id: i64,
    id: i64,
) -> Result<(String, Establishment), AppError> {
    actor.require(Permission::ReadEmployers)?;
    let mut tx = ctx.store.begin().await?;
    let employer = store::get(&mut tx, employer_id).await?;
    let e = establishment(&mut tx, employer_id, id).await?;
    tx.commit().await?;
    Ok((employer.name, e))
}

/// A contact person with their employer's name, for an edit page; logged as a processing.
pub async fn get_contact_person(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    employer_id: i64,
    id: i64,
) -> Result<(String, ContactPerson), AppError> {
    actor.require(Permission::ReadContactPersons)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let employer = store::get(&mut tx, employer_id).await?;
    let p = contact_person(&mut tx, employer_id, id).await?;
    tx.processed(
        "contact_person.read",
        activity::EMPLOYER_RELATIONS,
        &format!("contact_person:{id}"),
    )
    .await?;
    tx.commit().await?;
    Ok((employer.name, p))
}

pub async fn add_establishment(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    employer_id: i64,
    input: &EstablishmentInput,
) -> Result<Establishment, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let v = validate_establishment(input)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    store::get(&mut tx, employer_id).await?;
    let id = store::insert_establishment(&mut tx, employer_id, &v).await?;
    tx.audit("establishment.create", &format!("establishment:{id}"))
        .await?;
    let e = establishment(&mut tx, employer_id, id).await?;
    tx.commit().await?;
    Ok(e)
}

pub async fn update_establishment(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    employer_id: i64,
    id: i64,
    version: i64,
    input: &EstablishmentInput,
) -> Result<Establishment, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let v = validate_establishment(input)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    store::update_establishment(&mut tx, employer_id, id, version, &v).await?;
    tx.audit("establishment.update", &format!("establishment:{id}"))
        .await?;
    let e = establishment(&mut tx, employer_id, id).await?;
    tx.commit().await?;
    Ok(e)
}

pub async fn add_contact_person(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    employer_id: i64,
    input: &ContactPersonInput,
) -> Result<ContactPerson, AppError> {
    actor.require(Permission::WriteEmployers)?;
    actor.require(Permission::ReadContactPersons)?;
    let v = validate_contact(input)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    store::get(&mut tx, employer_id).await?;
    let id = store::insert_contact_person(&mut tx, employer_id, &v).await?;
    tx.processed(
        "contact_person.create",
        activity::EMPLOYER_RELATIONS,
        &format!("contact_person:{id}"),
    )
    .await?;
    tx.audit("contact_person.create", &format!("contact_person:{id}"))
        .await?;
    let p = contact_person(&mut tx, employer_id, id).await?;
    tx.commit().await?;
    Ok(p)
}

pub async fn update_contact_person(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    employer_id: i64,
    id: i64,
    version: i64,
    input: &ContactPersonInput,
) -> Result<ContactPerson, AppError> {
    actor.require(Permission::WriteEmployers)?;
    actor.require(Permission::ReadContactPersons)?;
    let v = validate_contact(input)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    store::update_contact_person(&mut tx, employer_id, id, version, &v).await?;
    tx.processed(
        "contact_person.update",
        activity::EMPLOYER_RELATIONS,
        &format!("contact_person:{id}"),
    )
    .await?;
    tx.audit("contact_person.update", &format!("contact_person:{id}"))
        .await?;
    let p = contact_person(&mut tx, employer_id, id).await?;
    tx.commit().await?;
    Ok(p)
}

/// Sets the account team of a strategic account: active advisers only.
/// Replaces the account team of a strategic account; `version` is the employer's version the caller
/// read, so two people changing the team at once cannot silently undo each other.
pub async fn set_account_team(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    employer_id: i64,
    version: i64,
    input: &AccountTeamInput,
) -> Result<(), AppError> {
    actor.require(Permission::WriteEmployers)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let employer = store::get(&mut tx, employer_id).await?;
    let mut e = FieldErrors::new();
    let mut ids = Vec::new();
    for raw in &input.user_ids.0 {
        match raw.parse::<i64>() {
            Ok(id)
                if users::get(&mut tx, id)
                    .await
                    .is_ok_and(|u| u.role == "adviser" && u.active) =>
            {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            _ => e.push(
                "userIds",
                "invalid_adviser",
                format!("'{raw}' is geen actieve adviseur."),
            ),
        }
    }
    if !employer.strategic && !ids.is_empty() {
        e.push(
            "userIds",
            "not_strategic",
            "Alleen een strategisch account heeft een accountteam.",
        );
    }
    e.into_result()?;
    store::set_account_team(&mut tx, employer_id, version, &ids).await?;
    tx.audit("account_team.update", &format!("employer:{employer_id}"))
        .await?;
    tx.commit().await?;
    Ok(())
}
