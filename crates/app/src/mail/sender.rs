//! Delivering the outbox by SMTP: claim what is due, send it, and record the outcome; a failure
//! waits longer each time (1, 2, 4 ... up to 60 minutes) and is tried again, never dropped.

use chrono::{DateTime, Duration, Utc};
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sha2::{Digest, Sha256};

use koppel_store::outbox::{self, Mail};

use crate::{AppContext, AppError};

/// An SMTP connection as configured: `smtp://host:port` (plain, e.g. a local relay),
/// `smtp://user:password@host:587?tls=required` (STARTTLS) or `smtps://user:password@host`.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    pub fn new(smtp_url: &str, from: &str) -> Result<Self, AppError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|e| AppError::Internal(format!("smtp_url onbruikbaar: {e}")))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from = from
            .parse()
            .map_err(|e| AppError::Internal(format!("mail_from onbruikbaar: {e}")))?;
        Ok(Self { transport, from })
    }

    async fn send(&self, m: &Mail) -> Result<(), String> {
        let id = Sha256::digest(m.idempotency_key.as_bytes());
        let id: String = id.iter().take(16).map(|b| format!("{b:02x}")).collect();
        let to: Mailbox = m.recipient.parse().map_err(|e| format!("adres: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            // The same message id on every attempt: a receiver can tell a repeat.
            .message_id(Some(format!("<{id}@koppel>")))
            .header(ContentType::TEXT_PLAIN)
            .body(m.body.clone())
            .map_err(|e| e.to_string())?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// What one round of sending did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SendReport {
    pub sent: usize,
    pub failed: usize,
}

/// The wait before the next attempt after `attempts` failed ones.
fn backoff(attempts: i32) -> Duration {
    Duration::minutes(1i64 << attempts.clamp(0, 6)).min(Duration::minutes(60))
}

/// Sends every message that is due at `now`, in rounds of 50. Run every half minute by
/// `koppel serve`; two nodes running it at once never send a message twice (the claim).
pub async fn send_due(
    ctx: &AppContext,
    mailer: &Mailer,
    now: DateTime<Utc>,
) -> Result<SendReport, AppError> {
    let mut report = SendReport::default();
    loop {
        let mut tx = ctx.store.begin().await?;
        let batch = outbox::claim_due(&mut tx, now, now + Duration::minutes(5), 50).await?;
        tx.commit().await?;
        if batch.is_empty() {
            return Ok(report);
        }
        for m in &batch {
            let outcome = mailer.send(m).await;
            let mut tx = ctx.store.begin().await?;
            match outcome {
                Ok(()) => {
                    outbox::mark_sent(&mut tx, m.id, Utc::now()).await?;
                    report.sent += 1;
                }
                Err(e) => {
                    tracing::warn!(mail = m.id, error = %e, "e-mail not sent; tried again later");
                    let next = now + backoff(m.attempts);
                    outbox::mark_failed(&mut tx, m.id, next, &e).await?;
                    report.failed += 1;
                }
            }
            tx.commit().await?;
        }
    }
}
