//! Vacancy pages: list with search and filters, detail with skills and nominations, intake and edit.

use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use koppel_app::domain::codes::{Cluster, ContractType, EducationLevel, VacancyStatus};
use koppel_app::domain::nomination::NominationState;
use koppel_app::domain::permissions::Permission;
use koppel_app::input::{opt, Text};
use koppel_app::nominations;
use koppel_app::vacancies::{self, VacancyInput, VacancyQuery};

use super::views::*;
use super::{check_csrf, form_error, paging_links, render, FormPost, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/vacatures", get(list).post(create))
        .route("/vacatures/nieuw", get(new_form))
        .route("/vacatures/{id}", get(detail).post(update))
        .route("/vacatures/{id}/bewerken", get(edit_form))
}

async fn list(
    State(web): State<Web>,
    s: UiSession,
    Query(q): Query<VacancyQuery>,
) -> Result<Response, UiError> {
    let page = vacancies::list(&web.ctx, &s.actor, &q)
        .await
        .map_err(|e| UiError(e, Some(Nav::of(&s))))?;
    let rows = page
        .items
        .iter()
        .map(|v| {
            vec![
                Cell::link(&v.title, format!("/vacatures/{}", v.id)),
                Cell::link(&v.employer_name, format!("/werkgevers/{}", v.employer_id)),
                Cell::text(&v.city),
                Cell::text(
                    v.hours_per_week
                        .map(|h| format!("{h} uur"))
                        .unwrap_or_else(|| "–".into()),
                ),
                Cell::text(label::<VacancyStatus>(&v.status)),
            ]
        })
        .collect();
    let (prev_href, next_href) = paging_links(
        "/vacatures",
        &q,
        |q, p| q.page = Some(p),
        page.page,
        page.pages(),
    );
    let fields = vec![
        Field::text("q", "Zoeken", q.q.clone().unwrap_or_default())
            .hint("Functie, werkgever of plaats"),
        Field::select(
            "status",
            "Status",
            q.status.clone().unwrap_or_default(),
            Some("Alle statussen"),
            options::<VacancyStatus>(),
        ),
        Field::select(
            "cluster",
            "Cluster",
            q.cluster.clone().unwrap_or_default(),
            Some("Alle clusters"),
            options::<Cluster>(),
        ),
    ];
    let view = ListPage {
        title: "Vacatures".into(),
        nav: Some(Nav::of(&s)),
        new_href: s
            .actor
            .can(Permission::WriteVacancies)
            .then(|| "/vacatures/nieuw".to_string()),
        new_label: "Nieuwe vacature",
        fields,
        table: Table {
            columns: vec!["Functie", "Werkgever", "Plaats", "Uren", "Status"],
            rows,
            empty: "Geen vacatures gevonden.",
        },
        total: page.total,
        page: page.page,
        pages: page.pages(),
        prev_href,
        next_href,
        export_href: Some(format!(
            "/vacatures/export?{}&",
            serde_urlencoded::to_string(&q).unwrap_or_default()
        )),
        import_href: s
            .actor
            .can(koppel_domain::permissions::Permission::WriteVacancies)
            .then(|| "/importeren".to_string()),
    };
    Ok(render(StatusCode::OK, &view))
}

