//! Vacancies with their required (essential) and optional skills.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::filter::Filter;
use crate::{vals, Page, Paged, StoreError, Tx, Val};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Vacancy {
    pub id: i64,
    pub employer_id: i64,
    pub employer_name: String,
    pub title: String,
    pub description: String,
    pub occupation_uri: Option<String>,
    pub occupation_label: Option<String>,
    pub hours_per_week: Option<i64>,
    pub contract_type: Option<String>,
    pub education_level: Option<String>,
    /// Driving-licence codes, comma-separated.
    pub driving_licences: String,
    /// Languages as `nld:3`, comma-separated.
    pub languages: String,
    pub postcode: Option<String>,
    pub city: String,
    pub closing_date: Option<NaiveDate>,
    pub positions: i64,
    pub status: String,
    pub publish: bool,
    /// Created by job carving: tasks split off from existing jobs.
    pub job_carving: bool,
    pub carved_tasks: String,
    pub carved_from: String,
    pub carved_for_candidate_id: Option<i64>,
    /// Target-group codes the vacancy is open to, comma-separated; empty means all.
    pub eligible_target_groups: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
    #[sqlx(skip)]
    pub skills: Vec<VacancySkill>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct VacancySkill {
    pub uri: String,
    pub label: Option<String>,
    pub essential: bool,
}

const SELECT: &str = "SELECT v.id, v.employer_id, e.name AS employer_name, v.title, v.description, v.occupation_uri, \
    t.label AS occupation_label, v.hours_per_week, v.contract_type, v.education_level, v.driving_licences, v.languages, \
    v.postcode, v.city, v.closing_date, v.positions, v.status, v.publish, v.job_carving, v.carved_tasks, v.carved_from, v.carved_for_candidate_id, v.eligible_target_groups, v.created_at, v.updated_at, v.version \
    FROM vacancies v JOIN employers e ON e.id = v.employer_id LEFT JOIN taxonomy_concepts t ON t.uri = v.occupation_uri";

/// Validated vacancy fields.
#[derive(Debug, Clone)]
pub struct VacancyWrite {
    pub employer_id: i64,
    pub title: String,
    pub description: String,
    pub occupation_uri: Option<String>,
    pub hours_per_week: Option<i64>,
    pub contract_type: Option<String>,
    pub education_level: Option<String>,
    pub driving_licences: String,
    pub languages: String,
    pub postcode: Option<String>,
    pub city: String,
    pub closing_date: Option<NaiveDate>,
    pub positions: i64,
    pub status: String,
    pub publish: bool,
    /// (skill uri, essential)
    pub skills: Vec<(String, bool)>,
    pub carving: JobCarving,
}

/// How a vacancy was created by job carving: which tasks, split off from which jobs, for whom.
#[derive(Debug, Clone, Default)]
pub struct JobCarving {
    pub job_carving: bool,
    pub carved_tasks: String,
    pub carved_from: String,
    pub carved_for_candidate_id: Option<i64>,
    pub eligible_target_groups: String,
}

async fn write_carving(tx: &mut Tx, id: i64, c: &JobCarving) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE vacancies SET job_carving = $1, carved_tasks = $2, carved_from = $3, carved_for_candidate_id = $4, eligible_target_groups = $5 WHERE id = $6",
        &vals![c.job_carving, c.carved_tasks.as_str(), c.carved_from.as_str(), c.carved_for_candidate_id, c.eligible_target_groups.as_str(), id],
    )
    .await?;
    Ok(())
}

impl VacancyWrite {
    fn values(&self) -> Vec<Val> {
        Vec::from(vals![
            self.employer_id,
            self.title.as_str(),
            self.description.as_str(),
            self.occupation_uri.clone(),
            self.hours_per_week,
            self.contract_type.clone(),
            self.education_level.clone(),
            self.driving_licences.as_str(),
            self.languages.as_str(),
            self.postcode.clone(),
            self.city.as_str(),
            self.closing_date,
            self.positions,
            self.status.as_str(),
            self.publish
        ])
    }
}

#[derive(Debug, Clone, Default)]
pub struct VacancyFilter {
    pub q: Option<String>,
    pub status: Option<String>,
    pub employer_id: Option<i64>,
    pub sectors: Vec<String>,
    pub publish: Option<bool>,
    /// Only vacancies still open to applicants on this day (status open, closing date not passed).
    pub open_on: Option<NaiveDate>,
    /// Place of work, exactly (case-insensitive).
    pub city: Option<String>,
    /// At least this many hours a week.
    pub min_hours: Option<i64>,
    /// Only at employers this user holds the account of.
    pub account_holder_id: Option<i64>,
    /// The list's sort key: `titel`, `werkgever`, `plaats`, `sluitingsdatum` or `nieuw`, `-` first
    /// for descending.
    pub sort: Option<String>,
}

