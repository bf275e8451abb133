//! Reading a profile back from the index's columns (whole, for scoring, for the filters), its
//! skills and its mass.

use crate::index::{
    Index, Interner, CONSENT, NONE, NO_SKILL, UNKNOWN_DAY, UNKNOWN_U16, WORK_READY,
};
use chrono::NaiveDate;

use crate::CandidateProfile;

impl Index {
    /// The profile of a candidate, as it was given.
    pub fn profile(&self, id: i64) -> Option<CandidateProfile> {
        self.position(id).map(|p| self.profile_at(p))
    }

    /// The profile at a position, rebuilt from the columns.
    pub(crate) fn profile_at(&self, pos: u32) -> CandidateProfile {
        let mut p = self.filter_profile_at(pos);
        p.skills = self
            .skills_at(pos)
            .iter()
            .map(|&s| self.skill_names.values[s as usize].clone())
            .collect();
        p.skills.sort();
        p
    }

    /// What scoring reads of the profile at a position besides its skills: its id and occupation.
    pub(crate) fn scoring_profile_at(&self, pos: u32) -> CandidateProfile {
        let (occupation, occupation_group) = self.occupation_at(pos as usize);
        CandidateProfile {
            id: self.ids[pos as usize],
            occupation,
            occupation_group,
            ..Default::default()
        }
    }

    /// The occupation of the profile at `p` and its ISCO group, as URIs.
    fn occupation_at(&self, p: usize) -> (Option<String>, Option<String>) {
        let name = |i: &Interner, id: u32| (id != NONE).then(|| i.values[id as usize].clone());
        let occupation = self.occupation[p];
        let group = if occupation == NONE {
            NONE
        } else {
            self.group_of_occupation[occupation as usize]
        };
        (
            name(&self.occupations, occupation),
            name(&self.occupation_groups, group),
        )
    }

    /// The profile at a position without its skills: what the filters and the occupation need.
    pub(crate) fn filter_profile_at(&self, pos: u32) -> CandidateProfile {
        let p = pos as usize;
        let h = self.hot[p];
        let known16 = |v: u16| (v != UNKNOWN_U16).then_some(v);
        let (occupation, occupation_group) = self.occupation_at(p);
        CandidateProfile {
            id: self.ids[p],
            org_id: self.orgs[h.org as usize],
            consent_wsp: h.flags & CONSENT != 0,
            work_ready: h.flags & WORK_READY != 0,
            pc4: known16(self.pc4[p]),
            max_travel_km: known16(h.travel).map(i64::from),
            hours_per_week: (h.hours > 0).then(|| i64::from(h.hours)),
            education: (h.education() > 0).then_some(h.education()),
            licences: (0..self.licence_codes.values.len().min(32))
                .filter(|b| h.licences & (1 << b) != 0)
                .map(|b| self.licence_codes.values[b].clone())
                .collect(),
            languages: self.langs[self.lang_start[p] as usize..self.lang_start[p + 1] as usize]
                .iter()
                .map(|(l, level)| (self.language_codes.values[*l as usize].clone(), *level))
                .collect(),
            available_from: (h.available != UNKNOWN_DAY)
                .then(|| NaiveDate::from_num_days_from_ce_opt(h.available))
                .flatten(),
            target_group: self.groups.values[h.group as usize].clone(),
            skills: Vec::new(),
            occupation,
            occupation_group,
        }
    }

    /// The skill ids of the profile at a position, ascending.
    pub(crate) fn skills_at(&self, pos: u32) -> Vec<u32> {
        let p = pos as usize;
        let mut all: Vec<u32> = self.hot[p]
            .skills
            .iter()
            .take_while(|&&s| s != NO_SKILL)
            .map(|&s| u32::from(s))
            .chain(self.extra(p).iter().copied())
            .collect();
        all.sort_unstable();
        all
    }

    /// The mass of the profile at a position: the sum of its skills' squared rarities.
    pub(crate) fn mass_at(&self, pos: u32) -> f32 {
        self.mass[pos as usize]
    }

    pub(crate) fn sum_mass(&self, pos: u32) -> f32 {
        let p = pos as usize;
        let mut mass = 0f32;
        for &s in self.hot[p].skills.iter().take_while(|&&s| s != NO_SKILL) {
            mass += self.rarity_by_id[usize::from(s)];
        }
        for &s in self.extra(p) {
            mass += self.rarity_by_id[s as usize];
        }
        mass
    }

    /// A candidate's mass and the mean mass of all profiles (for tools that score the same way,
    /// such as the benchmark's baselines).
    pub fn mass_of(&self, candidate_id: i64) -> Option<(f64, f64)> {
        let pos = self.position(candidate_id)?;
        Some((f64::from(self.mass_at(pos)), self.mean_mass))
    }

    /// The mean mass of a profile (see `mass_of`).
    pub fn mean_mass(&self) -> f64 {
        self.mean_mass
    }
}
