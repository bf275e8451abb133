//! What an operator may know of a running koppel, without personal data: whether it can serve
//! (the database answers, every migration has run, the matching index is built) and the figures a
//! metrics scrape reads (the connection pool, the index, the e-mail outbox).

use crate::{AppContext, AppError};

/// The state of this process, read at the moment of asking.
#[derive(Debug, Clone, Default)]
pub struct Status {
    /// The database answered a read.
    pub database: bool,
    /// Migrations this version knows that the database has not run (an upgrade half done).
    pub pending_migrations: i64,
    /// Connections open, of which idle, and the most the pool opens.
    pub pool_open: u32,
    pub pool_idle: u32,
    pub pool_max: u32,
    /// Profiles in the matching index and its age in seconds; none before it is first built.
    pub index: Option<(usize, f64)>,
}

impl Status {
    /// Whether a load balancer may send requests here: the database answers, it is fully
    /// migrated, and the matching index is built (a search would not wait for it).
    pub fn ready(&self) -> bool {
        self.database && self.pending_migrations == 0 && self.index.is_some()
    }
}

/// Reads the status of this process.
pub async fn status(ctx: &AppContext) -> Status {
    let (pool_open, pool_idle, pool_max) = ctx.store.pool_use();
    let database = applied_migrations(ctx).await;
    Status {
        database: database.is_ok(),
        pending_migrations: database
            .map(|applied| (ctx.store.known_migrations() - applied).max(0))
            .unwrap_or(0),
        pool_open,
        pool_idle,
        pool_max,
        index: crate::matching::held(ctx).map(|(n, age)| (n, age.as_secs_f64())),
    }
}

async fn applied_migrations(ctx: &AppContext) -> Result<i64, AppError> {
    let mut tx = ctx.store.read().await?;
    let applied = koppel_store::schema::applied_migrations(&mut tx).await?;
    tx.commit().await?;
    Ok(applied)
}
