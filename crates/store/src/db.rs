//! The connection layer: one `Store` and one `Tx` over either backend; SQL is written once
//! with `$1`-style placeholders, which both SQLite and PostgreSQL accept.

use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::postgres::{PgPool, PgPoolOptions, PgRow, PgTransactionManager};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous, SqliteTransactionManager,
};
use sqlx::{Connection, FromRow, Postgres, Sqlite, Transaction, TransactionManager};

use crate::StoreError;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// The database: a pool over SQLite or PostgreSQL. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    pool: Pool,
}

/// One transaction. Dropping it without `commit` rolls back.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// A value bound to a placeholder.
#[derive(Debug, Clone)]
pub enum Val {
    Int(Option<i64>),
    Text(Option<String>),
    Bool(bool),
    Date(Option<NaiveDate>),
    Time(DateTime<Utc>),
    Bytes(Vec<u8>),
}

impl From<Vec<u8>> for Val {
    fn from(v: Vec<u8>) -> Self {
        Val::Bytes(v)
    }
}
impl From<i64> for Val {
    fn from(v: i64) -> Self {
        Val::Int(Some(v))
    }
}
impl From<Option<i64>> for Val {
    fn from(v: Option<i64>) -> Self {
        Val::Int(v)
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Self {
        Val::Text(Some(v.to_string()))
    }
}
impl From<String> for Val {
    fn from(v: String) -> Self {
        Val::Text(Some(v))
    }
}
impl From<Option<String>> for Val {
    fn from(v: Option<String>) -> Self {
        Val::Text(v)
    }
}
impl From<bool> for Val {
    fn from(v: bool) -> Self {
        Val::Bool(v)
    }
}
impl From<Option<NaiveDate>> for Val {
    fn from(v: Option<NaiveDate>) -> Self {
        Val::Date(v)
    }
}
impl From<NaiveDate> for Val {
    fn from(v: NaiveDate) -> Self {
        Val::Date(Some(v))
    }
}
impl From<DateTime<Utc>> for Val {
    fn from(v: DateTime<Utc>) -> Self {
        Val::Time(v)
    }
}

/// Builds an array of `Val` from values of mixed types.
#[macro_export]
macro_rules! vals {
    ($($v:expr),* $(,)?) => { [$($crate::Val::from($v)),*] };
}

/// A row type both backends can decode.
pub trait Row: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}
impl<T> Row for T where T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{}

macro_rules! bind_all {
    ($query:expr, $vals:expr) => {{
        let mut q = $query;
        for v in $vals {
            q = match v {
                Val::Int(x) => q.bind(*x),
                // NUL is no character of any text koppel keeps, and PostgreSQL cannot store it.
                Val::Text(x) => q.bind(x.as_ref().map(|s| {
                    if s.contains('\0') {
                        s.replace('\0', "")
                    } else {
                        s.clone()
                    }
                })),
                Val::Bool(x) => q.bind(*x),
                Val::Date(x) => q.bind(*x),
                Val::Time(x) => q.bind(*x),
                Val::Bytes(x) => q.bind(x.clone()),
            };
        }
        q
    }};
}

