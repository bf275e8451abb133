//! Matching as a use case: candidates for a vacancy, vacancies for a candidate, and the skills gap
//! of a pair. The index is built from the store and rebuilt as soon as any candidate changed
//! (a freshness key read on every search), so a change is visible to the next search.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{Duration, Utc};
use koppel_domain::permissions::Permission;
use koppel_matching::{Centroids, Explanation, Requirements, Weights};
use koppel_store::vacancies::{self, Vacancy, VacancyFilter};
use koppel_store::{candidates, Page};
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

pub use cache::forget;
use cache::index;
pub(crate) use cache::Cache;

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
    /// "required skill (via broader group)".
    pub partial: Vec<String>,
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
            .map(|(s, b)| format!("{} (via {})", label(labels, s), label(labels, b)))
            .collect(),
        occupation: e.occupation.map(String::from),
        distance_km: e.distance_km,
        passed: e.passed.iter().map(|s| s.to_string()).collect(),
        unknown: e.unknown.iter().map(|s| s.to_string()).collect(),
    }
}

/// One candidate in the ranking.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CandidateMatch {
    pub candidate_id: i64,
    pub name: String,
    pub organisation: String,
    pub target_group: String,
    /// Skill coverage in percent.
    pub score: i64,
    /// Confidence in percent: lower when data is unknown.
    pub confidence: i64,
    pub explanation: LabelledExplanation,
}

/// The ranking of candidates for a vacancy, and why others are not in it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CandidateRanking {
    pub vacancy_id: i64,
    pub vacancy_title: String,
    pub results: Vec<CandidateMatch>,
    pub passed_filters: i64,
    /// (filter, how many visible candidates it excluded)
    pub excluded: Vec<(String, i64)>,
    pub without_skills: bool,
}

/// The best candidates for a vacancy among those the actor may see; each one shown is logged.
pub async fn candidates_for_vacancy(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    vacancy_id: i64,
    k: usize,
) -> Result<CandidateRanking, AppError> {
    let whole = Refine {
        limit: k,
        ..Refine::default()
    };
    candidates_for_vacancy_refined(ctx, actor, meta, vacancy_id, &whole).await
}

/// How an adviser narrows the ranking: one page of it, one target group, only their own
/// organisation's candidates.
#[derive(Debug, Clone, Default)]
pub struct Refine {
    /// Results skipped (the pages before this one).
    pub offset: usize,
    pub limit: usize,
    /// Only candidates of this target group (when the vacancy is open to it).
    pub target_group: Option<String>,
    /// Only candidates of the actor's own organisation, not those shared with consent.
    pub own_only: bool,
}

/// The deepest a ranking goes.
pub const MAX_RANK: usize = 1000;

/// One page of the ranking of candidates for a vacancy, narrowed as the adviser asked; only the
/// candidates shown are logged.
pub async fn candidates_for_vacancy_refined(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    vacancy_id: i64,
    refine: &Refine,
) -> Result<CandidateRanking, AppError> {
    actor.require(Permission::ReadCandidates)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let v = vacancies::get(&mut tx, vacancy_id).await?;
    let (index, (labels, isco)) = index(ctx, &mut tx).await?;
    let mut wanted = requirements(actor, &v, &isco);
    if refine.own_only {
        wanted.scope = wanted.scope.own_only();
    }
    let open_to_group = refine
        .target_group
        .as_ref()
        .is_none_or(|g| wanted.target_groups.is_empty() || wanted.target_groups.contains(g));
    if let Some(g) = &refine.target_group {
        wanted.target_groups = vec![g.clone()];
    }
    let deepest = (refine.offset + refine.limit).clamp(1, MAX_RANK);
    let mut result = index.search(&wanted, Weights::default(), deepest);
    if !open_to_group {
        result.matches.clear();
        result.passed_filters = 0;
    }
    let mut results = Vec::with_capacity(refine.limit);
    for m in result.matches.iter().skip(refine.offset) {
        let c = candidates::get(&mut tx, actor.candidate_scope(), m.candidate_id).await?;
        results.push(CandidateMatch {
            candidate_id: c.id,
            name: format!("{} {}", c.first_name, c.last_name),
            organisation: c.org_name,
            target_group: c.target_group_label,
            score: (m.score * 100.0).round() as i64,
            confidence: (m.confidence * 100.0).round() as i64,
            explanation: labelled(&m.explanation, &labels),
        });
    }
    let shown = results
        .iter()
        .map(|r| subject(r.candidate_id))
        .collect::<Vec<_>>();
    tx.processed_each("matching.candidates", activity::MEDIATION, shown)
        .await?;
    tx.commit().await?;
    Ok(CandidateRanking {
        vacancy_id,
        vacancy_title: v.title,
        results,
        passed_filters: result.passed_filters as i64,
        excluded: result
            .excluded
            .into_iter()
            .map(|(f, n)| (f.to_string(), n as i64))
            .collect(),
        without_skills: result.without_skills,
    })
}

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
    let open = VacancyFilter {
        status: Some("open".into()),
        ..Default::default()
    };
    // Every open vacancy, a page of 200 at a time.
    let mut full = Vec::new();
    for number in 1.. {
        let page = vacancies::list(&mut tx, &open, Page::new(number, 200)).await?;
        for v in &page.items {
            full.push(vacancies::get(&mut tx, v.id).await?);
        }
        if number >= page.pages() {
            break;
        }
    }
    let reqs: Vec<Requirements> = full.iter().map(|v| requirements(actor, v, &isco)).collect();
    let fits = index.fit(candidate_id, &reqs, Weights::default(), k.clamp(1, 100));
    tx.processed(
        "matching.vacancies",
        activity::MEDIATION,
        &subject(candidate_id),
    )
    .await?;
    tx.commit().await?;
    let percent = |m: &koppel_matching::Match| (m.score * 100.0).round() as i64;
    let weaker = fits
        .iter()
        .filter(|(_, m)| (1..MIN_SUGGESTION).contains(&percent(m)))
        .count();
    let matches = fits
        .into_iter()
        .filter(|(_, m)| percent(m) >= MIN_SUGGESTION)
        .map(|(i, m)| {
            let v = &full[i];
            VacancyMatch {
                vacancy_id: v.id,
                title: v.title.clone(),
                employer_name: v.employer_name.clone(),
                city: v.city.clone(),
                score: (m.score * 100.0).round() as i64,
                confidence: (m.confidence * 100.0).round() as i64,
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
    pub has: Vec<String>,
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
    let (index, (labels, _)) = index(ctx, &mut tx).await?;
    let have: Vec<&str> = c.skills.iter().map(|s| s.uri.as_str()).collect();
    let mut groups: Vec<GapGroup> = Vec::new();
    for s in v.skills.iter().filter(|s| !have.contains(&s.uri.as_str())) {
        let group = index
            .taxonomy()
            .broader(&s.uri)
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
        if s.essential {
            entry.essential.push(label(&labels, &s.uri))
        } else {
            entry.optional.push(label(&labels, &s.uri))
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
        has: v
            .skills
            .iter()
            .filter(|s| have.contains(&s.uri.as_str()))
            .map(|s| label(&labels, &s.uri))
            .collect(),
        groups,
    })
}
