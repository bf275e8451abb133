//! The Werkcentrum's part of the figures: conversations per question and channel and per
//! location, the people helped, referrals per partner and how many landed, and trajectories per
//! kind and outcome.

use koppel_domain::codes::CodeList;
use koppel_domain::desk::{Channel, Question, ReferralStatus, TrajectoryOutcome};
use koppel_store::desk_figures::DeskFacts;

use super::Breakdown;

/// The desk's breakdowns and the two headline numbers.
pub(super) struct DeskFigures {
    pub(super) conversations: Breakdown,
    pub(super) locations: Breakdown,
    pub(super) referrals: Breakdown,
    pub(super) trajectories: Breakdown,
    pub(super) people: i64,
    pub(super) trajectories_paid: i64,
}

fn columns<T: CodeList>() -> Vec<(&'static str, &'static str)> {
    T::ALL.iter().map(|c| (c.code(), c.label())).collect()
}

pub(super) fn measures(f: &DeskFacts) -> DeskFigures {
    let mut conversations = Breakdown::new(&columns::<Channel>());
    for q in Question::ALL {
        let counts = Channel::ALL
            .iter()
            .map(|c| {
                f.conversations
                    .iter()
                    .filter(|(ch, qu, _)| ch == c.code() && qu == q.code())
                    .map(|(_, _, n)| n)
                    .sum()
            })
            .collect();
        conversations.push(q.code(), q.label(), counts);
    }
    let mut locations = Breakdown::new(&[("count", "Gesprekken")]);
    for (name, n) in &f.locations {
        let label = name
            .clone()
            .unwrap_or_else(|| "geen locatie (telefoon of online)".into());
        locations.push(label.clone(), label, vec![*n]);
    }
    let mut referral_cols = vec![("sent", "Doorverwezen")];
    referral_cols.extend(
        columns::<ReferralStatus>()
            .into_iter()
            .filter(|(code, _)| *code != ReferralStatus::Sent.code()),
    );
    referral_cols.push(("waiting", "Nog geen antwoord"));
    let mut referrals = Breakdown::new(&referral_cols);
    let mut partners: Vec<&String> = f.referrals.iter().map(|(o, _, _)| o).collect();
    partners.dedup();
    for org in partners {
        let n = |status: &str| -> i64 {
            f.referrals
                .iter()
                .filter(|(o, s, _)| o == org && s == status)
                .map(|(_, _, n)| n)
                .sum()
        };
        let (accepted, returned, waiting) = (n("accepted"), n("returned"), n("sent"));
        referrals.push(
            org.clone(),
            org.clone(),
            vec![accepted + returned + waiting, accepted, returned, waiting],
        );
    }
    let mut trajectory_cols = vec![("started", "Gestart")];
    trajectory_cols.extend(columns::<TrajectoryOutcome>());
    let mut trajectories = Breakdown::new(&trajectory_cols);
    let mut kinds: Vec<&String> = f.trajectories.iter().map(|(k, _, _)| k).collect();
    kinds.dedup();
    let mut paid = 0;
    for kind in kinds {
        let of = |outcome: &str| -> i64 {
            f.trajectories
                .iter()
                .filter(|(k, o, _)| k == kind && o == outcome)
                .map(|(_, _, n)| n)
                .sum()
        };
        let by_outcome: Vec<i64> = TrajectoryOutcome::ALL
            .iter()
            .map(|o| of(o.code()))
            .collect();
        let started: i64 = by_outcome.iter().sum();
        paid += started;
        let mut counts = vec![started];
        counts.extend(by_outcome);
        trajectories.push(kind.clone(), kind.clone(), counts);
    }
    DeskFigures {
        conversations,
        locations,
        referrals,
        trajectories,
        people: f.people,
        trajectories_paid: paid,
    }
}
