//! The retention purge: erases personal data with no activity for `retention_months`, keeping the
//! anonymous facts the figures need, and writes what it did to the audit log.

use chrono::{DateTime, Months, Utc};
use koppel_store::retention::{self, Purged};

use crate::logging::audit;
use crate::{AppContext, AppError, Meta};

/// Runs the purge as of `now` (the system runs it daily; the CLI on request).
pub async fn purge(ctx: &AppContext, now: DateTime<Utc>, meta: &Meta) -> Result<Purged, AppError> {
    let cutoff = now
        .checked_sub_months(Months::new(ctx.settings.retention_months))
        .unwrap_or(now);
    let mut tx = ctx.store.begin().await?;
    let done = retention::purge(&mut tx, cutoff, now).await?;
    audit(
        &mut tx,
        "system:retention",
        "retention.purge",
        &format!(
            "candidates:{} contact_requests:{} survey_comments:{} before:{}",
            done.candidates,
            done.contact_requests,
            done.survey_comments,
            cutoff.date_naive()
        ),
        "success",
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(done)
}
