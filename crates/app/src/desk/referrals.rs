//! Referrals that land: a gids hands a resident over to the partner organisation that is
//! responsible (and, where known, a person there) with a note; it appears on that organisation's
//! worklist; the receiver accepts it or sends it back with a reason; the gids follows up one that
//! nothing happened to within the configured number of days.

use chrono::Utc;
use koppel_domain::codes::{CodeList, Role};
use koppel_domain::desk::{needs_follow_up, ReferralStatus};
use koppel_domain::permissions::Permission;
use koppel_domain::values::{optional_text, required_text};
use koppel_domain::FieldErrors;
use koppel_store::desk as residents;
pub use koppel_store::referrals::Referral;
use koppel_store::referrals::{self as store, NewReferral, Side};
use koppel_store::{organisations, users};
use serde::{Deserialize, Serialize};

use super::conversations::shown;
use crate::input::{opt, Text};
use crate::logging::activity;
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

/// A referral as the gids fills it in.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferralInput {
    #[serde(default)]
    pub to_org_id: Text,
    /// A person at the receiving organisation, when known.
    pub to_user_id: Option<Text>,
    pub note: Option<Text>,
}

/// Who may receive a referral: the other organisations, and the people there who handle them.
#[derive(Debug, Clone, Default)]
pub struct Receivers {
    pub organisations: Vec<(i64, String)>,
    /// (user id, name, organisation id, organisation name).
    pub people: Vec<(i64, String, i64, String)>,
}

/// The roles that handle referrals for their organisation.
fn handling_roles() -> Vec<&'static str> {
    Role::ALL
        .iter()
        .filter(|r| r.can(Permission::HandleReferrals))
        .map(|r| r.code())
        .collect()
}

pub async fn receivers(ctx: &AppContext, actor: &Actor) -> Result<Receivers, AppError> {
    actor.require(Permission::RecordConversations)?;
    let mut tx = ctx.store.read().await?;
    let orgs = organisations::list(&mut tx).await?;
    let people = users::list_with_roles(&mut tx, &handling_roles()).await?;
    tx.commit().await?;
    let own = actor.org_id();
    Ok(Receivers {
        organisations: orgs
            .into_iter()
            .filter(|o| o.id != own)
            .map(|o| (o.id, o.name))
            .collect(),
        people: people
            .into_iter()
            .filter(|u| u.org_id != own)
            .map(|u| (u.id, u.name, u.org_id, u.org_name))
            .collect(),
    })
}

/// Sends a referral of a resident of the actor's organisation.
pub async fn send(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    resident_id: i64,
    input: &ReferralInput,
) -> Result<i64, AppError> {
    actor.require(Permission::RecordConversations)?;
    let mut e = FieldErrors::new();
    let note = e
        .check("note", optional_text(opt(&input.note), 2000))
        .flatten()
        .unwrap_or_default();
    let to = receivers(ctx, actor).await?;
    let to_org = input.to_org_id.as_str().trim().parse::<i64>().ok();
    let to_org = to_org.filter(|id| to.organisations.iter().any(|(o, _)| o == id));
    if to_org.is_none() {
        e.push(
            "toOrgId",
            "unknown_organisation",
            "Kies de organisatie waarnaar u verwijst.",
        );
    }
    let to_user = match opt(&input.to_user_id) {
        None => None,
        Some(s) => {
            let person = s
                .parse::<i64>()
                .ok()
                .and_then(|id| to.people.iter().find(|p| p.0 == id));
            match person {
                Some(p) if Some(p.2) == to_org => Some(p.0),
                _ => {
                    e.push("toUserId", "unknown_person", "Kies een medewerker van de organisatie waarnaar u verwijst, of laat dit leeg.");
                    None
                }
            }
        }
    };
    let mut op = Op::begin(ctx, actor, meta).await?;
    let resident = residents::resident_for(&mut op, resident_id, actor.org_id()).await?;
    if resident.org_id != actor.org_id() {
        return Err(AppError::NotFound);
    }
    e.clone().into_result()?;
    let Some(to_org_id) = to_org else {
        return Err(AppError::Invalid(e));
    };
    let id = store::insert(
        &mut op,
        &NewReferral {
            resident_id,
            conversation_id: None,
            from_org_id: actor.org_id(),
            sent_by: actor.user_id(),
            to_org_id,
            to_user_id: to_user,
            note,
            sent_at: Utc::now(),
        },
    )
    .await?;
    op.audit("referral.create", &format!("referral:{id}"))
        .await?;
    op.processed(
        "referral.create",
        activity::DESK,
        &format!("resident:{resident_id}"),
    )
    .await?;
    op.commit().await?;
    Ok(id)
}

