//! The demo region Zuid-Kennemerland en IJmond, generated deterministically from a seed:
//! organisations, users over all roles, employers, candidates, vacancies and a 2025 history.

mod crm;
mod dates;
mod job_seekers;
pub mod matching_pool;
mod names;
pub mod national;
mod people;
mod records;
mod work_skills;
use crate::reference_data as reference;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use koppel_domain::codes::{Cluster, CodeList, DrivingLicence};
use koppel_store::{
    candidates, employers, nominations, organisations, placements, targets, taxonomy, users,
    vacancies, Tx,
};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::logging::audit;
use crate::{AppContext, AppError, Meta};
use job_seekers::*;
use names::*;
use people::*;
use records::*;
use reference::Area;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "koppel-demo-2025";

/// How big the generated region is.
#[derive(Debug, Clone, Copy)]
pub struct DemoSize {
    pub employers: usize,
    pub candidates: usize,
    pub vacancies: usize,
}

impl Default for DemoSize {
    fn default() -> Self {
        Self {
            employers: 2000,
            candidates: 3000,
            vacancies: 1500,
        }
    }
}

/// A demo login to print.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub email: String,
    pub name: String,
    pub role: String,
    pub organisation: String,
}

/// What `generate` did.
#[derive(Debug, Clone)]
pub struct DemoSummary {
    /// False when the database already held data and was reused as it is.
    pub created: bool,
    pub logins: Vec<DemoLogin>,
}

const MUNICIPALITIES: &[(&str, &str, &str)] = &[
    ("Gemeente Haarlem", "Haarlem", "0392"),
    ("Gemeente Zandvoort", "Zandvoort", "0473"),
    ("Gemeente Bloemendaal", "Bloemendaal", "0377"),
    ("Gemeente Heemstede", "Heemstede", "0397"),
    ("Gemeente Velsen", "Velsen", "0453"),
    ("Gemeente Beverwijk", "Beverwijk", "0375"),
    ("Gemeente Heemskerk", "Heemskerk", "0396"),
];
const IJMOND: &[&str] = &["GM0453", "GM0375", "GM0396"];
/// The 2025 placement targets per target group (425 in all).
const TARGETS_2025: &[(&str, u32)] = &[
    ("wajong", 25),
    ("wia", 20),
    ("ww", 140),
    ("pwet", 120),
    ("oekraine", 80),
    ("overig", 40),
];

/// Target-group mix of the candidates, after the 2025 placement targets (425 in all).
const TARGET_MIX: &[(&str, u32)] = &[
    ("wajong", 25),
    ("wia", 20),
    ("ww", 140),
    ("pwet", 120),
    ("oekraine", 80),
    ("overig", 40),
    ("statushouder", 15),
    ("werk_naar_werk", 10),
    ("banenafspraak", 10),
];

/// Fills an empty database with the demo region, or reports the logins of the one already there.
pub async fn generate(
    ctx: &AppContext,
    seed: u64,
    size: DemoSize,
) -> Result<DemoSummary, AppError> {
    let mut tx = ctx.store.begin().await?;
    if !organisations::list(&mut tx).await?.is_empty() {
        let logins = users::list(&mut tx)
            .await?
            .into_iter()
            .map(|u| DemoLogin {
                email: u.email,
                name: u.name,
                role: u.role,
                organisation: u.org_name,
            })
            .collect();
        return Ok(DemoSummary {
            created: false,
            logins,
        });
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let orgs = insert_organisations(&mut tx).await?;
    let logins = insert_users(&mut tx, &orgs).await?;
    let occupations = load_taxonomy(&mut tx).await?;
    let codes: Vec<&str> = MUNICIPALITIES.iter().map(|m| m.2).collect();
    let areas = reference::areas(&codes);
    let advisers: Vec<i64> = users::list_with_roles(&mut tx, &["adviser"])
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    let employer_ids =
        insert_employers(&mut tx, &mut rng, size.employers, &areas, &advisers).await?;
    let work = work_skills::WorkSkills::new(&reference::skill_groups());
    let vacancy_ids = insert_vacancies(
        &mut tx,
        &mut rng,
        size.vacancies,
        &employer_ids,
        &occupations,
        &work,
        &areas,
    )
    .await?;
    let candidate_ids = insert_candidates(
        &mut tx,
        &mut rng,
        size.candidates,
        &orgs,
        (&occupations, &work),
        &areas,
    )
    .await?;
    insert_history(
        &mut tx,
        &mut rng,
        &employer_ids,
        &vacancy_ids,
        &candidate_ids,
        &advisers,
    )
    .await?;
    crm::insert_relationship(&mut tx, &mut rng, &employer_ids, &advisers).await?;
    insert_region(&mut tx).await?;
    dates::backdate(&mut tx, &mut rng).await?;
    audit(
        &mut tx,
        "cli:demo",
        "demo.generate",
        &format!("seed:{seed}"),
        "success",
        &Meta::local("demo"),
    )
    .await?;
    tx.commit().await?;
    Ok(DemoSummary {
        created: true,
        logins,
    })
}

async fn insert_history(
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
    // Placements near the 2025 targets, each preceded by a nomination that reached 'placed'.
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
    // Nominations still in progress or that ended without a placement.
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
