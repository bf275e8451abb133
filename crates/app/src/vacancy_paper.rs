//! The vacancy paper (vacaturekrant): the vacancies marked for publication that are still open,
//! for everyone, without a login. It shows the vacancy and its employer, never a candidate (a
//! vacancy carved out for a candidate does not say for whom).

use chrono::{DateTime, NaiveDate, Utc};
use koppel_domain::codes::{Cluster, CodeList, ContractType, EducationLevel};
use koppel_store::vacancies::{self, Vacancy, VacancyFilter};
use koppel_store::{Page, Paged};
use serde::Serialize;

use crate::{AppContext, AppError};

/// A vacancy as the public sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PaperVacancy {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub employer_name: String,
    /// Place of work.
    pub city: String,
    pub hours_per_week: Option<i64>,
    pub contract_type: Option<String>,
    /// The contract type in Dutch.
    pub contract_label: Option<String>,
    /// The minimum education level in Dutch.
    pub education_label: Option<String>,
    pub occupation_label: Option<String>,
    pub closing_date: Option<NaiveDate>,
    pub positions: i64,
    pub published_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Vacancy> for PaperVacancy {
    fn from(v: Vacancy) -> Self {
        let label =
            |code: &Option<String>, f: fn(&str) -> Option<String>| code.as_deref().and_then(f);
        Self {
            id: v.id,
            title: v.title,
            description: v.description,
            employer_name: v.employer_name,
            city: v.city,
            hours_per_week: v.hours_per_week,
            contract_label: label(&v.contract_type, |c| {
                ContractType::parse(c).ok().map(|t| t.label().to_string())
            }),
            contract_type: v.contract_type,
            education_label: label(&v.education_level, |c| {
                EducationLevel::parse(c).ok().map(|t| t.label().to_string())
            }),
            occupation_label: v.occupation_label,
            closing_date: v.closing_date,
            positions: v.positions,
            published_at: v.created_at,
            updated_at: v.updated_at,
        }
    }
}

/// Search terms of the paper; all optional.
#[derive(Debug, Clone, Default)]
pub struct PaperQuery {
    pub q: Option<String>,
    pub cluster: Option<Cluster>,
    pub city: Option<String>,
    pub min_hours: Option<i64>,
}

fn filter(q: &PaperQuery, today: NaiveDate) -> VacancyFilter {
    VacancyFilter {
        q: q.q.clone(),
        sectors: q
            .cluster
            .map(|c| c.sectors().iter().map(|s| s.code().to_string()).collect())
            .unwrap_or_default(),
        publish: Some(true),
        open_on: Some(today),
        city: q.city.clone(),
        min_hours: q.min_hours,
        ..Default::default()
    }
}

/// Published, open vacancies, newest first.
pub async fn search(
    ctx: &AppContext,
    q: &PaperQuery,
    today: NaiveDate,
    page: Page,
) -> Result<Paged<PaperVacancy>, AppError> {
    let mut tx = ctx.store.begin().await?;
    let found = vacancies::list(&mut tx, &filter(q, today), page).await?;
    tx.commit().await?;
    Ok(Paged {
        items: found.items.into_iter().map(PaperVacancy::from).collect(),
        total: found.total,
        page: found.page,
        page_size: found.page_size,
    })
}

/// One vacancy of the paper; `NotFound` when it is not published or no longer open.
pub async fn get(ctx: &AppContext, id: i64, today: NaiveDate) -> Result<PaperVacancy, AppError> {
    let mut tx = ctx.store.begin().await?;
    let v = vacancies::get(&mut tx, id).await?;
    tx.commit().await?;
    let open = v.publish && v.status == "open" && v.closing_date.is_none_or(|d| d >= today);
    if !open {
        return Err(AppError::NotFound);
    }
    Ok(PaperVacancy::from(v))
}

/// The places of work of the vacancies in the paper, for its filter.
pub async fn places(ctx: &AppContext, today: NaiveDate) -> Result<Vec<String>, AppError> {
    let mut tx = ctx.store.begin().await?;
    let places = vacancies::published_places(&mut tx, today).await?;
    tx.commit().await?;
    Ok(places)
}