async fn detail(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    let nav = || Some(Nav::of(&s));
    let v = vacancies::get(&web.ctx, &s.actor, id)
        .await
        .map_err(|e| UiError(e, nav()))?;
    let noms = nominations::for_vacancy(&web.ctx, &s.actor, &meta, id)
        .await
        .map_err(|e| UiError(e, nav()))?;
    let facts = vec![
        ("Werkgever", v.employer_name.clone()),
        ("Beroep", or_dash(&v.occupation_label)),
        ("Status", label::<VacancyStatus>(&v.status)),
        (
            "Uren per week",
            v.hours_per_week
                .map(|h| h.to_string())
                .unwrap_or_else(|| "–".into()),
        ),
        (
            "Contractvorm",
            v.contract_type
                .as_deref()
                .map(label::<ContractType>)
                .unwrap_or_else(|| "–".into()),
        ),
        (
            "Opleidingsniveau",
            v.education_level
                .as_deref()
                .map(label::<EducationLevel>)
                .unwrap_or_else(|| "–".into()),
        ),
        (
            "Rijbewijs",
            if v.driving_licences.is_empty() {
                "–".into()
            } else {
                v.driving_licences.clone()
            },
        ),
        ("Talen", languages(&v.languages)),
        (
            "Werkplek",
            format!("{} {}", v.postcode.clone().unwrap_or_default(), v.city),
        ),
        (
            "Sluitingsdatum",
            v.closing_date
                .map(|d| d.format("%d-%m-%Y").to_string())
                .unwrap_or_else(|| "–".into()),
        ),
        ("Aantal plaatsen", v.positions.to_string()),
        ("In de vacaturekrant", yes_no(v.publish)),
        (
            "Open voor doelgroepen",
            if v.eligible_target_groups.is_empty() {
                "alle".into()
            } else {
                v.eligible_target_groups.replace(',', ", ")
            },
        ),
        ("Omschrijving", v.description.clone()),
        (
            "Functiecreatie",
            if v.job_carving {
                format!(
                    "ja: {} (afgesplitst van {}){}",
                    v.carved_tasks,
                    v.carved_from,
                    v.carved_for_candidate_id
                        .map(|c| format!(", voor kandidaat {c}"))
                        .unwrap_or_default()
                )
            } else {
                "nee".into()
            },
        ),
    ];
    let mut sections = vec![Section {
        title: "Vaardigheden".into(),
        table: Table {
            columns: vec!["Vaardigheid", "Soort"],
            rows: v
                .skills
                .iter()
                .map(|k| {
                    vec![
                        Cell::text(k.label.clone().unwrap_or_else(|| k.uri.clone())),
                        Cell::text(if k.essential { "vereist" } else { "gewenst" }),
                    ]
                })
                .collect(),
            empty: "Geen vaardigheden vastgelegd.",
        },
    }];
    if s.actor.can(Permission::ReadCandidates) {
        sections.push(Section {
            title: "Voordrachten".into(),
            table: Table {
                columns: vec!["Kandidaat", "Status", "Door", "Datum"],
                rows: noms
                    .iter()
                    .map(|n| {
                        vec![
                            Cell::link(
                                &n.candidate_name,
                                format!("/kandidaten/{}", n.candidate_id),
                            ),
                            Cell::link(
                                label::<NominationState>(&n.state),
                                format!("/voordrachten/{}", n.id),
                            ),
                            Cell::text(&n.proposed_by_name),
                            Cell::text(n.created_at.format("%d-%m-%Y").to_string()),
                        ]
                    })
                    .collect(),
                empty: "Geen voordrachten van kandidaten die u mag zien.",
            },
        });
    }
    let view = DetailPage {
        title: v.title.clone(),
        subtitle: v.employer_name.clone(),
        nav: nav(),
        edit_href: s
            .actor
            .can(Permission::WriteVacancies)
            .then(|| format!("/vacatures/{id}/bewerken")),
        actions: {
            let mut a = vec![("Werkgever", format!("/werkgevers/{}", v.employer_id))];
            if s.actor.can(Permission::ReadCandidates) {
                a.push(("Kandidaten zoeken", format!("/vacatures/{id}/kandidaten")));
                a.push(("Voordrachtenbord", format!("/vacatures/{id}/bord")));
            }
            if s.actor.can(Permission::WriteVacancies) {
                a.push(("VUM-gegevens", format!("/vacatures/{id}/vum")));
            }
            if s.actor.can(Permission::WriteVacancies) && !v.description.trim().is_empty() {
                a.push((
                    "Vaardigheden uit de omschrijving",
                    format!("/vacatures/{id}/bewerken?uitTekst=1"),
                ));
            }
            a
        },
        facts,
        sections,
        forms: nominate_form(&s, &v),
    };
    Ok(render(StatusCode::OK, &view))
}

/// The "propose a candidate" form, for users who may nominate, on vacancies that take nominations.
fn nominate_form(s: &UiSession, v: &koppel_app::store::vacancies::Vacancy) -> Vec<InlineForm> {
    if !s.actor.can(Permission::WriteNominations) || !(v.status == "open" || v.status == "on_hold")
    {
        return Vec::new();
    }
    vec![InlineForm {
        title: "Kandidaat voordragen".into(),
        action: "/voordrachten".into(),
        csrf: s.csrf.clone(),
        version: None,
        fields: vec![
            Field::hidden("vacancyId", v.id.to_string()),
            Field::text("candidateId", "Kandidaatnummer(s)", "")
                .required()
                .hint("Het nummer staat op de pagina van de kandidaat; meerdere gescheiden door komma's"),
        ],
        button: "Voordragen",
    }]
}

