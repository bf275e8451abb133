//! One use case's write in progress: its transaction together with who acts and the request, so
//! that recording the audit and processing logs is one call and a commit without either fails.

use std::ops::{Deref, DerefMut};

use koppel_store::Tx;

use crate::logging::{audit, processing};
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
        for subject in subjects {
            self.processed(name, activity, &subject).await?;
        }
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
