//! The worklist on each user's start page: what to do today.

use chrono::{DateTime, Duration, Utc};
use koppel_domain::permissions::Permission;
use koppel_store::aftercare::{self, AftercareTask};
use koppel_store::agreements::{self, Agreement};
use koppel_store::contact_requests::{self, ContactRequest, RequestFilter};
use koppel_store::nominations::{self, Nomination};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{Actor, AppContext, AppError};

/// A nomination waiting for the next step, flagged when it has not moved for too long.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WaitingNomination {
    #[serde(flatten)]
    pub nomination: Nomination,
    pub days_without_movement: i64,
    pub stale: bool,
}

/// An open contact request with the time left before its deadline.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OpenRequest {
    #[serde(flatten)]
    pub request: ContactRequest,
    /// Negative when overdue.
    pub minutes_left: i64,
    pub overdue: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Worklist {
    /// Open requests assigned to me, escalated to me, or not yet assigned; earliest deadline first.
    pub contact_requests: Vec<OpenRequest>,
    /// My after-care contacts due within a week (or overdue).
    pub aftercare: Vec<AftercareTask>,
    /// My open agreements due within a week (or overdue, or without a date).
    pub agreements: Vec<Agreement>,
    /// Nominations I made that wait for an answer or the next step.
    pub nominations: Vec<WaitingNomination>,
}

pub async fn worklist(
    ctx: &AppContext,
    actor: &Actor,
    meta: &crate::Meta,
    now: DateTime<Utc>,
) -> Result<Worklist, AppError> {
    // Read beside other readers; the candidates shown are logged after, in a short write.
    let mut tx = ctx.store.read().await?;
    let week = now.date_naive() + Duration::days(7);
    let mut list = Worklist {
        contact_requests: Vec::new(),
        aftercare: Vec::new(),
        agreements: Vec::new(),
        nominations: Vec::new(),
    };
    if actor.can(Permission::WriteEmployers) {
        let open = contact_requests::list(
            &mut tx,
            RequestFilter {
                open_only: true,
                ..Default::default()
            },
            1000,
        )
        .await?;
        list.contact_requests = open
            .into_iter()
            .filter(|r| {
                r.assigned_to == Some(actor.user_id())
                    || r.assigned_to.is_none()
                    || r.escalated_to == Some(actor.user_id())
            })
            .map(|r| {
                let minutes_left = (r.deadline_at - now).num_minutes();
                OpenRequest {
                    request: r,
                    minutes_left,
                    overdue: minutes_left < 0,
                }
            })
            .collect();
        list.agreements = agreements::due_for(&mut tx, actor.user_id(), week).await?;
    }
    if actor.can(Permission::ReadCandidates) {
        list.aftercare =
            aftercare::due_for(&mut tx, actor.candidate_scope(), actor.user_id(), week).await?;
        let stale_after = ctx.settings.stale_nomination_days;
        list.nominations =
            nominations::waiting_for(&mut tx, actor.candidate_scope(), actor.user_id())
                .await?
                .into_iter()
                .map(|n| {
                    let days = (now - n.updated_at).num_days();
                    WaitingNomination {
                        nomination: n,
                        days_without_movement: days,
                        stale: days >= stale_after,
                    }
                })
                .collect();
    }
    tx.commit().await?;
    let shown: Vec<i64> = list
        .aftercare
        .iter()
        .map(|t| t.candidate_id)
        .chain(list.nominations.iter().map(|n| n.nomination.candidate_id))
        .collect();
    crate::logging::shown_after_read(ctx, actor, meta, "worklist.read", shown).await?;
    Ok(list)
}