fn form_page(
    s: &UiSession,
    input: &VacancyInput,
    id: Option<i64>,
    version: Option<i64>,
) -> FormPage {
    let t = |v: &Option<Text>| opt(v).unwrap_or_default().to_string();
    let fields = vec![
        Field::text("employerId", "Werkgever (id)", input.employer_id.as_str())
            .required()
            .kind("number"),
        Field::text("title", "Functietitel", input.title.as_str()).required(),
        Field::text("description", "Omschrijving", t(&input.description)).kind("textarea"),
        Field::text(
            "occupationUri",
            "Beroep (ESCO- of CompetentNL-URI)",
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
        Field::text("languages", "Talen", input.languages.joined())
            .hint("Bijvoorbeeld nld:3 (taalcode en niveau 0-4)"),
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
        Field::text(
            "essentialSkills",
            "Vereiste vaardigheden",
            input.essential_skills.joined(),
        )
        .kind("textarea"),
        Field::text(
            "optionalSkills",
            "Gewenste vaardigheden",
            input.optional_skills.joined(),
        )
        .kind("textarea"),
        Field::text(
            "eligibleTargetGroups",
            "Alleen open voor doelgroepen",
            input.eligible_target_groups.joined(),
        )
        .hint("Doelgroepcodes, bijvoorbeeld banenafspraak; leeg: alle doelgroepen"),
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
        Field::text(
            "carvedForCandidateId",
            "Gemaakt voor kandidaat (nummer)",
            t(&input.carved_for_candidate_id),
        )
        .kind("number"),
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
struct NewQuery {
    #[serde(rename = "employerId")]
    employer_id: Option<String>,
}

async fn new_form(s: UiSession, Query(q): Query<NewQuery>) -> Result<Response, UiError> {
    s.actor
        .require(Permission::WriteVacancies)
        .map_err(|e| UiError(e, Some(Nav::of(&s))))?;
    let input = VacancyInput {
        employer_id: Text(q.employer_id.unwrap_or_default()),
        ..Default::default()
    };
    Ok(render(StatusCode::OK, &form_page(&s, &input, None, None)))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct EditQuery {
    /// Propose the skills the description names.
    uit_tekst: Option<String>,
}

async fn edit_form(
    State(web): State<Web>,
    s: UiSession,
    Path(id): Path<i64>,
    Query(q): Query<EditQuery>,
) -> Result<Response, UiError> {
    s.actor
        .require(Permission::WriteVacancies)
        .map_err(|e| UiError(e, Some(Nav::of(&s))))?;
    let v = vacancies::get(&web.ctx, &s.actor, id)
        .await
        .map_err(|e| UiError(e, Some(Nav::of(&s))))?;
    let mut input = VacancyInput::from_vacancy(&v);
    let mut page_summary = String::new();
    // Without skills yet, suggest the occupation's skills from the taxonomy, for the adviser to confirm.
    if let (true, Some(occupation)) = (v.skills.is_empty(), v.occupation_uri.as_deref()) {
        let suggested = koppel_app::taxonomy_import::suggestions(&web.ctx, occupation)
            .await
            .map_err(|e| UiError(e, Some(Nav::of(&s))))?;
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
        let found = koppel_app::skill_extraction::find_skills(&web.ctx, &v.description)
            .await
            .map_err(|e| UiError(e, Some(Nav::of(&s))))?;
        page_summary = super::found_skills_notice(
            &found,
            &mut input.optional_skills,
            &v.skills.iter().map(|x| x.uri.clone()).collect::<Vec<_>>(),
            "de omschrijving",
            "als gewenste vaardigheden",
        );
    }
    let mut page = form_page(&s, &input, Some(id), Some(v.version));
    page.notice = page_summary;
    Ok(render(StatusCode::OK, &page))
}

async fn create(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Form(post): Form<FormPost<VacancyInput>>,
) -> Result<Response, UiError> {
    check_csrf(&s, &post.csrf)?;
    match vacancies::create(&web.ctx, &s.actor, &meta, &post.input).await {
        Ok(v) => Ok(Redirect::to(&format!("/vacatures/{}", v.id)).into_response()),
        Err(err) => Ok(form_error(
            form_page(&s, &post.input, None, None),
            err,
            Nav::of(&s),
        )),
    }
}

async fn update(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    Form(post): Form<FormPost<VacancyInput>>,
) -> Result<Response, UiError> {
    check_csrf(&s, &post.csrf)?;
    let version = post.read_version(&s)?;
    match vacancies::update(&web.ctx, &s.actor, &meta, id, version, &post.input).await {
        Ok(v) => Ok(Redirect::to(&format!("/vacatures/{}", v.id)).into_response()),
        Err(err) => Ok(form_error(
            form_page(&s, &post.input, Some(id), Some(version)),
            err,
            Nav::of(&s),
        )),
    }
}
