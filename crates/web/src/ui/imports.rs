//! Importing employers, vacancies or candidates in the browser: upload a CSV or XLSX file (or VUM
//! documents as JSON), optionally only check it, follow its progress, and read the report of every
//! bad or skipped row. The import runs in the background; its page shows how far it is.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use koppel_app::import::vum::VumImportOptions;
use koppel_app::import::{self, ImportOptions, ImportReport, Progress};
use koppel_app::AppError;

use super::import_page::{page, ImportPage};
use super::{check_csrf, render, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

/// Largest upload: 64 MB (several hundred thousand rows).
const MAX_UPLOAD: usize = 64 * 1024 * 1024;

/// Imports that may run at once in this process; one per user.
const MAX_RUNNING: usize = 2;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/importeren", get(form).post(upload))
        .route("/importeren/{run}", get(progress))
        .route("/werkgevers/importeren", get(form).post(upload))
        .layer(DefaultBodyLimit::max(MAX_UPLOAD))
}

/// An import started in the browser: who started it, how far it is, and how it ended.
#[derive(Debug)]
pub struct Run {
    user_id: i64,
    kind: String,
    /// The job in the database once a real import started (0 for a dry run).
    job: i64,
    done: i64,
    total: i64,
    started: Instant,
    outcome: Option<Result<ImportReport, Vec<String>>>,
}

/// The imports of this server process, by an unguessable token.
pub type Runs = Arc<Mutex<HashMap<String, Run>>>;

/// Finished runs are kept this long for their report page.
const KEEP: Duration = Duration::from_secs(3600);

fn lock(runs: &Runs) -> std::sync::MutexGuard<'_, HashMap<String, Run>> {
    runs.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

async fn form(State(web): State<Web>, s: UiSession) -> Result<Response, UiError> {
    let mut view = page(&s);
    view.jobs = super::import_jobs::rows(&web, &s).await?;
    if view.kinds.is_empty() {
        return Err(UiError(AppError::Forbidden));
    }
    Ok(render(StatusCode::OK, &view))
}

async fn upload(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    multipart: Multipart,
) -> Result<Response, UiError> {
    let mut view = page(&s);
    if view.kinds.is_empty() {
        return Err(UiError(AppError::Forbidden));
    }
    view.dry_run = false;
    let (file_name, bytes) = match read_upload(&s, &mut view, multipart).await? {
        Ok(file) => file,
        Err(status) => return Ok(render(status, &view)),
    };
    let mapping = mapping(&mut view);
    if !view.errors.is_empty() {
        return Ok(render(StatusCode::BAD_REQUEST, &view));
    }
    let token = koppel_app::auth::random_hex(16);
    if let Err(status) = claim_run(&web, &s, &mut view, &token) {
        return Ok(render(status, &view));
    }
    let file = Upload {
        kind: view.kind.clone(),
        file_name,
        bytes,
        options: ImportOptions {
            dry_run: view.dry_run,
            mapping,
        },
        vum: VumImportOptions {
            dry_run: view.dry_run,
            publish: view.publish,
            employer_sector: Some(view.sector.clone()).filter(|s| !s.is_empty()),
            today: None,
        },
    };
    start_run(&web, &s, meta, token.clone(), file);
    Ok(Redirect::to(&format!("/importeren/{token}")).into_response())
}

/// Reads the upload form into the page (its token first: nothing else is read before the token
/// is checked); the file's name and bytes, or the status of the page that says what is wrong.
async fn read_upload(
    s: &UiSession,
    view: &mut ImportPage,
    mut multipart: Multipart,
) -> Result<Result<(String, Vec<u8>), StatusCode>, UiError> {
    let (mut csrf_checked, mut file_name, mut bytes) = (false, String::new(), Vec::new());
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                view.errors
                    .push(format!("Het bestand kwam niet goed aan: {e}"));
                return Ok(Err(StatusCode::BAD_REQUEST));
            }
        };
        let name = field.name().unwrap_or("").to_string();
        if name != "csrf" && !csrf_checked {
            // The form sends its token first: nothing else is read before the token is checked.
            check_csrf(s, "")?;
        }
        if name == "file" {
            file_name = field.file_name().unwrap_or("bestand.csv").to_string();
        }
        let data = field
            .bytes()
            .await
            .map_err(|e| UiError(AppError::Internal(e.to_string())))?;
        match name.as_str() {
            "csrf" => {
                check_csrf(s, &String::from_utf8_lossy(&data))?;
                csrf_checked = true;
            }
            "file" => bytes = data.to_vec(),
            "mapping" => view.mapping = String::from_utf8_lossy(&data).to_string(),
            "dry_run" => view.dry_run = true,
            "kind" => view.kind = String::from_utf8_lossy(&data).to_string(),
            "publish" => view.publish = true,
            "sector" => view.sector = String::from_utf8_lossy(&data).to_string(),
            _ => {}
        }
    }
    if !csrf_checked {
        check_csrf(s, "")?;
    }
    if bytes.is_empty() {
        view.errors
            .push("Kies een bestand om te importeren.".into());
        return Ok(Err(StatusCode::BAD_REQUEST));
    }
    Ok(Ok((file_name, bytes)))
}

