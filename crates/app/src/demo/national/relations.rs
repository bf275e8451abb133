//! The national benchmark's work around placements: instruments, after-care, contact moments,
//! contact requests, satisfaction surveys, and events with their participants.

use chrono::{DateTime, Duration, Utc};
use koppel_domain::codes::CodeList;
use koppel_domain::crm::Instrument;
use koppel_store::Tx;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::{instant, load, random_day, NationalSize};
use crate::AppError;

/// Loads the work around `size.placements` placements, for `employers` employers and `users` users.
pub(super) async fn load_relations(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    size: NationalSize,
    employers: usize,
    users: usize,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    follow_up(tx, rng, size).await?;
    employer_contacts(tx, rng, size, employers, users).await?;
    events_with_participants(tx, rng, size, employers, now).await
}

/// Instruments and after-care for the placements.
async fn follow_up(tx: &mut Tx, rng: &mut ChaCha8Rng, size: NationalSize) -> Result<(), AppError> {
    let instruments: Vec<&str> = Instrument::ALL.iter().map(|i| i.code()).collect();
    load(
        tx,
        "placement_instruments",
        &["placement_id", "instrument", "status", "created_at"],
        size.placements * 2 / 5,
        |_| {
            vec![
                (rng.gen_range(0..size.placements) as i64 + 1).into(),
                instruments[rng.gen_range(0..instruments.len())].into(),
                ["requested", "granted", "refused", "ended"][rng.gen_range(0..4)].into(),
                instant(random_day(rng), 0).into(),
            ]
        },
    )
    .await?;
    load(
        tx,
        "aftercare_tasks",
        &["placement_id", "due_date", "kind", "outcome", "done_at"],
        size.placements * 3 / 2,
        |_| {
            let due = random_day(rng);
            vec![
                (rng.gen_range(0..size.placements) as i64 + 1).into(),
                due.into(),
                ["two_months", "five_months", "follow_up"][rng.gen_range(0..3)].into(),
                [
                    "going_well",
                    "going_well",
                    "needs_support",
                    "training_needed",
                    "ended_early",
                ][rng.gen_range(0..5)]
                .into(),
                instant(due, 300).into(),
            ]
        },
    )
    .await?;
    Ok(())
}

/// Contact moments, contact requests and satisfaction surveys with the employers.
async fn employer_contacts(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    size: NationalSize,
    employers: usize,
    users: usize,
) -> Result<(), AppError> {
    load(
        tx,
        "contact_moments",
        &[
            "employer_id",
            "user_id",
            "kind",
            "level",
            "subject",
            "occurred_at",
        ],
        size.placements * 2,
        |_| {
            vec![
                (rng.gen_range(0..employers) as i64 + 1).into(),
                (rng.gen_range(0..users) as i64 + 1).into(),
                ["visit", "call", "email"][rng.gen_range(0..3)].into(),
                "operational".into(),
                "Contact".into(),
                instant(random_day(rng), rng.gen_range(0..600)).into(),
            ]
        },
    )
    .await?;
    let requests = size.placements / 3;
    load(
        tx,
        "contact_requests",
        &[
            "employer_id",
            "company_name",
            "contact_name",
            "message",
            "source",
            "assigned_to",
            "received_at",
            "deadline_at",
            "answered_at",
            "response_minutes",
        ],
        requests,
        |_| {
            let received = instant(random_day(rng), rng.gen_range(0..600));
            let minutes = rng.gen_range(20..2_000_i64);
            vec![
                (rng.gen_range(0..employers) as i64 + 1).into(),
                "Werkgever".into(),
                "Contactpersoon".into(),
                "Verzoek".into(),
                "public_form".into(),
                (rng.gen_range(0..users) as i64 + 1).into(),
                received.into(),
                (received + Duration::hours(24)).into(),
                (received + Duration::minutes(minutes)).into(),
                minutes.into(),
            ]
        },
    )
    .await?;
    load(
        tx,
        "satisfaction_surveys",
        &["employer_id", "score", "created_at", "answered_at"],
        size.placements / 6,
        |_| {
            let t = instant(random_day(rng), 0);
            vec![
                (rng.gen_range(0..employers) as i64 + 1).into(),
                rng.gen_range(4..11_i64).into(),
                t.into(),
                t.into(),
            ]
        },
    )
    .await?;
    Ok(())
}

/// Events, a hundredth of the placements (at least ten), with twelve employers invited to each.
async fn events_with_participants(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    size: NationalSize,
    employers: usize,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let events = (size.placements / 100).max(10);
    load(
        tx,
        "events",
        &[
            "id",
            "title",
            "kind",
            "event_date",
            "created_by",
            "created_at",
        ],
        events,
        |i| {
            vec![
                (i as i64 + 1).into(),
                "Bijeenkomst".into(),
                ["employer_meeting", "care_fair", "job_market", "information"][rng.gen_range(0..4)]
                    .into(),
                random_day(rng).into(),
                1_i64.into(),
                now.into(),
            ]
        },
    )
    .await?;
    load(
        tx,
        "event_participants",
        &["event_id", "employer_id", "status"],
        events * 12,
        |_| {
            vec![
                (rng.gen_range(0..events) as i64 + 1).into(),
                (rng.gen_range(0..employers) as i64 + 1).into(),
                ["attended", "attended", "absent", "invited"][rng.gen_range(0..4)].into(),
            ]
        },
    )
    .await?;
    Ok(())
}
