//! Store errors: not found, a stale version, a uniqueness conflict, or a database failure.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// The row exists but its version is not the one the caller read (optimistic locking).
    #[error("version conflict")]
    StaleVersion,
    /// A uniqueness rule refused the write (for example an e-mail address in use).
    #[error("duplicate: {0}")]
    Duplicate(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("unsupported database url: {0}")]
    UnsupportedUrl(String),
}

impl StoreError {
    /// Maps a unique-constraint violation to `Duplicate`, leaving other errors as they are.
    pub(crate) fn from_write(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e {
            if db.is_unique_violation() {
                return StoreError::Duplicate(db.message().to_string());
            }
        }
        StoreError::Database(e)
    }
}
