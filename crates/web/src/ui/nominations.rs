//! Nomination pages: my nominations, a vacancy's board, propose, move a nomination on, and
//! record the placement it ends in (placements themselves: `placements`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use koppel_app::domain::codes::CodeList;
use koppel_app::domain::nomination::NominationState;
use koppel_app::domain::permissions::Permission;
use koppel_app::input::opt;
use koppel_app::nominations::{self, NominationInput, NominationStepInput};
use koppel_app::picking::PickKind;
use koppel_app::placements::{self, PlacementInput};

use super::pick::PickForm;
use super::views::*;
use super::{form_error, must, render, CsrfForm, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/voordrachten", get(mine).post(create))
        .route("/vacatures/{id}/bord", get(board))
        .route("/voordrachten/{id}", get(detail).post(step))
        .route("/voordrachten/{id}/plaatsing", post(place))
}

#[derive(serde::Deserialize, serde::Serialize, Clone, Default)]
struct MineQuery {
    status: Option<String>,
}

/// The nominations I proposed, with a filter on their state.
async fn mine(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    axum::extract::Query(q): axum::extract::Query<MineQuery>,
) -> Result<Response, UiError> {
    let query = nominations::NominationQuery {
        mine: Some(true),
        state: q.status.clone(),
        ..Default::default()
    };
    let list = nominations::list(&web.ctx, &s.actor, &meta, &query).await?;
    let stale_after = web.ctx.settings.stale_nomination_days;
    let now = chrono::Utc::now();
    let rows = list
        .iter()
        .map(|n| {
            let days = (now - n.updated_at).num_days();
            let running = !nominations::next_states(&n.state).is_empty();
            vec![
                Cell::link(&n.candidate_name, format!("/voordrachten/{}", n.id)),
                Cell::link(&n.vacancy_title, format!("/vacatures/{}", n.vacancy_id)),
                Cell::text(&n.employer_name),
                Cell::badge(label::<NominationState>(&n.state)),
                Cell::text(if running && days >= stale_after {
                    format!("{days} dagen (blijft liggen)")
                } else {
                    format!("{days} dagen")
                }),
            ]
        })
        .collect();
    let view = ListPage {
        title: "Mijn voordrachten".into(),
        nav: Some(Nav::of(&s)),
        new_href: None,
        new_label: "",
        fields: vec![Field::select(
            "status",
            "Status",
            q.status.clone().unwrap_or_default(),
            Some("Alle statussen"),
            options::<NominationState>(),
        )],
        total: list.len() as i64,
        table: Table {
            columns: vec![
                "Kandidaat",
                "Vacature",
                "Werkgever",
                "Status",
                "Sinds laatste stap",
            ],
            rows,
            empty: "Geen voordrachten.",
        },
        page: 1,
        pages: 1,
        paging: Paging::default(),
        headers: Header::plain(&[
            "Kandidaat",
            "Vacature",
            "Werkgever",
            "Status",
            "Sinds laatste stap",
        ]),
        export_href: None,
        import_href: None,
    };
    Ok(render(StatusCode::OK, &view))
}

/// The board of a vacancy: a column per state, a card per nomination of a candidate in scope.
async fn board(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    must(&s, Permission::ReadCandidates)?;
    let err = |e| UiError(e);
    let v = koppel_app::vacancies::get(&web.ctx, &s.actor, id)
        .await
        .map_err(err)?;
    let noms = nominations::for_vacancy(&web.ctx, &s.actor, &meta, id)
        .await
        .map_err(err)?;
    let stale_after = web.ctx.settings.stale_nomination_days;
    let now = chrono::Utc::now();
    let columns = NominationState::ALL
        .iter()
        .map(|state| Column {
            label: state.label().to_string(),
            cards: noms
                .iter()
                .filter(|n| n.state == state.code())
                .map(|n| {
                    let days = (now - n.updated_at).num_days();
                    let stale = !state.next_states().is_empty() && days >= stale_after;
                    Card {
                        name: n.candidate_name.clone(),
                        href: format!("/voordrachten/{}", n.id),
                        note: format!(
                            "{days} dagen geleden{}",
                            if stale { ", blijft liggen" } else { "" }
                        ),
                        stale,
                    }
                })
                .collect(),
        })
        .collect();
    let view = BoardPage {
        title: format!("Voordrachten: {}", v.title),
        subtitle: v.employer_name.clone(),
        nav: Some(Nav::of(&s)),
        back_href: format!("/vacatures/{id}"),
        columns,
    };
    Ok(render(StatusCode::OK, &view))
}

