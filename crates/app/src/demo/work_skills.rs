//! Which ESCO skill groups the demo region's vacancies ask for and its candidates bring, by the
//! occupation's ISCO-08 sub-major group, so that a train driver needs "besturen van voertuigen"
//! and a nurse "verstrekken van medische, tandheelkundige en verpleegkundige zorg", never hair
//! care. (The Dutch ESCO copy shipped with koppel holds the skill groups, not the full relations
//! of occupations to skills; this table follows the groups' own structure.)

use std::collections::HashMap;

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::reference_data::EscoConcept;

/// ISCO-08 minor group (3 digits, where a sub-major group holds very different work) or
/// sub-major group (2 digits) -> the skill-group codes its work asks for.
const BY_ISCO: &[(&str, &[&str])] = &[
    ("221", &["S3.2.1", "S2.1.2", "S3.2.5", "S2.2.4", "S1.5.4"]),
    ("222", &["S3.2.1", "S2.2.4", "S3.6.2", "S2.8.6"]),
    ("226", &["S3.2.3", "S8.6.1", "S3.2.1", "S2.2.4"]),
    ("241", &["S2.7.3", "S1.5.2", "S2.2.1", "S4.3.1"]),
    ("242", &["S2.7.4", "S4.1.3", "S2.2.3", "S1.5.7"]),
    ("243", &["S1.6.2", "S2.1.1", "S1.6.1", "S1.13.2"]),
    ("512", &["S3.5.1", "S6.11.1", "S1.11.3", "S2.8.9"]),
    ("513", &["S3.5.2", "S3.4.2", "S4.4.2", "S6.11.1"]),
    ("514", &["S3.6.4", "S3.4.2", "S1.6.1"]),
    ("515", &["S6.11.2", "S4.8.1", "S2.8.2"]),
    ("516", &["S3.4.2", "S1.3.3", "S8.2.2", "S3.4.1"]),
    ("831", &["S8.2.3", "S3.3.3", "S2.8.4"]),
    ("832", &["S8.2.2", "S6.2.1", "S3.4.1"]),
    ("833", &["S8.2.1", "S6.2.1", "S3.3.3"]),
    ("834", &["S8.1.3", "S8.1.1", "S8.1.2", "S6.2.2"]),
    ("911", &["S6.11.2", "S6.12.0", "S6.13.2"]),
    ("912", &["S6.11.1", "S6.11.2", "S6.11.3"]),
    ("01", &["S3.3.5", "S2.8.4", "S3.3.1"]),
    ("02", &["S3.3.5", "S2.8.4", "S3.3.1"]),
    ("03", &["S3.3.5", "S2.8.4", "S3.3.1"]),
    ("11", &["S4.1.0", "S4.5.0", "S4.9.0", "S1.5.7", "S4.3.1"]),
    ("12", &["S4.3.1", "S4.3.2", "S4.1.2", "S4.8.1", "S2.7.4"]),
    ("13", &["S4.2.5", "S4.3.2", "S4.2.1", "S4.8.2", "S2.8.2"]),
    ("14", &["S4.2.1", "S1.6.1", "S4.3.2", "S4.4.2", "S3.4.2"]),
    ("21", &["S2.1.1", "S1.11.5", "S2.7.6", "S2.2.6", "S8.6.3"]),
    ("22", &["S3.2.1", "S2.1.2", "S2.2.4", "S1.5.4", "S8.6.1"]),
    ("23", &["S1.3.1", "S1.3.5", "S4.1.6", "S1.4.1", "S1.5.8"]),
    ("24", &["S2.7.3", "S1.5.2", "S2.2.1", "S1.6.2", "S4.1.2"]),
    ("25", &["S5.1.0", "S5.2.1", "S1.11.1", "S5.5.2", "S5.2.3"]),
    ("26", &["S1.5.1", "S3.1.1", "S1.13.2", "S1.14.2", "S2.2.2"]),
    ("31", &["S2.8.1", "S2.1.3", "S8.6.5", "S2.2.6", "S2.8.10"]),
    ("32", &["S3.2.1", "S2.2.4", "S3.6.2", "S8.6.1", "S3.2.3"]),
    ("33", &["S4.4.3", "S2.2.1", "S1.6.1", "S4.4.2", "S2.4.2"]),
    ("34", &["S3.1.1", "S3.1.2", "S1.14.1", "S1.12.1", "S3.4.1"]),
    ("35", &["S5.2.3", "S5.2.1", "S5.2.2", "S8.6.4", "S5.6.1"]),
    ("41", &["S4.4.3", "S2.4.2", "S5.6.2", "S2.3.0", "S3.4.1"]),
    ("42", &["S3.4.1", "S3.4.2", "S1.1.3", "S4.4.2", "S5.6.1"]),
    ("43", &["S2.6.1", "S2.2.5", "S6.2.3", "S4.4.2", "S2.4.2"]),
    ("44", &["S4.4.3", "S2.4.1", "S6.1.1", "S2.2.5"]),
    ("51", &["S3.5.1", "S3.5.2", "S3.6.4", "S3.4.2", "S6.11.2"]),
    ("52", &["S1.6.1", "S4.4.2", "S3.4.1", "S6.2.3", "S1.1.3"]),
    ("53", &["S3.6.2", "S3.6.3", "S3.6.1", "S3.1.1", "S3.2.1"]),
    ("54", &["S3.3.5", "S2.8.4", "S3.3.4", "S2.2.7"]),
    ("61", &["S6.4.1", "S6.4.2", "S6.9.5", "S8.1.2"]),
    ("62", &["S6.4.2", "S6.9.2", "S8.1.2", "S8.3.0"]),
    ("63", &["S6.4.1", "S6.9.5", "S6.4.2"]),
    ("71", &["S7.1.0", "S7.1.1", "S7.3.4", "S6.7.1", "S7.2.3"]),
    ("72", &["S7.1.6", "S8.7.1", "S8.4.2", "S6.7.1", "S8.7.2"]),
    ("73", &["S6.5.1", "S8.5.6", "S6.7.2", "S1.12.3"]),
    ("74", &["S8.8.1", "S8.8.2", "S6.5.3", "S2.8.1"]),
    ("75", &["S6.5.7", "S8.5.4", "S2.8.9", "S6.5.6", "S8.4.6"]),
    ("81", &["S8.5.0", "S8.5.2", "S8.4.7", "S8.5.7", "S2.8.10"]),
    ("82", &["S6.5.4", "S6.5.3", "S8.5.0", "S2.8.10"]),
    ("83", &["S8.2.1", "S8.2.2", "S8.1.3", "S6.2.1", "S8.2.3"]),
    ("91", &["S6.11.2", "S6.11.1", "S6.12.0", "S6.13.2"]),
    ("92", &["S6.4.2", "S6.9.5", "S6.2.2"]),
    ("93", &["S6.2.1", "S6.2.2", "S6.1.3", "S6.1.1", "S6.13.2"]),
    ("94", &["S3.5.1", "S6.11.1", "S6.13.2"]),
    ("95", &["S1.6.1", "S6.11.3", "S3.4.1"]),
    ("96", &["S6.13.2", "S6.13.0", "S6.11.3", "S8.2.2"]),
];

