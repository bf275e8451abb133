//! The plan of an import: how to read its file (again, when a run takes over a kept job).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ImportBy, ImportOptions};

/// How to read a kept file again: the kind of import as the user chose it, the options and who
/// started it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Plan {
    /// `employers`, `vacancies`, `candidates`, `vum-vacancies` or `vum-jobseekers`.
    pub kind: String,
    pub file_name: String,
    pub mapping: Vec<(String, String)>,
    pub publish: bool,
    pub employer_sector: Option<String>,
    pub today: Option<NaiveDate>,
    pub user_id: Option<i64>,
    pub org_id: Option<i64>,
    pub by_name: String,
    /// Check and report only (never kept: a dry run has no job).
    #[serde(skip)]
    pub dry_run: bool,
}

impl Plan {
    pub(crate) fn new(kind: &str, file_name: &str, by: &ImportBy, options: &ImportOptions) -> Self {
        Self {
            kind: kind.into(),
            file_name: file_name.into(),
            mapping: options.mapping.clone(),
            publish: false,
            employer_sector: None,
            today: None,
            user_id: by.user_id,
            org_id: by.org_id,
            by_name: by.name.clone(),
            dry_run: options.dry_run,
        }
    }

    pub(super) fn by(&self) -> ImportBy {
        ImportBy {
            user_id: self.user_id,
            org_id: self.org_id,
            name: self.by_name.clone(),
        }
    }
}
