//! The demo region Zuid-Kennemerland en IJmond, generated deterministically from a seed:
//! organisations, users over all roles, employers, candidates, vacancies and a 2025 history.

mod crm;
mod dates;
mod desk;
mod history;
mod job_seekers;
pub mod matching_pool;
mod names;
pub mod national;
mod people;
mod records;
mod work_skills;
use crate::reference_data as reference;

use chrono::{Duration, NaiveDate, Utc};
use koppel_domain::codes::{Cluster, CodeList, DrivingLicence};
use koppel_store::{candidates, employers, organisations, targets, taxonomy, users, vacancies, Tx};
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
    history::insert_history(
        &mut tx,
        &mut rng,
        &employer_ids,
        &vacancy_ids,
        &candidate_ids,
        &advisers,
    )
    .await?;
    crm::insert_relationship(&mut tx, &mut rng, &employer_ids, &advisers).await?;
    desk::insert_desk(&mut tx, &mut rng, &orgs).await?;
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
