//! Writing the processing log and the audit log, inside the caller's transaction.

use chrono::Utc;
use hmac::{Hmac, Mac};
use koppel_store::logs::{self, AuditRecord, ProcessingRecord};
use koppel_store::Tx;
use sha2::Sha256;

use crate::random::{hex, random_hex};
use crate::{Actor, AppContext, AppError, Meta};

/// Processing activities of the register of processing (verwerkingsregister).
pub mod activity {
    /// Mediation: handing over, matching and proposing candidates.
    pub const MEDIATION: &str = "bemiddeling";
    /// Employer relationship management: contact persons of employers.
    pub const EMPLOYER_RELATIONS: &str = "werkgeversdienstverlening";
    /// The Werkcentrum's desk: advice to residents and referrals to partner organisations.
    pub const DESK: &str = "werkcentrum-dienstverlening";
}

/// The keyed pseudonym of a data subject, e.g. `candidate:42`, under the current key.
pub fn pseudonym(ctx: &AppContext, subject: &str) -> String {
    ctx.pseudonym_keys
        .first()
        .map(|k| pseudonym_with(k, subject))
        .unwrap_or_default()
}

/// The pseudonyms of a data subject under every key, current first (to find records made before
/// the key was rotated).
pub fn pseudonyms(ctx: &AppContext, subject: &str) -> Vec<String> {
    ctx.pseudonym_keys
        .iter()
        .map(|k| pseudonym_with(k, subject))
        .collect()
}

fn pseudonym_with(key: &[u8], subject: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return String::new();
    };
    mac.update(subject.as_bytes());
    hex(&mac.finalize().into_bytes()[..16])
}

/// Records one processing of one data subject's personal data.
pub async fn processing(
    tx: &mut Tx,
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    name: &str,
    activity: &str,
    subject: &str,
) -> Result<(), AppError> {
    processing_by(
        tx,
        ctx,
        Some(actor.user_id()),
        meta,
        name,
        activity,
        subject,
    )
    .await
}

/// A processing record for a user, or for the system itself (`None`, such as a command-line import).
pub async fn processing_by(
    tx: &mut Tx,
    ctx: &AppContext,
    actor_id: Option<i64>,
    meta: &Meta,
    name: &str,
    activity: &str,
    subject: &str,
) -> Result<(), AppError> {
    let record = record(ctx, actor_id, meta, name, activity, subject);
    logs::record_processing(tx, &record).await?;
    Ok(())
}

/// Records one processing per data subject (`candidate:42`, ...), in one statement.
pub async fn processing_each(
    tx: &mut Tx,
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    name: &str,
    activity: &str,
    subjects: &[String],
) -> Result<(), AppError> {
    if subjects.is_empty() {
        return Ok(());
    }
    let records: Vec<ProcessingRecord> = subjects
        .iter()
        .map(|s| record(ctx, Some(actor.user_id()), meta, name, activity, s))
        .collect();
    logs::record_processing_many(tx, &records).await?;
    Ok(())
}

/// A successful processing of `subject` now, under its pseudonym.
fn record(
    ctx: &AppContext,
    actor_id: Option<i64>,
    meta: &Meta,
    name: &str,
    activity: &str,
    subject: &str,
) -> ProcessingRecord {
    let now = Utc::now();
    ProcessingRecord {
        trace_id: meta.trace_id.clone(),
        span_id: random_hex(8),
        name: name.to_string(),
        processing_activity: activity.to_string(),
        data_subject_id: pseudonym(ctx, subject),
        actor_id,
        started_at: now,
        ended_at: now,
        status: "ok".to_string(),
    }
}

/// Records a security-relevant event.
pub async fn audit(
    tx: &mut Tx,
    actor: &str,
    action: &str,
    object: &str,
    result: &str,
    meta: &Meta,
) -> Result<(), AppError> {
    let record = AuditRecord {
        actor: actor.to_string(),
        action: action.to_string(),
        object: object.to_string(),
        result: result.to_string(),
        origin: meta.origin.clone(),
        occurred_at: Utc::now(),
    };
    logs::record_audit(tx, &record).await?;
    Ok(())
}

/// Records a refused access (ASVS 16.3.2): who (or `anonymous`), the route and the object asked
/// for, and the answer given; when the route names a candidate, also a processing record with status
/// `error` (named `candidate.refused`) under the candidate's pseudonym. It runs in a transaction of
/// its own, since the refused request wrote nothing.
pub async fn refused(
    ctx: &AppContext,
    actor: Option<&str>,
    route: &str,
    object: &str,
    status: u16,
    candidate: Option<i64>,
    meta: &Meta,
) -> Result<(), AppError> {
    let mut tx = ctx.store.begin().await?;
    if let Some(id) = candidate {
        let actor_id = actor
            .and_then(|a| a.rsplit(':').next())
            .and_then(|n| n.parse().ok());
        let record = ProcessingRecord {
            status: "error".to_string(),
            ..record(
                ctx,
                actor_id,
                meta,
                "candidate.refused",
                activity::MEDIATION,
                &format!("candidate:{id}"),
            )
        };
        logs::record_processing(&mut tx, &record).await?;
    }
    audit(
        &mut tx,
        actor.unwrap_or("anonymous"),
        &format!("access.refused {status} {route}"),
        object,
        "denied",
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records that candidates were shown to the actor (by name, on a list, board or event page): one
/// processing record per candidate, written in one statement.
pub async fn shown(
    tx: &mut Tx,
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    name: &str,
    candidate_ids: impl IntoIterator<Item = i64>,
) -> Result<(), AppError> {
    let ids: std::collections::BTreeSet<i64> = candidate_ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(());
    }
    let subjects: Vec<String> = ids
        .into_iter()
        .map(|id| format!("candidate:{id}"))
        .collect();
    processing_each(tx, ctx, actor, meta, name, activity::MEDIATION, &subjects).await
}

/// Logs the candidates a read showed, in a short write of its own after the read: the read takes
/// no write lock, and the caller shows nothing until this is written.
pub async fn shown_after_read(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    name: &str,
    candidate_ids: Vec<i64>,
) -> Result<(), AppError> {
    if candidate_ids.is_empty() {
        return Ok(());
    }
    let mut tx = ctx.store.begin().await?;
    shown(&mut tx, ctx, actor, meta, name, candidate_ids).await?;
    tx.commit().await?;
    Ok(())
}

/// A use case done to one candidate: its processing record and its audit record, together.
pub async fn candidate_done(
    tx: &mut Tx,
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    name: &str,
    candidate_id: i64,
) -> Result<(), AppError> {
    let subject = format!("candidate:{candidate_id}");
    processing(tx, ctx, actor, meta, name, activity::MEDIATION, &subject).await?;
    audit(tx, &actor.audit_name(), name, &subject, "success", meta).await
}