/// A referral with whether it needs following up now.
#[derive(Debug, Clone)]
pub struct ReferralView {
    pub referral: Referral,
    pub follow_up: bool,
}

fn view(ctx: &AppContext, r: Referral) -> ReferralView {
    let status = ReferralStatus::parse(&r.status).unwrap_or(ReferralStatus::Sent);
    let days = ctx.settings.referral_follow_up_days;
    let follow_up = needs_follow_up(status, r.sent_at, r.followed_up_at, days, Utc::now());
    ReferralView {
        referral: r,
        follow_up,
    }
}

/// Referrals on one side of the actor's organisation: received (`incoming`) or sent; the
/// unanswered ones only when `open_only`.
pub async fn list(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    incoming: bool,
    open_only: bool,
) -> Result<Vec<ReferralView>, AppError> {
    let side = if incoming {
        actor.require(Permission::HandleReferrals)?;
        Side::To(actor.org_id())
    } else {
        actor.require(Permission::RecordConversations)?;
        Side::From(actor.org_id())
    };
    let mut op = Op::begin(ctx, actor, meta).await?;
    let list = store::list(&mut op, side, None, open_only, 500).await?;
    let subjects = shown(list.iter().map(|r| r.resident_id));
    op.processed_each("referral.list", activity::DESK, subjects)
        .await?;
    op.commit().await?;
    Ok(list.into_iter().map(|r| view(ctx, r)).collect())
}

/// One referral the actor's organisation sent or received.
pub async fn get(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
) -> Result<ReferralView, AppError> {
    actor.require(Permission::HandleReferrals)?;
    let mut op = Op::begin(ctx, actor, meta).await?;
    let r = store::get_for(&mut op, id, actor.org_id()).await?;
    op.processed(
        "referral.read",
        activity::DESK,
        &format!("resident:{}", r.resident_id),
    )
    .await?;
    op.commit().await?;
    Ok(view(ctx, r))
}

/// The receiving organisation accepts the referral (`reason` none) or sends it back with a reason.
pub async fn answer(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
    version: i64,
    send_back: Option<&str>,
) -> Result<(), AppError> {
    actor.require(Permission::HandleReferrals)?;
    let reason = match send_back {
        None => String::new(),
        Some(r) => required_text(r, 2000).map_err(|v| {
            let mut e = FieldErrors::new();
            e.push(
                "reason",
                v.code,
                "Schrijf waarom u de doorverwijzing terugstuurt.",
            );
            AppError::Invalid(e)
        })?,
    };
    let mut op = Op::begin(ctx, actor, meta).await?;
    let r = store::get_for(&mut op, id, actor.org_id()).await?;
    if r.to_org_id != actor.org_id() {
        return Err(AppError::Forbidden);
    }
    if !ReferralStatus::parse(&r.status).is_ok_and(ReferralStatus::can_answer) {
        return Err(AppError::Conflict(
            "Deze doorverwijzing is al beantwoord.".into(),
        ));
    }
    let (status, action) = match send_back {
        None => (ReferralStatus::Accepted, "referral.accept"),
        Some(_) => (ReferralStatus::Returned, "referral.return"),
    };
    store::answer(
        &mut op,
        id,
        version,
        status.code(),
        actor.user_id(),
        &reason,
        Utc::now(),
    )
    .await?;
    op.audit(action, &format!("referral:{id}")).await?;
    op.processed(
        action,
        activity::DESK,
        &format!("resident:{}", r.resident_id),
    )
    .await?;
    op.commit().await
}

