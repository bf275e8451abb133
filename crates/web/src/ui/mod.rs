//! The Dutch, server-rendered UI: login, start page, and list, detail and edit pages for
//! employers, vacancies and candidates. Every form carries the session's CSRF token.

mod account;
mod admin;
mod aftercare;
mod candidate_cv;
mod candidate_form;
mod candidate_matches;
mod candidate_page;
mod candidates;
pub(crate) mod contact_requests;
mod crm;
mod csrf;
mod desk;
mod desk_requests;
mod employer_form;
mod employer_merge;
mod employer_page;
mod employer_parts;
mod employers;
mod error_page;
mod event_results;
mod events;
mod exports;
mod feeds;
pub mod figures;
pub mod format;
mod handover;
mod import_jobs;
mod import_page;
pub mod imports;
mod instrument_advice;
mod locations;
mod mail;
mod matching;
mod nominations;
mod paper;
pub mod pick;
mod pick_kinds;
mod placements;
mod referrals;
pub mod report_view;
mod residents;
mod satisfaction;
mod second_factor;
mod session;
mod start;
mod statements;
mod subject_rights;
mod targets;
mod theme;
mod timeline;
mod trajectories;
mod vacancies;
mod vacancy_form;
pub mod views;
mod vum_fields;

use askama::Template;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use koppel_app::AppError;
use serde::Serialize;

use crate::extract::UiSession;
use crate::Web;
pub use csrf::{check_csrf, CarriesCsrf, CsrfForm};
pub use error_page::UiError;
use views::Nav;

pub fn router() -> Router<Web> {
    Router::new()
        .merge(session::routes())
        .merge(start::routes())
        .merge(statements::routes())
        .merge(admin::routes())
        .merge(account::routes())
        .merge(crm::routes())
        .merge(contact_requests::routes())
        .merge(handover::routes())
        .merge(theme::routes())
        .merge(mail::routes())
        .merge(events::routes())
        .merge(satisfaction::routes())
        .merge(figures::routes())
        .merge(targets::routes())
        .merge(paper::routes())
        .merge(exports::routes())
        .merge(imports::routes())
        .merge(matching::routes())
        .merge(employers::routes())
        .merge(employer_parts::routes())
        .merge(employer_merge::routes())
        .merge(nominations::routes())
        .merge(placements::routes())
        .merge(aftercare::routes())
        .merge(vacancies::routes())
        .merge(candidates::routes())
        .merge(candidate_cv::routes())
        .merge(candidate_matches::routes())
        .merge(subject_rights::routes())
        .merge(second_factor::routes())
        .merge(vum_fields::routes())
        .merge(pick::routes())
        .merge(desk::routes())
        .merge(desk_requests::routes())
        .merge(referrals::routes())
        .merge(residents::routes())
        .merge(trajectories::routes())
        .merge(instrument_advice::routes())
        .merge(locations::routes())
        .route("/static/koppel.css", get(stylesheet))
        .route("/static/koppel.js", get(script))
        .route(
            "/static/accessible-autocomplete.min.js",
            get(autocomplete_script),
        )
        .route(
            "/static/accessible-autocomplete.min.css",
            get(autocomplete_style),
        )
        .layer(axum::middleware::from_fn(error_page::with_menu))
}

/// A static file, cached for an hour.
fn static_file(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// GOV.UK's accessible-autocomplete (MIT, vendored in static/vendor with its licence).
async fn autocomplete_script() -> Response {
    static_file(
        "text/javascript; charset=utf-8",
        include_str!("../../static/vendor/accessible-autocomplete.min.js"),
    )
}

async fn autocomplete_style() -> Response {
    static_file(
        "text/css; charset=utf-8",
        include_str!("../../static/vendor/accessible-autocomplete.min.css"),
    )
}

async fn stylesheet() -> Response {
    static_file(
        "text/css; charset=utf-8",
        include_str!("../../static/koppel.css"),
    )
}

async fn script() -> Response {
    static_file(
        "text/javascript; charset=utf-8",
        include_str!("../../static/koppel.js"),
    )
}

/// Renders a template with a status code.
pub fn render<T: Template>(status: StatusCode, page: &T) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "Interne fout").into_response()
        }
    }
}

/// Refuses (403, in Dutch) unless the user's role holds the permission: forms are only shown to
/// those who may send them.
pub fn must(s: &UiSession, p: koppel_app::domain::permissions::Permission) -> Result<(), UiError> {
    Ok(s.actor.require(p)?)
}

/// A form that sends nothing but its CSRF token (a button).
#[derive(serde::Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    pub csrf: String,
}

