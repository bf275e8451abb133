//! Spreads the demo's registrations over time, so the figures of any period since 2025 have
//! something to count: employers, vacancies and candidates registered before their first
//! nomination, instruments around the start of their placement, satisfaction answered after the
//! contact or placement it is about.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use koppel_store::demo::{self, Registered};
use koppel_store::Tx;
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
    for id in demo::employer_ids(tx).await? {
        let t = if rng.gen_bool(0.85) {
            random_between(rng, y2019, y2025)
        } else {
            random_between(rng, y2025, now)
        };
        demo::set_created_at(tx, Registered::Employers, id, t).await?;
    }
    for of in [Registered::Vacancies, Registered::Candidates] {
        for (id, first) in demo::first_nominations(tx, of).await? {
            let t = match first {
                Some(first) => first - Duration::days(rng.gen_range(7..90)),
                None => random_between(rng, y2025, now),
            };
            demo::set_created_at(tx, of, id, t).await?;
        }
    }
    for (id, start) in demo::instrument_starts(tx).await? {
        let t = at(start - Duration::days(rng.gen_range(0..14)), 10).min(now);
        demo::set_instrument_created(tx, id, t).await?;
    }
    for (id, due) in demo::done_aftercare(tx).await? {
        let t = at(due + Duration::days(rng.gen_range(0..3)), 14).min(now);
        demo::set_aftercare_done(tx, id, t).await?;
    }
    for (id, received, start) in demo::surveys(tx).await? {
        let answered = match (received, start) {
            (Some(r), _) => r + Duration::days(rng.gen_range(2..10)),
            (None, Some(s)) => at(s + Duration::days(rng.gen_range(55..75)), 11),
            (None, None) => now,
        }
        .min(now);
        demo::set_survey_dates(tx, id, answered - Duration::days(1), answered).await?;
    }
    Ok(())
}
