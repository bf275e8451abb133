//! The retention purge: personal data past its retention period is erased in place, so that the
//! anonymous facts the figures count (target group, organisation, dates, states) stay.

use chrono::{DateTime, NaiveDate, Utc};

use crate::{vals, StoreError, Tx};

/// What one purge erased.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    pub candidates: u64,
    pub contact_requests: u64,
    pub survey_comments: u64,
}

/// Erases candidates with no activity since `cutoff` (no change, no nomination moving, no placement
/// starting), contact requests answered before it, and comments of surveys answered before it.
pub async fn purge(
    tx: &mut Tx,
    cutoff: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Purged, StoreError> {
    let cutoff_day: NaiveDate = cutoff.date_naive();
    let stale = "purged_at IS NULL AND updated_at < $1 \
         AND NOT EXISTS (SELECT 1 FROM nominations n WHERE n.candidate_id = candidates.id AND n.updated_at >= $1) \
         AND NOT EXISTS (SELECT 1 FROM placements p WHERE p.candidate_id = candidates.id AND (p.start_date >= $2 OR p.ended_on IS NULL OR p.ended_on >= $2))";
    tx.execute(
        &format!("DELETE FROM candidate_skills WHERE candidate_id IN (SELECT id FROM candidates WHERE {stale})"),
        &vals![cutoff, cutoff_day],
    )
    .await?;
    tx.execute(
        &format!(
            "UPDATE aftercare_tasks SET notes = '' WHERE placement_id IN (SELECT p.id FROM placements p WHERE p.candidate_id IN \
             (SELECT id FROM candidates WHERE {stale}))"
        ),
        &vals![cutoff, cutoff_day],
    )
    .await?;
    let candidates = tx
        .execute(
            &format!(
                "UPDATE candidates SET first_name = '', last_name = 'verwijderd', email = NULL, phone = NULL, postcode = NULL, city = '', \
                 wishes = '', target_group_evidence = '', desired_occupation_uri = NULL, consent_wsp = FALSE, consent_scope = '', \
                 work_ready = FALSE, max_travel_km = NULL, hours_per_week = NULL, education_level = NULL, driving_licences = '', \
                 languages = '', purged_at = $3, updated_at = $3, version = version + 1 WHERE {stale}"
            ),
            &vals![cutoff, cutoff_day, now],
        )
        .await?;
    let contact_requests = tx
        .execute(
            "UPDATE contact_requests SET contact_name = 'verwijderd', email = NULL, phone = NULL, message = '', purged_at = $1, \
             version = version + 1 WHERE purged_at IS NULL AND answered_at IS NOT NULL AND received_at < $2",
            &vals![now, cutoff],
        )
        .await?;
    let survey_comments = tx
        .execute(
            "UPDATE satisfaction_surveys SET comment = '' WHERE comment <> '' AND answered_at < $1",
            &vals![cutoff],
        )
        .await?;
    Ok(Purged {
        candidates,
        contact_requests,
        survey_comments,
    })
}
