//! The messages koppel sends, each built from what its use case knows: who gets it, its
//! idempotency key and the values of its placeholders.

use koppel_domain::notifications::MailKind;
use koppel_store::contact_requests::ContactRequest;
use koppel_store::Tx;

use super::{link, moment, to_address, to_user};
use crate::{AppContext, AppError};

/// The employer's receipt for a contact request, with the promised answer time.
pub async fn contact_receipt(
    tx: &mut Tx,
    ctx: &AppContext,
    r: &ContactRequest,
) -> Result<(), AppError> {
    let Some(email) = r.email.as_deref().filter(|e| !e.is_empty()) else {
        return Ok(());
    };
    let values = [
        ("naam", r.contact_name.clone()),
        ("bedrijf", r.company_name.clone()),
        ("antwoord_voor", moment(r.deadline_at)),
    ];
    let key = format!("contact_request:{}", r.id);
    to_address(tx, ctx, MailKind::ContactReceipt, &key, email, &values).await?;
    Ok(())
}

/// A late request, to the manager it was escalated to.
pub async fn escalation(
    tx: &mut Tx,
    ctx: &AppContext,
    r: &ContactRequest,
    manager_id: i64,
) -> Result<(), AppError> {
    let values = [
        ("bedrijf", r.company_name.clone()),
        ("deadline", moment(r.deadline_at)),
        ("link", link(ctx, &format!("/contactverzoeken/{}", r.id))),
    ];
    let key = format!("contact_request:{}", r.id);
    to_user(tx, ctx, MailKind::Escalation, &key, manager_id, &values).await?;
    Ok(())
}

/// A request handed over to another adviser, with the note of who handed it over.
pub async fn handover(
    tx: &mut Tx,
    ctx: &AppContext,
    r: &ContactRequest,
    from: &str,
    note: &str,
) -> Result<(), AppError> {
    let Some(to) = r.assigned_to else {
        return Ok(());
    };
    let values = [
        ("bedrijf", r.company_name.clone()),
        ("van", from.to_string()),
        ("notitie", note.to_string()),
        ("link", link(ctx, &format!("/contactverzoeken/{}", r.id))),
    ];
    // Each handover is its own message (the version it made).
    let key = format!("contact_request:{}:{}", r.id, r.version);
    to_user(tx, ctx, MailKind::Handover, &key, to, &values).await?;
    Ok(())
}

/// Reminds each adviser of the after-care due within a week, once per task. Returns how many
/// reminders were written. Run daily by `koppel serve`.
pub async fn remind_aftercare(
    ctx: &AppContext,
    today: chrono::NaiveDate,
) -> Result<usize, AppError> {
    let mut tx = ctx.store.begin().await?;
    let until = today + chrono::Duration::days(7);
    // Only tasks not reminded yet: an open task is not read again every hour.
    let prefix = super::idempotency_key(MailKind::AftercareDue, "aftercare:");
    let due = koppel_store::aftercare::open_due_unreminded(&mut tx, until, &prefix).await?;
    let mut written = 0;
    for t in due {
        let values = [
            ("werkgever", t.employer_name.clone()),
            ("datum", t.due_date.format("%d-%m-%Y").to_string()),
            (
                "link",
                link(ctx, &format!("/plaatsingen/{}", t.placement_id)),
            ),
        ];
        let key = format!("aftercare:{}", t.id);
        if to_user(
            &mut tx,
            ctx,
            MailKind::AftercareDue,
            &key,
            t.assignee_id,
            &values,
        )
        .await?
        {
            written += 1;
        }
    }
    tx.commit().await?;
    Ok(written)
}

/// The survey link, to the employer's address; `key` names the link without revealing it.
pub async fn survey(
    tx: &mut Tx,
    ctx: &AppContext,
    company: &str,
    email: &str,
    path: &str,
    key: &str,
) -> Result<(), AppError> {
    let values = [("bedrijf", company.to_string()), ("link", link(ctx, path))];
    to_address(tx, ctx, MailKind::Satisfaction, key, email, &values).await?;
    Ok(())
}

/// A finished or stopped import, to the user who started it.
pub async fn import_done(
    tx: &mut Tx,
    ctx: &AppContext,
    run: i64,
    user_id: i64,
    file: &str,
    outcome: &str,
) -> Result<(), AppError> {
    let values = [
        ("bestand", file.to_string()),
        ("uitkomst", outcome.to_string()),
        ("link", link(ctx, &format!("/importeren/{run}"))),
    ];
    let key = format!("import:{run}:{outcome}");
    to_user(tx, ctx, MailKind::ImportDone, &key, user_id, &values).await?;
    Ok(())
}
