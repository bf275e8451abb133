//! The in-memory index: candidate profiles stored column by column in compact, interned form,
//! grouped by PC4 area (and within an area by travel distance, furthest first), so a search only
//! reads the areas a vacancy can be reached from.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::{Centroids, Taxonomy};

/// What matching knows of a candidate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CandidateProfile {
    pub id: i64,
    pub org_id: i64,
    pub consent_wsp: bool,
    pub work_ready: bool,
    pub pc4: Option<u16>,
    pub max_travel_km: Option<i64>,
    pub hours_per_week: Option<i64>,
    /// VUM work and thinking level 1-6; `None` when unknown.
    pub education: Option<u8>,
    /// Driving-licence codes.
    pub licences: Vec<String>,
    /// (ISO 639-3 code, level 1-4).
    pub languages: Vec<(String, u8)>,
    pub available_from: Option<NaiveDate>,
    pub target_group: String,
    /// Skill URIs.
    pub skills: Vec<String>,
    /// The occupation the candidate wants (URI); `None` when unknown.
    pub occupation: Option<String>,
    /// That occupation's ISCO group.
    pub occupation_group: Option<String>,
}

/// What the filters read of a profile, packed together so a search reads one record per profile.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Hot {
    /// Maximum travel distance in km, or `UNKNOWN_U16`.
    pub(crate) travel: u16,
    /// Interned organisation.
    pub(crate) org: u16,
    /// Interned target group.
    pub(crate) group: u16,
    /// The occupation (interned), `NO_OCCUPATION`, or `BIG_OCCUPATION` (then see `occupation`).
    pub(crate) occupation: u16,
    /// `CONSENT` and `WORK_READY` in the low bits; the education level (0 unknown) in the high four.
    pub(crate) flags: u8,
    /// Hours per week; 0 is unknown.
    pub(crate) hours: u8,
    /// The first language (id, level); id `NO_LANGUAGE` when there is none.
    pub(crate) language: (u8, u8),
    /// A bit per interned licence code (the first 32 codes).
    pub(crate) licences: u32,
    /// Available from (days from the common era), or `UNKNOWN_DAY`.
    pub(crate) available: i32,
    /// The first skills (ids, ascending), `NO_SKILL` for none; the rest are in `extra_skills`.
    pub(crate) skills: [u16; INLINE_SKILLS],
}

impl Hot {
    /// The education level; 0 is unknown.
    #[inline(always)]
    pub(crate) fn education(&self) -> u8 {
        self.flags >> 4
    }
}

pub(crate) const NO_OCCUPATION: u16 = u16::MAX;
pub(crate) const BIG_OCCUPATION: u16 = u16::MAX - 1;

/// How many skills a profile keeps in its record.
pub(crate) const INLINE_SKILLS: usize = 6;
pub(crate) const NO_SKILL: u16 = u16::MAX;

pub(crate) const NO_LANGUAGE: u8 = u8::MAX;

/// "Unknown" in the compact columns.
pub(crate) const NONE: u32 = u32::MAX;
pub(crate) const UNKNOWN_U16: u16 = u16::MAX;
pub(crate) const UNKNOWN_DAY: i32 = i32::MIN;

pub(crate) const CONSENT: u8 = 1;
pub(crate) const WORK_READY: u8 = 2;
/// The profile has more skills than its record holds.
pub(crate) const HAS_EXTRA: u8 = 4;

/// Values interned to small numbers, in order of first appearance.
#[derive(Debug, Clone, Default)]
pub(crate) struct Interner {
    pub(crate) values: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Interner {
    pub(crate) fn intern(&mut self, v: &str) -> u32 {
        if let Some(&id) = self.ids.get(v) {
            return id;
        }
        let id = self.values.len() as u32;
        self.values.push(v.to_string());
        self.ids.insert(v.to_string(), id);
        id
    }

    pub(crate) fn get(&self, v: &str) -> Option<u32> {
        self.ids.get(v).copied()
    }

    fn bytes(&self) -> usize {
        self.values.iter().map(|v| v.capacity() * 2 + 48).sum()
    }
}

/// A run of positions whose profiles share a PC4 area.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Area {
    pub(crate) pc4: u16,
    /// Its centroid, (latitude, longitude) in degrees.
    pub(crate) point: (f64, f64),
    pub(crate) start: u32,
    pub(crate) end: u32,
    /// Its travel steps in `Index::steps`: for each travel distance in the area (furthest
    /// first), where the profiles who travel at least that far end.
    pub(crate) steps: (u32, u32),
}

