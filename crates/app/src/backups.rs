//! Backups that can be restored: a consistent copy while koppel runs (`VACUUM INTO` on SQLite,
//! `pg_dump` on PostgreSQL), a restore into an empty database followed by a check, the check
//! itself, and the scheduled backups of `koppel serve` with how many to keep.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use koppel_domain::FieldErrors;
use koppel_store::check::{self, Check};
use koppel_store::{Backend, Store};

use crate::logging::audit;
use crate::{AppContext, AppError, Meta};

fn refused(field: &str, message: String) -> AppError {
    let mut e = FieldErrors::new();
    e.push(field, "refused", message);
    AppError::Invalid(e)
}

/// Runs a PostgreSQL tool (`pg_dump`, `pg_restore`) and says what went wrong if it fails.
async fn tool(program: &'static str, args: Vec<String>) -> Result<(), AppError> {
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(program).args(args).output()
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
    .map_err(|e| AppError::Internal(format!("{program} niet gevonden: {e}")))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(AppError::Internal(format!(
            "{program}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )))
    }
}

/// Writes a consistent copy of the database at `url` to `to` while koppel keeps running, and
/// audits it. Never overwrites a file.
pub async fn backup(ctx: &AppContext, url: &str, to: &Path, meta: &Meta) -> Result<(), AppError> {
    if to.exists() {
        return Err(refused(
            "to",
            format!("{} bestaat al; kies een nieuw bestand.", to.display()),
        ));
    }
    match ctx.store.backend() {
        Backend::Sqlite => ctx.store.backup_to(to).await?,
        Backend::Postgres => {
            let args = vec![
                "--format=custom".into(),
                "--no-owner".into(),
                format!("--file={}", to.display()),
                format!("--dbname={url}"),
            ];
            tool("pg_dump", args).await?;
        }
    }
    let mut tx = ctx.store.begin().await?;
    let object = to.display().to_string();
    audit(&mut tx, "system:backup", "backup", &object, "success", meta).await?;
    tx.commit().await?;
    Ok(())
}

/// The SQLite file a URL names.
fn sqlite_path(url: &str) -> PathBuf {
    PathBuf::from(
        url.strip_prefix("sqlite://")
            .or(url.strip_prefix("sqlite:"))
            .unwrap_or(url),
    )
}

/// Restores the backup `from` into the database at `url`, which must be empty (a new file, or a
/// PostgreSQL database without tables). Open and [`check`] it afterwards.
pub async fn restore(url: &str, from: &Path) -> Result<(), AppError> {
    if !from.is_file() {
        return Err(refused("from", format!("{} bestaat niet.", from.display())));
    }
    if url.starts_with("postgres") {
        let store = Store::connect(url).await?;
        let mut tx = store.begin().await?;
        let empty = check::is_empty(&mut tx).await?;
        tx.commit().await?;
        store.close().await;
        if !empty {
            return Err(refused("database", "De database is niet leeg; zet een kopie alleen terug in een nieuwe, lege database.".into()));
        }
        let args = vec![
            "--no-owner".into(),
            "--exit-on-error".into(),
            format!("--dbname={url}"),
            from.display().to_string(),
        ];
        return tool("pg_restore", args).await;
    }
    let target = sqlite_path(url);
    let wal = PathBuf::from(format!("{}-wal", target.display()));
    let busy = [target.clone(), wal]
        .iter()
        .any(|p| p.metadata().is_ok_and(|m| m.len() > 0));
    if busy {
        return Err(refused(
            "database",
            format!(
                "{} bestaat al; zet een kopie alleen terug in een nieuw bestand.",
                target.display()
            ),
        ));
    }
    let bytes = std::fs::read(from).map_err(|e| AppError::Internal(e.to_string()))?;
    if !bytes.starts_with(b"SQLite format 3\0") {
        return Err(refused(
            "from",
            format!("{} is geen SQLite-kopie van koppel.", from.display()),
        ));
    }
    let write = || -> std::io::Result<()> {
        use std::io::Write;
        let mut f = std::fs::File::create_new(&target)?;
        f.write_all(&bytes)?;
        f.sync_all()
    };
    write().map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(())
}

/// Checks the database: integrity, foreign keys, migrations, and the rows of the main tables.
pub async fn check(ctx: &AppContext) -> Result<Check, AppError> {
    let mut tx = ctx.store.begin().await?;
    let c = check::run(&mut tx, ctx.store.known_migrations()).await?;
    tx.commit().await?;
    Ok(c)
}

/// A scheduled backup into `dir` named by its moment; then only the newest `keep` backups stay.
/// Returns the new file.
pub async fn scheduled(
    ctx: &AppContext,
    url: &str,
    dir: &Path,
    keep: usize,
    now: DateTime<Utc>,
    meta: &Meta,
) -> Result<PathBuf, AppError> {
    let extension = match ctx.store.backend() {
        Backend::Sqlite => "db",
        Backend::Postgres => "dump",
    };
    std::fs::create_dir_all(dir).map_err(|e| AppError::Internal(e.to_string()))?;
    let to = dir.join(format!(
        "koppel-{}.{extension}",
        now.format("%Y%m%d-%H%M%S")
    ));
    backup(ctx, url, &to, meta).await?;
    let mut ours: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| AppError::Internal(e.to_string()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.starts_with("koppel-") && name.ends_with(&format!(".{extension}"))
        })
        .collect();
    ours.sort();
    let old = ours.len().saturating_sub(keep.max(1));
    for p in &ours[..old] {
        let _ = std::fs::remove_file(p);
    }
    Ok(to)
}