/// The statements of a transaction, defined once with the visibility given (see `db`).
macro_rules! sql_methods {
    ($vis:vis) => {
        impl Tx {
        /// Runs a statement, returning the number of rows it changed.
        $vis async fn execute(&mut self, sql: &str, vals: &[Val]) -> Result<u64, StoreError> {
            let n = match self {
                Tx::Sqlite(t) => bind_all!(sqlx::query(sql), vals)
                    .execute(&mut **t)
                    .await
                    .map_err(StoreError::from_write)?
                    .rows_affected(),
                Tx::Postgres(t) => bind_all!(sqlx::query(sql), vals)
                    .execute(&mut **t)
                    .await
                    .map_err(StoreError::from_write)?
                    .rows_affected(),
            };
            Ok(n)
        }

        $vis async fn fetch_all<T: Row>(
            &mut self,
            sql: &str,
            vals: &[Val],
        ) -> Result<Vec<T>, StoreError> {
            Ok(match self {
                Tx::Sqlite(t) => {
                    bind_all!(sqlx::query_as::<_, T>(sql), vals)
                        .fetch_all(&mut **t)
                        .await?
                }
                Tx::Postgres(t) => {
                    bind_all!(sqlx::query_as::<_, T>(sql), vals)
                        .fetch_all(&mut **t)
                        .await?
                }
            })
        }

        $vis async fn fetch_optional<T: Row>(
            &mut self,
            sql: &str,
            vals: &[Val],
        ) -> Result<Option<T>, StoreError> {
            Ok(match self {
                Tx::Sqlite(t) => {
                    bind_all!(sqlx::query_as::<_, T>(sql), vals)
                        .fetch_optional(&mut **t)
                        .await?
                }
                Tx::Postgres(t) => {
                    bind_all!(sqlx::query_as::<_, T>(sql), vals)
                        .fetch_optional(&mut **t)
                        .await?
                }
            })
        }

        /// Fetches one row, or `NotFound`.
        $vis async fn fetch_one<T: Row>(&mut self, sql: &str, vals: &[Val]) -> Result<T, StoreError> {
            self.fetch_optional(sql, vals)
                .await?
                .ok_or(StoreError::NotFound)
        }

        /// Runs an INSERT ... RETURNING id and gives the id.
        $vis async fn insert(&mut self, sql: &str, vals: &[Val]) -> Result<i64, StoreError> {
            let id: (i64,) = match self {
                Tx::Sqlite(t) => bind_all!(sqlx::query_as(sql), vals)
                    .fetch_one(&mut **t)
                    .await
                    .map_err(StoreError::from_write)?,
                Tx::Postgres(t) => bind_all!(sqlx::query_as(sql), vals)
                    .fetch_one(&mut **t)
                    .await
                    .map_err(StoreError::from_write)?,
            };
            Ok(id.0)
        }

        /// A single integer, such as a count.
        $vis async fn scalar(&mut self, sql: &str, vals: &[Val]) -> Result<i64, StoreError> {
            let row: (i64,) = self.fetch_one(sql, vals).await?;
            Ok(row.0)
        }

        /// An optimistic-locking update: `sql` must end in `WHERE id = $n AND version = $m` and bump the version.
        /// Zero rows changed means a stale version when the row exists, or not found.
        $vis async fn update_versioned(
            &mut self,
            sql: &str,
            vals: &[Val],
            table: &str,
            id: i64,
        ) -> Result<(), StoreError> {
            if self.execute(sql, vals).await? == 1 {
                return Ok(());
            }
            let exists = self
                .scalar(
                    &format!("SELECT COUNT(*) FROM {table} WHERE id = $1"),
                    &[Val::from(id)],
                )
                .await?;
            Err(if exists > 0 {
                StoreError::StaleVersion
            } else {
                StoreError::NotFound
            })
        }
        }
    };
}

impl Store {
    /// Opens `url`: `postgres://...` for PostgreSQL; otherwise a SQLite file (`sqlite:PATH` or a plain path),
    /// created when missing, in WAL mode with full sync, foreign keys on and a busy timeout.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .after_release(|conn, _| {
                    Box::pin(async move {
                        if conn.is_in_transaction() {
                            PgTransactionManager::rollback(conn).await?;
                        }
                        Ok(true)
                    })
                })
                .connect(url)
                .await?;
            return Ok(Self {
                pool: Pool::Postgres(pool),
            });
        }
        let options = if url.starts_with("sqlite:") {
            SqliteConnectOptions::from_str(url)?
        } else if url.contains("://") {
            return Err(StoreError::UnsupportedUrl(
                url.split("://").next().unwrap_or_default().to_string(),
            ));
        } else {
            SqliteConnectOptions::new().filename(url)
        };
        let options = options
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        // A request dropped while `BEGIN IMMEDIATE` was answered (a client that went away) leaves
        // no `Transaction` to roll back; its connection would go back to the pool holding
        // SQLite's write lock, and every writer would wait for it. Such a connection is rolled back
        // as it is returned. (A dropped `Transaction` has already queued its own rollback, which
        // runs first; this one then finds nothing to do.)
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .after_release(|conn, _| {
                Box::pin(async move {
                    if conn.is_in_transaction() {
                        SqliteTransactionManager::rollback(conn).await?;
                    }
                    Ok(true)
                })
            })
            .connect_with(options)
            .await?;
        Ok(Self {
            pool: Pool::Sqlite(pool),
        })
    }

    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// The connection pool's use: (connections open, of which idle, the most it opens).
    pub fn pool_use(&self) -> (u32, u32, u32) {
        match &self.pool {
            Pool::Sqlite(p) => (
                p.size(),
                p.num_idle() as u32,
                p.options().get_max_connections(),
            ),
            Pool::Postgres(p) => (
                p.size(),
                p.num_idle() as u32,
                p.options().get_max_connections(),
            ),
        }
    }

    /// How many migrations this version of koppel knows for the store's backend.
    pub fn known_migrations(&self) -> i64 {
        let m = match self.pool {
            Pool::Sqlite(_) => &SQLITE_MIGRATIONS,
            Pool::Postgres(_) => &POSTGRES_MIGRATIONS,
        };
        m.iter().count() as i64
    }

    /// Applies the migrations of this backend that have not run yet.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match &self.pool {
            Pool::Sqlite(p) => SQLITE_MIGRATIONS.run(p).await?,
            Pool::Postgres(p) => POSTGRES_MIGRATIONS.run(p).await?,
        }
        Ok(())
    }

    /// Starts a transaction that only reads. On SQLite it takes no write lock (`BEGIN DEFERRED`),
    /// so reads run beside each other and beside a writer (WAL); it must not write.
    pub async fn read(&self) -> Result<Tx, StoreError> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => Tx::Sqlite(p.begin().await?),
            Pool::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Starts a transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`),
    /// so a transaction never fails half-way on a lock upgrade.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Writes a consistent copy of a SQLite database to `path` while it stays in use (`VACUUM
    /// INTO`: one read transaction, so every change committed before it began is in the copy,
    /// the WAL included). The file must not exist yet. PostgreSQL has its own tools (`pg_dump`).
    pub async fn backup_to(&self, path: &std::path::Path) -> Result<(), StoreError> {
        match &self.pool {
            Pool::Sqlite(p) => {
                let target = path.to_string_lossy().into_owned();
                sqlx::query("VACUUM INTO ?").bind(target).execute(p).await?;
                Ok(())
            }
            Pool::Postgres(_) => Err(StoreError::UnsupportedUrl(
                "postgres (gebruik pg_dump)".into(),
            )),
        }
    }

    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite(p) => p.close().await,
            Pool::Postgres(p) => p.close().await,
        }
    }
}

