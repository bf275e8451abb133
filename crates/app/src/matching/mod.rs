//! Matching as a use case: candidates for a vacancy, vacancies for a candidate, and the skills gap
//! of a pair. The index is built from the store and rebuilt as soon as any candidate changed
//! (a freshness key read on every search), so a change is visible to the next search.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{Duration, Utc};
use koppel_domain::permissions::Permission;
use koppel_matching::{Centroids, Explanation, Requirements, Weights};
use koppel_store::candidates;
use koppel_store::vacancies::{self, Vacancy};
use serde::Serialize;
use utoipa::ToSchema;

use crate::logging::activity;
use crate::nominations::subject;
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

/// The PC4 centroids of the Netherlands, from the GeoNames export shipped with koppel.
pub fn centroids() -> &'static Centroids {
    static CENTROIDS: OnceLock<Centroids> = OnceLock::new();
    CENTROIDS.get_or_init(|| Centroids::from_geonames(crate::reference_data::pc4_text()))
}

fn pc4(postcode: Option<&str>) -> Option<u16> {
    postcode
        .and_then(|p| p.get(..4))
        .and_then(|p| p.parse().ok())
}

/// VUM levels 1-6 are known levels; 0 (not applicable) and 7 (not known) are not.
fn education(code: Option<&str>) -> Option<u8> {
    code.and_then(|c| c.parse::<u8>().ok())
        .filter(|l| (1..=6).contains(l))
}

/// Languages as the engine compares them: the speaking level under the language's code, and the
/// writing level under the code with `/schriftelijk` (both for a requirement and for a
/// candidate, so a requirement is met only when both levels are). A level 0 (unknown) or 8 (not
/// applicable) says nothing to compare, and is left out.
fn languages(stored: &str) -> Vec<(String, u8)> {
    use koppel_domain::codes::CodeList;
    let level = |l: koppel_domain::codes::LanguageLevel| l.code().parse().unwrap_or(0);
    koppel_domain::language::LanguageSkill::stored(stored)
        .into_iter()
        .flat_map(|l| {
            [
                (format!("{}/schriftelijk", l.language), level(l.written)),
                (l.language, level(l.level)),
            ]
        })
        .filter(|(_, level)| (1..=4).contains(level))
        .collect()
}

fn split(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

mod cache;

use cache::index;
pub(crate) use cache::Cache;
pub use cache::{forget, held};

/// Builds the index ahead of the first search (at start-up); returns how many profiles it holds.
pub async fn warm_up(ctx: &AppContext) -> Result<usize, AppError> {
    let mut tx = ctx.store.begin().await?;
    let (index, _) = index(ctx, &mut tx).await?;
    tx.commit().await?;
    Ok(index.len())
}

/// What a vacancy asks, as matching requirements within the actor's scope.
fn requirements(actor: &Actor, v: &Vacancy, isco: &HashMap<String, String>) -> Requirements {
    Requirements {
        occupation: v.occupation_uri.clone(),
        occupation_group: v.occupation_uri.as_ref().and_then(|o| isco.get(o).cloned()),
        essential_skills: v
            .skills
            .iter()
            .filter(|s| s.essential)
            .map(|s| s.uri.clone())
            .collect(),
        optional_skills: v
            .skills
            .iter()
            .filter(|s| !s.essential)
            .map(|s| s.uri.clone())
            .collect(),
        pc4: pc4(v.postcode.as_deref()),
        hours_per_week: v.hours_per_week,
        min_education: education(v.education_level.as_deref()),
        licences: split(&v.driving_licences),
        languages: languages(&v.languages),
        needed_by: Some(
            v.closing_date.unwrap_or_else(|| Utc::now().date_naive()) + Duration::days(30),
        ),
        require_work_ready: true,
        target_groups: split(&v.eligible_target_groups),
        scope: actor.candidate_scope(),
    }
}

/// An explanation with the labels of its skills.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LabelledExplanation {
    pub matched_essential: Vec<String>,
    pub matched_optional: Vec<String>,
    pub missing_essential: Vec<String>,
    pub missing_optional: Vec<String>,
    /// A required skill the candidate lacks but earns partial credit for, with the related
    /// skill they have: "vloeren reinigen (verwant: de kandidaat heeft ramen wassen, ook onder
    /// schoonmaken)".
    pub partial: Vec<String>,
    /// What the score is made of: each matched or related skill, and the occupation, with its
    /// points (of 100). They add up to the score.
    pub points: Vec<(String, f64)>,
    /// "zelfde beroep", "zelfde beroepsgroep" or "ander beroep", when the vacancy names an
    /// occupation and the candidate wants one.
    pub occupation: Option<String>,
    pub distance_km: Option<f64>,
    pub passed: Vec<String>,
    pub unknown: Vec<String>,
}

