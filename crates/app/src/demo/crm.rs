//! The demo's employer relationship of today: instruments and after-care for placements (done when it lies
//! in the past, open when it is due now), recent contact requests (most answered in time, some
//! open, a few overdue), and agreements around today.

use chrono::{Duration, TimeZone, Utc};
use koppel_domain::crm::{aftercare_dates, response_deadline, ClockRule, RESPONSE_HOURS};
use koppel_store::contact_requests::{self, NewContactRequest};
use koppel_store::{aftercare, agreements, employers, events, instruments, Tx};
use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::names::{FIRST_NAMES, LAST_NAMES};
use crate::AppError;

pub(super) async fn insert_relationship(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    employer_ids: &[(i64, String)],
    advisers: &[i64],
) -> Result<(), AppError> {
    aftercare_for_placements(tx, rng).await?;
    contact_requests(tx, rng, employer_ids).await?;
    agreements(tx, rng, employer_ids, advisers).await?;
    events(tx, rng, employer_ids, advisers).await?;
    satisfaction(tx, rng).await
}

async fn events(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    employer_ids: &[(i64, String)],
    advisers: &[i64],
) -> Result<(), AppError> {
    let plan = [
        (
            "Werkgeversontbijt Zuid-Kennemerland",
            "employer_meeting",
            "2025-02-13",
            "Haarlem",
            None,
        ),
        (
            "Care Fair 2025",
            "care_fair",
            "2025-03-20",
            "Haarlem",
            Some("zorg_welzijn"),
        ),
        (
            "Banenmarkt IJmond",
            "job_market",
            "2025-04-17",
            "Velsen",
            None,
        ),
        (
            "Techniek aan tafel",
            "employer_meeting",
            "2025-06-05",
            "Beverwijk",
            Some("techniek"),
        ),
        (
            "Informatiebijeenkomst loonkostensubsidie",
            "information",
            "2025-09-11",
            "Heemstede",
            None,
        ),
        (
            "Banenmarkt Haarlem",
            "job_market",
            "2025-10-09",
            "Haarlem",
            None,
        ),
        (
            "Inclusief werkgeverschap in het onderwijs",
            "employer_meeting",
            "2025-11-20",
            "Haarlem",
            Some("onderwijs_overheid_zakelijk"),
        ),
        (
            "Care Fair 2026",
            "care_fair",
            "2026-03-19",
            "Haarlem",
            Some("zorg_welzijn"),
        ),
        (
            "Werkgeversontbijt IJmond",
            "employer_meeting",
            "2026-06-11",
            "Heemskerk",
            None,
        ),
    ];
    let vacancies = koppel_store::demo::vacancy_employers(tx).await?;
    for (title, kind, day, place, cluster) in plan {
        let Some(&by) = advisers.choose(rng) else {
            break;
        };
        let w = events::EventWrite {
            title: title.into(),
            kind: kind.into(),
            event_date: chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap_or_default(),
            place: place.into(),
            cluster: cluster.map(str::to_string),
            description: String::new(),
            outcome_notes: String::new(),
        };
        let id = events::insert(tx, &w, by).await?;
        let n = rng.gen_range(6..18);
        let invited: Vec<i64> = employer_ids
            .choose_multiple(rng, n)
            .map(|(id, _)| *id)
            .collect();
        for employer_id in &invited {
            let attended = rng.gen_bool(0.65);
            events::add_participant(
                tx,
                id,
                Some(*employer_id),
                None,
                if attended { "attended" } else { "absent" },
            )
            .await?;
            if attended && rng.gen_bool(0.2) {
                if let Some((vacancy_id, _)) = vacancies.iter().find(|(_, e)| e == employer_id) {
                    events::add_result(tx, id, None, Some(*vacancy_id), None).await?;
                }
            }
        }
    }
    Ok(())
}

