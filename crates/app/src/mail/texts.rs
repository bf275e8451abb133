//! What administrators and staff set about e-mail: the texts per kind (administrators), the kinds
//! a staff member turned off (each for themselves), and a look at the outbox (administrators).

use chrono::Utc;
use koppel_domain::codes::CodeList;
use koppel_domain::notifications::{check, MailKind, MailText};
use koppel_domain::permissions::Permission;
use koppel_domain::FieldErrors;
use koppel_store::outbox::{self, Mail, Text};

use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

/// The text of one kind, as the administrator's page shows it.
#[derive(Debug, Clone)]
pub struct KindText {
    pub kind: MailKind,
    pub text: MailText,
    /// Rewritten by an administrator (otherwise koppel's own).
    pub custom: bool,
}

/// Every kind with its text (administrators only).
pub async fn texts(ctx: &AppContext, actor: &Actor) -> Result<Vec<KindText>, AppError> {
    actor.require(Permission::ManageUsers)?;
    let mut tx = ctx.store.begin().await?;
    let mut out = Vec::new();
    for kind in MailKind::ALL {
        let stored = outbox::text(&mut tx, kind.code()).await?;
        out.push(KindText {
            kind: *kind,
            custom: stored.is_some(),
            text: stored.map_or_else(
                || kind.default_text(),
                |t| MailText {
                    subject: t.subject,
                    body: t.body,
                },
            ),
        });
    }
    tx.commit().await?;
    Ok(out)
}

fn kind_of(code: &str) -> Result<MailKind, AppError> {
    MailKind::parse(code).map_err(|e| {
        let mut errors = FieldErrors::new();
        errors.push("kind", e.code, e.message);
        AppError::Invalid(errors)
    })
}

/// Rewrites the text of a kind (administrators only); only the kind's placeholders are allowed.
pub async fn set_text(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    kind: &str,
    text: &MailText,
) -> Result<(), AppError> {
    actor.require(Permission::ManageUsers)?;
    let kind = kind_of(kind)?;
    let mut e = FieldErrors::new();
    e.check("body", check(kind, text));
    e.into_result()?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let stored = Text {
        kind: kind.code().into(),
        subject: text.subject.trim().into(),
        body: text.body.trim().into(),
    };
    outbox::put_text(&mut tx, &stored, Utc::now(), actor.name()).await?;
    let object = format!("mail_text:{}", kind.code());
    tx.audit("mail.text", &object).await?;
    tx.commit().await?;
    Ok(())
}

/// Goes back to koppel's own text of a kind (administrators only).
pub async fn reset_text(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    kind: &str,
) -> Result<(), AppError> {
    actor.require(Permission::ManageUsers)?;
    let kind = kind_of(kind)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    outbox::reset_text(&mut tx, kind.code()).await?;
    let object = format!("mail_text:{}", kind.code());
    tx.audit("mail.text_reset", &object).await?;
    tx.commit().await?;
    Ok(())
}

/// The kinds the actor turned off for themselves.
pub async fn optouts(ctx: &AppContext, actor: &Actor) -> Result<Vec<MailKind>, AppError> {
    let mut tx = ctx.store.begin().await?;
    let codes = outbox::optouts(&mut tx, actor.user_id()).await?;
    tx.commit().await?;
    Ok(codes
        .iter()
        .filter_map(|c| MailKind::parse(c).ok())
        .collect())
}

/// Sets the kinds the actor does not want; kinds addressed to employers cannot be turned off.
pub async fn set_optouts(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    off: &[String],
) -> Result<(), AppError> {
    let mut kinds = Vec::new();
    for code in off {
        let kind = kind_of(code)?;
        if kind.to_staff() && !kinds.contains(&kind.code()) {
            kinds.push(kind.code());
        }
    }
    let mut tx = Op::begin(ctx, actor, meta).await?;
    outbox::set_optouts(&mut tx, actor.user_id(), &kinds).await?;
    let object = format!("user:{}", actor.user_id());
    tx.audit("mail.optouts", &object).await?;
    tx.commit().await?;
    Ok(())
}

/// The outbox as an administrator sees it: how many wait, and the latest messages.
#[derive(Debug, Clone)]
pub struct OutboxOverview {
    pub unsent: i64,
    pub recent: Vec<Mail>,
}

/// A look at the outbox (administrators only; it holds addresses, so it is audited).
pub async fn outbox_overview(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
) -> Result<OutboxOverview, AppError> {
    actor.require(Permission::ManageUsers)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let unsent = outbox::unsent_count(&mut tx).await?;
    let recent = outbox::recent(&mut tx, 50).await?;
    tx.audit("mail.outbox_view", "outbox").await?;
    tx.commit().await?;
    Ok(OutboxOverview { unsent, recent })
}
