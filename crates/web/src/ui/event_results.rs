//! What an event yielded, recorded by choosing: a vacancy picked by name, or a placement or
//! contact moment of the participating employers since the event, chosen from a list.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use koppel_app::events::{self, EventDetail, ResultInput};
use koppel_app::input::opt;
use koppel_app::picking::PickKind;
use koppel_app::Meta;

use super::pick::PickForm;
use super::views::*;
use super::{form_error, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

/// The most placements and contact moments offered in the lists.
const MAX_OPTIONS: usize = 60;

/// The placements and contact moments of the event's employers from the event's date on, as
/// (id, "date: what (employer)") options, newest first.
async fn options_of(
    web: &Web,
    s: &UiSession,
    meta: &Meta,
    d: &EventDetail,
) -> Result<(Vec<(String, String)>, Vec<(String, String)>), UiError> {
    let mut placements = Vec::new();
    let mut moments = Vec::new();
    for p in &d.participants {
        let (Some(employer), Some(name)) = (p.employer_id, p.employer_name.as_deref()) else {
            continue;
        };
        let timeline = koppel_app::crm::timeline(&web.ctx, &s.actor, meta, employer).await?;
        for t in timeline
            .iter()
            .filter(|t| t.at.date_naive() >= d.event.event_date)
        {
            let date = koppel_app::domain::crm::utc_to_local(t.at).format("%d-%m-%Y");
            let label = format!("{date}: {} ({name})", t.title);
            match t.entry_type.as_str() {
                "placement" => placements.push((t.id.to_string(), label)),
                "contact_moment" => moments.push((t.id.to_string(), label)),
                _ => {}
            }
        }
    }
    placements.truncate(MAX_OPTIONS);
    moments.truncate(MAX_OPTIONS);
    Ok((placements, moments))
}

/// The result form's fields, with the lists of this event.
fn fields(
    input: &ResultInput,
    placements: Vec<(String, String)>,
    moments: Vec<(String, String)>,
) -> Vec<Field> {
    vec![
        Field::pick(
            "vacancyId",
            "Vacature",
            PickKind::Vacancy,
            opt(&input.vacancy_id).unwrap_or_default(),
        ),
        Field::select(
            "placementId",
            "Of een plaatsing",
            opt(&input.placement_id).unwrap_or_default(),
            Some(if placements.is_empty() {
                "Geen plaatsingen bij deze werkgevers sinds de bijeenkomst"
            } else {
                "Geen"
            }),
            placements,
        ),
        Field::select(
            "contactMomentId",
            "Of een contactmoment",
            opt(&input.contact_moment_id).unwrap_or_default(),
            Some(if moments.is_empty() {
                "Geen contactmomenten met deze werkgevers sinds de bijeenkomst"
            } else {
                "Geen"
            }),
            moments,
        ),
    ]
}

/// The "Resultaat vastleggen" form on the event's page.
pub async fn form(
    web: &Web,
    s: &UiSession,
    meta: &Meta,
    d: &EventDetail,
) -> Result<InlineForm, UiError> {
    let (placements, moments) = options_of(web, s, meta, d).await?;
    Ok(InlineForm {
        title: "Resultaat vastleggen".into(),
        action: format!("/bijeenkomsten/{}/resultaten", d.event.id),
        csrf: s.csrf.clone(),
        version: None,
        fields: fields(&ResultInput::default(), placements, moments),
        button: "Vastleggen",
    })
}

pub async fn add_result(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    form: PickForm,
) -> Result<Response, UiError> {
    let (post, picks): (FormPost<ResultInput>, _) = form
        .resolve(&web, &s, &meta, &[("vacancyId", PickKind::Vacancy)])
        .await?;
    let result = picks
        .then(events::add_result(
            &web.ctx,
            &s.actor,
            &meta,
            id,
            &post.input,
        ))
        .await;
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/bijeenkomsten/{id}")).into_response()),
        Err(e) => {
            let d = events::get(&web.ctx, &s.actor, &meta, id).await?;
            let (placements, moments) = options_of(&web, &s, &meta, &d).await?;
            let mut fields = fields(&post.input, placements, moments);
            picks.show(&web, &s, &meta, &mut fields).await?;
            let page = FormPage::new(
                &s,
                "Resultaat vastleggen",
                format!("/bijeenkomsten/{id}/resultaten"),
                None,
                fields,
                format!("/bijeenkomsten/{id}"),
            );
            Ok(form_error(page, e, Nav::of(&s)))
        }
    }
}
