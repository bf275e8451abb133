//! Employers with their establishments, contact persons, account holder and account team.
//! Employers and vacancies are shared by all partner organisations of the WSP, so they carry no org_id.

use chrono::{DateTime, Utc};
use serde::Serialize;

pub use crate::employer_parts::*;
use crate::filter::Filter;
use crate::{vals, Page, Paged, StoreError, Tx, Val};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Employer {
    pub id: i64,
    pub name: String,
    pub kvk_number: Option<String>,
    pub sbi_code: Option<String>,
    pub sector: String,
    pub postcode: Option<String>,
    pub city: String,
    pub municipality_code: Option<String>,
    pub website: Option<String>,
    pub account_holder_id: Option<i64>,
    pub account_holder_name: Option<String>,
    pub strategic: bool,
    /// Archived employers stay with their history but leave the lists.
    pub archived: bool,
    /// The employer record this one was merged into.
    pub merged_into: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

const SELECT: &str = "SELECT e.id, e.name, e.kvk_number, e.sbi_code, e.sector, e.postcode, e.city, e.municipality_code, \
    e.website, e.account_holder_id, u.name AS account_holder_name, e.strategic, e.archived, e.merged_into, e.created_at, e.updated_at, e.version \
    FROM employers e LEFT JOIN users u ON u.id = e.account_holder_id";

/// Validated employer fields, as written by create and update.
#[derive(Debug, Clone)]
pub struct EmployerWrite {
    pub name: String,
    pub kvk_number: Option<String>,
    pub sbi_code: Option<String>,
    pub sector: String,
    pub postcode: Option<String>,
    pub city: String,
    pub municipality_code: Option<String>,
    pub website: Option<String>,
    pub account_holder_id: Option<i64>,
    pub strategic: bool,
}

impl EmployerWrite {
    fn values(&self) -> Vec<Val> {
        Vec::from(vals![
            self.name.as_str(),
            self.kvk_number.clone(),
            self.sbi_code.clone(),
            self.sector.as_str(),
            self.postcode.clone(),
            self.city.as_str(),
            self.municipality_code.clone(),
            self.website.clone(),
            self.account_holder_id,
            self.strategic
        ])
    }
}

/// Filters of the employer list.
#[derive(Debug, Clone, Default)]
pub struct EmployerFilter {
    pub q: Option<String>,
    /// Sector codes to include; empty means all.
    pub sectors: Vec<String>,
    pub account_holder_id: Option<i64>,
    pub strategic: Option<bool>,
    pub municipality_code: Option<String>,
    /// Include archived employers.
    pub include_archived: bool,
    /// The list's sort key: `naam`, `plaats`, `sector` or `gewijzigd`, `-` first for descending.
    pub sort: Option<String>,
}

pub async fn insert(tx: &mut Tx, w: &EmployerWrite) -> Result<i64, StoreError> {
    let now = Utc::now();
    let mut v = w.values();
    v.extend(vals![now, now]);
    tx.insert(
        "INSERT INTO employers (name, kvk_number, sbi_code, sector, postcode, city, municipality_code, website, account_holder_id, \
         strategic, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        &v,
    )
    .await
}

pub async fn update(
    tx: &mut Tx,
    id: i64,
    version: i64,
    w: &EmployerWrite,
) -> Result<(), StoreError> {
    let mut v = w.values();
    v.extend(vals![Utc::now(), id, version]);
    tx.update_versioned(
        "UPDATE employers SET name = $1, kvk_number = $2, sbi_code = $3, sector = $4, postcode = $5, city = $6, \
         municipality_code = $7, website = $8, account_holder_id = $9, strategic = $10, updated_at = $11, version = version + 1 \
         WHERE id = $12 AND version = $13",
        &v,
        "employers",
        id,
    )
    .await
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<Employer, StoreError> {
    tx.fetch_one(&format!("{SELECT} WHERE e.id = $1"), &vals![id])
        .await
}

pub async fn list(
    tx: &mut Tx,
    filter: &EmployerFilter,
    page: Page,
) -> Result<Paged<Employer>, StoreError> {
    let mut f = Filter::default();
    f.search(&["e.name", "e.city", "e.kvk_number"], filter.q.as_deref());
    if !filter.sectors.is_empty() {
        let sectors: Vec<&str> = filter.sectors.iter().map(String::as_str).collect();
        f.any_of("e.sector", &sectors);
    }
    if let Some(id) = filter.account_holder_id {
        f.add("e.account_holder_id = ?", vals![id]);
    }
    if let Some(s) = filter.strategic {
        f.add("e.strategic = ?", vals![s]);
    }
    if let Some(m) = &filter.municipality_code {
        f.add("e.municipality_code = ?", vals![m.as_str()]);
    }
    if !filter.include_archived {
        f.add("e.archived = ?", vals![false]);
    }
    let total = tx
        .scalar(
            &format!("SELECT COUNT(*) FROM employers e{}", f.where_sql()),
            &f.vals,
        )
        .await?;
    let order = Filter::order_by(
        filter.sort.as_deref(),
        &[
            ("naam", "lower(e.name)"),
            ("plaats", "lower(e.city)"),
            ("sector", "e.sector"),
            ("gewijzigd", "e.updated_at"),
        ],
        "lower(e.name)",
        "e.id",
    );
    let sql = format!("{SELECT}{}{order}", f.where_sql());
    let limit = f.limit_sql(page);
    let items = tx.fetch_all(&format!("{sql}{limit}"), &f.vals).await?;
    Ok(Paged::new(items, total, page))
}

/// Employers with this KvK number, for duplicate warnings.
pub async fn ids_with_kvk(tx: &mut Tx, kvk: &str) -> Result<Vec<i64>, StoreError> {
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT id FROM employers WHERE kvk_number = $1 ORDER BY id",
            &vals![kvk],
        )
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Replaces the account team of the employer whose version is `version`, and moves that version on
/// (the team is part of the employer's record): a stale version changes nothing.
pub async fn set_account_team(
    tx: &mut Tx,
    employer_id: i64,
    version: i64,
    user_ids: &[i64],
) -> Result<(), StoreError> {
    tx.update_versioned(
        "UPDATE employers SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3",
        &vals![chrono::Utc::now(), employer_id, version],
        "employers",
        employer_id,
    )
    .await?;
    tx.execute(
        "DELETE FROM employer_account_team WHERE employer_id = $1",
        &vals![employer_id],
    )
    .await?;
    for uid in user_ids {
        tx.execute(
            "INSERT INTO employer_account_team (employer_id, user_id) VALUES ($1, $2)",
            &vals![employer_id, *uid],
        )
        .await?;
    }
    Ok(())
}

/// The account team: (user id, name) pairs.
pub async fn account_team(tx: &mut Tx, employer_id: i64) -> Result<Vec<(i64, String)>, StoreError> {
    tx.fetch_all(
        "SELECT u.id, u.name FROM employer_account_team t JOIN users u ON u.id = t.user_id WHERE t.employer_id = $1 ORDER BY u.name",
        &vals![employer_id],
    )
    .await
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactMoment {
    pub id: i64,
    pub employer_id: i64,
    pub user_name: String,
    pub kind: String,
    pub level: String,
    pub subject: String,
    pub notes: String,
    pub occurred_at: DateTime<Utc>,
}

pub struct NewContactMoment<'a> {
    pub employer_id: i64,
    pub user_id: i64,
    pub kind: &'a str,
    pub level: &'a str,
    pub subject: &'a str,
    pub notes: &'a str,
    pub occurred_at: DateTime<Utc>,
}

pub async fn insert_contact_moment(
    tx: &mut Tx,
    m: &NewContactMoment<'_>,
) -> Result<i64, StoreError> {
    tx.insert(
        "INSERT INTO contact_moments (employer_id, user_id, kind, level, subject, notes, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        &vals![m.employer_id, m.user_id, m.kind, m.level, m.subject, m.notes, m.occurred_at],
    )
    .await
}

pub async fn contact_moments(
    tx: &mut Tx,
    employer_id: i64,
    limit: i64,
) -> Result<Vec<ContactMoment>, StoreError> {
    tx.fetch_all(
        "SELECT m.id, m.employer_id, u.name AS user_name, m.kind, m.level, m.subject, m.notes, m.occurred_at \
         FROM contact_moments m JOIN users u ON u.id = m.user_id WHERE m.employer_id = $1 ORDER BY m.occurred_at DESC LIMIT $2",
        &vals![employer_id, limit],
    )
    .await
}

/// Candidates for a duplicate of a new or changed employer: the same KvK number, or a record at
/// the same postcode (the caller compares the names).
pub async fn duplicate_candidates(
    tx: &mut Tx,
    kvk: Option<&str>,
    postcode: Option<&str>,
    exclude: Option<i64>,
) -> Result<Vec<Employer>, StoreError> {
    let mut f = Filter::default();
    match (kvk, postcode) {
        (None, None) => return Ok(Vec::new()),
        (Some(k), None) => f.add("e.kvk_number = ?", vals![k]),
        (None, Some(p)) => f.add("e.postcode = ?", vals![p]),
        (Some(k), Some(p)) => f.add("(e.kvk_number = ? OR e.postcode = ?)", vals![k, p]),
    }
    f.add("e.archived = ?", vals![false]);
    if let Some(id) = exclude {
        f.add("e.id <> ?", vals![id]);
    }
    tx.fetch_all(
        &format!("{SELECT}{} ORDER BY e.id LIMIT 50", f.where_sql()),
        &f.vals,
    )
    .await
}

/// Archives (or restores) an employer; its history stays.
pub async fn set_archived(
    tx: &mut Tx,
    id: i64,
    version: i64,
    archived: bool,
) -> Result<(), StoreError> {
    tx.update_versioned(
        "UPDATE employers SET archived = $1, updated_at = $2, version = version + 1 WHERE id = $3 AND version = $4",
        &vals![archived, Utc::now(), id, version],
        "employers",
        id,
    )
    .await
}

/// Moves everything of `source` to `target` and archives `source`, pointing at `target`; the
/// target gets a new version.
pub async fn merge(tx: &mut Tx, source: i64, target: i64) -> Result<(), StoreError> {
    for table in [
        "establishments",
        "contact_persons",
        "contact_moments",
        "agreements",
        "contact_requests",
        "vacancies",
        "placements",
    ] {
        tx.execute(
            &format!("UPDATE {table} SET employer_id = $1 WHERE employer_id = $2"),
            &vals![target, source],
        )
        .await?;
    }
    tx.execute(
        "INSERT INTO employer_account_team (employer_id, user_id) SELECT $1, user_id FROM employer_account_team s WHERE s.employer_id = $2 \
         AND NOT EXISTS (SELECT 1 FROM employer_account_team t WHERE t.employer_id = $1 AND t.user_id = s.user_id)",
        &vals![target, source],
    )
    .await?;
    tx.execute(
        "DELETE FROM employer_account_team WHERE employer_id = $1",
        &vals![source],
    )
    .await?;
    tx.execute(
        "UPDATE employers SET archived = $1, merged_into = $2, updated_at = $3, version = version + 1 WHERE id = $4",
        &vals![true, target, Utc::now(), source],
    )
    .await?;
    tx.execute(
        "UPDATE employers SET version = version + 1, updated_at = $1 WHERE id = $2",
        &vals![Utc::now(), target],
    )
    .await?;
    Ok(())
}

/// One change of account holder.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct HolderChange {
    pub id: i64,
    pub old_holder_name: Option<String>,
    pub new_holder_name: Option<String>,
    pub changed_by_name: Option<String>,
    pub changed_at: DateTime<Utc>,
}

/// Records that the account holder changed (also the first one, from none).
pub async fn record_holder_change(
    tx: &mut Tx,
    employer_id: i64,
    old: Option<i64>,
    new: Option<i64>,
    by: Option<i64>,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO account_holder_changes (employer_id, old_holder_id, new_holder_id, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5)",
        &vals![employer_id, old, new, by, Utc::now()],
    )
    .await?;
    Ok(())
}

pub async fn holder_changes(
    tx: &mut Tx,
    employer_id: i64,
) -> Result<Vec<HolderChange>, StoreError> {
    tx.fetch_all(
        "SELECT h.id, o.name AS old_holder_name, n.name AS new_holder_name, b.name AS changed_by_name, h.changed_at \
         FROM account_holder_changes h LEFT JOIN users o ON o.id = h.old_holder_id LEFT JOIN users n ON n.id = h.new_holder_id \
         LEFT JOIN users b ON b.id = h.changed_by WHERE h.employer_id = $1 ORDER BY h.changed_at DESC, h.id DESC",
        &vals![employer_id],
    )
    .await
}
