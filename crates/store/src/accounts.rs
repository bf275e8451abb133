//! Account administration: API tokens (hashes only, with expiry and scope), the state of an account
//! (active, password, sessions) and its second factor (a TOTP secret and hashed recovery codes).

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{vals, StoreError, Tx};

/// An API token as its owner and administrators see it (never the token itself).
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenInfo {
    pub id: i64,
    pub user_id: i64,
    pub user_name: String,
    pub label: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    /// Read-only: the token may only read, whatever its user's role allows.
    pub read_only: bool,
    pub revoked: bool,
}

/// A new token's stored form.
pub struct NewToken<'a> {
    pub user_id: i64,
    pub token_hash: &'a str,
    pub label: &'a str,
    pub expires_at: DateTime<Utc>,
    pub read_only: bool,
}

pub async fn insert_token(tx: &mut Tx, t: &NewToken<'_>) -> Result<i64, StoreError> {
    tx.insert(
        "INSERT INTO api_tokens (user_id, token_hash, label, created_at, expires_at, read_only) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        &vals![t.user_id, t.token_hash, t.label, Utc::now(), t.expires_at, t.read_only],
    )
    .await
}

/// The user of a live token (not revoked, not expired) and whether it is read-only.
pub async fn token_user(
    tx: &mut Tx,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<(i64, bool)>, StoreError> {
    tx.fetch_optional(
        "SELECT user_id, read_only FROM api_tokens WHERE token_hash = $1 AND revoked = $2 AND expires_at > $3",
        &vals![token_hash, false, now],
    )
    .await
}

/// Tokens, newest first: of one user, or of everyone.
pub async fn tokens(tx: &mut Tx, user_id: Option<i64>) -> Result<Vec<TokenInfo>, StoreError> {
    tx.fetch_all(
        "SELECT t.id, t.user_id, u.name AS user_name, t.label, t.created_at, t.expires_at, t.read_only, t.revoked \
         FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE ($1 IS NULL OR t.user_id = $1) ORDER BY t.id DESC",
        &vals![user_id],
    )
    .await
}

/// Revokes a token (of `owner`, when given); whether one was revoked.
pub async fn revoke_token(tx: &mut Tx, id: i64, owner: Option<i64>) -> Result<bool, StoreError> {
    Ok(tx
        .execute(
            "UPDATE api_tokens SET revoked = $1 WHERE id = $2 AND ($3 IS NULL OR user_id = $3) AND revoked = $4",
            &vals![true, id, owner, false],
        )
        .await?
        == 1)
}

/// Gives tokens made before tokens expired an expiry, so none lives for ever.
pub async fn expire_legacy_tokens(tx: &mut Tx, at: DateTime<Utc>) -> Result<u64, StoreError> {
    tx.execute(
        "UPDATE api_tokens SET expires_at = $1 WHERE expires_at IS NULL",
        &vals![at],
    )
    .await
}

pub async fn set_active(tx: &mut Tx, user_id: i64, active: bool) -> Result<(), StoreError> {
    let n = tx
        .execute(
            "UPDATE users SET active = $1, version = version + 1 WHERE id = $2",
            &vals![active, user_id],
        )
        .await?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub async fn set_password(tx: &mut Tx, user_id: i64, hash: &str) -> Result<(), StoreError> {
    let n = tx
        .execute(
            "UPDATE users SET password_hash = $1, version = version + 1 WHERE id = $2",
            &vals![hash, user_id],
        )
        .await?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Ends every session of a user; how many there were.
pub async fn end_sessions(tx: &mut Tx, user_id: i64) -> Result<u64, StoreError> {
    tx.execute("DELETE FROM sessions WHERE user_id = $1", &vals![user_id])
        .await
}

/// The user's TOTP secret (base32), once set up.
pub async fn totp_secret(tx: &mut Tx, user_id: i64) -> Result<Option<String>, StoreError> {
    let row: Option<(Option<String>,)> = tx
        .fetch_optional(
            "SELECT totp_secret FROM users WHERE id = $1",
            &vals![user_id],
        )
        .await?;
    Ok(row.and_then(|r| r.0))
}

/// Sets (or with `None` removes) the TOTP secret and replaces the recovery codes.
pub async fn set_second_factor(
    tx: &mut Tx,
    user_id: i64,
    secret: Option<&str>,
    recovery_hashes: &[String],
) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE users SET totp_secret = $1, version = version + 1 WHERE id = $2",
        &vals![secret.map(str::to_string), user_id],
    )
    .await?;
    tx.execute(
        "DELETE FROM recovery_codes WHERE user_id = $1",
        &vals![user_id],
    )
    .await?;
    for h in recovery_hashes {
        tx.execute(
            "INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)",
            &vals![user_id, h.as_str()],
        )
        .await?;
    }
    Ok(())
}

/// Uses up a recovery code; whether it was valid and unused.
pub async fn use_recovery_code(
    tx: &mut Tx,
    user_id: i64,
    code_hash: &str,
) -> Result<bool, StoreError> {
    Ok(tx
        .execute(
            "UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
            &vals![Utc::now(), user_id, code_hash],
        )
        .await?
        == 1)
}

/// Records that a session has passed its second factor.
pub async fn second_factor_done(tx: &mut Tx, token_hash: &str) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE sessions SET second_factor_done = $1 WHERE token_hash = $2",
        &vals![true, token_hash],
    )
    .await?;
    Ok(())
}
