//! An employer's timeline as a table: contact moments, agreements, contact requests, account
//! holders, placements and after-care, newest first, each linked to where it is kept.

use super::views::{label, local_time, Cell, Table};

/// The timeline of contact moments, agreements, contact requests, placements and after-care, newest
/// first.
pub fn table(entries: &[koppel_app::crm::TimelineEntry], can_write: bool) -> Table {
    use koppel_app::domain::crm::{AgreementStatus, ContactKind, PartnershipLevel};
    let rows = entries
        .iter()
        .map(|t| {
            let (what, link) = match t.entry_type.as_str() {
                "contact_moment" => (
                    format!(
                        "{} ({})",
                        label::<ContactKind>(&t.kind),
                        t.level
                            .as_deref()
                            .map(label::<PartnershipLevel>)
                            .unwrap_or_default()
                    ),
                    None,
                ),
                "agreement" => (
                    format!(
                        "Afspraak, {}{}",
                        label::<AgreementStatus>(&t.kind).to_lowercase(),
                        t.due_date
                            .map(|d| format!(", uiterlijk {}", d.format("%d-%m-%Y")))
                            .unwrap_or_default()
                    ),
                    can_write.then(|| format!("/afspraken/{}/bewerken", t.id)),
                ),
                "placement" => (
                    "Plaatsing".to_string(),
                    Some(format!("/plaatsingen/{}", t.id)),
                ),
                "aftercare" => (
                    match t.due_date {
                        Some(d) => format!("Nazorg, gepland op {}", d.format("%d-%m-%Y")),
                        None => "Nazorg".to_string(),
                    },
                    None,
                ),
                _ => (
                    "Contactverzoek".to_string(),
                    Some(format!("/contactverzoeken/{}", t.id)),
                ),
            };
            let title = match link {
                Some(href) => Cell::link(&t.title, href),
                None => Cell::text(&t.title),
            };
            vec![
                Cell::text(local_time(t.at)),
                Cell::text(what),
                title,
                Cell::text(&t.detail),
                Cell::text(t.by.clone().unwrap_or_default()),
            ]
        })
        .collect();
    Table {
        columns: vec!["Wanneer", "Wat", "Onderwerp", "Notities", "Door"],
        rows,
        empty: "Nog geen contactmomenten, afspraken of verzoeken.",
    }
}
