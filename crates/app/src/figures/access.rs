//! The figures as use cases: the factsheet as an actor may see it (suppressed when it leaves the
//! organisation), the report made on the server, the filter choices, and a user's own figures.

use chrono::NaiveDate;
use koppel_domain::permissions::Permission;
use koppel_store::{candidates, figures, organisations, targets};

use super::compute::compute;
use super::FigureFilter;
use super::{Breakdown, Factsheet, Period};
use crate::{Actor, AppContext, AppError};

/// The factsheet as `actor` may see it: partners get the suppressed version.
pub async fn factsheet(
    ctx: &AppContext,
    actor: &Actor,
    period: Period,
    filter: &FigureFilter,
    as_of: NaiveDate,
) -> Result<Factsheet, AppError> {
    actor.require(Permission::ReadAggregates)?;
    let audience = if actor.can(Permission::ReadInternalFigures) {
        Audience::Internal
    } else {
        Audience::Outside
    };
    counted(ctx, period, filter, as_of, audience).await
}

/// Who a factsheet is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Inside the organisation: every count.
    Internal,
    /// Leaving the organisation: small counts hidden (see `Factsheet::suppressed`).
    Outside,
}

async fn counted(
    ctx: &AppContext,
    period: Period,
    filter: &FigureFilter,
    as_of: NaiveDate,
    audience: Audience,
) -> Result<Factsheet, AppError> {
    let mut tx = ctx.store.read().await?;
    let sheet = compute(&mut tx, period, filter, as_of).await?;
    tx.commit().await?;
    Ok(match audience {
        Audience::Internal => sheet,
        Audience::Outside => sheet.suppressed(ctx.settings.small_cell_threshold),
    })
}

/// The factsheet for a report made on the server itself (`koppel report`, run by its operator),
/// through the same suppression as the web: every count only when `Audience::Internal` is asked
/// for explicitly. The report is written to the audit log.
pub async fn report_factsheet(
    ctx: &AppContext,
    meta: &crate::Meta,
    period: Period,
    filter: &FigureFilter,
    as_of: NaiveDate,
    audience: Audience,
) -> Result<Factsheet, AppError> {
    let sheet = counted(ctx, period, filter, as_of, audience).await?;
    let mut tx = ctx.store.begin().await?;
    let object = format!("period:{} audience:{audience:?}", period.label());
    crate::logging::audit(&mut tx, "cli", "figures.report", &object, "success", meta).await?;
    tx.commit().await?;
    Ok(sheet)
}

/// What the figures can be filtered on, and the target groups.
pub struct FilterOptions {
    /// (id, name) of the organisations.
    pub organisations: Vec<(String, String)>,
    pub subregions: Vec<String>,
    /// (code, label).
    pub target_groups: Vec<(String, String)>,
}

pub async fn filter_options(ctx: &AppContext, actor: &Actor) -> Result<FilterOptions, AppError> {
    actor.require(Permission::ReadAggregates)?;
    let mut tx = ctx.store.read().await?;
    let organisations = organisations::list(&mut tx)
        .await?
        .into_iter()
        .map(|o| (o.id.to_string(), o.name))
        .collect();
    let mut subregions: Vec<String> = targets::municipalities(&mut tx)
        .await?
        .into_iter()
        .filter_map(|m| m.subregion)
        .collect();
    subregions.sort();
    subregions.dedup();
    let target_groups = candidates::target_groups(&mut tx)
        .await?
        .into_iter()
        .map(|g| (g.code, g.label))
        .collect();
    tx.commit().await?;
    Ok(FilterOptions {
        organisations,
        subregions,
        target_groups,
    })
}

/// A user's own figures for a period: placements registered, nominations made, contact moments.
pub async fn own_figures(
    ctx: &AppContext,
    actor: &Actor,
    period: Period,
) -> Result<Breakdown, AppError> {
    actor.require(Permission::ReadAggregates)?;
    let mut tx = ctx.store.read().await?;
    let (placed, nominated, contacts) =
        figures::own(&mut tx, &period.span(), actor.user_id()).await?;
    tx.commit().await?;
    let mut b = Breakdown::new(&[("value", "Aantal")]);
    b.push(
        "placements",
        "Plaatsingen door u geregistreerd",
        vec![placed],
    );
    b.push("nominations", "Voordrachten door u gedaan", vec![nominated]);
    b.push(
        "contact_moments",
        "Contactmomenten met werkgevers",
        vec![contacts],
    );
    Ok(b)
}
