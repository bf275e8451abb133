//! The "VUM-gegevens" pages of a vacancy and of a candidate: what VUM carries beyond koppel's
//! ordinary fields (hours as a range, working times, education, courses, experience, transport,
//! sector, contract forms, and the candidate's agreement to offer their contact details).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use koppel_app::domain::permissions::Permission;
use koppel_app::vum_extras::{self, JobSeekerVumInput, VacancyVumInput};
use koppel_app::AppError;
use serde_json::{Map, Value};

use super::views::{Field, FormPage, Nav};
use super::{check_csrf, form_error, must, render, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/vacatures/{id}/vum", get(vacancy_form).post(vacancy_save))
        .route(
            "/kandidaten/{id}/vum",
            get(candidate_form).post(candidate_save),
        )
}

fn opts(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(c, l)| (c.to_string(), l.to_string()))
        .collect()
}

const YES_NO: &[(&str, &str)] = &[("1", "Ja"), ("2", "Nee"), ("0", "Onbekend")];
const EDUCATION: &[(&str, &str)] = &[
    ("1", "Basisonderwijs"),
    ("2", "Vmbo"),
    ("3", "Havo/vwo"),
    ("4", "Mbo"),
    ("5", "Hbo/bachelor"),
    ("6", "Wo/master"),
    ("9", "Anders"),
];
const TRANSPORT: &[(&str, &str)] = &[
    ("1", "Auto"),
    ("2", "Bromfiets"),
    ("3", "Fiets"),
    ("4", "Motor"),
    ("5", "Openbaar vervoer"),
    ("9", "Anders"),
];

const CONTRACT_FORMS: &[(&str, &str)] = &[("O", "Onbepaalde tijd"), ("B", "Bepaalde tijd")];
const AGREEMENT: &[(&str, &str)] = &[
    ("01", "Reguliere vacature"),
    ("02", "Leerbaan"),
    ("03", "Vrijwilligerswerk"),
    ("04", "Werkervaringsplaats"),
];

