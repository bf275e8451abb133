//! Residents' requests: the public form (an appointment at a walk-in hour, or a call back) and
//! the gids's page of one request with "afgehandeld".

use std::collections::HashMap;

use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use koppel_app::desk::locations;
use koppel_app::desk::requests::{self, DeskRequestInput};
use koppel_app::domain::desk::{Question, RequestKind};
use koppel_app::input::opt;
use koppel_app::public_form::FormGuard;
use koppel_app::AppError;
use serde::Deserialize;

use super::contact_requests::PublicFormPage;
use super::views::*;
use super::{render, CsrfForm, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/spreekuren/verzoek", get(public_form).post(public_submit))
        .route("/werkcentrum/verzoeken/{id}", get(detail))
        .route("/werkcentrum/verzoeken/{id}/afgehandeld", post(handle))
}

async fn fields(web: &Web, input: &DeskRequestInput) -> Result<Vec<Field>, AppError> {
    let places = locations::open_locations(&web.ctx).await?;
    let place_options = places
        .iter()
        .map(|l| (l.id.to_string(), format!("{} ({})", l.name, l.city)))
        .collect();
    let value = |t: &Option<koppel_app::input::Text>| opt(t).unwrap_or_default().to_string();
    Ok(vec![
        Field::select(
            "kind",
            "Wat wilt u?",
            input.kind.as_str(),
            Some("Kies"),
            options::<RequestKind>(),
        )
        .required(),
        Field::select(
            "question",
            "Waar gaat uw vraag over?",
            input.question.as_str(),
            Some("Kies"),
            options::<Question>(),
        )
        .required(),
        Field::select(
            "locationId",
            "Locatie (voor een afspraak)",
            value(&input.location_id),
            Some("Maakt niet uit"),
            place_options,
        ),
        Field::text("name", "Uw naam", input.name.as_str()).required(),
        Field::text("phone", "Telefoon", value(&input.phone)),
        Field::text("email", "E-mailadres", value(&input.email)).kind("email"),
        Field::text("message", "Uw vraag", input.message.as_str())
            .kind("textarea")
            .required(),
    ])
}

async fn page(web: &Web, input: &DeskRequestInput) -> Result<PublicFormPage, AppError> {
    let service = &web.ctx.settings.service.name;
    let mut page = PublicFormPage::new(
        web,
        format!("Afspraak maken bij {service}"),
        "/spreekuren/verzoek",
        fields(web, input).await?,
    );
    page.intro = "Heeft u een vraag over werk, leren, loopbaan of personeel? Vraag een afspraak op een spreekuur aan, of laat u terugbellen. We gebruiken uw gegevens alleen om contact met u op te nemen over uw vraag.";
    page.thanks_text = "Een gids van het Werkcentrum neemt binnen drie werkdagen contact met u op.";
    Ok(page)
}

async fn public_form(State(web): State<Web>) -> Result<Response, UiError> {
    Ok(render(
        StatusCode::OK,
        &page(&web, &DeskRequestInput::default()).await?,
    ))
}

#[derive(Deserialize)]
struct PublicPost {
    #[serde(flatten)]
    guard: FormGuard,
    #[serde(flatten)]
    input: DeskRequestInput,
}

async fn public_submit(
    State(web): State<Web>,
    RequestMeta(meta): RequestMeta,
    Form(post): Form<PublicPost>,
) -> Result<Response, UiError> {
    let page = page(&web, &post.input).await?;
    Ok(page.answer(requests::create_public(&web.ctx, &meta, &post.input, &post.guard).await))
}

async fn detail(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    let r = requests::get(&web.ctx, &s.actor, &meta, id).await?;
    let mut facts = vec![
        ("Verzoek", label::<RequestKind>(&r.kind)),
        ("Naam", r.name.clone()),
        ("Telefoon", or_dash(&r.phone)),
        ("E-mail", or_dash(&r.email)),
        ("Vraag over", label::<Question>(&r.question)),
        ("Locatie", or_dash(&r.location_name)),
        ("Vraag", r.message.clone()),
        ("Ontvangen", local_time(r.received_at)),
    ];
    let mut forms = Vec::new();
    match r.handled_at {
        Some(at) => facts.push((
            "Afgehandeld",
            format!("{} door {}", local_time(at), or_dash(&r.handled_by_name)),
        )),
        None => forms.push(InlineForm {
            title: "Afhandelen".into(),
            action: format!("/werkcentrum/verzoeken/{id}/afgehandeld"),
            csrf: s.csrf.clone(),
            version: Some(r.version),
            fields: Vec::new(),
            button: "Afgehandeld: afspraak gemaakt of teruggebeld",
        }),
    }
    let view = DetailPage {
        title: format!("Verzoek van {}", r.name),
        subtitle: String::new(),
        nav: Some(Nav::of(&s)),
        edit_href: None,
        actions: vec![("Gesprek vastleggen", "/werkcentrum/gesprekken/nieuw".into())],
        facts,
        chips: Vec::new(),
        sections: Vec::new(),
        forms,
    };
    Ok(render(StatusCode::OK, &view))
}

async fn handle(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<HashMap<String, String>>>,
) -> Result<Response, UiError> {
    let version = post.read_version()?;
    requests::handle(&web.ctx, &s.actor, &meta, id, version).await?;
    Ok(Redirect::to("/werkcentrum").into_response())
}
