//! Checking a database after a restore (or at any time): the file's integrity and its foreign
//! keys (SQLite; PostgreSQL guards both itself), whether every migration ran, and how many rows
//! the main tables hold.

use crate::{vals, Backend, StoreError, Tx};

/// What a check found.
#[derive(Debug, Clone, Default)]
pub struct Check {
    /// Each problem, in Dutch; none: the database is sound.
    pub problems: Vec<String>,
    pub migrations_applied: i64,
    pub migrations_known: i64,
    /// (table, rows), for comparing a restored copy with what was backed up.
    pub counts: Vec<(&'static str, i64)>,
}

/// The tables whose rows a check counts.
pub const TABLES: &[&str] = &[
    "organisations",
    "users",
    "employers",
    "contact_persons",
    "contact_moments",
    "contact_requests",
    "vacancies",
    "candidates",
    "residents",
    "desk_conversations",
    "referrals",
    "nominations",
    "placements",
    "events",
    "outbox",
    "audit_log",
    "processing_log",
];

/// Checks the database `tx` is in; `known` is how many migrations this koppel has.
pub async fn run(tx: &mut Tx, known: i64) -> Result<Check, StoreError> {
    let mut c = Check {
        migrations_known: known,
        ..Default::default()
    };
    if tx.backend() == Backend::Sqlite {
        let damaged = tx
            .scalar(
                "SELECT COUNT(*) FROM pragma_integrity_check() WHERE integrity_check <> 'ok'",
                &vals![],
            )
            .await?;
        if damaged > 0 {
            c.problems.push(format!(
                "Het databasebestand is beschadigd ({damaged} meldingen van integrity_check)."
            ));
        }
        let orphans = tx
            .scalar("SELECT COUNT(*) FROM pragma_foreign_key_check()", &vals![])
            .await?;
        if orphans > 0 {
            c.problems.push(format!(
                "{orphans} rijen verwijzen naar iets dat niet bestaat (foreign_key_check)."
            ));
        }
    }
    c.migrations_applied = tx
        .scalar(
            "SELECT COUNT(*) FROM _sqlx_migrations WHERE success = TRUE",
            &vals![],
        )
        .await?;
    if c.migrations_applied != known {
        c.problems.push(format!(
            "{} van de {known} schemaversies zijn toegepast.",
            c.migrations_applied
        ));
    }
    for table in TABLES {
        let n = tx
            .scalar(&format!("SELECT COUNT(*) FROM {table}"), &vals![])
            .await?;
        c.counts.push((table, n));
    }
    Ok(c)
}

/// Whether a database holds no tables yet (a restore goes only into an empty database).
pub async fn is_empty(tx: &mut Tx) -> Result<bool, StoreError> {
    let sql = match tx.backend() {
        Backend::Sqlite => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
        Backend::Postgres => {
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"
        }
    };
    Ok(tx.scalar(sql, &vals![]).await? == 0)
}
