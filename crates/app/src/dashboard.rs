//! The start page's key figures: counts only, no personal data.

use chrono::NaiveDate;
use koppel_domain::permissions::Permission;
use koppel_store::{candidates, employers, placements, vacancies, Page};

use crate::{Actor, AppContext, AppError};

#[derive(Debug, Clone)]
pub struct Dashboard {
    pub employers: i64,
    pub open_vacancies: i64,
    /// Candidates in the actor's scope; `None` for roles that see no candidates.
    pub candidates: Option<i64>,
    /// Placements in 2025 per target group label.
    pub placements_2025: Vec<(String, i64)>,
}

pub async fn dashboard(ctx: &AppContext, actor: &Actor) -> Result<Dashboard, AppError> {
    actor.require(Permission::ReadAggregates)?;
    let mut tx = ctx.store.read().await?;
    let one = Page::new(1, 1);
    let employers = employers::list(&mut tx, &employers::EmployerFilter::default(), one)
        .await?
        .total;
    let open = vacancies::VacancyFilter {
        status: Some("open".into()),
        ..Default::default()
    };
    let open_vacancies = vacancies::list(&mut tx, &open, one).await?.total;
    let candidates = if actor.can(Permission::ReadCandidates) {
        Some(candidates::count(&mut tx, actor.candidate_scope()).await?)
    } else {
        None
    };
    let groups = candidates::target_groups(&mut tx).await?;
    let (from, to) = (
        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default(),
        NaiveDate::from_ymd_opt(2025, 12, 31).unwrap_or_default(),
    );
    let placements_2025 = placements::count_by_target_group(&mut tx, from, to)
        .await?
        .into_iter()
        .map(|(code, n)| {
            (
                groups
                    .iter()
                    .find(|g| g.code == code)
                    .map(|g| g.label.clone())
                    .unwrap_or(code),
                n,
            )
        })
        .collect();
    tx.commit().await?;
    Ok(Dashboard {
        employers,
        open_vacancies,
        candidates,
        placements_2025,
    })
}
