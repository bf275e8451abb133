//! Contact requests: the list with deadlines, recording one, escalating, linking it to an
//! employer picked by name, and the public contact form.

use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::Utc;
use koppel_app::contact_requests::{self as requests, ContactRequestInput, FormGuard};
use koppel_app::domain::codes::CodeList;
use koppel_app::domain::crm::RequestSource;
use koppel_app::domain::permissions::Permission;
use koppel_app::employer_from_request;
use koppel_app::employers::EmployerInput;
use koppel_app::input::{opt, Text};
use koppel_app::picking::PickKind;
use koppel_app::AppError;
use serde::Deserialize;

use super::pick::{name_picks, PickForm};
use super::views::*;
use super::{form_error, must, render, CsrfForm, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/contactverzoeken", get(list).post(create))
        .route("/contactverzoeken/nieuw", get(new_form))
        .route("/contactverzoeken/{id}", get(detail))
        .route("/contactverzoeken/{id}/escalatie", post(escalate))
        .route("/contactverzoeken/{id}/werkgever", post(link))
        .route(
            "/contactverzoeken/{id}/werkgever-aanmaken",
            get(new_employer_form).post(create_employer),
        )
        .route("/contact", get(public_form).post(public_submit))
}

#[derive(Deserialize)]
struct ListQuery {
    alle: Option<String>,
}

async fn list(
    State(web): State<Web>,
    s: UiSession,
    Query(q): Query<ListQuery>,
) -> Result<Response, UiError> {
    let all = q.alle.is_some();
    let list = requests::list(&web.ctx, &s.actor, !all).await?;
    let now = Utc::now();
    let rows = list
        .iter()
        .map(|r| {
            let status = match r.answered_at {
                Some(_) => format!(
                    "beantwoord in {}",
                    time_left(r.response_minutes.unwrap_or(0)).trim_start_matches("nog ")
                ),
                None => time_left(requests::minutes_left(r, now)),
            };
            vec![
                Cell::link(&r.company_name, format!("/contactverzoeken/{}", r.id)),
                Cell::text(&r.contact_name),
                Cell::text(local_time(r.received_at)),
                Cell::text(local_time(r.deadline_at)),
                Cell::text(status),
                Cell::text(or_dash(&r.assigned_name)),
                Cell::text(if r.escalated_at.is_some() { "ja" } else { "" }),
            ]
        })
        .collect();
    let view = DetailPage {
        chips: Vec::new(),
        title: if all { "Alle contactverzoeken".into() } else { "Open contactverzoeken".into() },
        subtitle: "Elk verzoek krijgt binnen 24 uur antwoord; het eerste contactmoment met de werkgever sluit het verzoek.".into(),
        nav: Some(Nav::of(&s)),
        edit_href: None,
        actions: vec![
            ("Contactverzoek vastleggen", "/contactverzoeken/nieuw".into()),
            if all { ("Alleen open verzoeken", "/contactverzoeken".into()) } else { ("Alle verzoeken", "/contactverzoeken?alle=1".into()) },
        ],
        facts: Vec::new(),
        sections: vec![Section {
            title: format!("{} verzoeken", list.len()),
            table: Table { columns: vec!["Bedrijf", "Contactpersoon", "Ontvangen", "Uiterlijk", "Status", "Accounthouder", "Geëscaleerd"], rows, empty: "Geen open contactverzoeken." },
        }],
        forms: Vec::new(),
    };
    Ok(render(StatusCode::OK, &view))
}