/// The sender records that they followed up a referral nothing happened to.
pub async fn follow_up(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
    version: i64,
) -> Result<(), AppError> {
    actor.require(Permission::RecordConversations)?;
    let mut op = Op::begin(ctx, actor, meta).await?;
    let r = store::get_for(&mut op, id, actor.org_id()).await?;
    if r.from_org_id != actor.org_id() {
        return Err(AppError::Forbidden);
    }
    if !view(ctx, r).follow_up {
        return Err(AppError::Conflict(
            "Deze doorverwijzing hoeft nu niet opgevolgd te worden.".into(),
        ));
    }
    store::followed_up(&mut op, id, version, Utc::now()).await?;
    op.audit("referral.follow_up", &format!("referral:{id}"))
        .await?;
    op.commit().await
}

/// Referrals sent in a year, per receiving organisation and status.
pub async fn year_counts(
    ctx: &AppContext,
    actor: &Actor,
    year: i32,
) -> Result<Vec<(String, String, i64)>, AppError> {
    actor.require(Permission::RecordConversations)?;
    let (from, to) = super::conversations::year_bounds(year);
    let mut tx = ctx.store.read().await?;
    let counts = store::counts(&mut tx, actor.org_id(), from, to).await?;
    tx.commit().await?;
    Ok(counts)
}

/// What a receiving WSP partner starts a candidate from: the resident's name and contact
/// details, from a referral it accepted and has not yet registered.
#[derive(Debug, Clone)]
pub struct CandidateProposal {
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub note: String,
}

/// The accepted referral to the actor's organisation, not yet a candidate; otherwise not found.
async fn open_handover(op: &mut Op<'_>, actor: &Actor, id: i64) -> Result<Referral, AppError> {
    let r = store::get_for(op, id, actor.org_id()).await?;
    let accepted = matches!(
        ReferralStatus::parse(&r.status),
        Ok(ReferralStatus::Accepted)
    );
    if r.to_org_id != actor.org_id() || !accepted || r.candidate_id.is_some() {
        return Err(AppError::NotFound);
    }
    Ok(r)
}

pub async fn candidate_proposal(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
) -> Result<CandidateProposal, AppError> {
    actor.require(Permission::WriteCandidates)?;
    let mut op = Op::begin(ctx, actor, meta).await?;
    let r = open_handover(&mut op, actor, id).await?;
    op.processed(
        "referral.read",
        activity::DESK,
        &format!("resident:{}", r.resident_id),
    )
    .await?;
    op.commit().await?;
    let (first, last) = r
        .resident_name
        .split_once(' ')
        .unwrap_or((&r.resident_name, ""));
    Ok(CandidateProposal {
        first_name: first.to_string(),
        last_name: last.to_string(),
        phone: r.resident_phone,
        email: r.resident_email,
        note: r.note,
    })
}

/// Records that the candidate `candidate_id`, of the actor's own organisation, was registered
/// from the referral: the gids sees that it landed as a candidate.
pub async fn link_candidate(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
    candidate_id: i64,
) -> Result<(), AppError> {
    actor.require(Permission::WriteCandidates)?;
    let candidate = crate::candidates::get_for_edit(ctx, actor, meta, candidate_id).await?;
    let mut op = Op::begin(ctx, actor, meta).await?;
    open_handover(&mut op, actor, id).await?;
    store::link_candidate(&mut op, id, candidate.id).await?;
    op.audit("referral.candidate", &format!("referral:{id}"))
        .await?;
    op.commit().await
}
