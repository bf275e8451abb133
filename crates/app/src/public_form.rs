//! The guard of koppel's public forms (an employer's contact request, a resident's request for an
//! appointment): robots are kept out by a hidden field and a signed moment the form was shown, and
//! floods by a limit per client address per hour. Refusals are written to the audit log.

use chrono::{DateTime, Duration, Utc};
use koppel_domain::FieldErrors;
use koppel_store::logs;
use serde::Deserialize;

use crate::logging::{audit, pseudonym};
use crate::{AppContext, AppError, Meta};

/// The public form's extra fields that keep robots out.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FormGuard {
    /// A field people do not see; robots fill it in.
    #[serde(default)]
    pub website: String,
    /// The signed moment the form was shown (see `form_token`).
    #[serde(default)]
    pub token: String,
}

/// A signed token with the moment a public form was shown.
pub fn form_token(ctx: &AppContext, shown_at: DateTime<Utc>) -> String {
    let t = shown_at.timestamp();
    format!("{t}.{}", pseudonym(ctx, &format!("contact-form:{t}")))
}

/// Whether the guard's fields came from a person: the hidden field empty, and a genuine token
/// from between 2 seconds and a day ago.
fn genuine(ctx: &AppContext, g: &FormGuard) -> bool {
    let shown = g
        .token
        .split_once('.')
        .and_then(|(t, _)| t.parse::<i64>().ok());
    g.website.is_empty()
        && shown.is_some_and(|t| {
            let age = Utc::now().timestamp() - t;
            g.token == form_token(ctx, DateTime::from_timestamp(t, 0).unwrap_or_default())
                && (2..=86_400).contains(&age)
        })
}

/// Lets a public submission for `action` through, or refuses it: a robot's as an invalid form, a
/// flood from one address as `Throttled`. `guard` is `None` for the public API (no form to
/// check), which still has the rate limit. The caller audits `action` for every submission it
/// stores, which is what the limit counts.
pub async fn admit(
    ctx: &AppContext,
    meta: &Meta,
    guard: Option<&FormGuard>,
    action: &str,
) -> Result<(), AppError> {
    if guard.is_some_and(|g| !genuine(ctx, g)) {
        let mut tx = ctx.store.begin().await?;
        audit(&mut tx, "public", action, "form", "denied", meta).await?;
        tx.commit().await?;
        let mut e = FieldErrors::new();
        e.push("form", "rejected", "Het formulier kon niet worden verwerkt. Laad de pagina opnieuw en probeer het nog eens.");
        return Err(AppError::Invalid(e));
    }
    let mut tx = ctx.store.begin().await?;
    let since = Utc::now() - Duration::hours(1);
    let sent = logs::actions_from_origin_since(&mut tx, action, &meta.origin, since).await?;
    if sent >= ctx.settings.public_requests_per_hour {
        audit(&mut tx, "public", action, "rate_limit", "denied", meta).await?;
        tx.commit().await?;
        return Err(AppError::Throttled);
    }
    tx.commit().await?;
    Ok(())
}
