//! A national-size database for the factsheet benchmark: a million candidates, a hundred thousand
//! placements and the work around them, bulk-loaded into an empty database. Only the columns the
//! figures read are filled with varied values; names are placeholders.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use koppel_domain::codes::{CodeList, Sector};
use koppel_store::{Tx, Val};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::{AppContext, AppError};

mod nominations;
mod relations;

use nominations::{nomination_steps, nominations, placements, Made};

#[derive(Debug, Clone, Copy)]
pub struct NationalSize {
    pub candidates: usize,
    pub placements: usize,
}

const GROUPS: [(&str, u32); 6] = [
    ("wajong", 6),
    ("wia", 5),
    ("ww", 33),
    ("pwet", 28),
    ("oekraine", 19),
    ("overig", 9),
];
const BATCH: usize = 20_000;

/// A generated nomination: id, candidate, vacancy, proposer, state, creation time.
type NominationRow = (i64, i64, i64, i64, &'static str, DateTime<Utc>);

fn day0() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default()
}

fn instant(day: NaiveDate, minute: i64) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(8, 0, 0).unwrap_or_default()) + Duration::minutes(minute)
}

fn random_day(rng: &mut ChaCha8Rng) -> NaiveDate {
    day0() + Duration::days(rng.gen_range(0..1035))
}

fn group(rng: &mut ChaCha8Rng) -> &'static str {
    let mut pick = rng.gen_range(0..100);
    for (g, w) in GROUPS {
        if pick < w {
            return g;
        }
        pick -= w;
    }
    "overig"
}

/// Loads rows in batches of `BATCH`, made by `row(i)`.
async fn load(
    tx: &mut Tx,
    table: &str,
    columns: &[&str],
    n: usize,
    mut row: impl FnMut(usize) -> Vec<Val>,
) -> Result<(), AppError> {
    let mut i = 0;
    while i < n {
        let end = (i + BATCH).min(n);
        let rows: Vec<Vec<Val>> = (i..end).map(&mut row).collect();
        tx.insert_rows(table, columns, &rows).await?;
        i = end;
    }
    Ok(())
}

/// Fills an empty database; refuses one that already has organisations.
pub async fn generate_national(
    ctx: &AppContext,
    size: NationalSize,
    seed: u64,
) -> Result<(), AppError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut tx = ctx.store.begin().await?;
    if koppel_store::demo::organisation_count(&mut tx).await? > 0 {
        return Err(AppError::Conflict(
            "de benchmark vult alleen een lege database".into(),
        ));
    }
    let now = Utc::now();
    let (orgs, users) = (40usize, 800usize);
    organisations_and_users(&mut tx, orgs, users, now).await?;
    let municipalities = municipalities(&mut tx).await?;
    let employers = (size.placements / 2).max(100);
    let employer_muni = employers_in(&mut tx, &mut rng, employers, &municipalities, now).await?;
    let vacancies = size.placements * 2;
    vacancies_of(&mut tx, &mut rng, vacancies, employers, now).await?;
    let cand_group = candidates(&mut tx, &mut rng, &size, orgs, now).await?;
    let nom_rows = nominations(&mut tx, &mut rng, &size, vacancies, users, orgs).await?;
    nomination_steps(&mut tx, &mut rng, &nom_rows).await?;
    let made = Made {
        orgs,
        employers,
        employer_muni: &employer_muni,
        cand_group: &cand_group,
        nom_rows: &nom_rows,
    };
    placements(&mut tx, &mut rng, &size, &made, now).await?;
    relations::load_relations(&mut tx, &mut rng, size, employers, users, now).await?;
    tx.commit().await?;
    Ok(())
}

async fn organisations_and_users(
    tx: &mut Tx,
    orgs: usize,
    users: usize,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    load(
        tx,
        "organisations",
        &[
            "id",
            "name",
            "short_name",
            "kind",
            "wsp_partner",
            "created_at",
        ],
        orgs,
        |i| {
            vec![
                (i as i64 + 1).into(),
                format!("Organisatie {}", i + 1).into(),
                format!("org{}", i + 1).into(),
                [
                    "uwv",
                    "municipality",
                    "reintegration_company",
                    "werkcentrum",
                ][i % 4]
                    .into(),
                true.into(),
                now.into(),
            ]
        },
    )
    .await?;
    let roles = [
        "adviser",
        "adviser",
        "adviser",
        "jobhunter",
        "ukraine_desk",
        "consultant",
        "manager",
    ];
    load(
        tx,
        "users",
        &[
            "id",
            "org_id",
            "email",
            "name",
            "role",
            "password_hash",
            "created_at",
        ],
        users,
        |i| {
            vec![
                (i as i64 + 1).into(),
                ((i % orgs) as i64 + 1).into(),
                format!("gebruiker{}@bench.koppel.nl", i + 1).into(),
                format!("Medewerker {}", i + 1).into(),
                roles[i % roles.len()].into(),
                "!".into(),
                now.into(),
            ]
        },
    )
    .await?;
    Ok(())
}