async fn satisfaction(tx: &mut Tx, rng: &mut ChaCha8Rng) -> Result<(), AppError> {
    let answered = koppel_store::demo::answered_requests(tx).await?;
    let placed = koppel_store::demo::placement_holders(tx).await?;
    let comments = [
        "Snel gereageerd",
        "Goede match",
        "Prettig contact met de adviseur",
        "Meer begeleiding gewenst",
        "",
    ];
    let subjects = answered
        .iter()
        .map(|(id, e, u)| (Some(*id), None, *e, *u))
        .chain(placed.iter().map(|(id, e, u)| (None, Some(*id), *e, *u)));
    for (request, placement, employer_id, by) in subjects {
        let (Some(by), true) = (by, rng.gen_bool(0.35)) else {
            continue;
        };
        let score = [6, 7, 7, 8, 8, 8, 9, 9, 10, 5][rng.gen_range(0..10)];
        let subject = koppel_store::satisfaction::Subject {
            employer_id,
            contact_request_id: request,
            placement_id: placement,
        };
        koppel_store::satisfaction::record(
            tx,
            subject,
            score,
            comments[rng.gen_range(0..comments.len())],
            by,
        )
        .await?;
    }
    Ok(())
}

async fn aftercare_for_placements(tx: &mut Tx, rng: &mut ChaCha8Rng) -> Result<(), AppError> {
    let today = Utc::now().date_naive();
    let rows = koppel_store::demo::placement_starts(tx).await?;
    for (placement_id, start, holder) in rows {
        if rng.gen_bool(0.45) {
            let (instrument, amount) = [
                ("proefplaatsing", None),
                ("no_riskpolis", None),
                (
                    "loonkostensubsidie",
                    Some(rng.gen_range(300_000..1_200_000)),
                ),
                ("jobcoaching", Some(rng.gen_range(150_000..400_000))),
                ("praktijkroute", None),
                ("mobiliteitsbonus", Some(rng.gen_range(200_000..700_000))),
                ("werkplekaanpassing", Some(rng.gen_range(50_000..300_000))),
                ("slim_scholing", Some(rng.gen_range(100_000..250_000))),
                ("loondispensatie", None),
            ][rng.gen_range(0..9)];
            let status = if start < today - Duration::days(365) {
                "ended"
            } else {
                ["granted", "granted", "requested"][rng.gen_range(0..3)]
            };
            let w = instruments::InstrumentWrite {
                instrument: instrument.into(),
                status: status.into(),
                amount_cents: amount,
                start_date: Some(start),
                end_date: (status == "ended").then(|| start + Duration::days(180)),
                notes: String::new(),
            };
            instruments::insert(tx, koppel_store::Visible::for_system(placement_id), &w).await?;
        }
        let [two, five] = aftercare_dates(start);
        for (due, kind) in [(two, "two_months"), (five, "five_months")] {
            let id = aftercare::insert(tx, placement_id, holder, due, kind).await?;
            let (Some(by), true) = (holder, due < today - Duration::days(3)) else {
                continue;
            };
            let outcome = match rng.gen_range(0..100) {
                0..=69 => "going_well",
                70..=84 => "needs_support",
                85..=92 => "training_needed",
                _ => "ended_early",
            };
            let notes = match outcome {
                "going_well" => "Werkgever en medewerker tevreden.",
                "needs_support" => "Jobcoaching afgesproken.",
                "training_needed" => "Scholing via SLIM besproken.",
                _ => "Dienstverband voortijdig beëindigd.",
            };
            let task = koppel_store::Visible::for_system(id);
            aftercare::complete(tx, task, 1, outcome, notes, by).await?;
            if outcome == "ended_early" {
                aftercare::close_placement(
                    tx,
                    task,
                    Some((
                        due - Duration::days(rng.gen_range(1..30)),
                        "Past niet bij het werk".into(),
                    )),
                    true,
                )
                .await?;
                break;
            }
        }
    }
    Ok(())
}

