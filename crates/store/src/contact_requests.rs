//! Contact requests from employers and the 24-hour response promise: received, deadline,
//! answered (by the first contact moment), escalated.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::filter::Filter;
use crate::{vals, StoreError, Tx};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactRequest {
    pub id: i64,
    pub employer_id: Option<i64>,
    pub employer_name: Option<String>,
    pub company_name: String,
    pub contact_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub message: String,
    pub source: String,
    pub assigned_to: Option<i64>,
    pub assigned_name: Option<String>,
    pub received_at: DateTime<Utc>,
    pub deadline_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    pub response_minutes: Option<i64>,
    pub escalated_at: Option<DateTime<Utc>>,
    pub escalated_to: Option<i64>,
    pub escalated_to_name: Option<String>,
    /// What the adviser who handed it over wrote for the one who takes it.
    pub handover_note: String,
    pub version: i64,
}

const SELECT: &str = "SELECT r.id, r.employer_id, e.name AS employer_name, r.company_name, r.contact_name, r.email, r.phone, \
    r.message, r.source, r.assigned_to, u.name AS assigned_name, r.received_at, r.deadline_at, r.answered_at, r.response_minutes, \
    r.escalated_at, r.escalated_to, m.name AS escalated_to_name, r.handover_note, r.version FROM contact_requests r LEFT JOIN employers e ON e.id = r.employer_id \
    LEFT JOIN users u ON u.id = r.assigned_to LEFT JOIN users m ON m.id = r.escalated_to";

pub struct NewContactRequest {
    pub employer_id: Option<i64>,
    pub company_name: String,
    pub contact_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub message: String,
    pub source: &'static str,
    pub assigned_to: Option<i64>,
    pub received_at: DateTime<Utc>,
    pub deadline_at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, r: &NewContactRequest) -> Result<i64, StoreError> {
    tx.insert(
        "INSERT INTO contact_requests (employer_id, company_name, contact_name, email, phone, message, source, assigned_to, received_at, deadline_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        &vals![
            r.employer_id, r.company_name.as_str(), r.contact_name.as_str(), r.email.clone(), r.phone.clone(), r.message.as_str(), r.source,
            r.assigned_to, r.received_at, r.deadline_at
        ],
    )
    .await
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<ContactRequest, StoreError> {
    tx.fetch_one(&format!("{SELECT} WHERE r.id = $1"), &vals![id])
        .await
}

/// Which requests to list.
#[derive(Debug, Clone, Copy, Default)]
pub struct RequestFilter {
    pub open_only: bool,
    pub assigned_to: Option<i64>,
    pub employer_id: Option<i64>,
}

/// Requests by deadline (open ones) or newest first.
pub async fn list(
    tx: &mut Tx,
    filter: RequestFilter,
    limit: i64,
) -> Result<Vec<ContactRequest>, StoreError> {
    let mut f = Filter::default();
    if filter.open_only {
        f.add("r.answered_at IS NULL", []);
    }
    if let Some(u) = filter.assigned_to {
        f.add("r.assigned_to = ?", vals![u]);
    }
    if let Some(e) = filter.employer_id {
        f.add("r.employer_id = ?", vals![e]);
    }
    let order = if filter.open_only {
        "r.deadline_at, r.id"
    } else {
        "r.received_at DESC, r.id DESC"
    };
    f.vals.push(limit.into());
    let sql = format!(
        "{SELECT}{} ORDER BY {order} LIMIT ${}",
        f.where_sql(),
        f.vals.len()
    );
    tx.fetch_all(&sql, &f.vals).await
}

/// Marks the open requests of an employer as answered by a contact moment, recording the response time.
pub async fn answer_open_for_employer(
    tx: &mut Tx,
    employer_id: i64,
    moment_id: i64,
    at: DateTime<Utc>,
) -> Result<Vec<i64>, StoreError> {
    let open: Vec<(i64, DateTime<Utc>)> = tx
        .fetch_all(
            "SELECT id, received_at FROM contact_requests WHERE employer_id = $1 AND answered_at IS NULL AND received_at <= $2",
            &vals![employer_id, at],
        )
        .await?;
    for (id, received) in &open {
        let minutes = (at - *received).num_minutes().max(0);
        tx.execute(
            "UPDATE contact_requests SET answered_at = $1, answered_by_moment_id = $2, response_minutes = $3, version = version + 1 WHERE id = $4",
            &vals![at, moment_id, minutes, *id],
        )
        .await?;
    }
    Ok(open.into_iter().map(|(id, _)| id).collect())
}

/// Links a request to an employer record (for requests from the public form) and assigns it.
pub async fn link_employer(
    tx: &mut Tx,
    id: i64,
    version: i64,
    employer_id: i64,
    assigned_to: Option<i64>,
) -> Result<(), StoreError> {
    tx.update_versioned(
        "UPDATE contact_requests SET employer_id = $1, assigned_to = $2, version = version + 1 WHERE id = $3 AND version = $4",
        &vals![employer_id, assigned_to, id, version],
        "contact_requests",
        id,
    )
    .await
}

/// Open requests not yet escalated whose deadline passed before `before`, earliest first.
/// Hands a request over to another adviser, with a note.
pub async fn hand_over(
    tx: &mut Tx,
    id: i64,
    version: i64,
    to: i64,
    note: &str,
) -> Result<(), StoreError> {
    tx.update_versioned(
        "UPDATE contact_requests SET assigned_to = $1, handover_note = $2, version = version + 1 WHERE id = $3 AND version = $4",
        &vals![to, note, id, version],
        "contact_requests",
        id,
    )
    .await
}

pub async fn late_unescalated(
    tx: &mut Tx,
    before: DateTime<Utc>,
) -> Result<Vec<ContactRequest>, StoreError> {
    tx.fetch_all(
        &format!(
            "{SELECT} WHERE r.answered_at IS NULL AND r.escalated_at IS NULL AND r.deadline_at < $1 \
             ORDER BY r.deadline_at, r.id"
        ),
        &vals![before],
    )
    .await
}

pub async fn escalate(
    tx: &mut Tx,
    id: i64,
    version: i64,
    manager_id: i64,
) -> Result<(), StoreError> {
    tx.update_versioned(
        "UPDATE contact_requests SET escalated_at = $1, escalated_to = $2, version = version + 1 WHERE id = $3 AND version = $4",
        &vals![Utc::now(), manager_id, id, version],
        "contact_requests",
        id,
    )
    .await
}
