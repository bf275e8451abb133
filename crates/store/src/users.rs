//! Users, their cluster memberships and login sessions (stored as hashes only); API tokens and the
//! second factor are in `accounts`.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{vals, StoreError, Tx};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: i64,
    pub org_id: i64,
    pub org_name: String,
    pub org_in_wsp: bool,
    pub email: String,
    pub name: String,
    pub role: String,
    pub active: bool,
}

const SELECT_USER: &str =
    "SELECT u.id, u.org_id, o.short_name AS org_name, o.wsp_partner AS org_in_wsp, \
    u.email, u.name, u.role, u.active FROM users u JOIN organisations o ON o.id = u.org_id";

pub struct NewUser<'a> {
    pub org_id: i64,
    pub email: &'a str,
    pub name: &'a str,
    pub role: &'a str,
    pub password_hash: &'a str,
}

pub async fn insert(tx: &mut Tx, u: &NewUser<'_>) -> Result<i64, StoreError> {
    tx.insert(
        "INSERT INTO users (org_id, email, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        &vals![u.org_id, u.email, u.name, u.role, u.password_hash, Utc::now()],
    )
    .await
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<User, StoreError> {
    tx.fetch_one(&format!("{SELECT_USER} WHERE u.id = $1"), &vals![id])
        .await
}

pub async fn list(tx: &mut Tx) -> Result<Vec<User>, StoreError> {
    tx.fetch_all(&format!("{SELECT_USER} ORDER BY o.short_name, u.name"), &[])
        .await
}

/// Active users holding one of the given roles, for choosing an account holder.
pub async fn list_with_roles(tx: &mut Tx, roles: &[&str]) -> Result<Vec<User>, StoreError> {
    let mut f = crate::filter::Filter::default();
    f.any_of("u.role", roles);
    f.add("u.active = ?", vals![true]);
    tx.fetch_all(
        &format!("{SELECT_USER}{} ORDER BY u.name", f.where_sql()),
        &f.vals,
    )
    .await
}

/// The user id and password hash for a login attempt.
pub async fn credentials(
    tx: &mut Tx,
    email: &str,
) -> Result<Option<(i64, String, bool)>, StoreError> {
    tx.fetch_optional(
        "SELECT id, password_hash, active FROM users WHERE email = $1",
        &vals![email],
    )
    .await
}

pub async fn add_cluster(tx: &mut Tx, user_id: i64, cluster: &str) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO user_clusters (user_id, cluster) VALUES ($1, $2)",
        &vals![user_id, cluster],
    )
    .await?;
    Ok(())
}

pub async fn clusters(tx: &mut Tx, user_id: i64) -> Result<Vec<String>, StoreError> {
    let rows: Vec<(String,)> = tx
        .fetch_all(
            "SELECT cluster FROM user_clusters WHERE user_id = $1 ORDER BY cluster",
            &vals![user_id],
        )
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// A login session: the user and the session's CSRF token.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Session {
    pub user_id: i64,
    pub csrf_token: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub second_factor_done: bool,
}

/// A new session; `second_factor_done` is false while the user still has to give their code.
pub async fn create_session(
    tx: &mut Tx,
    token_hash: &str,
    user_id: i64,
    csrf: &str,
    expires_at: DateTime<Utc>,
    second_factor_done: bool,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, second_factor_done) VALUES ($1, $2, $3, $4, $5, $6)",
        &vals![token_hash, user_id, csrf, Utc::now(), expires_at, second_factor_done],
    )
    .await?;
    Ok(())
}

/// Removes sessions that have expired; returns how many.
pub async fn purge_expired_sessions(tx: &mut Tx) -> Result<u64, StoreError> {
    tx.execute(
        "DELETE FROM sessions WHERE expires_at < $1",
        &vals![Utc::now()],
    )
    .await
}

pub async fn session(tx: &mut Tx, token_hash: &str) -> Result<Option<Session>, StoreError> {
    tx.fetch_optional(
        "SELECT user_id, csrf_token, created_at, expires_at, second_factor_done FROM sessions WHERE token_hash = $1",
        &vals![token_hash],
    )
    .await
}

/// Moves a session's end (the idle deadline) to `expires_at`.
pub async fn extend_session(
    tx: &mut Tx,
    token_hash: &str,
    expires_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE sessions SET expires_at = $1 WHERE token_hash = $2",
        &vals![expires_at, token_hash],
    )
    .await?;
    Ok(())
}

pub async fn delete_session(tx: &mut Tx, token_hash: &str) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM sessions WHERE token_hash = $1",
        &vals![token_hash],
    )
    .await?;
    Ok(())
}
