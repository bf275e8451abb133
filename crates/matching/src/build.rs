//! Building the index from candidate profiles: profiles are sorted by area and travel, stored
//! column by column with their codes interned, and then the skill statistics (document
//! frequencies, the hierarchy, rarity and mass) are computed over all of them.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::index::*;
use crate::{Centroids, Taxonomy};

fn day(d: Option<NaiveDate>) -> i32 {
    d.map(|d| d.num_days_from_ce()).unwrap_or(UNKNOWN_DAY)
}

/// Whether a profile has an area the centroids know and a travel distance.
fn located(p: &CandidateProfile, c: &Centroids) -> bool {
    p.pc4.is_some_and(|pc4| c.contains(pc4))
        && p.max_travel_km
            .is_some_and(|t| (0..i64::from(UNKNOWN_U16)).contains(&t))
}

impl Index {
    pub fn build(
        profiles: Vec<CandidateProfile>,
        taxonomy: Taxonomy,
        centroids: Centroids,
    ) -> Self {
        Self::build_from(&profiles, taxonomy, centroids)
    }

    /// Builds the index from borrowed profiles (the caller may keep them without a copy).
    pub fn build_from(
        profiles: &[CandidateProfile],
        taxonomy: Taxonomy,
        centroids: Centroids,
    ) -> Self {
        let mut profiles: Vec<&CandidateProfile> = profiles.iter().collect();
        // Located profiles first, by area and then furthest travel first; the rest after them.
        profiles.sort_by_key(|p| {
            if located(p, &centroids) {
                (0, p.pc4.unwrap_or(0), -p.max_travel_km.unwrap_or(0), p.id)
            } else {
                (1, 0, 0, p.id)
            }
        });
        let mut ix = Index {
            taxonomy,
            centroids,
            ..Default::default()
        };
        let n = profiles.len();
        ix.unlocated = profiles
            .iter()
            .take_while(|p| located(p, &ix.centroids))
            .count() as u32;
        let mut org_ids: HashMap<i64, u16> = HashMap::new();
        ix.lang_start.push(0);
        ix.extra_start.push(0);
        for (pos, p) in profiles.iter().enumerate() {
            ix.push_profile(pos as u32, p, &mut org_ids);
        }
        ix.skill_statistics();
        let mut order: Vec<(i64, u32)> = ix
            .ids
            .iter()
            .enumerate()
            .map(|(p, &id)| (id, p as u32))
            .collect();
        order.sort_unstable();
        ix.sorted_ids = order.iter().map(|(id, _)| *id).collect();
        ix.sorted_pos = order.iter().map(|(_, p)| *p).collect();
        debug_assert_eq!(ix.ids.len(), n);
        ix
    }

    /// Stores one profile at `pos` (in the sorted order).
    fn push_profile(&mut self, pos: u32, p: &CandidateProfile, org_ids: &mut HashMap<i64, u16>) {
        self.ids.push(p.id);
        let next = org_ids.len() as u16;
        let org = *org_ids.entry(p.org_id).or_insert_with(|| {
            self.orgs.push(p.org_id);
            next
        });
        *self.owners.entry((p.org_id, p.consent_wsp)).or_default() += 1;
        self.pc4.push(p.pc4.unwrap_or(UNKNOWN_U16));
        let travel = p
            .max_travel_km
            .filter(|t| (0..i64::from(UNKNOWN_U16)).contains(t))
            .map(|t| t as u16)
            .unwrap_or(UNKNOWN_U16);
        if pos < self.unlocated {
            self.place(pos, p, travel);
        }
        let mut licences = 0u32;
        for l in &p.licences {
            let bit = self.licence_codes.intern(l);
            if bit < 32 {
                licences |= 1 << bit;
            }
        }
        let language = self.push_languages(pos, p);
        let occupation = self.occupation_id(p);
        let (skills, has_extra) = self.push_skills(p);
        self.hot.push(Hot {
            skills,
            travel,
            org,
            group: self.groups.intern(&p.target_group).min(u32::from(u16::MAX)) as u16,
            flags: if p.consent_wsp { CONSENT } else { 0 }
                | if p.work_ready { WORK_READY } else { 0 }
                | p.education.unwrap_or(0).min(15) << 4
                | if has_extra { HAS_EXTRA } else { 0 },
            occupation: match occupation {
                NONE => NO_OCCUPATION,
                o if o >= u32::from(BIG_OCCUPATION) => BIG_OCCUPATION,
                o => o as u16,
            },
            hours: p
                .hours_per_week
                .filter(|h| (1..=168).contains(h))
                .map(|h| h as u8)
                .unwrap_or(0),
            language,
            licences,
            available: day(p.available_from),
        });
        self.occupation.push(occupation);
    }

