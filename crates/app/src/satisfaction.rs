//! Employer satisfaction after a closed contact request or a placement: entered by staff, or by
//! the employer through a single-use link that needs no account.

use koppel_domain::permissions::Permission;
use koppel_domain::values::{int_in_range, optional_text, Email};
use koppel_domain::FieldErrors;
use koppel_store::satisfaction::{self as store, Subject, Survey};
use koppel_store::{contact_requests, employers, placements};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::auth::{hex, random_hex};
use crate::input::{opt, Text};
use crate::logging::audit;
use crate::mail::messages as mail;
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

/// What the score is about: a closed contact request or a placement of this employer.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SurveySubject {
    #[schema(value_type = Option<i64>)]
    pub contact_request_id: Option<Text>,
    #[schema(value_type = Option<i64>)]
    pub placement_id: Option<Text>,
}

/// A link to ask for: what it is about, and optionally the address to send it to.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LinkRequest {
    #[serde(flatten)]
    pub subject: SurveySubject,
    /// Sends the link by e-mail to this address (the employer's contact); without it, the link
    /// is only shown.
    #[schema(value_type = Option<String>, format = Email)]
    pub send_to: Option<Text>,
}

/// A score from 1 to 10 with a comment.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ScoreInput {
    #[schema(value_type = i64, minimum = 1, maximum = 10)]
    #[serde(default)]
    pub score: Text,
    #[schema(value_type = Option<String>)]
    pub comment: Option<Text>,
    #[serde(flatten)]
    pub subject: SurveySubject,
}

fn check_score(input: &ScoreInput, e: &mut FieldErrors) -> (Option<i64>, String) {
    let score = e.check("score", int_in_range(input.score.as_str(), 1, 10));
    let comment = e
        .check("comment", optional_text(opt(&input.comment), 2000))
        .flatten()
        .unwrap_or_default();
    (score, comment)
}

/// Checks that the request is closed, or the placement exists, and both belong to the employer.
async fn subject(
    tx: &mut koppel_store::Tx,
    actor: &Actor,
    employer_id: i64,
    s: &SurveySubject,
    e: &mut FieldErrors,
) -> Result<Subject, AppError> {
    employers::get(tx, employer_id).await?;
    let mut subject = Subject {
        employer_id,
        contact_request_id: None,
        placement_id: None,
    };
    if let Some(raw) = opt(&s.contact_request_id) {
        match raw.parse::<i64>() {
            Ok(id) => match contact_requests::get(tx, id).await {
                Ok(r) if r.employer_id == Some(employer_id) && r.answered_at.is_some() => {
                    subject.contact_request_id = Some(id)
                }
                Ok(r) if r.employer_id == Some(employer_id) => e.push(
                    "contactRequestId",
                    "not_closed",
                    "Vraag pas naar tevredenheid als het verzoek is beantwoord.",
                ),
                _ => e.push(
                    "contactRequestId",
                    "unknown",
                    "Dit contactverzoek hoort niet bij deze werkgever.",
                ),
            },
            Err(_) => e.push(
                "contactRequestId",
                "unknown",
                "Dit contactverzoek hoort niet bij deze werkgever.",
            ),
        }
    }
    if let Some(raw) = opt(&s.placement_id) {
        match raw.parse::<i64>() {
            Ok(id) => match placements::get(tx, actor.candidate_scope(), id).await {
                Ok(p) if p.employer_id == employer_id => subject.placement_id = Some(id),
                _ => e.push(
                    "placementId",
                    "unknown",
                    "Deze plaatsing hoort niet bij deze werkgever of is niet voor u zichtbaar.",
                ),
            },
            Err(_) => e.push(
                "placementId",
                "unknown",
                "Deze plaatsing hoort niet bij deze werkgever of is niet voor u zichtbaar.",
            ),
        }
    }
    if subject.contact_request_id.is_none() && subject.placement_id.is_none() && e.is_empty() {
        e.push(
            "contactRequestId",
            "required",
            "Kies een beantwoord contactverzoek of een plaatsing.",
        );
    }
    Ok(subject)
}

