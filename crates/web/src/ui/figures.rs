//! Management information in the browser: the factsheet and evaluations with charts and tables,
//! their downloads (PDF, XLSX, JSON, CSV; small numbers hidden), and the targets managers set.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use chrono::{Datelike, NaiveDate, Utc};
use koppel_app::figures::layout::{self, Layout};
use koppel_app::figures::{self, targets as target_cases, Factsheet, FigureFilter, Period};
use koppel_app::AppError;
use koppel_domain::codes::{Cluster, CodeList, Role};
use koppel_domain::permissions::Permission;
use koppel_export::{Report, Table};
use serde::Deserialize;

use super::views::Nav;
use super::{check_csrf, render, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/cijfers", get(page))
        .route("/cijfers/download", get(download))
        .route("/cijfers/doelen", get(targets_page).post(save_targets))
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

/// A report ready for the template: cells formatted, charts as SVG.
pub struct ReportView {
    pub title: String,
    pub subtitle: String,
    pub notes: Vec<String>,
    pub sections: Vec<SectionView>,
}

pub struct SectionView {
    pub heading: String,
    pub remark: Option<String>,
    pub svg: Option<String>,
    pub tables: Vec<TableView>,
}

pub struct TableView {
    pub caption: String,
    pub csv_href: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<(String, bool)>>,
}

/// `csv_base`: the download address tables link their CSV to (empty: no links).
pub fn report_view(report: &Report, csv_base: &str) -> ReportView {
    let table = |t: &Table| TableView {
        caption: t.caption.clone(),
        csv_href: if csv_base.is_empty() {
            String::new()
        } else {
            format!("{csv_base}&formaat=csv&tabel={}", t.name)
        },
        columns: t.columns.clone(),
        rows: t
            .rows
            .iter()
            .map(|r| r.iter().map(|c| (c.display(), c.numeric())).collect())
            .collect(),
    };
    ReportView {
        title: report.title.clone(),
        subtitle: report.subtitle.clone(),
        notes: report.notes.clone(),
        sections: report
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| SectionView {
                heading: s.heading.clone(),
                remark: s.remark.clone(),
                svg: s
                    .chart
                    .as_ref()
                    .map(|c| koppel_export::svg::chart_svg(c, &format!("grafiek-{i}"))),
                tables: s.tables.iter().map(table).collect(),
            })
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "report_standalone.html")]
struct Standalone {
    report: ReportView,
}

/// A report as one self-contained HTML file (for `koppel report --format html`).
pub fn standalone_html(report: &Report) -> Result<String, askama::Error> {
    Standalone {
        report: report_view(report, ""),
    }
    .render()
}

