//! The benchmark's nominations with their steps, and the placements a third of them end in.

use chrono::{DateTime, Duration, Utc};
use koppel_store::{Tx, Val};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::{instant, load, random_day, NationalSize, NominationRow, BATCH};
use crate::AppError;

/// Nominations: three per placement; the first third end in a placement.
pub(super) async fn nominations(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    size: &NationalSize,
    vacancies: usize,
    users: usize,
    orgs: usize,
) -> Result<Vec<NominationRow>, AppError> {
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
            instant(random_day(rng), rng.gen_range(0..600)),
        ));
    }
    load(
        tx,
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
    Ok(nom_rows)
}

/// The steps of each nomination along its path, a few days apart.
pub(super) async fn nomination_steps(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    nom_rows: &[NominationRow],
) -> Result<(), AppError> {
    let mut steps: Vec<Vec<Val>> = Vec::new();
    for &(id, _, _, _, state, at) in nom_rows {
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
    Ok(())
}

/// What the placements are made from.
pub(super) struct Made<'a> {
    pub orgs: usize,
    pub employers: usize,
    pub employer_muni: &'a [String],
    pub cand_group: &'a [&'static str],
    pub nom_rows: &'a [NominationRow],
}

pub(super) async fn placements(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    size: &NationalSize,
    made: &Made<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Made {
        orgs,
        employers,
        employer_muni,
        cand_group,
        nom_rows,
    } = *made;
    load(
        tx,
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
    Ok(())
}
