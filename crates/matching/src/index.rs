//! The in-memory index: candidate profiles with interned skills, and the skill hierarchy.

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

/// Candidate profiles plus what scoring needs: how common each skill is, the hierarchy, the map.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub(crate) profiles: Vec<CandidateProfile>,
    /// How many profiles have each skill (document frequency).
    pub(crate) frequency: HashMap<String, u32>,
    pub(crate) taxonomy: Taxonomy,
    pub(crate) centroids: Centroids,
}

impl Index {
    pub fn build(
        mut profiles: Vec<CandidateProfile>,
        taxonomy: Taxonomy,
        centroids: Centroids,
    ) -> Self {
        let mut frequency: HashMap<String, u32> = HashMap::new();
        for p in &mut profiles {
            p.skills.sort();
            p.skills.dedup();
            for s in &p.skills {
                *frequency.entry(s.clone()).or_default() += 1;
            }
        }
        profiles.sort_by_key(|p| p.id);
        Self {
            profiles,
            frequency,
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
        let df = f64::from(self.frequency.get(uri).copied().unwrap_or(0));
        (1.0 + n / (1.0 + df)).ln().max(0.1)
    }

    pub fn centroids(&self) -> &Centroids {
        &self.centroids
    }

    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }
}
