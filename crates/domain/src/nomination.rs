//! The nomination (voordracht) state machine: which step may follow which.

use crate::codes::{code_list, CodeList};
use crate::values::ValueError;

/// The reason code a step needs: declined and not placed need one from their own list.
pub fn check_reason_code(
    next: NominationState,
    code: Option<&str>,
) -> Result<Option<&'static str>, ValueError> {
    let missing = || ValueError::new("required", "Kies de reden.");
    match next {
        NominationState::Declined => code
            .ok_or_else(missing)
            .and_then(DeclineReason::parse)
            .map(|r| Some(r.code())),
        NominationState::NotPlaced => code
            .ok_or_else(missing)
            .and_then(NotPlacedReason::parse)
            .map(|r| Some(r.code())),
        _ => Ok(None),
    }
}

code_list!(
    /// Where a nomination stands.
    NominationState, "voordrachtstatus" {
        Proposed => ("proposed", "Voorgedragen"),
        Interested => ("interested", "Interesse"),
        Declined => ("declined", "Afgewezen"),
        Interview => ("interview", "Gesprek"),
        Offer => ("offer", "Aanbod"),
        Placed => ("placed", "Geplaatst"),
        NotPlaced => ("not_placed", "Niet geplaatst"),
    }
);

code_list!(
    /// Why an employer declined a proposed candidate.
    DeclineReason, "reden van afwijzing" {
        OtherCandidate => ("other_candidate", "Andere kandidaat gekozen"),
        Experience => ("experience", "Ervaring past niet"),
        Education => ("education", "Opleiding past niet"),
        Language => ("language", "Taalniveau onvoldoende"),
        Travel => ("travel", "Reisafstand te groot"),
        Hours => ("hours", "Uren passen niet"),
        Motivation => ("motivation", "Motivatie"),
        VacancyFilled => ("vacancy_filled", "Vacature al vervuld"),
        Other => ("other", "Andere reden"),
    }
);

code_list!(
    /// Why a nomination that got to an interview or offer did not end in a placement.
    NotPlacedReason, "reden niet geplaatst" {
        CandidateWithdrew => ("candidate_withdrew", "Kandidaat trekt zich terug"),
        EmployerWithdrew => ("employer_withdrew", "Werkgever ziet af"),
        Terms => ("terms", "Arbeidsvoorwaarden"),
        Health => ("health", "Gezondheid"),
        VacancyCancelled => ("vacancy_cancelled", "Vacature vervallen"),
        Other => ("other", "Andere reden"),
    }
);

impl NominationState {
    /// The states that may follow this one.
    pub fn next_states(self) -> &'static [NominationState] {
        use NominationState::*;
        match self {
            Proposed => &[Interested, Declined],
            Interested => &[Interview, Declined, NotPlaced],
            Interview => &[Offer, NotPlaced],
            Offer => &[Placed, NotPlaced],
            Declined | Placed | NotPlaced => &[],
        }
    }

    /// Checks a step, with a Dutch message when it is not allowed.
    pub fn step_to(self, next: NominationState) -> Result<NominationState, ValueError> {
        if self.next_states().contains(&next) {
            Ok(next)
        } else {
            Err(ValueError::new(
                "illegal_transition",
                format!(
                    "Een voordracht met status '{}' kan niet naar '{}'.",
                    self.label(),
                    next.label()
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NominationState::*;

    #[test]
    fn the_happy_path_and_a_refused_step() {
        let s = Proposed
            .step_to(Interested)
            .and_then(|s| s.step_to(Interview))
            .and_then(|s| s.step_to(Offer));
        assert_eq!(s.and_then(|s| s.step_to(Placed)), Ok(Placed));
        assert!(Proposed.step_to(Placed).is_err());
        assert!(Placed.next_states().is_empty());
    }
}
