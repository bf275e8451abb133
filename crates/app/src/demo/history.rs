//! The demo's 2025 history: contact moments with employers, placements near the year's targets
//! (each after a nomination that reached 'placed'), and nominations still running or ended.

use chrono::{DateTime, Duration, TimeZone, Utc};
use koppel_store::{employers, nominations, placements, Tx};
use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::job_seekers::{benefit_of, start_date, DemoCandidate};
use super::people::user_ids;
use super::TARGETS_2025;
use crate::AppError;

pub(super) async fn insert_history(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    employer_ids: &[(i64, String)],
    vacancy_ids: &[(i64, i64)],
    cands: &[DemoCandidate],
    advisers: &[i64],
) -> Result<(), AppError> {
    let year_start = Utc
        .with_ymd_and_hms(2025, 1, 1, 8, 0, 0)
        .single()
        .unwrap_or_else(Utc::now);
    contact_moments(tx, rng, employer_ids, advisers, year_start).await?;
    placed(tx, rng, vacancy_ids, cands, advisers).await?;
    open_nominations(tx, rng, vacancy_ids, cands, advisers, year_start).await
}

/// One to five contact moments in 2025 with six in ten employers.
async fn contact_moments(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    employer_ids: &[(i64, String)],
    advisers: &[i64],
    year_start: DateTime<Utc>,
) -> Result<(), AppError> {
    let subjects = [
        "Kennismaking",
        "Vacature-intake",
        "Nazorg plaatsing",
        "Inclusief werkgeverschap",
        "Jobcarving verkennen",
        "Subsidieaanvraag",
        "Werkgeversbijeenkomst",
    ];
    for (employer_id, _) in employer_ids {
        if !rng.gen_bool(0.6) {
            continue;
        }
        for _ in 0..rng.gen_range(1..6) {
            let Some(user_id) = advisers.choose(rng).copied() else {
                break;
            };
            let at = year_start + Duration::hours(rng.gen_range(0..24 * 364));
            employers::insert_contact_moment(
                tx,
                &employers::NewContactMoment {
                    employer_id: *employer_id,
                    user_id,
                    kind: ["visit", "call", "call", "email", "event"][rng.gen_range(0..5)],
                    level: ["strategic", "tactical", "operational", "operational"]
                        [rng.gen_range(0..4)],
                    subject: subjects[rng.gen_range(0..subjects.len())],
                    notes: "",
                    occurred_at: at,
                },
            )
            .await?;
        }
    }
    Ok(())
}

/// Placements near the 2025 targets, each preceded by a nomination that reached 'placed'.
async fn placed(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    vacancy_ids: &[(i64, i64)],
    cands: &[DemoCandidate],
    advisers: &[i64],
) -> Result<(), AppError> {
    let jobhunters = user_ids(tx, "jobhunter").await?;
    let desk = user_ids(tx, "ukraine_desk").await?;
    for (group, target) in TARGETS_2025 {
        let pool: Vec<&DemoCandidate> = cands.iter().filter(|c| c.target_group == *group).collect();
        let n = (*target as f64 * rng.gen_range(0.75..1.1)) as usize;
        for c in pool.choose_multiple(rng, n.min(pool.len())) {
            let (Some(&(vacancy_id, employer_id)), Some(&adviser)) =
                (vacancy_ids.choose(rng), advisers.choose(rng))
            else {
                break;
            };
            let start = start_date(rng);
            let at = Utc.from_utc_datetime(
                &(start - Duration::days(21))
                    .and_hms_opt(10, 0, 0)
                    .unwrap_or_default(),
            );
            let placer = match (*group, desk.choose(rng), jobhunters.choose(rng)) {
                ("oekraine", Some(&d), _) if rng.gen_bool(0.5) => d,
                (_, _, Some(&j)) if rng.gen_bool(0.2) => j,
                _ => adviser,
            };
            let nomination_id = nominations::insert(
                tx,
                &nominations::NewNomination {
                    vacancy_id,
                    candidate: koppel_store::Visible::for_system(c.id),
                    org_id: c.org_id,
                    proposed_by: placer,
                    state: "proposed",
                    reason_code: None,
                    reason: None,
                    at,
                },
            )
            .await?;
            let mut step_at = at;
            for state in ["interested", "interview", "offer"] {
                step_at += Duration::hours(rng.gen_range(24..24 * 5));
                nominations::record_step(tx, nomination_id, state, step_at).await?;
            }
            let placed_at = step_at + Duration::hours(rng.gen_range(24..24 * 4));
            nominations::record_step(tx, nomination_id, "placed", placed_at).await?;
            nominations::settle(tx, nomination_id, "placed", None, placed_at).await?;
            let outflow = rng.gen_bool(0.6);
            placements::insert(
                tx,
                &placements::NewPlacement {
                    org_id: c.org_id,
                    candidate: koppel_store::Visible::for_system(c.id),
                    employer_id,
                    vacancy_id: Some(vacancy_id),
                    nomination_id: Some(nomination_id),
                    target_group: c.target_group,
                    municipality_code: Some(c.municipality_code.clone()),
                    placed_by: Some(placer),
                    terms: placements::PlacementTerms {
                        contract_type: ["permanent", "temporary", "temporary", "temp_agency"]
                            [rng.gen_range(0..4)]
                        .to_string(),
                        hours_per_week: [16, 24, 32, 36, 38][rng.gen_range(0..5)],
                        start_date: start,
                        hourly_wage_cents: Some(rng.gen_range(1_400..2_200)),
                        benefit_outflow: outflow,
                        benefit: outflow.then(|| benefit_of(c.target_group).to_string()),
                    },
                },
            )
            .await?;
        }
    }
    Ok(())
}

