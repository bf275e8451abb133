//! The e-mail outbox, the texts administrators wrote, and the kinds users turned off.

use chrono::{DateTime, Utc};

use crate::{vals, StoreError, Tx};

/// A message waiting in (or sent from) the outbox.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Mail {
    pub id: i64,
    pub kind: String,
    pub idempotency_key: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

const COLUMNS: &str = "id, kind, idempotency_key, recipient, subject, body, created_at, attempts, \
     next_attempt_at, sent_at, last_error";

/// A message to write to the outbox.
#[derive(Debug, Clone)]
pub struct NewMail<'a> {
    pub kind: &'a str,
    pub idempotency_key: &'a str,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

/// Writes a message; a message with the same idempotency key already there makes this a no-op.
/// Returns whether it was written.
pub async fn enqueue(tx: &mut Tx, m: &NewMail<'_>, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let n = tx
        .execute(
            "INSERT INTO outbox (kind, idempotency_key, recipient, subject, body, created_at, next_attempt_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (idempotency_key) DO NOTHING",
            &vals![m.kind, m.idempotency_key, m.recipient, m.subject, m.body, now],
        )
        .await?;
    Ok(n == 1)
}

/// Claims up to `limit` messages that are due, each until `until`; a message another worker holds
/// (its claim not yet expired) is left alone, so two workers never send the same one.
pub async fn claim_due(
    tx: &mut Tx,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<Mail>, StoreError> {
    let free = "sent_at IS NULL AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1)";
    let due: Vec<Mail> = tx
        .fetch_all(
            &format!(
                "SELECT {COLUMNS} FROM outbox WHERE {free} ORDER BY next_attempt_at, id LIMIT $2"
            ),
            &vals![now, limit],
        )
        .await?;
    let mut mine = Vec::new();
    for m in due {
        let n = tx
            .execute(
                &format!("UPDATE outbox SET claimed_until = $2 WHERE id = $3 AND {free}"),
                &vals![now, until, m.id],
            )
            .await?;
        if n == 1 {
            mine.push(m);
        }
    }
    Ok(mine)
}

pub async fn mark_sent(tx: &mut Tx, id: i64, at: DateTime<Utc>) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE outbox SET sent_at = $1, attempts = attempts + 1, claimed_until = NULL, last_error = NULL WHERE id = $2",
        &vals![at, id],
    )
    .await?;
    Ok(())
}

pub async fn mark_failed(
    tx: &mut Tx,
    id: i64,
    next: DateTime<Utc>,
    error: &str,
) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1, claimed_until = NULL, last_error = $2 WHERE id = $3",
        &vals![next, error, id],
    )
    .await?;
    Ok(())
}

/// The newest messages, unsent first.
pub async fn recent(tx: &mut Tx, limit: i64) -> Result<Vec<Mail>, StoreError> {
    tx.fetch_all(
        &format!(
            "SELECT {COLUMNS} FROM outbox ORDER BY CASE WHEN sent_at IS NULL THEN 0 ELSE 1 END, created_at DESC, id DESC LIMIT $1"
        ),
        &vals![limit],
    )
    .await
}

/// How many messages wait to be sent.
pub async fn unsent_count(tx: &mut Tx) -> Result<i64, StoreError> {
    tx.scalar(
        "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL",
        &vals![],
    )
    .await
}

/// Deletes sent messages older than `before` (they hold addresses and names).
pub async fn purge_sent(tx: &mut Tx, before: DateTime<Utc>) -> Result<u64, StoreError> {
    tx.execute(
        "DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < $1",
        &vals![before],
    )
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Text {
    pub kind: String,
    pub subject: String,
    pub body: String,
}

/// The text an administrator wrote for a kind, if any.
pub async fn text(tx: &mut Tx, kind: &str) -> Result<Option<Text>, StoreError> {
    tx.fetch_optional(
        "SELECT kind, subject, body FROM mail_texts WHERE kind = $1",
        &vals![kind],
    )
    .await
}

pub async fn put_text(
    tx: &mut Tx,
    t: &Text,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO mail_texts (kind, subject, body, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (kind) DO UPDATE SET subject = excluded.subject, body = excluded.body, \
         updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        &vals![t.kind.as_str(), t.subject.as_str(), t.body.as_str(), at, by],
    )
    .await?;
    Ok(())
}

/// Goes back to koppel's own text for a kind.
pub async fn reset_text(tx: &mut Tx, kind: &str) -> Result<(), StoreError> {
    tx.execute("DELETE FROM mail_texts WHERE kind = $1", &vals![kind])
        .await?;
    Ok(())
}

/// The kinds a user turned off.
pub async fn optouts(tx: &mut Tx, user_id: i64) -> Result<Vec<String>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Kind {
        kind: String,
    }
    let rows: Vec<Kind> = tx
        .fetch_all(
            "SELECT kind FROM mail_optouts WHERE user_id = $1 ORDER BY kind",
            &vals![user_id],
        )
        .await?;
    Ok(rows.into_iter().map(|r| r.kind).collect())
}

/// Replaces the kinds a user turned off.
pub async fn set_optouts(tx: &mut Tx, user_id: i64, kinds: &[&str]) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM mail_optouts WHERE user_id = $1",
        &vals![user_id],
    )
    .await?;
    for kind in kinds {
        tx.execute(
            "INSERT INTO mail_optouts (user_id, kind) VALUES ($1, $2)",
            &vals![user_id, *kind],
        )
        .await?;
    }
    Ok(())
}
