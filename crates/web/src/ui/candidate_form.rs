//! The candidate form: the warm handover (a new candidate) and editing one.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use koppel_app::candidates::{self, CandidateInput};
use koppel_app::domain::codes::{ConsentScope, EducationLevel};
use koppel_app::domain::permissions::Permission;
use koppel_app::input::{opt, Text};
use koppel_app::picking::PickKind;

use super::pick::{name_picks, PickForm};
use super::views::*;
use super::{form_error, render, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub(super) async fn form_page(
    web: &Web,
    s: &UiSession,
    input: &CandidateInput,
    id: Option<i64>,
    version: Option<i64>,
) -> Result<FormPage, UiError> {
    let t = |v: &Option<Text>| opt(v).unwrap_or_default().to_string();
    let fields = vec![
        Field::text("firstName", "Voornaam", input.first_name.as_str()).required(),
        Field::text("lastName", "Achternaam", input.last_name.as_str()).required(),
        Field::text("email", "E-mailadres", t(&input.email)).kind("email"),
        Field::text("phone", "Telefoon", t(&input.phone)),
        Field::text("postcode", "Postcode", t(&input.postcode)),
        Field::text("city", "Woonplaats", t(&input.city)),
        Field::select(
            "targetGroup",
            "Doelgroep",
            input.target_group.as_str(),
            Some("Kies een doelgroep"),
            target_group_options(web, s).await?,
        )
        .required(),
        Field::text(
            "targetGroupEvidence",
            "Bewijs doelgroep",
            t(&input.target_group_evidence),
        )
        .hint("Bijvoorbeeld het uitkeringsbesluit"),
        Field::text(
            "targetGroupValidUntil",
            "Doelgroep geldig tot",
            t(&input.target_group_valid_until),
        )
        .kind("date"),
        Field::checkbox("workReady", "Werkfit", input.work_ready.0),
        Field::text(
            "workReadyAssessedOn",
            "Werkfit beoordeeld op",
            t(&input.work_ready_assessed_on),
        )
        .kind("date"),
        Field::checkbox(
            "consentWsp",
            "Toestemming om te delen met alle partners van het WSP",
            input.consent_wsp.0,
        ),
        Field::text("consentDate", "Datum toestemming", t(&input.consent_date)).kind("date"),
        Field::select(
            "consentScope",
            "Toestemming geldt voor",
            t(&input.consent_scope),
            Some("Kies (bij toestemming)"),
            options::<ConsentScope>(),
        ),
        Field::text(
            "availableFrom",
            "Beschikbaar vanaf",
            t(&input.available_from),
        )
        .kind("date"),
        Field::text("hoursPerWeek", "Uren per week", t(&input.hours_per_week)).kind("number"),
        Field::select(
            "educationLevel",
            "Opleidingsniveau",
            t(&input.education_level),
            Some("Onbekend"),
            options::<EducationLevel>(),
        ),
        Field::text(
            "drivingLicences",
            "Rijbewijs",
            input.driving_licences.joined(),
        )
        .hint("Categorieën, gescheiden door komma's, bijvoorbeeld B"),
        Field::text("languages", "Talen", languages_for_form(&input.languages))
            .hint(LANGUAGES_HINT),
        Field::text(
            "maxTravelKm",
            "Maximale reisafstand (km)",
            t(&input.max_travel_km),
        )
        .kind("number"),
        Field::skills("skills", "Vaardigheden", input.skills.lines()),
        Field::text("wishes", "Wensen van de kandidaat", t(&input.wishes)).kind("textarea"),
        Field::pick(
            "desiredOccupationUri",
            "Gewenst beroep",
            PickKind::Occupation,
            t(&input.desired_occupation_uri),
        ),
    ];
    let back = id
        .map(|i| format!("/kandidaten/{i}"))
        .unwrap_or_else(|| "/kandidaten".into());
    Ok(FormPage::new(
        s,
        match (id, input.target_group.as_str()) {
            (Some(_), _) => "Kandidaat bewerken",
            // The Oekraïnebalie registers its own intakes rather than receiving a handover.
            (None, "oekraine") => "Oekraïense kandidaat inschrijven",
            (None, _) => "Kandidaat overdragen",
        },
        back.clone(),
        version,
        fields,
        back,
    ))
}

#[derive(serde::Deserialize)]
pub(super) struct NewQuery {
    /// The target group to start with (the Oekraïnebalie starts with `oekraine`).
    #[serde(rename = "targetGroup", default)]
    target_group: String,
    /// A referral from the Werkcentrum the candidate is registered from.
    doorverwijzing: Option<i64>,
}

pub(super) async fn new_form(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Query(q): Query<NewQuery>,
) -> Result<Response, UiError> {
    s.actor.require(Permission::WriteCandidates)?;
    let mut input = CandidateInput {
        target_group: Text(q.target_group),
        ..Default::default()
    };
    let mut notice = String::new();
    if let Some(id) = q.doorverwijzing {
        let p =
            koppel_app::desk::referrals::candidate_proposal(&web.ctx, &s.actor, &meta, id).await?;
        input.first_name = Text(p.first_name);
        input.last_name = Text(p.last_name);
        input.phone = p.phone.map(Text);
        input.email = p.email.map(Text);
        notice = format!(
            "Uit de doorverwijzing van het Werkcentrum. Notitie van de gids: {}",
            if p.note.is_empty() { "–" } else { &p.note }
        );
    }
    let mut page = form_page(&web, &s, &input, None, None).await?;
    if let Some(id) = q.doorverwijzing {
        page.action = format!("/kandidaten?doorverwijzing={id}");
        page.notice = notice;
    }
    Ok(render(StatusCode::OK, &page))
}

#[derive(serde::Deserialize)]
pub(super) struct CreateQuery {
    doorverwijzing: Option<i64>,
}

/// The references the candidate form picks by name.
const PICKS: &[(&str, PickKind)] = &[("desiredOccupationUri", PickKind::Occupation)];

pub(super) async fn edit_form(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    s.actor.require(Permission::WriteCandidates)?;
    let c = candidates::get_for_edit(&web.ctx, &s.actor, &meta, id).await?;
    let input = CandidateInput::from_candidate(&c);
    let mut page = form_page(&web, &s, &input, Some(id), Some(c.version)).await?;
    name_picks(&web, &s, &meta, &mut page.fields).await?;
    Ok(render(StatusCode::OK, &page))
}

pub(super) async fn create(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Query(q): Query<CreateQuery>,
    form: PickForm,
) -> Result<Response, UiError> {
    let (post, picks): (FormPost<CandidateInput>, _) = form.resolve(&web, &s, &meta, PICKS).await?;
    let result = picks
        .then(candidates::create(&web.ctx, &s.actor, &meta, &post.input))
        .await;
    match result {
        Ok(c) => {
            if let Some(referral) = q.doorverwijzing {
                koppel_app::desk::referrals::link_candidate(
                    &web.ctx, &s.actor, &meta, referral, c.id,
                )
                .await?;
            }
            Ok(Redirect::to(&format!("/kandidaten/{}", c.id)).into_response())
        }
        Err(err) => {
            let mut page = form_page(&web, &s, &post.input, None, None).await?;
            if let Some(id) = q.doorverwijzing {
                page.action = format!("/kandidaten?doorverwijzing={id}");
            }
            picks.show(&web, &s, &meta, &mut page.fields).await?;
            Ok(form_error(page, err, Nav::of(&s)))
        }
    }
}

pub(super) async fn update(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    form: PickForm,
) -> Result<Response, UiError> {
    let (post, picks): (FormPost<CandidateInput>, _) = form.resolve(&web, &s, &meta, PICKS).await?;
    let version = post.read_version()?;
    let result = picks
        .then(candidates::update(
            &web.ctx,
            &s.actor,
            &meta,
            id,
            version,
            &post.input,
        ))
        .await;
    match result {
        Ok(c) => Ok(Redirect::to(&format!("/kandidaten/{}", c.id)).into_response()),
        Err(err) => {
            let mut page = form_page(&web, &s, &post.input, Some(id), Some(version)).await?;
            picks.show(&web, &s, &meta, &mut page.fields).await?;
            Ok(form_error(page, err, Nav::of(&s)))
        }
    }
}

/// The target groups to choose from, by name.
pub(super) async fn target_group_options(
    web: &Web,
    _s: &UiSession,
) -> Result<Vec<(String, String)>, UiError> {
    let lists = koppel_app::reference::code_lists(&web.ctx).await?;
    Ok(lists
        .target_groups
        .into_iter()
        .map(|c| (c.code, c.label))
        .collect())
}