async fn contact_requests(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    employer_ids: &[(i64, String)],
) -> Result<(), AppError> {
    let now = Utc::now();
    let messages = [
        "Wij zoeken personeel voor de zomer.",
        "Kunt u ons helpen met een werkplek voor een statushouder?",
        "Graag advies over loonkostensubsidie.",
        "Wij willen een functie opsplitsen (jobcarving).",
        "Wij hebben drie vacatures voor productiemedewerkers.",
    ];
    let since_2025 = Utc
        .with_ymd_and_hms(2025, 1, 2, 8, 0, 0)
        .single()
        .unwrap_or(now);
    for i in 0..240 {
        let Some((employer_id, _)) = employer_ids.choose(rng) else {
            break;
        };
        let employer = employers::get(tx, *employer_id).await?;
        let received = if i < 6 {
            now - Duration::hours(rng.gen_range(1..20))
        } else if i < 9 {
            now - Duration::hours(rng.gen_range(30..90))
        } else if i < 40 {
            now - Duration::hours(rng.gen_range(24..24 * 45))
        } else {
            // Earlier requests, spread over the time since January 2025.
            let span = (now - Duration::days(46) - since_2025).num_hours().max(1);
            since_2025 + Duration::hours(rng.gen_range(0..span))
        };
        let contact = format!(
            "{} {}",
            FIRST_NAMES[rng.gen_range(0..FIRST_NAMES.len())],
            LAST_NAMES[rng.gen_range(0..LAST_NAMES.len())]
        );
        let request = NewContactRequest {
            employer_id: Some(employer.id),
            company_name: employer.name.clone(),
            contact_name: contact,
            email: Some(format!("info{}@voorbeeld.nl", employer.id)),
            phone: None,
            message: messages[rng.gen_range(0..messages.len())].to_string(),
            source: ["staff", "public_form", "staff", "api"][rng.gen_range(0..4)],
            assigned_to: employer.account_holder_id,
            received_at: received,
            deadline_at: response_deadline(received, RESPONSE_HOURS, ClockRule::CalendarHours),
        };
        contact_requests::insert(tx, &request).await?;
        // The first six are still open (within the deadline) and the next three are overdue; the rest were answered.
        if i >= 9 {
            let Some(user_id) = employer.account_holder_id else {
                continue;
            };
            let latest = if rng.gen_bool(0.9) { 23 * 60 } else { 40 * 60 };
            let answered = received + Duration::minutes(rng.gen_range(30..latest));
            let moment = employers::NewContactMoment {
                employer_id: employer.id,
                user_id,
                kind: "call",
                level: "operational",
                subject: "Reactie op contactverzoek",
                notes: "",
                occurred_at: answered,
            };
            let moment_id = employers::insert_contact_moment(tx, &moment).await?;
            contact_requests::answer_open_for_employer(tx, employer.id, moment_id, answered)
                .await?;
        }
    }
    Ok(())
}

async fn agreements(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    employer_ids: &[(i64, String)],
    advisers: &[i64],
) -> Result<(), AppError> {
    let today = Utc::now().date_naive();
    let what = [
        "Vacaturetekst aanleveren",
        "Proefplaatsing evalueren",
        "Takenanalyse voor jobcarving",
        "Offerte no-riskpolis toelichten",
        "Werkgeversbijeenkomst uitnodigen",
    ];
    for _ in 0..250 {
        let (Some((employer_id, _)), Some(fallback)) =
            (employer_ids.choose(rng), advisers.choose(rng))
        else {
            break;
        };
        let owner = koppel_store::demo::account_holder(tx, *employer_id)
            .await?
            .unwrap_or(*fallback);
        let due = today + Duration::days(rng.gen_range(-40..30));
        let status = if due >= today || rng.gen_bool(0.2) {
            "open"
        } else {
            "done"
        };
        let w = agreements::AgreementWrite {
            description: what[rng.gen_range(0..what.len())].to_string(),
            owner_id: owner,
            due_date: Some(due),
            status: status.into(),
        };
        agreements::insert(tx, *employer_id, owner, &w).await?;
    }
    Ok(())
}