fn request_fields(input: &ContactRequestInput, with_employer: bool) -> Vec<Field> {
    let mut fields = Vec::new();
    if with_employer {
        fields.push(Field::pick(
            "employerId",
            "Werkgever (als die al bekend is)",
            PickKind::Employer,
            opt(&input.employer_id).unwrap_or_default(),
        ));
    }
    fields.extend([
        Field::text("companyName", "Bedrijfsnaam", input.company_name.as_str()).required(),
        Field::text(
            "contactName",
            "Naam contactpersoon",
            input.contact_name.as_str(),
        )
        .required(),
        Field::text(
            "email",
            "E-mailadres",
            opt(&input.email).unwrap_or_default(),
        )
        .kind("email"),
        Field::text("phone", "Telefoon", opt(&input.phone).unwrap_or_default()),
        Field::text(
            "message",
            "Waarmee kunnen we helpen?",
            input.message.as_str(),
        )
        .kind("textarea")
        .required(),
    ]);
    fields
}

async fn new_form(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> Result<Response, UiError> {
    must(&s, Permission::WriteEmployers)?;
    let input = ContactRequestInput {
        employer_id: q.get("employerId").map(|v| Text(v.clone())),
        ..Default::default()
    };
    let mut page = FormPage::new(
        &s,
        "Contactverzoek vastleggen",
        "/contactverzoeken",
        None,
        request_fields(&input, true),
        "/contactverzoeken",
    );
    name_picks(&web, &s, &meta, &mut page.fields).await?;
    Ok(render(StatusCode::OK, &page))
}

async fn create(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    form: PickForm,
) -> Result<Response, UiError> {
    let (post, picks): (FormPost<ContactRequestInput>, _) = form
        .resolve(&web, &s, &meta, &[("employerId", PickKind::Employer)])
        .await?;
    let result = picks
        .then(requests::create(
            &web.ctx,
            &s.actor,
            &meta,
            &post.input,
            RequestSource::Staff,
        ))
        .await;
    match result {
        Ok(r) => Ok(Redirect::to(&format!("/contactverzoeken/{}", r.id)).into_response()),
        Err(e) => {
            let mut page = FormPage::new(
                &s,
                "Contactverzoek vastleggen",
                "/contactverzoeken",
                None,
                request_fields(&post.input, true),
                "/contactverzoeken",
            );
            picks.show(&web, &s, &meta, &mut page.fields).await?;
            Ok(form_error(page, e, Nav::of(&s)))
        }
    }
}

async fn detail(
    State(web): State<Web>,
    s: UiSession,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    let r = requests::get(&web.ctx, &s.actor, id).await?;
    let now = Utc::now();
    let mut facts = vec![
        ("Bedrijf", r.company_name.clone()),
        ("Werkgever", or_dash(&r.employer_name)),
        ("Contactpersoon", r.contact_name.clone()),
        ("E-mail", or_dash(&r.email)),
        ("Telefoon", or_dash(&r.phone)),
        ("Bericht", r.message.clone()),
        (
            "Via",
            RequestSource::parse(&r.source)
                .map(|s| s.label().to_string())
                .unwrap_or_default(),
        ),
        ("Ontvangen", local_time(r.received_at)),
        ("Uiterlijk beantwoorden", local_time(r.deadline_at)),
        ("Behandelaar", or_dash(&r.assigned_name)),
    ];
    if !r.handover_note.is_empty() {
        facts.push(("Notitie bij overdracht", r.handover_note.clone()));
    }
    match r.answered_at {
        Some(at) => facts.push((
            "Beantwoord",
            format!(
                "{} (na {})",
                local_time(at),
                time_left(r.response_minutes.unwrap_or(0)).trim_start_matches("nog ")
            ),
        )),
        None => facts.push(("Status", time_left(requests::minutes_left(&r, now)))),
    }
    if let Some(at) = r.escalated_at {
        facts.push((
            "Geëscaleerd",
            format!("{} naar {}", local_time(at), or_dash(&r.escalated_to_name)),
        ));
    }
    let mut forms = Vec::new();
    let mut actions = Vec::new();
    if let Some(e) = r.employer_id {
        actions.push((
            "Naar de werkgever (contactmoment vastleggen)",
            format!("/werkgevers/{e}"),
        ));
    }
    if r.employer_id.is_none() && s.actor.can(Permission::WriteEmployers) {
        actions.push((
            "Werkgever aanmaken uit dit verzoek",
            format!("/contactverzoeken/{id}/werkgever-aanmaken"),
        ));
    }
    if r.answered_at.is_none() && s.actor.can(Permission::WriteEmployers) {
        if r.employer_id.is_none() {
            forms.push(InlineForm {
                title: "Koppelen aan een werkgever".into(),
                action: format!("/contactverzoeken/{id}/werkgever"),
                csrf: s.csrf.clone(),
                version: Some(r.version),
                fields: vec![link_field("")],
                button: "Koppelen",
            });
        }
        forms.push(super::handover::form(&web, &s, &r).await?);
        if r.escalated_at.is_none() {
            forms.push(InlineForm {
                title: "Escaleren naar een manager".into(),
                action: format!("/contactverzoeken/{id}/escalatie"),
                csrf: s.csrf.clone(),
                version: Some(r.version),
                fields: Vec::new(),
                button: "Escaleren",
            });
        }
    }
    let view = DetailPage {
        chips: Vec::new(),
        title: format!("Contactverzoek van {}", r.company_name),
        subtitle: String::new(),
        nav: Some(Nav::of(&s)),
        edit_href: None,
        actions,
        facts,
        sections: Vec::new(),
        forms,
    };
    Ok(render(StatusCode::OK, &view))
}

#[derive(Deserialize)]
struct LinkForm {
    #[serde(rename = "employerId", default)]
    employer_id: String,
}

async fn escalate(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<std::collections::HashMap<String, String>>>,
) -> Result<Response, UiError> {
    let version = post.read_version()?;
    requests::escalate(&web.ctx, &s.actor, &meta, id, version).await?;
    Ok(Redirect::to(&format!("/contactverzoeken/{id}")).into_response())
}

/// The employer form, filled from the request, that creates the employer and links the request.
async fn new_employer_form(
    State(web): State<Web>,
    s: UiSession,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    must(&s, Permission::WriteEmployers)?;
    let input = employer_from_request::proposal(&web.ctx, &s.actor, id).await?;
    let page = super::employer_form::form_page(&web, &s, &input, None, None).await?;
    Ok(render(StatusCode::OK, &from_request(page, id)))
}

fn from_request(mut page: FormPage, id: i64) -> FormPage {
    page.title = "Werkgever aanmaken uit het contactverzoek".into();
    page.action = format!("/contactverzoeken/{id}/werkgever-aanmaken");
    page.cancel_href = format!("/contactverzoeken/{id}");
    page.notice = "De contactpersoon van het verzoek wordt contactpersoon van de nieuwe werkgever, en het verzoek wordt eraan gekoppeld.".into();
    page
}

async fn create_employer(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<EmployerInput>>,
) -> Result<Response, UiError> {
    match employer_from_request::create(&web.ctx, &s.actor, &meta, id, &post.input).await {
        Ok(e) => Ok(Redirect::to(&format!("/werkgevers/{}", e.id)).into_response()),
        Err(e) => {
            let page = super::employer_form::form_page(&web, &s, &post.input, None, None).await?;
            Ok(form_error(from_request(page, id), e, Nav::of(&s)))
        }
    }
}

/// The employer a contact request is about, picked by name.
fn link_field(employer: &str) -> Field {
    Field::pick("employerId", "Werkgever", PickKind::Employer, employer).required()
}

async fn link(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    form: PickForm,
) -> Result<Response, UiError> {
    let (post, picks): (FormPost<LinkForm>, _) = form
        .resolve(&web, &s, &meta, &[("employerId", PickKind::Employer)])
        .await?;
    let version = post.read_version()?;
    let employer_id = post.input.employer_id.trim().parse::<i64>().unwrap_or(0);
    let result = picks
        .then(requests::link_employer(
            &web.ctx,
            &s.actor,
            &meta,
            id,
            version,
            employer_id,
        ))
        .await;
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/contactverzoeken/{id}")).into_response()),
        Err(e) => {
            let mut fields = vec![link_field(&post.input.employer_id)];
            picks.show(&web, &s, &meta, &mut fields).await?;
            Ok(form_error(
                FormPage::new(
                    &s,
                    "Koppelen aan een werkgever",
                    format!("/contactverzoeken/{id}/werkgever"),
                    Some(version),
                    fields,
                    format!("/contactverzoeken/{id}"),
                ),
                e,
                Nav::of(&s),
            ))
        }
    }
}

