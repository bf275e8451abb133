//! The two append-only logs: the processing log (Logboek Dataverwerkingen) and the security audit log (BIO).

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{vals, StoreError, Tx};

/// One processing of one data subject's personal data.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ProcessingRecord {
    pub trace_id: String,
    pub span_id: String,
    /// The operation, such as `candidate.read`.
    pub name: String,
    /// The processing activity from the register, such as `bemiddeling`.
    pub processing_activity: String,
    /// A keyed pseudonym of the data subject, never the plain id.
    pub data_subject_id: String,
    pub actor_id: Option<i64>,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub status: String,
}

pub async fn record_processing(tx: &mut Tx, r: &ProcessingRecord) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO processing_log (trace_id, span_id, name, processing_activity, data_subject_id, actor_id, started_at, ended_at, status) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &vals![
            r.trace_id.as_str(), r.span_id.as_str(), r.name.as_str(), r.processing_activity.as_str(), r.data_subject_id.as_str(),
            r.actor_id, r.started_at, r.ended_at, r.status.as_str()
        ],
    )
    .await?;
    Ok(())
}

/// Records many processings at once (for bulk work such as an import).
pub async fn record_processing_many(
    tx: &mut Tx,
    records: &[ProcessingRecord],
) -> Result<(), StoreError> {
    let rows: Vec<Vec<crate::Val>> = records
        .iter()
        .map(|r| {
            vals![
                r.trace_id.as_str(),
                r.span_id.as_str(),
                r.name.as_str(),
                r.processing_activity.as_str(),
                r.data_subject_id.as_str(),
                r.actor_id,
                r.started_at,
                r.ended_at,
                r.status.as_str()
            ]
            .to_vec()
        })
        .collect();
    tx.insert_rows(
        "processing_log",
        &[
            "trace_id",
            "span_id",
            "name",
            "processing_activity",
            "data_subject_id",
            "actor_id",
            "started_at",
            "ended_at",
            "status",
        ],
        &rows,
    )
    .await?;
    Ok(())
}

pub async fn processing_for_subject(
    tx: &mut Tx,
    data_subject_id: &str,
) -> Result<Vec<ProcessingRecord>, StoreError> {
    tx.fetch_all(
        "SELECT trace_id, span_id, name, processing_activity, data_subject_id, actor_id, started_at, ended_at, status \
         FROM processing_log WHERE data_subject_id = $1 ORDER BY id",
        &vals![data_subject_id],
    )
    .await
}

/// One security-relevant event.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AuditRecord {
    /// Who: `user:12`, `token:user:12`, or the e-mail tried at a failed login.
    pub actor: String,
    pub action: String,
    pub object: String,
    /// `success`, `failure` or `denied`.
    pub result: String,
    /// Where from: the client address.
    pub origin: String,
    pub occurred_at: DateTime<Utc>,
}

pub async fn record_audit(tx: &mut Tx, r: &AuditRecord) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO audit_log (actor, action, object, result, origin, occurred_at) VALUES ($1, $2, $3, $4, $5, $6)",
        &vals![r.actor.as_str(), r.action.as_str(), r.object.as_str(), r.result.as_str(), r.origin.as_str(), r.occurred_at],
    )
    .await?;
    Ok(())
}

/// The most recent audit records, newest first.
pub async fn recent_audit(tx: &mut Tx, limit: i64) -> Result<Vec<AuditRecord>, StoreError> {
    tx.fetch_all(
        "SELECT actor, action, object, result, origin, occurred_at FROM audit_log ORDER BY id DESC LIMIT $1",
        &vals![limit],
    )
    .await
}

/// Audit records of one action on one object with one result since a moment.
pub async fn count_audit(
    tx: &mut Tx,
    action: &str,
    object: &str,
    result: &str,
    since: DateTime<Utc>,
) -> Result<i64, StoreError> {
    tx.scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = $1 AND object = $2 AND result = $3 AND occurred_at >= $4",
        &vals![action, object, result, since],
    )
    .await
}

/// Failed logins since a moment, for throttling: for one account and/or from one address, or all.
pub async fn failed_logins(
    tx: &mut Tx,
    email: Option<&str>,
    origin: Option<&str>,
    since: DateTime<Utc>,
) -> Result<i64, StoreError> {
    tx.scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'login' AND result = 'failure' AND occurred_at >= $1 \
         AND ($2 IS NULL OR object = $2) AND ($3 IS NULL OR origin = $3)",
        &vals![since, email.map(str::to_string), origin.map(str::to_string)],
    )
    .await
}

/// Audit records of an action from one origin since a moment, for rate limits on public forms.
pub async fn actions_from_origin_since(
    tx: &mut Tx,
    action: &str,
    origin: &str,
    since: DateTime<Utc>,
) -> Result<i64, StoreError> {
    tx.scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = $1 AND origin = $2 AND occurred_at >= $3",
        &vals![action, origin, since],
    )
    .await
}