/// Occupations, one name per line: as saved (`{uri, label}`) or as typed.
fn occupation_lines(f: &Value, key: &str) -> String {
    f[key]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| match v {
            Value::String(s) => Some(s.clone()),
            o => o["label"]
                .as_str()
                .or(o["uri"].as_str())
                .map(str::to_string),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The sectors of the form as typed, or as saved (SBI codes) with their names.
fn sectors(f: &Value) -> Vec<String> {
    let values = match &f["sbi"] {
        Value::Array(a) => a.clone(),
        Value::Null => Vec::new(),
        one => vec![one.clone()],
    };
    values
        .iter()
        .map(|v| match v {
            Value::Number(n) => n
                .as_i64()
                .map_or_else(|| n.to_string(), koppel_app::domain::sbi::show),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

/// A field of the form (or of what was saved) as text.
fn one(f: &Value, key: &str) -> String {
    match &f[key] {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// A list field of the form (or of what was saved) as texts.
fn many(f: &Value, key: &str) -> Vec<String> {
    f[key]
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

/// The form's fields as the API's input: `lists` are the names sent once per checked box or
/// holding one item per line.
fn read_form(body: &Bytes, lists: &[&str]) -> (String, Option<i64>, Value) {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).unwrap_or_default();
    let mut m = Map::new();
    let (mut csrf, mut version) = (String::new(), None);
    for (k, v) in pairs {
        match k.as_str() {
            "csrf" => csrf = v,
            "version" => version = v.parse().ok(),
            k if lists.contains(&k) => {
                let items = m.entry(k).or_insert_with(|| Value::Array(Vec::new()));
                if let Some(a) = items.as_array_mut() {
                    a.extend(v.lines().map(|l| Value::String(l.to_string())));
                }
            }
            "contactOffered" => {
                m.insert(k, Value::Bool(true));
            }
            _ => {
                m.insert(k, Value::String(v));
            }
        }
    }
    (csrf, version, Value::Object(m))
}

fn vacancy_page(s: &UiSession, id: i64, version: i64, v: &Value, name: &str) -> FormPage {
    let fields = vec![
        Field::text(
            "hoursMin",
            "Minimaal aantal uren per week",
            one(v, "hoursMin"),
        )
        .kind("number")
        .hint("Het maximum is het aantal uren van de vacature."),
        Field::select(
            "officeHours",
            "Kantoortijden",
            one(v, "officeHours"),
            Some("Niet opgegeven"),
            opts(YES_NO),
        ),
        Field::select(
            "irregular",
            "Onregelmatig werk of ploegendienst",
            one(v, "irregular"),
            Some("Niet opgegeven"),
            opts(YES_NO),
        ),
        Field::text(
            "startDate",
            "Datum aanvang werkzaamheden",
            one(v, "startDate"),
        )
        .kind("date"),
        Field::text("salary", "Salarisindicatie", one(v, "salary")),
        Field::select(
            "educationLevel",
            "Gevraagde opleiding (niveau)",
            one(v, "educationLevel"),
            Some("Geen eis"),
            opts(EDUCATION),
        ),
        Field::text(
            "educationNote",
            "Toelichting opleiding",
            one(v, "educationNote"),
        )
        .kind("textarea"),
        Field::text(
            "courses",
            "Gevraagde cursussen",
            many(v, "courses").join("\n"),
        )
        .kind("textarea")
        .hint("Eén cursus per regel, bijvoorbeeld VCA."),
        Field::text(
            "experienceYears",
            "Jaren werkervaring in het beroep",
            one(v, "experienceYears"),
        )
        .kind("number"),
        Field::checkboxes(
            "transport",
            "Vervoermiddel nodig",
            many(v, "transport"),
            opts(TRANSPORT),
        ),
        Field::checkboxes(
            "contractForms",
            "Contractvormen",
            many(v, "contractForms"),
            opts(CONTRACT_FORMS),
        )
        .hint(
            "De eerste volgt uit het soort contract van de vacature; vink aan wat er nog meer kan.",
        ),
        Field::select(
            "agreement",
            "Soort overeenkomst",
            one(v, "agreement"),
            Some("Niet opgegeven"),
            opts(AGREEMENT),
        ),
        Field::text("sbi", "Sector", sectors(v).join(""))
            .hint("Een deel van de naam van de sector, bijvoorbeeld 'detailhandel', of de SBI-code van het CBS."),
    ];
    FormPage::new(
        s,
        format!("VUM-gegevens van de vacature {name}"),
        format!("/vacatures/{id}/vum"),
        Some(version),
        fields,
        format!("/vacatures/{id}"),
    )
}

async fn vacancy_name(web: &Web, s: &UiSession, id: i64) -> Result<String, UiError> {
    let v = koppel_app::vacancies::get(&web.ctx, &s.actor, id).await?;
    Ok(v.title)
}

async fn vacancy_form(
    State(web): State<Web>,
    s: UiSession,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    must(&s, Permission::WriteVacancies)?;
    let name = vacancy_name(&web, &s, id).await?;
    let v = vum_extras::vacancy(&web.ctx, &s.actor, id).await?;
    let saved = serde_json::to_value(&v).unwrap_or_default();
    Ok(render(
        StatusCode::OK,
        &vacancy_page(&s, id, v.version, &saved, &name),
    ))
}

async fn vacancy_save(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, UiError> {
    let (csrf, version, form) = read_form(&body, &["courses", "transport", "contractForms"]);
    check_csrf(&s, &csrf)?;
    let version = version.ok_or(UiError(AppError::StaleVersion))?;
    let input: VacancyVumInput = serde_json::from_value(form.clone()).unwrap_or_default();
    match vum_extras::set_vacancy(&web.ctx, &s.actor, &meta, id, version, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/vacatures/{id}")).into_response()),
        Err(e) => Ok(form_error(
            vacancy_page(&s, id, version, &form, &vacancy_name(&web, &s, id).await?),
            e,
            Nav::of(&s),
        )),
    }
}

fn candidate_page(s: &UiSession, id: i64, version: i64, c: &Value, name: &str) -> FormPage {
    let fields = vec![
        Field::text(
            "hoursMin",
            "Minimaal aantal uren per week",
            one(c, "hoursMin"),
        )
        .kind("number")
        .hint("Het maximum is het aantal uren dat de kandidaat wil werken."),
        Field::select(
            "officeHours",
            "Alleen kantoortijden",
            one(c, "officeHours"),
            Some("Niet opgegeven"),
            opts(YES_NO),
        ),
        Field::select(
            "irregular",
            "Onregelmatig werk of ploegendienst mogelijk",
            one(c, "irregular"),
            Some("Niet opgegeven"),
            opts(YES_NO),
        ),
        Field::text(
            "availableUntil",
            "Beschikbaar tot",
            one(c, "availableUntil"),
        )
        .kind("date"),
        Field::checkboxes(
            "contractForms",
            "Gewenste contractvorm",
            many(c, "contractForms"),
            opts(CONTRACT_FORMS),
        ),
        Field::select(
            "agreement",
            "Soort overeenkomst",
            one(c, "agreement"),
            Some("Niet opgegeven"),
            opts(AGREEMENT),
        ),
        Field::text(
            "otherOccupations",
            "Andere gewenste beroepen",
            occupation_lines(c, "otherOccupations"),
        )
        .kind("textarea")
        .hint("Eén beroep per regel, naast het gewenste beroep; bijvoorbeeld: bakker."),
        Field::text(
            "travelMinutes",
            "Maximale reistijd (minuten)",
            one(c, "travelMinutes"),
        )
        .kind("number"),
        Field::checkboxes(
            "transport",
            "Vervoermiddel",
            many(c, "transport"),
            opts(TRANSPORT),
        ),
        Field::select(
            "educationLevel",
            "Opleiding (niveau)",
            one(c, "educationLevel"),
            Some("Niet opgegeven"),
            opts(EDUCATION),
        ),
        Field::select(
            "educationStatus",
            "Status opleiding",
            one(c, "educationStatus"),
            Some("Niet opgegeven"),
            opts(&[
                ("1", "Afgerond"),
                ("3", "Lopend"),
                ("2", "Afgebroken"),
                ("0", "Onbekend"),
            ]),
        ),
        Field::text(
            "educationNote",
            "Toelichting opleiding",
            one(c, "educationNote"),
        )
        .kind("textarea"),
        Field::text("courses", "Cursussen", many(c, "courses").join("\n"))
            .kind("textarea")
            .hint("Eén cursus per regel."),
        Field::text(
            "experience",
            "Werkervaring",
            many(c, "experience").join("\n"),
        )
        .kind("textarea")
        .hint("Eén baan per regel, bijvoorbeeld: lasser bij Tata Steel, 2015-2024."),
        Field::text("sbi", "Sectoren", sectors(c).join("\n"))
            .kind("textarea")
            .hint("Eén sector per regel: een deel van de naam, bijvoorbeeld 'detailhandel', of de SBI-code."),
        Field::checkbox(
            "contactOffered",
            "De kandidaat wil dat VUM het e-mailadres en telefoonnummer aanbiedt",
            c["contactOffered"] == Value::Bool(true),
        ),
    ];
    FormPage::new(
        s,
        format!("VUM-gegevens van {name}"),
        format!("/kandidaten/{id}/vum"),
        Some(version),
        fields,
        format!("/kandidaten/{id}"),
    )
}

async fn candidate_form(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    must(&s, Permission::WriteCandidates)?;
    // Only the candidate's own organisation may change these: others get the same 404 as for
    // anyone they cannot see.
    let person = koppel_app::candidates::get_for_edit(&web.ctx, &s.actor, &meta, id).await?;
    let name = format!("{} {}", person.first_name, person.last_name);
    let c = vum_extras::candidate(&web.ctx, &s.actor, &meta, id).await?;
    let saved = serde_json::to_value(&c).unwrap_or_default();
    Ok(render(
        StatusCode::OK,
        &candidate_page(&s, id, c.version, &saved, &name),
    ))
}

async fn candidate_save(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, UiError> {
    let (csrf, version, form) = read_form(
        &body,
        &[
            "courses",
            "transport",
            "contractForms",
            "experience",
            "sbi",
            "otherOccupations",
        ],
    );
    check_csrf(&s, &csrf)?;
    let version = version.ok_or(UiError(AppError::StaleVersion))?;
    let input: JobSeekerVumInput = serde_json::from_value(form.clone()).unwrap_or_default();
    match vum_extras::set_candidate(&web.ctx, &s.actor, &meta, id, version, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/kandidaten/{id}")).into_response()),
        Err(e) => Ok(form_error(
            candidate_page(&s, id, version, &form, "de kandidaat"),
            e,
            Nav::of(&s),
        )),
    }
}
