//! The vacancy intake and edit form: a new vacancy (optionally for an employer), editing one
//! (with skills suggested from its occupation or its text), and saving either.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use koppel_app::domain::codes::{ContractType, EducationLevel, VacancyStatus};
use koppel_app::domain::permissions::Permission;
use koppel_app::input::{opt, Text};
use koppel_app::picking::PickKind;
use koppel_app::vacancies::{self, VacancyInput};

use super::pick::{name_picks, PickForm};
use super::views::*;
use super::{form_error, render, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

fn form_page(
    s: &UiSession,
    input: &VacancyInput,
    id: Option<i64>,
    version: Option<i64>,
) -> FormPage {
    let t = |v: &Option<Text>| opt(v).unwrap_or_default().to_string();
    let fields = vec![
        Field::pick(
            "employerId",
            "Werkgever",
            PickKind::Employer,
            input.employer_id.as_str(),
        )
        .required(),
        Field::text("title", "Functietitel", input.title.as_str()).required(),
        Field::text("description", "Omschrijving", t(&input.description)).kind("textarea"),
        Field::pick(
            "occupationUri",
            "Beroep",
            PickKind::Occupation,
            t(&input.occupation_uri),
        ),
        Field::text("hoursPerWeek", "Uren per week", t(&input.hours_per_week)).kind("number"),
        Field::select(
            "contractType",
            "Contractvorm",
            t(&input.contract_type),
            Some("Onbekend"),
            options::<ContractType>(),
        ),
        Field::select(
            "educationLevel",
            "Minimaal opleidingsniveau",
            t(&input.education_level),
            Some("Geen eis"),
            options::<EducationLevel>(),
        ),
        Field::text(
            "drivingLicences",
            "Rijbewijs",
            input.driving_licences.joined(),
        )
        .hint("Categorieën, gescheiden door komma's, bijvoorbeeld B, C1"),
        Field::text("languages", "Talen", languages_for_form(&input.languages))
            .hint(LANGUAGES_HINT),
        Field::text("postcode", "Postcode werkplek", t(&input.postcode)),
        Field::text("city", "Plaats werkplek", t(&input.city)),
        Field::text("closingDate", "Sluitingsdatum", t(&input.closing_date)).kind("date"),
        Field::text("positions", "Aantal plaatsen", t(&input.positions)).kind("number"),
        Field::select(
            "status",
            "Status",
            t(&input.status),
            None,
            options::<VacancyStatus>(),
        ),
        Field::checkbox("publish", "Publiceren in de vacaturekrant", input.publish.0),
        Field::skills(
            "essentialSkills",
            "Vereiste vaardigheden",
            input.essential_skills.lines(),
        ),
        Field::skills(
            "optionalSkills",
            "Gewenste vaardigheden",
            input.optional_skills.lines(),
        ),
        Field::text(
            "eligibleTargetGroups",
            "Alleen open voor doelgroepen",
            input.eligible_target_groups.joined(),
        )
        .hint("Doelgroepen, bijvoorbeeld banenafspraak; leeg: alle doelgroepen"),
        Field::checkbox(
            "jobCarving",
            "Ontstaan door functiecreatie (jobcarving)",
            input.job_carving.0,
        ),
        Field::text("carvedTasks", "Afgesplitste taken", t(&input.carved_tasks))
            .kind("textarea")
            .hint("Bij functiecreatie: welke taken vormen deze functie"),
        Field::text(
            "carvedFrom",
            "Afgesplitst van de functies",
            t(&input.carved_from),
        )
        .hint("Bij functiecreatie: uit welke bestaande functies"),
        Field::pick(
            "carvedForCandidateId",
            "Gemaakt voor kandidaat",
            PickKind::Candidate,
            t(&input.carved_for_candidate_id),
        ),
    ];
    let back = id
        .map(|i| format!("/vacatures/{i}"))
        .unwrap_or_else(|| "/vacatures".into());
    FormPage::new(
        s,
        if id.is_some() {
            String::from("Vacature bewerken")
        } else {
            String::from("Nieuwe vacature")
        },
        back.clone(),
        version,
        fields,
        back,
    )
}

#[derive(serde::Deserialize)]
pub(super) struct NewQuery {
    #[serde(rename = "employerId")]
    employer_id: Option<String>,
}

pub(super) async fn new_form(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Query(q): Query<NewQuery>,
) -> Result<Response, UiError> {
    s.actor.require(Permission::WriteVacancies)?;
    let input = VacancyInput {
        employer_id: Text(q.employer_id.unwrap_or_default()),
        ..Default::default()
    };
    let mut page = form_page(&s, &input, None, None);
    name_picks(&web, &s, &meta, &mut page.fields).await?;
    Ok(render(StatusCode::OK, &page))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct EditQuery {
    /// Propose the skills the description names.
    uit_tekst: Option<String>,
}

pub(super) async fn edit_form(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    Query(q): Query<EditQuery>,
) -> Result<Response, UiError> {
    s.actor.require(Permission::WriteVacancies)?;
    let v = vacancies::get(&web.ctx, &s.actor, id).await?;
    let mut input = VacancyInput::from_vacancy(&v);
    let mut page_summary = String::new();
    // Without skills yet, suggest the occupation's skills from the taxonomy, for the adviser to confirm.
    if let (true, Some(occupation)) = (v.skills.is_empty(), v.occupation_uri.as_deref()) {
        let suggested = koppel_app::taxonomy_import::suggestions(&web.ctx, occupation).await?;
        if !suggested.is_empty() {
            input.essential_skills = koppel_app::input::List(
                suggested
                    .iter()
                    .filter(|x| x.2)
                    .map(|x| x.1.clone())
                    .collect(),
            );
            input.optional_skills = koppel_app::input::List(
                suggested
                    .iter()
                    .filter(|x| !x.2)
                    .map(|x| x.1.clone())
                    .collect(),
            );
            page_summary = "De vaardigheden zijn voorgesteld op grond van het beroep. Controleer ze en sla op om ze over te nemen.".into();
        }
    }
    if q.uit_tekst.is_some() {
        let found = koppel_app::skill_extraction::find_skills(&web.ctx, &v.description).await?;
        page_summary = super::found_skills_notice(
            &found,
            &mut input.optional_skills,
            &v.skills.iter().map(|x| x.uri.clone()).collect::<Vec<_>>(),
            "de omschrijving",
            "als gewenste vaardigheden",
        );
    }
    let mut page = form_page(&s, &input, Some(id), Some(v.version));
    name_picks(&web, &s, &meta, &mut page.fields).await?;
    page.notice = page_summary;
    Ok(render(StatusCode::OK, &page))
}

/// The references the vacancy form picks by name.
const PICKS: &[(&str, PickKind)] = &[
    ("employerId", PickKind::Employer),
    ("occupationUri", PickKind::Occupation),
    ("carvedForCandidateId", PickKind::Candidate),
];

pub(super) async fn create(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    form: PickForm,
) -> Result<Response, UiError> {
    let (post, picks): (FormPost<VacancyInput>, _) = form.resolve(&web, &s, &meta, PICKS).await?;
    let result = picks
        .then(vacancies::create(&web.ctx, &s.actor, &meta, &post.input))
        .await;
    match result {
        Ok(v) => Ok(Redirect::to(&format!("/vacatures/{}", v.id)).into_response()),
        Err(err) => {
            let mut page = form_page(&s, &post.input, None, None);
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
    let (post, picks): (FormPost<VacancyInput>, _) = form.resolve(&web, &s, &meta, PICKS).await?;
    let version = post.read_version()?;
    let result = picks
        .then(vacancies::update(
            &web.ctx,
            &s.actor,
            &meta,
            id,
            version,
            &post.input,
        ))
        .await;
    match result {
        Ok(v) => Ok(Redirect::to(&format!("/vacatures/{}", v.id)).into_response()),
        Err(err) => {
            let mut page = form_page(&s, &post.input, Some(id), Some(version));
            picks.show(&web, &s, &meta, &mut page.fields).await?;
            Ok(form_error(page, err, Nav::of(&s)))
        }
    }
}
