//! The gids's desk in the Werkcentrum: the day's overview, recording a conversation (anonymous or
//! with a resident who consents, warned of a duplicate), finding a resident, and their page with
//! the referral form.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::{Datelike, Utc};
use koppel_app::desk::conversations::{self, ConversationInput, DUPLICATE_FIELD};
use koppel_app::desk::locations;
use koppel_app::desk::referrals::{self, ReferralInput};
use koppel_app::domain::desk::{Asker, Channel, Question, ReferralStatus};
use koppel_app::domain::permissions::Permission;
use koppel_app::input::{opt, Text};
use koppel_app::AppError;
use serde::Deserialize;

use super::views::*;
use super::{form_error, must, render, CsrfForm, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/werkcentrum", get(overview))
        .route("/werkcentrum/gesprekken", post(record))
        .route("/werkcentrum/gesprekken/nieuw", get(new_conversation))
        .route("/werkcentrum/inwoners", get(find))
        .route("/werkcentrum/inwoners/{id}", get(resident))
        .route("/werkcentrum/inwoners/{id}/doorverwijzingen", post(refer))
}

/// The referrals a gids sent, as table rows; those to follow up are marked.
pub(crate) fn referral_rows(list: &[referrals::ReferralView], incoming: bool) -> Vec<Vec<Cell>> {
    list.iter()
        .map(|v| {
            let r = &v.referral;
            let other = if incoming {
                &r.from_org_name
            } else {
                &r.to_org_name
            };
            let mut status = label::<ReferralStatus>(&r.status);
            if v.follow_up {
                status.push_str(" · opvolgen");
            }
            vec![
                Cell::link(&r.resident_name, format!("/doorverwijzingen/{}", r.id)),
                Cell::text(other),
                Cell::text(local_time(r.sent_at)),
                Cell::badge(status),
            ]
        })
        .collect()
}

async fn overview(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
) -> Result<Response, UiError> {
    must(&s, Permission::RecordConversations)?;
    let (ctx, a) = (&web.ctx, &s.actor);
    let sent = referrals::list(ctx, a, &meta, false, true).await?;
    let asked = koppel_app::desk::requests::list(ctx, a, &meta).await?;
    let request_rows = asked
        .iter()
        .map(|r| {
            let state = match r.handled_at {
                Some(_) => format!("afgehandeld door {}", or_dash(&r.handled_by_name)),
                None => "wacht".into(),
            };
            vec![
                Cell::link(&r.name, format!("/werkcentrum/verzoeken/{}", r.id)),
                Cell::text(label::<koppel_app::domain::desk::RequestKind>(&r.kind)),
                Cell::text(label::<Question>(&r.question)),
                Cell::text(local_time(r.received_at)),
                Cell::badge(state),
            ]
        })
        .collect();
    let recent = conversations::recent(ctx, a, &meta, 25).await?;
    let year = Utc::now().year();
    let counts = conversations::year_counts(ctx, a, year).await?;
    let referred = referrals::year_counts(ctx, a, year).await?;
    let conversation_rows = recent
        .iter()
        .map(|c| {
            let who = match (&c.resident_name, c.resident_id) {
                (Some(n), Some(id)) => Cell::link(n, format!("/werkcentrum/inwoners/{id}")),
                _ => Cell::text("anoniem"),
            };
            vec![
                Cell::text(local_time(c.occurred_at)),
                who,
                Cell::text(label::<Question>(&c.question)),
                Cell::text(label::<Channel>(&c.channel)),
                Cell::text(or_dash(&c.location_name)),
                Cell::text(&c.user_name),
            ]
        })
        .collect();
    let count_rows = counts
        .iter()
        .map(|(loc, channel, question, n)| {
            vec![
                Cell::text(loc.clone().unwrap_or_else(|| "geen locatie".into())),
                Cell::text(label::<Channel>(channel)),
                Cell::text(label::<Question>(question)),
                Cell::text(n.to_string()),
            ]
        })
        .collect();
    let referred_rows = referred
        .iter()
        .map(|(org, status, n)| {
            vec![
                Cell::text(org),
                Cell::text(label::<ReferralStatus>(status)),
                Cell::text(n.to_string()),
            ]
        })
        .collect();
    let view = DetailPage {
        title: "Werkcentrum".into(),
        subtitle: "Gesprekken aan de balie, inwoners en doorverwijzingen naar partners.".into(),
        nav: Some(Nav::of(&s)),
        edit_href: None,
        actions: vec![
            ("Gesprek vastleggen", "/werkcentrum/gesprekken/nieuw".into()),
            ("Inwoner zoeken", "/werkcentrum/inwoners".into()),
            ("Alle doorverwijzingen", "/doorverwijzingen".into()),
            ("Locaties en spreekuren", "/spreekuren".into()),
        ],
        facts: Vec::new(),
        chips: Vec::new(),
        sections: vec![
            Section {
                title: "Verzoeken van inwoners".into(),
                table: Table {
                    columns: vec!["Naam", "Verzoek", "Vraag", "Ontvangen", "Status"],
                    rows: request_rows,
                    empty: "Er wachten geen verzoeken om een afspraak of terugbellen.",
                },
            },
            Section {
                title: "Doorverwijzingen zonder antwoord".into(),
                table: Table {
                    columns: vec!["Inwoner", "Naar", "Verstuurd", "Status"],
                    rows: referral_rows(&sent, false),
                    empty: "Elke doorverwijzing is beantwoord.",
                },
            },
            Section {
                title: "Laatste gesprekken".into(),
                table: Table {
                    columns: vec!["Wanneer", "Inwoner", "Vraag", "Kanaal", "Locatie", "Gids"],
                    rows: conversation_rows,
                    empty: "Nog geen gesprekken vastgelegd.",
                },
            },
            Section {
                title: format!("Gesprekken in {year}"),
                table: Table {
                    columns: vec!["Locatie", "Kanaal", "Vraag", "Aantal"],
                    rows: count_rows,
                    empty: "Nog geen gesprekken dit jaar.",
                },
            },
            Section {
                title: format!("Doorverwijzingen in {year}"),
                table: Table {
                    columns: vec!["Naar", "Status", "Aantal"],
                    rows: referred_rows,
                    empty: "Nog geen doorverwijzingen dit jaar.",
                },
            },
        ],
        forms: Vec::new(),
    };
    Ok(render(StatusCode::OK, &view))
}

