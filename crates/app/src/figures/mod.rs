//! Management information: measures computed from the work itself over a period, targets, the
//! factsheet and the evaluations laid out from them, and small-cell suppression for anything that
//! leaves the organisation.

mod access;
mod activities;
mod compute;
mod desk;
pub mod layout;
mod measures;
pub mod period;
pub mod targets;

use chrono::NaiveDate;
use serde::Serialize;

pub use access::{
    factsheet, filter_options, own_figures, report_factsheet, Audience, FilterOptions,
};
pub use compute::compute;
pub use period::Period;

/// Which part of the region to count: an organisation, a subregion, a cluster (all optional).
#[derive(Debug, Clone, Default)]
pub struct FigureFilter {
    pub org_id: Option<i64>,
    pub subregion: Option<String>,
    pub cluster: Option<koppel_domain::codes::Cluster>,
}

/// One column of a breakdown: a machine key and a Dutch label.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Column {
    pub key: &'static str,
    pub label: &'static str,
}

/// A table of counts: rows (such as target groups) by columns (such as placements and outflow).
/// A count is `None` when it was suppressed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Breakdown {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = BreakdownRow)]
pub struct Row {
    pub key: String,
    pub label: String,
    pub counts: Vec<Option<i64>>,
}

impl Breakdown {
    pub fn new(columns: &[(&'static str, &'static str)]) -> Self {
        Self {
            columns: columns
                .iter()
                .map(|&(key, label)| Column { key, label })
                .collect(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, key: impl Into<String>, label: impl Into<String>, counts: Vec<i64>) {
        self.rows.push(Row {
            key: key.into(),
            label: label.into(),
            counts: counts.into_iter().map(Some).collect(),
        });
    }

    /// The count in `column` of the row with `key` (zero when the row is absent).
    pub fn get(&self, key: &str, column: &str) -> Option<i64> {
        let c = self.columns.iter().position(|c| c.key == column)?;
        match self.rows.iter().find(|r| r.key == key) {
            Some(r) => r.counts.get(c).copied().flatten(),
            None => Some(0),
        }
    }

    pub fn total(&self, column: usize) -> i64 {
        self.rows
            .iter()
            .filter_map(|r| r.counts.get(column).copied().flatten())
            .sum()
    }

    /// Hides counts from 1 to `threshold - 1`. With `secondary`, a column with exactly one hidden
    /// count also hides its next smallest count, so the column total does not give it away.
    pub fn suppress(&mut self, threshold: i64, secondary: bool) {
        for c in 0..self.columns.len() {
            let mut hidden = 0;
            for row in &mut self.rows {
                if let Some(Some(v)) = row.counts.get(c) {
                    if *v > 0 && *v < threshold {
                        row.counts[c] = None;
                        hidden += 1;
                    }
                }
            }
            if secondary && hidden == 1 {
                let smallest = self
                    .rows
                    .iter_mut()
                    .filter(|r| matches!(r.counts.get(c), Some(Some(v)) if *v > 0))
                    .min_by_key(|r| r.counts[c]);
                if let Some(row) = smallest {
                    row.counts[c] = None;
                }
            }
        }
    }
}

/// The target of one group for the period, pro rata from the yearly targets.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TargetLine {
    pub target_group: String,
    pub label: String,
    /// The yearly target(s) the period touches; `None` when the group has none.
    pub yearly: Option<i64>,
    /// The part of the yearly targets that falls in the period, rounded.
    pub for_period: Option<i64>,
}

/// The mean days nominations stayed in a stage before moving on; `None` when none moved on.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StageDays {
    pub stage: String,
    pub days: Option<f64>,
}

