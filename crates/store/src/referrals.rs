//! Referrals (doorverwijzingen): a resident handed over warmly to the partner organisation that
//! is responsible, which accepts them or sends them back with a reason.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::filter::Filter;
use crate::{vals, StoreError, Tx};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Referral {
    pub id: i64,
    pub resident_id: i64,
    pub resident_name: String,
    pub resident_phone: Option<String>,
    pub resident_email: Option<String>,
    pub from_org_id: i64,
    pub from_org_name: String,
    pub sent_by_name: String,
    pub to_org_id: i64,
    pub to_org_name: String,
    pub to_user_id: Option<i64>,
    pub to_user_name: Option<String>,
    pub note: String,
    pub status: String,
    pub sent_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    pub answered_by_name: Option<String>,
    pub return_reason: String,
    pub followed_up_at: Option<DateTime<Utc>>,
    /// The candidate the receiving organisation registered from it.
    pub candidate_id: Option<i64>,
    pub version: i64,
}

const SELECT: &str = "SELECT f.id, f.resident_id, r.name AS resident_name, r.phone AS resident_phone, \
    r.email AS resident_email, f.from_org_id, fo.name AS from_org_name, s.name AS sent_by_name, f.to_org_id, \
    t.name AS to_org_name, f.to_user_id, tu.name AS to_user_name, f.note, f.status, f.sent_at, f.answered_at, \
    a.name AS answered_by_name, f.return_reason, f.followed_up_at, f.candidate_id, f.version FROM referrals f \
    JOIN residents r ON r.id = f.resident_id JOIN organisations fo ON fo.id = f.from_org_id \
    JOIN users s ON s.id = f.sent_by JOIN organisations t ON t.id = f.to_org_id \
    LEFT JOIN users tu ON tu.id = f.to_user_id LEFT JOIN users a ON a.id = f.answered_by";

/// A referral as sent.
pub struct NewReferral {
    pub resident_id: i64,
    pub conversation_id: Option<i64>,
    pub from_org_id: i64,
    pub sent_by: i64,
    pub to_org_id: i64,
    pub to_user_id: Option<i64>,
    pub note: String,
    pub sent_at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, r: &NewReferral) -> Result<i64, StoreError> {
    tx.insert(
        "INSERT INTO referrals (resident_id, conversation_id, from_org_id, sent_by, to_org_id, to_user_id, note, status, sent_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'sent', $8) RETURNING id",
        &vals![
            r.resident_id,
            r.conversation_id,
            r.from_org_id,
            r.sent_by,
            r.to_org_id,
            r.to_user_id,
            r.note.as_str(),
            r.sent_at
        ],
    )
    .await
}

/// A referral the organisation `org_id` sent or received; others are not found.
pub async fn get_for(tx: &mut Tx, id: i64, org_id: i64) -> Result<Referral, StoreError> {
    tx.fetch_one(
        &format!("{SELECT} WHERE f.id = $1 AND (f.from_org_id = $2 OR f.to_org_id = $2)"),
        &vals![id, org_id],
    )
    .await
}

/// Which side of the referrals to list.
#[derive(Debug, Clone, Copy)]
pub enum Side {
    /// Sent by this organisation.
    From(i64),
    /// Sent to this organisation.
    To(i64),
}

/// Referrals on one side, of one resident when given; unanswered ones only when `open_only`;
/// oldest first when open, newest first otherwise.
pub async fn list(
    tx: &mut Tx,
    side: Side,
    resident_id: Option<i64>,
    open_only: bool,
    limit: i64,
) -> Result<Vec<Referral>, StoreError> {
    let mut f = Filter::default();
    match side {
        Side::From(org) => f.add("f.from_org_id = ?", vals![org]),
        Side::To(org) => f.add("f.to_org_id = ?", vals![org]),
    }
    if let Some(r) = resident_id {
        f.add("f.resident_id = ?", vals![r]);
    }
    if open_only {
        f.add("f.status = 'sent'", []);
    }
    let order = if open_only {
        "f.sent_at, f.id"
    } else {
        "f.sent_at DESC, f.id DESC"
    };
    f.vals.push(limit.into());
    let sql = format!(
        "{SELECT}{} ORDER BY {order} LIMIT ${}",
        f.where_sql(),
        f.vals.len()
    );
    tx.fetch_all(&sql, &f.vals).await
}

/// Records the receiver's answer: accepted, or returned with a reason.
pub async fn answer(
    tx: &mut Tx,
    id: i64,
    version: i64,
    status: &str,
    by: i64,
    reason: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    tx.update_versioned(
        "UPDATE referrals SET status = $1, answered_by = $2, return_reason = $3, answered_at = $4, \
         version = version + 1 WHERE id = $5 AND version = $6",
        &vals![status, by, reason, at, id, version],
        "referrals",
        id,
    )
    .await
}

/// Records that the sender followed an unanswered referral up.
pub async fn followed_up(
    tx: &mut Tx,
    id: i64,
    version: i64,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    tx.update_versioned(
        "UPDATE referrals SET followed_up_at = $1, version = version + 1 WHERE id = $2 AND version = $3",
        &vals![at, id, version],
        "referrals",
        id,
    )
    .await
}

/// Referrals sent by `org_id` in [from, to), counted per (receiving organisation, status).
pub async fn counts(
    tx: &mut Tx,
    org_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(String, String, i64)>, StoreError> {
    tx.fetch_all(
        "SELECT o.name, f.status, COUNT(*) FROM referrals f JOIN organisations o ON o.id = f.to_org_id \
         WHERE f.from_org_id = $1 AND f.sent_at >= $2 AND f.sent_at < $3 GROUP BY o.name, f.status ORDER BY o.name, f.status",
        &vals![org_id, from, to],
    )
    .await
}

/// Records the candidate registered from a referral.
pub async fn link_candidate(tx: &mut Tx, id: i64, candidate_id: i64) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE referrals SET candidate_id = $1, version = version + 1 WHERE id = $2 AND candidate_id IS NULL",
        &vals![candidate_id, id],
    )
    .await?;
    Ok(())
}
