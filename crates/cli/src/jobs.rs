//! What `koppel serve` does by itself: the daily retention purge, escalating late contact
//! requests, after-care reminders, taking over imports whose run died, sending the e-mail
//! outbox, and scheduled backups.

use std::future::Future;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;
use koppel_app::{AppContext, Meta};

/// Scheduled backups: into `dir`, every `every_hours`, keeping the newest `keep`.
#[derive(Debug, Clone)]
pub struct BackupSchedule {
    pub dir: PathBuf,
    pub every_hours: u64,
    pub keep: usize,
}

/// What the jobs need beyond the application context.
#[derive(Debug, Clone)]
pub struct Jobs {
    pub database_url: String,
    pub backups: Option<BackupSchedule>,
}

/// Runs `job` now and then every `period`, logging a failure under `what`.
fn every<F, Fut>(period: Duration, what: &'static str, job: F)
where
    F: Fn() -> Fut + Send + 'static,
    Fut: Future<Output = Result<String, koppel_app::AppError>> + Send,
{
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(period);
        loop {
            tick.tick().await;
            match job().await {
                Ok(done) if done.is_empty() => {}
                Ok(done) => tracing::info!(job = what, "{done}"),
                Err(e) => tracing::error!(job = what, error = %e, "failed"),
            }
        }
    });
}

pub fn spawn(ctx: &AppContext, jobs: &Jobs) -> Result<()> {
    let c = ctx.clone();
    every(
        Duration::from_secs(24 * 3600),
        "retention purge",
        move || {
            let c = c.clone();
            async move {
                let meta = Meta::local("purge");
                koppel_app::retention::purge(&c, chrono::Utc::now(), &meta).await?;
                Ok(String::new())
            }
        },
    );
    let c = ctx.clone();
    every(Duration::from_secs(300), "escalation", move || {
        let c = c.clone();
        async move {
            let meta = Meta::local("escalation");
            let n =
                koppel_app::contact_requests::escalate_late(&c, chrono::Utc::now(), &meta).await?;
            Ok(if n == 0 {
                String::new()
            } else {
                format!("{n} late contact requests escalated")
            })
        }
    });
    let c = ctx.clone();
    every(
        Duration::from_secs(3600),
        "after-care reminders",
        move || {
            let c = c.clone();
            async move {
                let today = chrono::Local::now().date_naive();
                let n = koppel_app::mail::messages::remind_aftercare(&c, today).await?;
                Ok(if n == 0 {
                    String::new()
                } else {
                    format!("{n} after-care reminders")
                })
            }
        },
    );
    let c = ctx.clone();
    let lease = ctx.settings.import_lease_seconds.max(2) as u64;
    every(
        Duration::from_secs(lease / 2),
        "import takeover",
        move || {
            let c = c.clone();
            async move {
                Ok(match koppel_app::import::resume_abandoned(&c).await? {
                    Some(r) => format!(
                        "took over import {}: {} imported, {} skipped, {} bad",
                        r.import_id.unwrap_or(0),
                        r.imported,
                        r.skipped,
                        r.bad
                    ),
                    None => String::new(),
                })
            }
        },
    );
    spawn_mail(ctx)?;
    if let Some(b) = jobs.backups.clone() {
        let (c, url) = (ctx.clone(), jobs.database_url.clone());
        every(
            Duration::from_secs(b.every_hours.max(1) * 3600),
            "backup",
            move || {
                let (c, url, b) = (c.clone(), url.clone(), b.clone());
                async move {
                    let meta = Meta::local("scheduled backup");
                    let now = chrono::Utc::now();
                    let file = koppel_app::backups::scheduled(&c, &url, &b.dir, b.keep, now, &meta)
                        .await?;
                    Ok(format!("backup written to {}", file.display()))
                }
            },
        );
    }
    Ok(())
}

/// Sends the outbox every half minute; without an SMTP server configured, messages wait.
fn spawn_mail(ctx: &AppContext) -> Result<()> {
    let settings = &ctx.settings.mail;
    if settings.smtp_url.is_empty() {
        tracing::warn!("no smtp_url configured: e-mail waits in the outbox");
        return Ok(());
    }
    let from = match settings.from.as_str() {
        "" => &ctx.settings.service.email,
        from => from,
    };
    let mailer = koppel_app::mail::Mailer::new(&settings.smtp_url, from)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let c = ctx.clone();
    every(Duration::from_secs(30), "e-mail", move || {
        let (c, mailer) = (c.clone(), mailer.clone());
        async move {
            let r = koppel_app::mail::send_due(&c, &mailer, chrono::Utc::now()).await?;
            Ok(if r.sent + r.failed == 0 {
                String::new()
            } else {
                format!("e-mail: {} sent, {} to try again", r.sent, r.failed)
            })
        }
    });
    Ok(())
}
