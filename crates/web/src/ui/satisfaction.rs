//! Employer satisfaction: the adviser's form on the employer page, the link an employer answers
//! by, and that public form.

use askama::Template;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use koppel_app::input::opt;
use koppel_app::satisfaction::{self, LinkRequest, ScoreInput, SurveySubject};
use koppel_app::AppError;

use koppel_app::crm::TimelineEntry;

use super::views::*;
use super::{form_error, render, CsrfForm, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/werkgevers/{id}/tevredenheid", post(record_score))
        .route("/werkgevers/{id}/tevredenheidslink", post(make_link))
        .route(
            "/tevredenheid/{token}",
            get(public_form).post(public_answer),
        )
}

/// The fields of a satisfaction score; with the employer's timeline, also what it is about.
pub fn score_fields(input: &ScoreInput, timeline: Option<&[TimelineEntry]>) -> Vec<Field> {
    let scores: Vec<(String, String)> = (1..=10).map(|n| (n.to_string(), n.to_string())).collect();
    let mut fields = vec![
        Field::select(
            "score",
            "Cijfer (1 tot en met 10)",
            input.score.as_str(),
            Some("Kies een cijfer"),
            scores,
        )
        .required(),
        Field::text(
            "comment",
            "Toelichting",
            opt(&input.comment).unwrap_or_default(),
        )
        .kind("textarea"),
    ];
    if let Some(timeline) = timeline {
        fields.extend(subject_fields(&input.subject, timeline));
    }
    fields
}

/// What a score is about: one of the employer's contact requests or placements, chosen from
/// its timeline by date and name.
pub fn subject_fields(subject: &SurveySubject, timeline: &[TimelineEntry]) -> Vec<Field> {
    let of = |kind: &str| -> Vec<(String, String)> {
        timeline
            .iter()
            .filter(|t| t.entry_type == kind)
            .map(|t| {
                let date = koppel_app::domain::crm::utc_to_local(t.at).format("%d-%m-%Y");
                (t.id.to_string(), format!("{date}: {}", t.title))
            })
            .collect()
    };
    vec![
        Field::select(
            "contactRequestId",
            "Over het contactverzoek",
            opt(&subject.contact_request_id).unwrap_or_default(),
            Some("Geen"),
            of("contact_request"),
        ),
        Field::select(
            "placementId",
            "Of over de plaatsing",
            opt(&subject.placement_id).unwrap_or_default(),
            Some("Geen"),
            of("placement"),
        ),
    ]
}

/// The link form: what it is about, and the address to send it to.
pub fn link_fields(input: &LinkRequest, timeline: &[TimelineEntry]) -> Vec<Field> {
    let mut fields = subject_fields(&input.subject, timeline);
    fields.push(
        Field::text(
            "sendTo",
            "Per e-mail sturen naar (optioneel)",
            opt(&input.send_to).unwrap_or_default(),
        )
        .kind("email")
        .hint("Het e-mailadres van de contactpersoon. Leeg: u krijgt de link te zien en stuurt hem zelf."),
    );
    fields
}

/// The employer's timeline, for the choices of what a score is about.
async fn timeline_of(
    web: &Web,
    s: &UiSession,
    meta: &koppel_app::Meta,
    employer: i64,
) -> Result<Vec<TimelineEntry>, UiError> {
    koppel_app::crm::timeline(&web.ctx, &s.actor, meta, employer)
        .await
        .map_err(UiError)
}

async fn record_score(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<ScoreInput>>,
) -> Result<Response, UiError> {
    match satisfaction::record(&web.ctx, &s.actor, &meta, id, &post.input).await {
        Ok(_) => Ok(Redirect::to(&format!("/werkgevers/{id}")).into_response()),
        Err(e) => Ok(form_error(
            FormPage::new(
                &s,
                "Tevredenheid vastleggen",
                format!("/werkgevers/{id}/tevredenheid"),
                None,
                score_fields(&post.input, Some(&timeline_of(&web, &s, &meta, id).await?)),
                format!("/werkgevers/{id}"),
            ),
            e,
            Nav::of(&s),
        )),
    }
}

async fn make_link(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    headers: axum::http::HeaderMap,
    CsrfForm(post): CsrfForm<FormPost<LinkRequest>>,
) -> Result<Response, UiError> {
    match satisfaction::request_link(&web.ctx, &s.actor, &meta, id, &post.input).await {
        Ok(token) => {
            let view = DetailPage {
                chips: Vec::new(),
                title: "Link voor de werkgever".into(),
                subtitle:
                    "Stuur deze link naar de werkgever. Hij werkt één keer en vraagt geen account."
                        .into(),
                nav: Some(Nav::of(&s)),
                edit_href: None,
                actions: vec![("Terug naar de werkgever", format!("/werkgevers/{id}"))],
                facts: vec![(
                    "Link",
                    absolute_link(&headers, &format!("/tevredenheid/{token}")),
                )],
                sections: Vec::new(),
                forms: Vec::new(),
            };
            Ok(render(StatusCode::OK, &view))
        }
        Err(e) => {
            let timeline = timeline_of(&web, &s, &meta, id).await?;
            let fields = link_fields(&post.input, &timeline);
            Ok(form_error(
                FormPage::new(
                    &s,
                    "Link voor de werkgever maken",
                    format!("/werkgevers/{id}/tevredenheidslink"),
                    None,
                    fields,
                    format!("/werkgevers/{id}"),
                ),
                e,
                Nav::of(&s),
            ))
        }
    }
}

#[derive(Template)]
#[template(path = "survey.html")]
struct SurveyPage {
    title: String,
    nav: Option<Nav>,
    employer: String,
    fields: Vec<Field>,
    errors: Vec<(String, String)>,
    done: bool,
}

async fn public_form(State(web): State<Web>, Path(token): Path<String>) -> Response {
    match satisfaction::by_token(&web.ctx, &token).await {
        Ok(survey) => render(
            StatusCode::OK,
            &SurveyPage {
                title: "Hoe tevreden bent u?".into(),
                nav: None,
                employer: survey.employer_name,
                fields: score_fields(&ScoreInput::default(), None),
                errors: Vec::new(),
                done: survey.answered_at.is_some(),
            },
        ),
        Err(e) => UiError(e).into_response(),
    }
}

async fn public_answer(
    State(web): State<Web>,
    RequestMeta(meta): RequestMeta,
    Path(token): Path<String>,
    Form(input): Form<ScoreInput>,
) -> Response {
    let Ok(survey) = satisfaction::by_token(&web.ctx, &token).await else {
        return UiError(AppError::NotFound).into_response();
    };
    let mut page = SurveyPage {
        title: "Hoe tevreden bent u?".into(),
        nav: None,
        employer: survey.employer_name,
        fields: score_fields(&input, None),
        errors: Vec::new(),
        done: false,
    };
    match satisfaction::answer(&web.ctx, &meta, &token, &input).await {
        Ok(()) => {
            page.done = true;
            render(StatusCode::OK, &page)
        }
        Err(AppError::Invalid(errors)) => {
            page.errors = attach_errors(&mut page.fields, &errors);
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => UiError(e).into_response(),
    }
}