fn label(labels: &HashMap<String, String>, uri: &str) -> String {
    labels.get(uri).cloned().unwrap_or_else(|| uri.to_string())
}

fn labelled(e: &Explanation, labels: &HashMap<String, String>) -> LabelledExplanation {
    let l = |v: &Vec<String>| v.iter().map(|u| label(labels, u)).collect();
    LabelledExplanation {
        matched_essential: l(&e.matched_essential),
        matched_optional: l(&e.matched_optional),
        missing_essential: l(&e.missing_essential),
        missing_optional: l(&e.missing_optional),
        partial: e
            .partial
            .iter()
            .map(|(s, group, own)| related(labels, s, group, own))
            .collect(),
        points: e
            .points
            .iter()
            .map(|(what, p)| {
                let name = match what {
                    Some(skill) => label(labels, skill),
                    None => format!("beroep ({})", e.occupation.unwrap_or("bekend")),
                };
                (name, (p * 1000.0).round() / 10.0)
            })
            .collect(),
        occupation: e.occupation.map(String::from),
        distance_km: e.distance_km,
        passed: e.passed.iter().map(|s| s.to_string()).collect(),
        unknown: e.unknown.iter().map(|s| s.to_string()).collect(),
    }
}

/// A partly matched skill in words: which of the candidate's own skills earned the credit, and
/// the broader group they share (left out when it bears the skill's own name).
fn related(labels: &HashMap<String, String>, skill: &str, group: &str, own: &str) -> String {
    let (skill, group, own) = (
        label(labels, skill),
        label(labels, group),
        label(labels, own),
    );
    if own == group {
        format!("{skill} (de kandidaat heeft de bredere vaardigheid {group})")
    } else if group == skill {
        format!("{skill} (verwant: de kandidaat heeft {own})")
    } else {
        format!("{skill} (verwant: de kandidaat heeft {own}, ook onder {group})")
    }
}

mod ranking;
pub use ranking::*;

/// One vacancy that suits a candidate.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct VacancyMatch {
    pub vacancy_id: i64,
    pub title: String,
    pub employer_name: String,
    pub city: String,
    pub score: i64,
    pub confidence: i64,
    pub explanation: LabelledExplanation,
}

/// A share (0 to 1) in whole percent, as scores and confidences are shown.
fn percent(share: f64) -> i64 {
    (share * 100.0).round() as i64
}

/// A vacancy is suggested to a candidate from this score (in %) on.
pub const MIN_SUGGESTION: i64 = 20;

/// The vacancies suggested for a candidate, and why there are not more.
#[derive(Debug, Clone)]
pub struct Suggestions {
    pub matches: Vec<VacancyMatch>,
    /// Vacancies among the best that share something with the candidate, but score below
    /// [`MIN_SUGGESTION`].
    pub weaker: usize,
    /// Open vacancies looked at.
    pub open: usize,
    /// Whether the candidate is work-ready: vacancies are proposed only for those who are.
    pub work_ready: bool,
}

/// The best open vacancies for a candidate the actor may see, scoring at least
/// [`MIN_SUGGESTION`]%.
pub async fn vacancies_for_candidate(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    candidate_id: i64,
    k: usize,
) -> Result<Vec<VacancyMatch>, AppError> {
    Ok(suggestions(ctx, actor, meta, candidate_id, k)
        .await?
        .matches)
}

