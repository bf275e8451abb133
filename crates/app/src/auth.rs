//! Authentication: argon2id passwords, login with throttling, sessions with a CSRF token, API tokens.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use chrono::{Duration, Utc};
use koppel_domain::codes::{Cluster, CodeList, OrganisationKind, Role};
use koppel_domain::values::{required_text, Email, MunicipalityCode, Oin};
use koppel_domain::FieldErrors;
use koppel_store::{accounts, organisations, users};

use crate::logging::audit;
use crate::login_throttle::{self, Verdict};
use crate::op::Op;
use crate::second_factor::{self, SecondFactor};
use crate::{Actor, AppContext, AppError, Meta};

pub(crate) use crate::random::sha256;
pub use crate::random::{hex, random_bytes, random_hex};

pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(e.to_string()))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// A new login session: the secret cookie value, the CSRF token of its forms, and whether a
/// second factor must still be given (or first be set up).
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf: String,
    pub second_factor: SecondFactor,
}

/// Checks e-mail and password, within the throttle (`login_throttle`); every attempt is audited.
/// The password is checked on a blocking thread, outside any transaction.
pub async fn login(
    ctx: &AppContext,
    email: &str,
    password: &str,
    meta: &Meta,
) -> Result<NewSession, AppError> {
    let email = email.trim().to_lowercase();
    let mut tx = ctx.store.begin().await?;
    let verdict =
        login_throttle::judge(&mut tx, &ctx.settings, &email, &meta.origin, Utc::now()).await?;
    let user = users::credentials(&mut tx, &email).await?;
    if verdict == Verdict::Refuse {
        audit(&mut tx, &email, "login", &email, "denied", meta).await?;
        tx.commit().await?;
        return Err(AppError::Throttled);
    }
    tx.commit().await?;
    if let Verdict::Delay(wait) = verdict {
        tokio::time::sleep(wait).await;
    }
    let ok = check_password(password, user.as_ref().map(|u| u.1.clone())).await?
        && user.as_ref().is_some_and(|u| u.2);
    let mut tx = ctx.store.begin().await?;
    let Some((user_id, _, _)) = user.filter(|_| ok) else {
        audit(&mut tx, &email, "login", &email, "failure", meta).await?;
        tx.commit().await?;
        return Err(AppError::Unauthenticated);
    };
    let mut session = NewSession {
        token: random_hex(32),
        csrf: random_hex(32),
        second_factor: SecondFactor::Done,
    };
    users::purge_expired_sessions(&mut tx).await?;
    let factor = second_factor::after_password(ctx, &mut tx, user_id).await?;
    users::create_session(
        &mut tx,
        &sha256(&session.token),
        user_id,
        &session.csrf,
        session_end(ctx, Utc::now(), Utc::now()),
        factor == SecondFactor::Done,
    )
    .await?;
    session.second_factor = factor;
    audit(
        &mut tx,
        &format!("user:{user_id}"),
        "login",
        &email,
        "success",
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(session)
}

/// Verifies a password against its hash on a blocking thread. Without an account it spends the same
/// effort, so timing does not reveal which accounts exist.
async fn check_password(password: &str, hash: Option<String>) -> Result<bool, AppError> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || match hash {
        Some(hash) => verify_password(&password, &hash),
        None => {
            let _ = hash_password(&password);
            false
        }
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))
}

/// When a session used at `now` ends: after the idle time, but never past its absolute lifetime.
fn session_end(
    ctx: &AppContext,
    created: chrono::DateTime<Utc>,
    now: chrono::DateTime<Utc>,
) -> chrono::DateTime<Utc> {
    let absolute = created + Duration::hours(ctx.settings.session_hours);
    let idle = now + Duration::minutes(ctx.settings.session_idle_minutes);
    absolute.min(idle)
}

