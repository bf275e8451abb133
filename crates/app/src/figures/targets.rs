//! Targets per year and target group, set by managers for the region or one part of it.

use koppel_domain::codes::{Cluster, CodeList};
use koppel_domain::permissions::Permission;
use koppel_domain::FieldErrors;
use koppel_store::targets::{self, Target};
use koppel_store::{candidates, organisations};

use crate::logging::audit;
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

/// The targets of one year (all scopes).
pub async fn of_year(ctx: &AppContext, actor: &Actor, year: i64) -> Result<Vec<Target>, AppError> {
    actor.require(Permission::ReadAggregates)?;
    let mut tx = ctx.store.begin().await?;
    let list = targets::for_years(&mut tx, year, year).await?;
    tx.commit().await?;
    Ok(list)
}

/// The version of a year's targets, for `ETag` and `If-Match`: a digest of every target of the year.
pub fn etag(list: &[Target]) -> String {
    let mut lines: Vec<String> = list
        .iter()
        .map(|t| {
            format!(
                "{}|{}|{}|{}",
                t.scope_kind, t.scope_value, t.target_group, t.value
            )
        })
        .collect();
    lines.sort();
    crate::random::sha256(&lines.join("\n"))[..16].to_string()
}

/// How a change of targets guards against undoing someone else's.
#[derive(Debug, Clone)]
pub enum Guard {
    /// The API: the year's targets must still be as the caller read them (`If-Match`).
    Etag(String),
    /// The form: the value of each group as the form showed it. Only groups the user changed are
    /// written, so two people changing different groups both keep their change; a group someone
    /// else changed meanwhile is a conflict.
    Shown(Vec<(String, Option<i64>)>),
}