/// Nominations still in progress or that ended without a placement.
async fn open_nominations(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    vacancy_ids: &[(i64, i64)],
    cands: &[DemoCandidate],
    advisers: &[i64],
    year_start: DateTime<Utc>,
) -> Result<(), AppError> {
    for _ in 0..(cands.len() / 2) {
        let (Some(c), Some(&(vacancy_id, _)), Some(&adviser)) = (
            cands.choose(rng),
            vacancy_ids.choose(rng),
            advisers.choose(rng),
        ) else {
            break;
        };
        let at = year_start + Duration::hours(rng.gen_range(0..24 * 364));
        let mut state = [
            "proposed",
            "interested",
            "interview",
            "offer",
            "declined",
            "not_placed",
            "declined",
        ][rng.gen_range(0..7)];
        // Most nominations from before the autumn of 2025 have ended by now.
        let running = ["proposed", "interested", "interview", "offer"].contains(&state);
        if running && at < year_start + Duration::days(270) && rng.gen_bool(0.85) {
            state = if rng.gen_bool(0.6) {
                "declined"
            } else {
                "not_placed"
            };
        }
        // What is still running started recently: nothing waits for hundreds of days.
        let running = ["proposed", "interested", "interview", "offer"].contains(&state);
        let at = if running {
            Utc::now() - Duration::days(rng.gen_range(26..60))
        } else {
            at
        };
        let reason_code = match state {
            "declined" => Some(
                [
                    "other_candidate",
                    "experience",
                    "travel",
                    "hours",
                    "language",
                ][rng.gen_range(0..5)],
            ),
            "not_placed" => {
                Some(["candidate_withdrew", "employer_withdrew", "terms"][rng.gen_range(0..3)])
            }
            _ => None,
        };
        let id = nominations::insert(
            tx,
            &nominations::NewNomination {
                vacancy_id,
                candidate: koppel_store::Visible::for_system(c.id),
                org_id: c.org_id,
                proposed_by: adviser,
                state: "proposed",
                reason_code: None,
                reason: None,
                at,
            },
        )
        .await?;
        let path: &[&str] = match state {
            "interested" => &["interested"],
            "interview" => &["interested", "interview"],
            "offer" => &["interested", "interview", "offer"],
            "declined" if rng.gen_bool(0.5) => &["declined"],
            "declined" => &["interested", "interview", "declined"],
            "not_placed" => &["interested", "interview", "offer", "not_placed"],
            _ => &[],
        };
        let mut step_at = at;
        for s in path {
            step_at += Duration::hours(rng.gen_range(24..24 * 8));
            nominations::record_step(tx, id, s, step_at).await?;
        }
        nominations::settle(tx, id, state, reason_code, step_at).await?;
    }
    Ok(())
}
