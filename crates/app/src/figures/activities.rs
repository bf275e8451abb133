//! The factsheet's sections about activities beside placements: events and what came of them, the
//! work of jobhunters and the Oekraïnebalie, instruments, and after-care outcomes.

use koppel_domain::codes::{CodeList, Role};
use koppel_domain::crm::{AftercareOutcome, EventKind, Instrument};
use koppel_store::figures::{EventFact, PlacementFact};

use super::measures::label_of;
use super::Breakdown;

/// The four activity breakdowns: events, jobhunters and desk, instruments, after-care.
pub(super) fn activities(
    events: &[EventFact],
    by_role: &[(String, i64)],
    placements: &[PlacementFact],
    instruments: &[(String, String, i64)],
    aftercare: &[(String, String, i64)],
) -> [Breakdown; 4] {
    let mut ev = Breakdown::new(&[
        ("events", "Bijeenkomsten"),
        ("employersAttended", "Werkgevers aanwezig"),
        ("candidatesAttended", "Kandidaten aanwezig"),
        ("contactMoments", "Contactmomenten eruit"),
        ("vacancies", "Vacatures eruit"),
        ("placements", "Plaatsingen eruit"),
    ]);
    for e in events {
        ev.push(
            e.kind.clone(),
            label_of::<EventKind>(&e.kind),
            vec![
                e.events,
                e.employers_attended,
                e.candidates_attended,
                e.contact_moments,
                e.vacancies,
                e.placements,
            ],
        );
    }

    let mut people = Breakdown::new(&[
        ("nominations", "Voordrachten"),
        ("placements", "Plaatsingen"),
    ]);
    for role in [Role::Jobhunter, Role::UkraineDesk] {
        let nominations = by_role
            .iter()
            .find(|(r, _)| r == role.code())
            .map(|(_, n)| *n)
            .unwrap_or(0);
        let placed = placements
            .iter()
            .filter(|p| p.placed_by_role.as_deref() == Some(role.code()))
            .count() as i64;
        people.push(role.code(), role.label(), vec![nominations, placed]);
    }

    let mut instr = Breakdown::new(&[
        ("requested", "Aangevraagd"),
        ("granted", "Toegekend (ook later beëindigd)"),
        ("refused", "Afgewezen"),
        ("ended", "Beëindigd"),
    ]);
    for i in Instrument::ALL {
        let of = |statuses: &[&str]| -> i64 {
            instruments
                .iter()
                .filter(|(code, s, _)| {
                    code == i.code() && (statuses.is_empty() || statuses.contains(&s.as_str()))
                })
                .map(|(_, _, n)| n)
                .sum()
        };
        let row = vec![
            of(&[]),
            of(&["granted", "ended"]),
            of(&["refused"]),
            of(&["ended"]),
        ];
        if row[0] > 0 {
            instr.push(i.code(), i.label(), row);
        }
    }

    let mut care = Breakdown::new(&[
        ("two_months", "Na 2 maanden"),
        ("five_months", "Na 5 maanden"),
        ("follow_up", "Vervolg"),
    ]);
    for o in AftercareOutcome::ALL {
        let of = |kind: &str| -> i64 {
            aftercare
                .iter()
                .filter(|(k, out, _)| k == kind && out == o.code())
                .map(|(_, _, n)| n)
                .sum()
        };
        care.push(
            o.code(),
            o.label(),
            vec![of("two_months"), of("five_months"), of("follow_up")],
        );
    }
    [ev, people, instr, care]
}
