//! The retention purge: erases personal data with no activity for `retention_months` and logs
//! older than `log_retention_months`, keeping the anonymous facts the figures need, and writes what
//! it did to the audit log.

use chrono::{DateTime, Months, Utc};
use koppel_store::retention::{self, Cutoffs, Purged};

use crate::logging::audit;
use crate::{AppContext, AppError, Meta};

/// Days a sent e-mail is kept in the outbox.
pub const MAIL_DAYS: i64 = 31;

/// Runs the purge as of `now` (the system runs it daily; the CLI on request).
pub async fn purge(ctx: &AppContext, now: DateTime<Utc>, meta: &Meta) -> Result<Purged, AppError> {
    let before = |months: u32| now.checked_sub_months(Months::new(months)).unwrap_or(now);
    let at = Cutoffs {
        data: before(ctx.settings.retention_months),
        logs: before(ctx.settings.log_retention_months),
        now,
    };
    let mut tx = ctx.store.begin().await?;
    let done = retention::purge(&mut tx, at).await?;
    // Sent e-mail holds addresses and names: it goes after a month.
    let mails =
        koppel_store::outbox::purge_sent(&mut tx, now - chrono::Duration::days(MAIL_DAYS)).await?;
    audit(
        &mut tx,
        "system:retention",
        "retention.purge",
        &format!(
            "candidates:{} residents:{} desk_requests:{} contact_requests:{} survey_comments:{} contact_moments:{} agreements:{} contact_persons:{} \
             import_problems:{} log_records:{} sent_mails:{mails} before:{} logs_before:{}",
            done.candidates,
            done.residents,
            done.desk_requests,
            done.contact_requests,
            done.survey_comments,
            done.contact_moments,
            done.agreements,
            done.contact_persons,
            done.import_problems,
            done.log_records,
            at.data.date_naive(),
            at.logs.date_naive()
        ),
        "success",
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(done)
}