/// Candidate profiles plus what scoring needs, column by column; "position" numbers a profile.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub(crate) ids: Vec<i64>,
    /// What the filters read, one record per profile, side by side in memory.
    pub(crate) hot: Vec<Hot>,
    pub(crate) pc4: Vec<u16>,
    /// (language id, level), per profile from `lang_start[pos]` to `lang_start[pos + 1]`.
    pub(crate) lang_start: Vec<u32>,
    pub(crate) langs: Vec<(u8, u8)>,
    /// The occupation of each profile (interned), or `NONE`.
    pub(crate) occupation: Vec<u32>,
    /// Per interned occupation: its ISCO group (interned), or `NONE`.
    pub(crate) group_of_occupation: Vec<u32>,
    /// The skill ids that do not fit in a profile's record (more than `INLINE_SKILLS`, or an id
    /// too large), per profile from `extra_start[pos]` to `extra_start[pos + 1]`.
    pub(crate) extra_start: Vec<u32>,
    pub(crate) extra_skills: Vec<u32>,
    /// Candidate ids ascending, with their positions.
    pub(crate) sorted_ids: Vec<i64>,
    pub(crate) sorted_pos: Vec<u32>,
    /// Located profiles (known area and travel distance), by area.
    pub(crate) areas: Vec<Area>,
    /// (travel distance, end position) of every area, see `Area::steps`.
    pub(crate) steps: Vec<(u16, u32)>,
    /// The longest travel distance of any located profile.
    pub(crate) max_travel: u16,
    /// Positions from here on have no usable area or travel distance: always looked at.
    pub(crate) unlocated: u32,
    pub(crate) skill_names: Interner,
    /// Per skill id: how many profiles have it.
    pub(crate) df: Vec<u32>,
    /// Per skill id: its broader concepts' ids (interned too).
    pub(crate) broader: Vec<Vec<u32>>,
    /// Per skill id: its rarity squared (for the mass of a profile).
    pub(crate) rarity_by_id: Vec<f32>,
    /// The mean mass of a profile: the sum of its skills' squared rarities (for length balance).
    pub(crate) mean_mass: f64,
    /// Per position: the profile's mass, worked out once at build time.
    pub(crate) mass: Vec<f32>,
    /// Per concept id: the skill ids that have it as broader concept.
    pub(crate) narrower: HashMap<u32, Vec<u32>>,
    pub(crate) orgs: Vec<i64>,
    pub(crate) licence_codes: Interner,
    pub(crate) language_codes: Interner,
    pub(crate) groups: Interner,
    pub(crate) occupations: Interner,
    pub(crate) occupation_groups: Interner,
    /// How many profiles each (organisation id, consent) has, to count whom a scope may see.
    pub(crate) owners: HashMap<(i64, bool), usize>,
    pub(crate) taxonomy: Taxonomy,
    pub(crate) centroids: Centroids,
}

impl Index {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub(crate) fn position(&self, id: i64) -> Option<u32> {
        self.sorted_ids
            .binary_search(&id)
            .ok()
            .map(|i| self.sorted_pos[i])
    }

    /// The skill ids of the profile at a position that are not in its record.
    #[inline(always)]
    pub(crate) fn extra(&self, p: usize) -> &[u32] {
        &self.extra_skills[self.extra_start[p] as usize..self.extra_start[p + 1] as usize]
    }

    pub(crate) fn consent(h: &Hot) -> bool {
        h.flags & CONSENT != 0
    }

    pub(crate) fn work_ready(h: &Hot) -> bool {
        h.flags & WORK_READY != 0
    }

    /// The weight of a skill: rare skills count more than very common, transversal ones.
    pub(crate) fn rarity(&self, uri: &str) -> f64 {
        let df = self
            .skill_names
            .get(uri)
            .map(|i| self.df[i as usize])
            .unwrap_or(0);
        self.rarity_of(df)
    }

    pub(crate) fn rarity_of(&self, df: u32) -> f64 {
        let n = self.ids.len().max(1) as f64;
        (1.0 + n / (1.0 + f64::from(df))).ln().max(0.1)
    }

    /// How many profiles the scope may see.
    pub(crate) fn visible_total(&self, scope: koppel_domain::permissions::CandidateScope) -> usize {
        self.owners
            .iter()
            .filter(|((org, consent), _)| scope.allows(*org, *consent))
            .map(|(_, n)| n)
            .sum()
    }

    /// The memory the index holds, in bytes (the capacity of every column and table).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        fn v<T>(x: &Vec<T>) -> usize {
            x.capacity() * std::mem::size_of::<T>()
        }
        v(&self.ids)
            + v(&self.hot)
            + v(&self.pc4)
            + v(&self.lang_start)
            + v(&self.langs)
            + v(&self.occupation)
            + v(&self.group_of_occupation)
            + v(&self.extra_start)
            + v(&self.extra_skills)
            + v(&self.sorted_ids)
            + v(&self.sorted_pos)
            + v(&self.areas)
            + v(&self.steps)
            + v(&self.df)
            + v(&self.rarity_by_id)
            + v(&self.mass)
            + v(&self.broader)
            + self.broader.iter().map(v).sum::<usize>()
            + self.narrower.values().map(|l| v(l) + 32).sum::<usize>()
            + v(&self.orgs)
            + self.owners.len() * (size_of::<(i64, bool)>() + 16)
            + self.skill_names.bytes()
            + self.licence_codes.bytes()
            + self.language_codes.bytes()
            + self.groups.bytes()
            + self.occupations.bytes()
            + self.occupation_groups.bytes()
    }

    pub fn centroids(&self) -> &Centroids {
        &self.centroids
    }

    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }
}
