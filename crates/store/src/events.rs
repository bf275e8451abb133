//! Events (werkgeversbijeenkomsten, the Care Fair, job markets): who was invited and came, and
//! what came of it (contacts, vacancies, placements).

use chrono::{DateTime, NaiveDate, Utc};
use koppel_domain::permissions::{CandidateScope, ScopeKind};
use serde::Serialize;

use crate::{vals, StoreError, Tx, Val};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub event_date: NaiveDate,
    pub place: String,
    pub cluster: Option<String>,
    pub description: String,
    pub outcome_notes: String,
    pub invited: i64,
    pub attended: i64,
    pub created_at: DateTime<Utc>,
    pub version: i64,
}

const SELECT: &str = "SELECT ev.id, ev.title, ev.kind, ev.event_date, ev.place, ev.cluster, ev.description, ev.outcome_notes, \
    (SELECT COUNT(*) FROM event_participants p WHERE p.event_id = ev.id) AS invited, \
    (SELECT COUNT(*) FROM event_participants p WHERE p.event_id = ev.id AND p.status = 'attended') AS attended, \
    ev.created_at, ev.version FROM events ev";

#[derive(Debug, Clone)]
pub struct EventWrite {
    pub title: String,
    pub kind: String,
    pub event_date: NaiveDate,
    pub place: String,
    pub cluster: Option<String>,
    pub description: String,
    pub outcome_notes: String,
}

impl EventWrite {
    fn values(&self) -> Vec<Val> {
        Vec::from(vals![
            self.title.as_str(),
            self.kind.as_str(),
            self.event_date,
            self.place.as_str(),
            self.cluster.clone(),
            self.description.as_str(),
            self.outcome_notes.as_str()
        ])
    }
}

pub async fn insert(tx: &mut Tx, w: &EventWrite, created_by: i64) -> Result<i64, StoreError> {
    let mut v = w.values();
    v.extend(vals![created_by, Utc::now()]);
    tx.insert(
        "INSERT INTO events (title, kind, event_date, place, cluster, description, outcome_notes, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        &v,
    )
    .await
}

