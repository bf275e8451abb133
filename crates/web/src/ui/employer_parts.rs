//! Pages for the parts of an employer: establishments, contact persons and the account team.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use koppel_app::employer_parts::{
    self as parts, AccountTeamInput, ContactPersonInput, EstablishmentInput,
};
use koppel_app::input::{opt, List};
use koppel_app::{employers, reference, AppError};

use super::views::*;
use super::{check_csrf, form_error, must, render, CsrfForm, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;
use koppel_app::domain::permissions::Permission;

pub fn routes() -> Router<Web> {
    Router::new()
        .route(
            "/werkgevers/{id}/vestigingen",
            axum::routing::post(add_establishment),
        )
        .route("/werkgevers/{id}/vestigingen/nieuw", get(new_establishment))
        .route(
            "/werkgevers/{id}/vestigingen/{eid}",
            axum::routing::post(update_establishment),
        )
        .route(
            "/werkgevers/{id}/vestigingen/{eid}/bewerken",
            get(edit_establishment),
        )
        .route(
            "/werkgevers/{id}/contactpersonen",
            axum::routing::post(add_contact_person),
        )
        .route(
            "/werkgevers/{id}/contactpersonen/nieuw",
            get(new_contact_person),
        )
        .route(
            "/werkgevers/{id}/contactpersonen/{pid}",
            axum::routing::post(update_contact_person),
        )
        .route(
            "/werkgevers/{id}/contactpersonen/{pid}/bewerken",
            get(edit_contact_person),
        )
        .route(
            "/werkgevers/{id}/accountteam",
            get(account_team_form).post(set_account_team),
        )
}

fn establishment_fields(input: &EstablishmentInput) -> Vec<Field> {
    vec![
        Field::text("name", "Naam", input.name.as_str()).required(),
        Field::text(
            "street",
            "Straat en huisnummer",
            opt(&input.street).unwrap_or_default(),
        ),
        Field::text(
            "postcode",
            "Postcode",
            opt(&input.postcode).unwrap_or_default(),
        )
        .hint("Bijvoorbeeld 2011 AB"),
        Field::text("city", "Plaats", opt(&input.city).unwrap_or_default()),
    ]
}

fn contact_fields(input: &ContactPersonInput) -> Vec<Field> {
    vec![
        Field::text("name", "Naam", input.name.as_str()).required(),
        Field::text(
            "jobTitle",
            "Functie",
            opt(&input.job_title).unwrap_or_default(),
        ),
        Field::text(
            "email",
            "E-mailadres",
            opt(&input.email).unwrap_or_default(),
        )
        .kind("email"),
        Field::text("phone", "Telefoon", opt(&input.phone).unwrap_or_default()),
    ]
}

async fn new_establishment(s: UiSession, Path(id): Path<i64>) -> Result<Response, UiError> {
    must(&s, Permission::WriteEmployers)?;
    let page = FormPage::new(
        &s,
        "Vestiging toevoegen",
        format!("/werkgevers/{id}/vestigingen"),
        None,
        establishment_fields(&EstablishmentInput::default()),
        format!("/werkgevers/{id}"),
    );
    Ok(render(StatusCode::OK, &page))
}

async fn add_establishment(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<EstablishmentInput>>,
) -> Result<Response, UiError> {
    match parts::add_establishment(&web.ctx, &s.actor, &meta, id, &post.input).await {
        Ok(_) => Ok(Redirect::to(&format!("/werkgevers/{id}")).into_response()),
        Err(err) => {
            let page = FormPage::new(
                &s,
                "Vestiging toevoegen",
                format!("/werkgevers/{id}/vestigingen"),
                None,
                establishment_fields(&post.input),
                format!("/werkgevers/{id}"),
            );
            Ok(form_error(page, err, Nav::of(&s)))
        }
    }
}

async fn edit_establishment(
    State(web): State<Web>,
    s: UiSession,
    Path((id, eid)): Path<(i64, i64)>,
) -> Result<Response, UiError> {
    must(&s, Permission::WriteEmployers)?;
    let (employer, e) = parts::get_establishment(&web.ctx, &s.actor, id, eid).await?;
    let fields = establishment_fields(&EstablishmentInput::from_establishment(&e));
    let page = FormPage::new(
        &s,
        format!("Vestiging van {employer} bewerken"),
        format!("/werkgevers/{id}/vestigingen/{eid}"),
        Some(e.version),
        fields,
        format!("/werkgevers/{id}"),
    );
    Ok(render(StatusCode::OK, &page))
}

async fn update_establishment(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path((id, eid)): Path<(i64, i64)>,
    CsrfForm(post): CsrfForm<FormPost<EstablishmentInput>>,
) -> Result<Response, UiError> {
    let version = post.read_version()?;
    match parts::update_establishment(&web.ctx, &s.actor, &meta, id, eid, version, &post.input)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/werkgevers/{id}")).into_response()),
        Err(err) => {
            let page = FormPage::new(
                &s,
                "Vestiging bewerken",
                format!("/werkgevers/{id}/vestigingen/{eid}"),
                Some(version),
                establishment_fields(&post.input),
                format!("/werkgevers/{id}"),
            );
            Ok(form_error(page, err, Nav::of(&s)))
        }
    }
}

