//! The retention purge and erasure on request: personal data is erased in place, so that the
//! anonymous facts the figures count (target group, organisation, dates, states, coded reasons)
//! stay. One function erases one candidate, for the purge and for an erasure request alike.

use chrono::{DateTime, NaiveDate, Utc};

use crate::{vals, StoreError, Tx};

/// What one purge erased.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    pub candidates: u64,
    /// Residents the Werkcentrum's desk registered.
    pub residents: u64,
    /// Residents' requests through the public form.
    pub desk_requests: u64,
    pub contact_requests: u64,
    pub survey_comments: u64,
    pub contact_moments: u64,
    pub agreements: u64,
    pub contact_persons: u64,
    pub import_problems: u64,
    /// Audit and processing-log records past the log retention.
    pub log_records: u64,
}

/// The moments before which data is erased: personal data after its retention, logs after theirs.
#[derive(Debug, Clone, Copy)]
pub struct Cutoffs {
    pub data: DateTime<Utc>,
    pub logs: DateTime<Utc>,
    pub now: DateTime<Utc>,
}

/// Erases candidates with no activity since the cutoff (no change, no nomination moving, no
/// placement starting or running), the free text of the employer relationship older than it, and
/// logs older than their own cutoff.
pub async fn purge(tx: &mut Tx, at: Cutoffs) -> Result<Purged, StoreError> {
    let mut done = Purged::default();
    for id in stale_candidates(tx, at.data).await? {
        erase_candidate(tx, id, at.now).await?;
        done.candidates += 1;
    }
    done.residents = purge_residents(tx, at).await?;
    done.desk_requests = tx
        .execute(
            "UPDATE desk_requests SET name = 'verwijderd', phone = NULL, email = NULL, message = '', purged_at = $1, \
             version = version + 1 WHERE purged_at IS NULL AND received_at < $2",
            &vals![at.now, at.data],
        )
        .await?;
    done.contact_requests = tx
        .execute(
            "UPDATE contact_requests SET contact_name = 'verwijderd', email = NULL, phone = NULL, message = '', purged_at = $1, \
             version = version + 1 WHERE purged_at IS NULL AND received_at < $2",
            &vals![at.now, at.data],
        )
        .await?;
    done.survey_comments = tx
        .execute(
            "UPDATE satisfaction_surveys SET comment = '' WHERE comment <> '' AND answered_at < $1",
            &vals![at.data],
        )
        .await?;
    purge_employer_relations(tx, at.data, &mut done).await?;
    done.import_problems = tx
        .execute(
            "DELETE FROM import_problems WHERE import_id IN (SELECT id FROM imports WHERE started_at < $1)",
            &vals![at.data],
        )
        .await?;
    tx.execute(
        "DELETE FROM import_files WHERE import_id IN (SELECT id FROM imports WHERE started_at < $1)",
        &vals![at.data],
    )
    .await?;
    done.log_records = purge_logs(tx, at.logs).await?;
    Ok(done)
}

/// Deletes log records older than `cutoff`, through the gate the append-only triggers leave for
/// the purge; the gate is closed again in the same transaction.
async fn purge_logs(tx: &mut Tx, cutoff: DateTime<Utc>) -> Result<u64, StoreError> {
    tx.execute(
        "INSERT INTO settings (key, value) VALUES ('log_purge_open', '1')",
        &[],
    )
    .await?;
    let mut deleted = 0;
    for sql in [
        "DELETE FROM audit_log WHERE occurred_at < $1",
        "DELETE FROM processing_log WHERE ended_at < $1",
    ] {
        deleted += tx.execute(sql, &vals![cutoff]).await?;
    }
    tx.execute("DELETE FROM settings WHERE key = 'log_purge_open'", &[])
        .await?;
    Ok(deleted)
}

async fn stale_candidates(tx: &mut Tx, cutoff: DateTime<Utc>) -> Result<Vec<i64>, StoreError> {
    let cutoff_day: NaiveDate = cutoff.date_naive();
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT id FROM candidates WHERE purged_at IS NULL AND updated_at < $1 \
             AND NOT EXISTS (SELECT 1 FROM nominations n WHERE n.candidate_id = candidates.id AND n.updated_at >= $1) \
             AND NOT EXISTS (SELECT 1 FROM placements p WHERE p.candidate_id = candidates.id \
                 AND (p.start_date >= $2 OR p.ended_on IS NULL OR p.ended_on >= $2)) ORDER BY id",
            &vals![cutoff, cutoff_day],
        )
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Erases the residents the desk has not spoken with or referred since the cutoff: their name and
/// contact details, the free text of their conversations and referrals; the date of birth keeps
/// only its year (for the figures' age groups).
async fn purge_residents(tx: &mut Tx, at: Cutoffs) -> Result<u64, StoreError> {
    let stale: Vec<(i64, NaiveDate)> = tx
        .fetch_all(
            "SELECT r.id, r.birth_date FROM residents r WHERE r.purged_at IS NULL AND r.created_at < $1 \
             AND NOT EXISTS (SELECT 1 FROM desk_conversations c WHERE c.resident_id = r.id AND c.occurred_at >= $1) \
             AND NOT EXISTS (SELECT 1 FROM referrals f WHERE f.resident_id = r.id \
                 AND (f.sent_at >= $1 OR f.answered_at >= $1)) ORDER BY r.id",
            &vals![at.data],
        )
        .await?;
    for (id, born) in &stale {
        erase_resident(tx, *id, *born, at.now).await?;
    }
    Ok(stale.len() as u64)
}

