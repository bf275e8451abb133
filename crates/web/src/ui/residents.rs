//! The residents of the Werkcentrum's desk: finding one by name and date of birth, and their page
//! with their conversations, referrals and the referral form.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use koppel_app::desk::conversations;
use koppel_app::desk::referrals::{self, ReferralInput};
use koppel_app::desk::trajectories::{self, TrajectoryInput};
use koppel_app::domain::desk::Question;
use koppel_app::domain::permissions::Permission;
use koppel_app::input::opt;
use koppel_app::AppError;
use serde::Deserialize;

use super::desk::referral_section;
use super::views::*;
use super::{must, render, CsrfForm, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/werkcentrum/inwoners", get(find))
        .route("/werkcentrum/inwoners/{id}", get(resident))
        .route("/werkcentrum/inwoners/{id}/doorverwijzingen", post(refer))
        .route("/werkcentrum/inwoners/{id}/trajecten", post(book))
}

#[derive(Deserialize, Default)]
struct FindQuery {
    naam: Option<String>,
    geboortedatum: Option<String>,
}

async fn find(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Query(q): Query<FindQuery>,
) -> Result<Response, UiError> {
    must(&s, Permission::RecordConversations)?;
    let birth = q.geboortedatum.as_deref().filter(|d| !d.trim().is_empty());
    let mut fields = vec![
        Field::text("naam", "Naam", q.naam.clone().unwrap_or_default()),
        Field::text("geboortedatum", "Geboortedatum", birth.unwrap_or_default())
            .hint("Bijvoorbeeld 31-03-1980."),
    ];
    let date = match birth.map(koppel_app::domain::values::date) {
        Some(Err(e)) => {
            fields[1].error = Some(e.message);
            None
        }
        Some(Ok(d)) => Some(d),
        None => None,
    };
    let found = conversations::find(&web.ctx, &s.actor, &meta, q.naam.as_deref(), date).await?;
    let rows: Vec<Vec<Cell>> = found
        .iter()
        .map(|r| {
            vec![
                Cell::link(&r.name, format!("/werkcentrum/inwoners/{}", r.id)),
                Cell::text(r.birth_date.format("%d-%m-%Y").to_string()),
                Cell::text(local_date(r.created_at)),
            ]
        })
        .collect();
    let total = rows.len() as i64;
    let page = ListPage {
        title: "Inwoner zoeken".into(),
        nav: Some(Nav::of(&s)),
        new_href: Some("/werkcentrum/gesprekken/nieuw".into()),
        new_label: "Gesprek vastleggen",
        fields,
        table: Table {
            columns: vec!["Naam", "Geboortedatum", "Geregistreerd"],
            rows,
            empty: "Zoek op naam en geboortedatum; niemand gevonden.",
        },
        total,
        page: 1,
        pages: 1,
        paging: Paging::default(),
        headers: Header::plain(&["Naam", "Geboortedatum", "Geregistreerd"]),
        export_href: None,
        import_href: None,
    };
    Ok(render(StatusCode::OK, &page))
}

/// The referral form: the organisation and, where known, the person there, with a note.
async fn referral_form(
    web: &Web,
    s: &UiSession,
    resident_id: i64,
    input: &ReferralInput,
) -> Result<InlineForm, AppError> {
    let to = referrals::receivers(&web.ctx, &s.actor).await?;
    let orgs = to
        .organisations
        .iter()
        .map(|(id, name)| (id.to_string(), name.clone()))
        .collect();
    let people = to
        .people
        .iter()
        .map(|(id, name, _, org)| (id.to_string(), format!("{name} ({org})")))
        .collect();
    Ok(InlineForm {
        title: "Doorverwijzen".into(),
        action: format!("/werkcentrum/inwoners/{resident_id}/doorverwijzingen"),
        csrf: s.csrf.clone(),
        version: None,
        fields: vec![
            Field::select("toOrgId", "Naar organisatie", input.to_org_id.as_str(), Some("Kies"), orgs).required(),
            Field::select("toUserId", "Naar medewerker (als u die weet)", opt(&input.to_user_id).unwrap_or_default(), Some("Iemand van de organisatie"), people),
            Field::text("note", "Notitie voor de ontvanger", opt(&input.note).unwrap_or_default()).kind("textarea").hint("Wat de inwoner vraagt en wat al besproken is; de ontvanger ziet ook naam en contactgegevens."),
        ],
        button: "Doorverwijzen",
    })
}