async fn new_contact_person(s: UiSession, Path(id): Path<i64>) -> Result<Response, UiError> {
    must(&s, Permission::WriteEmployers)?;
    let page = FormPage::new(
        &s,
        "Contactpersoon toevoegen",
        format!("/werkgevers/{id}/contactpersonen"),
        None,
        contact_fields(&ContactPersonInput::default()),
        format!("/werkgevers/{id}"),
    );
    Ok(render(StatusCode::OK, &page))
}

async fn add_contact_person(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<ContactPersonInput>>,
) -> Result<Response, UiError> {
    match parts::add_contact_person(&web.ctx, &s.actor, &meta, id, &post.input).await {
        Ok(_) => Ok(Redirect::to(&format!("/werkgevers/{id}")).into_response()),
        Err(err) => {
            let page = FormPage::new(
                &s,
                "Contactpersoon toevoegen",
                format!("/werkgevers/{id}/contactpersonen"),
                None,
                contact_fields(&post.input),
                format!("/werkgevers/{id}"),
            );
            Ok(form_error(page, err, Nav::of(&s)))
        }
    }
}

async fn edit_contact_person(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path((id, pid)): Path<(i64, i64)>,
) -> Result<Response, UiError> {
    must(&s, Permission::WriteEmployers)?;
    let (employer, p) = parts::get_contact_person(&web.ctx, &s.actor, &meta, id, pid).await?;
    let fields = contact_fields(&ContactPersonInput::from_contact_person(&p));
    let page = FormPage::new(
        &s,
        format!("Contactpersoon van {employer} bewerken"),
        format!("/werkgevers/{id}/contactpersonen/{pid}"),
        Some(p.version),
        fields,
        format!("/werkgevers/{id}"),
    );
    Ok(render(StatusCode::OK, &page))
}

async fn update_contact_person(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path((id, pid)): Path<(i64, i64)>,
    CsrfForm(post): CsrfForm<FormPost<ContactPersonInput>>,
) -> Result<Response, UiError> {
    let version = post.read_version()?;
    match parts::update_contact_person(&web.ctx, &s.actor, &meta, id, pid, version, &post.input)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/werkgevers/{id}")).into_response()),
        Err(err) => {
            let page = FormPage::new(
                &s,
                "Contactpersoon bewerken",
                format!("/werkgevers/{id}/contactpersonen/{pid}"),
                Some(version),
                contact_fields(&post.input),
                format!("/werkgevers/{id}"),
            );
            Ok(form_error(page, err, Nav::of(&s)))
        }
    }
}

async fn team_page(
    web: &Web,
    s: &UiSession,
    id: i64,
    version: i64,
    selected: Vec<String>,
) -> Result<FormPage, UiError> {
    let advisers = reference::advisers(&web.ctx, &s.actor).await?;
    let fields = vec![Field::checkboxes(
        "userIds",
        "Adviseurs in het accountteam",
        selected,
        advisers.into_iter().map(|c| (c.code, c.label)).collect(),
    )];
    Ok(FormPage::new(
        s,
        "Accountteam wijzigen",
        format!("/werkgevers/{id}/accountteam"),
        Some(version),
        fields,
        format!("/werkgevers/{id}"),
    ))
}

async fn account_team_form(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    must(&s, Permission::WriteEmployers)?;
    let d = employers::get(&web.ctx, &s.actor, &meta, id).await?;
    let selected = d.account_team.iter().map(|m| m.id.to_string()).collect();
    Ok(render(
        StatusCode::OK,
        &team_page(&web, &s, id, d.employer.version, selected).await?,
    ))
}

/// The team form repeats `userIds` once per checked adviser, so the body is read as pairs.
async fn set_account_team(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, UiError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let csrf = pairs
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    check_csrf(&s, &csrf)?;
    let version = pairs
        .iter()
        .find(|(k, _)| k == "version")
        .and_then(|(_, v)| v.parse::<i64>().ok())
        .ok_or(UiError(AppError::StaleVersion))?;
    let ids: Vec<String> = pairs
        .into_iter()
        .filter(|(k, _)| k == "userIds")
        .map(|(_, v)| v)
        .collect();
    match parts::set_account_team(
        &web.ctx,
        &s.actor,
        &meta,
        id,
        version,
        &AccountTeamInput {
            user_ids: List(ids.clone()),
        },
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/werkgevers/{id}")).into_response()),
        Err(err) => Ok(form_error(
            team_page(&web, &s, id, version, ids).await?,
            err,
            Nav::of(&s),
        )),
    }
}