/// Erases one resident in place (see `purge_residents`).
pub async fn erase_resident(
    tx: &mut Tx,
    id: i64,
    born: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    use chrono::Datelike;
    for sql in [
        "UPDATE desk_conversations SET advice = '', next_step = '' WHERE resident_id = $1",
        "UPDATE referrals SET note = '', return_reason = '', version = version + 1 WHERE resident_id = $1",
    ] {
        tx.execute(sql, &vals![id]).await?;
    }
    let year_only = NaiveDate::from_ymd_opt(born.year(), 1, 1).unwrap_or(born);
    tx.execute(
        "UPDATE residents SET name = 'verwijderd', phone = NULL, email = NULL, birth_date = $1, purged_at = $2, \
         version = version + 1 WHERE id = $3",
        &vals![year_only, now, id],
    )
    .await?;
    Ok(())
}

/// Contact-moment notes, agreements' descriptions and the contact persons of employers with no
/// contact since the cutoff.
async fn purge_employer_relations(
    tx: &mut Tx,
    cutoff: DateTime<Utc>,
    done: &mut Purged,
) -> Result<(), StoreError> {
    done.contact_moments = tx
        .execute(
            "UPDATE contact_moments SET subject = 'verwijderd', notes = '', version = version + 1 \
             WHERE occurred_at < $1 AND (subject <> 'verwijderd' OR notes <> '')",
            &vals![cutoff],
        )
        .await?;
    done.agreements = tx
        .execute(
            "UPDATE agreements SET description = 'verwijderd', version = version + 1 \
             WHERE updated_at < $1 AND description <> 'verwijderd'",
            &vals![cutoff],
        )
        .await?;
    done.contact_persons = tx
        .execute(
            "DELETE FROM contact_persons WHERE employer_id IN (SELECT e.id FROM employers e WHERE e.updated_at < $1 \
             AND NOT EXISTS (SELECT 1 FROM contact_moments m WHERE m.employer_id = e.id AND m.occurred_at >= $1))",
            &vals![cutoff],
        )
        .await?;
    Ok(())
}

/// Erases everything personal of one candidate: the candidate's own fields and the free text of
/// their nominations, placements, instruments and after-care. Ids, dates, states, coded reasons and
/// the target group stay, for the figures.
pub async fn erase_candidate(tx: &mut Tx, id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
    for sql in [
        "DELETE FROM candidate_skills WHERE candidate_id = $1",
        "DELETE FROM candidate_documents WHERE candidate_id = $1",
    ] {
        tx.execute(sql, &vals![id]).await?;
    }
    for sql in [
        "UPDATE aftercare_tasks SET notes = '' WHERE placement_id IN (SELECT id FROM placements WHERE candidate_id = $1)",
        "UPDATE placement_instruments SET notes = '' WHERE placement_id IN (SELECT id FROM placements WHERE candidate_id = $1)",
        "UPDATE placements SET ended_reason = NULL WHERE candidate_id = $1",
        "UPDATE nominations SET reason = NULL WHERE candidate_id = $1",
    ] {
        tx.execute(sql, &vals![id]).await?;
    }
    tx.execute(
        "UPDATE candidates SET first_name = '', last_name = 'verwijderd', email = NULL, phone = NULL, postcode = NULL, city = '', \
         wishes = '', target_group_evidence = '', target_group_valid_until = NULL, desired_occupation_uri = NULL, \
         consent_wsp = FALSE, consent_scope = '', consent_date = NULL, work_ready = FALSE, work_ready_assessed_on = NULL, \
         available_from = NULL, external_id = NULL, max_travel_km = NULL, hours_per_week = NULL, education_level = NULL, \
         driving_licences = '', languages = '', purged_at = $1, updated_at = $1, version = version + 1 WHERE id = $2",
        &vals![now, id],
    )
    .await?;
    Ok(())
}
