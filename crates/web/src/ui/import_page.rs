//! The import page: the form to upload a file, the report of the last import, and the list of
//! the user's imports (`JobRow`, filled by `import_jobs`).

use askama::Template;
use koppel_app::import::ImportReport;
use koppel_domain::codes::{CodeList, Sector};
use koppel_domain::permissions::Permission;

use super::views::Nav;
use crate::extract::UiSession;

/// One import in the list: its page, file, kind, start, state and rows.
#[derive(Debug, Clone)]
pub struct JobRow {
    pub id: i64,
    pub file: String,
    pub kind: String,
    pub started: String,
    pub state: String,
    pub done: i64,
    pub total: i64,
}

#[derive(Template)]
#[template(path = "import.html")]
pub(super) struct ImportPage {
    pub(super) title: String,
    pub(super) nav: Option<Nav>,
    pub(super) csrf: String,
    pub(super) mapping: String,
    pub(super) dry_run: bool,
    pub(super) errors: Vec<String>,
    pub(super) report: Option<ImportReport>,
    pub(super) unused: Vec<String>,
    pub(super) kind: String,
    pub(super) kinds: Vec<(String, String)>,
    pub(super) publish: bool,
    pub(super) sector: String,
    pub(super) sectors: Vec<(String, String)>,
    /// While the import runs: rows done and in all.
    pub(super) running: Option<(i64, i64)>,
    /// Whether the page refreshes itself (while an import runs or is about to be taken over).
    pub(super) refresh: bool,
    /// The imports this user started, newest first.
    pub(super) jobs: Vec<JobRow>,
    /// On a job's page: its file and state.
    pub(super) job_state: String,
    /// Why the page is shown instead of what was asked for.
    pub(super) notice: String,
}

pub(super) fn page(s: &UiSession) -> ImportPage {
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
            (
                "vum-vacancies",
                "VUM-vacatures (JSON)",
                Permission::WriteVacancies,
            ),
            (
                "vum-jobseekers",
                "VUM-werkzoekendenprofielen (JSON, van uw organisatie)",
                Permission::WriteCandidates,
            ),
        ]
        .into_iter()
        .filter(|(_, _, p)| s.actor.can(*p))
        .map(|(k, l, _)| (k.to_string(), l.to_string()))
        .collect(),
        publish: false,
        sector: String::new(),
        sectors: Sector::ALL
            .iter()
            .map(|c| (c.code().to_string(), c.label().to_string()))
            .collect(),
        running: None,
        refresh: false,
        jobs: Vec::new(),
        job_state: String::new(),
        notice: String::new(),
    }
}
