//! The Werkcentrum's locations and their walk-in hours (spreekuren): kept by the administrator,
//! read by anyone (the public page lists the active ones).

use koppel_domain::permissions::Permission;
use koppel_domain::values::{required_text, Postcode};
use koppel_domain::FieldErrors;
use koppel_store::desk::{self as store, Location, LocationWrite};
use serde::{Deserialize, Serialize};

use crate::input::{Flag, Text};
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

/// A location as the administrator fills it in.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LocationInput {
    #[serde(default)]
    pub name: Text,
    #[serde(default)]
    pub address: Text,
    #[serde(default)]
    pub postcode: Text,
    #[serde(default)]
    pub city: Text,
    #[serde(default)]
    pub walk_in_hours: Text,
    #[serde(default)]
    pub active: Flag,
}

impl LocationInput {
    pub fn from_location(l: &Location) -> Self {
        Self {
            name: Text(l.name.clone()),
            address: Text(l.address.clone()),
            postcode: Text(l.postcode.clone()),
            city: Text(l.city.clone()),
            walk_in_hours: Text(l.walk_in_hours.clone()),
            active: Flag(l.active),
        }
    }
}

fn validate(input: &LocationInput) -> Result<LocationWrite, AppError> {
    let mut e = FieldErrors::new();
    let name = e.check("name", required_text(input.name.as_str(), 200));
    let address = e.check("address", required_text(input.address.as_str(), 200));
    let postcode = e.check("postcode", Postcode::parse(input.postcode.as_str()));
    let city = e.check("city", required_text(input.city.as_str(), 100));
    let hours = e.check(
        "walkInHours",
        required_text(input.walk_in_hours.as_str(), 1000),
    );
    let (Some(name), Some(address), Some(postcode), Some(city), Some(walk_in_hours)) =
        (name, address, postcode, city, hours)
    else {
        return Err(AppError::Invalid(e));
    };
    Ok(LocationWrite {
        name,
        address,
        postcode: postcode.into_string(),
        city,
        walk_in_hours,
        active: input.active.0,
    })
}

/// The active locations with their walk-in hours, for the public page and the gids's forms.
pub async fn open_locations(ctx: &AppContext) -> Result<Vec<Location>, AppError> {
    let mut tx = ctx.store.read().await?;
    let list = store::locations(&mut tx, true).await?;
    tx.commit().await?;
    Ok(list)
}

/// Every location, also the closed ones (administrator).
pub async fn all(ctx: &AppContext, actor: &Actor) -> Result<Vec<Location>, AppError> {
    actor.require(Permission::ManageUsers)?;
    let mut tx = ctx.store.read().await?;
    let list = store::locations(&mut tx, false).await?;
    tx.commit().await?;
    Ok(list)
}

pub async fn get(ctx: &AppContext, actor: &Actor, id: i64) -> Result<Location, AppError> {
    actor.require(Permission::ManageUsers)?;
    let mut tx = ctx.store.read().await?;
    let l = store::location(&mut tx, id).await?;
    tx.commit().await?;
    Ok(l)
}

/// A name already in use is a field error, not a crash.
fn name_taken(e: AppError) -> AppError {
    match e {
        AppError::Conflict(_) => {
            let mut f = FieldErrors::new();
            f.push("name", "duplicate", "Er is al een locatie met deze naam.");
            AppError::Invalid(f)
        }
        other => other,
    }
}

pub async fn create(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    input: &LocationInput,
) -> Result<i64, AppError> {
    actor.require(Permission::ManageUsers)?;
    let write = validate(input)?;
    let mut op = Op::begin(ctx, actor, meta).await?;
    let id = store::insert_location(&mut op, &write)
        .await
        .map_err(|e| name_taken(e.into()))?;
    op.audit("desk_location.create", &format!("desk_location:{id}"))
        .await?;
    op.commit().await?;
    Ok(id)
}

pub async fn update(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
    version: i64,
    input: &LocationInput,
) -> Result<(), AppError> {
    actor.require(Permission::ManageUsers)?;
    let write = validate(input)?;
    let mut op = Op::begin(ctx, actor, meta).await?;
    store::update_location(&mut op, id, version, &write)
        .await
        .map_err(|e| name_taken(e.into()))?;
    op.audit("desk_location.update", &format!("desk_location:{id}"))
        .await?;
    op.commit().await
}
