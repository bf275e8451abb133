//! The distance filter as the baselines express it: the PC4 areas within reach of a vacancy, each
//! with the travel distance (whole km) a candidate there must be willing to travel.

use koppel_matching::{CandidateProfile, Centroids};

/// (PC4, minimum travel distance in km) for every area within `max_travel` km of `here`.
pub fn areas(centroids: &Centroids, here: u16, max_travel: u16) -> Vec<(u16, u16)> {
    centroids
        .codes()
        .into_iter()
        .filter_map(|pc4| {
            let d = centroids.distance_km(here, pc4)?;
            (d <= f64::from(max_travel)).then(|| (pc4, d.ceil() as u16))
        })
        .collect()
}

/// The longest travel distance any profile of the pool would travel.
pub fn max_travel(pool: &[CandidateProfile]) -> u16 {
    pool.iter()
        .filter_map(|p| p.max_travel_km)
        .max()
        .unwrap_or(0)
        .clamp(0, i64::from(u16::MAX)) as u16
}