/// Everything the factsheet shows, for one period and one part of the region.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Factsheet {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The day sustainability (still in work after 6 months) is judged on.
    pub as_of: NaiveDate,
    /// The filters, as labels; empty for the whole region.
    pub scope: Vec<String>,
    pub has_data: bool,
    /// Counts below this were hidden; `None` for the internal view.
    pub suppressed_below: Option<i64>,
    pub key_figures: Breakdown,
    pub targets: Vec<TargetLine>,
    pub placements_by_target_group: Breakdown,
    pub placements_by_month: Breakdown,
    pub placements_by_organisation: Breakdown,
    pub placements_by_municipality: Breakdown,
    pub placements_by_subregion: Breakdown,
    pub placements_by_cluster: Breakdown,
    pub placements_by_sector: Breakdown,
    /// Only in the internal view.
    pub placements_by_adviser: Option<Breakdown>,
    pub funnel: Breakdown,
    /// Mean days a nomination stayed in each stage before moving on.
    pub funnel_mean_days: Vec<StageDays>,
    pub nomination_outcomes: Breakdown,
    pub contact_requests: Breakdown,
    pub median_response_minutes: Option<i64>,
    pub satisfaction: Breakdown,
    pub satisfaction_mean: Option<f64>,
    pub events: Breakdown,
    pub jobhunters_and_desk: Breakdown,
    pub instruments: Breakdown,
    pub aftercare: Breakdown,
    pub employers_by_sector: Breakdown,
    pub vacancies_by_sector: Breakdown,
    pub mean_days_to_fill: Option<f64>,
    pub candidates_registered: Breakdown,
    /// The Werkcentrum's desk: conversations per question (a column per channel), per location,
    /// referrals per partner, trajectories per kind. Empty under a subregion or cluster filter,
    /// which the desk has no part in.
    pub desk_conversations: Breakdown,
    pub desk_locations: Breakdown,
    pub desk_referrals: Breakdown,
    pub desk_trajectories: Breakdown,
}

impl Factsheet {
    /// Every breakdown by a dimension (all but the key figures and the per-adviser one, which
    /// never leaves the organisation): the one list suppression walks. The test
    /// `every_breakdown_is_suppressed` counts the breakdowns in the serialised factsheet, so a new
    /// field left off this list fails it.
    pub fn breakdowns_mut(&mut self) -> Vec<&mut Breakdown> {
        vec![
            &mut self.placements_by_target_group,
            &mut self.placements_by_month,
            &mut self.placements_by_organisation,
            &mut self.placements_by_municipality,
            &mut self.placements_by_subregion,
            &mut self.placements_by_cluster,
            &mut self.placements_by_sector,
            &mut self.funnel,
            &mut self.nomination_outcomes,
            &mut self.contact_requests,
            &mut self.satisfaction,
            &mut self.events,
            &mut self.jobhunters_and_desk,
            &mut self.instruments,
            &mut self.aftercare,
            &mut self.employers_by_sector,
            &mut self.vacancies_by_sector,
            &mut self.candidates_registered,
            &mut self.desk_conversations,
            &mut self.desk_locations,
            &mut self.desk_referrals,
            &mut self.desk_trajectories,
        ]
    }

    /// The version that may leave the organisation: small counts hidden, no figures per adviser,
    /// and averages over fewer answers than the threshold left out.
    pub fn suppressed(mut self, threshold: i64) -> Self {
        if threshold <= 1 {
            self.placements_by_adviser = None;
            self.suppressed_below = Some(threshold.max(0));
            return self;
        }
        self.key_figures.suppress(threshold, false);
        for b in self.breakdowns_mut() {
            b.suppress(threshold, true);
        }
        let answers = self.satisfaction.total(0);
        if answers < threshold {
            self.satisfaction_mean = None;
        }
        let answered = self.contact_requests.get("answered", "count").unwrap_or(0);
        if answered < threshold {
            self.median_response_minutes = None;
        }
        let filled = self
            .key_figures
            .get("vacancies_filled", "value")
            .unwrap_or(0);
        if filled < threshold {
            self.mean_days_to_fill = None;
        }
        self.placements_by_adviser = None;
        self.suppressed_below = Some(threshold);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_hidden_with_a_second_one_to_protect_the_total() {
        let mut b = Breakdown::new(&[("n", "Aantal")]);
        b.push("a", "A", vec![12]);
        b.push("b", "B", vec![3]);
        b.push("c", "C", vec![7]);
        b.push("d", "D", vec![0]);
        b.suppress(5, true);
        let counts: Vec<Option<i64>> = b.rows.iter().map(|r| r.counts[0]).collect();
        assert_eq!(counts, vec![Some(12), None, None, Some(0)]);
        let mut two = Breakdown::new(&[("n", "Aantal")]);
        two.push("a", "A", vec![1]);
        two.push("b", "B", vec![2]);
        two.push("c", "C", vec![9]);
        two.suppress(5, true);
        let counts: Vec<Option<i64>> = two.rows.iter().map(|r| r.counts[0]).collect();
        assert_eq!(counts, vec![None, None, Some(9)]);
    }
}