/// The conversation form; with a known resident it asks nothing about them.
async fn conversation_fields(
    web: &Web,
    input: &ConversationInput,
    known: Option<&str>,
) -> Result<Vec<Field>, AppError> {
    let places = locations::open_locations(&web.ctx).await?;
    let place_options = places
        .iter()
        .map(|l| (l.id.to_string(), format!("{} ({})", l.name, l.city)))
        .collect();
    let value = |t: &Option<Text>| opt(t).unwrap_or_default().to_string();
    let mut fields = vec![
        Field::select(
            "channel",
            "Kanaal",
            input.channel.as_str(),
            Some("Kies"),
            options::<Channel>(),
        )
        .required(),
        Field::select(
            "locationId",
            "Locatie",
            value(&input.location_id),
            Some("Geen (telefoon of online)"),
            place_options,
        ),
        Field::select(
            "question",
            "Vraag",
            input.question.as_str(),
            Some("Kies"),
            options::<Question>(),
        )
        .required(),
        Field::select(
            "asker",
            "Wie vraagt",
            input.asker.as_str(),
            Some("Kies"),
            options::<Asker>(),
        )
        .required(),
        Field::text("occurredAt", "Wanneer", value(&input.occurred_at))
            .hint("Leeg laten voor nu; anders bijvoorbeeld 2026-03-31 14:30."),
        Field::text("advice", "Gegeven advies", value(&input.advice)).kind("textarea"),
        Field::text("nextStep", "Volgende stap", value(&input.next_step)).kind("textarea"),
    ];
    match known {
        Some(id) => fields.push(Field::hidden("residentId", id)),
        None => fields.extend([
            Field::checkbox("anonymous", "Anoniem: alleen tellen, geen inwoner registreren", input.anonymous.0),
            Field::text("name", "Naam inwoner", value(&input.name)),
            Field::text("birthDate", "Geboortedatum", value(&input.birth_date)).hint("Bijvoorbeeld 31-03-1980."),
            Field::text("phone", "Telefoon", value(&input.phone)),
            Field::text("email", "E-mailadres", value(&input.email)).kind("email"),
            Field::checkbox("consent", "De inwoner geeft toestemming om naam, geboortedatum en contactgegevens vast te leggen", input.consent.0)
                .hint("Vraag dit hardop. Zonder toestemming legt u het gesprek anoniem vast. De inwoner kan de gegevens inzien en laten wissen."),
        ]),
    }
    Ok(fields)
}

