//! One use case's write in progress: its transaction together with who acts and the request, so
//! that recording the audit and processing logs is one call and a commit without either fails.

use std::ops::{Deref, DerefMut};

use koppel_store::Tx;

use crate::logging::{audit, processing, processing_each};
use crate::{Actor, AppContext, AppError, Meta};

/// A transaction opened for an actor's use case. It derefs to the store's `Tx`, so store calls
/// take `&mut op` as they take `&mut tx`.
pub(crate) struct Op<'a> {
    tx: Tx,
    ctx: &'a AppContext,
    actor: &'a Actor,
    meta: &'a Meta,
    logged: bool,
}

impl<'a> Op<'a> {
    /// Opens the write transaction of a use case.
    pub(crate) async fn begin(
        ctx: &'a AppContext,
        actor: &'a Actor,
        meta: &'a Meta,
    ) -> Result<Op<'a>, AppError> {
        Ok(Op {
            tx: ctx.store.begin().await?,
            ctx,
            actor,
            meta,
            logged: false,
        })
    }

    /// Records that the actor did `action` on `object`, successfully, in the audit log.
    pub(crate) async fn audit(&mut self, action: &str, object: &str) -> Result<(), AppError> {
        let name = self.actor.audit_name();
        audit(&mut self.tx, &name, action, object, "success", self.meta).await?;
        self.logged = true;
        Ok(())
    }

    /// Records one processing (`name`, under `activity`) of the data subject `subject`.
    pub(crate) async fn processed(
        &mut self,
        name: &str,
        activity: &str,
        subject: &str,
    ) -> Result<(), AppError> {
        let (ctx, actor, meta) = (self.ctx, self.actor, self.meta);
        processing(&mut self.tx, ctx, actor, meta, name, activity, subject).await?;
        self.logged = true;
        Ok(())
    }

    /// Records one processing per data subject shown (e.g. the rows of a list); a list that showed
    /// nobody processed nobody, which counts as recorded.
    pub(crate) async fn processed_each(
        &mut self,
        name: &str,
        activity: &str,
        subjects: Vec<String>,
    ) -> Result<(), AppError> {
        let (ctx, actor, meta) = (self.ctx, self.actor, self.meta);
        processing_each(&mut self.tx, ctx, actor, meta, name, activity, &subjects).await?;
        self.logged = true;
        Ok(())
    }

    /// Commits the use case; refused when it recorded neither an audit nor a processing record.
    pub(crate) async fn commit(self) -> Result<(), AppError> {
        if !self.logged {
            return Err(AppError::Internal(
                "a use case committed without an audit or processing record".into(),
            ));
        }
        self.tx.commit().await?;
        Ok(())
    }
}

impl Deref for Op<'_> {
    type Target = Tx;
    fn deref(&self) -> &Tx {
        &self.tx
    }
}

impl DerefMut for Op<'_> {
    fn deref_mut(&mut self) -> &mut Tx {
        &mut self.tx
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::Settings;
    use koppel_domain::codes::Role;

    fn actor() -> Actor {
        let user = koppel_store::users::User {
            id: 1,
            org_id: 1,
            org_name: "WSP".into(),
            org_in_wsp: true,
            email: "a@example.nl".into(),
            name: "A".into(),
            role: "adviser".into(),
            active: true,
        };
        Actor::new(user, Role::Adviser, false)
    }

    /// A use case that logged nothing cannot commit, and one that audited can.
    #[tokio::test]
    async fn a_commit_without_a_log_record_is_refused() -> Result<(), Box<dyn std::error::Error>> {
        let dir = std::env::temp_dir().join(format!("koppel-op-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let path = dir.join("op.db");
        let _ = std::fs::remove_file(&path);
        let ctx = AppContext::open(&path.to_string_lossy(), Settings::default()).await?;
        let (actor, meta) = (actor(), Meta::local("test"));
        let silent = Op::begin(&ctx, &actor, &meta).await?;
        assert!(matches!(silent.commit().await, Err(AppError::Internal(_))));
        let mut logged = Op::begin(&ctx, &actor, &meta).await?;
        logged.audit("test.action", "thing:1").await?;
        logged.commit().await?;
        let mut listed = Op::begin(&ctx, &actor, &meta).await?;
        listed
            .processed_each("test.list", "bemiddeling", Vec::new())
            .await?;
        listed.commit().await?;
        ctx.close().await;
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }
}
