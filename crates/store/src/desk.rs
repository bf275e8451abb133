//! The Werkcentrum's desk: its locations with walk-in hours, the residents it registered (with
//! consent) and the conversations it had.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::filter::Filter;
use crate::{vals, StoreError, Tx, Val};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub postcode: String,
    pub city: String,
    /// The walk-in hours (spreekuren) as the public reads them, e.g. "dinsdag 9.00-12.00".
    pub walk_in_hours: String,
    pub active: bool,
    pub version: i64,
}

/// A location as written.
pub struct LocationWrite {
    pub name: String,
    pub address: String,
    pub postcode: String,
    pub city: String,
    pub walk_in_hours: String,
    pub active: bool,
}

const LOCATION: &str =
    "SELECT id, name, address, postcode, city, walk_in_hours, active, version FROM desk_locations";

/// The locations by name; only the active ones when `active_only`.
pub async fn locations(tx: &mut Tx, active_only: bool) -> Result<Vec<Location>, StoreError> {
    let only = if active_only { " WHERE active" } else { "" };
    tx.fetch_all(&format!("{LOCATION}{only} ORDER BY name, id"), &[])
        .await
}

pub async fn location(tx: &mut Tx, id: i64) -> Result<Location, StoreError> {
    tx.fetch_one(&format!("{LOCATION} WHERE id = $1"), &vals![id])
        .await
}

pub async fn insert_location(tx: &mut Tx, l: &LocationWrite) -> Result<i64, StoreError> {
    tx.insert(
        "INSERT INTO desk_locations (name, address, postcode, city, walk_in_hours, active) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        &vals![
            l.name.as_str(),
            l.address.as_str(),
            l.postcode.as_str(),
            l.city.as_str(),
            l.walk_in_hours.as_str(),
            l.active
        ],
    )
    .await
}

pub async fn update_location(
    tx: &mut Tx,
    id: i64,
    version: i64,
    l: &LocationWrite,
) -> Result<(), StoreError> {
    tx.update_versioned(
        "UPDATE desk_locations SET name = $1, address = $2, postcode = $3, city = $4, walk_in_hours = $5, \
         active = $6, version = version + 1 WHERE id = $7 AND version = $8",
        &vals![
            l.name.as_str(),
            l.address.as_str(),
            l.postcode.as_str(),
            l.city.as_str(),
            l.walk_in_hours.as_str(),
            l.active,
            id,
            version
        ],
        "desk_locations",
        id,
    )
    .await
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Resident {
    pub id: i64,
    pub org_id: i64,
    pub name: String,
    pub birth_date: NaiveDate,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub consent_at: DateTime<Utc>,
    pub registered_by_name: String,
    pub created_at: DateTime<Utc>,
}

/// A resident as registered.
pub struct NewResident {
    pub org_id: i64,
    pub name: String,
    pub birth_date: NaiveDate,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub registered_by: i64,
    pub at: DateTime<Utc>,
}

const RESIDENT: &str = "SELECT r.id, r.org_id, r.name, r.birth_date, r.phone, r.email, r.consent_at, \
    u.name AS registered_by_name, r.created_at FROM residents r JOIN users u ON u.id = r.registered_by";

pub async fn insert_resident(tx: &mut Tx, r: &NewResident) -> Result<i64, StoreError> {
    tx.insert(
        "INSERT INTO residents (org_id, name, birth_date, phone, email, consent_at, registered_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        &vals![
            r.org_id,
            r.name.as_str(),
            r.birth_date,
            r.phone.clone(),
            r.email.clone(),
            r.at,
            r.registered_by,
            r.at
        ],
    )
    .await
}

/// A resident, when the organisation `org_id` registered them or a referral brought them to it.
pub async fn resident_for(tx: &mut Tx, id: i64, org_id: i64) -> Result<Resident, StoreError> {
    tx.fetch_one(
        &format!(
            "{RESIDENT} WHERE r.id = $1 AND (r.org_id = $2 OR EXISTS \
             (SELECT 1 FROM referrals f WHERE f.resident_id = r.id AND f.to_org_id = $2))"
        ),
        &vals![id, org_id],
    )
    .await
}

