//! The matching index kept in step with the store. Every search reads a freshness key (how many
//! candidates and skills there are, the latest change, the size of the taxonomy). When only some
//! candidates changed, just those are read again and the index is rebuilt in memory from the
//! profiles kept; anything else (a candidate gone, a skill changed without its candidate, a new
//! taxonomy) reads everything again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use koppel_matching::{CandidateProfile, Index, Taxonomy};
use koppel_store::matching::{self as reads, MatchingRow};
use koppel_store::{taxonomy, Tx};

use super::{centroids, education, languages, pc4, split};
use crate::{AppContext, AppError};

/// The cached index with what it was built from.
#[derive(Default, Clone)]
pub(crate) struct Cache(Arc<Mutex<Option<Built>>>);

struct Built {
    key: Freshness,
    /// When the index was last brought up to date.
    at: std::time::Instant,
    profiles: Arc<Vec<CandidateProfile>>,
    index: Arc<Index>,
    labels: Arc<HashMap<String, String>>,
    /// Occupation URI -> its ISCO group.
    isco: Arc<HashMap<String, String>>,
}

/// What says whether the index is still current.
#[derive(Debug, Clone, PartialEq)]
struct Freshness {
    candidates: i64,
    skills: i64,
    latest: Option<DateTime<Utc>>,
    concepts: i64,
}

async fn freshness(tx: &mut Tx) -> Result<Freshness, AppError> {
    let (candidates, skills, latest) = reads::freshness_parts(tx).await?;
    Ok(Freshness {
        candidates,
        skills,
        latest,
        concepts: taxonomy::concept_count(tx).await?,
    })
}

/// Concept URI -> label, and occupation URI -> ISCO group.
pub(super) type Names = (Arc<HashMap<String, String>>, Arc<HashMap<String, String>>);

fn profile(
    r: MatchingRow,
    skills: &mut HashMap<i64, Vec<String>>,
    isco: &HashMap<String, String>,
) -> CandidateProfile {
    CandidateProfile {
        id: r.id,
        org_id: r.org_id,
        consent_wsp: r.consent_wsp,
        work_ready: r.work_ready,
        pc4: pc4(r.postcode.as_deref()),
        max_travel_km: r.max_travel_km,
        hours_per_week: r.hours_per_week,
        education: education(r.education_level.as_deref()),
        licences: split(&r.driving_licences),
        languages: languages(&r.languages),
        available_from: r.available_from,
        target_group: r.target_group,
        skills: skills.remove(&r.id).unwrap_or_default(),
        occupation_group: r
            .desired_occupation_uri
            .as_ref()
            .and_then(|o| isco.get(o).cloned()),
        occupation: r.desired_occupation_uri,
    }
}

fn by_candidate(pairs: Vec<(i64, String)>) -> HashMap<i64, Vec<String>> {
    let mut skills: HashMap<i64, Vec<String>> = HashMap::new();
    for (id, uri) in pairs {
        skills.entry(id).or_default().push(uri);
    }
    skills
}

/// The kept profiles with the candidates changed since `since` read again, ordered by id; None
/// when that cannot give the store's state (candidates gone, or skills changed on their own).
async fn refreshed(
    tx: &mut Tx,
    kept: &[CandidateProfile],
    since: DateTime<Utc>,
    now: &Freshness,
    isco: &HashMap<String, String>,
) -> Result<Option<Vec<CandidateProfile>>, AppError> {
    let rows = reads::matching_rows_since(tx, since).await?;
    let mut skills = by_candidate(reads::skills_changed_since(tx, since).await?);
    let mut profiles = kept.to_vec();
    for r in rows {
        let p = profile(r, &mut skills, isco);
        match profiles.binary_search_by_key(&p.id, |x| x.id) {
            Ok(i) => profiles[i] = p,
            Err(i) => profiles.insert(i, p),
        }
    }
    let held: usize = profiles.iter().map(|p| p.skills.len()).sum();
    Ok((profiles.len() as i64 == now.candidates && held as i64 == now.skills).then_some(profiles))
}

/// The index for the current data: the cached one, or one brought up to date.
pub(super) async fn index(ctx: &AppContext, tx: &mut Tx) -> Result<(Arc<Index>, Names), AppError> {
    let now = freshness(tx).await?;
    let kept = ctx.matching.0.lock().ok().and_then(|guard| {
        guard.as_ref().map(|b| {
            (
                b.key.clone(),
                b.profiles.clone(),
                b.index.clone(),
                b.labels.clone(),
                b.isco.clone(),
            )
        })
    });
    let (profiles, labels, isco) = match kept {
        Some((key, _, index, labels, isco)) if key == now => return Ok((index, (labels, isco))),
        Some((key, profiles, _, labels, isco))
            if key.concepts == now.concepts && key.latest.is_some() =>
        {
            let since = key.latest.unwrap_or_default();
            match refreshed(tx, &profiles, since, &now, &isco).await? {
                Some(p) => (p, labels, isco),
                None => everything(tx).await?,
            }
        }
        _ => everything(tx).await?,
    };
    let hierarchy = Taxonomy::from_pairs(taxonomy::hierarchy(tx).await?);
    let profiles = Arc::new(profiles);
    let index = Arc::new(Index::build_from(&profiles, hierarchy, centroids().clone()));
    if let Ok(mut guard) = ctx.matching.0.lock() {
        *guard = Some(Built {
            key: now,
            at: std::time::Instant::now(),
            profiles,
            index: index.clone(),
            labels: labels.clone(),
            isco: isco.clone(),
        });
    }
    Ok((index, (labels, isco)))
}

/// Every candidate profile, the labels and the ISCO groups, read from the store.
async fn everything(
    tx: &mut Tx,
) -> Result<
    (
        Vec<CandidateProfile>,
        Arc<HashMap<String, String>>,
        Arc<HashMap<String, String>>,
    ),
    AppError,
> {
    let mut skills = by_candidate(reads::all_skills(tx).await?);
    let isco: HashMap<String, String> = taxonomy::isco_groups(tx).await?.into_iter().collect();
    let profiles = reads::matching_rows(tx)
        .await?
        .into_iter()
        .map(|r| profile(r, &mut skills, &isco))
        .collect();
    let labels: HashMap<String, String> = taxonomy::labels(tx).await?.into_iter().collect();
    Ok((profiles, Arc::new(labels), Arc::new(isco)))
}

/// The index in memory: how many profiles it holds and how long ago it was brought up to date;
/// none before the first search (or `warm_up`).
pub fn held(ctx: &AppContext) -> Option<(usize, std::time::Duration)> {
    let guard = ctx.matching.0.lock().ok()?;
    guard.as_ref().map(|b| (b.index.len(), b.at.elapsed()))
}

/// Drops the cached index, so the next search (or `warm_up`) builds it again from the store.
pub fn forget(ctx: &AppContext) {
    if let Ok(mut guard) = ctx.matching.0.lock() {
        *guard = None;
    }
}