/// Sets the targets of one year and scope: `values` per target group code; `None` removes a target
/// (the group then has none). Every group and scope is checked first; nothing is saved when one is
/// wrong, or when `guard` finds that someone else changed what the caller read.
#[allow(clippy::too_many_arguments)]
pub async fn set_year(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    year: i64,
    scope_kind: &str,
    scope_value: &str,
    values: &[(String, Option<i64>)],
    guard: &Guard,
) -> Result<Vec<Target>, AppError> {
    actor.require(Permission::ManageTargets)?;
    let mut errors = FieldErrors::new();
    if !(2000..=2100).contains(&year) {
        errors.push("year", "invalid_year", "Kies een jaar tussen 2000 en 2100.");
    }
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let scope_ok = match scope_kind {
        "region" => scope_value.is_empty(),
        "organisation" => {
            let orgs = organisations::list(&mut tx).await?;
            orgs.iter().any(|o| o.id.to_string() == scope_value)
        }
        "subregion" => targets::municipalities(&mut tx)
            .await?
            .iter()
            .any(|m| m.subregion.as_deref() == Some(scope_value)),
        "cluster" => Cluster::ALL.iter().any(|c| c.code() == scope_value),
        _ => false,
    };
    if !scope_ok {
        errors.push(
            "scope",
            "unknown_scope",
            "Onbekende organisatie, subregio of cluster voor dit doel.",
        );
    }
    let groups = candidates::target_groups(&mut tx).await?;
    for (code, value) in values {
        if !groups.iter().any(|g| &g.code == code) {
            errors.push(
                &format!("targets.{code}"),
                "unknown_target_group",
                format!("Onbekende doelgroep '{code}'."),
            );
        }
        if value.is_some_and(|v| !(0..=1_000_000).contains(&v)) {
            errors.push(
                &format!("targets.{code}"),
                "invalid_target",
                "Een doel is een geheel getal van 0 of meer.",
            );
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let current = targets::for_years(&mut tx, year, year).await?;
    let values = guarded(&current, scope_kind, scope_value, values, guard)?;
    for (code, value) in &values {
        match value {
            Some(v) => {
                let t = Target {
                    year,
                    target_group: code.clone(),
                    scope_kind: scope_kind.into(),
                    scope_value: scope_value.into(),
                    value: *v,
                };
                targets::set(&mut tx, &t, Some(actor.user_id())).await?;
            }
            None => targets::clear(&mut tx, year, code, scope_kind, scope_value).await?,
        }
    }
    tx.audit(
        "targets.update",
        &format!("targets:{year}:{scope_kind}:{scope_value}"),
    )
    .await?;
    let list = targets::for_years(&mut tx, year, year).await?;
    tx.commit().await?;
    Ok(list)
}

/// The values to write, or `StaleVersion` when the guard finds someone else's change in the way.
fn guarded(
    current: &[Target],
    scope_kind: &str,
    scope_value: &str,
    values: &[(String, Option<i64>)],
    guard: &Guard,
) -> Result<Vec<(String, Option<i64>)>, AppError> {
    match guard {
        Guard::Etag(read) if *read != etag(current) => Err(AppError::StaleVersion),
        Guard::Etag(_) => Ok(values.to_vec()),
        Guard::Shown(shown) => {
            let stored = |code: &str| {
                current
                    .iter()
                    .find(|t| {
                        t.target_group == code
                            && t.scope_kind == scope_kind
                            && t.scope_value == scope_value
                    })
                    .map(|t| t.value)
            };
            let mut changed = Vec::new();
            for (code, value) in values {
                let was = shown.iter().find(|(c, _)| c == code).and_then(|(_, v)| *v);
                if was == *value {
                    continue;
                }
                if stored(code) != was {
                    return Err(AppError::StaleVersion);
                }
                changed.push((code.clone(), *value));
            }
            Ok(changed)
        }
    }
}

/// Adds a municipality to the region (or renames it, or moves it to another subregion), from the CLI.
pub async fn set_municipality(
    ctx: &AppContext,
    code: &str,
    name: &str,
    subregion: Option<&str>,
    meta: &Meta,
) -> Result<(), AppError> {
    save_municipality(ctx, "cli", code, name, subregion, meta).await
}

async fn save_municipality(
    ctx: &AppContext,
    by: &str,
    code: &str,
    name: &str,
    subregion: Option<&str>,
    meta: &Meta,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    let code = errors.check("code", koppel_domain::values::MunicipalityCode::parse(code));
    if name.trim().is_empty() {
        errors.push("name", "required", "Geef de naam van de gemeente.");
    }
    let (Some(code), true) = (code, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let code = code.into_string();
    let mut tx = ctx.store.begin().await?;
    let m = targets::Municipality {
        code: code.clone(),
        name: name.trim().to_string(),
        subregion: subregion
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from),
    };
    targets::set_municipality(&mut tx, &m).await?;
    audit(
        &mut tx,
        by,
        "municipality.set",
        &format!("municipality:{code}"),
        "success",
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The region's municipalities and their subregions (administrators).
pub async fn municipalities(
    ctx: &AppContext,
    actor: &Actor,
) -> Result<Vec<targets::Municipality>, AppError> {
    actor.require(Permission::ManageUsers)?;
    let mut tx = ctx.store.begin().await?;
    let list = targets::municipalities(&mut tx).await?;
    tx.commit().await?;
    Ok(list)
}

/// A municipality as typed in the administration form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MunicipalityInput {
    #[serde(default)]
    pub code: crate::input::Text,
    #[serde(default)]
    pub name: crate::input::Text,
    #[serde(default)]
    pub subregion: crate::input::Text,
}

/// Adds or changes a municipality of the region (administrators); audited under their name.
pub async fn set_municipality_as(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    input: &MunicipalityInput,
) -> Result<(), AppError> {
    actor.require(Permission::ManageUsers)?;
    let subregion = Some(input.subregion.as_str()).filter(|s| !s.trim().is_empty());
    save_municipality(
        ctx,
        &actor.audit_name(),
        input.code.as_str(),
        input.name.as_str(),
        subregion,
        meta,
    )
    .await
}
