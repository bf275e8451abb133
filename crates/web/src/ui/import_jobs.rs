//! The import jobs a user started, as kept in the database: the list on the import page
//! (running, interrupted and finished, each with how far it got), and one job's page with its
//! progress or its report. It survives a restart, and follows a job another node took over.

use axum::http::StatusCode;
use axum::response::Response;
use chrono::Utc;
use koppel_app::import::{self, ImportReport};
use koppel_app::store::import_jobs::ImportJob;

use super::format::local_time;
use super::import_page::JobRow;
use super::{render, UiError};
use crate::extract::UiSession;
use crate::Web;

/// Whether a run holds the job now.
fn held(job: &ImportJob) -> bool {
    job.status == "running" && job.lease_until.is_some_and(|t| t > Utc::now())
}

/// The job's state in Dutch.
pub fn state(job: &ImportJob) -> String {
    match (job.status.as_str(), &job.failure) {
        ("done", None) => "Klaar".into(),
        ("done", Some(why)) => format!("Gestopt: {why}"),
        _ if held(job) => "Loopt".into(),
        _ if job.resumable => "Onderbroken; gaat vanzelf verder waar hij was".into(),
        _ => "Onderbroken; upload hetzelfde bestand om verder te gaan".into(),
    }
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        "vacancies" => "Vacatures",
        "candidates" => "Kandidaten",
        _ => "Werkgevers",
    }
}

/// The user's imports, newest first.
pub async fn rows(web: &Web, s: &UiSession) -> Result<Vec<JobRow>, UiError> {
    let jobs = import::jobs::started_by(&web.ctx, &s.actor).await?;
    Ok(jobs
        .iter()
        .map(|j| JobRow {
            id: j.id,
            file: j.file_name.clone(),
            kind: kind_label(&j.kind).into(),
            started: local_time(j.started_at),
            state: state(j),
            done: j.done_rows,
            total: j.total_rows,
        })
        .collect())
}

/// One job's page: while it runs, how far it is (the page refreshes); once it ended, its report.
pub async fn page(web: &Web, s: &UiSession, id: i64) -> Result<Response, UiError> {
    let (job, problems) = import::jobs::job_of(&web.ctx, &s.actor, id).await?;
    let mut view = super::import_page::page(s);
    view.jobs = rows(web, s).await?;
    view.kind = job.kind.clone();
    view.job_state = format!("{}: {}", job.file_name, state(&job));
    if job.status == "running" {
        view.running = Some((job.done_rows, job.total_rows));
        view.refresh = held(&job) || job.resumable;
        return Ok(render(StatusCode::OK, &view));
    }
    view.report = Some(ImportReport {
        import_id: Some(job.id),
        dry_run: false,
        total_rows: job.total_rows,
        resumed_after: 0,
        imported: job.imported,
        skipped: job.skipped,
        bad: job.bad,
        columns: Vec::new(),
        problems,
    });
    Ok(render(StatusCode::OK, &view))
}
