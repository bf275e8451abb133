//! Spreads the demo's registrations over time, so the figures of any period since 2025 have
//! something to count: employers, vacancies and candidates registered before their first
//! nomination, instruments around the start of their placement, satisfaction answered after the
//! contact or placement it is about.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use koppel_store::{vals, Tx};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::AppError;

fn at(day: NaiveDate, hour: u32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(hour, 0, 0).unwrap_or_default())
}

fn random_between(rng: &mut ChaCha8Rng, from: DateTime<Utc>, to: DateTime<Utc>) -> DateTime<Utc> {
    let span = (to - from).num_minutes().max(1);
    from + Duration::minutes(rng.gen_range(0..span))
}

pub async fn backdate(tx: &mut Tx, rng: &mut ChaCha8Rng) -> Result<(), AppError> {
    let now = Utc::now();
    let y2019 = at(NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default(), 9);
    let y2025 = at(NaiveDate::from_ymd_opt(2025, 1, 2).unwrap_or_default(), 9);
    let employers: Vec<(i64,)> = tx
        .fetch_all("SELECT id FROM employers ORDER BY id", &[])
        .await?;
    for (id,) in employers {
        let t = if rng.gen_bool(0.85) {
            random_between(rng, y2019, y2025)
        } else {
            random_between(rng, y2025, now)
        };
        tx.execute(
            "UPDATE employers SET created_at = $1 WHERE id = $2",
            &vals![t, id],
        )
        .await?;
    }
    for table in ["vacancies", "candidates"] {
        let column = if table == "vacancies" {
            "vacancy_id"
        } else {
            "candidate_id"
        };
        let rows: Vec<(i64, Option<DateTime<Utc>>)> = tx
            .fetch_all(
                &format!(
                    "SELECT t.id, (SELECT MIN(n.created_at) FROM nominations n WHERE n.{column} = t.id) FROM {table} t ORDER BY t.id"
                ),
                &[],
            )
            .await?;
        for (id, first) in rows {
            let t = match first {
                Some(first) => first - Duration::days(rng.gen_range(7..90)),
                None => random_between(rng, y2025, now),
            };
            tx.execute(
                &format!("UPDATE {table} SET created_at = $1 WHERE id = $2"),
                &vals![t, id],
            )
            .await?;
        }
    }
    let instruments: Vec<(i64, NaiveDate)> = tx
        .fetch_all(
            "SELECT i.id, p.start_date FROM placement_instruments i JOIN placements p ON p.id = i.placement_id ORDER BY i.id",
            &[],
        )
        .await?;
    for (id, start) in instruments {
        let t = at(start - Duration::days(rng.gen_range(0..14)), 10).min(now);
        tx.execute(
            "UPDATE placement_instruments SET created_at = $1 WHERE id = $2",
            &vals![t, id],
        )
        .await?;
    }
    let tasks: Vec<(i64, NaiveDate)> = tx
        .fetch_all(
            "SELECT id, due_date FROM aftercare_tasks WHERE done_at IS NOT NULL ORDER BY id",
            &[],
        )
        .await?;
    for (id, due) in tasks {
        let t = at(due + Duration::days(rng.gen_range(0..3)), 14).min(now);
        tx.execute(
            "UPDATE aftercare_tasks SET done_at = $1 WHERE id = $2",
            &vals![t, id],
        )
        .await?;
    }
    let surveys: Vec<(i64, Option<DateTime<Utc>>, Option<NaiveDate>)> = tx
        .fetch_all(
            "SELECT s.id, r.received_at, p.start_date FROM satisfaction_surveys s LEFT JOIN contact_requests r ON r.id = s.contact_request_id \
             LEFT JOIN placements p ON p.id = s.placement_id ORDER BY s.id",
            &[],
        )
        .await?;
    for (id, received, start) in surveys {
        let answered = match (received, start) {
            (Some(r), _) => r + Duration::days(rng.gen_range(2..10)),
            (None, Some(s)) => at(s + Duration::days(rng.gen_range(55..75)), 11),
            (None, None) => now,
        }
        .min(now);
        tx.execute(
            "UPDATE satisfaction_surveys SET created_at = $1, answered_at = $2 WHERE id = $3",
            &vals![answered - Duration::days(1), answered, id],
        )
        .await?;
    }
    Ok(())
}