async fn resident_page(
    web: &Web,
    s: &UiSession,
    meta: &koppel_app::Meta,
    id: i64,
    (input, booking): (&ReferralInput, &TrajectoryInput),
) -> Result<DetailPage, AppError> {
    let file = conversations::resident(&web.ctx, &s.actor, meta, id).await?;
    let booked = trajectories::of_resident(&web.ctx, &s.actor, id).await?;
    let r = &file.resident;
    let conversation_rows = file
        .conversations
        .iter()
        .map(|c| {
            vec![
                Cell::text(local_time(c.occurred_at)),
                Cell::text(label::<Question>(&c.question)),
                Cell::text(&c.advice),
                Cell::text(&c.next_step),
                Cell::text(&c.user_name),
            ]
        })
        .collect();
    let views: Vec<referrals::ReferralView> = file
        .referrals
        .into_iter()
        .map(|r| referrals::ReferralView {
            follow_up: false,
            referral: r,
        })
        .collect();
    Ok(DetailPage {
        title: r.name.clone(),
        subtitle: "Inwoner, geregistreerd met toestemming.".into(),
        nav: Some(Nav::of(s)),
        edit_href: None,
        actions: vec![(
            "Nieuw gesprek met deze inwoner",
            format!("/werkcentrum/gesprekken/nieuw?inwoner={id}"),
        )],
        facts: vec![
            ("Geboortedatum", r.birth_date.format("%d-%m-%Y").to_string()),
            ("Telefoon", or_dash(&r.phone)),
            ("E-mail", or_dash(&r.email)),
            ("Toestemming gegeven", local_time(r.consent_at)),
            ("Geregistreerd door", r.registered_by_name.clone()),
        ],
        chips: Vec::new(),
        sections: vec![
            referral_section("Doorverwijzingen", &views, false, "Nog niet doorverwezen."),
            super::trajectories::section(&booked),
            Section {
                title: "Gesprekken".into(),
                table: Table {
                    columns: vec!["Wanneer", "Vraag", "Advies", "Volgende stap", "Gids"],
                    rows: conversation_rows,
                    empty: "Nog geen gesprekken.",
                },
            },
        ],
        forms: vec![
            referral_form(web, s, id, input).await?,
            super::trajectories::booking_form(web, s, id, booking).await?,
        ],
    })
}

async fn resident(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    must(&s, Permission::RecordConversations)?;
    let blank = (&ReferralInput::default(), &TrajectoryInput::default());
    let page = resident_page(&web, &s, &meta, id, blank).await?;
    Ok(render(StatusCode::OK, &page))
}

async fn refer(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<ReferralInput>>,
) -> Result<Response, UiError> {
    match referrals::send(&web.ctx, &s.actor, &meta, id, &post.input).await {
        Ok(r) => Ok(Redirect::to(&format!("/doorverwijzingen/{r}")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let booking = TrajectoryInput::default();
            let page = resident_page(&web, &s, &meta, id, (&post.input, &booking)).await?;
            Ok(super::inline_refused(page, 0, &errors))
        }
        Err(e) => Err(UiError(e)),
    }
}

/// Books a trajectory against the budget; a refusal (no budget, over budget) is shown on the
/// form, and a booking that leaves the budget nearly used says so on the trajectory's page.
async fn book(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<TrajectoryInput>>,
) -> Result<Response, UiError> {
    match trajectories::book(&web.ctx, &s.actor, &meta, id, &post.input).await {
        Ok(b) => {
            let warn = b
                .warn_percent
                .map(|p| format!("?budget={p}"))
                .unwrap_or_default();
            Ok(Redirect::to(&format!("/werkcentrum/trajecten/{}{warn}", b.id)).into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let referral = ReferralInput::default();
            let page = resident_page(&web, &s, &meta, id, (&referral, &post.input)).await?;
            Ok(super::inline_refused(page, 1, &errors))
        }
        Err(e) => Err(UiError(e)),
    }
}