    /// Puts a located profile in its area, and in the area's run of profiles with its travel
    /// distance.
    fn place(&mut self, pos: u32, p: &CandidateProfile, travel: u16) {
        self.max_travel = self.max_travel.max(travel);
        let steps = self.steps.len() as u32;
        match self.areas.last_mut() {
            Some(a) if a.pc4 == p.pc4.unwrap_or(0) => {
                a.end = pos + 1;
                match self.steps.last_mut() {
                    Some(step) if step.0 == travel => step.1 = pos + 1,
                    _ => {
                        self.steps.push((travel, pos + 1));
                        a.steps.1 = steps + 1;
                    }
                }
            }
            _ => {
                self.steps.push((travel, pos + 1));
                self.areas.push(Area {
                    pc4: p.pc4.unwrap_or(0),
                    point: p
                        .pc4
                        .and_then(|c| self.centroids.point(c))
                        .unwrap_or_default(),
                    start: pos,
                    end: pos + 1,
                    steps: (steps, steps + 1),
                });
            }
        }
    }

    /// Stores the profile's languages; its first language (for the hot row).
    fn push_languages(&mut self, pos: u32, p: &CandidateProfile) -> (u8, u8) {
        for (code, level) in &p.languages {
            let id = self
                .language_codes
                .intern(code)
                .min(u32::from(NO_LANGUAGE) - 1) as u8;
            self.langs.push((id, *level));
        }
        let first = self.langs[self.lang_start[pos as usize] as usize..]
            .first()
            .copied()
            .unwrap_or((NO_LANGUAGE, 0));
        self.lang_start.push(self.langs.len() as u32);
        first
    }

    /// The interned occupation of the profile (`NONE` when unknown), with its group.
    fn occupation_id(&mut self, p: &CandidateProfile) -> u32 {
        let Some(o) = p.occupation.as_deref() else {
            return NONE;
        };
        let id = self.occupations.intern(o);
        if id as usize == self.group_of_occupation.len() {
            self.group_of_occupation.push(NONE);
        }
        if let (NONE, Some(g)) = (self.group_of_occupation[id as usize], &p.occupation_group) {
            self.group_of_occupation[id as usize] = self.occupation_groups.intern(g);
        }
        id
    }

    /// The profile's skills: the first few inline in the hot row, the rest in `extra_skills`.
    fn push_skills(&mut self, p: &CandidateProfile) -> ([u16; INLINE_SKILLS], bool) {
        let mut mine: Vec<u32> = p
            .skills
            .iter()
            .map(|s| self.skill_names.intern(s))
            .collect();
        mine.sort_unstable();
        mine.dedup();
        let mut inline = [NO_SKILL; INLINE_SKILLS];
        let mut slots = 0;
        for &id in &mine {
            if slots < INLINE_SKILLS && id < u32::from(NO_SKILL) {
                inline[slots] = id as u16;
                slots += 1;
            } else {
                self.extra_skills.push(id);
            }
        }
        let has_extra = self.extra_skills.len() as u32 > *self.extra_start.last().unwrap_or(&0);
        self.extra_start.push(self.extra_skills.len() as u32);
        (inline, has_extra)
    }

    /// Document frequencies and the hierarchy over the interned skills (and their groups), and
    /// from them each skill's rarity and each profile's mass.
    fn skill_statistics(&mut self) {
        self.df = vec![0; self.skill_names.values.len()];
        for pos in 0..self.hot.len() {
            for s in self.skills_at(pos as u32) {
                self.df[s as usize] += 1;
            }
        }
        let held = self.skill_names.values.len();
        for s in 0..held {
            let uri = self.skill_names.values[s].clone();
            let parents: Vec<String> = self.taxonomy.broader(&uri).to_vec();
            let ids: Vec<u32> = parents.iter().map(|b| self.skill_names.intern(b)).collect();
            for &b in &ids {
                self.narrower.entry(b).or_default().push(s as u32);
            }
            self.broader.push(ids);
        }
        self.df.resize(self.skill_names.values.len(), 0);
        self.broader
            .resize(self.skill_names.values.len(), Vec::new());
        self.rarity_by_id = self
            .df
            .iter()
            .map(|&d| self.rarity_of(d).powi(2) as f32)
            .collect();
        let mass: f64 = self
            .df
            .iter()
            .zip(&self.rarity_by_id)
            .map(|(&d, &r)| f64::from(d) * f64::from(r))
            .sum();
        self.mean_mass = (mass / self.hot.len().max(1) as f64).max(1.0);
        self.mass = (0..self.hot.len() as u32)
            .map(|p| self.sum_mass(p))
            .collect();
    }
}
