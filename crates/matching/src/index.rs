//! The in-memory index: candidate profiles, their skills interned with posting lists (which
//! profiles have each skill, and which have a skill of each broader group), and the hierarchy.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::Centroids;

/// The skill hierarchy, by URI: each skill (or skill group) with its broader one.
#[derive(Debug, Clone, Default)]
pub struct Taxonomy {
    broader: HashMap<String, String>,
}

impl Taxonomy {
    pub fn new(broader: HashMap<String, String>) -> Self {
        Self { broader }
    }

    pub fn broader(&self, uri: &str) -> Option<&str> {
        self.broader.get(uri).map(String::as_str)
    }
}

/// What matching knows of a candidate.
#[derive(Debug, Clone, Default)]
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
}

/// Candidate profiles plus what scoring needs.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub(crate) profiles: Vec<CandidateProfile>,
    /// Skill URI -> interned id.
    pub(crate) ids: HashMap<String, u32>,
    /// Per skill id: the positions of the profiles that have it, ascending.
    pub(crate) postings: Vec<Vec<u32>>,
    /// Per group URI: the positions of the profiles that have the group itself or a skill in it.
    pub(crate) group_postings: HashMap<String, Vec<u32>>,
    /// Per profile position: its skill ids, sorted.
    pub(crate) skill_ids: Vec<Vec<u32>>,
    pub(crate) taxonomy: Taxonomy,
    pub(crate) centroids: Centroids,
}

impl Index {
    pub fn build(
        mut profiles: Vec<CandidateProfile>,
        taxonomy: Taxonomy,
        centroids: Centroids,
    ) -> Self {
        profiles.sort_by_key(|p| p.id);
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut postings: Vec<Vec<u32>> = Vec::new();
        let mut group_postings: HashMap<String, Vec<u32>> = HashMap::new();
        let mut skill_ids = Vec::with_capacity(profiles.len());
        for (pos, p) in profiles.iter_mut().enumerate() {
            p.skills.sort();
            p.skills.dedup();
            let pos = pos as u32;
            let mut mine: Vec<u32> = Vec::with_capacity(p.skills.len());
            for s in &p.skills {
                let next = ids.len() as u32;
                let id = *ids.entry(s.clone()).or_insert(next);
                if id as usize == postings.len() {
                    postings.push(Vec::new());
                }
                postings[id as usize].push(pos);
                mine.push(id);
                for group in [Some(s.as_str()), taxonomy.broader(s)]
                    .into_iter()
                    .flatten()
                {
                    let list = group_postings.entry(group.to_string()).or_default();
                    if list.last() != Some(&pos) {
                        list.push(pos);
                    }
                }
            }
            mine.sort_unstable();
            skill_ids.push(mine);
        }
        Self {
            profiles,
            ids,
            postings,
            group_postings,
            skill_ids,
            taxonomy,
            centroids,
        }
    }

    pub fn len(&self) -> usize {
        self.profiles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.profiles.is_empty()
    }

    pub fn profile(&self, id: i64) -> Option<&CandidateProfile> {
        self.profiles
            .binary_search_by_key(&id, |p| p.id)
            .ok()
            .map(|i| &self.profiles[i])
    }

    /// The weight of a skill: rare skills count more than very common, transversal ones.
    pub(crate) fn rarity(&self, uri: &str) -> f64 {
        let n = self.profiles.len().max(1) as f64;
        let df = self
            .ids
            .get(uri)
            .map(|&i| self.postings[i as usize].len())
            .unwrap_or(0) as f64;
        (1.0 + n / (1.0 + df)).ln().max(0.1)
    }

    pub fn centroids(&self) -> &Centroids {
        &self.centroids
    }

    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }
}