impl Tx {
    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) => Backend::Sqlite,
            Tx::Postgres(_) => Backend::Postgres,
        }
    }

    pub async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }

    /// Inserts many rows into `table` with multi-row INSERT statements of at most 500 rows each
    /// (for bulk loads such as benchmark data; every row has one value per column).
    pub async fn insert_rows(
        &mut self,
        table: &str,
        columns: &[&str],
        rows: &[Vec<Val>],
    ) -> Result<u64, StoreError> {
        let mut n = 0;
        for chunk in rows.chunks(500) {
            let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
            let mut k = 0;
            for (i, row) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push_str(", ");
                }
                sql.push('(');
                for j in 0..row.len() {
                    k += 1;
                    if j > 0 {
                        sql.push_str(", ");
                    }
                    // SQLite looks named parameters up one by one in a list, which makes thousands of
                    // `$n` in one statement quadratic; anonymous `?` parameters are bound by position.
                    match self {
                        Tx::Sqlite(_) => sql.push('?'),
                        Tx::Postgres(_) => sql.push_str(&format!("${k}")),
                    }
                }
                sql.push(')');
            }
            let vals: Vec<Val> = chunk.iter().flatten().cloned().collect();
            n += self.execute(&sql, &vals).await?;
        }
        Ok(n)
    }
}

// The statements themselves are open only to store (and, with the `raw-sql` feature, to tests):
// all SQL lives here.
#[cfg(feature = "raw-sql")]
sql_methods!(pub);
#[cfg(not(feature = "raw-sql"))]
sql_methods!(pub(crate));

#[cfg(test)]
mod tests {
    use super::*;

    /// The state a request leaves when it is dropped right after SQLite answered its `BEGIN
    /// IMMEDIATE`: a pooled connection inside a transaction, with no `Transaction` to end it.
    /// Every later writer must still get the lock at once.
    #[tokio::test]
    async fn a_connection_returned_inside_a_transaction_releases_the_write_lock(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let dir = std::env::temp_dir().join(format!("koppel-release-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let path = dir.join("release.db");
        let _ = std::fs::remove_file(&path);
        let store = Store::connect(&path.to_string_lossy()).await?;
        let Pool::Sqlite(pool) = &store.pool else {
            return Err("not SQLite".into());
        };
        for _ in 0..4 {
            let mut conn = pool.acquire().await?;
            SqliteTransactionManager::begin(&mut conn, Some("BEGIN IMMEDIATE".into())).await?;
            drop(conn);
        }
        for _ in 0..8 {
            let started = std::time::Instant::now();
            let mut tx = store.begin().await?;
            tx.execute("CREATE TABLE IF NOT EXISTS t (x INTEGER)", &[])
                .await?;
            tx.commit().await?;
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "waited for a lock"
            );
        }
        store.close().await;
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }
}
