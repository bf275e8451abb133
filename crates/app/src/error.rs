//! The one error type of the use cases; the web layer renders it as problem+json or as an HTML page.

use koppel_domain::FieldErrors;
use koppel_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// One or more fields are invalid; all are listed.
    #[error("invalid input: {0}")]
    Invalid(FieldErrors),
    /// Not there, or not visible to this actor (the two are deliberately indistinguishable).
    #[error("not found")]
    NotFound,
    /// The caller's version is stale: someone else changed the record first.
    #[error("version conflict")]
    StaleVersion,
    /// A uniqueness rule refused the change.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The actor's role does not allow this.
    #[error("forbidden")]
    Forbidden,
    /// No valid session or token, or wrong credentials.
    #[error("unauthenticated")]
    Unauthenticated,
    /// Too many failed logins; try again later.
    #[error("too many attempts")]
    Throttled,
    /// Something broke inside; logged, never shown in detail.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::StaleVersion => AppError::StaleVersion,
            StoreError::Duplicate(m) => AppError::Conflict(m),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Invalid(e)
    }
}

pub type AppResult<T> = Result<T, AppError>;