/// The column mapping typed as `kolom=veld` lines; a line without `=` is an error on the page.
fn mapping(view: &mut ImportPage) -> Vec<(String, String)> {
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
    mapping
}

/// Takes a place for the user's run under `token`: one run per user, and at most
/// `MAX_RUNNING` at once.
fn claim_run(
    web: &Web,
    s: &UiSession,
    view: &mut ImportPage,
    token: &str,
) -> Result<(), StatusCode> {
    let mut runs = lock(&web.imports);
    runs.retain(|_, r| r.outcome.is_none() || r.started.elapsed() < KEEP);
    let running = runs.values().filter(|r| r.outcome.is_none());
    let (all, own) = running.fold((0, 0), |(all, own), r| {
        (all + 1, own + usize::from(r.user_id == s.actor.user_id()))
    });
    if own > 0 || all >= MAX_RUNNING {
        view.errors.push(if own > 0 {
            "U heeft al een import lopen. Wacht tot die klaar is en probeer het dan opnieuw.".into()
        } else {
            format!("Er lopen al {MAX_RUNNING} imports. Probeer het over enkele minuten opnieuw.")
        });
        return Err(StatusCode::TOO_MANY_REQUESTS);
    }
    runs.insert(
        token.to_string(),
        Run {
            user_id: s.actor.user_id(),
            kind: view.kind.clone(),
            job: 0,
            done: 0,
            total: 0,
            started: Instant::now(),
            outcome: None,
        },
    );
    Ok(())
}

/// What was uploaded, and how to import it.
struct Upload {
    kind: String,
    file_name: String,
    bytes: Vec<u8>,
    options: ImportOptions,
    vum: VumImportOptions,
}

/// Runs the import in the background: it goes on when the browser leaves, and each batch is
/// committed as it is done.
fn start_run(web: &Web, s: &UiSession, meta: koppel_app::Meta, key: String, file: Upload) {
    let (runs, ctx, actor) = (web.imports.clone(), web.ctx.clone(), s.actor.clone());
    tokio::spawn(async move {
        let mut follow = |p: Progress| {
            if let Some(r) = lock(&runs).get_mut(&key) {
                r.job = p.job;
                r.done = p.done;
                r.total = p.total;
            }
        };
        let result = import::import_as(
            &ctx,
            &actor,
            &meta,
            &file.kind,
            &file.file_name,
            &file.bytes,
            &file.options,
            &file.vum,
            &mut follow,
        )
        .await;
        let outcome = match result {
            Ok(report) => Ok(report),
            Err(AppError::Invalid(errors)) => {
                Err(errors.0.iter().map(|e| e.message.clone()).collect())
            }
            Err(e) => {
                tracing::error!(error = %e, "import failed");
                Err(vec![
                    "De import is onderbroken door een fout; wat al klaar was, is bewaard en de import gaat vanzelf verder waar hij was. U ziet hem bij uw imports."
                        .to_string(),
                ])
            }
        };
        if let Some(r) = lock(&runs).get_mut(&key) {
            r.outcome = Some(outcome);
        }
    });
}

/// How far an import is; once it is done, its report (only for the user who started it). A
/// number is a job in the database; a token is a run of this process (a dry run, or a real one
/// until its job started, when the page moves to the job's own).
async fn progress(
    State(web): State<Web>,
    s: UiSession,
    Path(run): Path<String>,
) -> Result<Response, UiError> {
    if let Ok(id) = run.parse::<i64>() {
        return super::import_jobs::page(&web, &s, id).await;
    }
    let mut view = page(&s);
    let status = {
        let runs = lock(&web.imports);
        match runs.get(&run).filter(|r| r.user_id == s.actor.user_id()) {
            None => None,
            Some(r) if r.job > 0 => {
                return Ok(Redirect::to(&format!("/importeren/{}", r.job)).into_response())
            }
            Some(r) => Some(shown(&mut view, r)),
        }
    };
    view.jobs = super::import_jobs::rows(&web, &s).await?;
    let Some(status) = status else {
        view.notice = "Deze import is hier niet (meer) te volgen, bijvoorbeeld omdat koppel intussen opnieuw is gestart. Uw imports staan hieronder; een onderbroken import gaat vanzelf verder.".into();
        return Ok(render(StatusCode::NOT_FOUND, &view));
    };
    Ok(render(status, &view))
}

/// Fills the page from a run of this process: its progress, report or errors.
fn shown(view: &mut ImportPage, run: &Run) -> StatusCode {
    view.kind = run.kind.clone();
    match &run.outcome {
        None => {
            view.running = Some((run.done, run.total));
            view.refresh = true;
            StatusCode::OK
        }
        Some(Ok(report)) => {
            view.unused = report
                .columns
                .iter()
                .filter(|(_, f)| f.is_none())
                .map(|(c, _)| c.clone())
                .collect();
            view.report = Some(report.clone());
            StatusCode::OK
        }
        Some(Err(errors)) => {
            view.errors = errors.clone();
            StatusCode::BAD_REQUEST
        }
    }
}