pub async fn insert(
    tx: &mut Tx,
    w: &VacancyWrite,
    created_by: Option<i64>,
) -> Result<i64, StoreError> {
    let now = Utc::now();
    let mut v = w.values();
    v.extend(vals![created_by, now, now]);
    let id = tx
        .insert(
            "INSERT INTO vacancies (employer_id, title, description, occupation_uri, hours_per_week, contract_type, education_level, \
             driving_licences, languages, postcode, city, closing_date, positions, status, publish, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id",
            &v,
        )
        .await?;
    write_skills(tx, id, &w.skills).await?;
    write_carving(tx, id, &w.carving).await?;
    Ok(id)
}

pub async fn update(
    tx: &mut Tx,
    id: i64,
    version: i64,
    w: &VacancyWrite,
) -> Result<(), StoreError> {
    let mut v = w.values();
    v.extend(vals![Utc::now(), id, version]);
    tx.update_versioned(
        "UPDATE vacancies SET employer_id = $1, title = $2, description = $3, occupation_uri = $4, hours_per_week = $5, \
         contract_type = $6, education_level = $7, driving_licences = $8, languages = $9, postcode = $10, city = $11, \
         closing_date = $12, positions = $13, status = $14, publish = $15, updated_at = $16, version = version + 1 \
         WHERE id = $17 AND version = $18",
        &v,
        "vacancies",
        id,
    )
    .await?;
    tx.execute(
        "DELETE FROM vacancy_skills WHERE vacancy_id = $1",
        &vals![id],
    )
    .await?;
    write_skills(tx, id, &w.skills).await?;
    write_carving(tx, id, &w.carving).await
}

async fn write_skills(tx: &mut Tx, id: i64, skills: &[(String, bool)]) -> Result<(), StoreError> {
    for (uri, essential) in skills {
        tx.execute(
            "INSERT INTO vacancy_skills (vacancy_id, skill_uri, essential) VALUES ($1, $2, $3)",
            &vals![id, uri.as_str(), *essential],
        )
        .await?;
    }
    Ok(())
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<Vacancy, StoreError> {
    let mut v: Vacancy = tx
        .fetch_one(&format!("{SELECT} WHERE v.id = $1"), &vals![id])
        .await?;
    v.skills = tx
        .fetch_all(
            "SELECT s.skill_uri AS uri, t.label, s.essential FROM vacancy_skills s LEFT JOIN taxonomy_concepts t ON t.uri = s.skill_uri \
             WHERE s.vacancy_id = $1 ORDER BY s.essential DESC, t.label",
            &vals![id],
        )
        .await?;
    Ok(v)
}

/// Every open vacancy with its skills, by id: two queries however many there are (for the
/// vacancies suggested to a candidate).
pub async fn open_with_skills(tx: &mut Tx) -> Result<Vec<Vacancy>, StoreError> {
    let mut list: Vec<Vacancy> = tx
        .fetch_all(
            &format!("{SELECT} WHERE v.status = $1 ORDER BY v.id"),
            &vals!["open"],
        )
        .await?;
    let skills: Vec<(i64, String, Option<String>, bool)> = tx
        .fetch_all(
            "SELECT s.vacancy_id, s.skill_uri, t.label, s.essential FROM vacancy_skills s \
             JOIN vacancies v ON v.id = s.vacancy_id LEFT JOIN taxonomy_concepts t ON t.uri = s.skill_uri \
             WHERE v.status = $1 ORDER BY s.vacancy_id, s.essential DESC, t.label",
            &vals!["open"],
        )
        .await?;
    for (vacancy_id, uri, label, essential) in skills {
        if let Ok(i) = list.binary_search_by_key(&vacancy_id, |v| v.id) {
            list[i].skills.push(VacancySkill {
                uri,
                label,
                essential,
            });
        }
    }
    Ok(list)
}

/// The places of work of published vacancies still open on `day`.
pub async fn published_places(tx: &mut Tx, day: NaiveDate) -> Result<Vec<String>, StoreError> {
    let rows: Vec<(String,)> = tx
        .fetch_all(
            "SELECT DISTINCT city FROM vacancies WHERE publish = $1 AND status = 'open' AND (closing_date IS NULL OR closing_date >= $2) \
             AND city <> '' ORDER BY city",
            &vals![true, day],
        )
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

pub async fn list(
    tx: &mut Tx,
    filter: &VacancyFilter,
    page: Page,
) -> Result<Paged<Vacancy>, StoreError> {
    let mut f = Filter::default();
    f.search(&["v.title", "e.name", "v.city"], filter.q.as_deref());
    if let Some(s) = &filter.status {
        f.add("v.status = ?", vals![s.as_str()]);
    }
    if let Some(id) = filter.employer_id {
        f.add("v.employer_id = ?", vals![id]);
    }
    if !filter.sectors.is_empty() {
        let sectors: Vec<&str> = filter.sectors.iter().map(String::as_str).collect();
        f.any_of("e.sector", &sectors);
    }
    if let Some(p) = filter.publish {
        f.add("v.publish = ?", vals![p]);
    }
    if let Some(day) = filter.open_on {
        f.add("v.status = ?", vals!["open"]);
        f.add(
            "(v.closing_date IS NULL OR v.closing_date >= ?)",
            vals![day],
        );
    }
    if let Some(city) = filter
        .city
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        f.add("lower(v.city) = ?", vals![city.to_lowercase()]);
    }
    if let Some(h) = filter.min_hours {
        f.add("v.hours_per_week >= ?", vals![h]);
    }
    if let Some(u) = filter.account_holder_id {
        f.add("e.account_holder_id = ?", vals![u]);
    }
    let total = tx
        .scalar(
            &format!(
                "SELECT COUNT(*) FROM vacancies v JOIN employers e ON e.id = v.employer_id{}",
                f.where_sql()
            ),
            &f.vals,
        )
        .await?;
    let order = Filter::order_by(
        filter.sort.as_deref(),
        &[
            ("titel", "lower(v.title)"),
            ("werkgever", "lower(e.name)"),
            ("plaats", "lower(v.city)"),
            ("sluitingsdatum", "v.closing_date"),
            ("nieuw", "v.created_at"),
        ],
        "v.created_at DESC",
        "v.id",
    );
    let sql = format!("{SELECT}{}{order}", f.where_sql());
    let limit = f.limit_sql(page);
    let items = tx.fetch_all(&format!("{sql}{limit}"), &f.vals).await?;
    Ok(Paged::new(items, total, page))
}

/// A published vacancy with what the VUM exchange needs of it and of its employer.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OfferRow {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub occupation_uri: Option<String>,
    pub education_level: Option<String>,
    pub hours_per_week: Option<i64>,
    pub contract_type: Option<String>,
    pub driving_licences: String,
    pub languages: String,
    /// The place of work's postcode, or else the employer's.
    pub postcode: Option<String>,
    pub closing_date: Option<NaiveDate>,
    pub employer_name: String,
    pub employer_website: Option<String>,
}

