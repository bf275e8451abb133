//! Referrals on the receiving side and the sending side: the list of referrals to and from the
//! user's organisation, and one referral with accepting, sending back and following up.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use koppel_app::desk::referrals;
use koppel_app::domain::codes::CodeList;
use koppel_app::domain::desk::ReferralStatus;
use koppel_app::domain::permissions::Permission;
use koppel_app::AppError;

use super::desk::referral_section;
use super::views::*;
use super::{must, render, CsrfForm, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/doorverwijzingen", get(list))
        .route("/doorverwijzingen/{id}", get(detail))
        .route("/doorverwijzingen/{id}/aannemen", post(accept))
        .route("/doorverwijzingen/{id}/terugsturen", post(send_back))
        .route("/doorverwijzingen/{id}/opgevolgd", post(follow_up))
}

async fn list(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
) -> Result<Response, UiError> {
    must(&s, Permission::HandleReferrals)?;
    let incoming = referrals::list(&web.ctx, &s.actor, &meta, true, false).await?;
    let mut sections = vec![referral_section(
        format!("Naar {}", s.actor.org_name()),
        &incoming,
        true,
        "Er zijn geen doorverwijzingen naar uw organisatie.",
    )];
    if s.actor.can(Permission::RecordConversations) {
        let sent = referrals::list(&web.ctx, &s.actor, &meta, false, false).await?;
        sections.push(referral_section(
            "Door uw organisatie verstuurd",
            &sent,
            false,
            "Uw organisatie heeft nog niemand doorverwezen.",
        ));
    }
    let view = DetailPage {
        title: "Doorverwijzingen".into(),
        subtitle: "Een doorverwijzing is een warme overdracht: neem hem aan, of stuur hem terug met de reden.".into(),
        nav: Some(Nav::of(&s)),
        edit_href: None,
        actions: Vec::new(),
        facts: Vec::new(),
        chips: Vec::new(),
        sections,
        forms: Vec::new(),
    };
    Ok(render(StatusCode::OK, &view))
}

async fn detail(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    let v = referrals::get(&web.ctx, &s.actor, &meta, id).await?;
    let r = &v.referral;
    let mut facts = vec![
        ("Status", label::<ReferralStatus>(&r.status)),
        ("Inwoner", r.resident_name.clone()),
        ("Telefoon", or_dash(&r.resident_phone)),
        ("E-mail", or_dash(&r.resident_email)),
        ("Van", format!("{} ({})", r.sent_by_name, r.from_org_name)),
        ("Naar", r.to_org_name.clone()),
        (
            "Voor",
            r.to_user_name
                .clone()
                .unwrap_or_else(|| format!("iemand van {}", r.to_org_name)),
        ),
        ("Verstuurd", local_time(r.sent_at)),
        (
            "Notitie",
            if r.note.is_empty() {
                "–".into()
            } else {
                r.note.clone()
            },
        ),
    ];
    if let Some(at) = r.answered_at {
        facts.push((
            "Beantwoord",
            format!("{} door {}", local_time(at), or_dash(&r.answered_by_name)),
        ));
    }
    if !r.return_reason.is_empty() {
        facts.push(("Reden van terugsturen", r.return_reason.clone()));
    }
    if let Some(at) = r.followed_up_at {
        facts.push(("Laatst opgevolgd", local_time(at)));
    }
    if r.candidate_id.is_some() {
        facts.push((
            "Vervolg",
            format!("ingeschreven als kandidaat bij {}", r.to_org_name),
        ));
    }
    let form = |title: &str, action: &str, fields: Vec<Field>, button| InlineForm {
        title: title.into(),
        action: format!("/doorverwijzingen/{id}/{action}"),
        csrf: s.csrf.clone(),
        version: Some(r.version),
        fields,
        button,
    };
    let mut forms = Vec::new();
    let open = ReferralStatus::parse(&r.status).is_ok_and(ReferralStatus::can_answer);
    if open && r.to_org_id == s.actor.org_id() {
        forms.push(form("Aannemen", "aannemen", Vec::new(), "Aannemen"));
        forms.push(form(
            "Terugsturen",
            "terugsturen",
            vec![Field::text("reason", "Reden", "")
                .kind("textarea")
                .required()],
            "Terugsturen",
        ));
    }
    if v.follow_up && r.from_org_id == s.actor.org_id() {
        forms.push(form(
            "Opvolgen",
            "opgevolgd",
            Vec::new(),
            "Opgevolgd: ik heb contact gezocht",
        ));
    }
    let subtitle = if v.follow_up {
        "Hier is nog niets mee gebeurd: neem contact op met de ontvanger.".into()
    } else {
        String::new()
    };
    let view = DetailPage {
        title: format!("Doorverwijzing van {}", r.resident_name),
        subtitle,
        nav: Some(Nav::of(&s)),
        edit_href: None,
        actions: handover_actions(&s, r),
        facts,
        chips: Vec::new(),
        sections: Vec::new(),
        forms,
    };
    Ok(render(StatusCode::OK, &view))
}

type Post = FormPost<HashMap<String, String>>;

async fn accept(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<Post>,
) -> Result<Response, UiError> {
    let version = post.read_version()?;
    referrals::answer(&web.ctx, &s.actor, &meta, id, version, None).await?;
    Ok(Redirect::to(&format!("/doorverwijzingen/{id}")).into_response())
}

async fn send_back(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<Post>,
) -> Result<Response, UiError> {
    let version = post.read_version()?;
    let reason = post.input.get("reason").map(String::as_str).unwrap_or("");
    match referrals::answer(&web.ctx, &s.actor, &meta, id, version, Some(reason)).await {
        Ok(()) => Ok(Redirect::to(&format!("/doorverwijzingen/{id}")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let mut fields = vec![Field::text("reason", "Reden", reason)
                .kind("textarea")
                .required()];
            let mut page = FormPage::new(
                &s,
                "Doorverwijzing terugsturen",
                format!("/doorverwijzingen/{id}/terugsturen"),
                Some(version),
                Vec::new(),
                format!("/doorverwijzingen/{id}"),
            );
            page.errors = attach_errors(&mut fields, &errors);
            page.fields = fields;
            page.summary = "Er is een probleem met uw invoer".into();
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(UiError(e)),
    }
}

async fn follow_up(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<Post>,
) -> Result<Response, UiError> {
    let version = post.read_version()?;
    referrals::follow_up(&web.ctx, &s.actor, &meta, id, version).await?;
    Ok(Redirect::to(&format!("/doorverwijzingen/{id}")).into_response())
}

/// The receiving WSP partner's next step after accepting: register the resident as a candidate
/// (the existing handover path), or open the candidate registered from it.
fn handover_actions(
    s: &UiSession,
    r: &koppel_app::desk::referrals::Referral,
) -> Vec<(&'static str, String)> {
    let mut actions = vec![("Alle doorverwijzingen", "/doorverwijzingen".into())];
    let ours = r.to_org_id == s.actor.org_id();
    let accepted = ReferralStatus::parse(&r.status) == Ok(ReferralStatus::Accepted);
    match r.candidate_id {
        Some(c) if ours && s.actor.can(Permission::ReadCandidates) => {
            actions.push(("Naar de kandidaat", format!("/kandidaten/{c}")));
        }
        None if ours && accepted && s.actor.can(Permission::WriteCandidates) => {
            actions.push((
                "Kandidaat aanmaken uit deze doorverwijzing",
                format!("/kandidaten/nieuw?doorverwijzing={}", r.id),
            ));
        }
        _ => {}
    }
    actions
}
