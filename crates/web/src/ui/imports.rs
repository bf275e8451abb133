//! Importing employers, vacancies or candidates in the browser: upload a CSV or XLSX file, optionally only check it, and
//! read the report of every bad or skipped row.

use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use koppel_app::import::{self, ImportOptions, ImportReport};
use koppel_app::AppError;
use koppel_domain::permissions::Permission;

use super::views::Nav;
use super::{check_csrf, render, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

/// Largest upload: 64 MB (several hundred thousand rows).
const MAX_UPLOAD: usize = 64 * 1024 * 1024;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/importeren", get(form).post(upload))
        .route("/werkgevers/importeren", get(form).post(upload))
        .layer(DefaultBodyLimit::max(MAX_UPLOAD))
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage {
    title: String,
    nav: Option<Nav>,
    csrf: String,
    mapping: String,
    dry_run: bool,
    errors: Vec<String>,
    report: Option<ImportReport>,
    unused: Vec<String>,
    kind: String,
    kinds: Vec<(String, String)>,
}

fn page(s: &UiSession) -> ImportPage {
    ImportPage {
        title: "Importeren".into(),
        nav: Some(Nav::of(s)),
        csrf: s.csrf.clone(),
        mapping: String::new(),
        dry_run: true,
        errors: Vec::new(),
        report: None,
        unused: Vec::new(),
        kind: "employers".into(),
        kinds: [
            ("employers", "Werkgevers", Permission::WriteEmployers),
            ("vacancies", "Vacatures", Permission::WriteVacancies),
            (
                "candidates",
                "Kandidaten (van uw organisatie)",
                Permission::WriteCandidates,
            ),
        ]
        .into_iter()
        .filter(|(_, _, p)| s.actor.can(*p))
        .map(|(k, l, _)| (k.to_string(), l.to_string()))
        .collect(),
    }
}

async fn form(s: UiSession) -> Result<Response, UiError> {
    let view = page(&s);
    if view.kinds.is_empty() {
        return Err(UiError(AppError::Forbidden, Some(Nav::of(&s))));
    }
    Ok(render(StatusCode::OK, &view))
}

async fn upload(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    mut multipart: Multipart,
) -> Result<Response, UiError> {
    let mut view = page(&s);
    view.dry_run = false;
    let (mut csrf, mut file_name, mut bytes) = (String::new(), String::new(), Vec::new());
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                view.errors
                    .push(format!("Het bestand kwam niet goed aan: {e}"));
                return Ok(render(StatusCode::BAD_REQUEST, &view));
            }
        };
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            file_name = field.file_name().unwrap_or("bestand.csv").to_string();
        }
        let data = field
            .bytes()
            .await
            .map_err(|e| UiError(AppError::Internal(e.to_string()), Some(Nav::of(&s))))?;
        match name.as_str() {
            "csrf" => csrf = String::from_utf8_lossy(&data).to_string(),
            "file" => bytes = data.to_vec(),
            "mapping" => view.mapping = String::from_utf8_lossy(&data).to_string(),
            "dry_run" => view.dry_run = true,
            "kind" => view.kind = String::from_utf8_lossy(&data).to_string(),
            _ => {}
        }
    }
    check_csrf(&s, &csrf)?;
    if bytes.is_empty() {
        view.errors
            .push("Kies een bestand om te importeren.".into());
        return Ok(render(StatusCode::BAD_REQUEST, &view));
    }
    let mut mapping = Vec::new();
    for line in view
        .mapping
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        match line.split_once('=') {
            Some((c, f)) => mapping.push((c.trim().to_string(), f.trim().to_string())),
            None => view.errors.push(format!("'{line}': schrijf kolom=veld.")),
        }
    }
    if !view.errors.is_empty() {
        return Ok(render(StatusCode::BAD_REQUEST, &view));
    }
    let options = ImportOptions {
        dry_run: view.dry_run,
        mapping,
    };
    match import::import_as(
        &web.ctx, &s.actor, &meta, &view.kind, &file_name, &bytes, &options,
    )
    .await
    {
        Ok(report) => {
            view.unused = report
                .columns
                .iter()
                .filter(|(_, f)| f.is_none())
                .map(|(c, _)| c.clone())
                .collect();
            view.report = Some(report);
            Ok(render(StatusCode::OK, &view))
        }
        Err(AppError::Invalid(errors)) => {
            view.errors = errors.0.iter().map(|e| e.message.clone()).collect();
            Ok(render(StatusCode::BAD_REQUEST, &view))
        }
        Err(e) => Err(UiError(e, Some(Nav::of(&s)))),
    }
}