/// The residents of `org_id` with this date of birth whose name shares a word with `name`: the
/// people a gids may be registering a second time.
pub async fn possible_duplicates(
    tx: &mut Tx,
    org_id: i64,
    name: &str,
    birth_date: NaiveDate,
) -> Result<Vec<Resident>, StoreError> {
    let mut f = Filter::default();
    f.add("r.org_id = ?", vals![org_id]);
    f.add("r.birth_date = ?", vals![birth_date]);
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| w.to_lowercase().replace(['%', '_'], ""))
        .filter(|w| w.chars().count() > 2)
        .collect();
    if !words.is_empty() {
        let ors = vec!["lower(r.name) LIKE ?"; words.len()].join(" OR ");
        f.add(
            &format!("({ors})"),
            words.iter().map(|w| Val::from(format!("%{w}%"))),
        );
    }
    tx.fetch_all(
        &format!("{RESIDENT}{} ORDER BY r.name, r.id", f.where_sql()),
        &f.vals,
    )
    .await
}

/// Residents of `org_id` found by a part of their name, and by date of birth when given.
pub async fn find_residents(
    tx: &mut Tx,
    org_id: i64,
    name: Option<&str>,
    birth_date: Option<NaiveDate>,
    limit: i64,
) -> Result<Vec<Resident>, StoreError> {
    let mut f = Filter::default();
    f.add("r.org_id = ?", vals![org_id]);
    if let Some(d) = birth_date {
        f.add("r.birth_date = ?", vals![d]);
    }
    f.search(&["r.name"], name);
    f.vals.push(limit.into());
    let sql = format!(
        "{RESIDENT}{} ORDER BY r.name, r.id LIMIT ${}",
        f.where_sql(),
        f.vals.len()
    );
    tx.fetch_all(&sql, &f.vals).await
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Conversation {
    pub id: i64,
    pub user_name: String,
    pub location_id: Option<i64>,
    pub location_name: Option<String>,
    pub channel: String,
    pub question: String,
    pub asker: String,
    pub resident_id: Option<i64>,
    pub resident_name: Option<String>,
    pub advice: String,
    pub next_step: String,
    pub occurred_at: DateTime<Utc>,
}

/// A conversation as recorded.
pub struct NewConversation {
    pub org_id: i64,
    pub user_id: i64,
    pub location_id: Option<i64>,
    pub channel: &'static str,
    pub question: &'static str,
    pub asker: &'static str,
    pub resident_id: Option<i64>,
    pub advice: String,
    pub next_step: String,
    pub occurred_at: DateTime<Utc>,
}

const CONVERSATION: &str = "SELECT c.id, u.name AS user_name, c.location_id, l.name AS location_name, c.channel, \
    c.question, c.asker, c.resident_id, r.name AS resident_name, c.advice, c.next_step, c.occurred_at \
    FROM desk_conversations c JOIN users u ON u.id = c.user_id \
    LEFT JOIN desk_locations l ON l.id = c.location_id LEFT JOIN residents r ON r.id = c.resident_id";

pub async fn insert_conversation(tx: &mut Tx, c: &NewConversation) -> Result<i64, StoreError> {
    tx.insert(
        "INSERT INTO desk_conversations (org_id, user_id, location_id, channel, question, asker, resident_id, \
         advice, next_step, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        &vals![
            c.org_id,
            c.user_id,
            c.location_id,
            c.channel,
            c.question,
            c.asker,
            c.resident_id,
            c.advice.as_str(),
            c.next_step.as_str(),
            c.occurred_at
        ],
    )
    .await
}

/// The conversations of `org_id` (of one resident when given), newest first.
pub async fn conversations(
    tx: &mut Tx,
    org_id: i64,
    resident_id: Option<i64>,
    limit: i64,
) -> Result<Vec<Conversation>, StoreError> {
    let mut f = Filter::default();
    f.add("c.org_id = ?", vals![org_id]);
    if let Some(r) = resident_id {
        f.add("c.resident_id = ?", vals![r]);
    }
    f.vals.push(limit.into());
    let sql = format!(
        "{CONVERSATION}{} ORDER BY c.occurred_at DESC, c.id DESC LIMIT ${}",
        f.where_sql(),
        f.vals.len()
    );
    tx.fetch_all(&sql, &f.vals).await
}

/// Conversations of `org_id` in [from, to), counted per (location, channel, question).
pub async fn conversation_counts(
    tx: &mut Tx,
    org_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(Option<String>, String, String, i64)>, StoreError> {
    tx.fetch_all(
        "SELECT l.name, c.channel, c.question, COUNT(*) FROM desk_conversations c \
         LEFT JOIN desk_locations l ON l.id = c.location_id \
         WHERE c.org_id = $1 AND c.occurred_at >= $2 AND c.occurred_at < $3 \
         GROUP BY l.name, c.channel, c.question ORDER BY l.name, c.channel, c.question",
        &vals![org_id, from, to],
    )
    .await
}