/// Municipalities from the shipped PC4 file, with the province as subregion: (code, name,
/// subregion).
async fn municipalities(tx: &mut Tx) -> Result<Vec<(String, String, String)>, AppError> {
    let mut municipalities: Vec<(String, String, String)> = Vec::new();
    for line in crate::reference_data::pc4_text().lines() {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() > 6 && !municipalities.iter().any(|m| m.0 == format!("GM{}", c[6])) {
            municipalities.push((format!("GM{}", c[6]), c[5].to_string(), c[3].to_string()));
        }
    }
    let m_rows: Vec<Vec<Val>> = municipalities
        .iter()
        .map(|(code, name, sub)| vec![code.clone().into(), name.clone().into(), sub.clone().into()])
        .collect();
    tx.insert_rows("municipalities", &["code", "name", "subregion"], &m_rows)
        .await?;
    Ok(municipalities)
}

/// The employers, each in a random municipality; their municipalities in order.
async fn employers_in(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    employers: usize,
    municipalities: &[(String, String, String)],
    now: DateTime<Utc>,
) -> Result<Vec<String>, AppError> {
    let sectors: Vec<&str> = Sector::ALL.iter().map(|s| s.code()).collect();
    let muni = |rng: &mut ChaCha8Rng| {
        municipalities[rng.gen_range(0..municipalities.len())]
            .0
            .clone()
    };
    let mut employer_muni = Vec::with_capacity(employers);
    load(
        tx,
        "employers",
        &[
            "id",
            "name",
            "sector",
            "municipality_code",
            "created_at",
            "updated_at",
        ],
        employers,
        |i| {
            let m = muni(rng);
            employer_muni.push(m.clone());
            let created = instant(random_day(rng) - Duration::days(rng.gen_range(0..2000)), 0);
            vec![
                (i as i64 + 1).into(),
                format!("Werkgever {}", i + 1).into(),
                sectors[rng.gen_range(0..sectors.len())].into(),
                m.into(),
                created.into(),
                now.into(),
            ]
        },
    )
    .await?;
    Ok(employer_muni)
}

async fn vacancies_of(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    vacancies: usize,
    employers: usize,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    load(
        tx,
        "vacancies",
        &[
            "id",
            "employer_id",
            "title",
            "status",
            "positions",
            "created_at",
            "updated_at",
        ],
        vacancies,
        |i| {
            vec![
                (i as i64 + 1).into(),
                (rng.gen_range(0..employers) as i64 + 1).into(),
                "Vacature".into(),
                ["open", "filled", "closed"][rng.gen_range(0..3)].into(),
                rng.gen_range(1..4_i64).into(),
                instant(random_day(rng), 0).into(),
                now.into(),
            ]
        },
    )
    .await?;
    Ok(())
}

/// The candidates; their target groups in order.
async fn candidates(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    size: &NationalSize,
    orgs: usize,
    now: DateTime<Utc>,
) -> Result<Vec<&'static str>, AppError> {
    let mut cand_group: Vec<&'static str> = Vec::with_capacity(size.candidates);
    load(
        tx,
        "candidates",
        &[
            "id",
            "org_id",
            "first_name",
            "last_name",
            "target_group",
            "consent_wsp",
            "created_at",
            "updated_at",
        ],
        size.candidates,
        |i| {
            let g = group(rng);
            cand_group.push(g);
            vec![
                (i as i64 + 1).into(),
                (rng.gen_range(0..orgs) as i64 + 1).into(),
                "Kandidaat".into(),
                format!("{}", i + 1).into(),
                g.into(),
                rng.gen_bool(0.7).into(),
                instant(random_day(rng), 0).into(),
                now.into(),
            ]
        },
    )
    .await?;
    Ok(cand_group)
}
