//! Login throttling, counted from the audit log: per account from one address, per address across
//! accounts (password spraying), and a cap on failures per minute for the whole installation. An
//! attacker elsewhere can slow an account's logins down, never lock its owner out.

use chrono::{DateTime, Duration, Utc};
use koppel_store::{logs, StoreError, Tx};

use crate::context::Settings;

/// What to do with a login attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allow,
    /// Check the password only after this wait: the account had many failures from elsewhere.
    Delay(std::time::Duration),
    /// Refuse without checking the password.
    Refuse,
}

/// The most a login waits for failures of its account from other addresses.
const MAX_DELAY_SECONDS: i64 = 5;

/// Judges an attempt to log in to `email` from `origin` at `now`.
pub async fn judge(
    tx: &mut Tx,
    settings: &Settings,
    email: &str,
    origin: &str,
    now: DateTime<Utc>,
) -> Result<Verdict, StoreError> {
    let window = now - Duration::minutes(settings.throttle_minutes);
    let from_here = logs::failed_logins(tx, Some(email), Some(origin), window).await?;
    if from_here >= settings.max_failed_logins {
        return Ok(Verdict::Refuse);
    }
    let spraying = logs::failed_logins(tx, None, Some(origin), window).await?;
    if spraying >= settings.max_failed_logins_per_origin {
        return Ok(Verdict::Refuse);
    }
    let everywhere = logs::failed_logins(tx, None, None, now - Duration::minutes(1)).await?;
    if everywhere >= settings.max_failed_logins_per_minute {
        return Ok(Verdict::Refuse);
    }
    let account = logs::failed_logins(tx, Some(email), None, window).await?;
    let excess = account - settings.max_failed_logins;
    Ok(if excess >= 0 {
        let seconds = (excess + 1).min(MAX_DELAY_SECONDS) as u64;
        Verdict::Delay(std::time::Duration::from_secs(seconds))
    } else {
        Verdict::Allow
    })
}
