//! The nomination (voordracht) state machine: which step may follow which.

use crate::codes::{code_list, CodeList};
use crate::values::ValueError;

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
