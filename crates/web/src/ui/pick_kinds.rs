//! The kinds of reference a form field picks by name: what each is called in the search URLs
//! (`/kiezen/{slug}`), in messages, and in the hint under its field.

use koppel_app::picking::PickKind;

/// The slug of a kind in the search address, and its Dutch names.
pub fn slug(kind: PickKind) -> &'static str {
    match kind {
        PickKind::Employer => "werkgevers",
        PickKind::Candidate => "kandidaten",
        PickKind::Vacancy => "vacatures",
        PickKind::Occupation => "beroepen",
        PickKind::Skill => "vaardigheden",
    }
}

/// The kind a search URL names.
pub(super) fn kind_of(name: &str) -> Option<PickKind> {
    [
        PickKind::Employer,
        PickKind::Candidate,
        PickKind::Vacancy,
        PickKind::Occupation,
        PickKind::Skill,
    ]
    .into_iter()
    .find(|k| slug(*k) == name)
}

/// The name of one of the kind, in messages.
pub(super) fn singular(kind: PickKind) -> &'static str {
    match kind {
        PickKind::Employer => "werkgever",
        PickKind::Candidate => "kandidaat",
        PickKind::Vacancy => "vacature",
        PickKind::Occupation => "beroep",
        PickKind::Skill => "vaardigheid",
    }
}

/// The hint under a pick field.
pub fn hint(kind: PickKind) -> &'static str {
    match kind {
        PickKind::Employer => "Typ een deel van de naam van de werkgever en kies.",
        PickKind::Candidate => "Typ een deel van de naam van de kandidaat en kies.",
        PickKind::Vacancy => "Typ een deel van de functietitel of de werkgever en kies.",
        PickKind::Occupation => "Typ een deel van de beroepsnaam en kies.",
        PickKind::Skill => "Typ een deel van de vaardigheid of een synoniem en kies.",
    }
}
