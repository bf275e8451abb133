//! A national-size database for the factsheet benchmark: a million candidates, a hundred thousand
//! placements and the work around them, bulk-loaded into an empty database. Only the columns the
//! figures read are filled with varied values; names are placeholders.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use koppel_domain::codes::{CodeList, Sector};
use koppel_store::{Tx, Val};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::{AppContext, AppError};

mod relations;

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
    let orgs = 40usize;
    load(
        &mut tx,
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
    let users = 800usize;
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
        &mut tx,
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
    // Municipalities from the shipped PC4 file, with the province as subregion.
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
    let employers = (size.placements / 2).max(100);
    let sectors: Vec<&str> = Sector::ALL.iter().map(|s| s.code()).collect();
    let muni = |rng: &mut ChaCha8Rng| {
        municipalities[rng.gen_range(0..municipalities.len())]
            .0
            .clone()
    };
    let mut employer_muni = Vec::with_capacity(employers);
    load(
        &mut tx,
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
            let m = muni(&mut rng);
            employer_muni.push(m.clone());
            let created = instant(
                random_day(&mut rng) - Duration::days(rng.gen_range(0..2000)),
                0,
            );
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
    let vacancies = size.placements * 2;
    load(
        &mut tx,
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
                instant(random_day(&mut rng), 0).into(),
                now.into(),
            ]
        },
    )
    .await?;
    let mut cand_group: Vec<&'static str> = Vec::with_capacity(size.candidates);
    load(
        &mut tx,
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
            let g = group(&mut rng);
            cand_group.push(g);
            vec![
                (i as i64 + 1).into(),
                (rng.gen_range(0..orgs) as i64 + 1).into(),
                "Kandidaat".into(),
                format!("{}", i + 1).into(),
                g.into(),
                rng.gen_bool(0.7).into(),
                instant(random_day(&mut rng), 0).into(),
                now.into(),
            ]
        },
    )
    .await?;
    // Nominations: three per placement; the first third end in a placement.
    let nominations = size.placements * 3;
    let mut nom_rows: Vec<NominationRow> = Vec::with_capacity(nominations);
    for i in 0..nominations {
        let state = if i < size.placements {
            "placed"
        } else {
            [
                "declined",
                "not_placed",
                "declined",
                "proposed",
                "interview",
                "offer",
            ][rng.gen_range(0..6)]
        };
        nom_rows.push((
            i as i64 + 1,
            rng.gen_range(0..size.candidates) as i64 + 1,
            rng.gen_range(0..vacancies) as i64 + 1,
            rng.gen_range(0..users) as i64 + 1,
            state,
            instant(random_day(&mut rng), rng.gen_range(0..600)),
        ));
    }
    load(
        &mut tx,
        "nominations",
        &[
            "id",
            "org_id",
            "vacancy_id",
            "candidate_id",
            "proposed_by",
            "state",
            "created_at",
            "updated_at",
        ],
        nominations,
        |i| {
            let (id, cand, vac, by, state, at) = nom_rows[i];
            vec![
                id.into(),
                ((cand as usize % orgs) as i64 + 1).into(),
                vac.into(),
                cand.into(),
                by.into(),
                state.into(),
                at.into(),
                at.into(),
            ]
        },
    )
    .await?;
    let mut steps: Vec<Vec<Val>> = Vec::new();
    for &(id, _, _, _, state, at) in &nom_rows {
        let path: &[&str] = match state {
            "placed" => &["proposed", "interested", "interview", "offer", "placed"],
            "offer" => &["proposed", "interested", "interview", "offer"],
            "interview" => &["proposed", "interested", "interview"],
            "not_placed" => &["proposed", "interested", "interview", "not_placed"],
            "declined" => &["proposed", "declined"],
            _ => &["proposed"],
        };
        let mut t = at;
        let mut prev: Option<&str> = None;
        for s in path {
            let gap = if prev.is_some() {
                rng.gen_range(86_400..86_400 * 6)
            } else {
                0
            };
            t += Duration::seconds(gap);
            steps.push(vec![
                id.into(),
                (*s).into(),
                prev.map(str::to_string).into(),
                prev.map(|_| gap).into(),
                t.into(),
            ]);
            prev = Some(s);
        }
        if steps.len() >= BATCH {
            tx.insert_rows(
                "nomination_steps",
                &[
                    "nomination_id",
                    "state",
                    "previous_state",
                    "seconds_in_previous",
                    "entered_at",
                ],
                &steps,
            )
            .await?;
            steps.clear();
        }
    }
    tx.insert_rows(
        "nomination_steps",
        &[
            "nomination_id",
            "state",
            "previous_state",
            "seconds_in_previous",
            "entered_at",
        ],
        &steps,
    )
    .await?;
    load(
        &mut tx,
        "placements",
        &[
            "id",
            "org_id",
            "candidate_id",
            "employer_id",
            "vacancy_id",
            "nomination_id",
            "contract_type",
            "hours_per_week",
            "start_date",
            "target_group",
            "benefit_outflow",
            "created_at",
            "municipality_code",
            "placed_by",
            "ended_on",
        ],
        size.placements,
        |i| {
            let (id, cand, vac, by, _, at) = nom_rows[i];
            let start = (at + Duration::days(rng.gen_range(14..40))).date_naive();
            let ended = rng
                .gen_bool(0.12)
                .then(|| start + Duration::days(rng.gen_range(20..400)));
            let employer = rng.gen_range(0..employers);
            vec![
                id.into(),
                ((cand as usize % orgs) as i64 + 1).into(),
                cand.into(),
                (employer as i64 + 1).into(),
                vac.into(),
                id.into(),
                "temporary".into(),
                32_i64.into(),
                start.into(),
                cand_group[cand as usize - 1].into(),
                rng.gen_bool(0.55).into(),
                now.into(),
                employer_muni[employer].clone().into(),
                by.into(),
                ended.into(),
            ]
        },
    )
    .await?;
    relations::load_relations(&mut tx, &mut rng, size, employers, users, now).await?;
    tx.commit().await?;
    Ok(())
}
