//! The gids's desk in the Werkcentrum: the day's overview and recording a conversation
//! (anonymous or with a resident who consents, warned of a duplicate).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::{Datelike, Utc};
use koppel_app::desk::conversations::{self, ConversationInput, DUPLICATE_FIELD};
use koppel_app::desk::locations;
use koppel_app::desk::referrals;
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
}

/// A table of referrals: received (`incoming`: the column names the sender) or sent (the
/// receiver); those to follow up are marked.
pub(crate) fn referral_section(
    title: impl Into<String>,
    list: &[referrals::ReferralView],
    incoming: bool,
    empty: &'static str,
) -> Section {
    let rows = list
        .iter()
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
        .collect();
    Section {
        title: title.into(),
        table: Table {
            columns: vec![
                "Inwoner",
                if incoming { "Van" } else { "Naar" },
                "Verstuurd",
                "Status",
            ],
            rows,
            empty,
        },
    }
}

/// What waits for the desk: residents' requests for an appointment or a call back, and the
/// referrals sent that have no answer yet (those to follow up marked). The gids's start page and
/// the desk's overview show them first.
pub(crate) async fn waiting(
    web: &Web,
    s: &UiSession,
    meta: &koppel_app::Meta,
) -> Result<[Section; 2], AppError> {
    let (ctx, a) = (&web.ctx, &s.actor);
    let sent = referrals::list(ctx, a, meta, false, true).await?;
    let asked = koppel_app::desk::requests::list(ctx, a, meta).await?;
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
    Ok([
        Section {
            title: "Verzoeken van inwoners".into(),
            table: Table {
                columns: vec!["Naam", "Verzoek", "Vraag", "Ontvangen", "Status"],
                rows: request_rows,
                empty: "Er wachten geen verzoeken om een afspraak of terugbellen.",
            },
        },
        referral_section(
            "Doorverwijzingen zonder antwoord",
            &sent,
            false,
            "Elke doorverwijzing is beantwoord.",
        ),
    ])
}

async fn overview(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
) -> Result<Response, UiError> {
    must(&s, Permission::RecordConversations)?;
    let (ctx, a) = (&web.ctx, &s.actor);
    let [requests, waiting] = waiting(&web, &s, &meta).await?;
    let recent = conversations::recent(ctx, a, &meta, 25).await?;
    let year = Utc::now().year();
    let counts = conversations::year_counts(ctx, a, year).await?;
    let referred = referrals::year_counts(ctx, a, year).await?;
    let paid = koppel_app::desk::trajectories::outcome_counts(ctx, a, year).await?;
    let paid_rows = paid
        .iter()
        .map(|(kind, outcome, n)| {
            vec![
                Cell::text(kind),
                Cell::text(label::<koppel_app::domain::desk::TrajectoryOutcome>(
                    outcome,
                )),
                Cell::text(n.to_string()),
            ]
        })
        .collect();
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
    // Per location and per partner only: the factsheet has the full breakdowns.
    let count_rows = totals(counts.iter().map(|(loc, _, _, n)| {
        let place = loc.clone().unwrap_or_else(|| "telefoon of online".into());
        (place, None, *n)
    }));
    let referred_rows = totals(
        referred
            .iter()
            .map(|(org, status, n)| (org.clone(), Some(status.as_str()), *n)),
    );
    let view = DetailPage {
        title: "Werkcentrum".into(),
        subtitle: "Gesprekken aan de balie, inwoners en doorverwijzingen naar partners.".into(),
        nav: Some(Nav::of(&s)),
        edit_href: None,
        actions: vec![
            ("Gesprek vastleggen", "/werkcentrum/gesprekken/nieuw".into()),
            ("Inwoner zoeken", "/werkcentrum/inwoners".into()),
            ("Alle doorverwijzingen", "/doorverwijzingen".into()),
            ("Budget trajecten", "/werkcentrum/budget".into()),
            ("Alle cijfers (factsheet)", "/cijfers".into()),
            ("Locaties en spreekuren", "/spreekuren".into()),
        ],
        facts: Vec::new(),
        chips: Vec::new(),
        sections: vec![
            requests,
            waiting,
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
                    columns: vec!["Locatie", "Gesprekken"],
                    rows: count_rows,
                    empty: "Nog geen gesprekken dit jaar.",
                },
            },
            Section {
                title: format!("Doorverwijzingen in {year}"),
                table: Table {
                    columns: vec![
                        "Naar",
                        "Doorverwezen",
                        "Aangenomen",
                        "Teruggestuurd",
                        "Wacht",
                    ],
                    rows: referred_rows,
                    empty: "Nog geen doorverwijzingen dit jaar.",
                },
            },
            Section {
                title: format!("Trajecten gestart in {year}"),
                table: Table {
                    columns: vec!["Soort", "Uitkomst", "Aantal"],
                    rows: paid_rows,
                    empty: "Nog geen trajecten dit jaar.",
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

/// Counts summed per name, in the order the names first come: one column with the total, or
/// (when a status is given) the total and a column per referral status.
fn totals<'a>(counts: impl Iterator<Item = (String, Option<&'a str>, i64)>) -> Vec<Vec<Cell>> {
    let statuses = ["accepted", "returned", "sent"];
    let mut rows: Vec<(String, bool, [i64; 4])> = Vec::new();
    for (name, status, n) in counts {
        let i = match rows.iter().position(|r| r.0 == name) {
            Some(i) => i,
            None => {
                rows.push((name, status.is_some(), [0; 4]));
                rows.len() - 1
            }
        };
        rows[i].2[0] += n;
        if let Some(k) = status.and_then(|s| statuses.iter().position(|x| *x == s)) {
            rows[i].2[k + 1] += n;
        }
    }
    rows.into_iter()
        .map(|(name, by_status, c)| {
            let shown = if by_status { &c[..] } else { &c[..1] };
            std::iter::once(Cell::text(name))
                .chain(shown.iter().map(|n| Cell::text(n.to_string())))
                .collect()
        })
        .collect()
}