impl CarriesCsrf for CsrfOnly {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// A form post: the CSRF token, the version read (for edits), and the resource's input.
#[derive(serde::Deserialize)]
pub struct FormPost<T> {
    #[serde(default)]
    pub csrf: String,
    pub version: Option<String>,
    #[serde(flatten)]
    pub input: T,
}

impl<T> CarriesCsrf for FormPost<T> {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

impl<T> FormPost<T> {
    /// The version the form was loaded with; a missing or mangled one is treated as stale.
    pub fn read_version(&self) -> Result<i64, UiError> {
        self.version
            .as_deref()
            .and_then(|v| v.parse::<i64>().ok())
            .ok_or(UiError(AppError::StaleVersion))
    }
}

/// Links to the previous and next page, keeping the other query parameters.
pub fn paging_links<Q: Serialize + Clone>(
    base: &str,
    q: &Q,
    set_page: impl Fn(&mut Q, i64),
    page: i64,
    pages: i64,
) -> views::Paging {
    let link = |p: i64| {
        let mut q2 = q.clone();
        set_page(&mut q2, p);
        format!(
            "{base}?{}",
            serde_urlencoded::to_string(&q2).unwrap_or_default()
        )
    };
    // The first and last page, and two on either side of the current one.
    let mut numbers = Vec::new();
    let mut last_shown = 0;
    for n in 1..=pages {
        if n == 1 || n == pages || (n - page).abs() <= 2 {
            numbers.push(views::PageLink {
                number: n,
                href: (n != page).then(|| link(n)),
                gap: n > last_shown + 1,
            });
            last_shown = n;
        }
    }
    views::Paging {
        prev: (page > 1).then(|| link(page - 1)),
        next: (page < pages).then(|| link(page + 1)),
        numbers: if pages > 1 { numbers } else { Vec::new() },
    }
}

/// Column headers that sort the list: each sortable column (with its sort key) links to the
/// list sorted by it, ascending, or descending when it is already sorted ascending by it. The
/// filters stay; the list starts again at page 1.
pub fn sort_headers<Q: Serialize + Clone>(
    base: &str,
    q: &Q,
    set: impl Fn(&mut Q, Option<String>),
    current: Option<&str>,
    columns: &[(&'static str, Option<&'static str>)],
) -> Vec<views::Header> {
    let current = current.unwrap_or_default();
    columns
        .iter()
        .map(|(label, key)| {
            let Some(key) = key else {
                return views::Header {
                    label,
                    href: None,
                    sort: None,
                };
            };
            let (sort, next) = if current == *key {
                (Some("ascending"), format!("-{key}"))
            } else if current.strip_prefix('-') == Some(key) {
                (Some("descending"), key.to_string())
            } else {
                (None, key.to_string())
            };
            let mut q2 = q.clone();
            set(&mut q2, Some(next));
            views::Header {
                label,
                href: Some(format!(
                    "{base}?{}",
                    serde_urlencoded::to_string(&q2).unwrap_or_default()
                )),
                sort,
            }
        })
        .collect()
}

/// Renders an edit/create form again after an error: field errors in place, or a conflict notice.
pub fn form_error(mut page: views::FormPage, err: AppError, _nav: Nav) -> Response {
    match err {
        AppError::Invalid(errors) => {
            page.errors = views::attach_errors(&mut page.fields, &errors);
            page.summary = "Er is een probleem met uw invoer".into();
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        AppError::StaleVersion => {
            page.summary = "Iemand anders heeft dit record intussen gewijzigd. Er is niets overschreven; uw invoer staat hieronder.".into();
            page.errors = vec![(
                String::new(),
                "Bekijk de wijziging van de ander (opent de huidige versie in een nieuw tabblad)"
                    .into(),
            )];
            page.conflict_href = Some(page.cancel_href.clone());
            render(StatusCode::CONFLICT, &page)
        }
        other => UiError(other).into_response(),
    }
}

/// The answer to an inline form the use case refused as invalid: its page again (422) with
/// each error next to its field in the form at `index`.
pub fn inline_refused(
    mut page: views::DetailPage,
    index: usize,
    errors: &koppel_app::domain::FieldErrors,
) -> Response {
    if let Some(form) = page.forms.get_mut(index) {
        views::attach_errors(&mut form.fields, errors);
    }
    render(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// Adds the skills found in a text to a form's list (those not already there, by label) and says
/// what was found where, for the adviser to check before saving.
pub(crate) fn found_skills_notice(
    found: &[koppel_app::skill_extraction::FoundSkill],
    list: &mut koppel_app::input::List,
    present: &[String],
    source: &str,
    place: &str,
) -> String {
    let new: Vec<&koppel_app::skill_extraction::FoundSkill> = found
        .iter()
        .filter(|f| {
            !present.contains(&f.uri) && !list.0.contains(&f.uri) && !list.0.contains(&f.label)
        })
        .collect();
    if new.is_empty() {
        return format!("Geen nieuwe vaardigheden uit de ESCO-lijst gevonden in {source}.");
    }
    let named: Vec<String> = new
        .iter()
        .map(|f| format!("{} (\u{201c}{}\u{201d})", f.label, f.matched))
        .collect();
    // By name: the adviser reads and checks names, never URIs.
    list.0.extend(new.iter().map(|f| f.label.clone()));
    format!(
        "Gevonden in {source} en toegevoegd {place}: {}. Controleer ze en sla op om ze over te nemen.",
        named.join(", ")
    )
}