/// Vacancies marked for publication and still open on `day` (optionally one of them), except
/// those kept as VUM documents (`vum_documents`), which are offered as they came.
pub async fn offered(
    tx: &mut Tx,
    day: NaiveDate,
    id: Option<i64>,
) -> Result<Vec<OfferRow>, StoreError> {
    tx.fetch_all(
        "SELECT v.id, v.title, v.description, v.occupation_uri, v.education_level, v.hours_per_week, v.contract_type, v.driving_licences, \
         v.languages, COALESCE(v.postcode, e.postcode) AS postcode, v.closing_date, e.name AS employer_name, e.website AS employer_website \
         FROM vacancies v JOIN employers e ON e.id = v.employer_id \
         WHERE v.publish = $1 AND v.status = 'open' AND (v.closing_date IS NULL OR v.closing_date >= $2) AND ($3 IS NULL OR v.id = $3) \
         AND NOT EXISTS (SELECT 1 FROM vacancy_documents d WHERE d.vacancy_id = v.id) ORDER BY v.id",
        &vals![true, day, id],
    )
    .await
}

/// The skills of the vacancies marked for publication: (vacancy, skill URI), by vacancy and URI.
pub async fn offered_skills(tx: &mut Tx) -> Result<Vec<(i64, String)>, StoreError> {
    tx.fetch_all(
        "SELECT s.vacancy_id, s.skill_uri FROM vacancy_skills s JOIN vacancies v ON v.id = s.vacancy_id \
         WHERE v.publish = $1 ORDER BY s.vacancy_id, s.skill_uri",
        &vals![true],
    )
    .await
}

/// Marks an open (or on-hold) vacancy as filled once it has as many placements as positions; says
/// whether it did. A filled vacancy leaves the vacancy paper and the VUM source.
pub async fn mark_filled_when_full(tx: &mut Tx, id: i64) -> Result<bool, StoreError> {
    let n = tx
        .execute(
            "UPDATE vacancies SET status = 'filled', version = version + 1, updated_at = $1 WHERE id = $2 \
             AND status IN ('open', 'on_hold') AND positions <= (SELECT COUNT(*) FROM placements p WHERE p.vacancy_id = $2)",
            &vals![chrono::Utc::now(), id],
        )
        .await?;
    Ok(n == 1)
}
