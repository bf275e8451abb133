//! Employer satisfaction: the adviser's form on the employer page, the link an employer answers
//! by, and that public form.

use askama::Template;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use koppel_app::input::opt;
use koppel_app::satisfaction::{self, ScoreInput, SurveySubject};
use koppel_app::AppError;

use super::views::*;
use super::{check_csrf, form_error, render, FormPost, UiError};
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

/// The fields of a satisfaction score.
pub fn score_fields(input: &ScoreInput, with_subject: bool) -> Vec<Field> {
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
    if with_subject {
        fields.push(
            Field::text(
                "contactRequestId",
                "Over contactverzoek (nummer)",
                opt(&input.subject.contact_request_id).unwrap_or_default(),
            )
            .kind("number"),
        );
        fields.push(
            Field::text(
                "placementId",
                "Of over plaatsing (nummer)",
                opt(&input.subject.placement_id).unwrap_or_default(),
            )
            .kind("number"),
        );
    }
    fields
}

async fn record_score(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    Form(post): Form<FormPost<ScoreInput>>,
) -> Result<Response, UiError> {
    check_csrf(&s, &post.csrf)?;
    match satisfaction::record(&web.ctx, &s.actor, &meta, id, &post.input).await {
        Ok(_) => Ok(Redirect::to(&format!("/werkgevers/{id}")).into_response()),
        Err(e) => Ok(form_error(
            FormPage::new(
                &s,
                "Tevredenheid vastleggen",
                format!("/werkgevers/{id}/tevredenheid"),
                None,
                score_fields(&post.input, true),
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
    Form(post): Form<FormPost<SurveySubject>>,
) -> Result<Response, UiError> {
    check_csrf(&s, &post.csrf)?;
    match satisfaction::request_link(&web.ctx, &s.actor, &meta, id, &post.input).await {
        Ok(token) => {
            let view = DetailPage {
                title: "Link voor de werkgever".into(),
                subtitle:
                    "Stuur deze link naar de werkgever. Hij werkt één keer en vraagt geen account."
                        .into(),
                nav: Some(Nav::of(&s)),
                edit_href: None,
                actions: vec![("Terug naar de werkgever", format!("/werkgevers/{id}"))],
                facts: vec![("Link", format!("/tevredenheid/{token}"))],
                sections: Vec::new(),
                forms: Vec::new(),
            };
            Ok(render(StatusCode::OK, &view))
        }
        Err(e) => {
            let fields = vec![
                Field::text(
                    "contactRequestId",
                    "Over contactverzoek (nummer)",
                    opt(&post.input.contact_request_id).unwrap_or_default(),
                )
                .kind("number"),
                Field::text(
                    "placementId",
                    "Of over plaatsing (nummer)",
                    opt(&post.input.placement_id).unwrap_or_default(),
                )
                .kind("number"),
            ];
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
                fields: score_fields(&ScoreInput::default(), false),
                errors: Vec::new(),
                done: survey.answered_at.is_some(),
            },
        ),
        Err(e) => UiError(e, None).into_response(),
    }
}

async fn public_answer(
    State(web): State<Web>,
    RequestMeta(meta): RequestMeta,
    Path(token): Path<String>,
    Form(input): Form<ScoreInput>,
) -> Response {
    let Ok(survey) = satisfaction::by_token(&web.ctx, &token).await else {
        return UiError(AppError::NotFound, None).into_response();
    };
    let mut page = SurveyPage {
        title: "Hoe tevreden bent u?".into(),
        nav: None,
        employer: survey.employer_name,
        fields: score_fields(&input, false),
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
        Err(e) => UiError(e, None).into_response(),
    }
}