/// Staff enter the employer's score.
pub async fn record(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    employer_id: i64,
    input: &ScoreInput,
) -> Result<i64, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let mut e = FieldErrors::new();
    let (score, comment) = check_score(input, &mut e);
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let subject = subject(&mut tx, actor, employer_id, &input.subject, &mut e).await?;
    let Some(score) = score else {
        return Err(AppError::Invalid(e));
    };
    e.into_result()?;
    let id = store::record(&mut tx, subject, score, &comment, actor.user_id()).await?;
    tx.audit("satisfaction.record", &format!("employer:{employer_id}"))
        .await?;
    tx.commit().await?;
    Ok(id)
}

fn hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Creates a single-use link for the employer; returns the token (shown once, only its hash is
/// kept). With `send_to`, the link also goes to that address by e-mail.
pub async fn request_link(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    employer_id: i64,
    input: &LinkRequest,
) -> Result<String, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let mut e = FieldErrors::new();
    let send_to = opt(&input.send_to).and_then(|a| e.check("sendTo", Email::parse(a)));
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let subject = subject(&mut tx, actor, employer_id, &input.subject, &mut e).await?;
    e.into_result()?;
    let token = random_hex(24);
    store::create_link(&mut tx, subject, &hash(&token)).await?;
    if let Some(to) = send_to {
        let company = employers::get(&mut tx, employer_id).await?.name;
        let path = format!("/tevredenheid/{token}");
        let key = hash(&token);
        mail::survey(&mut tx, ctx, &company, to.as_str(), &path, &key).await?;
    }
    tx.audit("satisfaction.link", &format!("employer:{employer_id}"))
        .await?;
    tx.commit().await?;
    Ok(token)
}

/// The survey behind a link, for the public page; `NotFound` for an unknown token.
pub async fn by_token(ctx: &AppContext, token: &str) -> Result<Survey, AppError> {
    let mut tx = ctx.store.begin().await?;
    let s = store::by_token(&mut tx, &hash(token)).await?;
    tx.commit().await?;
    Ok(s)
}

/// The employer's answer through the link; the link works once.
pub async fn answer(
    ctx: &AppContext,
    meta: &Meta,
    token: &str,
    input: &ScoreInput,
) -> Result<(), AppError> {
    let mut e = FieldErrors::new();
    let (score, comment) = check_score(input, &mut e);
    let Some(score) = score else {
        return Err(AppError::Invalid(e));
    };
    e.into_result()?;
    let mut tx = ctx.store.begin().await?;
    let survey = store::by_token(&mut tx, &hash(token)).await?;
    if !store::answer(&mut tx, survey.id, score, &comment).await? {
        let mut e = FieldErrors::new();
        e.push(
            "score",
            "already_answered",
            "Deze vragenlijst is al ingevuld. Dank u wel!",
        );
        return Err(AppError::Invalid(e));
    }
    audit(
        &mut tx,
        "public",
        "satisfaction.answer",
        &format!("employer:{}", survey.employer_id),
        "success",
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The scores of an employer and their mean.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Satisfaction {
    pub surveys: Vec<Survey>,
    pub answers: i64,
    pub mean: Option<f64>,
}

pub async fn for_employer(
    ctx: &AppContext,
    actor: &Actor,
    employer_id: i64,
) -> Result<Satisfaction, AppError> {
    actor.require(Permission::ReadContactPersons)?;
    let mut tx = ctx.store.read().await?;
    employers::get(&mut tx, employer_id).await?;
    let surveys = store::for_employer(&mut tx, employer_id).await?;
    tx.commit().await?;
    let scores: Vec<i64> = surveys.iter().filter_map(|s| s.score).collect();
    let mean =
        (!scores.is_empty()).then(|| scores.iter().sum::<i64>() as f64 / scores.len() as f64);
    Ok(Satisfaction {
        answers: scores.len() as i64,
        mean,
        surveys,
    })
}
