//! What the demo and the benchmark loaders read back and backdate: they fill a new database in
//! bulk (`Tx::insert_rows`) and then spread its registrations over time.

use chrono::{DateTime, NaiveDate, Utc};

use crate::{vals, StoreError, Tx};

/// How many organisations the database holds (the loaders fill only an empty one).
pub async fn organisation_count(tx: &mut Tx) -> Result<i64, StoreError> {
    tx.scalar("SELECT COUNT(*) FROM organisations", &[]).await
}

/// Every vacancy with its employer: (vacancy id, employer id).
pub async fn vacancy_employers(tx: &mut Tx) -> Result<Vec<(i64, i64)>, StoreError> {
    tx.fetch_all("SELECT id, employer_id FROM vacancies ORDER BY id", &[])
        .await
}

/// Answered contact requests of a known employer: (request id, employer id, adviser).
pub async fn answered_requests(tx: &mut Tx) -> Result<Vec<(i64, i64, Option<i64>)>, StoreError> {
    tx.fetch_all(
        "SELECT r.id, r.employer_id, r.assigned_to FROM contact_requests r \
         WHERE r.answered_at IS NOT NULL AND r.employer_id IS NOT NULL",
        &[],
    )
    .await
}

/// Placements with their employer's account holder: (placement id, employer id, holder).
pub async fn placement_holders(tx: &mut Tx) -> Result<Vec<(i64, i64, Option<i64>)>, StoreError> {
    tx.fetch_all(
        "SELECT p.id, p.employer_id, e.account_holder_id FROM placements p \
         JOIN employers e ON e.id = p.employer_id",
        &[],
    )
    .await
}

/// Placements by id with their start: (placement id, start date, account holder).
pub async fn placement_starts(
    tx: &mut Tx,
) -> Result<Vec<(i64, NaiveDate, Option<i64>)>, StoreError> {
    tx.fetch_all(
        "SELECT p.id, p.start_date, e.account_holder_id FROM placements p \
         JOIN employers e ON e.id = p.employer_id ORDER BY p.id",
        &[],
    )
    .await
}

/// The account holder of an employer, if it has one.
pub async fn account_holder(tx: &mut Tx, employer_id: i64) -> Result<Option<i64>, StoreError> {
    let row: Option<(Option<i64>,)> = tx
        .fetch_optional(
            "SELECT account_holder_id FROM employers WHERE id = $1",
            &vals![employer_id],
        )
        .await?;
    Ok(row.and_then(|r| r.0))
}

/// The ids of all employers.
pub async fn employer_ids(tx: &mut Tx) -> Result<Vec<i64>, StoreError> {
    let rows: Vec<(i64,)> = tx
        .fetch_all("SELECT id FROM employers ORDER BY id", &[])
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// A table whose registrations the demo backdates.
#[derive(Debug, Clone, Copy)]
pub enum Registered {
    Employers,
    Vacancies,
    Candidates,
}

impl Registered {
    fn table(self) -> &'static str {
        match self {
            Registered::Employers => "employers",
            Registered::Vacancies => "vacancies",
            Registered::Candidates => "candidates",
        }
    }
}

/// Vacancies or candidates with the moment of their first nomination, if any.
pub async fn first_nominations(
    tx: &mut Tx,
    of: Registered,
) -> Result<Vec<(i64, Option<DateTime<Utc>>)>, StoreError> {
    let column = match of {
        Registered::Vacancies => "vacancy_id",
        Registered::Candidates | Registered::Employers => "candidate_id",
    };
    tx.fetch_all(
        &format!(
            "SELECT t.id, (SELECT MIN(n.created_at) FROM nominations n WHERE n.{column} = t.id) FROM {} t ORDER BY t.id",
            of.table()
        ),
        &[],
    )
    .await
}

/// Sets when a row was registered.
pub async fn set_created_at(
    tx: &mut Tx,
    of: Registered,
    id: i64,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let sql = format!("UPDATE {} SET created_at = $1 WHERE id = $2", of.table());
    tx.execute(&sql, &vals![at, id]).await?;
    Ok(())
}

/// Instruments with the start of their placement: (instrument id, start date).
pub async fn instrument_starts(tx: &mut Tx) -> Result<Vec<(i64, NaiveDate)>, StoreError> {
    tx.fetch_all(
        "SELECT i.id, p.start_date FROM placement_instruments i \
         JOIN placements p ON p.id = i.placement_id ORDER BY i.id",
        &[],
    )
    .await
}

/// Sets when an instrument was recorded.
pub async fn set_instrument_created(
    tx: &mut Tx,
    id: i64,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE placement_instruments SET created_at = $1 WHERE id = $2",
        &vals![at, id],
    )
    .await?;
    Ok(())
}

/// Finished after-care tasks with their due date: (task id, due date).
pub async fn done_aftercare(tx: &mut Tx) -> Result<Vec<(i64, NaiveDate)>, StoreError> {
    tx.fetch_all(
        "SELECT id, due_date FROM aftercare_tasks WHERE done_at IS NOT NULL ORDER BY id",
        &[],
    )
    .await
}

/// Sets when an after-care task was done.
pub async fn set_aftercare_done(tx: &mut Tx, id: i64, at: DateTime<Utc>) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE aftercare_tasks SET done_at = $1 WHERE id = $2",
        &vals![at, id],
    )
    .await?;
    Ok(())
}

/// A satisfaction survey with what it is about: (survey id, the request's receipt, the placement's
/// start).
pub type SurveyAbout = (i64, Option<DateTime<Utc>>, Option<NaiveDate>);

/// Every satisfaction survey with the moment of the contact or placement it is about.
pub async fn surveys(tx: &mut Tx) -> Result<Vec<SurveyAbout>, StoreError> {
    tx.fetch_all(
        "SELECT s.id, r.received_at, p.start_date FROM satisfaction_surveys s \
         LEFT JOIN contact_requests r ON r.id = s.contact_request_id \
         LEFT JOIN placements p ON p.id = s.placement_id ORDER BY s.id",
        &[],
    )
    .await
}

/// Sets when a survey was sent and answered.
pub async fn set_survey_dates(
    tx: &mut Tx,
    id: i64,
    sent: DateTime<Utc>,
    answered: DateTime<Utc>,
) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE satisfaction_surveys SET created_at = $1, answered_at = $2 WHERE id = $3",
        &vals![sent, answered, id],
    )
    .await?;
    Ok(())
}
