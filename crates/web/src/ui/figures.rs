//! Management information in the browser: the factsheet and evaluations with charts and tables,
//! their downloads (PDF, XLSX, JSON, CSV; small numbers hidden), and the targets managers set.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{Datelike, NaiveDate, Utc};
use koppel_app::figures::layout::{self, Layout};
use koppel_app::figures::{self, Factsheet, FigureFilter, Period};
use koppel_app::AppError;
use koppel_domain::codes::{Cluster, CodeList, Role};
use koppel_domain::permissions::Permission;
use koppel_export::{Report, Table};
use serde::Deserialize;

use super::report_view::{report_view, FilterForm, ReportView};
use super::views::Nav;
use super::{render, UiError};
use crate::extract::UiSession;
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/cijfers", get(page))
        .route("/cijfers/download", get(download))
}

#[derive(Debug, Default, Deserialize)]
pub struct FigureQuery {
    #[serde(default)]
    van: String,
    #[serde(default)]
    tot: String,
    #[serde(default)]
    indeling: String,
    #[serde(default)]
    organisatie: String,
    #[serde(default)]
    subregio: String,
    #[serde(default)]
    cluster: String,
    #[serde(default)]
    formaat: String,
    #[serde(default)]
    tabel: String,
}

impl FilterForm {
    fn new(action: &'static str, q: &FigureQuery, options: figures::FilterOptions) -> Self {
        Self {
            action,
            errors: Vec::new(),
            from: q.van.clone(),
            to: q.tot.clone(),
            layout: String::new(),
            layouts: Vec::new(),
            organisation: q.organisatie.clone(),
            organisations: options.organisations,
            subregion: q.subregio.clone(),
            subregions: options.subregions,
            cluster: q.cluster.clone(),
            clusters: Cluster::ALL
                .iter()
                .map(|c| (c.code().to_string(), c.label().to_string()))
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "figures.html")]
struct FiguresPage {
    title: String,
    nav: Option<Nav>,
    filters: FilterForm,
    download: String,
    can_targets: bool,
    report: Option<ReportView>,
}

struct Resolved {
    period: Result<Period, AppError>,
    layout: Layout,
    filter: FigureFilter,
}

fn resolve(q: &FigureQuery) -> Resolved {
    let default = Period::last_half_year(Utc::now().date_naive());
    let period = if q.van.is_empty() && q.tot.is_empty() {
        Ok(default)
    } else {
        Period::parse(&q.van, &q.tot)
    };
    Resolved {
        period,
        layout: Layout::parse(&q.indeling).unwrap_or(Layout::Factsheet),
        filter: FigureFilter {
            org_id: q.organisatie.parse().ok(),
            subregion: Some(q.subregio.clone()).filter(|s| !s.is_empty()),
            cluster: Cluster::parse(&q.cluster)
                .ok()
                .filter(|_| !q.cluster.is_empty()),
        },
    }
}

fn query_string(period: &Period, layout: &str, q: &FigureQuery) -> String {
    serde_urlencoded::to_string([
        ("van", period.from.to_string()),
        ("tot", period.to.to_string()),
        ("indeling", layout.to_string()),
        ("organisatie", q.organisatie.clone()),
        ("subregio", q.subregio.clone()),
        ("cluster", q.cluster.clone()),
    ])
    .unwrap_or_default()
}

async fn page(
    State(web): State<Web>,
    s: UiSession,
    Query(q): Query<FigureQuery>,
) -> Result<Response, UiError> {
    let err = |e| UiError(e);
    let r = resolve(&q);
    let options = figures::filter_options(&web.ctx, &s.actor)
        .await
        .map_err(err)?;
    let layout_code = match r.layout {
        Layout::Factsheet => "factsheet",
        Layout::Quarterly => "kwartaal",
        Layout::Aldermen | Layout::Dashboard => "rba",
    };
    let mut filters = FilterForm::new("/cijfers", &q, options);
    filters.layout = layout_code.into();
    filters.layouts = [
        ("factsheet", "Factsheet"),
        ("kwartaal", "Kwartaalevaluatie (AGA, KetenMT)"),
        ("rba", "Halfjaarsamenvatting (RBA)"),
    ]
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .to_vec();
    let mut view = FiguresPage {
        title: r.layout.title().into(),
        nav: Some(Nav::of(&s)),
        filters,
        download: String::new(),
        can_targets: s.actor.can(Permission::ManageTargets),
        report: None,
    };
    let period = match r.period {
        Ok(p) => p,
        Err(AppError::Invalid(errors)) => {
            view.filters.errors = errors.0.iter().map(|e| e.message.clone()).collect();
            return Ok(render(StatusCode::BAD_REQUEST, &view));
        }
        Err(e) => return Err(err(e)),
    };
    view.filters.from = period.from.to_string();
    view.filters.to = period.to.to_string();
    let sheet = figures::factsheet(
        &web.ctx,
        &s.actor,
        period,
        &r.filter,
        Utc::now().date_naive(),
    )
    .await
    .map_err(err)?;
    let qs = query_string(&period, layout_code, &q);
    view.download = format!("/cijfers/download?{qs}");
    view.report = Some(report_view(
        &layout::report(r.layout, &sheet),
        &view.download,
    ));
    Ok(render(StatusCode::OK, &view))
}

fn attachment(content_type: &str, name: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

async fn download(
    State(web): State<Web>,
    s: UiSession,
    Query(q): Query<FigureQuery>,
) -> Result<Response, UiError> {
    let err = |e| UiError(e);
    let r = resolve(&q);
    let period = r.period.map_err(err)?;
    let sheet: Factsheet = figures::factsheet(
        &web.ctx,
        &s.actor,
        period,
        &r.filter,
        Utc::now().date_naive(),
    )
    .await
    .map_err(err)?
    .suppressed(web.ctx.settings.small_cell_threshold);
    let report = layout::report(r.layout, &sheet);
    let base = format!(
        "koppel-{}-{}-{}",
        q.indeling.as_str().max("factsheet"),
        period.from,
        period.to
    );
    let internal = |e: koppel_export::ExportError| err(AppError::Internal(e.to_string()));
    Ok(match q.formaat.as_str() {
        "pdf" => attachment(
            "application/pdf",
            &format!("{base}.pdf"),
            koppel_export::pdf::report_pdf(&report),
        ),
        "xlsx" => attachment(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &format!("{base}.xlsx"),
            koppel_export::xlsx::report_xlsx(&report).map_err(internal)?,
        ),
        "json" => attachment(
            "application/json",
            &format!("{base}.json"),
            serde_json::to_vec_pretty(&sheet)
                .map_err(|e| err(AppError::Internal(e.to_string())))?,
        ),
        "csv" => {
            let table = report
                .sections
                .iter()
                .flat_map(|s| s.tables.iter())
                .find(|t| t.name == q.tabel)
                .ok_or_else(|| err(AppError::NotFound))?;
            let text = koppel_export::csv_out::table_csv(table).map_err(internal)?;
            attachment(
                "text/csv; charset=utf-8",
                &format!("{base}-{}.csv", table.name),
                text.into_bytes(),
            )
        }
        _ => return Err(err(AppError::NotFound)),
    })
}

/// The start page's figures: managers and partners see the region's key figures and targets with
/// filters (this year so far by default); everyone else their own figures of this year so far.
pub async fn dashboard(
    web: &Web,
    s: &UiSession,
    q: &FigureQuery,
) -> Result<(Option<ReportView>, Option<FilterForm>, String), AppError> {
    let today = Utc::now().date_naive();
    let year_so_far = Period {
        from: NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today),
        to: today,
    };
    let regional = matches!(s.actor.role(), Role::Manager | Role::Partner);
    if !regional {
        if !s.actor.can(Permission::WriteNominations) && !s.actor.can(Permission::WriteEmployers) {
            return Ok((None, None, String::new()));
        }
        let own = figures::own_figures(&web.ctx, &s.actor, year_so_far).await?;
        let cells = |b: &figures::Breakdown| Table {
            name: "eigen-cijfers".into(),
            caption: "Uw cijfers".into(),
            columns: vec!["Maat".into(), "Aantal".into()],
            rows: b
                .rows
                .iter()
                .map(|r| {
                    vec![
                        koppel_export::Cell::text(r.label.clone()),
                        koppel_export::Cell::Int(r.counts[0].unwrap_or(0)),
                    ]
                })
                .collect(),
        };
        let report = Report {
            title: "Uw cijfers".into(),
            subtitle: year_so_far.label(),
            notes: Vec::new(),
            sections: vec![koppel_export::Section {
                heading: "Dit jaar tot nu toe".into(),
                remark: None,
                chart: None,
                tables: vec![cells(&own)],
            }],
        };
        return Ok((Some(report_view(&report, "")), None, String::new()));
    }
    let r = resolve(q);
    let options = figures::filter_options(&web.ctx, &s.actor).await?;
    let mut filters = FilterForm::new("/", q, options);
    let period = if q.van.is_empty() && q.tot.is_empty() {
        year_so_far
    } else {
        match r.period {
            Ok(p) => p,
            Err(AppError::Invalid(errors)) => {
                filters.errors = errors.0.iter().map(|e| e.message.clone()).collect();
                return Ok((None, Some(filters), String::new()));
            }
            Err(e) => return Err(e),
        }
    };
    filters.from = period.from.to_string();
    filters.to = period.to.to_string();
    let sheet = figures::factsheet(&web.ctx, &s.actor, period, &r.filter, today).await?;
    let report = layout::report(Layout::Dashboard, &sheet);
    Ok((
        Some(report_view(&report, "")),
        Some(filters),
        query_string(&period, "factsheet", q),
    ))
}
