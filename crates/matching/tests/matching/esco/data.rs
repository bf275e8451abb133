//! The real-data world of the quality test: ESCO's ICT occupations with their skills, ISCO groups
//! and skill hierarchy (fixtures/esco_ict.json, made by scripts/esco-ict-fixture.py), noisy
//! candidates built from them, and vacancies asking for an occupation's skills.

use std::collections::HashMap;

use koppel_domain::permissions::{CandidateScope, ScopeKind};
use koppel_matching::synthetic::Rng;
use koppel_matching::{CandidateProfile, Requirements, Taxonomy};

pub struct Occupation {
    pub uri: String,
    pub isco: String,
    pub skills: Vec<String>,
}

pub struct World {
    pub occupations: Vec<Occupation>,
    /// Every skill, for random noise.
    pub skills: Vec<String>,
    /// (skill, broader concept), several per skill.
    pub broader: Vec<(String, String)>,
}

/// How a candidate was made, for the slices of the report.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// Most of the occupation's skills (its essential third more often than the rest), some
    /// random ones added.
    Noisy,
    /// Two to four of the occupation's skills.
    Short,
    /// Skills next to the occupation's (a sibling under the same broader concept), none of its own.
    SiblingOnly,
}

pub struct Candidate {
    pub profile: CandidateProfile,
    pub occupation: usize,
    pub kind: Kind,
    pub states_occupation: bool,
}

pub fn load() -> World {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/esco_ict.json");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let text = |x: &serde_json::Value| x.as_str().unwrap().to_string();
    let occupations: Vec<Occupation> = v["occupations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| Occupation {
            uri: text(&o["uri"]),
            isco: text(&o["isco"]),
            skills: o["skills"].as_array().unwrap().iter().map(text).collect(),
        })
        .collect();
    let mut skills: Vec<String> = occupations.iter().flat_map(|o| o.skills.clone()).collect();
    skills.sort();
    skills.dedup();
    let broader = v["broader"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (text(&p[0]), text(&p[1])))
        .collect();
    World {
        occupations,
        skills,
        broader,
    }
}

impl World {
    pub fn taxonomy(&self) -> Taxonomy {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for (s, b) in &self.broader {
            map.entry(s.clone()).or_default().push(b.clone());
        }
        Taxonomy::new(map)
    }

    /// A skill under the same broader concept as `skill`, not one of `avoid`.
    fn sibling(&self, skill: &str, avoid: &[String], r: &mut Rng) -> Option<String> {
        let parents: Vec<&str> = self
            .broader
            .iter()
            .filter(|(s, _)| s == skill)
            .map(|(_, b)| b.as_str())
            .collect();
        let siblings: Vec<&String> = self
            .broader
            .iter()
            .filter(|(s, b)| parents.contains(&b.as_str()) && s != skill && !avoid.contains(s))
            .map(|(s, _)| s)
            .filter(|s| self.skills.contains(s))
            .collect();
        (!siblings.is_empty()).then(|| siblings[r.below(siblings.len() as u64) as usize].clone())
    }

    /// `n` candidates: each from a random occupation, of a random kind, seven in ten stating it.
    pub fn candidates(&self, n: usize, seed: u64) -> Vec<Candidate> {
        let mut r = Rng::new(seed);
        (0..n)
            .map(|i| {
                let o = r.below(self.occupations.len() as u64) as usize;
                let own = &self.occupations[o].skills;
                let kind = match r.below(10) {
                    0..=5 => Kind::Noisy,
                    6..=7 => Kind::Short,
                    _ => Kind::SiblingOnly,
                };
                let mut skills: Vec<String> = match kind {
                    Kind::Noisy => {
                        let essential = own.len() / 3;
                        let mut s: Vec<String> = own
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| r.below(10) < if *i < essential { 8 } else { 5 })
                            .map(|(_, s)| s.clone())
                            .collect();
                        for _ in 0..r.below(5) {
                            s.push(self.skills[r.below(self.skills.len() as u64) as usize].clone());
                        }
                        s
                    }
                    Kind::Short => {
                        let k = 2 + r.below(3) as usize;
                        (0..k)
                            .map(|_| own[r.below(own.len() as u64) as usize].clone())
                            .collect()
                    }
                    Kind::SiblingOnly => {
                        let mut s = Vec::new();
                        for skill in own {
                            if r.below(10) >= 5 {
                                s.extend(self.sibling(skill, own, &mut r));
                            }
                        }
                        s
                    }
                };
                skills.sort();
                skills.dedup();
                let states = r.below(10) < 7;
                let occupation = &self.occupations[o];
                Candidate {
                    profile: CandidateProfile {
                        id: i as i64 + 1,
                        org_id: 1,
                        consent_wsp: true,
                        work_ready: true,
                        target_group: "ww".into(),
                        skills,
                        occupation: states.then(|| occupation.uri.clone()),
                        occupation_group: states.then(|| occupation.isco.clone()),
                        ..Default::default()
                    },
                    occupation: o,
                    kind,
                    states_occupation: states,
                }
            })
            .collect()
    }

    /// A vacancy for occupation `o`: its first third of skills essential, the rest optional.
    pub fn vacancy(&self, o: usize, with_occupation: bool) -> Requirements {
        let skills = &self.occupations[o].skills;
        let cut = skills.len() / 3;
        Requirements {
            essential_skills: skills[..cut].to_vec(),
            optional_skills: skills[cut..].to_vec(),
            pc4: None,
            hours_per_week: None,
            min_education: None,
            licences: Vec::new(),
            languages: Vec::new(),
            needed_by: None,
            require_work_ready: false,
            target_groups: Vec::new(),
            scope: CandidateScope::for_tests(ScopeKind::OwnAndShared { org_id: 1 }),
            occupation: with_occupation.then(|| self.occupations[o].uri.clone()),
            occupation_group: with_occupation.then(|| self.occupations[o].isco.clone()),
        }
    }

    /// Graded relevance: 3 the same occupation, 2 the same ISCO unit group, 1 the same major
    /// group, 0 otherwise.
    pub fn relevance(&self, candidate: usize, vacancy: usize) -> f64 {
        let (a, b) = (&self.occupations[candidate], &self.occupations[vacancy]);
        if candidate == vacancy {
            3.0
        } else if a.isco == b.isco {
            2.0
        } else if a.isco[..1] == b.isco[..1] {
            1.0
        } else {
            0.0
        }
    }
}
