//! Accounts: every user keeps their own API tokens (with an expiry and a scope); administrators add
//! users, deactivate and reactivate them, reset passwords and second factors, end sessions and
//! revoke anyone's tokens. Everything is audited.

use koppel_domain::permissions::Permission;
use koppel_domain::values::required_text;
use koppel_domain::FieldErrors;
use koppel_store::accounts::{self, TokenInfo};
use koppel_store::users;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{hash_password, insert_token, NewAccount, TokenSpec};
use crate::input::{Flag, Text};
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

/// A new API token: what it is for, how long it lives and whether it may only read.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenInput {
    #[schema(value_type = String, example = "Koppeling met het werkgeversportaal")]
    #[serde(default)]
    pub label: Text,
    /// Days the token lives: 1 to 365 (default 90).
    #[schema(value_type = Option<i64>, example = 90)]
    #[serde(default)]
    pub days: Option<Text>,
    /// Only reading, whatever the user's role allows.
    #[schema(value_type = bool)]
    #[serde(default)]
    pub read_only: Flag,
}

/// A token made just now: the secret is shown this once.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NewToken {
    pub token: String,
    #[serde(flatten)]
    pub info: TokenInfo,
}

fn validate_token(input: &TokenInput) -> Result<(String, TokenSpec), AppError> {
    let mut e = FieldErrors::new();
    let label = e.check("label", required_text(&input.label.0, 100));
    let days = match crate::input::opt(&input.days) {
        None => 90,
        Some(d) => match d.parse::<i64>() {
            Ok(n) if (1..=365).contains(&n) => n,
            _ => {
                e.push(
                    "days",
                    "out_of_range",
                    "Kies een geldigheid van 1 tot en met 365 dagen.",
                );
                0
            }
        },
    };
    e.into_result()?;
    let spec = TokenSpec {
        days,
        read_only: input.read_only.0,
    };
    Ok((label.unwrap_or_default(), spec))
}

/// The actor's own tokens; an administrator's list holds everyone's.
pub async fn tokens(ctx: &AppContext, actor: &Actor) -> Result<Vec<TokenInfo>, AppError> {
    let mut tx = ctx.store.begin().await?;
    let owner = (!actor.can(Permission::ManageUsers)).then(|| actor.user_id());
    let list = accounts::tokens(&mut tx, owner).await?;
    tx.commit().await?;
    Ok(list)
}

/// Makes a token for the actor. A read-only actor (itself a read-only token) cannot make tokens.
pub async fn create_token(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    input: &TokenInput,
) -> Result<NewToken, AppError> {
    if actor.is_read_only() {
        return Err(AppError::Forbidden);
    }
    let (label, spec) = validate_token(input)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let token = insert_token(&mut tx, actor.user_id(), &label, spec).await?;
    let info = accounts::tokens(&mut tx, Some(actor.user_id()))
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::Internal("token not stored".into()))?;
    let object = format!("token:{}", info.id);
    tx.audit("token.create", &object).await?;
    tx.commit().await?;
    Ok(NewToken { token, info })
}

/// Revokes a token: one's own, or anyone's for an administrator; `NotFound` otherwise.
pub async fn revoke_token(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
) -> Result<(), AppError> {
    if actor.is_read_only() {
        return Err(AppError::Forbidden);
    }
    let owner = (!actor.can(Permission::ManageUsers)).then(|| actor.user_id());
    let mut tx = Op::begin(ctx, actor, meta).await?;
    if !accounts::revoke_token(&mut tx, id, owner).await? {
        return Err(AppError::NotFound);
    }
    let object = format!("token:{id}");
    tx.audit("token.revoke", &object).await?;
    tx.commit().await?;
    Ok(())
}

/// A user added by an administrator.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserInput {
    #[schema(value_type = String)]
    #[serde(default)]
    pub email: Text,
    #[schema(value_type = String)]
    #[serde(default)]
    pub name: Text,
    /// The organisation's short name.
    #[schema(value_type = String)]
    #[serde(default)]
    pub organisation: Text,
    #[schema(value_type = String, example = "adviser")]
    #[serde(default)]
    pub role: Text,
    /// At least 12 characters; the user changes it after the first login.
    #[schema(value_type = String)]
    #[serde(default)]
    pub password: Text,
}

pub async fn create_user(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    input: &UserInput,
) -> Result<i64, AppError> {
    actor.require(Permission::ManageUsers)?;
    let account = NewAccount {
        email: &input.email.0,
        name: &input.name.0,
        organisation: &input.organisation.0,
        role: &input.role.0,
        password: &input.password.0,
        clusters: &[],
    };
    crate::auth::add_user_by(ctx, &account, meta, &actor.audit_name()).await
}

/// What an administrator does to an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountAction {
    Deactivate,
    Reactivate,
    EndSessions,
    ResetSecondFactor,
}

impl AccountAction {
    fn audit_name(self) -> &'static str {
        match self {
            AccountAction::Deactivate => "user.deactivate",
            AccountAction::Reactivate => "user.reactivate",
            AccountAction::EndSessions => "user.end_sessions",
            AccountAction::ResetSecondFactor => "user.reset_second_factor",
        }
    }
}

/// Carries out an administrator's action on another user's account. Deactivating and resetting the
/// second factor also end the user's sessions.
pub async fn act_on(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    user_id: i64,
    action: AccountAction,
) -> Result<(), AppError> {
    actor.require(Permission::ManageUsers)?;
    if user_id == actor.user_id() && action == AccountAction::Deactivate {
        return Err(AppError::Conflict(
            "an administrator cannot deactivate themself".into(),
        ));
    }
    let mut tx = Op::begin(ctx, actor, meta).await?;
    users::get(&mut tx, user_id).await?;
    match action {
        AccountAction::Deactivate => accounts::set_active(&mut tx, user_id, false).await?,
        AccountAction::Reactivate => accounts::set_active(&mut tx, user_id, true).await?,
        AccountAction::EndSessions => {}
        AccountAction::ResetSecondFactor => {
            accounts::set_second_factor(&mut tx, user_id, None, &[]).await?
        }
    }
    if action != AccountAction::Reactivate {
        accounts::end_sessions(&mut tx, user_id).await?;
    }
    let object = format!("user:{user_id}");
    tx.audit(action.audit_name(), &object).await?;
    tx.commit().await?;
    Ok(())
}

/// Gives a user a new password (hashed on a blocking thread) and ends their sessions.
pub async fn reset_password(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    user_id: i64,
    password: &str,
) -> Result<(), AppError> {
    actor.require(Permission::ManageUsers)?;
    if password.chars().count() < 12 {
        let mut e = FieldErrors::new();
        e.push(
            "password",
            "too_short",
            "Een wachtwoord heeft minstens 12 tekens.",
        );
        return Err(AppError::Invalid(e));
    }
    let owned = password.to_string();
    let hash = tokio::task::spawn_blocking(move || hash_password(&owned))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    accounts::set_password(&mut tx, user_id, &hash).await?;
    accounts::end_sessions(&mut tx, user_id).await?;
    let object = format!("user:{user_id}");
    tx.audit("user.reset_password", &object).await?;
    tx.commit().await?;
    Ok(())
}