#[derive(Deserialize)]
struct NewQuery {
    inwoner: Option<i64>,
}

async fn new_conversation(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Query(q): Query<NewQuery>,
) -> Result<Response, UiError> {
    must(&s, Permission::RecordConversations)?;
    let input = ConversationInput::default();
    let (known, notice) = match q.inwoner {
        Some(id) => {
            let file = conversations::resident(&web.ctx, &s.actor, &meta, id).await?;
            (
                Some(id.to_string()),
                format!("Gesprek met {}.", file.resident.name),
            )
        }
        None => (None, String::new()),
    };
    let fields = conversation_fields(&web, &input, known.as_deref()).await?;
    let mut page = FormPage::new(
        &s,
        "Gesprek vastleggen",
        "/werkcentrum/gesprekken",
        None,
        fields,
        "/werkcentrum",
    );
    page.notice = notice;
    Ok(render(StatusCode::OK, &page))
}

async fn record(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    CsrfForm(post): CsrfForm<FormPost<ConversationInput>>,
) -> Result<Response, UiError> {
    let input = &post.input;
    match conversations::record(&web.ctx, &s.actor, &meta, input).await {
        Ok(r) => Ok(Redirect::to(&match r.resident_id {
            Some(id) => format!("/werkcentrum/inwoners/{id}"),
            None => "/werkcentrum".into(),
        })
        .into_response()),
        Err(e) => {
            let known = opt(&input.resident_id).map(str::to_string);
            let duplicate =
                matches!(&e, AppError::Invalid(f) if f.message_for(DUPLICATE_FIELD).is_some());
            let mut fields =
                conversation_fields(&web, input, known.as_deref().filter(|_| !duplicate)).await?;
            if duplicate {
                let found =
                    conversations::possible_duplicates(&web.ctx, &s.actor, &meta, input).await?;
                let choices = found
                    .iter()
                    .map(|r| {
                        (
                            r.id.to_string(),
                            format!(
                                "{}, geboren {} (sinds {})",
                                r.name,
                                r.birth_date.format("%d-%m-%Y"),
                                local_date(r.created_at)
                            ),
                        )
                    })
                    .collect();
                fields.push(Field::select(
                    DUPLICATE_FIELD,
                    "Bestaande inwoner",
                    known.unwrap_or_default(),
                    Some("Geen van deze"),
                    choices,
                ));
                fields.push(Field::checkbox(
                    "registerAnyway",
                    "Toch een nieuwe inwoner registreren",
                    false,
                ));
            }
            let page = FormPage::new(
                &s,
                "Gesprek vastleggen",
                "/werkcentrum/gesprekken",
                None,
                fields,
                "/werkcentrum",
            );
            Ok(form_error(page, e, Nav::of(&s)))
        }
    }
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
    input: &ReferralInput,
) -> Result<DetailPage, AppError> {
    let file = conversations::resident(&web.ctx, &s.actor, meta, id).await?;
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
            Section {
                title: "Doorverwijzingen".into(),
                table: Table {
                    columns: vec!["Inwoner", "Naar", "Verstuurd", "Status"],
                    rows: referral_rows(&views, false),
                    empty: "Nog niet doorverwezen.",
                },
            },
            Section {
                title: "Gesprekken".into(),
                table: Table {
                    columns: vec!["Wanneer", "Vraag", "Advies", "Volgende stap", "Gids"],
                    rows: conversation_rows,
                    empty: "Nog geen gesprekken.",
                },
            },
        ],
        forms: vec![referral_form(web, s, id, input).await?],
    })
}

async fn resident(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    must(&s, Permission::RecordConversations)?;
    let page = resident_page(&web, &s, &meta, id, &ReferralInput::default()).await?;
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
            let mut page = resident_page(&web, &s, &meta, id, &post.input).await?;
            if let Some(form) = page.forms.first_mut() {
                attach_errors(&mut form.fields, &errors);
            }
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(UiError(e)),
    }
}