/// The period and selection form above figures.
pub struct FilterForm {
    pub action: &'static str,
    pub errors: Vec<String>,
    pub from: String,
    pub to: String,
    pub layout: String,
    /// Empty where no layout can be chosen (the start page).
    pub layouts: Vec<(String, String)>,
    pub organisation: String,
    pub organisations: Vec<(String, String)>,
    pub subregion: String,
    pub subregions: Vec<String>,
    pub cluster: String,
    pub clusters: Vec<(String, String)>,
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
    let err = |e| UiError(e, Some(Nav::of(&s)));
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
    let err = |e| UiError(e, Some(Nav::of(&s)));
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

#[derive(Template)]
#[template(path = "targets.html")]
struct TargetsPage {
    title: String,
    nav: Option<Nav>,
    csrf: String,
    year: i64,
    scope: String,
    scopes: Vec<(String, String)>,
    rows: Vec<(String, String, String, String)>,
    errors: Vec<String>,
    saved: bool,
    can_edit: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct TargetsQuery {
    jaar: Option<i64>,
    #[serde(default)]
    voor: String,
    #[serde(default)]
    opgeslagen: Option<String>,
}

/// `region`, `organisation:ID`, `subregion:NAME` or `cluster:CODE` as (kind, value).
fn split_scope(s: &str) -> (String, String) {
    match s.split_once(':') {
        Some((k, v)) => (k.to_string(), v.to_string()),
        None => ("region".into(), String::new()),
    }
}

async fn targets_view(
    web: &Web,
    s: &UiSession,
    q: &TargetsQuery,
    typed: Option<&HashMap<String, String>>,
) -> Result<TargetsPage, AppError> {
    let year = q.jaar.unwrap_or_else(|| Utc::now().year() as i64);
    let (kind, value) = split_scope(&q.voor);
    let list = target_cases::of_year(&web.ctx, &s.actor, year).await?;
    let options = figures::filter_options(&web.ctx, &s.actor).await?;
    let mut scopes = vec![("region".to_string(), "De hele regio".to_string())];
    scopes.extend(
        options
            .organisations
            .iter()
            .map(|(id, n)| (format!("organisation:{id}"), format!("Organisatie {n}"))),
    );
    scopes.extend(
        options
            .subregions
            .iter()
            .map(|n| (format!("subregion:{n}"), format!("Subregio {n}"))),
    );
    scopes.extend(Cluster::ALL.iter().map(|c| {
        (
            format!("cluster:{}", c.code()),
            format!("Cluster {}", c.label()),
        )
    }));
    let rows = options
        .target_groups
        .iter()
        .map(|(code, label)| {
            let stored = list
                .iter()
                .find(|t| &t.target_group == code && t.scope_kind == kind && t.scope_value == value)
                .map(|t| t.value.to_string())
                .unwrap_or_default();
            let shown = typed
                .and_then(|m| m.get(&format!("doel_{code}")).cloned())
                .unwrap_or_else(|| stored.clone());
            (code.clone(), label.clone(), shown, stored)
        })
        .collect();
    Ok(TargetsPage {
        title: format!("Doelen {year}"),
        nav: Some(Nav::of(s)),
        csrf: s.csrf.clone(),
        year,
        scope: if kind == "region" {
            "region".into()
        } else {
            format!("{kind}:{value}")
        },
        scopes,
        rows,
        errors: Vec::new(),
        saved: q.opgeslagen.is_some(),
        can_edit: s.actor.can(Permission::ManageTargets),
    })
}

async fn targets_page(
    State(web): State<Web>,
    s: UiSession,
    Query(q): Query<TargetsQuery>,
) -> Result<Response, UiError> {
    let view = targets_view(&web, &s, &q, None)
        .await
        .map_err(|e| UiError(e, Some(Nav::of(&s))))?;
    Ok(render(StatusCode::OK, &view))
}

async fn save_targets(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Query(q): Query<TargetsQuery>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, UiError> {
    let err = |e| UiError(e, Some(Nav::of(&s)));
    check_csrf(&s, form.get("csrf").map(String::as_str).unwrap_or(""))?;
    let year = q.jaar.unwrap_or_else(|| Utc::now().year() as i64);
    let (kind, value) = split_scope(&q.voor);
    let mut values = Vec::new();
    let mut typo = Vec::new();
    let shown: Vec<(String, Option<i64>)> = form
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("was_")?.to_string(), v.trim().parse().ok())))
        .collect();
    for (key, raw) in &form {
        let Some(code) = key.strip_prefix("doel_") else {
            continue;
        };
        let raw = raw.trim();
        if raw.is_empty() {
            values.push((code.to_string(), None));
        } else if let Ok(n) = raw.parse::<i64>() {
            values.push((code.to_string(), Some(n)));
        } else {
            typo.push(format!(
                "Het doel voor '{code}' is geen geheel getal: '{raw}'."
            ));
        }
    }
    let result = if typo.is_empty() {
        let guard = target_cases::Guard::Shown(shown);
        target_cases::set_year(
            &web.ctx, &s.actor, &meta, year, &kind, &value, &values, &guard,
        )
        .await
    } else {
        Err(AppError::Invalid(koppel_domain::FieldErrors::new()))
    };
    match result {
        Ok(_) => {
            let qs = serde_urlencoded::to_string([
                ("jaar", year.to_string()),
                ("voor", q.voor.clone()),
                ("opgeslagen", "1".into()),
            ])
            .unwrap_or_default();
            Ok(axum::response::Redirect::to(&format!("/cijfers/doelen?{qs}")).into_response())
        }
        Err(AppError::StaleVersion) => {
            let mut view = targets_view(&web, &s, &q, None).await.map_err(err)?;
            view.errors = vec!["Iemand anders heeft intussen een doel gewijzigd dat u ook wijzigde. Er is niets opgeslagen; hieronder staan de doelen zoals ze nu zijn. Voer uw wijziging opnieuw in.".into()];
            Ok(render(StatusCode::CONFLICT, &view))
        }
        Err(AppError::Invalid(errors)) => {
            let mut view = targets_view(&web, &s, &q, Some(&form)).await.map_err(err)?;
            view.errors = typo;
            view.errors
                .extend(errors.0.iter().map(|e| e.message.clone()));
            Ok(render(StatusCode::BAD_REQUEST, &view))
        }
        Err(e) => Err(err(e)),
    }
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
