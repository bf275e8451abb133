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
