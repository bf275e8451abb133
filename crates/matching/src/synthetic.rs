//! A synthetic candidate pool for benchmarks: skill popularity follows a power law, profiles are
//! built from "occupations" (bundles of related skills), and PC4 codes come from the given list.

use koppel_domain::permissions::{CandidateScope, ScopeKind};

use crate::{CandidateProfile, Requirements};

/// A small deterministic generator (xorshift64*), so every run builds the same pool.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    /// A skill index with a power-law (Zipf-like) popularity over `n` skills.
    pub fn zipf(&mut self, n: u64) -> u64 {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) - 1.0).floor() as u64 % n.max(1)
    }
}

pub const SKILLS: u64 = 13_939;
pub const OCCUPATIONS: u64 = 3_039;

fn skill(i: u64) -> String {
    format!("s{i}")
}

/// The URI of a synthetic occupation.
pub fn occupation_uri(occupation: u64) -> String {
    format!("o{occupation}")
}

/// The group of a synthetic occupation: occupations come in groups of ten related ones.
pub fn occupation_group(occupation: u64) -> String {
    format!("g{}", occupation / 10)
}

/// The skills of an occupation: eight fixed ones drawn with the power law, seeded by the occupation.
pub fn occupation_skills(occupation: u64) -> Vec<String> {
    let mut r = Rng::new(occupation * 7919 + 17);
    (0..8).map(|_| skill(r.zipf(SKILLS))).collect()
}

/// `n` candidate profiles spread over the given PC4 codes.
pub fn pool(n: usize, pc4s: &[u16], seed: u64) -> Vec<CandidateProfile> {
    pool_with_occupations(n, pc4s, seed)
        .into_iter()
        .map(|(p, _)| p)
        .collect()
}

/// Like `pool`, with the occupation each profile was built from (for relevance judgements).
pub fn pool_with_occupations(n: usize, pc4s: &[u16], seed: u64) -> Vec<(CandidateProfile, u64)> {
    let mut r = Rng::new(seed);
    (0..n as i64)
        .map(|id| {
            let occupation = r.zipf(OCCUPATIONS);
            let mut skills = occupation_skills(occupation);
            skills.truncate(3 + r.below(5) as usize);
            for _ in 0..r.below(4) {
                skills.push(skill(r.zipf(SKILLS)));
            }
            // Three in ten have not said which occupation they want.
            let wants = r.below(10) < 7;
            (
                CandidateProfile {
                    id,
                    org_id: 1 + r.below(40) as i64,
                    consent_wsp: r.below(10) < 7,
                    work_ready: r.below(10) < 8,
                    pc4: pc4s.get(r.below(pc4s.len() as u64) as usize).copied(),
                    max_travel_km: Some([5, 10, 15, 25, 40][r.below(5) as usize]),
                    hours_per_week: Some([16, 24, 32, 36, 40][r.below(5) as usize]),
                    education: if r.below(10) < 4 {
                        None
                    } else {
                        Some(1 + r.below(6) as u8)
                    },
                    licences: if r.below(2) == 0 {
                        vec!["B".into()]
                    } else {
                        Vec::new()
                    },
                    languages: vec![("nld".into(), 1 + r.below(4) as u8)],
                    available_from: None,
                    target_group: "ww".into(),
                    skills,
                    occupation: wants.then(|| occupation_uri(occupation)),
                    occupation_group: wants.then(|| occupation_group(occupation)),
                },
                occupation,
            )
        })
        .collect()
}

/// `q` vacancy queries: an occupation's skills (essential and optional) near a random PC4.
pub fn queries(q: usize, pc4s: &[u16], seed: u64) -> Vec<Requirements> {
    let mut r = Rng::new(seed ^ 0x9E37_79B9);
    (0..q)
        .map(|_| {
            let occupation = r.zipf(OCCUPATIONS);
            let skills = occupation_skills(occupation);
            Requirements {
                essential_skills: skills[..4].to_vec(),
                optional_skills: skills[4..].to_vec(),
                pc4: pc4s.get(r.below(pc4s.len() as u64) as usize).copied(),
                hours_per_week: Some(24),
                min_education: Some(2),
                licences: Vec::new(),
                languages: vec![("nld".into(), 2)],
                needed_by: None,
                require_work_ready: true,
                target_groups: Vec::new(),
                scope: CandidateScope::for_tests(ScopeKind::OwnAndShared { org_id: 1 }),
                occupation: Some(occupation_uri(occupation)),
                occupation_group: Some(occupation_group(occupation)),
            }
        })
        .collect()
}