/// The suggested vacancies with the counts that explain an empty or short list.
pub async fn suggestions(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    candidate_id: i64,
    k: usize,
) -> Result<Suggestions, AppError> {
    actor.require(Permission::ReadCandidates)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let work_ready = candidates::get(&mut tx, actor.candidate_scope(), candidate_id)
        .await?
        .work_ready;
    let (index, (labels, isco)) = index(ctx, &mut tx).await?;
    let full = vacancies::open_with_skills(&mut tx).await?;
    let reqs: Vec<Requirements> = full.iter().map(|v| requirements(actor, v, &isco)).collect();
    let fits = index.fit(candidate_id, &reqs, Weights::default(), k.clamp(1, 100));
    tx.processed(
        "matching.vacancies",
        activity::MEDIATION,
        &subject(candidate_id),
    )
    .await?;
    tx.commit().await?;
    let weaker = fits
        .iter()
        .filter(|(_, m)| (1..MIN_SUGGESTION).contains(&percent(m.score)))
        .count();
    let matches = fits
        .into_iter()
        .filter(|(_, m)| percent(m.score) >= MIN_SUGGESTION)
        .map(|(i, m)| {
            let v = &full[i];
            VacancyMatch {
                vacancy_id: v.id,
                title: v.title.clone(),
                employer_name: v.employer_name.clone(),
                city: v.city.clone(),
                score: percent(m.score),
                confidence: percent(m.confidence),
                explanation: labelled(&m.explanation, &labels),
            }
        })
        .collect();
    Ok(Suggestions {
        matches,
        weaker,
        open: full.len(),
        work_ready,
    })
}

/// The skills a candidate misses for a vacancy, grouped by their broader skill group.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SkillsGap {
    pub vacancy_title: String,
    pub candidate_name: String,
    /// The required skills the candidate has (as the ranking's card lists them).
    pub has: Vec<String>,
    /// The required skills the candidate lacks but has a related skill for (as the card says).
    pub related: Vec<String>,
    /// The missing skills per broader skill group, the group with most missing essentials first.
    pub groups: Vec<GapGroup>,
}

/// The missing skills of one broader skill group.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GapGroup {
    pub group: String,
    /// Essential skills of the vacancy the candidate lacks.
    pub essential: Vec<String>,
    /// Optional skills of the vacancy the candidate lacks.
    pub optional: Vec<String>,
}

/// What a candidate lacks for a vacancy: read from the same explanation as the ranking's card,
/// so the two cannot disagree.
pub async fn skills_gap(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    vacancy_id: i64,
    candidate_id: i64,
) -> Result<SkillsGap, AppError> {
    actor.require(Permission::ReadCandidates)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let v = vacancies::get(&mut tx, vacancy_id).await?;
    let c = candidates::get(&mut tx, actor.candidate_scope(), candidate_id).await?;
    let (index, (labels, isco)) = index(ctx, &mut tx).await?;
    let m = index
        .explain(
            candidate_id,
            &requirements(actor, &v, &isco),
            Weights::default(),
        )
        .ok_or(AppError::NotFound)?;
    let e = labelled(&m.explanation, &labels);
    let mut groups: Vec<GapGroup> = Vec::new();
    let missing = m.explanation.missing_essential.iter().map(|s| (s, true));
    let missing = missing.chain(m.explanation.missing_optional.iter().map(|s| (s, false)));
    for (uri, essential) in missing {
        let group = index
            .taxonomy()
            .broader(uri)
            .first()
            .map(|b| label(&labels, b))
            .unwrap_or_else(|| "Overige vaardigheden".into());
        let entry = match groups.iter_mut().position(|g| g.group == group) {
            Some(i) => &mut groups[i],
            None => {
                groups.push(GapGroup {
                    group,
                    essential: Vec::new(),
                    optional: Vec::new(),
                });
                let last = groups.len() - 1;
                &mut groups[last]
            }
        };
        if essential {
            entry.essential.push(label(&labels, uri))
        } else {
            entry.optional.push(label(&labels, uri))
        }
    }
    groups.sort_by(|a, b| {
        b.essential
            .len()
            .cmp(&a.essential.len())
            .then(a.group.cmp(&b.group))
    });
    tx.processed("matching.gap", activity::MEDIATION, &subject(candidate_id))
        .await?;
    tx.commit().await?;
    Ok(SkillsGap {
        vacancy_title: v.title,
        candidate_name: format!("{} {}", c.first_name, c.last_name),
        has: e
            .matched_essential
            .into_iter()
            .chain(e.matched_optional)
            .collect(),
        related: e.partial,
        groups,
    })
}