fn nominate_fields(input: &NominationInput) -> Vec<Field> {
    vec![
        Field::pick(
            "vacancyId",
            "Vacature",
            PickKind::Vacancy,
            input.vacancy_id.as_str(),
        )
        .required(),
        Field::pick(
            "candidateId",
            "Kandidaat",
            PickKind::Candidate,
            input.candidate_id.as_str(),
        )
        .required(),
    ]
}

/// The references a nomination picks by name.
pub(super) const PICKS: &[(&str, PickKind)] = &[
    ("vacancyId", PickKind::Vacancy),
    ("candidateId", PickKind::Candidate),
];

async fn create(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    form: PickForm,
) -> Result<Response, UiError> {
    let (post, picks): (FormPost<NominationInput>, _) =
        form.resolve(&web, &s, &meta, PICKS).await?;
    // Several candidates at once: numbers separated by commas or spaces, one nomination each.
    let ids: Vec<String> = post
        .input
        .candidate_id
        .as_str()
        .split([',', ' ', ';'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect();
    let result = if let Some(refused) = picks.refusal() {
        Err(refused)
    } else if ids.len() > 1 {
        nominations::create_many(
            &web.ctx,
            &s.actor,
            &meta,
            post.input.vacancy_id.as_str(),
            &ids,
        )
        .await
        .map(|list| list.first().map(|n| n.vacancy_id))
    } else {
        nominations::create(&web.ctx, &s.actor, &meta, &post.input)
            .await
            .map(|n| Some(-n.id))
    };
    match result {
        // One nomination: open it. Several: open the vacancy's board.
        Ok(Some(id)) if id < 0 => {
            Ok(Redirect::to(&format!("/voordrachten/{}", -id)).into_response())
        }
        Ok(Some(vacancy)) => {
            Ok(Redirect::to(&format!("/vacatures/{vacancy}/bord")).into_response())
        }
        Ok(None) => Ok(Redirect::to("/voordrachten").into_response()),
        Err(err) => {
            let mut page = FormPage::new(
                &s,
                "Kandidaat voordragen",
                "/voordrachten",
                None,
                nominate_fields(&post.input),
                "/vacatures",
            );
            picks.show(&web, &s, &meta, &mut page.fields).await?;
            Ok(form_error(page, err, Nav::of(&s)))
        }
    }
}

/// The coded reason in Dutch, with the explanation.
fn reason_text(n: &koppel_app::store::nominations::Nomination) -> String {
    use koppel_app::domain::nomination::{DeclineReason, NotPlacedReason};
    let coded = n.reason_code.as_deref().map(|c| {
        if n.state == "declined" {
            label::<DeclineReason>(c)
        } else {
            label::<NotPlacedReason>(c)
        }
    });
    match (coded, &n.reason) {
        (Some(c), Some(r)) => format!("{c} ({r})"),
        (Some(c), None) => c,
        (None, Some(r)) => r.clone(),
        (None, None) => "–".into(),
    }
}

fn step_fields(state: &str, input: &NominationStepInput) -> Vec<Field> {
    let next: Vec<(String, String)> = nominations::next_states(state)
        .into_iter()
        .filter(|(code, _)| code != NominationState::Placed.code())
        .collect();
    let mut fields = vec![Field::select(
        "state",
        "Nieuwe status",
        input.state.as_str(),
        Some("Kies de nieuwe status"),
        next.clone(),
    )
    .required()];
    // The reasons of every ending step that is possible from here, in one list.
    let mut reasons: Vec<(String, String)> = Vec::new();
    for (code, label) in &next {
        for (r, l) in nominations::reason_options(code) {
            if !reasons.iter().any(|(c, _)| *c == r) {
                reasons.push((
                    r.clone(),
                    if r == "other" {
                        l
                    } else {
                        format!("{label}: {l}")
                    },
                ));
            }
        }
    }
    if !reasons.is_empty() {
        fields.push(Field::select(
            "reasonCode",
            "Reden",
            opt(&input.reason_code).unwrap_or_default(),
            Some("Alleen bij afwijzing of niet geplaatst"),
            reasons,
        ));
        fields.push(
            Field::text(
                "reason",
                "Toelichting",
                opt(&input.reason).unwrap_or_default(),
            )
            .hint("Verplicht bij een andere reden"),
        );
    }
    fields
}

async fn detail(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    let n = nominations::get(&web.ctx, &s.actor, &meta, id).await?;
    let facts = vec![
        ("Kandidaat", n.candidate_name.clone()),
        ("Vacature", n.vacancy_title.clone()),
        ("Werkgever", n.employer_name.clone()),
        ("Status", label::<NominationState>(&n.state)),
        ("Reden", reason_text(&n)),
        ("Voorgedragen door", n.proposed_by_name.clone()),
        ("Voorgedragen op", local_date(n.created_at)),
        ("Laatst gewijzigd", local_time(n.updated_at)),
    ];
    let mut forms = Vec::new();
    if s.actor.can(Permission::WriteNominations) {
        if !nominations::next_states(&n.state).is_empty() {
            forms.push(InlineForm {
                title: "Status wijzigen".into(),
                action: format!("/voordrachten/{id}"),
                csrf: s.csrf.clone(),
                version: Some(n.version),
                fields: step_fields(&n.state, &NominationStepInput::default()),
                button: "Status opslaan",
            });
        }
        if n.state == NominationState::Offer.code() {
            forms.push(InlineForm {
                title: "Plaatsing vastleggen".into(),
                action: format!("/voordrachten/{id}/plaatsing"),
                csrf: s.csrf.clone(),
                version: Some(n.version),
                fields: super::placements::placement_fields(&PlacementInput::default()),
                button: "Plaatsing vastleggen",
            });
        }
    }
    let view = DetailPage {
        chips: Vec::new(),
        title: format!("Voordracht van {}", n.candidate_name),
        subtitle: format!("{} bij {}", n.vacancy_title, n.employer_name),
        nav: Some(Nav::of(&s)),
        edit_href: None,
        actions: vec![
            ("Kandidaat", format!("/kandidaten/{}", n.candidate_id)),
            ("Vacature", format!("/vacatures/{}", n.vacancy_id)),
            (
                "Instrumenten die kunnen passen",
                format!("/voordrachten/{}/instrumenten", n.id),
            ),
        ],
        facts,
        sections: Vec::new(),
        forms,
    };
    Ok(render(StatusCode::OK, &view))
}

async fn step(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<NominationStepInput>>,
) -> Result<Response, UiError> {
    let version = post.read_version()?;
    match nominations::step(&web.ctx, &s.actor, &meta, id, version, &post.input).await {
        Ok(n) => Ok(Redirect::to(&format!("/voordrachten/{}", n.id)).into_response()),
        Err(err) => {
            let current = nominations::get(&web.ctx, &s.actor, &meta, id).await?;
            let page = FormPage::new(
                &s,
                "Status wijzigen",
                format!("/voordrachten/{id}"),
                Some(version),
                step_fields(&current.state, &post.input),
                format!("/voordrachten/{id}"),
            );
            Ok(form_error(page, err, Nav::of(&s)))
        }
    }
}

async fn place(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(post): CsrfForm<FormPost<PlacementInput>>,
) -> Result<Response, UiError> {
    let version = post.read_version()?;
    match placements::create(&web.ctx, &s.actor, &meta, id, version, &post.input).await {
        Ok(p) => Ok(Redirect::to(&format!("/plaatsingen/{}", p.id)).into_response()),
        Err(err) => {
            let page = FormPage::new(
                &s,
                "Plaatsing vastleggen",
                format!("/voordrachten/{id}/plaatsing"),
                Some(version),
                super::placements::placement_fields(&post.input),
                format!("/voordrachten/{id}"),
            );
            Ok(form_error(page, err, Nav::of(&s)))
        }
    }
}
