//! The Werkcentrum's section of a report: conversations, locations, referrals and trajectories.

use koppel_export::Section;

use super::Ctx;

impl Ctx<'_> {
    pub(super) fn desk(&self) -> Section {
        let fs = self.fs;
        let tables = vec![
            self.table(
                "werkcentrum-gesprekken",
                "Gesprekken per vraag en kanaal",
                "Vraag",
                &fs.desk_conversations,
            ),
            self.table(
                "werkcentrum-locaties",
                "Gesprekken per locatie",
                "Locatie",
                &fs.desk_locations,
            ),
            self.table(
                "werkcentrum-doorverwijzingen",
                "Doorverwijzingen per partner, en hoeveel er zijn aangenomen",
                "Partner",
                &fs.desk_referrals,
            ),
            self.table(
                "werkcentrum-trajecten",
                "Trajecten gestart in de periode, per soort en uitkomst",
                "Soort",
                &fs.desk_trajectories,
            ),
        ];
        let mut s = self.section("Werkcentrum", None, tables);
        let none = fs
            .desk_conversations
            .rows
            .iter()
            .all(|r| r.counts.iter().all(|c| *c == Some(0)));
        if s.remark.is_none() && none {
            s.remark =
                Some("Geen gesprekken van het Werkcentrum in deze periode of selectie.".into());
        }
        s
    }
}
