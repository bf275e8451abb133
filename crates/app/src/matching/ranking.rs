//! "Kandidaten zoeken": the ranking of candidates for a vacancy, narrowed and sorted as the
//! adviser asks, one page at a time; only the candidates on the page are read and logged.

use std::collections::HashMap;

use koppel_domain::permissions::Permission;
use koppel_matching::{Match, Weights, SAME_OCCUPATION, SAME_OCCUPATION_GROUP};
use koppel_store::matching::{self as reads, CandidateCard};
use koppel_store::vacancies;
use serde::Serialize;
use utoipa::ToSchema;

use super::{index, labelled, percent, requirements, LabelledExplanation};
use crate::logging::activity;
use crate::nominations::subject;
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

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
    /// The occupation the vacancy names, by its name in the taxonomy.
    pub vacancy_occupation: Option<String>,
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
/// organisation's candidates, a distance, hours, how much is known, the same occupation; and
/// whether it is sorted by distance instead of by score.
#[derive(Debug, Clone, Default)]
pub struct Refine {
    /// Results skipped (the pages before this one).
    pub offset: usize,
    pub limit: usize,
    /// Only candidates of this target group (when the vacancy is open to it).
    pub target_group: Option<String>,
    /// Only candidates of the actor's own organisation, not those shared with consent.
    pub own_only: bool,
    /// Only candidates at most this far from the vacancy (those whose distance is not known stay).
    pub max_distance_km: Option<f64>,
    /// Only candidates who can work at least these hours a week (those whose hours are not known
    /// stay).
    pub min_hours: Option<i64>,
    /// Only candidates of whom at least this share (in %) of the data is known.
    pub min_known: Option<i64>,
    /// Only candidates who want the vacancy's occupation or one of its ISCO group.
    pub same_occupation: bool,
    /// Nearest first (distance not known last), instead of best first.
    pub by_distance: bool,
}

impl Refine {
    /// Whether the ranking is narrowed or sorted beyond what the engine does: then the best
    /// `MAX_RANK` are read and narrowed here.
    fn narrows(&self) -> bool {
        self.max_distance_km.is_some()
            || self.min_hours.is_some()
            || self.min_known.is_some()
            || self.same_occupation
            || self.by_distance
    }

    /// Whether a match passes the narrowing the explanation can tell.
    fn keeps(&self, m: &Match) -> bool {
        let e = &m.explanation;
        let near = match (self.max_distance_km, e.distance_km) {
            (Some(max), Some(d)) => d <= max,
            _ => true,
        };
        let known = self
            .min_known
            .is_none_or(|min| percent(m.confidence) >= min);
        let occupation = !self.same_occupation
            || matches!(e.occupation, Some(SAME_OCCUPATION | SAME_OCCUPATION_GROUP));
        near && known && occupation
    }
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
    let deepest = if refine.narrows() {
        MAX_RANK
    } else {
        (refine.offset + refine.limit).clamp(1, MAX_RANK)
    };
    let mut result = index.search(&wanted, Weights::default(), deepest);
    if !open_to_group {
        result.matches.clear();
        result.passed_filters = 0;
    }
    let (ranked, mut cards) = narrowed(&mut tx, actor, refine, result.matches).await?;
    if refine.narrows() {
        result.passed_filters = ranked.len();
    }
    let page: Vec<&Match> = ranked
        .iter()
        .skip(refine.offset)
        .take(refine.limit)
        .collect();
    let unread: Vec<i64> = page
        .iter()
        .map(|m| m.candidate_id)
        .filter(|id| !cards.contains_key(id))
        .collect();
    cards.extend(card_map(&mut tx, actor, &unread).await?);
    let results: Vec<CandidateMatch> = page
        .into_iter()
        .filter_map(|m| {
            let c = cards.get(&m.candidate_id)?;
            Some(CandidateMatch {
                candidate_id: c.id,
                name: format!("{} {}", c.first_name, c.last_name),
                organisation: c.org_name.clone(),
                target_group: c.target_group_label.clone(),
                score: percent(m.score),
                confidence: percent(m.confidence),
                explanation: labelled(&m.explanation, &labels),
            })
        })
        .collect();
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
        vacancy_occupation: v
            .occupation_uri
            .as_ref()
            .map(|uri| v.occupation_label.clone().unwrap_or_else(|| uri.clone())),
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

/// The cards of the candidates `ids` the actor may see, by id, in one query.
async fn card_map(
    tx: &mut Op<'_>,
    actor: &Actor,
    ids: &[i64],
) -> Result<HashMap<i64, CandidateCard>, AppError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(reads::cards(tx, actor.candidate_scope(), ids)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect())
}

/// The matches narrowed and sorted as asked, with the cards already read to do so (the hours
/// are on the card: then every match's card is read, in one query).
async fn narrowed(
    tx: &mut Op<'_>,
    actor: &Actor,
    refine: &Refine,
    matches: Vec<Match>,
) -> Result<(Vec<Match>, HashMap<i64, CandidateCard>), AppError> {
    let mut kept: Vec<Match> = matches.into_iter().filter(|m| refine.keeps(m)).collect();
    let mut cards = HashMap::new();
    if let Some(min) = refine.min_hours {
        let ids: Vec<i64> = kept.iter().map(|m| m.candidate_id).collect();
        cards = card_map(tx, actor, &ids).await?;
        kept.retain(|m| {
            cards
                .get(&m.candidate_id)
                .is_some_and(|c| c.hours_per_week.is_none_or(|h| h >= min))
        });
    }
    if refine.by_distance {
        // A stable sort: at the same distance the better match stays first.
        kept.sort_by(|a, b| {
            let d = |m: &Match| m.explanation.distance_km.unwrap_or(f64::INFINITY);
            d(a).total_cmp(&d(b))
        });
    }
    Ok((kept, cards))
}