/// A public form (no login): the employers' contact form, the residents' request for an
/// appointment. It carries the signed moment it was shown and a field robots fill in.
#[derive(Template)]
#[template(path = "public_contact.html")]
pub(crate) struct PublicFormPage {
    pub(crate) title: String,
    pub(crate) nav: Option<Nav>,
    pub(crate) action: &'static str,
    pub(crate) intro: &'static str,
    pub(crate) thanks_title: &'static str,
    pub(crate) thanks_text: &'static str,
    pub(crate) token: String,
    pub(crate) fields: Vec<Field>,
    pub(crate) errors: Vec<(String, String)>,
    pub(crate) thanks: bool,
}

impl PublicFormPage {
    /// The page of `fields`, with a fresh token.
    pub(crate) fn new(
        web: &Web,
        title: impl Into<String>,
        action: &'static str,
        fields: Vec<Field>,
    ) -> Self {
        Self {
            title: title.into(),
            nav: None,
            action,
            intro: "",
            thanks_title: "Bedankt, uw verzoek is ontvangen",
            thanks_text: "",
            token: requests::form_token(&web.ctx, Utc::now()),
            fields,
            errors: Vec::new(),
            thanks: false,
        }
    }

    /// Renders the outcome of a submission: thanks, the fields' errors, or the limit's message.
    pub(crate) fn answer(mut self, result: Result<i64, AppError>) -> Response {
        match result {
            Ok(_) => {
                self.thanks = true;
                render(StatusCode::OK, &self)
            }
            Err(AppError::Invalid(errors)) => {
                self.errors = attach_errors(&mut self.fields, &errors);
                render(StatusCode::UNPROCESSABLE_ENTITY, &self)
            }
            Err(AppError::Throttled) => {
                self.errors = vec![("message".into(), "Er zijn vanaf dit adres veel verzoeken verstuurd. Probeer het over een uur opnieuw, of bel ons.".into())];
                render(StatusCode::TOO_MANY_REQUESTS, &self)
            }
            Err(e) => UiError(e).into_response(),
        }
    }
}

fn public_page(web: &Web, input: &ContactRequestInput) -> PublicFormPage {
    let mut page = PublicFormPage::new(
        web,
        "Contact met het WerkgeversServicepunt",
        "/contact",
        request_fields(input, false),
    );
    page.intro = "Zoekt u personeel, of wilt u weten wat wij voor uw organisatie kunnen doen? Laat uw gegevens achter; een adviseur neemt binnen 24 uur contact met u op.";
    page.thanks_text = "Een adviseur neemt binnen 24 uur contact met u op.";
    page
}

async fn public_form(State(web): State<Web>) -> Response {
    render(
        StatusCode::OK,
        &public_page(&web, &ContactRequestInput::default()),
    )
}

#[derive(Deserialize)]
struct PublicPost {
    #[serde(flatten)]
    guard: FormGuard,
    #[serde(flatten)]
    input: ContactRequestInput,
}

async fn public_submit(
    State(web): State<Web>,
    RequestMeta(meta): RequestMeta,
    Form(post): Form<PublicPost>,
) -> Response {
    let page = public_page(&web, &post.input);
    page.answer(requests::create_public(&web.ctx, &meta, &post.input, Some(&post.guard)).await)
}
