//! The Werkcentrum's desk: how a resident reached it, what they asked, who asked, and where a
//! referral to a partner organisation stands.

use chrono::{DateTime, Duration, Utc};

use crate::codes::{code_list, CodeList};

code_list!(
    /// How a conversation at the desk took place.
    Channel, "kanaal" {
        WalkIn => ("walk_in", "Spreekuur (binnengelopen)"),
        Phone => ("phone", "Telefoon"),
        Appointment => ("appointment", "Afspraak"),
        Online => ("online", "Online"),
    }
);

code_list!(
    /// What a conversation at the desk was about.
    Question, "vraag" {
        Werken => ("werken", "Werken"),
        Leren => ("leren", "Leren"),
        Loopbaan => ("loopbaan", "Loopbaan"),
        Personeel => ("personeel", "Personeel"),
        Uitkering => ("uitkering", "Uitkering"),
        Anders => ("anders", "Anders"),
    }
);

code_list!(
    /// Who came to the desk with the question.
    Asker, "vraagsteller" {
        Resident => ("resident", "Inwoner (werkzoekend)"),
        Worker => ("worker", "Werkende"),
        Employer => ("employer", "Werkgever"),
    }
);

code_list!(
    /// What a resident asks for through the public form.
    RequestKind, "soort verzoek" {
        Appointment => ("appointment", "Een afspraak op een spreekuur"),
        CallBack => ("call_back", "Teruggebeld worden"),
    }
);

code_list!(
    /// Where a referral (doorverwijzing) to a partner organisation stands.
    ReferralStatus, "status doorverwijzing" {
        Sent => ("sent", "Verstuurd"),
        Accepted => ("accepted", "Aangenomen"),
        Returned => ("returned", "Teruggestuurd"),
    }
);

code_list!(
    /// How a trajectory ended, or that it still runs.
    TrajectoryOutcome, "uitkomst traject" {
        Running => ("running", "Loopt nog"),
        InWork => ("in_work", "Aan het werk"),
        InEducation => ("in_education", "In opleiding"),
        DroppedOut => ("dropped_out", "Voortijdig gestopt"),
    }
);

/// From this share of a budget committed on, booking warns.
pub const BUDGET_WARN_PERCENT: i64 = 90;

/// What booking a trajectory of `cost` does to the year's budget of its kind, of which
/// `committed` is already booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetCheck {
    /// No budget was set for this kind and year: nothing can be booked against it.
    NoBudget,
    /// It fits, and leaves this share of the budget committed (percent, rounded down).
    Fits { used_percent: i64 },
    /// It does not fit: only this much is left.
    Exceeds { available: i64 },
}

impl BudgetCheck {
    pub fn of(budget: Option<i64>, committed: i64, cost: i64) -> Self {
        let Some(budget) = budget else {
            return BudgetCheck::NoBudget;
        };
        let after = committed.saturating_add(cost);
        if after > budget {
            return BudgetCheck::Exceeds {
                available: (budget - committed).max(0),
            };
        }
        let used_percent = if budget == 0 {
            100
        } else {
            after * 100 / budget
        };
        BudgetCheck::Fits { used_percent }
    }

    /// Whether the booking fits but leaves the budget nearly used.
    pub fn warns(self) -> bool {
        matches!(self, BudgetCheck::Fits { used_percent } if used_percent >= BUDGET_WARN_PERCENT)
    }
}

impl ReferralStatus {
    /// Only a referral that was sent and not yet answered can be accepted or sent back.
    pub fn can_answer(self) -> bool {
        self == ReferralStatus::Sent
    }
}

/// Whether a referral needs following up: sent, unanswered and older than `after_days`, and not
/// followed up since (a follow-up starts the wait again).
pub fn needs_follow_up(
    status: ReferralStatus,
    sent_at: DateTime<Utc>,
    followed_up_at: Option<DateTime<Utc>>,
    after_days: i64,
    now: DateTime<Utc>,
) -> bool {
    let since = followed_up_at.unwrap_or(sent_at).max(sent_at);
    status == ReferralStatus::Sent && now - since >= Duration::days(after_days.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_booking_fits_warns_near_the_end_and_never_exceeds_the_budget() {
        assert_eq!(BudgetCheck::of(None, 0, 1), BudgetCheck::NoBudget);
        assert_eq!(
            BudgetCheck::of(Some(10_000), 0, 5_000),
            BudgetCheck::Fits { used_percent: 50 }
        );
        assert!(BudgetCheck::of(Some(10_000), 8_000, 1_000).warns());
        assert!(!BudgetCheck::of(Some(10_000), 0, 8_999).warns());
        assert_eq!(
            BudgetCheck::of(Some(10_000), 10_000, 0),
            BudgetCheck::Fits { used_percent: 100 }
        );
        assert_eq!(
            BudgetCheck::of(Some(10_000), 9_000, 1_001),
            BudgetCheck::Exceeds { available: 1_000 }
        );
        assert_eq!(
            BudgetCheck::of(Some(10_000), 12_000, 1),
            BudgetCheck::Exceeds { available: 0 }
        );
    }

    #[test]
    fn a_referral_is_followed_up_after_the_wait_and_then_waits_again() {
        let sent = DateTime::from_timestamp(1_750_000_000, 0).unwrap_or_default();
        let day = Duration::days(1);
        let open = ReferralStatus::Sent;
        assert!(!needs_follow_up(open, sent, None, 5, sent + day * 4));
        assert!(needs_follow_up(open, sent, None, 5, sent + day * 5));
        assert!(!needs_follow_up(
            open,
            sent,
            Some(sent + day * 5),
            5,
            sent + day * 6
        ));
        assert!(needs_follow_up(
            open,
            sent,
            Some(sent + day * 5),
            5,
            sent + day * 10
        ));
        assert!(!needs_follow_up(
            ReferralStatus::Accepted,
            sent,
            None,
            5,
            sent + day * 30
        ));
        assert!(ReferralStatus::Sent.can_answer() && !ReferralStatus::Returned.can_answer());
    }
}