pub async fn logout(
    ctx: &AppContext,
    token: &str,
    actor: &Actor,
    meta: &Meta,
) -> Result<(), AppError> {
    let mut tx = Op::begin(ctx, actor, meta).await?;
    users::delete_session(&mut tx, &sha256(token)).await?;
    tx.audit("logout", &format!("user:{}", actor.user_id()))
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The actor of an active user, for work done on their behalf without a request (an import
/// taken over after a restart).
pub(crate) async fn actor_of(ctx: &AppContext, user_id: i64) -> Result<Actor, AppError> {
    let mut tx = ctx.store.begin().await?;
    let actor = actor_for(&mut tx, user_id, false).await?;
    tx.commit().await?;
    Ok(actor)
}

async fn actor_for(
    tx: &mut koppel_store::Tx,
    user_id: i64,
    via_token: bool,
) -> Result<Actor, AppError> {
    let u = users::get(tx, user_id).await?;
    if !u.active {
        return Err(AppError::Unauthenticated);
    }
    let role = Role::parse(&u.role).map_err(|e| AppError::Internal(e.message))?;
    Ok(Actor::new(u, role, via_token))
}

/// A live session: its actor, the CSRF token of its forms, and where it stands with its second
/// factor (only `Done` opens the application).
pub struct LiveSession {
    pub actor: Actor,
    pub csrf: String,
    pub second_factor: SecondFactor,
}

/// The live session of a token. Each use moves the idle deadline on; the session is written only
/// when that gains more than half the idle time, not on every request.
pub async fn session_actor(ctx: &AppContext, token: &str) -> Result<LiveSession, AppError> {
    // Read without the write lock: most requests only read their session.
    let mut tx = ctx.store.read().await?;
    let hash = sha256(token);
    let s = users::session(&mut tx, &hash)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let now = Utc::now();
    if s.expires_at < now {
        return Err(AppError::Unauthenticated);
    }
    let actor = actor_for(&mut tx, s.user_id, false).await?;
    let second_factor = if s.second_factor_done {
        SecondFactor::Done
    } else {
        second_factor::after_password(ctx, &mut tx, s.user_id).await?
    };
    tx.commit().await?;
    let end = session_end(ctx, s.created_at, now);
    if end - s.expires_at > Duration::minutes(ctx.settings.session_idle_minutes) / 2 {
        let mut tx = ctx.store.begin().await?;
        users::extend_session(&mut tx, &hash, end).await?;
        tx.commit().await?;
    }
    Ok(LiveSession {
        actor,
        csrf: s.csrf_token,
        second_factor,
    })
}

/// The actor of a Bearer token that is neither revoked nor expired; read-only tokens give an actor
/// without write permissions.
pub async fn token_actor(ctx: &AppContext, token: &str) -> Result<Actor, AppError> {
    let mut tx = ctx.store.read().await?;
    let (user_id, read_only) = accounts::token_user(&mut tx, &sha256(token), Utc::now())
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let actor = actor_for(&mut tx, user_id, true).await?;
    tx.commit().await?;
    Ok(if read_only {
        actor.reading_only()
    } else {
        actor
    })
}

/// What a new API token may do and how long it lives.
#[derive(Debug, Clone, Copy)]
pub struct TokenSpec {
    pub days: i64,
    pub read_only: bool,
}

impl Default for TokenSpec {
    /// The user's rights, for 90 days.
    fn default() -> Self {
        Self {
            days: 90,
            read_only: false,
        }
    }
}

/// Creates an API token for a user with the user's rights for 90 days (the CLI); the token is
/// returned once and only its hash is kept.
pub async fn create_token(
    ctx: &AppContext,
    email: &str,
    label: &str,
    meta: &Meta,
) -> Result<String, AppError> {
    let mut tx = ctx.store.begin().await?;
    let (user_id, _, _) = users::credentials(&mut tx, &email.trim().to_lowercase())
        .await?
        .ok_or(AppError::NotFound)?;
    let token = insert_token(&mut tx, user_id, label, TokenSpec::default()).await?;
    audit(
        &mut tx,
        &meta.origin,
        "token.create",
        &format!("user:{user_id}"),
        "success",
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// Stores a new token for a user and returns it (the only time it is seen).
pub(crate) async fn insert_token(
    tx: &mut koppel_store::Tx,
    user_id: i64,
    label: &str,
    spec: TokenSpec,
) -> Result<String, AppError> {
    let token = format!("kpl_{}", random_hex(24));
    accounts::insert_token(
        tx,
        &accounts::NewToken {
            user_id,
            token_hash: &sha256(&token),
            label,
            expires_at: Utc::now() + Duration::days(spec.days),
            read_only: spec.read_only,
        },
    )
    .await?;
    Ok(token)
}

/// A new local account.
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub organisation: &'a str,
    pub role: &'a str,
    pub password: &'a str,
    /// Sector clusters the user works in (cluster codes or labels).
    pub clusters: &'a [String],
}

/// Adds a user from the command line; validates every field.
pub async fn add_user(ctx: &AppContext, a: &NewAccount<'_>, meta: &Meta) -> Result<i64, AppError> {
    add_user_by(ctx, a, meta, &meta.origin).await
}

/// Adds a user on behalf of `by` (an administrator's audit name, or the command line).
pub(crate) async fn add_user_by(
    ctx: &AppContext,
    a: &NewAccount<'_>,
    meta: &Meta,
    by: &str,
) -> Result<i64, AppError> {
    let mut errors = FieldErrors::new();
    let email = errors.check("email", Email::parse(a.email));
    let name = errors.check("name", required_text(a.name, 200));
    let role = errors.check("role", Role::parse(a.role));
    let clusters: Vec<Cluster> = a
        .clusters
        .iter()
        .filter_map(|c| errors.check("clusters", Cluster::parse(c)))
        .collect();
    if a.password.chars().count() < 12 {
        errors.push(
            "password",
            "too_short",
            "Een wachtwoord heeft minstens 12 tekens.",
        );
    }
    let password = a.password.to_string();
    let hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??;
    let mut tx = ctx.store.begin().await?;
    let org = organisations::by_short_name(&mut tx, a.organisation).await;
    if org.is_err() {
        errors.push(
            "organisation",
            "unknown",
            format!("Onbekende organisatie '{}'.", a.organisation),
        );
    }
    errors.clone().into_result()?;
    let (Some(email), Some(name), Some(role), Ok(org)) = (email, name, role, org) else {
        return Err(AppError::Invalid(errors));
    };
    let email = email.as_str().to_lowercase();
    let id = users::insert(
        &mut tx,
        &users::NewUser {
            org_id: org.id,
            email: &email,
            name: &name,
            role: role.code(),
            password_hash: &hash,
        },
    )
    .await?;
    for c in clusters {
        users::add_cluster(&mut tx, id, c.code()).await?;
    }
    audit(
        &mut tx,
        by,
        "user.create",
        &format!("user:{id}"),
        "success",
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A new organisation, as given on the command line.
pub struct OrganisationSpec<'a> {
    pub name: &'a str,
    pub short_name: &'a str,
    pub kind: &'a str,
    /// Whether it staffs the WSP (its advisers then see candidates shared with consent).
    pub wsp_partner: bool,
    pub municipality_code: Option<&'a str>,
    pub oin: Option<&'a str>,
}

/// Adds an organisation; every field is validated.
pub async fn add_organisation(
    ctx: &AppContext,
    spec: &OrganisationSpec<'_>,
    meta: &Meta,
) -> Result<i64, AppError> {
    let mut errors = FieldErrors::new();
    let name = errors.check("name", required_text(spec.name, 200));
    let short = errors.check("shortName", required_text(spec.short_name, 60));
    let kind = errors.check("kind", OrganisationKind::parse(spec.kind));
    let municipality = spec
        .municipality_code
        .and_then(|m| errors.check("municipalityCode", MunicipalityCode::parse(m)));
    let oin = spec.oin.and_then(|o| errors.check("oin", Oin::parse(o)));
    let (Some(name), Some(short), Some(kind)) = (name, short, kind) else {
        return Err(AppError::Invalid(errors));
    };
    errors.into_result()?;
    let mut tx = ctx.store.begin().await?;
    let id = organisations::insert(
        &mut tx,
        &organisations::NewOrganisation {
            name: &name,
            short_name: &short,
            kind: kind.code(),
            wsp_partner: spec.wsp_partner,
            municipality_code: municipality.map(MunicipalityCode::into_string),
            oin: oin.map(Oin::into_string),
        },
    )
    .await?;
    audit(
        &mut tx,
        &meta.origin,
        "organisation.create",
        &format!("organisation:{id}"),
        "success",
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