/// Asked for in almost any work: communicating, teamwork, following procedures, safety.
const TRANSVERSAL: &[&str] = &["S1.2.1", "S1.8.1", "S1.8.5", "S3.3.1"];

/// The skill groups (URIs) of each sub-major group, and the transversal ones.
pub(super) struct WorkSkills {
    by_isco: HashMap<&'static str, Vec<String>>,
    transversal: Vec<String>,
}

impl WorkSkills {
    pub(super) fn new(groups: &[EscoConcept]) -> Self {
        let uri: HashMap<&str, &str> = groups
            .iter()
            .filter_map(|g| g.code.as_deref().map(|c| (c, g.uri.as_str())))
            .collect();
        let uris = |codes: &[&str]| -> Vec<String> {
            codes
                .iter()
                .filter_map(|c| uri.get(c).map(|u| u.to_string()))
                .collect()
        };
        Self {
            by_isco: BY_ISCO.iter().map(|(g, c)| (*g, uris(c))).collect(),
            transversal: uris(TRANSVERSAL),
        }
    }

    /// The groups typical of the occupation's work: of its minor group where the table has it,
    /// else of its sub-major group (empty when its ISCO group is unknown).
    fn core(&self, isco: Option<&str>) -> &[String] {
        let group = |n: usize| {
            isco.and_then(|g| g.get(..n))
                .and_then(|g| self.by_isco.get(g))
        };
        group(3).or_else(|| group(2)).map_or(&[], Vec::as_slice)
    }

    /// A vacancy's skills: up to three typical of the work as required, and one or two
    /// transversal ones as wished for.
    pub(super) fn for_vacancy(
        &self,
        rng: &mut ChaCha8Rng,
        isco: Option<&str>,
    ) -> Vec<(String, bool)> {
        let n = rng.gen_range(2..=3);
        let mut out: Vec<(String, bool)> = self
            .core(isco)
            .choose_multiple(rng, n)
            .map(|s| (s.clone(), true))
            .collect();
        let extra = rng.gen_range(1..=2);
        for s in self.transversal.choose_multiple(rng, extra) {
            if !out.iter().any(|(o, _)| o == s) {
                out.push((s.clone(), false));
            }
        }
        out
    }

    /// A candidate's skills: two to four typical of the work they want, and a transversal one.
    pub(super) fn for_candidate(&self, rng: &mut ChaCha8Rng, isco: Option<&str>) -> Vec<String> {
        let n = rng.gen_range(2..=4);
        let mut out: Vec<String> = self.core(isco).choose_multiple(rng, n).cloned().collect();
        if let Some(s) = self.transversal.choose(rng).filter(|s| !out.contains(s)) {
            out.push(s.clone());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No vacancy or candidate gets a skill twice, whatever the group and the draw.
    #[test]
    fn no_skill_twice() {
        use rand::SeedableRng;
        let work = WorkSkills::new(&crate::reference_data::skill_groups());
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for (group, _) in BY_ISCO {
            for _ in 0..50 {
                let v = work.for_vacancy(&mut rng, Some(group));
                let c = work.for_candidate(&mut rng, Some(group));
                let mut vs: Vec<&String> = v.iter().map(|(s, _)| s).collect();
                vs.sort();
                vs.dedup();
                let mut cs = c.clone();
                cs.sort();
                cs.dedup();
                assert_eq!((vs.len(), cs.len()), (v.len(), c.len()), "{group}");
            }
        }
    }

    /// Every code in the table names a skill group of the shipped ESCO copy.
    #[test]
    fn every_code_is_a_skill_group() {
        let groups = crate::reference_data::skill_groups();
        let codes: std::collections::HashSet<&str> =
            groups.iter().filter_map(|g| g.code.as_deref()).collect();
        let missing: Vec<&str> = BY_ISCO
            .iter()
            .flat_map(|(_, c)| c.iter())
            .chain(TRANSVERSAL)
            .filter(|c| !codes.contains(*c))
            .copied()
            .collect();
        assert_eq!(missing, Vec::<&str>::new());
    }
}
