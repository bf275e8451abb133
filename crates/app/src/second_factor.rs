//! The second factor of staff accounts (BIO 5.17): TOTP codes (RFC 6238: SHA-1, 6 digits, 30
//! seconds, one step of clock skew, each step accepted once) and ten single-use recovery codes.
//! Which roles must have one is configured (`Settings::second_factor_roles`).

use chrono::{Duration, Utc};
use koppel_domain::codes::{CodeList, Role};
use koppel_domain::FieldErrors;
use koppel_store::{accounts, logs, users, Tx};
use totp_rs::{Builder, Secret};

use crate::logging::audit;
use crate::random::{random_bytes, random_hex, sha256};
use crate::{AppContext, AppError, Meta};

/// Where a session stands with its second factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondFactor {
    /// Given, or not needed for this account.
    Done,
    /// The account has a second factor: ask for a code.
    Needed,
    /// The role requires a second factor and the account has none yet: set one up first.
    Enrol,
}

/// What a session that logged in with its password must still do.
pub(crate) async fn after_password(
    ctx: &AppContext,
    tx: &mut Tx,
    user_id: i64,
) -> Result<SecondFactor, AppError> {
    if accounts::totp_secret(tx, user_id).await?.is_some() {
        return Ok(SecondFactor::Needed);
    }
    let role = Role::parse(&users::get(tx, user_id).await?.role)
        .map_err(|e| AppError::Internal(e.message))?;
    Ok(if ctx.settings.second_factor_roles.contains(&role) {
        SecondFactor::Enrol
    } else {
        SecondFactor::Done
    })
}

/// A secret to set up in an authenticator app, as text and as a QR code (SVG).
#[derive(Debug, Clone)]
pub struct Enrolment {
    pub secret: String,
    pub uri: String,
    pub qr_svg: String,
}

/// A fresh secret for `email`.
pub fn new_enrolment(email: &str) -> Enrolment {
    enrolment_for(email, &Secret::from(random_bytes(20)).to_base32())
}

/// The enrolment of a given secret (shown again after a wrong code).
pub fn enrolment_for(email: &str, secret: &str) -> Enrolment {
    let secret: String = secret
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let uri = format!(
        "otpauth://totp/koppel:{}?secret={secret}&issuer=koppel&algorithm=SHA1&digits=6&period=30",
        email.replace(['?', '&', '#', ' '], "")
    );
    let qr_svg = qr_svg(&uri);
    Enrolment {
        secret,
        uri,
        qr_svg,
    }
}

/// A QR code as an SVG image (black modules on white, with the quiet zone).
fn qr_svg(text: &str) -> String {
    use qrcodegen::{QrCode, QrCodeEcc};
    let Ok(qr) = QrCode::encode_text(text, QrCodeEcc::Medium) else {
        return String::new();
    };
    let size = qr.size();
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + 4, y + 4));
            }
        }
    }
    let full = size + 8;
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {full} {full}" width="200" height="200" role="img" aria-label="QR-code voor uw authenticator-app"><rect width="{full}" height="{full}" fill="#fff"/><path d="{path}" fill="#000"/></svg>"##
    )
}

/// The TOTP step a code is valid for now, if any.
fn valid_step(secret: &str, code: &str) -> Option<u64> {
    let bytes = Secret::try_from_base32(secret).ok()?;
    let totp = Builder::new().with_secret(bytes).build().ok()?;
    let now = u64::try_from(Utc::now().timestamp()).ok()?;
    totp.check(code.trim(), now)
}

fn invalid_code() -> AppError {
    let mut e = FieldErrors::new();
    e.push(
        "code",
        "wrong_code",
        "Deze code klopt niet. Gebruik de code die uw app nu toont.",
    );
    AppError::Invalid(e)
}

/// Sets up the second factor of the session's user with `secret` once `code` proves the app has it;
/// returns the recovery codes, shown this once.
pub async fn enrol(
    ctx: &AppContext,
    session_token: &str,
    secret: &str,
    code: &str,
    meta: &Meta,
) -> Result<Vec<String>, AppError> {
    let mut tx = ctx.store.begin().await?;
    let hash = sha256(session_token);
    let session = users::session(&mut tx, &hash)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let Some(step) = valid_step(secret, code) else {
        return Err(invalid_code());
    };
    let codes: Vec<String> = (0..10)
        .map(|_| {
            let c = random_hex(5);
            format!("{}-{}", &c[..5], &c[5..])
        })
        .collect();
    let hashes: Vec<String> = codes.iter().map(|c| sha256(c)).collect();
    accounts::set_second_factor(&mut tx, session.user_id, Some(secret), &hashes).await?;
    accounts::second_factor_done(&mut tx, &hash).await?;
    let who = format!("user:{}", session.user_id);
    audit(&mut tx, &who, "second_factor.enrol", &who, "success", meta).await?;
    let used = format!("{who} step:{step}");
    audit(&mut tx, &who, "login.code.step", &used, "success", meta).await?;
    tx.commit().await?;
    Ok(codes)
}

/// Checks a TOTP code (each step once) or a recovery code (once) for the session's user, within the
/// login throttle; a right code completes the session.
pub async fn verify(
    ctx: &AppContext,
    session_token: &str,
    code: &str,
    meta: &Meta,
) -> Result<(), AppError> {
    let mut tx = ctx.store.begin().await?;
    let hash = sha256(session_token);
    let session = users::session(&mut tx, &hash)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let who = format!("user:{}", session.user_id);
    let since = Utc::now() - Duration::minutes(ctx.settings.throttle_minutes);
    if logs::count_audit(&mut tx, "login.code", &who, "failure", since).await?
        >= ctx.settings.max_failed_logins
    {
        audit(&mut tx, &who, "login.code", &who, "denied", meta).await?;
        tx.commit().await?;
        return Err(AppError::Throttled);
    }
    let secret = accounts::totp_secret(&mut tx, session.user_id).await?;
    let step = secret.as_deref().and_then(|s| valid_step(s, code));
    let fresh = match step {
        // A step already used may not be used again (RFC 6238, 5.2).
        Some(n) => {
            let used = format!("{who} step:{n}");
            logs::count_audit(&mut tx, "login.code.step", &used, "success", since).await? == 0 && {
                audit(&mut tx, &who, "login.code.step", &used, "success", meta).await?;
                true
            }
        }
        None => {
            let normalised = code.trim().to_lowercase();
            accounts::use_recovery_code(&mut tx, session.user_id, &sha256(&normalised)).await?
        }
    };
    if !fresh {
        audit(&mut tx, &who, "login.code", &who, "failure", meta).await?;
        tx.commit().await?;
        return Err(invalid_code());
    }
    accounts::second_factor_done(&mut tx, &hash).await?;
    audit(&mut tx, &who, "login.code", &who, "success", meta).await?;
    tx.commit().await?;
    Ok(())
}

/// A code for `secret` at this moment (for tests and for the command line).
pub fn current_code(secret: &str) -> Option<String> {
    let bytes = Secret::try_from_base32(secret).ok()?;
    let totp = Builder::new().with_secret(bytes).build().ok()?;
    Some(totp.generate_current().to_string())
}
