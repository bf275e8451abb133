//! E-mail that leaves koppel. A use case that has something to tell writes the message to the
//! outbox in its own transaction ([`to_address`], [`to_user`]), so the message exists exactly when
//! the change does; the sender ([`send_due`]) delivers it by SMTP with retries and backoff. The
//! idempotency key makes the same message written twice (a retried request, two nodes) one message.

pub mod messages;
mod sender;
mod texts;

use chrono::{DateTime, Utc};
use koppel_domain::codes::CodeList;
use koppel_domain::notifications::{fill, MailKind, MailText};
use koppel_store::outbox::{self, NewMail};
use koppel_store::Tx;

pub use sender::{send_due, Mailer, SendReport};
pub use texts::{
    optouts, outbox_overview, reset_text, set_optouts, set_text, texts, KindText, OutboxOverview,
};

use crate::{AppContext, AppError};

/// The text of a kind: the administrator's, or koppel's own.
async fn text_of(tx: &mut Tx, kind: MailKind) -> Result<MailText, AppError> {
    Ok(match outbox::text(tx, kind.code()).await? {
        Some(t) => MailText {
            subject: t.subject,
            body: t.body,
        },
        None => kind.default_text(),
    })
}

/// The outbox's key of a message: its kind and the use case's own key.
pub(crate) fn idempotency_key(kind: MailKind, key: &str) -> String {
    format!("{}:{key}", kind.code())
}

/// An absolute link into koppel (e-mail needs the public address; see `public_url`).
pub fn link(ctx: &AppContext, path: &str) -> String {
    format!(
        "{}{path}",
        ctx.settings.service.public_url.trim_end_matches('/')
    )
}

/// Writes a message of `kind` to `recipient`, with the service's own placeholders (`dienst`,
/// `telefoon`) added to `values`. Returns whether it was written (not already there).
pub async fn to_address(
    tx: &mut Tx,
    ctx: &AppContext,
    kind: MailKind,
    key: &str,
    recipient: &str,
    values: &[(&str, String)],
) -> Result<bool, AppError> {
    let service = &ctx.settings.service;
    let mut all = vec![
        ("dienst", service.name.clone()),
        ("telefoon", service.phone.clone()),
    ];
    all.extend(values.iter().cloned());
    let text = fill(&text_of(tx, kind).await?, &all);
    let written = outbox::enqueue(
        tx,
        &NewMail {
            kind: kind.code(),
            idempotency_key: &idempotency_key(kind, key),
            recipient,
            subject: &text.subject,
            body: &text.body,
        },
        Utc::now(),
    )
    .await?;
    Ok(written)
}

/// Writes a message to a staff member, unless they are inactive or turned this kind off.
pub async fn to_user(
    tx: &mut Tx,
    ctx: &AppContext,
    kind: MailKind,
    key: &str,
    user_id: i64,
    values: &[(&str, String)],
) -> Result<bool, AppError> {
    let user = koppel_store::users::get(tx, user_id).await?;
    let off = outbox::optouts(tx, user_id).await?;
    if !user.active || off.iter().any(|k| k == kind.code()) {
        return Ok(false);
    }
    to_address(tx, ctx, kind, key, &user.email, values).await
}

/// A moment as the Dutch read it in a message: "31-03-2026 om 14:05".
pub fn moment(t: DateTime<Utc>) -> String {
    koppel_domain::crm::utc_to_local(t)
        .format("%d-%m-%Y om %H:%M")
        .to_string()
}
