//! Administration by the functioneel beheerder: extending the target-group list and viewing users
//! with their roles and cluster memberships.

use koppel_domain::codes::target_group_code;
use koppel_domain::permissions::Permission;
use koppel_domain::values::required_text;
use koppel_domain::FieldErrors;
use koppel_store::candidates::{self, TargetGroup};
use koppel_store::users::{self, User};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::input::{Flag, Text};
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

/// A new target group.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TargetGroupInput {
    /// Lower-case letters, digits and `_`, e.g. `re_integratie_wia`.
    #[schema(value_type = String, example = "statushouder_jong")]
    #[serde(default)]
    pub code: Text,
    #[schema(value_type = String, example = "Jonge statushouders")]
    #[serde(default)]
    pub label: Text,
    /// Whether yearly placement targets are set for it.
    #[schema(value_type = bool)]
    #[serde(default)]
    pub has_target: Flag,
}

pub async fn target_groups(ctx: &AppContext) -> Result<Vec<TargetGroup>, AppError> {
    let mut tx = ctx.store.begin().await?;
    let list = candidates::target_groups(&mut tx).await?;
    tx.commit().await?;
    Ok(list)
}

/// Adds a target group; the code must be new.
pub async fn add_target_group(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    input: &TargetGroupInput,
) -> Result<TargetGroup, AppError> {
    actor.require(Permission::ManageUsers)?;
    let mut e = FieldErrors::new();
    let code = e.check("code", target_group_code(input.code.as_str()));
    let label = e.check("label", required_text(input.label.as_str(), 100));
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let existing = candidates::target_groups(&mut tx).await?;
    if let Some(c) = &code {
        if existing.iter().any(|g| &g.code == c) {
            e.push("code", "duplicate", "Deze code bestaat al.");
        }
    }
    let (Some(code), Some(label)) = (code, label) else {
        return Err(AppError::Invalid(e));
    };
    e.into_result()?;
    let position = 100 + existing.len() as i64;
    candidates::insert_target_group(&mut tx, &code, &label, input.has_target.0, false, position)
        .await?;
    tx.audit("target_group.create", &format!("target_group:{code}"))
        .await?;
    tx.commit().await?;
    Ok(TargetGroup {
        code,
        label,
        has_target: input.has_target.0,
        builtin: false,
    })
}

/// A user with their cluster memberships.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserWithClusters {
    #[serde(flatten)]
    pub user: User,
    pub clusters: Vec<String>,
}

/// All users with their clusters, for the administrator.
pub async fn users(ctx: &AppContext, actor: &Actor) -> Result<Vec<UserWithClusters>, AppError> {
    actor.require(Permission::ManageUsers)?;
    let mut tx = ctx.store.begin().await?;
    let mut out = Vec::new();
    for user in users::list(&mut tx).await? {
        let clusters = users::clusters(&mut tx, user.id).await?;
        out.push(UserWithClusters { user, clusters });
    }
    tx.commit().await?;
    Ok(out)
}

/// The organisations, for the administrator's choice of a new user's organisation.
pub async fn organisations(
    ctx: &AppContext,
    actor: &Actor,
) -> Result<Vec<koppel_store::organisations::Organisation>, AppError> {
    actor.require(Permission::ManageUsers)?;
    let mut tx = ctx.store.begin().await?;
    let list = koppel_store::organisations::list(&mut tx).await?;
    tx.commit().await?;
    Ok(list)
}

/// One user, for the administrator.
pub async fn user(ctx: &AppContext, actor: &Actor, id: i64) -> Result<User, AppError> {
    actor.require(Permission::ManageUsers)?;
    let mut tx = ctx.store.begin().await?;
    let u = users::get(&mut tx, id).await?;
    tx.commit().await?;
    Ok(u)
}