pub async fn update(tx: &mut Tx, id: i64, version: i64, w: &EventWrite) -> Result<(), StoreError> {
    let mut v = w.values();
    v.extend(vals![id, version]);
    tx.update_versioned(
        "UPDATE events SET title = $1, kind = $2, event_date = $3, place = $4, cluster = $5, description = $6, outcome_notes = $7, \
         version = version + 1 WHERE id = $8 AND version = $9",
        &v,
        "events",
        id,
    )
    .await
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<Event, StoreError> {
    tx.fetch_one(&format!("{SELECT} WHERE ev.id = $1"), &vals![id])
        .await
}

pub async fn list(tx: &mut Tx, limit: i64) -> Result<Vec<Event>, StoreError> {
    tx.fetch_all(
        &format!("{SELECT} ORDER BY ev.event_date DESC, ev.id DESC LIMIT $1"),
        &vals![limit],
    )
    .await
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Participant {
    pub id: i64,
    pub event_id: i64,
    pub employer_id: Option<i64>,
    pub employer_name: Option<String>,
    pub candidate_id: Option<i64>,
    pub candidate_name: Option<String>,
    pub status: String,
    pub version: i64,
}

/// Adds an employer or a candidate (read within the scope, with their organisation) to an event.
pub async fn add_participant(
    tx: &mut Tx,
    event_id: i64,
    employer_id: Option<i64>,
    candidate: Option<(crate::Visible, i64)>,
    status: &str,
) -> Result<i64, StoreError> {
    tx.insert(
        "INSERT INTO event_participants (event_id, employer_id, candidate_id, org_id, status) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        &vals![event_id, employer_id, candidate.map(|c| c.0.id()), candidate.map(|c| c.1), status],
    )
    .await
}

pub async fn set_attendance(
    tx: &mut Tx,
    row: crate::Visible,
    version: i64,
    status: &str,
) -> Result<(), StoreError> {
    let id = row.id();
    tx.update_versioned(
        "UPDATE event_participants SET status = $1, version = version + 1 WHERE id = $2 AND version = $3",
        &vals![status, id, version],
        "event_participants",
        id,
    )
    .await
}

/// One participant: an employer, or a candidate the scope may see; otherwise `NotFound`, exactly as
/// for a participant that does not exist.
pub async fn participant(
    tx: &mut Tx,
    scope: CandidateScope,
    id: i64,
) -> Result<Participant, StoreError> {
    let visible = visible_sql(scope);
    tx.fetch_one(
        &format!(
            "SELECT p.id, p.event_id, p.employer_id, e.name AS employer_name, p.candidate_id, NULL AS candidate_name, p.status, p.version \
             FROM event_participants p LEFT JOIN employers e ON e.id = p.employer_id LEFT JOIN candidates c ON c.id = p.candidate_id \
             WHERE p.id = $1 AND (p.candidate_id IS NULL OR {visible})"
        ),
        &vals![id],
    )
    .await
}

/// A participant within the scope, with the proof that the scope may see them (for a write).
pub async fn participant_visible(
    tx: &mut Tx,
    scope: CandidateScope,
    id: i64,
) -> Result<(Participant, crate::Visible), StoreError> {
    Ok((participant(tx, scope, id).await?, crate::Visible::new(id)))
}

/// The SQL condition (alias `c`) for candidates the scope may see; the ids are the actor's own, never input.
fn visible_sql(scope: CandidateScope) -> String {
    match scope.kind() {
        ScopeKind::Nothing => "1 = 0".to_string(),
        ScopeKind::Own { org_id } => format!("c.org_id = {org_id}"),
        ScopeKind::OwnAndShared { org_id } => {
            format!("(c.org_id = {org_id} OR c.consent_wsp = TRUE)")
        }
    }
}

/// Participants; candidates only when the scope allows them (others are counted, not named).
pub async fn participants(
    tx: &mut Tx,
    scope: CandidateScope,
    event_id: i64,
) -> Result<Vec<Participant>, StoreError> {
    let visible = visible_sql(scope);
    tx.fetch_all(
        &format!(
            "SELECT p.id, p.event_id, p.employer_id, e.name AS employer_name, \
             CASE WHEN {visible} THEN p.candidate_id ELSE NULL END AS candidate_id, \
             CASE WHEN {visible} THEN c.first_name || ' ' || c.last_name ELSE NULL END AS candidate_name, p.status, p.version \
             FROM event_participants p LEFT JOIN employers e ON e.id = p.employer_id LEFT JOIN candidates c ON c.id = p.candidate_id \
             WHERE p.event_id = $1 AND (p.candidate_id IS NULL OR {visible}) ORDER BY e.name, c.last_name, p.id"
        ),
        &vals![event_id],
    )
    .await
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EventResult {
    pub id: i64,
    pub contact_moment_id: Option<i64>,
    pub vacancy_id: Option<i64>,
    pub vacancy_title: Option<String>,
    pub placement_id: Option<i64>,
    /// The employer of the placement or contact moment.
    pub employer_name: Option<String>,
    /// What the contact moment was about.
    pub contact_subject: Option<String>,
}

pub async fn add_result(
    tx: &mut Tx,
    event_id: i64,
    contact_moment_id: Option<i64>,
    vacancy_id: Option<i64>,
    placement_id: Option<i64>,
) -> Result<i64, StoreError> {
    tx.insert(
        "INSERT INTO event_results (event_id, contact_moment_id, vacancy_id, placement_id) VALUES ($1, $2, $3, $4) RETURNING id",
        &vals![event_id, contact_moment_id, vacancy_id, placement_id],
    )
    .await
}

pub async fn results(tx: &mut Tx, event_id: i64) -> Result<Vec<EventResult>, StoreError> {
    tx.fetch_all(
        "SELECT r.id, r.contact_moment_id, r.vacancy_id, v.title AS vacancy_title, r.placement_id, \
         COALESCE(pe.name, ce.name) AS employer_name, cm.subject AS contact_subject FROM event_results r \
         LEFT JOIN vacancies v ON v.id = r.vacancy_id LEFT JOIN placements p ON p.id = r.placement_id \
         LEFT JOIN employers pe ON pe.id = p.employer_id LEFT JOIN contact_moments cm ON cm.id = r.contact_moment_id \
         LEFT JOIN employers ce ON ce.id = cm.employer_id WHERE r.event_id = $1 ORDER BY r.id",
        &vals![event_id],
    )
    .await
}
